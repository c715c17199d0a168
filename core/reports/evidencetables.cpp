#include "core/reports/evidencetables.h"

#include "core/engine/evidence.h"

#include <QJsonArray>

#include <algorithm>

namespace duo {

namespace {

struct TableShape {
    const QString* key;
    QStringList columns;
};

const QList<TableShape>& shapes() {
    static const QList<TableShape> all = {
        {&evidence::features,
         {QStringLiteral("feature"), QStringLiteral("title"), QStringLiteral("provider"),
          QStringLiteral("model")}},
        {&evidence::runners,
         {QStringLiteral("status"), QStringLiteral("paused"), QStringLiteral("executor"),
          QStringLiteral("type")}},
    };
    return all;
}

QString cellText(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    const QString text = value.toString().simplified();
    return text.isEmpty() ? QStringLiteral("-") : text;
}

} // namespace

bool isTableEvidence(const QString& key) {
    return std::any_of(shapes().cbegin(), shapes().cend(),
                       [&key](const TableShape& shape) { return *shape.key == key; });
}

QList<EvidenceTable> evidenceTables(const QJsonObject& evidence) {
    QList<EvidenceTable> tables;
    for (const TableShape& shape : shapes()) {
        const QJsonValue value = evidence.value(*shape.key);
        if (!value.isArray() || value.toArray().isEmpty())
            continue;
        EvidenceTable table{*shape.key, shape.columns, {}};
        for (const QJsonValue& row : value.toArray()) {
            QStringList cells;
            for (const QString& column : shape.columns)
                cells.append(cellText(row.toObject().value(column)));
            table.rows.append(cells);
        }
        tables.append(table);
    }
    return tables;
}

QString plainTable(const EvidenceTable& table, const QString& indent) {
    QList<qsizetype> widths;
    for (const QString& column : table.columns)
        widths.append(column.size());
    for (const QStringList& row : table.rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths.at(i), row.at(i).size());
    }
    const auto line = [&](const QStringList& cells) -> QString {
        QStringList padded;
        for (qsizetype i = 0; i < cells.size(); ++i)
            padded.append(i + 1 < cells.size() ? cells.at(i).leftJustified(widths.at(i)) : cells.at(i));
        return indent + padded.join(QStringLiteral("  ")) + QLatin1Char('\n');
    };
    QString out = line(table.columns);
    for (const QStringList& row : table.rows)
        out += line(row);
    return out;
}

} // namespace duo
