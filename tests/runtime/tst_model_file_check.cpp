// Model files are read in a child process first (io/ModelFileCheck.h), so a file that crashes or
// hangs libhdf5 or LibTorch costs an error message, not the program. The files here are real:
// fuzz_model_file and fuzz_keras_archive found them, and read in this process they crash it
// (LibTorch's TorchScript compiler, segfault), hang it (libhdf5, 100% CPU forever) or make it ask
// for gigabytes (LibTorch's unpickler). attention-cli is started as the child, as in the window:
// a Qt Test process has threads (its watchdog), which rule out forking. The forked child of the
// single-threaded CLI meets the same files in tst_cli (hostileModelFilesAreErrors).

#include "common/StudioError.h"
#include "io/ModelFileCheck.h"
#include "session/ModelFileCheckChild.h"
#include "session/ModelSession.h"
#include "train/ModelFile.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace studio;

namespace {

QString regression(const char* name)
{
    return QStringLiteral(STUDIO_FUZZ_REGRESSIONS_DIR "/") + QLatin1String(name);
}

// A small token model, saved as the app saves one.
QString writeGoodModel(const QTemporaryDir& dir)
{
    RunState state;
    state.model.input = InputKind::Tokens;
    state.model.vocabularySize = 5;
    state.model.embeddingDim = 2;
    state.model.hiddenSize = 2;
    state.vocabulary = Vocabulary::fromJson(QJsonArray{QStringLiteral("<pad>"), QStringLiteral("<unk>"), QStringLiteral("good"),
                                                       QStringLiteral("bad"), QStringLiteral("film")});
    state.labels = QStringList{QStringLiteral("neg"), QStringLiteral("pos")};
    state.history.push_back(EpochMetrics{});
    AttentionModel model = buildModel(state.model);
    const QString path = dir.filePath(QStringLiteral("good.asmodel"));
    saveModelFile(path, state, model, nullptr);
    return path;
}

QString openError(const QString& path)
{
    try {
        ModelSession::open(path);
    } catch (const StudioError& error) {
        return error.message();
    }
    return {};
}

} // namespace

class ModelFileCheckTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_good = writeGoodModel(m_dir);
    }

    void cleanupTestCase() { setModelFileCheckProgram(QString()); }

    void init()
    {
        // The reader is given, as the window gives it; with this process's threads it is not used.
        setModelFileCheckProgram(QStringLiteral(ATTENTION_CLI_PATH), {}, &runModelFileCheck);
        forgetCheckedModelFiles();
        setModelFileCheckLimits(ModelFileCheckLimits{});
        m_forkedBefore = modelFileChecksForked();
    }

    void cleanup() { QCOMPARE(modelFileChecksForked(), m_forkedBefore); }

    // What this process has just written whole is read back without a child.
    void fileWrittenHereNeedsNoCheck()
    {
        const int before = modelFileChecksStarted();
        const QString path = writeGoodModel(m_dir);
        ModelSession::open(path);
        QCOMPARE(modelFileChecksStarted(), before);
    }

    // A good file is read by a child once, then here; opening it again, unchanged, starts no child.
    void goodFileOpensAfterOneCheck()
    {
        const int before = modelFileChecksStarted();
        const std::unique_ptr<ModelSession> session = ModelSession::open(m_good);
        QCOMPARE(session->summary().labels, (QStringList{QStringLiteral("neg"), QStringLiteral("pos")}));
        QCOMPARE(modelFileChecksStarted(), before + 1);
        ModelSession::open(m_good);
        loadModelFile(m_good);  // the native reader, reached directly (attention-cli evaluate, export)
        QCOMPARE(modelFileChecksStarted(), before + 1);
    }

    // A file written again since its check is checked again.
    void changedFileIsCheckedAgain()
    {
        const QString copy = m_dir.filePath(QStringLiteral("copy.asmodel"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(m_good, copy));
        const int before = modelFileChecksStarted();
        ModelSession::open(copy);
        QCOMPARE(modelFileChecksStarted(), before + 1);
        const QDateTime checked = QFileInfo(copy).lastModified();
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(checked.addSecs(1), QFileDevice::FileModificationTime));
        file.close();
        ModelSession::open(copy);
        QCOMPARE(modelFileChecksStarted(), before + 2);
    }

    // LibTorch's TorchScript compiler segfaults on this file: the child dies, this process says so.
    void crashingFileIsAnErrorHere()
    {
        const QString path = regression("model_file-libtorch-crashes.asmodel");
        const QString message = openError(path);
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("crashed reading it")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("LibTorch")), qPrintable(message));
        // The direct reader is guarded the same way.
        try {
            loadModelFile(path);
            QFAIL("loadModelFile read a file that crashes LibTorch");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QLatin1String("crashed reading it")), qPrintable(error.message()));
        }
    }

    // libhdf5 loops forever on this file: the child is stopped at the time limit.
    void hangingFileIsStoppedAtTheTimeLimit()
    {
        ModelFileCheckLimits limits;
        limits.baseTimeoutMs = 5'000;  // the file is 9 KB: a good one this small reads in well under this
        setModelFileCheckLimits(limits);
        const QString path = regression("keras_archive-libhdf5-hangs.h5");
        const QString message = openError(path);
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("did not finish within 5 s")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("libhdf5")), qPrintable(message));
    }

    // LibTorch's unpickler reserves what a corrupted length says (gigabytes for a 14 KB file): the
    // child's memory limit turns that into an error instead of a machine swapping.
    void fileAskingForGigabytesIsAnError()
    {
        ModelFileCheckLimits limits;
        limits.baseTimeoutMs = 20'000;  // where the memory limit cannot be set (AddressSanitizer builds)
        setModelFileCheckLimits(limits);
        const QString path = regression("model_file-libtorch-reserves-gigabytes.asmodel");
        const QString message = openError(path);
        QVERIFY2(message.contains(QLatin1String("reserves-gigabytes.asmodel")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("crashed")), qPrintable(message));
    }

    // A file the reader refuses with a sentence gets that sentence, as without the check.
    void readersOwnMessageComesThrough()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.h5"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are notes, not a model\n");
        file.close();
        const int before = modelFileChecksStarted();
        const QString checked = openError(path);
        QCOMPARE(modelFileChecksStarted(), before + 1);
        setModelFileCheckProgram(QString());
        const QString direct = openError(path);
        init();
        QVERIFY(!direct.isEmpty());
        QCOMPARE(checked, direct);
    }

private:
    QTemporaryDir m_dir;
    QString m_good;
    int m_forkedBefore = 0;
};

QTEST_GUILESS_MAIN(ModelFileCheckTest)
#include "tst_model_file_check.moc"
