#include "core/text/jsontext.h"

namespace duo {

QByteArray jsonBytes(const QJsonDocument& document, QJsonDocument::JsonFormat format) {
    // Outside its strings the writer puts only ASCII, so each UTF-8 U+FEFF is inside one: escaping it there
    // keeps the value and the JSON valid.
    return document.toJson(format).replace("\xEF\xBB\xBF", "\\ufeff");
}

} // namespace duo
