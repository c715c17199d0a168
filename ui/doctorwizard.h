#pragma once

#include <QWizard>

namespace duo {
struct Target;
} // namespace duo

namespace duo::ui {

class CheckTreeModel;
class DiagnosisPage;
class GatewayPage;
class GitLabPage;
class ModelPage;
class RunPage;
class Session;
class StartPage;

// The main window: collect the setup, run the checks live, show the diagnosis.
class DoctorWizard : public QWizard {
    Q_OBJECT
public:
    explicit DoctorWizard(QWidget* parent = nullptr);
    ~DoctorWizard() override;

    // "Try it without a GitLab": starts the scenario and runs it at once.
    bool startSimulated(const QString& scenario);

    Session* session() const { return m_session; }
    CheckTreeModel* treeModel() const { return m_model; }
    DiagnosisPage* diagnosisPage() const { return m_diagnosis; }
    RunPage* runPage() const { return m_run; }
    StartPage* startPage() const { return m_start; }
    static QString aboutText();

protected:
    bool validateCurrentPage() override;
    void done(int result) override;

private:
    void connectEngineToTree();
    void connectSessionToPages();
    void showHelpMenu();
    void showActiveProfile();
    bool pagesMatchProfile() const;
    void showTargetOnPages(const Target& target);
    Target targetFromPages() const;
    void collectTarget();
    void restoreSettings();
    void fitOnScreen();
    void saveSettings() const;

    Session* m_session;
    CheckTreeModel* m_model;
    StartPage* m_start;
    GitLabPage* m_gitlab;
    GatewayPage* m_gateway;
    ModelPage* m_modelPage;
    RunPage* m_run;
    DiagnosisPage* m_diagnosis;
};

} // namespace duo::ui
