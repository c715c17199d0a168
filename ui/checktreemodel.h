#pragma once

#include "core/checkresult.h"
#include "core/engine/catalog.h"
#include "core/reports/report.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QTimer>

namespace duo::ui {

// The diagnosis tree: root causes pinned on top, then one group per component with its checks.
// Fed by the engine's signals; holds only what it shows.
class CheckTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DurationColumn, ColumnCount };
    enum Role { CheckIdRole = Qt::UserRole + 1, StatusRole, IsRootCauseRole };

    explicit CheckTreeModel(QObject* parent = nullptr);

    void setShowRootCauses(bool show);
    void reset(const QStringList& ids);
    void setRunning(const QString& id);
    void updateCheck(const CheckResult& result);
    void setRootCauses(const QList<RootCause>& causes);

    const CheckResult* result(const QString& id) const;
    const RootCause* rootCause(const QModelIndex& index) const;
    QModelIndex indexOfCheck(const QString& id, int column = 0) const;
    QModelIndex rootCausesIndex() const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Group {
        QString title;
        Component component;
        bool rootCauses = false;
        QStringList ids;
    };
    int groupRow(Component component) const;
    QVariant groupData(int row, int column, int role) const;
    QVariant checkData(const QString& id, int column, int role, bool asRootCause) const;
    QString rootCauseTitle(const QString& id) const;
    int explainedCount(const QString& id) const;
    QIcon spinnerFrame() const;
    void tickSpinner();

    QList<Group> m_groups;
    QHash<QString, CheckResult> m_results;
    QList<RootCause> m_causes;
    bool m_showRootCauses = true;
    QTimer m_spinner;
    int m_frame = 0;
};

} // namespace duo::ui
