#pragma once

#include <QDebug>
#include <QString>

namespace duo {

// A credential. Its printed form is always "***" so it cannot leak through logging or string building;
// the real value is only reachable through reveal(), which the few places that send it call explicitly.
class Secret {
public:
    Secret() = default;
    explicit Secret(QString value)
        : m_value(std::move(value)) {}

    bool isEmpty() const { return m_value.isEmpty(); }
    const QString& reveal() const { return m_value; }
    QString masked() const { return m_value.isEmpty() ? QString() : QStringLiteral("***"); }

    bool operator==(const Secret&) const = default;

private:
    QString m_value;
};

inline QDebug operator<<(QDebug dbg, const Secret& secret) {
    return dbg << secret.masked();
}

} // namespace duo
