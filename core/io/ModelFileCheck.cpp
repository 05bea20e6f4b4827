#include "io/ModelFileCheck.h"

#include "common/StudioError.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QSet>

#include <atomic>
#include <cstring>

#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define STUDIO_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STUDIO_ADDRESS_SANITIZER 1
#endif
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
    ModelFileCheckLimits limits;
    QSet<QString> passed;  // fileKey() of the files a child read
};

CheckState& state()
{
    static CheckState checks;
    return checks;
}

std::atomic<int> g_started{0};

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

QString describeBytes(qint64 bytes)
{
    return QStringLiteral("%1 GB").arg(static_cast<double>(bytes) / 1e9, 0, 'f', 1);
}

} // namespace

void setModelFileCheckProgram(const QString& program, const QStringList& arguments)
{
    CheckState& checks = state();
    const QMutexLocker lock(&checks.mutex);
    checks.program = program;
    checks.arguments = arguments;
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

void checkModelFileInChild(const QString& path, const QStringList& childOptions)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return;  // the reader in this process says what is wrong with the path
    CheckState& checks = state();
    QString program;
    QStringList arguments;
    ModelFileCheckLimits limits;
    const QString key = fileKey(info);
    {
        const QMutexLocker lock(&checks.mutex);
        if (checks.program.isEmpty() || checks.passed.contains(key))
            return;
        program = checks.program;
        arguments = checks.arguments;
        limits = checks.limits;
    }
    arguments << QString::fromLatin1(kModelFileCheckFlag) << info.absoluteFilePath() << childOptions;

    const qint64 memoryLimit = limits.baseMemoryBytes + limits.memoryPerFileByte * info.size();
    const qint64 timeoutMs = limits.baseTimeoutMs + limits.timeoutMsPerMegabyte * (info.size() / kBytesPerMegabyte);
    QProcess child;
    child.setProgram(program);
    child.setArguments(arguments);
    child.setStandardOutputFile(QProcess::nullDevice());
#ifdef STUDIO_ADDRESS_SANITIZER
    // In a sanitizer build the child's crash must stay a crash, and a huge allocation a bad_alloc,
    // as in a normal build: the faults are in uninstrumented libraries, not in this code.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ASAN_OPTIONS"),
                       environment.value(QStringLiteral("ASAN_OPTIONS"))
                           + QStringLiteral(":handle_segv=0:handle_abort=0:detect_leaks=0:allocator_may_return_null=1"));
    child.setProcessEnvironment(environment);
#endif
    // Runs in the child between fork and exec: only async-signal-safe calls.
    child.setChildProcessModifier([memoryLimit] {
        const rlimit noCore{0, 0};  // a crash here is expected; a core file of it is not wanted
        setrlimit(RLIMIT_CORE, &noCore);
#ifndef STUDIO_ADDRESS_SANITIZER
        // AddressSanitizer reserves terabytes of address space for its shadow memory.
        const rlimit memory{static_cast<rlim_t>(memoryLimit), static_cast<rlim_t>(memoryLimit)};
        setrlimit(RLIMIT_AS, &memory);
#endif
    });
    ++g_started;
    child.start();
    if (!child.waitForStarted()) {
        // The program beside this one is missing or not runnable: an installation problem, which
        // must not stop a person opening their models. Read here, as without the check.
        qWarning("Cannot start %s to check %s first (%s); reading it in this process.", qPrintable(program),
                 qPrintable(path), qPrintable(child.errorString()));
        return;
    }
    if (!child.waitForFinished(static_cast<int>(std::min<qint64>(timeoutMs, INT32_MAX)))) {
        child.kill();
        child.waitForFinished();
        throw StudioError(QStringLiteral("%1 could not be opened: reading it did not finish within %2 s, so it was stopped. "
                                         "%3 loops forever on some damaged files; this one is damaged, or not a model file. "
                                         "Save the model again from the program that wrote it.")
                              .arg(path)
                              .arg(timeoutMs / 1000)
                              .arg(readerOf(path)));
    }
    if (child.exitStatus() == QProcess::CrashExit) {
        const int signal = child.exitCode();  // the signal's number, for a crash (QProcess on Unix)
        throw StudioError(QStringLiteral("%1 could not be opened: %2 crashed reading it (signal %3, %4). The file is damaged, "
                                         "or not a model file; nothing of it was loaded. Save the model again from the "
                                         "program that wrote it.")
                              .arg(path, readerOf(path))
                              .arg(signal)
                              .arg(QString::fromLocal8Bit(strsignal(signal))));
    }
    const int code = child.exitCode();
    if (code == static_cast<int>(ModelFileCheckExit::Readable)) {
        const QMutexLocker lock(&checks.mutex);
        checks.passed.insert(key);
        return;
    }
    if (code == static_cast<int>(ModelFileCheckExit::OutOfMemory))
        throw StudioError(QStringLiteral("%1 could not be opened: reading it asked for more than %2 of memory, far more than a "
                                         "file of its size needs. The file is damaged; save the model again from the program "
                                         "that wrote it.")
                              .arg(path, describeBytes(memoryLimit)));
    const QString message = QString::fromUtf8(child.readAllStandardError().left(kMaxMessageBytes)).trimmed();
    if (code == static_cast<int>(ModelFileCheckExit::Unreadable) && !message.isEmpty())
        throw StudioError(message);  // the reader's own sentence, as this process would have said it
    throw StudioError(QStringLiteral("%1 could not be opened: the check of it in %2 ended with code %3%4")
                          .arg(path, program)
                          .arg(code)
                          .arg(message.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + message));
}

} // namespace studio
