#pragma once

// Before training on a text file: its first records with their labels and the tokens training
// will make of them, the format and columns found, and the classes. The file is read on a worker
// thread, so a large file does not freeze the window.

#include "runtime/DataPreview.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QTableWidget;
class QThread;

namespace studio {

class DataPreviewDialog : public QDialog {
    Q_OBJECT
public:
    explicit DataPreviewDialog(const QString& path, QWidget* parent = nullptr);
    // Cancels a read still running and joins its thread: the reader stops within a megabyte, and
    // no thread is left reading after the dialog (or the application) is gone.
    ~DataPreviewDialog() override;

    QString path() const { return m_path; }
    const DataPreview& preview() const { return m_preview; }
    QTableWidget* table() const { return m_table; }
    QThread* reader() const { return m_reader; }

Q_SIGNALS:
    void loaded();

private:
    void show(const DataPreview& preview);

    QString m_path;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThread* m_reader = nullptr;  // a child: joined in the destructor
    DataPreview m_preview;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace studio
