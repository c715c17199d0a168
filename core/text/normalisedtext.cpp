#include "core/text/normalisedtext.h"

#include <algorithm>
#include <optional>

namespace duo {

namespace {

int hexDigit(QChar c) {
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// The value of `digits` hexadecimal digits at `at`, or -1.
int hexAt(QStringView text, qsizetype at, int digits) {
    if (at + digits > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const int digit = hexDigit(text[at + i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

struct Escape {
    char16_t character;
    qsizetype length;
};

// The character a JSON escape (\u0041, \", \n…) or a URL escape of an ASCII character (%40) at `at` stands
// for; nothing when none starts there.
std::optional<Escape> escapeAt(QStringView text, qsizetype at) {
    const char16_t c = text[at].unicode();
    if (c == u'%') {
        const int value = hexAt(text, at + 1, 2);
        return value >= 0 && value < 0x80 ? std::optional<Escape>({char16_t(value), 3}) : std::nullopt;
    }
    if (c != u'\\' || at + 1 >= text.size())
        return std::nullopt;
    const char16_t next = text[at + 1].unicode();
    switch (next) {
    case u'u': {
        const int value = hexAt(text, at + 2, 4);
        return value >= 0 ? std::optional<Escape>({char16_t(value), 6}) : std::nullopt;
    }
    case u'"':
    case u'\'':
    case u'\\':
    case u'/':
        return Escape{next, 2};
    case u'n':
        return Escape{u'\n', 2};
    case u'r':
    case u't':
    case u'b':
    case u'f':
    case u'v':
        return Escape{u'\t', 2}; // a separator, whichever
    default:
        return std::nullopt;
    }
}

// What hides a separator from a pattern: control characters but the line feed, zero-width and other format
// characters (U+200B, U+200C, U+200D, U+2060, U+FEFF), and spaces other than the plain one (U+00A0…).
bool isSeparator(char16_t c) {
    if (c < 0x80)
        return (c < 0x20 && c != u'\n') || c == 0x7f;
    const QChar character(c);
    return character.category() == QChar::Other_Format || character.category() == QChar::Other_Control ||
           character.isSpace();
}

// The UTF-16 unit written at `at`: an escape's, or the character itself.
Escape unitAt(QStringView text, qsizetype at) {
    return escapeAt(text, at).value_or(Escape{text[at].unicode(), 1});
}

} // namespace

bool NormalisedText::mayChange(QStringView text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u == u'\\' || u == u'%' || isSeparator(u))
            return true;
        if (QChar::isSurrogate(u)) {
            if (!QChar::isHighSurrogate(u) || i + 1 >= text.size() || !text[i + 1].isLowSurrogate())
                return true;
            ++i;
        }
    }
    return false;
}

qsizetype NormalisedText::Round::inputIndex(qsizetype index) const {
    const auto after = std::upper_bound(jumps.cbegin(), jumps.cend(), index,
                                        [](qsizetype value, const auto& jump) { return value < jump.first; });
    if (after == jumps.cbegin())
        return index;
    const auto& [output, input] = *(after - 1);
    return input + (index - output);
}

NormalisedText::Round NormalisedText::decodeRound(QStringView input, QString& output) {
    Round round;
    output.clear();
    output.reserve(input.size());
    // A jump where the next character of the output does not come from where the last jump predicts.
    const auto noteOrigin = [&round, &output](qsizetype from) {
        const qsizetype predicted =
            round.jumps.isEmpty()
                ? output.size()
                : round.jumps.constLast().second + (output.size() - round.jumps.constLast().first);
        if (predicted != from)
            round.jumps.append({output.size(), from});
    };
    enum class LastSpace { None, Plain, Separator } last = LastSpace::None;
    bool afterHighSurrogate = false;
    for (qsizetype at = 0; at < input.size();) {
        const Escape unit = unitAt(input, at);
        char16_t c = unit.character;
        // Half a surrogate pair makes the expressions refuse the whole text (PCRE2 checks UTF-16): it reads
        // as U+FFFD.
        const bool pairs = QChar::isHighSurrogate(c)
                               ? at + unit.length < input.size() &&
                                     QChar::isLowSurrogate(unitAt(input, at + unit.length).character)
                               : afterHighSurrogate && QChar::isLowSurrogate(c);
        afterHighSurrogate = QChar::isHighSurrogate(c) && pairs;
        if (QChar::isSurrogate(c) && !pairs)
            c = QChar::ReplacementCharacter;
        const bool separator = isSeparator(c);
        // A separator next to a space is part of that space: "Bearer" U+200B " " token reads "Bearer token".
        const bool joinsLast = (separator || c == u' ') && last != LastSpace::None &&
                               (separator || last == LastSpace::Separator);
        if (joinsLast) {
            last = LastSpace::Separator;
        } else {
            noteOrigin(at);
            output.append(separator ? QChar(u' ') : QChar(c));
            last = separator ? LastSpace::Separator : c == u' ' ? LastSpace::Plain : LastSpace::None;
        }
        at += unit.length;
    }
    noteOrigin(input.size());
    return round;
}

NormalisedText::NormalisedText(const QString& original)
    : m_text(original) {
    // Two rounds: an escape inside an escaped string (\\u0041 in a JSON string within a JSON line) is decoded
    // too.
    for (int round = 0; round < 2 && mayChange(m_text); ++round) {
        QString output;
        Round decoded = decodeRound(m_text, output);
        if (output == m_text && decoded.jumps.isEmpty())
            break;
        m_rounds.append(std::move(decoded));
        m_text = std::move(output);
        m_changed = true;
    }
}

qsizetype NormalisedText::originalIndex(qsizetype index) const {
    for (auto round = m_rounds.crbegin(); round != m_rounds.crend(); ++round)
        index = round->inputIndex(index);
    return index;
}

} // namespace duo
