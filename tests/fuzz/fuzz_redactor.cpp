// The redactor (core/text/redactor, logredaction, normalisedtext): no registered secret and no token shape
// survives redaction, read as written or decoded; redacting twice changes nothing more than once; the log
// redaction and the JSON redaction hold the same; normalising maps every character back in order.
#include "fuzzsupport.h"

#include "core/text/logredaction.h"
#include "core/text/normalisedtext.h"
#include "core/text/redactor.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

void checkNormalised(const QString& text) {
    const duo::NormalisedText normalised(text);
    qsizetype previous = 0;
    for (qsizetype i = 0; i <= normalised.text().size(); ++i) {
        const qsizetype at = normalised.originalIndex(i);
        fuzz::require(at >= previous && at <= text.size(), "normalised: index maps back in order",
                      QString::number(i) + u" -> " + QString::number(at));
        previous = at;
    }
    fuzz::require(normalised.originalIndex(normalised.text().size()) == text.size(),
                  "normalised: the end maps to the end");
    fuzz::require(normalised.changed() || normalised.text() == text, "normalised: unchanged means equal");
}

void checkJson(const duo::Redactor& redactor, const QStringList& fields, const QStringList& secrets) {
    QJsonObject object;
    QJsonArray array;
    for (const QString& field : fields) {
        array.append(field);
        object.insert(QString::number(object.size()), QJsonObject{{QStringLiteral("v"), field}});
    }
    object.insert(QStringLiteral("all"), array);
    const QJsonObject redacted = redactor.applyToJson(object);
    for (const QJsonValue& value : redacted)
        fuzz::requireNoSecretInJson(value, secrets, "redactor: JSON value");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = fuzz::textOf(data, size);
    const QStringList fields = fuzz::fieldsOf(text);
    const QStringList secrets = fuzz::secretsFor(fields);
    const duo::Redactor redactor(secrets);
    const QString once = redactor.apply(text);
    fuzz::requireNoSecretInValue(once, secrets, "redactor: output");
    fuzz::require(redactor.apply(once) == once, "redactor: idempotent", text + u"\n=> " + once);
    // Log lines know the planted secret only (registered once, for the whole process).
    static const bool registered = (duo::registerSecretForLogs(fuzz::plantedSecret), true);
    Q_UNUSED(registered)
    const QString logged = duo::redactForLogs(text);
    fuzz::requireNoSecretInValue(logged, {fuzz::plantedSecret}, "log redaction: output");
    fuzz::require(duo::redactForLogs(logged) == logged, "log redaction: idempotent", logged);
    checkJson(redactor, fields, secrets);
    checkNormalised(text);
    return 0;
}
