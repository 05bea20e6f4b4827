#include "teaching/FlawExplanationDialog.h"

#include "teaching/FlawExplanation.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace studio {
namespace {

QLabel* paragraph(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    label->setTextFormat(Qt::RichText);
    return label;
}

// Code as a read-only, selectable block in the fixed-width font, as tall as its lines.
QPlainTextEdit* codeBlock(const QString& code, const QString& objectName, QWidget* parent)
{
    auto* block = new QPlainTextEdit(code, parent);
    block->setObjectName(objectName);
    block->setReadOnly(true);
    block->setLineWrapMode(QPlainTextEdit::NoWrap);
    block->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const int lines = static_cast<int>(code.count(QLatin1Char('\n'))) + 1;
    block->setFixedHeight(block->fontMetrics().lineSpacing() * lines + 2 * block->frameWidth() + 12);
    return block;
}

} // namespace

FlawExplanationDialog::FlawExplanationDialog(ModelFlaw flaw, QWidget* parent)
    : QDialog(parent)
    , m_flaw(flaw)
{
    const FlawExplanation explained = explainFlaw(flaw);
    setWindowTitle(explained.title);
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(QStringLiteral("<h3>%1</h3>").arg(explained.title.toHtmlEscaped()), this);
    title->setTextFormat(Qt::RichText);
    layout->addWidget(title);
    layout->addWidget(paragraph(explained.explanation, this));
    layout->addWidget(heading(tr("Where it comes from: %1").arg(explained.tutorial), this));
    layout->addWidget(codeBlock(explained.tutorialCode, QStringLiteral("tutorialCode"), this));
    layout->addWidget(heading(tr("The fix"), this));
    layout->addWidget(paragraph(explained.fix, this));
    if (!explained.fixedCode.isEmpty())
        layout->addWidget(codeBlock(explained.fixedCode, QStringLiteral("fixedCode"), this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, sizeHint().height());
}

} // namespace studio
