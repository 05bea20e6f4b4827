#include "window/InputPanel.h"

#include "views/SeriesAttentionView.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace studio {
namespace {

// Larger series files are refused: this box is for looking at one input, not a data set.
constexpr qint64 kLargestSeriesFile = 16 << 20;

} // namespace

InputPanel::InputPanel(QWidget* parent)
    : QWidget(parent)
{
    m_editor = new QPlainTextEdit(this);
    m_editor->setPlaceholderText(tr("Type or paste text: every open model reads it as you type."));
    m_status = new QLabel(this);
    auto* loadSeries = new QPushButton(tr("Load Series…"), this);
    loadSeries->setToolTip(tr("A CSV with one row per time step and one column per feature."));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(loadSeries);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = m_editor->toPlainText();
        m_status->setText(tr("%n character(s)", nullptr, static_cast<int>(text.size())));
        Q_EMIT inputChanged(InferenceRequest{text});
    });
    connect(loadSeries, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Series"), QString(), tr("CSV files (*.csv *.txt)"));
        if (path.isEmpty())
            return;
        const QString problem = this->loadSeries(path);
        if (!problem.isEmpty())
            m_status->setText(problem);
    });
}

void InputPanel::setText(const QString& text) { m_editor->setPlainText(text); }
QString InputPanel::text() const { return m_editor->toPlainText(); }

QString InputPanel::loadSeries(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("%1 cannot be read: %2.").arg(path, file.errorString());
    if (file.size() > kLargestSeriesFile)
        return tr("%1 is larger than 16 MB: load one input series, not a data set.").arg(path);
    QList<QStringList> rows;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            rows << line.split(QLatin1Char(','));
    }
    if (rows.isEmpty())
        return tr("%1 has no rows.").arg(path);
    QStringList header;
    bool ok = false;
    rows.first().value(rows.first().size() - 1).toDouble(&ok);
    if (!ok)
        header = rows.takeFirst();
    const int columns = rows.isEmpty() ? 0 : static_cast<int>(rows.first().size());
    SeriesData series;
    std::vector<int> numeric;
    // A time column (years are numbers too) is the axis, not a feature to plot or feed a model.
    static const QStringList kTimeNames{QStringLiteral("year"), QStringLiteral("date"), QStringLiteral("time"),
                                        QStringLiteral("timestamp"), QStringLiteral("datetime"), QStringLiteral("month"),
                                        QStringLiteral("day")};
    for (int column = 0; column < columns; ++column) {
        if (kTimeNames.contains(header.value(column).remove(QLatin1Char('"')).trimmed().toLower()))
            continue;
        bool allNumbers = true;
        for (const QStringList& row : rows) {
            bool isNumber = false;
            row.value(column).toDouble(&isNumber);
            allNumbers = allNumbers && isNumber;
        }
        if (allNumbers)
            numeric.push_back(column);
    }
    if (numeric.empty())
        return tr("%1 has no column of numbers.").arg(path);
    for (int column : numeric) {
        series.names << header.value(column, tr("feature %1").arg(column + 1)).remove(QLatin1Char('"'));
        std::vector<double> values;
        for (const QStringList& row : rows)
            values.push_back(row.value(column).toDouble());
        series.features.push_back(std::move(values));
    }
    InferenceRequest request;
    request.features = static_cast<int>(numeric.size());
    if (!header.isEmpty())
        request.featureNames = series.names;
    for (size_t step = 0; step < rows.size(); ++step)
        for (const auto& feature : series.features)
            request.series.push_back(static_cast<float>(feature[step]));
    m_status->setText(tr("%1: %2 steps × %3 features").arg(QFileInfo(path).fileName()).arg(rows.size()).arg(numeric.size()));
    Q_EMIT seriesLoaded(series);
    Q_EMIT inputChanged(request);
    return {};
}

} // namespace studio
