#include "redactor.h"

#include "target.h"

#include <QRegularExpression>

namespace duo {

namespace {

// Token shapes worth hiding even when we were not told the value (e.g. in pasted console output).
const QRegularExpression& tokenShapes() {
    static const QRegularExpression shapes(
        QStringLiteral("(glpat-[A-Za-z0-9_\\-]{8,}|gl(?:dt|rt|ptt|ft|soat|cbt|imt|agent)-[A-Za-z0-9_\\-]{8,}"
                       "|\\bsk-[A-Za-z0-9_\\-]{8,}|(?<=Bearer )[A-Za-z0-9._~+/=\\-]{8,}"
                       "|(?<=PRIVATE-TOKEN: )[A-Za-z0-9._\\-]{8,})"));
    return shapes;
}

} // namespace

Redactor::Redactor(QStringList secrets) {
    for (const QString& secret : secrets) {
        if (secret.size() >= 4)
            m_secrets.append(secret);
    }
    // Longest first, so a secret containing another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

Redactor Redactor::forTarget(const Target& target) {
    return Redactor({target.gitlabToken.reveal(), target.modelKey.reveal()});
}

QString Redactor::apply(const QString& text) const {
    QString out = text;
    for (const QString& secret : m_secrets) {
        if (out.contains(secret))
            out.replace(secret, QStringLiteral("***"));
    }
    // The expression is costly and most texts hold nothing like a token: look for its anchors first.
    static const char* const anchors[] = {"gl", "sk-", "Bearer ", "PRIVATE-TOKEN"};
    const bool candidate = std::any_of(std::begin(anchors), std::end(anchors), [&out](const char* anchor) {
        return out.contains(QLatin1String(anchor));
    });
    if (candidate)
        out.replace(tokenShapes(), QStringLiteral("***"));
    return out;
}

} // namespace duo
