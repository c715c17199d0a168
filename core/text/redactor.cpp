#include "core/text/redactor.h"

#include "core/target.h"
#include "core/text/normalisedtext.h"
#include "core/text/recentresult.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

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
bool mayHoldTokenShape(QStringView view) {
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
// password of a URL. Only the group named "secret" is replaced: the name and separator stay, so the text
// still says what was there.
const QList<QRegularExpression>& credentialShapes() {
    static const QList<QRegularExpression> shapes = [] {
        const auto pattern = [](const char* text) {
            return QRegularExpression(QString::fromLatin1(text), QRegularExpression::CaseInsensitiveOption);
        };
        // A value worth hiding: a digit in six or more characters, or twelve or more of anything but
        // separators ("Secrets: GitLab token given" is prose, not a secret). Prose is not a credential
        // either: a space before ':' is French typography ("le secret : %1") unless the name was quoted
        // (JSON as Jackson writes it), and a quoted value must end at its closing quote: "a token:
        // "2026-11-20 09:30:05 …"" quotes a message, a credential has no space.
        return QList<QRegularExpression>{
            pattern(
                R"(\b(?:proxy-)?authorization["']?+\s*+[:=]\s*+["']?+(?:(?:bearer|basic|token|apikey)\s+)?+)"
                R"((?![<$%{*])(?<secret>[^\s"',;]{4,}))"),
            pattern(
                R"(\b(?:[a-z0-9]+[_-])*(?:api[_-]?key|apikey|api[_-]?token|access[_-]?token|auth[_-]?token|)"
                R"(private[_-]?token|secret(?:[_-]?access[_-]?key)?|client[_-]?secret|password|passwd|token))"
                R"((?:["']\s*+[:=]|\s*+=|:)\s*+(["'])?+(?(1)(?=[^\s"',;&}]*+(?:["']|\z))))"
                R"((?![<$%{*])(?<secret>(?=[^\s"',;&}]*\d)[^\s"',;&}]{6,}|[^\s"',;&}]{12,}))"),
            pattern(R"(\b[a-z][a-z0-9+.-]*://[^/\s:@"']+:(?![<$%{*])(?<secret>[^@\s/"']+)@)"),
        };
    }();
    return shapes;
}

// One pass for what every credential shape needs: ':' or '=' after a letter, a digit or a quote, or '=' or
// ':' after a quote with spaces between ("KEY = value", Jackson's "key" : "value"). Most report strings
// have neither next to a name.
bool mayHoldCredentialShape(QStringView view) {
    for (qsizetype i = 1; i < view.size(); ++i) {
        const char16_t c = view[i].unicode();
        if (c != u':' && c != u'=')
            continue;
        qsizetype before = i - 1;
        while (before > 0 && view[before] == u' ')
            --before;
        const QChar name = view[before];
        const bool spaced = before < i - 1;
        if (name == u'"' || name == u'\'' || (name.isLetterOrNumber() && (!spaced || c == u'=')))
            return true;
    }
    return false;
}

struct Range {
    qsizetype start;
    qsizetype end;
};

// Where `text` holds a known secret, a token shape or a credential.
QList<Range> secretsIn(const QString& text, const QStringList& secrets) {
    QList<Range> found;
    for (const QString& secret : secrets) {
        for (qsizetype at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.size()))
            found.append({at, at + secret.size()});
    }
    // The expressions are costly and most texts hold nothing like a token: look for their anchors first.
    if (mayHoldTokenShape(text)) {
        for (auto it = tokenShapes().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            found.append({match.capturedStart(), match.capturedEnd()});
        }
    }
    if (mayHoldCredentialShape(text)) {
        for (const QRegularExpression& shape : credentialShapes()) {
            for (auto it = shape.globalMatch(text); it.hasNext();) {
                const QRegularExpressionMatch match = it.next();
                found.append({match.capturedStart(u"secret"), match.capturedEnd(u"secret")});
            }
        }
    }
    return found;
}

// The text with every range (overlapping ones as one) replaced by "***".
QString replaced(const QString& text, QList<Range> ranges) {
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
    QString out;
    out.reserve(text.size());
    qsizetype copied = 0;
    for (qsizetype i = 0; i < ranges.size();) {
        const qsizetype start = ranges.at(i).start;
        qsizetype end = ranges.at(i).end;
        for (++i; i < ranges.size() && ranges.at(i).start <= end; ++i)
            end = std::max(end, ranges.at(i).end);
        out += QStringView(text).mid(copied, start - copied);
        out += QStringLiteral("***");
        copied = end;
    }
    out += QStringView(text).mid(copied);
    return out;
}

// Only a large value is remembered (the window hands one to a worker thread first): a small one costs less to
// redact again than to compare.
constexpr qsizetype rememberedFromChars = 64 * 1024;

} // namespace

Redactor::Redactor(QStringList secrets) {
    // A fleet brings the same secret once per profile: look for each only once.
    secrets.removeDuplicates();
    for (const QString& secret : secrets) {
        if (secret.size() >= 4)
            m_secrets.append(secret);
    }
}

Redactor Redactor::forTarget(const Target& target) {
    return Redactor({target.gitlabToken.reveal(), target.modelKey.reveal()});
}

QString Redactor::apply(const QString& text) const {
    if (text.size() < rememberedFromChars)
        return redacted(text);
    static RecentResult<std::pair<QStringList, QString>, QString> recent;
    return recent.recallOr({m_secrets, text}, [&] { return redacted(text); });
}

QString Redactor::redacted(const QString& text) const {
    QList<Range> ranges = secretsIn(text, m_secrets);
    // The same value decoded and with its invisible separators as spaces: what a reader (or a later decoder)
    // sees. What is found there is replaced where it was written.
    if (NormalisedText::mayChange(text)) {
        const NormalisedText normalised(text);
        if (normalised.changed()) {
            for (const Range& range : secretsIn(normalised.text(), m_secrets))
                ranges.append({normalised.originalIndex(range.start), normalised.originalIndex(range.end)});
        }
    }
    return ranges.isEmpty() ? text : replaced(text, std::move(ranges));
}

// Only strings that change are written back, and nothing is compared deeply: rebuilding and comparing whole
// objects was a fleet run's most expensive step.
bool Redactor::applyInPlace(QJsonValue& value) const {
    if (value.isString()) {
        const QString text = value.toString();
        const QString redacted = apply(text);
        if (redacted == text)
            return false;
        value = redacted;
        return true;
    }
    bool changed = false;
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue item = array.at(i);
            if (applyInPlace(item)) {
                array.replace(i, item);
                changed = true;
            }
        }
        if (changed)
            value = array;
    } else if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QJsonValue item = it.value();
            if (applyInPlace(item)) {
                it.value() = item;
                changed = true;
            }
        }
        if (changed)
            value = object;
    }
    return changed;
}

QJsonObject Redactor::applyToJson(QJsonObject object) const {
    QJsonValue value(std::move(object));
    applyInPlace(value);
    return value.toObject();
}

} // namespace duo
