#pragma once

#include <QMainWindow>

namespace duo::ui {

// Stands in for the wizard until it lands.
class PlaceholderWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit PlaceholderWindow(QWidget* parent = nullptr);
};

} // namespace duo::ui
