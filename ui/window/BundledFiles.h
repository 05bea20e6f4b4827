#pragma once

// Files that travel inside the program as Qt resources (the demo model trained at build time, the
// lessons' data). Torch and the importers read files, so each is copied out once into the cache
// folder (again only when its bytes changed) and opened from there.

#include <QString>

namespace studio {

struct BundledFile {
    QString path;   // the copy to open; empty when there is none
    QString error;  // why not: no such file in this build, or the copy could not be written
};

// `resource` is a Qt resource path (":/lessons/imdb.json").
BundledFile bundledFile(const QString& resource);
BundledFile demoModelFile();

} // namespace studio
