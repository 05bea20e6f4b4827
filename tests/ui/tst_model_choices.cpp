// Each model's own choices in the window, driven as a person drives them (QT_QPA_PLATFORM=offscreen):
// a Keras .h5 opened beside the demo model shows its attention and warnings on the typed sentence,
// and choosing another softmax in its "Attention:" box re-runs that model alone; a Keras custom
// layer whose weights fit two formulas offers them in "Formula:", which reopens the model (on its
// worker); a TorchScript model offers "Layout:", and the sentence under it says how it was fed.
// The model files are written at test time by Debian's /usr/bin/python3 (python3-h5py,
// python3-torch): tests/ui/write_keras_model.py and tests/runtime/write_torchscript_model.py.

#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "views/TokenAttentionPanel.h"
#include "teaching/FlawExplanationDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 60'000;
const QString kSentence = QStringLiteral("the movie was great and the ending was a terrible mess");

QString runWriter(const QString& script, const QStringList& arguments)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral(STUDIO_TESTS_DIR "/") + script} + arguments);
    if (!python.waitForFinished(kTimeoutMs))
        return script + QStringLiteral(" did not finish");
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        return QString::fromLocal8Bit(python.readAllStandardError());
    return {};
}

// The panel of the model opened from a file named `name` (models open in parallel, so their
// order is whichever finished first).
ModelResultView* panelOf(const MainWindow& window, const QString& name)
{
    for (int i = 0; i < window.comparison()->modelCount(); ++i)
        if (window.comparison()->modelView(i)->summary().name == name)
            return window.comparison()->modelView(i);
    return nullptr;
}

int indexOf(const MainWindow& window, const QString& name)
{
    for (int i = 0; i < window.models()->count(); ++i)
        if (window.models()->summary(i).name == name)
            return i;
    return -1;
}

bool shown(const QWidget* widget, const QWidget* panel)
{
    return widget->isVisibleTo(panel);
}

// The targets of the "Why?" links under a panel's warnings, in order.
QStringList flawLinks(const ModelResultView* panel)
{
    QStringList targets;
    const QRegularExpression link(QStringLiteral("<a href=\"([a-z_]+)\">"));
    for (auto match = link.globalMatch(panel->flawLinksLabel()->text()); match.hasNext();)
        targets << match.next().captured(1);
    return targets;
}

// Follows the link to `target` as a click does, and returns the explanation it opened.
FlawExplanationDialog* followFlawLink(ModelResultView* panel, const QString& target)
{
    Q_EMIT panel->flawLinksLabel()->linkActivated(target);
    for (FlawExplanationDialog* dialog : panel->findChildren<FlawExplanationDialog*>())
        if (toString(dialog->flaw()) == target && dialog->isVisible())
            return dialog;
    return nullptr;
}

QString codeShown(const QWidget* dialog, const QString& name)
{
    const auto* block = dialog->findChild<QPlainTextEdit*>(name);
    return block ? block->toPlainText() : QString();
}

} // namespace

class ModelChoicesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("Attention Studio Tests"));
        QVERIFY2(QFileInfo::exists(QStringLiteral(STUDIO_DEMO_MODEL)), STUDIO_DEMO_MODEL);
        for (const QString& kind : {QStringLiteral("bilstm"), QStringLiteral("positional")}) {
            const QString problem = runWriter(QStringLiteral("ui/write_keras_model.py"), {kind, m_dir.filePath(kind + QStringLiteral(".h5"))});
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("bilstm.tokenizer.json"))));
    }

    // Tutorial 001's Bi-LSTM (Keras 2.2, random weights, tokenizer beside it) dropped on the window
    // beside the demo: the same sentence goes to both; the Keras panel lists its two softmax outputs
    // and warns that the padding pad_sequences adds at the front gets weight.
    void kerasModelBesideTheDemo()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("bilstm.h5")))});
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, kTimeoutMs);
        window.input()->setText(kSentence);  // one request each (typing is tst_main_window's)

        ModelResultView* keras = panelOf(window, QStringLiteral("bilstm.h5"));
        ModelResultView* demo = panelOf(window, QStringLiteral("imdb-demo.asmodel"));
        QVERIFY(keras && demo);
        QVERIFY(keras->summary().format == ModelFormat::Keras);
        QTRY_VERIFY_WITH_TIMEOUT(!keras->result().attention.isEmpty() && !demo->result().attention.isEmpty(), kTimeoutMs);
        QCOMPARE(keras->result().attention.tokens.size(), qsizetype(12));  // pad_sequences to the Input's 12 steps
        QCOMPARE(keras->result().attention.tokens.first(), QStringLiteral("<pad>"));
        QCOMPARE(keras->result().attention.tokens.last(), QStringLiteral("mess"));
        QCOMPARE(keras->result().chosenCandidate, 0);
        QVERIFY(shown(keras->tokenPanel(), keras));
        QVERIFY2(shown(keras->warningsLabel(), keras) && keras->warningsLabel()->text().contains(QLatin1String("padding")),
                 qPrintable(keras->warningsLabel()->text()));
        // The warning's flaw is explained a click away: tutorial 004's padding line and the mask that fixes it.
        QVERIFY(shown(keras->flawLinksLabel(), keras));
        QCOMPARE(flawLinks(keras), QStringList{QStringLiteral("padding_weight")});
        QVERIFY(!shown(demo->flawLinksLabel(), demo));
        FlawExplanationDialog* padding = followFlawLink(keras, QStringLiteral("padding_weight"));
        QVERIFY(padding);
        QVERIFY2(codeShown(padding, QStringLiteral("tutorialCode")).contains(QLatin1String("pad_sequences(x_train, maxlen=max_len)")),
                 qPrintable(codeShown(padding, QStringLiteral("tutorialCode"))));
        QVERIFY(codeShown(padding, QStringLiteral("fixedCode")).contains(QLatin1String("mask_zero=True")));
        QCOMPARE(followFlawLink(keras, QStringLiteral("padding_weight")), padding);  // raised, not opened twice
        padding->close();

        // The choices each panel shows: a Keras model with two softmax outputs offers them; neither
        // model has a layout to choose (TorchScript only) or a formula.
        QComboBox* attention = keras->candidateChoice();
        QVERIFY(shown(attention, keras));
        QCOMPARE(attention->count(), 3);
        QCOMPARE(attention->currentIndex(), 0);
        QVERIFY2(attention->itemText(0).contains(QLatin1String("#1")), qPrintable(attention->itemText(0)));
        QCOMPARE(attention->itemText(2), QStringLiteral("softmax #2 (dense_2): 2"));
        QVERIFY(!shown(keras->layoutChoice(), keras));
        QVERIFY(!shown(keras->formulaChoice(), keras));
        QVERIFY(!shown(demo->candidateChoice(), demo));
        QVERIFY(!shown(demo->layoutChoice(), demo));

        // Choosing the class softmax re-runs the Keras model alone, on the same sentence.
        const std::vector<float> overTime = keras->result().attention.values;
        const InferenceResult demoBefore = demo->result();
        QSignalSpy results(window.models(), &OpenModels::resultReady);
        attention->setFocus();
        QTest::keyClick(attention, Qt::Key_Down);
        QTest::keyClick(attention, Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(keras->result().chosenCandidate, 1, kTimeoutMs);
        QCOMPARE(keras->result().attention.shape, std::vector<int64_t>{2});
        QVERIFY(keras->result().attention.values != overTime);
        QVERIFY2(keras->warningsLabel()->text().contains(QLatin1String("not a distribution over the 12 input steps")),
                 qPrintable(keras->warningsLabel()->text()));
        QCOMPARE(attention->currentIndex(), 2);  // the choice stays shown
        QCOMPARE(window.models()->candidate(indexOf(window, QStringLiteral("bilstm.h5"))), 1);
        for (const QList<QVariant>& arguments : results)
            QCOMPARE(arguments.at(0).toInt(), indexOf(window, QStringLiteral("bilstm.h5")));
        QCOMPARE(demo->result().attention.values, demoBefore.attention.values);

        // The choice holds for the next input, and "first that fits" goes back.
        window.input()->setText(kSentence + QStringLiteral(" and fun"));
        QTRY_COMPARE_WITH_TIMEOUT(keras->result().attention.tokens.last(), QStringLiteral("fun"), kTimeoutMs);
        QCOMPARE(keras->result().chosenCandidate, 1);
        QTest::keyClick(attention, Qt::Key_Home);
        QTRY_COMPARE_WITH_TIMEOUT(keras->result().chosenCandidate, 0, kTimeoutMs);
        QCOMPARE(keras->result().attention.shape, std::vector<int64_t>{12});
    }

    // Tutorial 000's custom layer on text: its weights W (d, 1), b (T, 1) fit two formulas, and the
    // note under the title says which was assumed. Choosing the other reopens the model with it.
    void formulaReopensTheModel()
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(m_dir.filePath(QStringLiteral("positional.h5")));
        QVERIFY(opened.wait(kTimeoutMs));
        window.input()->setText(kSentence);
        ModelResultView* panel = window.comparison()->modelView(0);
        QTRY_COMPARE_WITH_TIMEOUT(panel->result().attention.values.size(), size_t(10), kTimeoutMs);
        QVERIFY(shown(panel->notesLabel(), panel));
        QVERIFY2(panel->notesLabel()->text().contains(QLatin1String("positional-bias")), qPrintable(panel->notesLabel()->text()));
        QVERIFY(!panel->warningsLabel()->text().contains(QLatin1String("--formula")));  // the note is shown once
        QVERIFY2(panel->warningsLabel()->text().contains(QLatin1String("fixes the input length to 10 steps")),
                 qPrintable(panel->warningsLabel()->text()));
        QVERIFY(flawLinks(panel).contains(QStringLiteral("fixed_length")));
        FlawExplanationDialog* fixedLength = followFlawLink(panel, QStringLiteral("fixed_length"));
        QVERIFY(fixedLength);
        QVERIFY(codeShown(fixedLength, QStringLiteral("tutorialCode")).contains(QLatin1String("shape=(input_shape[1], 1)")));
        QVERIFY(codeShown(fixedLength, QStringLiteral("fixedCode")).contains(QLatin1String("shape=(1,)")));
        fixedLength->close();
        QComboBox* formula = panel->formulaChoice();
        QVERIFY(shown(formula, panel));
        QCOMPARE(formula->count(), 2);
        QCOMPARE(formula->itemText(0), QStringLiteral("positional-bias"));
        QCOMPARE(formula->itemText(1), QStringLiteral("tanh-positional-bias"));
        const std::vector<float> plain = panel->result().attention.values;

        QSignalSpy reopened(window.models(), &OpenModels::modelReopened);
        QTest::keyClick(formula, Qt::Key_Down);
        QVERIFY(reopened.wait(kTimeoutMs));
        QCOMPARE(window.models()->formula(0), QStringLiteral("tanh-positional-bias"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->result().attention.values != plain, kTimeoutMs);
        QCOMPARE(panel->result().attention.values.size(), size_t(10));
        QCOMPARE(formula->currentIndex(), 1);  // still offered, now the one in use
        QCOMPARE(formula->count(), 2);
        QVERIFY(!shown(panel->notesLabel(), panel));  // nothing is assumed any more

        QTest::keyClick(formula, Qt::Key_Up);  // back to the default reading
        QVERIFY(reopened.wait(kTimeoutMs));
        QCOMPARE(window.models()->formula(0), QString());
        QTRY_COMPARE_WITH_TIMEOUT(panel->result().attention.values, plain, kTimeoutMs);
        QVERIFY(shown(panel->notesLabel(), panel));

        // A formula its weights do not fit (never offered here, but asked for): the window says
        // which fit, and the model keeps reading its layer as before.
        QSignalSpy failed(window.models(), &OpenModels::reopenFailed);
        window.models()->setFormula(0, QStringLiteral("per-feature"));
        QVERIFY(failed.wait(kTimeoutMs));
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("per-feature")) && message.contains(QLatin1String("tanh-positional-bias")),
                 qPrintable(message));
        QMessageBox* box = window.findChild<QMessageBox*>();
        QVERIFY(box && box->isVisible());
        QCOMPARE(box->text(), message);
        box->close();
        QCOMPARE(window.models()->formula(0), QString());
        QCOMPARE(formula->currentIndex(), 0);
        QVERIFY(window.models()->count() == 1);
    }

    // A TorchScript model: "Layout:" is offered, and the sentence under it says how the model was
    // fed and why; choosing time-major or batch-first re-runs it fed that way.
    void layoutChoiceForTorchScript()
    {
        const QString path = m_dir.filePath(QStringLiteral("time_major.pt"));
        const QString problem = runWriter(QStringLiteral("runtime/write_torchscript_model.py"), {path});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(path);
        QVERIFY(opened.wait(kTimeoutMs));
        window.input()->setText(QStringLiteral("the film was great"));
        ModelResultView* panel = window.comparison()->modelView(0);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->result().layoutNote.isEmpty(), kTimeoutMs);
        QVERIFY(shown(panel->layoutChoice(), panel));
        QVERIFY(shown(panel->layoutNoteLabel(), panel));
        QVERIFY2(panel->layoutNoteLabel()->text().startsWith(QLatin1String("Fed time-major")), qPrintable(panel->layoutNoteLabel()->text()));
        QCOMPARE(panel->layoutChoice()->toolTip(), panel->layoutNoteLabel()->text());
        QVERIFY(shown(panel->candidateChoice(), panel));  // its graph has two softmax calls

        QTest::keyClick(panel->layoutChoice(), Qt::Key_Down);  // Batch-first
        QVERIFY(window.models()->layout(0) == SequenceLayout::BatchFirst);
        QTRY_VERIFY_WITH_TIMEOUT(panel->layoutNoteLabel()->text().startsWith(QLatin1String("Fed batch-first (1, T), as asked")),
                                 kTimeoutMs);
        QVERIFY2(panel->warningsLabel()->text().contains(QLatin1String("not 1")), qPrintable(panel->warningsLabel()->text()));
        QTest::keyClick(panel->layoutChoice(), Qt::Key_Down);  // Time-major
        QTRY_VERIFY_WITH_TIMEOUT(panel->layoutNoteLabel()->text().startsWith(QLatin1String("Fed time-major (T, 1), as asked")),
                                 kTimeoutMs);
        QVERIFY(!shown(panel->warningsLabel(), panel));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(ModelChoicesTest)
#include "tst_model_choices.moc"
