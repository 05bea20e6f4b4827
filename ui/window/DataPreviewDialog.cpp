#include "window/DataPreviewDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace studio {
namespace {

enum Column { kWhere, kLabel, kText, kTokens, kColumnCount };

} // namespace

DataPreviewDialog::DataPreviewDialog(const QString& path, QWidget* parent)
    : QDialog(parent)
    , m_path(path)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    setWindowTitle(tr("Training Data: %1").arg(QFileInfo(path).fileName()));
    m_summary = new QLabel(tr("Reading %1…").arg(path), this);
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(0, kColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Record"), tr("Label"), tr("Text"), tr("Tokens (as training reads them)")});
    m_table->horizontalHeader()->setSectionResizeMode(kText, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(kTokens, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Train on This File"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_buttons);
    resize(900, 520);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The result comes back as a value; the dialog may be gone by then (QPointer).
    QPointer<DataPreviewDialog> self(this);
    auto cancel = m_cancel;  // shared: the reading thread may outlive the dialog
    connect(this, &QDialog::rejected, this, [cancel] { *cancel = true; });
    m_reader = QThread::create([self, path, cancel] {
        const DataPreview preview = previewTextData(path, /*maxRows=*/50, cancel.get());
        QMetaObject::invokeMethod(qApp, [self, preview] {
            if (self)
                self->show(preview);
        });
    });
    m_reader->setParent(this);
    m_reader->setObjectName(QStringLiteral("data preview"));
    m_reader->start();
}

DataPreviewDialog::~DataPreviewDialog()
{
    *m_cancel = true;
    m_reader->wait();
}

void DataPreviewDialog::show(const DataPreview& preview)
{
    m_preview = preview;
    if (!preview.error.isEmpty()) {
        m_summary->setText(preview.error);
        Q_EMIT loaded();
        return;
    }
    QString summary = tr("%1 records read as %2; text from \"%3\", label from \"%4\"; %5 classes: %6.")
                          .arg(preview.records)
                          .arg(preview.format.toUpper(), preview.textField.isEmpty() ? tr("the lines") : preview.textField,
                               preview.labelField.isEmpty() ? tr("(none)") : preview.labelField)
                          .arg(preview.labels.size())
                          .arg(preview.labels.mid(0, 10).join(QStringLiteral(", ")));
    if (preview.skippedEmpty > 0)
        summary += tr(" %n record(s) with empty text were left out.", nullptr, static_cast<int>(preview.skippedEmpty));
    if (preview.labels.size() < 2)
        summary += tr(" A classifier needs at least two classes: choose a file with a label column.");
    m_summary->setText(summary);
    m_table->setRowCount(static_cast<int>(preview.rows.size()));
    for (int row = 0; row < static_cast<int>(preview.rows.size()); ++row) {
        const DataPreviewRow& record = preview.rows[static_cast<size_t>(row)];
        const QStringList cells{record.where, record.label, record.text, record.tokens.join(QStringLiteral(" | "))};
        for (int column = 0; column < kColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_table->resizeRowsToContents();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(preview.labels.size() >= 2);
    Q_EMIT loaded();
}

} // namespace studio
