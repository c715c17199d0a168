#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace duo {

struct Target;

// Last line of defence before a value leaves the process (reports, logs, pasted output, the clipboard): known
// secrets and anything shaped like a token become "***". It redacts values, after they were decoded and
// filled into their templates and before anything escapes or serialises them: a secret with a " or \ no
// longer matches once JSON, HTML or XML has written it. What is matched is the value as written and the
// value normalised (JSON and URL escapes decoded, invisible separators read as spaces), so a token cannot
// hide behind \u0041 or a zero-width space.
class Redactor {
public:
    explicit Redactor(QStringList secrets = {});
    static Redactor forTarget(const Target& target);

    // The last large value's redaction is remembered (a paste redacted on a worker thread is not redacted
    // again on the GUI thread). Thread-safe.
    QString apply(const QString& text) const;
    // Every string in a JSON value (keys are ours and stay). True when one changed.
    bool applyInPlace(QJsonValue& value) const;
    QJsonObject applyToJson(QJsonObject object) const;

private:
    QString redacted(const QString& text) const;

    QStringList m_secrets;
};

} // namespace duo
