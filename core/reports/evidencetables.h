#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace duo {

// Evidence that reads best as a table: a list of rows with the same columns, such as gitlab.feature_routing's
// features and gitlab.duo_runner's runners. The JSON report keeps them as arrays; the other writers and the
// wizard show them with their columns.
struct EvidenceTable {
    QString key; // the evidence key
    QStringList columns;
    QList<QStringList> rows;
};

// The evidence keys shown as tables, in the order of their columns.
bool isTableEvidence(const QString& key);
// The non-empty ones of a check's evidence.
QList<EvidenceTable> evidenceTables(const QJsonObject& evidence);
// Columns padded to line up, one line per row, headings first; each line starts with `indent`.
QString plainTable(const EvidenceTable& table, const QString& indent);

} // namespace duo
