#include "explain/ExplanationDock.h"

#include "explain/ExplanationPanel.h"
#include "window/Docks.h"
#include "window/InputPanel.h"
#include "window/OpenModels.h"

#include <QDockWidget>
#include <QMainWindow>

namespace studio {

ExplanationPanel* addExplanationDock(QMainWindow* window, QDockWidget* besides, OpenModels* models, InputPanel* input)
{
    auto* panel = new ExplanationPanel(window);
    QDockWidget* dock = makeDock(ExplanationPanel::tr("Is It an Explanation?"), QStringLiteral("explanationDock"), panel, window);
    window->tabifyDockWidget(besides, dock);
    // Its worker runs only while a person can see the answer.
    QObject::connect(dock, &QDockWidget::visibilityChanged, panel, &ExplanationPanel::setActive);
    QObject::connect(input, &InputPanel::inputChanged, panel, &ExplanationPanel::setInput);
    const auto follow = [panel, models](int index, const ModelSummary& summary) {
        panel->setModel(index, summary.name, models->path(index), models->options(index));
    };
    QObject::connect(models, &OpenModels::modelOpened, panel, follow);
    QObject::connect(models, &OpenModels::modelReopened, panel, follow);
    QObject::connect(models, &OpenModels::modelClosed, panel, &ExplanationPanel::removeModel);
    panel->setInput(models->currentInput());
    return panel;
}

} // namespace studio
