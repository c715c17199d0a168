#!/usr/bin/env bash
# Refreshes the Qt Linguist sources from every tr()/QT_TRANSLATE_NOOP in the product code.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none -I . core app ui sim -ts translations/duo-doctor_de.ts translations/duo-doctor_fr.ts
/usr/lib/qt6/bin/lupdate -pluralonly -no-obsolete -locations none -I . core app ui sim -ts translations/duo-doctor_en.ts
