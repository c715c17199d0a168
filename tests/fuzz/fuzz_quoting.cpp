// Quoting (core/text/quoting): shellQuote's output, read by the rules of a POSIX shell, is exactly one word
// equal to the input; rubyQuote's, read by Ruby's rules for a double-quoted literal, is the input and
// interpolates nothing; jsonQuote's parses as a JSON string equal to the input; fillTemplate quotes each
// placeholder as its modifier says; printableText leaves no control character but the tab.
#include "fuzzsupport.h"

#include "core/text/quoting.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace {

// The words a POSIX shell makes of `line`, for what shellQuote may write: bare words, single quotes and
// backslashes. Anything a shell would expand, or that ends a command, gives nullopt.
std::optional<QStringList> shellWords(const QString& line) {
    static const QString special = QStringLiteral("\"$`;&|<>()*?[]#~{}!");
    QStringList words;
    std::optional<QString> word;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u' ' || c == u'\t' || c == u'\n') {
            if (word)
                words.append(*word);
            word.reset();
        } else if (c == u'\'') {
            const qsizetype close = line.indexOf(u'\'', i + 1);
            if (close < 0)
                return std::nullopt;
            word = word.value_or(QString()) + line.mid(i + 1, close - i - 1);
            i = close;
        } else if (c == u'\\') {
            if (++i >= line.size() || line.at(i) == u'\n')
                return std::nullopt;
            word = word.value_or(QString()) + line.at(i);
        } else if (special.contains(c)) {
            return std::nullopt;
        } else {
            word = word.value_or(QString()) + c;
        }
    }
    if (word)
        words.append(*word);
    return words;
}

// Ruby's reading of a double-quoted literal, for the escapes rubyQuote writes; nullopt on anything that would
// interpolate or end the literal early.
std::optional<QString> rubyString(const QString& literal) {
    if (literal.size() < 2 || !literal.startsWith(u'"') || !literal.endsWith(u'"'))
        return std::nullopt;
    QString out;
    for (qsizetype i = 1; i < literal.size() - 1; ++i) {
        const QChar c = literal.at(i);
        if (c == u'"' || c == u'#')
            return std::nullopt;
        if (c != u'\\') {
            out += c;
            continue;
        }
        if (++i >= literal.size() - 1)
            return std::nullopt;
        const QChar e = literal.at(i);
        if (e == u'u') {
            bool ok = false;
            const QString hex = literal.mid(i + 1, 4);
            out += QChar(char16_t(hex.toUShort(&ok, 16)));
            i += 4;
            if (!ok || hex.size() != 4)
                return std::nullopt;
        } else {
            const qsizetype at = QStringLiteral("nrt\\\"#").indexOf(e);
            if (at < 0)
                return std::nullopt;
            out += QStringLiteral("\n\r\t\\\"#").at(at);
        }
    }
    return out;
}

void checkQuotes(const QString& value) {
    const QString shell = duo::shellQuote(value);
    const auto words = shellWords(shell);
    fuzz::require(words && *words == QStringList{value}, "shellQuote: one word equal to the input", shell);
    const QString ruby = duo::rubyQuote(value);
    fuzz::require(rubyString(ruby) == value, "rubyQuote: reads back as the input", ruby);
    const QByteArray json = QByteArray("[") + duo::jsonQuote(value).toUtf8() + ']';
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    fuzz::require(array.size() == 1 && array.at(0).toString() == value, "jsonQuote: parses as the input",
                  QString::fromUtf8(json));
    const QString filled = duo::fillTemplate(QStringLiteral("a {v:sh} b {v:rb} c {v:json} d {v} {w:sh}"),
                                             {{QStringLiteral("v"), value}});
    fuzz::require(filled == u"a " + shell + u" b " + ruby + u" c " + duo::jsonQuote(value) + u" d " + value +
                                u" {w:sh}",
                  "fillTemplate: each modifier quotes", filled);
    for (const QChar c : duo::printableText(value)) {
        fuzz::require(c == u'\t' ||
                          (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format),
                      "printableText: no control character", QString::number(c.unicode(), 16));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = fuzz::textOf(data, size);
    checkQuotes(text);
    // A template made of the input: without values it stays as it is, and a value is never filled in again
    // (a value "{v}" for v comes out as "{v}", quoted or not, so filling twice changes nothing more).
    fuzz::require(duo::fillTemplate(text, {}) == text, "fillTemplate: unknown names stay");
    const duo::TemplateValues values{{QStringLiteral("v"), QStringLiteral("{v}")}};
    const QString filled = duo::fillTemplate(text, values);
    fuzz::require(duo::fillTemplate(filled, values) == filled, "fillTemplate: a value is not filled again",
                  filled);
    return 0;
}
