#include "window/InterruptedRunBar.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace studio {

InterruptedRunBar::InterruptedRunBar(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_resume(new QPushButton(tr("Resume"), this))
    , m_open(new QPushButton(tr("Open"), this))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(255, 244, 206));  // a warning's pale yellow, readable in dark themes too
    colours.setColor(QPalette::WindowText, QColor(60, 45, 0));
    setPalette(colours);
    m_label->setWordWrap(true);
    m_resume->setToolTip(tr("Go on training from the last saved epoch, as if it had never stopped."));
    m_open->setToolTip(tr("Open the model as it was after its last saved epoch."));
    m_dismiss->setToolTip(tr("Do not offer this run again; its files stay in the runs folder."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_resume);
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    buttons->addWidget(m_dismiss);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_label);
    layout->addLayout(buttons);
    connect(m_resume, &QPushButton::clicked, this, [this] { answer(&InterruptedRunBar::resumeRequested); });
    connect(m_open, &QPushButton::clicked, this, [this] { answer(&InterruptedRunBar::openRequested); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { answer(&InterruptedRunBar::dismissed); });
    hide();
}

void InterruptedRunBar::setRuns(const QList<TrainingRunRecord>& runs)
{
    m_runs = runs;
    showFirst();
}

void InterruptedRunBar::showFirst()
{
    if (m_runs.isEmpty()) {
        hide();
        return;
    }
    const TrainingRunRecord& run = m_runs.front();
    QString text = run.epochsCompleted > 0
        ? tr("The training run <b>%1</b> was interrupted after epoch %2 of %3.")
              .arg(run.name.toHtmlEscaped())
              .arg(run.epochsCompleted)
              .arg(run.setup.training.epochs)
        : tr("The training run <b>%1</b> was interrupted before its first epoch ended.").arg(run.name.toHtmlEscaped());
    if (m_runs.size() > 1)
        text += QLatin1Char(' ') + tr("(%n more interrupted run(s) in the runs folder.)", nullptr, static_cast<int>(m_runs.size() - 1));
    m_label->setText(text);
    m_open->setEnabled(QFileInfo::exists(run.modelPath()));  // the record may lag the model file by an epoch
    show();
}

void InterruptedRunBar::answer(void (InterruptedRunBar::*signal)(const TrainingRunRecord&))
{
    if (m_runs.isEmpty())
        return;
    const TrainingRunRecord run = m_runs.takeFirst();
    showFirst();
    Q_EMIT(this->*signal)(run);
}

} // namespace studio
