#pragma once

// The demo model travels inside the program (a Qt resource, trained at build time); torch reads
// files, so it is copied out once into the cache folder and opened from there.

#include <QString>

namespace studio {

struct DemoModelFile {
    QString path;   // the copy to open; empty when there is none
    QString error;  // why not: no demo in this build, or the copy could not be written
};

// Copies the demo out when the cache has no copy of these bytes yet.
DemoModelFile demoModelFile();

} // namespace studio
