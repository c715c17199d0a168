#!/usr/bin/env bash
# Renders the HTML report in headless Chromium to a PNG and a PDF. Chromium prints D-Bus noise: judge by exit code
# and output files. Exit 77 (skipped) where Chromium is not installed; CI installs it.
set -euo pipefail
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium is not installed: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NO_COLOR=1 "$DUO_DOCTOR_BIN" demo model-localhost-in-container --report "$work/report.html" > /dev/null
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
timeout 90 "$chromium" "${flags[@]}" --window-size=1100,1600 --screenshot="$work/report.png" "file://$work/report.html" > "$work/log" 2>&1
timeout 90 "$chromium" "${flags[@]}" --print-to-pdf="$work/report.pdf" "file://$work/report.html" >> "$work/log" 2>&1
[ "$(head -c 8 "$work/report.png" | od -An -c | tr -d ' ')" = "211PNG\r\n032\n" ] || { echo "no PNG"; cat "$work/log"; exit 1; }
[ "$(head -c 5 "$work/report.pdf")" = "%PDF-" ] || { echo "no PDF"; cat "$work/log"; exit 1; }
[ "$(stat -c %s "$work/report.png")" -gt 20000 ] || { echo "the PNG is nearly empty"; exit 1; }
echo "rendered: PNG $(stat -c %s "$work/report.png") bytes, PDF $(stat -c %s "$work/report.pdf") bytes"
[ "${KEEP_REPORT_PNG:-}" = "" ] || cp "$work/report.png" "$KEEP_REPORT_PNG"
