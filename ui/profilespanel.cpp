#include "ui/profilespanel.h"

#include "ui/secretmessages.h"
#include "ui/session.h"
#include "ui/statusstyle.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace duo::ui {

namespace {

constexpr int idRole = Qt::UserRole + 1;

QString lastRunText(const Profile& profile) {
    if (!profile.lastRun)
        return ProfilesPanel::tr("never run");
    const QString when = QLocale().toString(profile.lastRun->at.toLocalTime(), QLocale::ShortFormat);
    return profile.lastRun->counts.fail == 0
               ? ProfilesPanel::tr("%1 · no failure").arg(when)
               : ProfilesPanel::tr("%1 · %n failed", nullptr, profile.lastRun->counts.fail).arg(when);
}

} // namespace

ProfilesPanel::ProfilesPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QTreeWidget(this))
    , m_message(new QLabel(this)) {
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("Saved profiles"));
    m_list->setHeaderLabels({tr("Profile"), tr("GitLab"), tr("AI gateway"), tr("Last run")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setMinimumHeight(110);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("profilesMessage"));

    auto* buttons = new QHBoxLayout;
    struct Action {
        const char* text;
        void (ProfilesPanel::*slot)();
        bool needsSelection;
    };
    const Action actions[] = {
        {QT_TR_NOOP("&Rename…"), &ProfilesPanel::askRename, true},
        {QT_TR_NOOP("D&uplicate…"), &ProfilesPanel::askDuplicate, true},
        {QT_TR_NOOP("&Delete…"), &ProfilesPanel::askDelete, true},
        {QT_TR_NOOP("&Import…"), &ProfilesPanel::askImport, false},
        {QT_TR_NOOP("E&xport…"), &ProfilesPanel::askExport, true},
    };
    for (const Action& action : actions) {
        auto* button = new QPushButton(tr(action.text), this);
        button->setAccessibleName(button->text().remove(QLatin1Char('&')).remove(QChar(0x2026)));
        connect(button, &QPushButton::clicked, this, action.slot);
        if (action.needsSelection)
            m_needSelection.append(button);
        buttons->addWidget(button);
    }
    buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] {
        for (QPushButton* button : std::as_const(m_needSelection))
            button->setEnabled(selected().has_value());
        emit selectionChanged();
    });
    connect(m_list, &QTreeWidget::itemActivated, this, &ProfilesPanel::activated);
    reload();
}

void ProfilesPanel::reload() {
    const QString keep = selected() ? selected()->id : QString();
    const ProfileStore::Listing listing = m_session->profiles().list();
    m_profiles = listing.profiles;
    m_list->clear();
    for (const Profile& profile : m_profiles) {
        auto* item = new QTreeWidgetItem(m_list, {profile.name, profile.gitlabUrl.toString(),
                                                  profile.gatewayUrl.toString(), lastRunText(profile)});
        item->setData(0, idRole, profile.id);
        if (profile.lastRun)
            item->setIcon(0, statusIcon(profile.lastRun->counts.fail ? Status::Fail : Status::Pass));
    }
    QStringList problems;
    for (const ProfileStore::Problem& problem : listing.problems)
        problems
            << tr("Could not read %1: %2. The file is left as it is.").arg(problem.file, problem.message);
    if (!problems.isEmpty())
        say(problems.join(QLatin1Char('\n')), true);
    else if (m_profiles.isEmpty())
        say(tr("No saved profiles yet: after a run, \u201cSave profile…\u201d on the Diagnosis page keeps "
               "the setup (secrets go to the keychain)."));
    else
        say({});
    // No profiles: a line of text and the Import button, not an empty table taking the first screen.
    m_list->setVisible(!m_profiles.isEmpty());
    select(keep);
    for (QPushButton* button : std::as_const(m_needSelection))
        button->setEnabled(selected().has_value());
}

std::optional<Profile> ProfilesPanel::selected() const {
    const QTreeWidgetItem* item = m_list->currentItem();
    if (!item || !item->isSelected())
        return std::nullopt;
    const QString id = item->data(0, idRole).toString();
    for (const Profile& profile : m_profiles) {
        if (profile.id == id)
            return profile;
    }
    return std::nullopt;
}

void ProfilesPanel::select(const QString& id) {
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem* item = m_list->topLevelItem(row);
        if (item->data(0, idRole).toString() == id) {
            m_list->setCurrentItem(item);
            item->setSelected(true);
        }
    }
}

QString ProfilesPanel::message() const {
    return m_message->text();
}

void ProfilesPanel::say(const QString& text, bool problem) {
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     problem ? QColor(0xd1, 0x34, 0x38) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
}

bool ProfilesPanel::rename(const QString& id, const QString& name) {
    QString error;
    auto profile = m_session->profiles().find(id, &error);
    if (profile && !name.trimmed().isEmpty()) {
        profile->name = name.trimmed();
        if (m_session->profiles().save(*profile, &error)) {
            reload();
            select(id);
            say(tr("Renamed to \u201c%1\u201d; its secrets stay with it.").arg(profile->name));
            return true;
        }
    }
    say(tr("Could not rename: %1").arg(error), true);
    return false;
}

void ProfilesPanel::duplicate(const QString& id, const QString& name, bool copySecrets) {
    QString error;
    const auto original = m_session->profiles().find(id, &error);
    if (!original) {
        say(error, true);
        return;
    }
    Profile copy = *original;
    copy.id = Profile::create(name).id;
    copy.name = name;
    if (!m_session->profiles().save(copy, &error)) {
        say(tr("Could not duplicate: %1").arg(error), true);
        return;
    }
    reload();
    select(copy.id);
    if (!copySecrets) {
        say(tr("Duplicated as \u201c%1\u201d without secrets.").arg(name));
        return;
    }
    readProfileSecrets(m_session->secrets(), original->id, [this, copy](const ProfileSecrets& secrets) {
        if (!secrets.problem.ok()) {
            say(tr("Duplicated as \u201c%1\u201d, but its secrets could not be read: %2")
                    .arg(copy.name, plainSecretProblem(secrets.problem)),
                true);
            return;
        }
        writeProfileSecrets(m_session->secrets(), copy.id, secrets.gitlabToken, secrets.modelKey,
                            [this, name = copy.name](const SecretResult& result) {
                                say(result.ok()
                                        ? tr("Duplicated as \u201c%1\u201d with its secrets.").arg(name)
                                        : tr("Duplicated as \u201c%1\u201d without secrets: %2")
                                              .arg(name, plainSecretProblem(result)),
                                    !result.ok());
                            });
    });
}

void ProfilesPanel::remove(const QString& id) {
    QString error;
    const auto profile = m_session->profiles().find(id, &error);
    if (!profile || !m_session->profiles().remove(id, &error)) {
        say(tr("Could not delete: %1").arg(error), true);
        return;
    }
    reload();
    writeProfileSecrets(
        m_session->secrets(), id, {}, {}, [this, name = profile->name](const SecretResult& result) {
            say(result.ok() ? tr("Deleted \u201c%1\u201d and its secrets.").arg(name)
                            : tr("Deleted \u201c%1\u201d; its keychain entries could not be removed: %2")
                                  .arg(name, plainSecretProblem(result)),
                !result.ok());
        });
}

bool ProfilesPanel::importFile(const QString& path) {
    QString error;
    const auto profile = ProfileStore::importFrom(path, &error);
    if (!profile || !m_session->profiles().save(*profile, &error)) {
        say(tr("Could not import %1: %2").arg(path, error), true);
        return false;
    }
    reload();
    select(profile->id);
    say(tr("Imported \u201c%1\u201d. Profiles travel without secrets: enter the token and the key on the "
           "next pages.")
            .arg(profile->name));
    return true;
}

bool ProfilesPanel::exportTo(const QString& id, const QString& path) {
    QString error;
    const auto profile = m_session->profiles().find(id, &error);
    if (!profile || !ProfileStore::exportTo(*profile, path, &error)) {
        say(tr("Could not export: %1").arg(error), true);
        return false;
    }
    say(tr("Exported \u201c%1\u201d to %2 — without its secrets.").arg(profile->name, path));
    return true;
}

void ProfilesPanel::askRename() {
    const auto profile = selected();
    if (!profile)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename profile"), tr("New name:"), QLineEdit::Normal,
                                               profile->name, &ok);
    if (ok)
        rename(profile->id, name);
}

void ProfilesPanel::askDuplicate() {
    const auto profile = selected();
    if (!profile)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Duplicate profile"), tr("Name of the copy:"),
                                               QLineEdit::Normal, tr("%1 (copy)").arg(profile->name), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const auto answer =
        QMessageBox::question(this, tr("Duplicate profile"),
                              tr("Copy the GitLab token and the model API key to the new profile too?"),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    duplicate(profile->id, name.trimmed(), answer == QMessageBox::Yes);
}

void ProfilesPanel::askDelete() {
    const auto profile = selected();
    if (!profile)
        return;
    if (QMessageBox::question(
            this, tr("Delete profile"),
            tr("Delete \u201c%1\u201d and its secrets in the keychain?").arg(profile->name)) ==
        QMessageBox::Yes)
        remove(profile->id);
}

void ProfilesPanel::askImport() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import profile"), {}, tr("Duo Doctor profile (*.json)"));
    if (!path.isEmpty())
        importFile(path);
}

void ProfilesPanel::askExport() {
    const auto profile = selected();
    if (!profile)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export profile (without secrets)"),
                                                      profile->name + QStringLiteral(".json"),
                                                      tr("Duo Doctor profile (*.json)"));
    if (!path.isEmpty())
        exportTo(profile->id, path);
}

} // namespace duo::ui
