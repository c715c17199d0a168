#include "quoting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

namespace duo {

QString shellQuote(const QString& value) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:@%+,=-]+$"));
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
    const QByteArray array = QJsonDocument(QJsonArray{QJsonValue(value)}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString fillTemplate(const QString& text, const TemplateValues& values) {
    if (!text.contains(QLatin1Char('{')))
        return text; // most texts have no placeholder: skip the expression
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)(?::(sh|rb|json))?\\}"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const auto found = values.constFind(match.captured(1));
        if (found == values.cend()) {
            out += match.captured(0);
            continue;
        }
        const QString modifier = match.captured(2);
        if (modifier == QLatin1String("sh"))
            out += shellQuote(*found);
        else if (modifier == QLatin1String("rb"))
            out += rubyQuote(*found);
        else if (modifier == QLatin1String("json"))
            out += jsonQuote(*found);
        else
            out += *found;
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace duo
