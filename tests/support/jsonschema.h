#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace duo::test {

// Enough of JSON Schema 2020-12 to hold our report to docs/report.schema.json: type, const, enum, required,
// properties, items, minimum, pattern and local $ref. Returns the violations, empty when valid.
QStringList validateJson(const QJsonValue& value, const QJsonObject& schema);

QJsonObject loadSchema(const QString& path);

} // namespace duo::test
