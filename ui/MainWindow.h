#pragma once

#include <QMainWindow>

namespace studio {

// The application window. Kept small: each view is its own widget class; this class only
// arranges them and wires menus.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace studio
