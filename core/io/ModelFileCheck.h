#pragma once

// A model file is read once in a child process before this process reads it. libhdf5 1.10 (Keras
// .h5, and the weights inside a .keras) and LibTorch 1.13 (TorchScript, and .asmodel, which is a
// TorchScript archive) crash, hang or ask for terabytes on some damaged files, inside the library,
// where no check of ours can see it coming (docs/RELIABILITY.md). The child reads the file the
// same way under a time and memory limit; when it crashes, hangs or runs out, this process says
// so, names the file, and never touches it. The HDFGroup's own advice for untrusted files
// (HDFGroup/hdf5#1707) is the same.
//
// The program that reads in the child is set by each main(): attention-cli and attention-studio
// run themselves with kModelFileCheckFlag. With none set (the tests of core, and the child
// itself), files are read in this process only.

#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace studio {

// The first argument of a child that checks a model file: PROGRAM --check-model-file PATH [options].
inline constexpr char kModelFileCheckFlag[] = "--check-model-file";

// Exit codes of the child, read by the parent.
enum class ModelFileCheckExit : int {
    Readable = 0,
    Unreadable = 1,   // a StudioError: its message is the child's standard error
    OutOfMemory = 3,  // std::bad_alloc under the memory limit
    Usage = 2,
};

struct ModelFileCheckLimits {
    int baseTimeoutMs = 60'000;                 // a reader that takes longer is stuck, not slow
    int timeoutMsPerMegabyte = 100;             // ... plus this for each MB of the file
    qint64 baseMemoryBytes = qint64(4) << 30;   // LibTorch's libraries alone map ~1 GB
    qint64 memoryPerFileByte = 16;              // weights held a few times over while they are read
};

// Reads a model file as the child does: PATH [options] in, a ModelFileCheckExit code out, the
// reason on standard error (runModelFileCheck, session/ModelFileCheckChild.h).
using ModelFileReader = int (*)(const QStringList& arguments);

// Who reads in the child: `program` with `arguments` before kModelFileCheckFlag. An empty program
// turns the check off. With a `reader`, a process that has one thread only (the CLI, before any
// model runs) forks itself and reads with it instead: LibTorch is loaded already, so the check
// costs the reading alone rather than a new program's start (~0.8 s); a fork copies only the
// calling thread, so with more threads (the window) the program is started instead.
void setModelFileCheckProgram(const QString& program, const QStringList& arguments = {},
                              ModelFileReader reader = nullptr);
void setModelFileCheckLimits(const ModelFileCheckLimits& limits);

// Reads `path` in a child (`childOptions` follow the path on its command line). Returns when the
// child read it; throws StudioError naming the file when the child could not (its own message),
// crashed, ran out of memory or time. A file that passed and has not changed since (path, size,
// modification time) is not read again. Nothing happens when no program is set.
// Blocks the calling thread until the child ends: call it where the file would be read anyway,
// never on the GUI thread.
void checkModelFileInChild(const QString& path, const QStringList& childOptions = {});

// A file this process has just written whole (saveModelFile): reading it back needs no check.
void markModelFileChecked(const QString& path);

// Children started so far, and of those the forked ones (tests, benchmarks); forgetting which
// files passed (benchmarks that time a first open again and again).
int modelFileChecksStarted();
int modelFileChecksForked();
void forgetCheckedModelFiles();

} // namespace studio
