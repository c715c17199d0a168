#include "tests/support/jsonschema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace duo::test {

namespace {

QString typeOf(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QStringLiteral("integer") : QStringLiteral("number");
    }
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

bool typeMatches(const QString& actual, const QString& wanted) {
    return actual == wanted || (wanted == QLatin1String("number") && actual == QLatin1String("integer"));
}

void validate(const QJsonValue& value, const QJsonObject& schema, const QJsonObject& root,
              const QString& path, QStringList& errors) {
    if (schema.contains(QStringLiteral("$ref"))) {
        const QString ref = schema.value(QStringLiteral("$ref")).toString();
        QJsonValue target = root;
        for (const QString& part : ref.mid(2).split(QLatin1Char('/')))
            target = target.toObject().value(part);
        validate(value, target.toObject(), root, path, errors);
        return;
    }
    if (schema.contains(QStringLiteral("type"))) {
        const QJsonValue type = schema.value(QStringLiteral("type"));
        const QStringList wanted = type.isArray() ? QVariant(type.toArray().toVariantList()).toStringList()
                                                  : QStringList{type.toString()};
        const QString actual = typeOf(value);
        if (std::none_of(wanted.cbegin(), wanted.cend(),
                         [&](const QString& w) { return typeMatches(actual, w); }))
            errors
                << QStringLiteral("%1: expected %2, got %3").arg(path, wanted.join(QLatin1Char('|')), actual);
    }
    if (schema.contains(QStringLiteral("const")) && value != schema.value(QStringLiteral("const")))
        errors << QStringLiteral("%1: expected constant %2")
                      .arg(path, schema.value(QStringLiteral("const")).toString());
    if (schema.contains(QStringLiteral("enum")) &&
        !schema.value(QStringLiteral("enum")).toArray().contains(value))
        errors << QStringLiteral("%1: %2 not in enum").arg(path, value.toVariant().toString());
    if (schema.contains(QStringLiteral("minimum")) && value.isDouble() &&
        value.toDouble() < schema.value(QStringLiteral("minimum")).toDouble())
        errors << QStringLiteral("%1: below minimum").arg(path);
    if (schema.contains(QStringLiteral("pattern")) && value.isString() &&
        !QRegularExpression(schema.value(QStringLiteral("pattern")).toString())
             .match(value.toString())
             .hasMatch())
        errors << QStringLiteral("%1: \"%2\" does not match the pattern").arg(path, value.toString());
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QJsonValue& required : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(required.toString()))
                errors << QStringLiteral("%1: missing %2").arg(path, required.toString());
        }
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            if (object.contains(it.key()))
                validate(object.value(it.key()), it.value().toObject(), root,
                         path + QLatin1Char('.') + it.key(), errors);
        }
    }
    if (value.isArray() && schema.contains(QStringLiteral("items"))) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            validate(array.at(i), schema.value(QStringLiteral("items")).toObject(), root,
                     QStringLiteral("%1[%2]").arg(path).arg(i), errors);
    }
}

} // namespace

QStringList validateJson(const QJsonValue& value, const QJsonObject& schema) {
    QStringList errors;
    validate(value, schema, schema, QStringLiteral("$"), errors);
    return errors;
}

QJsonObject loadSchema(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace duo::test
