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

// One pass over the text for the expression's anchors ("gl", "sk-", "Bearer ", "PRIVATE-TOKEN"), instead of a
// search per anchor: this runs on every string of every report.
bool mayHoldTokenShape(const QString& text) {
    const QStringView view(text);
    const qsizetype size = view.size();
    for (qsizetype i = 0; i + 1 < size; ++i) {
        switch (view[i].unicode()) {
        case u'g':
            if (view[i + 1] == u'l')
                return true;
            break;
        case u's':
            if (view.sliced(i).startsWith(u"sk-"))
                return true;
            break;
        case u'B':
            if (view.sliced(i).startsWith(u"Bearer "))
                return true;
            break;
        case u'P':
            if (view.sliced(i).startsWith(u"PRIVATE-TOKEN"))
                return true;
            break;
        default:
            break;
        }
    }
    return false;
}

} // namespace

Redactor::Redactor(QStringList secrets) {
    // A fleet brings the same secret once per profile: look for each only once.
    secrets.removeDuplicates();
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
    if (mayHoldTokenShape(out))
        out.replace(tokenShapes(), QStringLiteral("***"));
    return out;
}

} // namespace duo
