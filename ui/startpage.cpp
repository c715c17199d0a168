#include "ui/startpage.h"

#include "sim/simstack.h"
#include "ui/pageids.h"
#include "ui/profilespanel.h"
#include "ui/session.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QRadioButton>
#include <QVBoxLayout>

namespace duo::ui {

StartPage::StartPage(Session* session, QWidget* parent)
    : QWizardPage(parent)
    , m_session(session) {
    setTitle(tr("Diagnose GitLab Duo with self-hosted models"));
    setSubTitle(tr("Duo Doctor checks GitLab, the AI gateway and your model server the way the "
                   "troubleshooting guide does, "
                   "and tells you what to fix. It only reads; it changes nothing."));

    m_newCheck = new QRadioButton(tr("&Check my setup"), this);
    m_newCheck->setChecked(true);
    m_newCheck->setObjectName(QStringLiteral("newCheck"));
    m_profile = new QRadioButton(tr("Open a saved &profile:"), this);
    m_profiles = new ProfilesPanel(session, this);
    connect(m_profiles, &ProfilesPanel::selectionChanged, this, [this] {
        if (m_profiles->selected())
            m_profile->setChecked(true);
        emit completeChanged();
    });
    connect(m_profiles, &ProfilesPanel::activated, this, [this] { wizard()->next(); });
    connect(m_profile, &QRadioButton::toggled, this, &QWizardPage::completeChanged);
    m_simulated = new QRadioButton(tr("&Try it without a GitLab: a simulated stack on this computer"), this);
    m_scenario = new QComboBox(this);
    m_scenario->setObjectName(QStringLiteral("scenario"));
    m_scenario->setAccessibleName(tr("Simulated problem"));
    for (const sim::ScenarioInfo& scenario : sim::SimStack::scenarios())
        m_scenario->addItem(QStringLiteral("%1 — %2").arg(scenario.id, scenario.description), scenario.id);
    m_scenario->setEnabled(false);
    connect(m_simulated, &QRadioButton::toggled, m_scenario, &QWidget::setEnabled);
    for (QRadioButton* button : {m_newCheck, m_profile, m_simulated})
        button->setAccessibleName(button->text().remove(QLatin1Char('&')));

    auto* before = new QGroupBox(tr("Before you begin"), this);
    auto* list = new QLabel(
        tr("<ul>"
           "<li>Access to the GitLab Rails console (<code>sudo gitlab-rails console</code>) for the manual "
           "steps.</li>"
           "<li>A shell in the AI gateway container (<code>docker exec</code> or <code>kubectl "
           "exec</code>).</li>"
           "<li>The URLs of GitLab, the AI gateway and the model server, the model's name and "
           "identifier.</li>"
           "<li>Optionally a personal access token (an administrator's checks the most) and the model's API "
           "key.</li>"
           "<li>To see GitLab's requests to the gateway in <code>llm.log</code>: "
           "<code>Feature.enable(:expanded_ai_logging)</code> — and disable it when you are done.</li>"
           "</ul>"),
        before);
    list->setWordWrap(true);
    list->setTextFormat(Qt::RichText);
    auto* beforeLayout = new QVBoxLayout(before);
    beforeLayout->addWidget(list);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_newCheck);
    layout->addWidget(m_profile);
    layout->addWidget(m_profiles, 1);
    layout->addWidget(m_simulated);
    layout->addWidget(m_scenario);
    layout->addSpacing(12);
    layout->addWidget(before);
}

void StartPage::chooseSimulated(const QString& scenario) {
    m_simulated->setChecked(true);
    const int index = m_scenario->findData(scenario);
    if (index >= 0)
        m_scenario->setCurrentIndex(index);
}

void StartPage::initializePage() {
    m_profiles->reload();
}

void StartPage::chooseProfile(const QString& id) {
    m_profiles->reload();
    m_profiles->select(id);
    m_profile->setChecked(true);
}

bool StartPage::isComplete() const {
    return !m_profile->isChecked() || m_profiles->selected().has_value();
}

int StartPage::nextId() const {
    return m_simulated->isChecked() ? RunPageId : GitLabPageId;
}

bool StartPage::validatePage() {
    if (m_profile->isChecked()) {
        m_session->openProfile(*m_profiles->selected());
        return true;
    }
    if (!m_session->leaveProfile())
        return false;
    if (!m_simulated->isChecked()) {
        m_session->stopSimulated();
        return true;
    }
    QString error;
    if (m_session->startSimulated(m_scenario->currentData().toString(), &error))
        return true;
    QMessageBox::warning(this, tr("Simulated stack"),
                         tr("The simulated stack could not start: %1").arg(error));
    return false;
}

} // namespace duo::ui
