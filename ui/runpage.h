#pragma once

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;

namespace duo::ui {

class CheckTreeModel;
class Session;

// Page 5: every check at once with its live state, overall progress and Cancel. Never blocks.
class RunPage : public QWizardPage {
    Q_OBJECT
public:
    RunPage(Session* session, CheckTreeModel* model, QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    QTreeView* tree() const { return m_tree; }

private:
    void describeSecrets();

    Session* m_session;
    CheckTreeModel* m_model;
    QLabel* m_secrets;
    QLabel* m_likelyCause; // shown as soon as the engine is sure of it, before the run ends
    QTreeView* m_tree;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_state;
};

} // namespace duo::ui
