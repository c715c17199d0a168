#!/usr/bin/env bash
# Screenshots of every wizard page into docs/screenshots/, in a real X window under Xvfb.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
unset QT_QPA_PLATFORM
# English reads its plural forms ("1 warning") from its own file, as the installed program does.
DUO_DOCTOR_QM_DIR="$build/translations" xvfb-run -a -s "-screen 0 1280x900x24 -dpi 96" "$build/bin/duo-doctor-screenshots" docs/screenshots en
# The same in German: long words are where labels get clipped.
DUO_DOCTOR_QM_DIR="$build/translations" xvfb-run -a -s "-screen 0 1280x900x24 -dpi 96" "$build/bin/duo-doctor-screenshots" docs/screenshots/de de
# The HTML report as Chromium renders it.
KEEP_REPORT_PNG=docs/report.png DUO_DOCTOR_BIN="$build/bin/duo-doctor" bash tests/report/render_report.sh
