#include "window/InputPanel.h"

#include "views/SeriesAttentionView.h"
#include "common/StudioError.h"
#include "data/InputSeries.h"
#include "runtime/BackgroundQueue.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <optional>

namespace studio {

InputPanel::InputPanel(QWidget* parent)
    : QWidget(parent)
    , m_loads(std::make_unique<BackgroundQueue>(QStringLiteral("series loader")))
{
    m_editor = new QPlainTextEdit(this);
    m_editor->setPlaceholderText(tr("Type or paste text: every open model reads it as you type."));
    m_status = new QLabel(this);
    auto* loadSeries = new QPushButton(tr("Load Series…"), this);
    loadSeries->setToolTip(tr("A CSV with one row per time step and one column per feature."));

    m_readStepsLabel = new QLabel(tr("Forecasters read the last"), this);
    m_readSteps = new QSpinBox(this);
    m_readSteps->setRange(0, 100000);
    m_readSteps->setKeyboardTracking(false);  // typing "30" asks once, not for 3 rows and then 30
    m_readSteps->setSpecialValueText(tr("trained window"));
    m_readSteps->setSuffix(tr(" rows"));
    m_readSteps->setToolTip(tr("0: the window the model was trained with. More rows: a longer look back than it was "
                               "trained with."));
    m_readStepsLabel->setBuddy(m_readSteps);
    m_readStepsLabel->hide();
    m_readSteps->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_readStepsLabel);
    buttons->addWidget(m_readSteps);
    buttons->addWidget(loadSeries);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = m_editor->toPlainText();
        m_seriesPath.clear();  // typed text is the input now
        m_readStepsLabel->hide();
        m_readSteps->hide();
        m_status->setText(tr("%n character(s)", nullptr, static_cast<int>(text.size())));
        Q_EMIT inputChanged(InferenceRequest{text});
    });
    connect(loadSeries, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Series"), QString(), tr("CSV files (*.csv *.txt)"));
        if (path.isEmpty())
            return;
        this->loadSeries(path);
    });
    connect(m_readSteps, &QSpinBox::valueChanged, this, [this](int steps) {
        if (m_seriesPath.isEmpty())
            return;
        m_seriesRequest.readSteps = steps;
        Q_EMIT inputChanged(m_seriesRequest);
    });
}

InputPanel::~InputPanel() = default;

void InputPanel::setText(const QString& text) { m_editor->setPlainText(text); }
QString InputPanel::text() const { return m_editor->toPlainText(); }

void InputPanel::loadSeries(const QString& path)
{
    const quint64 id = ++m_lastLoad;
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    struct Outcome {
        std::optional<InputSeries> series;
        QString error;
    };
    m_loads->post(
        [path, cancel = m_loads->cancelFlag()] {
            Outcome outcome;
            try {
                ImportControl control;
                control.cancel = cancel;
                outcome.series = readInputSeries(path, control);
            } catch (const StudioError& error) {
                outcome.error = error.message();
            }
            return outcome;
        },
        [this, id](const Outcome& outcome) {
            if (id != m_lastLoad)
                return;  // a newer load was asked for while this one was read
            if (!outcome.series) {
                m_status->setText(outcome.error);
                Q_EMIT loadFailed(outcome.error);
                return;
            }
            showSeries(*outcome.series);
        });
}

void InputPanel::showSeries(const InputSeries& input)
{
    m_seriesPath = input.path;
    SeriesData series;
    series.names = input.names;
    series.features = input.features;
    InferenceRequest request;
    request.features = static_cast<int>(input.features.size());
    if (input.hadHeader)
        request.featureNames = input.names;
    const int64_t steps = input.steps();
    request.series.reserve(static_cast<size_t>(steps) * input.features.size());
    for (int64_t step = 0; step < steps; ++step)
        for (const std::vector<double>& feature : input.features)
            request.series.push_back(static_cast<float>(feature[static_cast<size_t>(step)]));
    QString status = tr("%1: %2 steps × %3 features").arg(QFileInfo(input.path).fileName()).arg(steps).arg(input.features.size());
    if (!input.leftOut.isEmpty())
        status += tr(" (left out, not numbers: %1)").arg(input.leftOut.join(QStringLiteral(", ")));
    m_status->setText(status);
    request.readSteps = m_readSteps->value();
    m_seriesRequest = request;
    m_readStepsLabel->show();
    m_readSteps->show();
    Q_EMIT seriesLoaded(series);
    Q_EMIT inputChanged(request);
}

} // namespace studio
