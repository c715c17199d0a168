#include "ui/clipboard.h"

#include "core/text/redactor.h"

#include <QClipboard>
#include <QGuiApplication>

namespace duo::ui {

void copyRedacted(const QString& text, const Redactor& redactor) {
    QGuiApplication::clipboard()->setText(redactor.apply(text));
}

} // namespace duo::ui
