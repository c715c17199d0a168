#include "placeholderwindow.h"

#include <QLabel>

namespace duo::ui {

PlaceholderWindow::PlaceholderWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Duo Doctor"));
    auto* label = new QLabel(tr("The wizard is on its way. Run \"duo-doctor check --help\" for the headless checks."));
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(640, 400);
}

} // namespace duo::ui
