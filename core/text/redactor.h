#pragma once

#include <QString>
#include <QStringList>

namespace duo {

struct Target;

// Last line of defence before text leaves the process (reports, logs, pasted output): known secrets and
// anything shaped like a token become "***".
class Redactor {
public:
    explicit Redactor(QStringList secrets = {});
    static Redactor forTarget(const Target& target);

    QString apply(const QString& text) const;

private:
    QStringList m_secrets;
};

} // namespace duo
