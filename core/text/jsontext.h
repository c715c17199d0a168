#pragma once

#include <QByteArray>
#include <QJsonDocument>

namespace duo {

// JSON as Duo Doctor writes it (profiles, the run journal, reports, analyses): QJsonDocument's own text with
// every U+FEFF written as "\ufeff". Qt's reader drops that character, raw, at the start of a string (as if it
// were a byte order mark), so a value that began with one (a pasted file, a name copied from one) would not
// read back.
QByteArray jsonBytes(const QJsonDocument& document,
                     QJsonDocument::JsonFormat format = QJsonDocument::Indented);

} // namespace duo
