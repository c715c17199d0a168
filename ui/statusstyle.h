#pragma once

#include "core/checkresult.h"

#include <QIcon>
#include <QString>

namespace duo::ui {

// How a status looks: an SVG icon whose SHAPE tells it apart (not colour alone) and a translated word.
QIcon statusIcon(Status status);
QString statusText(Status status);
QString vantageText(Vantage vantage);

} // namespace duo::ui
