#pragma once

class QTreeView;

namespace duo::ui {

class CheckTreeModel;

// The run and diagnosis pages show the checks alike: the name takes the room, status and duration fit.
void showChecksIn(QTreeView* view, CheckTreeModel* model);

} // namespace duo::ui
