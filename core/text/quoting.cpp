#include "core/text/quoting.h"
#include "core/text/jsontext.h"

#include <optional>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

namespace duo {

QString shellQuote(const QString& value) {
    // The whole value, exactly: "$" would also match before a final newline, and "abc\n" would go unquoted.
    static const QRegularExpression plain(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_./:@%+,=-]+")));
    if (plain.match(value).hasMatch())
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString rubyQuote(const QString& value) {
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        switch (c.unicode()) {
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '#':
            // "#{" interpolates, "#@" and "#$" too.
            out += QStringLiteral("\\#");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString jsonQuote(const QString& value) {
    // QJsonDocument cannot hold a bare string: wrap it in an array and strip the brackets.
    const QByteArray array = jsonBytes(QJsonDocument(QJsonArray{QJsonValue(value)}), QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

namespace {

// A {name} or {name:modifier} placeholder starting at `open` (a '{'), or nothing. Hand-written rather than a
// regular expression: fleets fill tens of thousands of templates per run.
struct Placeholder {
    QStringView name;
    QStringView modifier;
    qsizetype end = 0; // one past the closing brace
};

std::optional<Placeholder> placeholderAt(QStringView text, qsizetype open) {
    const auto isNameChar = [](QChar c) { return (c >= u'a' && c <= u'z') || c == u'_'; };
    qsizetype at = open + 1;
    while (at < text.size() && isNameChar(text[at]))
        ++at;
    if (at == open + 1 || at >= text.size())
        return std::nullopt;
    Placeholder found;
    found.name = text.mid(open + 1, at - open - 1);
    if (text[at] == u':') {
        const qsizetype modifierStart = ++at;
        while (at < text.size() && text[at] >= u'a' && text[at] <= u'z')
            ++at;
        found.modifier = text.mid(modifierStart, at - modifierStart);
        if (found.modifier != u"sh" && found.modifier != u"rb" && found.modifier != u"json")
            return std::nullopt;
    }
    if (at >= text.size() || text[at] != u'}')
        return std::nullopt;
    found.end = at + 1;
    return found;
}

} // namespace

QString fillTemplate(const QString& text, const TemplateValues& values) {
    qsizetype open = text.indexOf(QLatin1Char('{'));
    if (open < 0)
        return text; // most texts have no placeholder
    const QStringView view(text);
    QString out;
    out.reserve(text.size() + 64);
    qsizetype last = 0;
    for (; open >= 0; open = text.indexOf(QLatin1Char('{'), open + 1)) {
        const std::optional<Placeholder> placeholder = placeholderAt(view, open);
        if (!placeholder)
            continue;
        const auto found = values.constFind(placeholder->name.toString());
        if (found == values.cend())
            continue; // unknown names stay as they are, e.g. curl's -w '%{http_code}'
        out += view.mid(last, open - last);
        if (placeholder->modifier == u"sh")
            out += shellQuote(*found);
        else if (placeholder->modifier == u"rb")
            out += rubyQuote(*found);
        else if (placeholder->modifier == u"json")
            out += jsonQuote(*found);
        else
            out += *found;
        last = placeholder->end;
        open = last - 1;
    }
    out += view.mid(last);
    return out;
}

QString printableText(QString text) {
    for (QChar& c : text) {
        if (c != QLatin1Char('\t') &&
            (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format))
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace duo
