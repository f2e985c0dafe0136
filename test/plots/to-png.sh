#!/usr/bin/env bash
# Renders chart snapshots to PNG with headless Chromium, to look at them:
#   bash test/plots/to-png.sh test/plots/snapshots/generic-line.html [...]
# Writes /tmp/kpi-plots/<name>.png. WINDOW=WxH overrides the window size (default 700x560).
set -euo pipefail
out=/tmp/kpi-plots
mkdir -p "$out"
chrome=${CHROMIUM:-/usr/bin/chromium}
for f in "$@"; do
  name=$(basename "${f%.*}")
  bg='#ffffff'
  grep -q '#1b2129' "$f" && bg='#1b2129'
  { printf '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:10px;background:%s">' "$bg"; cat "$f"; printf '</body></html>'; } >"$out/$name.html"
  "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$out/$name.png" --window-size="${WINDOW:-700,560}" "file://$out/$name.html" >/dev/null 2>&1
  echo "$out/$name.png"
done
