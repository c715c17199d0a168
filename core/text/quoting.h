#pragma once

#include <QHash>
#include <QString>

namespace duo {

// POSIX shell: one single-quoted word, safe for any value ('a'\''b').
QString shellQuote(const QString& value);
// Ruby double-quoted string literal with \, ", #{ and control characters escaped.
QString rubyQuote(const QString& value);
// JSON string literal.
QString jsonQuote(const QString& value);
// Text from a server or a log made safe for a terminal: control characters (escape sequences, NUL) become
// spaces; tabs stay.
QString printableText(QString text);

using TemplateValues = QHash<QString, QString>;

// Fills {name}, {name:sh}, {name:rb} and {name:json} from values. Unknown names are left untouched so a
// missing value shows up as a visible placeholder instead of an empty hole.
QString fillTemplate(const QString& text, const TemplateValues& values);

} // namespace duo
