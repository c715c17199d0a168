#!/usr/bin/env bash
# Every user-visible string is translated: the Linguist sources are current with the code (lupdate, run on
# copies, finds nothing new) and hold no unfinished message.
set -euo pipefail
src=${DUO_SOURCE_DIR:?DUO_SOURCE_DIR names the source tree}
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src"/translations/*.ts "$work/"
cd "$src"
# English needs only its plural forms ("1 warning", "2 warnings"): its file is checked with -pluralonly.
others=$(ls "$work"/*.ts | grep -v '_en\.ts$')
"$lupdate" -no-obsolete -locations none -I . core app ui sim -ts $others >"$work/lupdate.log" 2>&1 ||
    { cat "$work/lupdate.log"; exit 1; }
if [ -f "$work/duo-doctor_en.ts" ]; then
    "$lupdate" -pluralonly -no-obsolete -locations none -I . core app ui sim -ts "$work/duo-doctor_en.ts" \
        >>"$work/lupdate.log" 2>&1 || { cat "$work/lupdate.log"; exit 1; }
fi
status=0
for ts in "$work"/*.ts; do
    count=$(grep -c 'type="unfinished"' "$ts" || true)
    if [ "$count" -gt 0 ]; then
        echo "$(basename "$ts"): $count messages without a translation; run scripts/update-translations.sh and translate:"
        grep -B3 'type="unfinished"' "$ts" | grep '<source>' | head -20
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "translations complete: $(ls "$work"/*.ts | wc -l) languages"
exit "$status"
