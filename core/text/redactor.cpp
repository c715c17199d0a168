#include "core/text/redactor.h"

#include "core/target.h"

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

// Credentials by what stands around them, matched case-insensitively: an Authorization header, a field
// named like a key, token, secret or password (in a header, JSON, YAML or an environment line), and the
// password of a URL. The name and separator stay, so the text still says what was there.
struct CredentialShape {
    QRegularExpression expression;
    QString replacement;
};

const QList<CredentialShape>& credentialShapes() {
    static const QList<CredentialShape> shapes = [] {
        const auto pattern = [](const char* text) {
            return QRegularExpression(QString::fromLatin1(text), QRegularExpression::CaseInsensitiveOption);
        };
        // A value worth hiding: a digit in six or more characters, or twelve or more of anything but
        // separators ("Secrets: GitLab token given" is prose, not a secret).
        return QList<CredentialShape>{
            {pattern(
                 R"(\b((?:proxy-)?authorization["']?+\s*+[:=]\s*+["']?+(?:(?:bearer|basic|token|apikey)\s+)?+))"
                 R"((?![<$%{*])[^\s"',;]{4,})"),
             QStringLiteral("\\1***")},
            {pattern(
                 R"(\b((?:[a-z0-9]+[_-])*(?:api[_-]?key|apikey|api[_-]?token|access[_-]?token|auth[_-]?token|)"
                 R"(private[_-]?token|secret(?:[_-]?access[_-]?key)?|client[_-]?secret|password|passwd|token))"
                 R"(["']?+\s*+[:=]\s*+["']?+))"
                 R"((?![<$%{*])(?:(?=[^\s"',;&}]*\d)[^\s"',;&}]{6,}|[^\s"',;&}]{12,}))"),
             QStringLiteral("\\1***")},
            {pattern(R"(\b([a-z][a-z0-9+.-]*://[^/\s:@"']+:)(?![<$%{*])[^@\s/"']+@)"),
             QStringLiteral("\\1***@")},
        };
    }();
    return shapes;
}

// One pass for what every credential shape needs: ':' or '=' after a letter. Most report strings have
// neither next to a name.
bool mayHoldCredentialShape(const QString& text) {
    const QStringView view(text);
    for (qsizetype i = 1; i < view.size(); ++i) {
        const char16_t c = view[i].unicode();
        if ((c == u':' || c == u'=') && (view[i - 1].isLetterOrNumber() || view[i - 1] == u'"'))
            return true;
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
    if (mayHoldCredentialShape(out)) {
        for (const CredentialShape& shape : credentialShapes())
            out.replace(shape.expression, shape.replacement);
    }
    return out;
}

} // namespace duo
