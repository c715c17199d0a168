#include "fuzzsupport.h"

#include "core/text/jsontext.h"
#include "core/text/normalisedtext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>

namespace fuzz {

namespace {

// The shapes of tokens nobody registered, written apart from the redactor's own patterns on purpose. A bearer
// or PRIVATE-TOKEN value counts from eight letters or digits: a seven-character word that a template follows
// with "." (a sentence's end) is no token, in the value or in the sentence.
const QRegularExpression& tokenShapes() {
    static const QRegularExpression shapes(
        QStringLiteral("glpat-[A-Za-z0-9_-]{8,}|gl(?:dt|rt|ptt|ft|soat|cbt|imt|agent)-[A-Za-z0-9_-]{8,}"
                       "|\\bsk-[A-Za-z0-9_-]{8,}"
                       "|Bearer (?=[._~+/=-]*(?:[A-Za-z0-9][._~+/=-]*){8})[A-Za-z0-9._~+/=-]+"
                       "|PRIVATE-TOKEN: (?=[._-]*(?:[A-Za-z0-9][._-]*){8})[A-Za-z0-9._-]+"));
    return shapes;
}

void requireClean(const QString& text, const QStringList& secrets, const char* where) {
    for (const QString& secret : secrets)
        require(!text.contains(secret), where, QStringLiteral("holds the secret ") + secret + u": " + text);
    const QRegularExpressionMatch match = tokenShapes().match(text);
    require(!match.hasMatch(), where, QStringLiteral("holds a token: ") + match.captured() + u" in " + text);
}

} // namespace

void require(bool holds, const char* property, const QString& detail) {
    if (holds)
        return;
    std::fprintf(stderr, "fuzz property broken: %s\n%s\n", property, qPrintable(detail.left(2000)));
    std::abort();
}

QString textOf(const uint8_t* data, size_t size) {
    return QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
}

QStringList fieldsOf(const QString& text) {
    return text.split(text.contains(QChar(0x1e)) ? QChar(0x1e) : QChar(u'\n'));
}

QString derivedSecret(const QStringList& fields) {
    static const QRegularExpression token(QRegularExpression::anchoredPattern(
        QStringLiteral("(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9]{12,40}")));
    const QString first = fields.value(0);
    return token.match(first).hasMatch() ? first : QString();
}

QStringList secretsFor(const QStringList& fields) {
    QStringList secrets{plantedSecret};
    if (const QString derived = derivedSecret(fields); !derived.isEmpty())
        secrets.append(derived);
    return secrets;
}

void requireNoSecret(const QString& output, const QStringList& secrets, const char* where) {
    requireClean(output, secrets, where);
}

void requireNoSecretInValue(const QString& value, const QStringList& secrets, const char* where) {
    requireClean(value, secrets, where);
    requireClean(duo::NormalisedText(value).text(), secrets, where);
}

void requireNoSecretInJson(const QJsonValue& value, const QStringList& secrets, const char* where) {
    if (value.isString())
        requireNoSecretInValue(value.toString(), secrets, where);
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            requireNoSecretInJson(item, secrets, where);
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            requireNoSecretInValue(it.key(), secrets, where);
            requireNoSecretInJson(it.value(), secrets, where);
        }
    }
}

QJsonValue requireJsonRoundTrip(const QByteArray& json, const char* where) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    require(error.error == QJsonParseError::NoError, where, error.errorString());
    const QByteArray again =
        duo::jsonBytes(document, json.contains('\n') ? QJsonDocument::Indented : QJsonDocument::Compact);
    qsizetype differ = 0;
    while (differ < json.size() && differ < again.size() && json.at(differ) == again.at(differ))
        ++differ;
    require(again == json, where,
            QString::fromUtf8(json.mid(differ - 40, 80)) + u"\n<>\n" +
                QString::fromUtf8(again.mid(differ - 40, 80)));
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

} // namespace fuzz

// Once per process: a core application (translations, paths) and quiet logging (a line per input would
// slow the fuzzer down tenfold).
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    static QCoreApplication application(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("duo.*=false\nqt.*=false"));
    return 0;
}
