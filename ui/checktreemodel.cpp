#include "ui/checktreemodel.h"

#include "ui/statusstyle.h"

#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace duo::ui {

namespace {

constexpr quintptr topLevel = 0;
constexpr int spinnerFrames = 8;

} // namespace

CheckTreeModel::CheckTreeModel(QObject* parent)
    : QAbstractItemModel(parent) {
    m_spinner.setInterval(120);
    connect(&m_spinner, &QTimer::timeout, this, &CheckTreeModel::tickSpinner);
    reset({});
}

void CheckTreeModel::setShowRootCauses(bool show) {
    m_showRootCauses = show;
    reset(QStringList(m_results.keys()));
}

void CheckTreeModel::reset(const QStringList& ids) {
    beginResetModel();
    m_groups.clear();
    m_results.clear();
    m_causes.clear();
    if (m_showRootCauses)
        m_groups.append({tr("Root causes"), Component::GitLab, true, {}});
    for (const Component component : components())
        m_groups.append({componentTitle(component), component, false, {}});
    // Catalog order, whatever order the ids came in.
    for (const CheckDefinition& definition : checkCatalog()) {
        if (!ids.contains(definition.id))
            continue;
        const int row = groupRow(definition.component);
        m_groups[row].ids.append(definition.id);
        CheckResult queued;
        queued.id = definition.id;
        queued.vantage = definition.vantage;
        m_results.insert(definition.id, queued);
    }
    endResetModel();
}

int CheckTreeModel::groupRow(Component component) const {
    for (int row = 0; row < m_groups.size(); ++row) {
        if (!m_groups.at(row).rootCauses && m_groups.at(row).component == component)
            return row;
    }
    return 0;
}

void CheckTreeModel::setRunning(const QString& id) {
    auto it = m_results.find(id);
    if (it == m_results.end())
        return;
    it->status = Status::Running;
    emit dataChanged(indexOfCheck(id), indexOfCheck(id, DurationColumn));
    if (!m_spinner.isActive())
        m_spinner.start();
}

void CheckTreeModel::updateCheck(const CheckResult& result) {
    if (!m_results.contains(result.id))
        return;
    m_results.insert(result.id, result);
    emit dataChanged(indexOfCheck(result.id), indexOfCheck(result.id, DurationColumn));
    const bool anyRunning = std::any_of(m_results.cbegin(), m_results.cend(),
                                        [](const CheckResult& r) { return r.status == Status::Running; });
    if (!anyRunning)
        m_spinner.stop();
}

void CheckTreeModel::setRootCauses(const QList<RootCause>& causes) {
    if (!m_showRootCauses) {
        m_causes = causes;
        return;
    }
    const QModelIndex parent = rootCausesIndex();
    if (!m_causes.isEmpty()) {
        beginRemoveRows(parent, 0, int(m_causes.size()) - 1);
        m_causes.clear();
        m_groups[0].ids.clear();
        endRemoveRows();
    }
    if (!causes.isEmpty()) {
        beginInsertRows(parent, 0, int(causes.size()) - 1);
        m_causes = causes;
        for (const RootCause& cause : causes)
            m_groups[0].ids.append(cause.checkId);
        endInsertRows();
    }
    emit dataChanged(parent, parent.siblingAtColumn(DurationColumn));
}

const CheckResult* CheckTreeModel::result(const QString& id) const {
    const auto it = m_results.constFind(id);
    return it == m_results.cend() ? nullptr : &it.value();
}

const RootCause* CheckTreeModel::rootCause(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == topLevel ||
        !m_groups.value(int(index.internalId()) - 1).rootCauses)
        return nullptr;
    return index.row() < m_causes.size() ? &m_causes.at(index.row()) : nullptr;
}

QModelIndex CheckTreeModel::rootCausesIndex() const {
    return m_showRootCauses ? createIndex(0, 0, topLevel) : QModelIndex();
}

QModelIndex CheckTreeModel::indexOfCheck(const QString& id, int column) const {
    for (int group = 0; group < m_groups.size(); ++group) {
        if (m_groups.at(group).rootCauses)
            continue;
        const int row = int(m_groups.at(group).ids.indexOf(id));
        if (row >= 0)
            return createIndex(row, column, quintptr(group + 1));
    }
    return {};
}

QModelIndex CheckTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, topLevel);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex CheckTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == topLevel)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, topLevel);
}

int CheckTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != topLevel || parent.column() != 0)
        return 0;
    return int(m_groups.value(parent.row()).ids.size());
}

int CheckTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant CheckTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Check");
    case StatusColumn:
        return tr("Result");
    case DurationColumn:
        return tr("Time");
    default:
        return {};
    }
}

QVariant CheckTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    if (index.internalId() == topLevel)
        return groupData(index.row(), index.column(), role);
    const Group& group = m_groups.at(int(index.internalId()) - 1);
    return checkData(group.ids.value(index.row()), index.column(), role, group.rootCauses);
}

QVariant CheckTreeModel::groupData(int row, int column, int role) const {
    const Group& group = m_groups.at(row);
    int failed = 0;
    int finished = 0;
    int waiting = 0;
    for (const QString& id : group.ids) {
        const Status status = m_results.value(id).status;
        failed += status == Status::Fail ? 1 : 0;
        finished += isFinal(status) ? 1 : 0;
        waiting += status == Status::Manual ? 1 : 0;
    }
    if (role == Qt::FontRole) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    if (column == NameColumn)
        return group.title;
    if (column == StatusColumn) {
        if (group.rootCauses)
            return m_causes.isEmpty() ? tr("none found") : tr("%n found", nullptr, int(m_causes.size()));
        if (failed)
            return tr("%n failed", nullptr, failed);
        if (waiting && finished == group.ids.size())
            return tr("%n need you", nullptr, waiting);
        return finished < group.ids.size() ? tr("%1 of %2 done").arg(finished).arg(group.ids.size())
                                           : tr("done");
    }
    return {};
}

QVariant CheckTreeModel::checkData(const QString& id, int column, int role, bool asRootCause) const {
    const CheckResult& result = m_results.value(id);
    const CheckDefinition* definition = findCheck(id);
    switch (role) {
    case CheckIdRole:
        return id;
    case StatusRole:
        return int(result.status);
    case IsRootCauseRole:
        return asRootCause;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (column == NameColumn && asRootCause)
            return rootCauseTitle(id); // the diagnosis may phrase it as its own finding (a split network)
        if (column == NameColumn)
            return definition ? definition->translatedTitle() : id;
        if (column == StatusColumn)
            // Short: the check's title needs the width more (the tooltip says it in full).
            return asRootCause ? tr("explains %n", nullptr, explainedCount(id)) : statusText(result.status);
        if (column == DurationColumn && !asRootCause && isFinal(result.status) &&
            result.vantage != Vantage::Manual && result.status != Status::Skip)
            return result.durationMs > 0 ? tr("%1 ms").arg(result.durationMs) : tr("<1 ms");
        return {};
    case Qt::DecorationRole:
        if (column == NameColumn)
            return result.status == Status::Running ? spinnerFrame()
                                                    : statusIcon(asRootCause ? Status::Fail : result.status);
        return {};
    case Qt::ToolTipRole:
        return asRootCause ? tr("Explains %n other check(s)", nullptr, explainedCount(id))
                           : QStringLiteral("%1 — %2").arg(id, result.summary);
    case Qt::TextAlignmentRole:
        return column == DurationColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QString CheckTreeModel::rootCauseTitle(const QString& id) const {
    const RootCause cause = m_causes.value(int(m_groups.at(0).ids.indexOf(id)));
    const CheckDefinition* definition = findCheck(id);
    return !cause.title.isEmpty() ? cause.title : definition ? definition->translatedTitle() : id;
}

int CheckTreeModel::explainedCount(const QString& id) const {
    return int(m_causes.value(int(m_groups.at(0).ids.indexOf(id))).explains.size());
}

QIcon CheckTreeModel::spinnerFrame() const {
    static QList<QIcon> frames;
    if (frames.isEmpty()) {
        const QPixmap base = statusIcon(Status::Running).pixmap(32, 32);
        for (int i = 0; i < spinnerFrames; ++i) {
            QPixmap frame(32, 32);
            frame.fill(Qt::transparent);
            QPainter painter(&frame);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            painter.translate(16, 16);
            painter.rotate(360.0 * i / spinnerFrames);
            painter.translate(-16, -16);
            painter.drawPixmap(0, 0, base);
            painter.end();
            frames.append(QIcon(frame));
        }
    }
    return frames.at(m_frame % spinnerFrames);
}

void CheckTreeModel::tickSpinner() {
    ++m_frame;
    for (auto it = m_results.cbegin(); it != m_results.cend(); ++it) {
        if (it->status == Status::Running) {
            const QModelIndex index = indexOfCheck(it.key());
            emit dataChanged(index, index, {Qt::DecorationRole});
        }
    }
}

} // namespace duo::ui
