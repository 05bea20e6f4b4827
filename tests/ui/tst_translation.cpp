// The window in Simplified Chinese: the Qt Linguist file holds a finished translation of every text
// the sources pass to tr() (lupdate, run here on the sources, finds none that the file lacks), each
// translation keeps its placeholders and accelerator, and the window built in zh_CN shows no English
// sentence anywhere a person reads (menus, labels, buttons, tooltips, column headers, plot axes): a
// text written without tr() is found there. The language is remembered, and the switch restarts
// the window with the models that were open.

#include "language/UiLanguage.h"
#include "teaching/FlawExplanation.h"
#include "teaching/LessonPanel.h"
#include "runtime/TrainingJob.h"
#include "training/CurvesView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTextBrowser>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QXmlStreamReader>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 120'000;

struct Message {
    QString context;
    QString source;
    QString translation;
    bool finished = false;
};

QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            message = Message{context, {}, {}, false};
        } else if (xml.name() == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            message.finished = xml.attributes().value(QLatin1String("type")).isEmpty();
            // Numerus messages hold their one Chinese form in a <numerusform>.
            message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.append(message);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral("%L?(\\d+|n)"));
    QStringList found;
    for (const QRegularExpressionMatch& match : placeholder.globalMatch(text))
        found << match.captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

// The accelerator letter of a menu or button text ("&Open" -> "O"); empty when it has none.
QString accelerator(const QString& text)
{
    static const QRegularExpression ampersand(QStringLiteral("&([^&\\s])"));
    const QRegularExpressionMatch match = ampersand.match(QString(text).replace(QLatin1String("&&"), QString()));
    return match.hasMatch() ? match.captured(1).toUpper() : QString();
}

bool hasChinese(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

// Words that stay as they are in Chinese: names of formats, libraries and model parts, the program's
// own name, and command-line identifiers a learner also types. Anything else in Latin letters
// in a text with no Chinese in it is an English text that did not go through tr().
bool isEnglishSentence(const QString& shown, const QStringList& allowed)
{
    if (hasChinese(shown))
        return false;
    QTextDocument document;
    document.setHtml(shown);
    QString text = Qt::mightBeRichText(shown) ? document.toPlainText() : shown;
    for (const QString& word : allowed)
        text.remove(word, Qt::CaseInsensitive);
    // File names and paths (the model's own file, the runs folder) are the person's, not ours.
    text.remove(QRegularExpression(QStringLiteral("\\S*[/.]\\S+")));
    static const QRegularExpression latinWord(QStringLiteral("[A-Za-z]{2,}"));
    return latinWord.match(text).hasMatch();
}

QString pathOf(const QObject* object)
{
    QStringList names;
    for (const QObject* o = object; o; o = o->parent())
        names.prepend(o->objectName().isEmpty() ? QString::fromLatin1(o->metaObject()->className()) : o->objectName());
    return names.join(QLatin1Char('/'));
}

// Every text the window shows a person, with where it is.
QList<QPair<QString, QString>> shownTexts(QMainWindow* window)
{
    QList<QPair<QString, QString>> texts;
    auto add = [&texts](const QObject* where, const QString& text) {
        if (!text.trimmed().isEmpty())
            texts.append({pathOf(where), text});
    };
    std::function<void(QMenu*)> addMenu = [&](QMenu* menu) {
        add(menu, menu->title());
        for (QAction* action : menu->actions()) {
            if (action->menu())
                addMenu(action->menu());
            else if (!action->isSeparator())
                add(menu, action->text());
        }
    };
    for (QAction* action : window->menuBar()->actions()) {
        if (action->menu())
            addMenu(action->menu());
    }
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        // Mathematics and the person's own data (a token they typed) read the same in every language.
        if (!widget->isVisible() || widget->property("verbatim").toBool())
            continue;
        add(widget, widget->toolTip());
        if (auto* label = qobject_cast<QLabel*>(widget))
            add(label, label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(widget))
            add(button, button->text());
        else if (auto* box = qobject_cast<QGroupBox*>(widget))
            add(box, box->title());
        else if (auto* dock = qobject_cast<QDockWidget*>(widget))
            add(dock, dock->windowTitle());
        else if (auto* line = qobject_cast<QLineEdit*>(widget))
            add(line, line->placeholderText());
        else if (auto* edit = qobject_cast<QPlainTextEdit*>(widget))
            add(edit, edit->placeholderText());
        if (auto* combo = qobject_cast<QComboBox*>(widget)) {
            for (int i = 0; i < combo->count(); ++i)
                add(combo, combo->itemText(i));
        }
        if (auto* tabs = qobject_cast<QTabBar*>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs, tabs->tabText(i));
        }
        if (auto* view = qobject_cast<QAbstractItemView*>(widget); view && view->model()) {
            for (int c = 0; c < view->model()->columnCount(); ++c)
                add(view, view->model()->headerData(c, Qt::Horizontal).toString());
        }
        if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
            for (QCPAxisRect* rect : plot->axisRects()) {
                for (QCPAxis* axis : rect->axes())
                    add(plot, axis->label());
            }
        }
    }
    return texts;
}

}  // namespace

// Words that stay as they are in Chinese (names of formats, libraries, model parts, the program,
// identifiers a learner also types, colour maps' proper names, mathematical functions), plus
// `own`: the person's own names on screen (their files, their series' columns).
QStringList wordsKeptInChinese(const QStringList& own)
{
    return QStringList{QStringLiteral("Attention Studio"), QStringLiteral("Bi-LSTM"), QStringLiteral("LSTM"),
                       QStringLiteral("GRU"),  QStringLiteral("Keras"),   QStringLiteral("PyTorch"),
                       QStringLiteral("TorchScript"), QStringLiteral("CSV"), QStringLiteral("TSV"),
                       QStringLiteral("JSONL"), QStringLiteral("JSON"),  QStringLiteral("PNG"),
                       QStringLiteral("SVG"),  QStringLiteral("PDF"),    QStringLiteral("MAE"),
                       // mathematical functions, written as in every textbook
                       QStringLiteral("softmax"), QStringLiteral("tanh"), QStringLiteral("exp"),
                       QStringLiteral("max"), QStringLiteral("Ctrl"),
                       QStringLiteral("Shift"), QStringLiteral("English"),
                       // colour maps' proper names, as matplotlib and every paper call them
                       QStringLiteral("Viridis"), QStringLiteral("Cividis"), QStringLiteral("Magma"),
                       QStringLiteral("Inferno"), QStringLiteral("Plasma"), QStringLiteral("Turbo")} + own;
}

class TranslationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("Attention Studio Tests"));
        QVERIFY2(QSettings().fileName().contains(QLatin1String("/.qttest/")), qPrintable(QSettings().fileName()));
        QVERIFY(m_dir.isValid());
        QString error;
        m_messages = readTs(QStringLiteral(STUDIO_TS_FILE), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_messages.size() > 100);
    }

    void cleanup() { QVERIFY(installUiLanguage(qApp, UiLanguage::English)); }

    void everyTextHasAFinishedTranslation()
    {
        QStringList missing;
        for (const Message& message : m_messages) {
            if (!message.finished || message.translation.trimmed().isEmpty())
                missing << message.context + QStringLiteral(": ") + message.source;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("untranslated in zh_CN:\n") + missing.join(QLatin1Char('\n'))));
    }

    void translationsKeepPlaceholdersAndAccelerators()
    {
        QStringList wrong;
        for (const Message& message : m_messages) {
            if (placeholders(message.source) != placeholders(message.translation))
                wrong << QStringLiteral("placeholders: %1 -> %2").arg(message.source, message.translation);
            const QString letter = accelerator(message.source);
            if (!letter.isEmpty() && accelerator(message.translation) != letter)
                wrong << QStringLiteral("accelerator %1: %2 -> %3").arg(letter, message.source, message.translation);
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }

    // lupdate reads the sources as the build's update_translations target does; a tr() text the
    // committed file lacks means someone added words without their translation.
    void theFileHoldsEveryTextOfTheSources()
    {
        const QString fresh = m_dir.filePath(QStringLiteral("fresh_zh_CN.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(LUPDATE_PATH), {QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-silent"),
                                           QStringLiteral(STUDIO_UI_SOURCE_DIR), QStringLiteral(STUDIO_CORE_SOURCE_DIR),
                                           QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(kTimeoutMs));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QString error;
        const QList<Message> current = readTs(fresh, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(current.size() > 100);
        QSet<QString> committed;
        for (const Message& message : m_messages)
            committed.insert(message.context + QLatin1Char('|') + message.source);
        QStringList absent;
        for (const Message& message : current) {
            if (!committed.contains(message.context + QLatin1Char('|') + message.source))
                absent << message.context + QStringLiteral(": ") + message.source;
        }
        QVERIFY2(absent.isEmpty(), qPrintable(QStringLiteral("not in resources/translations (build the update_translations target, "
                                                  "then translate):\n") + absent.join(QLatin1Char('\n'))));
    }

    // Every flaw a warning can name is explained in both languages: the words translated, the
    // tutorial's code quoted the same in both (a learner finds it in their own copy).
    void everyFlawIsExplainedInBothLanguages()
    {
        for (const auto& [flaw, name] : kModelFlawNames) {
            const FlawExplanation english = explainFlaw(flaw);
            QVERIFY2(!english.title.isEmpty() && !english.explanation.isEmpty() && !english.tutorial.isEmpty()
                         && !english.tutorialCode.isEmpty() && !english.fix.isEmpty(),
                     name);
            QVERIFY(installUiLanguage(qApp, UiLanguage::SimplifiedChinese));
            const FlawExplanation chinese = explainFlaw(flaw);
            QVERIFY(installUiLanguage(qApp, UiLanguage::English));
            for (const QString& words : {chinese.title, chinese.explanation, chinese.tutorial, chinese.fix})
                QVERIFY2(hasChinese(words), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), words)));
            QCOMPARE(chinese.tutorialCode, english.tutorialCode);
            QCOMPARE(chinese.fixedCode, english.fixedCode);
        }
    }

    // Help > User Guide opens the guide in the window's language, with its screenshots.
    void theUserGuideSpeaksTheWindowsLanguage()
    {
        for (const UiLanguage language : {UiLanguage::English, UiLanguage::SimplifiedChinese}) {
            rememberUiLanguage(language);
            QVERIFY(installUiLanguage(qApp, language));
            MainWindow window;
            QAction* guide = nullptr;
            for (QAction* menu : window.menuBar()->actions())
                for (QAction* action : menu->menu() ? menu->menu()->actions() : QList<QAction*>{})
                    if (action->shortcut() == QKeySequence(QKeySequence::HelpContents))
                        guide = action;
            QVERIFY(guide);
            guide->trigger();
            auto* browser = window.findChild<QTextBrowser*>(QStringLiteral("guideText"));
            QVERIFY(browser);
            const bool chinese = language == UiLanguage::SimplifiedChinese;
            QVERIFY2(browser->source().toString().endsWith(chinese ? QLatin1String("zh_CN.html") : QLatin1String("en.html")),
                     qPrintable(browser->source().toString()));
            QVERIFY(browser->toPlainText().startsWith(chinese ? QStringLiteral("Attention Studio 使用指南") : QStringLiteral("Attention Studio: User Guide")));
            const QString image = chinese ? QStringLiteral("images/window-zh.png") : QStringLiteral("images/window-en.png");
            const QVariant picture = browser->document()->resource(QTextDocument::ImageResource, QUrl(image));
            QVERIFY2(picture.isValid() && !picture.value<QImage>().isNull(), qPrintable(image));
        }
        QSettings().remove(QStringLiteral("ui/language"));
    }

    void theRememberedLanguageWinsOverTheSystem()
    {
        rememberUiLanguage(UiLanguage::SimplifiedChinese);
        QCOMPARE(preferredUiLanguage(), UiLanguage::SimplifiedChinese);
        rememberUiLanguage(UiLanguage::English);
        QCOMPARE(preferredUiLanguage(), UiLanguage::English);
        QSettings().remove(QStringLiteral("ui/language"));
        const UiLanguage fromSystem =
            QLocale::system().language() == QLocale::Chinese ? UiLanguage::SimplifiedChinese : UiLanguage::English;
        QCOMPARE(preferredUiLanguage(), fromSystem);
    }

    void switchingInstallsAndRemovesTheTranslation()
    {
        const QString english = QStringLiteral("&File");
        QVERIFY(installUiLanguage(qApp, UiLanguage::SimplifiedChinese));
        const QString chinese = QCoreApplication::translate("studio::MainWindow", "&File");
        QVERIFY2(hasChinese(chinese), qPrintable(chinese));
        QVERIFY(installUiLanguage(qApp, UiLanguage::English));
        QCOMPARE(QCoreApplication::translate("studio::MainWindow", "&File"), english);
    }

    // The window built in Chinese with a model open and an answer shown: no English text anywhere
    // a person reads. A visible text that was not passed through tr() fails here by its widget path.
    void theChineseWindowShowsNoEnglishSentence()
    {
        QVERIFY(installUiLanguage(qApp, UiLanguage::SimplifiedChinese));
        const QString model = trainTinyModel();
        QVERIFY(!model.isEmpty());
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        QSignalSpy answered(window.models(), &OpenModels::resultReady);
        window.openModel(model);
        QVERIFY(opened.wait(kTimeoutMs));
        QTest::keyClicks(window.input()->editor(), QStringLiteral("the film was great"));
        QTRY_VERIFY_WITH_TIMEOUT(!answered.isEmpty(), kTimeoutMs);
        // The variant by its Chinese name (its identifier beside it), not the bare identifier.
        const QString description = window.models()->summary(0).description;
        QVERIFY2(description.startsWith(QStringLiteral("加性 (additive) 注意力")), qPrintable(description));

        const QStringList allowed = wordsKeptInChinese({QFileInfo(model).completeBaseName()});
        QStringList english;
        const auto texts = shownTexts(&window);
        QVERIFY(texts.size() > 50);
        for (const auto& [where, text] : texts) {
            if (isEnglishSentence(text, allowed))
                english << where + QStringLiteral(": ") + text;
        }
        english.removeDuplicates();
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("English in the Chinese window:\n") + english.join(QLatin1Char('\n'))));
    }

    // The same for TorchScript models: tutorial 003's lesson opens its two PyTorch models on a series,
    // and their descriptions, layout sentences, warnings and Why? links are all in Chinese.
    void theChineseWindowShowsTorchScriptModelsInChinese()
    {
        QVERIFY(installUiLanguage(qApp, UiLanguage::SimplifiedChinese));
        MainWindow window;
        window.show();
        QSignalSpy ready(window.lessons(), &LessonPanel::lessonReady);
        QVERIFY(window.lessons()->present(QStringLiteral("tutorial-003")));
        window.lessons()->train();
        QVERIFY(ready.wait(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(!window.models()->result(0).attention.isEmpty() && !window.models()->result(1).attention.isEmpty(),
                                 kTimeoutMs);
        const QStringList allowed = wordsKeptInChinese({QStringLiteral("tutorial003"), QStringLiteral("value")});  // the files and the series: the person's own names
        QStringList english;
        for (const auto& [where, text] : shownTexts(&window)) {
            if (isEnglishSentence(text, allowed))
                english << where + QStringLiteral(": ") + text;
        }
        english.removeDuplicates();
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("English in the Chinese window:\n") + english.join(QLatin1Char('\n'))));
    }

    // The language switch restarts the window: with nothing open, on an empty window; with a model
    // open and text typed, from a session of the screen, which a new window opens to the same
    // model and the same text.
    void aRestartBringsTheScreenBack()
    {
        const QString model = trainTinyModel();
        QVERIFY(!model.isEmpty());
        QStringList arguments;
        const auto keep = [&arguments](const QStringList& given) { arguments = given; };
        QString session;
        {
            MainWindow window;
            window.prepareRestart(keep);
            QCOMPARE(arguments, QStringList{QStringLiteral("--no-demo")});
            QSignalSpy opened(window.models(), &OpenModels::modelOpened);
            window.openModel(model);
            QVERIFY(opened.wait(kTimeoutMs));
            window.input()->setText(QStringLiteral("the film was great"));
            arguments.clear();
            window.prepareRestart(keep);
            QTRY_VERIFY_WITH_TIMEOUT(!arguments.isEmpty(), kTimeoutMs);
            QCOMPARE(arguments.size(), 1);
            session = arguments.front();
            QVERIFY2(session.endsWith(QLatin1String(".assession")), qPrintable(session));
        }
        MainWindow restarted;
        QSignalSpy opened(restarted.models(), &OpenModels::modelOpened);
        restarted.openPath(session);
        QVERIFY(opened.wait(kTimeoutMs));
        QCOMPARE(restarted.models()->summary(0).name, QFileInfo(model).fileName());
        QCOMPARE(restarted.input()->text(), QStringLiteral("the film was great"));
    }

private:
    QString trainTinyModel()
    {
        if (!m_model.isEmpty())
            return m_model;
        TrainingSetup setup;
        setup.task = QStringLiteral("keyword");
        setup.taskOptions.count = 200;
        setup.taskOptions.length = 8;
        setup.model.hiddenSize = 6;
        setup.model.embeddingDim = 6;
        setup.training.epochs = 1;
        setup.training.batchSize = 16;
        setup.checkpointPath = m_dir.filePath(QStringLiteral("tiny.asmodel"));
        TrainingJob job;
        QSignalSpy finished(&job, &TrainingJob::finished);
        job.start(setup);
        if (!finished.wait(kTimeoutMs) && finished.isEmpty())
            return {};
        m_model = finished.first().at(0).value<TrainingOutcome>().modelPath;
        return m_model;
    }

    QTemporaryDir m_dir;
    QList<Message> m_messages;
    QString m_model;
};

QTEST_MAIN(TranslationTest)
#include "tst_translation.moc"
