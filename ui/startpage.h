#pragma once

#include <QWizardPage>

class QComboBox;
class QRadioButton;

namespace duo::ui {

class ProfilesPanel;
class Session;

// New check, a saved profile (with the profiles issue), or the built-in simulated stack; and what the admin
// should have at hand before starting.
class StartPage : public QWizardPage {
    Q_OBJECT
public:
    explicit StartPage(Session* session, QWidget* parent = nullptr);

    void chooseSimulated(const QString& scenario);
    void initializePage() override;
    int nextId() const override;
    bool isComplete() const override;
    bool validatePage() override;
    ProfilesPanel* profiles() const { return m_profiles; }
    void chooseProfile(const QString& id);

private:
    Session* m_session;
    QRadioButton* m_newCheck;
    QRadioButton* m_profile;
    QRadioButton* m_simulated;
    QComboBox* m_scenario;
    ProfilesPanel* m_profiles;
};

} // namespace duo::ui
