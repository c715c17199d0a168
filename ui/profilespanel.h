#pragma once

#include "core/profiles/profile.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace duo::ui {

class Session;

// The saved profiles on the Start page: name, URLs, last run; rename, duplicate, delete, import and export.
// Each action has a dialog-free method the dialogs call (and tests use).
class ProfilesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProfilesPanel(Session* session, QWidget* parent = nullptr);

    void reload();
    std::optional<Profile> selected() const;
    void select(const QString& id);
    QTreeWidget* list() const { return m_list; }
    QString message() const;

    bool rename(const QString& id, const QString& name);
    void duplicate(const QString& id, const QString& name, bool copySecrets);
    void remove(const QString& id);
    bool importFile(const QString& path);
    bool exportTo(const QString& id, const QString& path);

signals:
    void selectionChanged();
    void activated(); // double-click or Enter: open it

private:
    void say(const QString& text, bool problem = false);
    void askRename();
    void askDuplicate();
    void askDelete();
    void askImport();
    void askExport();

    Session* m_session;
    QList<Profile> m_profiles;
    QTreeWidget* m_list;
    QLabel* m_message;
    QList<QPushButton*> m_needSelection;
};

} // namespace duo::ui
