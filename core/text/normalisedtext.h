#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

namespace duo {

// A text as the redactor's patterns should read it: JSON escapes (\u0041, \", \\, \t…) and URL escapes (%40)
// decoded, and zero-width, control and other invisible characters (U+200B, U+FEFF, \r, \v…) turned into a
// space, a run of them with the spaces around it into one. Escapes inside escapes (\\u0041) are decoded too.
// Every character remembers where it came from, so a secret found here is replaced in the original.
class NormalisedText {
public:
    explicit NormalisedText(const QString& original);

    const QString& text() const { return m_text; }
    // False when the text reads the same either way: then the original was already matched as it is.
    bool changed() const { return m_changed; }
    // Where the character at `index` of text() starts in the original; text().size() maps to the
    // original's end, so a range [start, end) of text() maps to one of the original.
    qsizetype originalIndex(qsizetype index) const;

    // A quick look for anything normalising would change: most texts have no escape and no control character.
    static bool mayChange(QStringView text);

private:
    // One round of decoding: where the characters of its output part from those of its input.
    struct Round {
        QList<std::pair<qsizetype, qsizetype>> jumps; // (index in the output, index in the input)
        qsizetype inputIndex(qsizetype index) const;
    };
    static Round decodeRound(QStringView input, QString& output);

    QString m_text;
    QList<Round> m_rounds; // first round first
    bool m_changed = false;
};

} // namespace duo
