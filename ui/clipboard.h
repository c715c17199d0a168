#pragma once

#include <QString>

namespace duo {
class Redactor;
}

namespace duo::ui {

// What the window puts on the clipboard leaves the program like a report does: a value (a command, a script)
// is redacted first. (A whole report is written redacted already: it goes to the clipboard as it is.)
void copyRedacted(const QString& text, const Redactor& redactor);

} // namespace duo::ui
