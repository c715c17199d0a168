#include "ui/checktreeview.h"

#include "ui/checktreemodel.h"

#include <QHeaderView>
#include <QTreeView>

namespace duo::ui {

void showChecksIn(QTreeView* view, CheckTreeModel* model) {
    view->setModel(model);
    view->setUniformRowHeights(true);
    view->header()->setSectionResizeMode(CheckTreeModel::NameColumn, QHeaderView::Stretch);
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(CheckTreeModel::StatusColumn, QHeaderView::ResizeToContents);
    view->header()->setSectionResizeMode(CheckTreeModel::DurationColumn, QHeaderView::ResizeToContents);
}

} // namespace duo::ui
