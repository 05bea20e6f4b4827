#include "io/ModelFileCheck.h"

#include "common/StudioError.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QSet>

#include <atomic>
#include <initializer_list>
#include <cstring>

#include <cerrno>
#include <cstdio>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define STUDIO_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STUDIO_ADDRESS_SANITIZER 1
#endif
#endif

#ifdef STUDIO_ADDRESS_SANITIZER
#include <sanitizer/common_interface_defs.h>
#endif

namespace studio {
namespace {

constexpr qint64 kBytesPerMegabyte = 1000 * 1000;
constexpr qint64 kMaxMessageBytes = 64 * 1024;  // of the child's standard error
constexpr char kHdf5Signature[] = "\x89HDF\r\n\x1a\n";

struct CheckState {
    QMutex mutex;
    QString program;
    QStringList arguments;
    ModelFileReader reader = nullptr;
    ModelFileCheckLimits limits;
    QSet<QString> passed;  // fileKey() of the files a child read
};

CheckState& state()
{
    static CheckState checks;
    return checks;
}

std::atomic<int> g_started{0};
std::atomic<int> g_forked{0};
std::atomic<bool> g_isCheckChild{false};  // set in a forked child: it reads, it does not check again
constexpr int kPollMs = 10;  // how often a forked child is looked at while it reads

// Path, size and modification time: a file changed since it passed is read again.
QString fileKey(const QFileInfo& info)
{
    return QStringLiteral("%1\n%2\n%3")
        .arg(info.absoluteFilePath())
        .arg(info.size())
        .arg(info.lastModified().toMSecsSinceEpoch());
}

// The library that reads this kind of file, for the message about what went wrong in it.
QString readerOf(const QString& path)
{
    QFile file(path);
    const QByteArray head = file.open(QIODevice::ReadOnly) ? file.read(8) : QByteArray();
    if (head == QByteArray(kHdf5Signature, 8) || path.endsWith(QLatin1String(".keras"), Qt::CaseInsensitive))
        return QStringLiteral("the HDF5 library (libhdf5)");
    return QStringLiteral("LibTorch's TorchScript reader");
}

QString describeGigabytes(qint64 bytes)
{
    return QStringLiteral("%1 GB").arg(static_cast<double>(bytes) / 1e9, 0, 'f', 1);
}

} // namespace

void setModelFileCheckProgram(const QString& program, const QStringList& arguments, ModelFileReader reader)
{
    CheckState& checks = state();
    const QMutexLocker lock(&checks.mutex);
    checks.program = program;
    checks.arguments = arguments;
    checks.reader = reader;
}

void setModelFileCheckLimits(const ModelFileCheckLimits& limits)
{
    CheckState& checks = state();
    const QMutexLocker lock(&checks.mutex);
    checks.limits = limits;
}

int modelFileChecksStarted()
{
    return g_started.load();
}

void forgetCheckedModelFiles()
{
    CheckState& checks = state();
    const QMutexLocker lock(&checks.mutex);
    checks.passed.clear();
}

namespace {

// How a child ended.
struct ChildEnd {
    enum class Kind { Exited, Crashed, TimedOut, NotStarted };
    Kind kind = Kind::NotStarted;
    int code = 0;       // the exit code, or the signal for Crashed
    QByteArray errors;  // its standard error (at most kMaxMessageBytes)
    QString why;        // NotStarted: the reason
};

void limitChildResources(qint64 memoryLimit)
{
    // Only async-signal-safe calls: this runs between fork and exec, or in a forked child.
    const rlimit noCore{0, 0};  // a crash here is expected; a core file of it is not wanted
    setrlimit(RLIMIT_CORE, &noCore);
#ifndef STUDIO_ADDRESS_SANITIZER
    // AddressSanitizer reserves terabytes of address space for its shadow memory.
    const rlimit memory{static_cast<rlim_t>(memoryLimit), static_cast<rlim_t>(memoryLimit)};
    setrlimit(RLIMIT_AS, &memory);
#else
    Q_UNUSED(memoryLimit);
#endif
}

// A program, started fresh (exec): safe from any thread, but it loads LibTorch again (~0.8 s).
ChildEnd runProgram(const QString& program, const QStringList& arguments, qint64 memoryLimit, qint64 timeoutMs)
{
    QProcess child;
    child.setProgram(program);
    child.setArguments(arguments);
    child.setStandardOutputFile(QProcess::nullDevice());
#ifdef STUDIO_ADDRESS_SANITIZER
    // In a sanitizer build the child's crash must stay a crash, and a failed allocation (a failed
    // operator new reports and dies there, RLIMIT_AS cannot be used beside the shadow memory) the
    // out-of-memory exit, as in a normal build: the faults are in uninstrumented libraries. Its
    // reports go to its standard error, not to the run's report folder.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ASAN_OPTIONS"),
                       environment.value(QStringLiteral("ASAN_OPTIONS"))
                           + QStringLiteral(":handle_segv=0:handle_abort=0:detect_leaks=0:log_path=stderr:exitcode=3"));
    child.setProcessEnvironment(environment);
#endif
    child.setChildProcessModifier([memoryLimit] { limitChildResources(memoryLimit); });
    ChildEnd end;
    child.start();
    if (!child.waitForStarted()) {
        end.why = child.errorString();
        return end;
    }
    if (!child.waitForFinished(static_cast<int>(std::min<qint64>(timeoutMs, INT32_MAX)))) {
        child.kill();
        child.waitForFinished();
        end.kind = ChildEnd::Kind::TimedOut;
        return end;
    }
    end.kind = child.exitStatus() == QProcess::CrashExit ? ChildEnd::Kind::Crashed : ChildEnd::Kind::Exited;
    end.code = child.exitCode();  // for a crash, the signal's number (QProcess on Unix)
    end.errors = child.readAllStandardError().left(kMaxMessageBytes);
    return end;
}

// The threads of this process: a fork copies only the calling one, so forking is safe only
// while it is the only one (the CLI, before any model runs).
int threadCount()
{
    return static_cast<int>(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// This process, forked: LibTorch is already loaded, so the check costs the reading alone.
ChildEnd runForked(ModelFileReader reader, const QStringList& arguments, qint64 memoryLimit, qint64 timeoutMs)
{
    ChildEnd end;
    int errorPipe[2];
    if (pipe2(errorPipe, O_CLOEXEC) != 0) {
        end.why = QString::fromLocal8Bit(strerror(errno));
        return end;
    }
    std::fflush(nullptr);  // nothing buffered is written twice
    const pid_t pid = fork();
    if (pid < 0) {
        end.why = QString::fromLocal8Bit(strerror(errno));
        close(errorPipe[0]);
        close(errorPipe[1]);
        return end;
    }
    if (pid == 0) {
        g_isCheckChild = true;
        limitChildResources(memoryLimit);
#ifdef STUDIO_ADDRESS_SANITIZER
        // The sanitizer's own handlers would turn a crash inside LibTorch or libhdf5 (which are not
        // instrumented) into a report and exit code 1: let it stay a crash, as in a normal build.
        struct sigaction byDefault {};
        byDefault.sa_handler = SIG_DFL;
        for (const int number : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
            sigaction(number, &byDefault, nullptr);
        // Under the sanitizer a failed operator new reports and dies instead of throwing bad_alloc:
        // the report goes to this child's standard error (not the run's report folder), and its
        // death is the out-of-memory exit a normal build's bad_alloc gives.
        __sanitizer_set_report_path("stderr");
        __sanitizer_set_death_callback([] { _exit(static_cast<int>(ModelFileCheckExit::OutOfMemory)); });
#endif
        dup2(errorPipe[1], STDERR_FILENO);
        const int code = reader(arguments);
        std::fflush(stderr);
        _exit(code);  // no destructors or exit handlers of the parent's objects
    }
    close(errorPipe[1]);
    QElapsedTimer clock;
    clock.start();
    int status = 0;
    bool ended = false;
    while (!ended) {
        pollfd readable{errorPipe[0], POLLIN, 0};
        if (poll(&readable, 1, kPollMs) > 0) {
            char buffer[4096];
            const ssize_t got = read(errorPipe[0], buffer, sizeof buffer);
            if (got > 0 && end.errors.size() < kMaxMessageBytes)
                end.errors.append(buffer, static_cast<qsizetype>(got));
        }
        ended = waitpid(pid, &status, WNOHANG) == pid;
        if (!ended && clock.elapsed() > timeoutMs) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            close(errorPipe[0]);
            end.kind = ChildEnd::Kind::TimedOut;
            return end;
        }
    }
    char buffer[4096];
    ssize_t got = 0;
    while ((got = read(errorPipe[0], buffer, sizeof buffer)) > 0 && end.errors.size() < kMaxMessageBytes)
        end.errors.append(buffer, static_cast<qsizetype>(got));
    close(errorPipe[0]);
    end.errors = end.errors.left(kMaxMessageBytes);
    if (WIFSIGNALED(status)) {
        end.kind = ChildEnd::Kind::Crashed;
        end.code = WTERMSIG(status);
    } else {
        end.kind = ChildEnd::Kind::Exited;
        end.code = WEXITSTATUS(status);
    }
    return end;
}

} // namespace

void checkModelFileInChild(const QString& path, const QStringList& childOptions)
{
    const QFileInfo info(path);
    if (!info.isFile() || g_isCheckChild)
        return;  // the reader in this process says what is wrong with the path
    CheckState& checks = state();
    QString program;
    QStringList arguments;
    ModelFileReader reader = nullptr;
    ModelFileCheckLimits limits;
    const QString key = fileKey(info);
    {
        const QMutexLocker lock(&checks.mutex);
        if (checks.program.isEmpty() || checks.passed.contains(key))
            return;
        program = checks.program;
        arguments = checks.arguments;
        reader = checks.reader;
        limits = checks.limits;
    }
    const QStringList readerArguments = QStringList{info.absoluteFilePath()} + childOptions;
    const qint64 memoryLimit = limits.baseMemoryBytes + limits.memoryPerFileByte * info.size();
    const qint64 timeoutMs = limits.baseTimeoutMs + limits.timeoutMsPerMegabyte * (info.size() / kBytesPerMegabyte);

    ++g_started;
    ChildEnd end;
    if (reader && threadCount() == 1) {
        ++g_forked;
        end = runForked(reader, readerArguments, memoryLimit, timeoutMs);
    } else {
        end = runProgram(program, arguments << QString::fromLatin1(kModelFileCheckFlag) << readerArguments, memoryLimit,
                         timeoutMs);
    }
    switch (end.kind) {
    case ChildEnd::Kind::NotStarted:
        // No child could be made (the program beside this one is missing, or no processes are left):
        // an installation or system problem, which must not stop a person opening their models.
        qWarning("Cannot check %s in a child process (%s); reading it in this process.", qPrintable(path),
                 qPrintable(end.why));
        return;
    case ChildEnd::Kind::TimedOut:
        throw StudioError(QStringLiteral("%1 could not be opened: reading it did not finish within %2 s, so it was stopped. "
                                         "%3 loops forever on some damaged files; this one is damaged, or not a model file. "
                                         "Save the model again from the program that wrote it.")
                              .arg(path)
                              .arg(timeoutMs / 1000)
                              .arg(readerOf(path)));
    case ChildEnd::Kind::Crashed:
        throw StudioError(QStringLiteral("%1 could not be opened: %2 crashed reading it (signal %3, %4). The file is damaged, "
                                         "or not a model file; nothing of it was loaded. Save the model again from the "
                                         "program that wrote it.")
                              .arg(path, readerOf(path))
                              .arg(end.code)
                              .arg(QString::fromLocal8Bit(strsignal(end.code))));
    case ChildEnd::Kind::Exited:
        break;
    }
    if (end.code == static_cast<int>(ModelFileCheckExit::Readable)) {
        markModelFileChecked(path);
        return;
    }
    if (end.code == static_cast<int>(ModelFileCheckExit::OutOfMemory))
        throw StudioError(QStringLiteral("%1 could not be opened: reading it asked for more than %2 of memory, far more than a "
                                         "file of its size needs. The file is damaged; save the model again from the program "
                                         "that wrote it.")
                              .arg(path, describeGigabytes(memoryLimit)));
    const QString message = QString::fromUtf8(end.errors).trimmed();
    if (end.code == static_cast<int>(ModelFileCheckExit::Unreadable) && !message.isEmpty())
        throw StudioError(message);  // the reader's own sentence, as this process would have said it
    throw StudioError(QStringLiteral("%1 could not be opened: its check in a child process ended with code %2%3")
                          .arg(path)
                          .arg(end.code)
                          .arg(message.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + message));
}

void markModelFileChecked(const QString& path)
{
    const QFileInfo info(path);
    CheckState& checks = state();
    const QMutexLocker lock(&checks.mutex);
    checks.passed.insert(fileKey(info));
}

int modelFileChecksForked()
{
    return g_forked.load();
}

} // namespace studio
