#include "training/DistributedTrainingDialog.h"

#include "common/StudioError.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace studio {

DistributedTrainingDialog::DistributedTrainingDialog(const TrainingSetup& setup, const QString& runFolder, QWidget* parent)
    : QDialog(parent)
    , m_setup(setup)
    , m_script(distributedTrainingScript())
{
    setWindowTitle(tr("Train with torchrun"));
    auto* intro = new QLabel(tr("The same model and settings, trained by PyTorch's DistributedDataParallel on several "
                                "processes or machines (gloo on CPUs, NCCL on GPUs). Run the command in a terminal "
                                "(on every machine, when there are several); the window can watch the run folder "
                                "as the run writes its curves and checkpoints."),
                             this);
    intro->setWordWrap(true);

    m_processes = new QSpinBox(this);
    m_processes->setRange(1, 1024);
    m_processes->setValue(2);
    m_processes->setToolTip(tr("One process per CPU share or per GPU on each machine (torchrun --nproc_per_node)."));
    m_machines = new QSpinBox(this);
    m_machines->setRange(1, 1024);
    m_machines->setToolTip(tr("Machines taking part; each runs the same command (torchrun --nnodes)."));
    m_rendezvous = new QLineEdit(DistributedPlan().rendezvous, this);
    m_rendezvous->setToolTip(tr("HOST:PORT of the first machine, where the others meet it (torchrun --rdzv_endpoint)."));
    m_folder = new QLineEdit(runFolder, this);
    auto* browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Processes per machine"), m_processes);
    form->addRow(tr("Machines"), m_machines);
    form->addRow(tr("Meeting point"), m_rendezvous);
    form->addRow(tr("Run folder"), folderRow);

    m_command = new QPlainTextEdit(this);
    m_command->setReadOnly(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setMaximumHeight(m_command->fontMetrics().lineSpacing() * 6);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_write = buttons->addButton(tr("Write Setup and Copy Command"), QDialogButtonBox::ActionRole);
    m_watch = buttons->addButton(tr("Watch the Run Folder"), QDialogButtonBox::ActionRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Command"), this));
    layout->addWidget(m_command);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, sizeHint().height());

    for (QSpinBox* box : {m_processes, m_machines})
        connect(box, &QSpinBox::valueChanged, this, &DistributedTrainingDialog::updateCommand);
    for (QLineEdit* edit : {m_rendezvous, m_folder})
        connect(edit, &QLineEdit::textChanged, this, &DistributedTrainingDialog::updateCommand);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Run Folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    connect(m_write, &QPushButton::clicked, this, [this] { writeSetup(); });
    connect(m_watch, &QPushButton::clicked, this, [this] {
        if (writeSetup())
            Q_EMIT watchRequested(m_folder->text());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateCommand();
}

DistributedPlan DistributedTrainingDialog::plan() const
{
    DistributedPlan plan;
    plan.processesPerMachine = m_processes->value();
    plan.machines = m_machines->value();
    plan.rendezvous = m_rendezvous->text().trimmed();
    plan.runFolder = m_folder->text().trimmed();
    plan.script = m_script.isEmpty() ? QStringLiteral("examples/pytorch/train_ddp.py") : m_script;
    return plan;
}

QString DistributedTrainingDialog::command() const { return shellCommand(torchrunArguments(plan())); }

void DistributedTrainingDialog::updateCommand()
{
    m_rendezvous->setEnabled(m_machines->value() > 1);
    m_command->setPlainText(command());
    QString problem = distributedLimitation(m_setup);
    if (problem.isEmpty() && m_script.isEmpty())
        problem = tr("train_ddp.py was not found beside the program or in its source tree; "
                     "the command names it as examples/pytorch/train_ddp.py would be.");
    if (problem.isEmpty() && m_folder->text().trimmed().isEmpty())
        problem = tr("Choose a run folder.");
    if (problem.isEmpty() && m_machines->value() > 1)
        problem = tr("Every machine reads the run folder's setup.json and the data at the same path, and any of them "
                     "may write the run: put the run folder on a folder all machines share.");
    m_status->setText(problem);
    const bool usable = distributedLimitation(m_setup).isEmpty() && !m_folder->text().trimmed().isEmpty();
    m_write->setEnabled(usable);
    m_watch->setEnabled(usable);
}

bool DistributedTrainingDialog::writeSetup()
{
    try {
        writeDistributedSetup(plan(), m_setup);
    } catch (const StudioError& error) {
        m_status->setText(error.message());
        return false;
    }
    QGuiApplication::clipboard()->setText(command());
    m_status->setText(tr("Wrote %1 and copied the command.").arg(distributedSetupPath(plan())));
    return true;
}

} // namespace studio
