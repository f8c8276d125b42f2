#!/bin/bash
# The posting and progress tour: the real app under Xvfb with openbox, driven by
# xdotool; screenshots of the chapter list with statuses, the posting menu, the
# changed-since-posted compare and the Statistics window (a month of history).
# Usage (from the repository root): docs/tour_posting.sh light|dark [DISPLAY_NUMBER]
set -eu
THEME=${1:-light}; N=${2:-58}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/studio-tour-XXXX)
OUT=$WORK/$THEME
export DISPLAY=:$N
.venv/bin/python docs/tour_posting_story.py "$WORK/story"
H=$WORK/home; mkdir -p "$H/config/studio"
printf '[prefs]\ntheme=%s\n' "$THEME" > "$H/config/studio/window.ini"
Xvfb ":$N" -screen 0 1280x800x24 >/dev/null 2>&1 & XVFB=$!
sleep 1
openbox >/dev/null 2>&1 & WM=$!
sleep 1
XDG_CONFIG_HOME=$H/config XDG_DATA_HOME=$H/data XDG_STATE_HOME=$H/state XDG_CACHE_HOME=$H/cache \
  "$REPO/.venv/bin/studio" "$WORK/story" >"$WORK/app.log" 2>&1 & APP=$!
sleep 9
# type a sentence at the end of chapter 2, so today has words
xdotool mousemove 90 131 click 1; sleep 1.2
xdotool mousemove 600 400 click 1; sleep 0.5; xdotool key ctrl+End BackSpace; sleep 0.3
xdotool type --delay 15 " She laughed, and the sound carried over the water."
sleep 3
# the chapter list with statuses: chapter 2's tooltip
xdotool mousemove 100 128; sleep 0.3; xdotool mousemove 102 131; sleep 1.8
import -window root "$OUT-list.png"
# its menu, with the Posting submenu open
xdotool mousemove 90 131 click 3; sleep 0.6
xdotool mousemove 160 322; sleep 0.9
import -window root "$OUT-menu.png"
xdotool key Escape Escape; sleep 0.4
# Compare with Posted, straight from the menu
xdotool mousemove 90 131 click 3; sleep 0.6
xdotool mousemove 160 347 click 1; sleep 1.2
import -window root "$OUT-compare.png"
xdotool key Escape; sleep 0.5
# Tools > Statistics
xdotool key alt+t; sleep 0.5
xdotool mousemove 232 108 click 1; sleep 1.5
import -window root "$OUT-statistics.png"
kill "$APP"; sleep 1; kill "$WM" "$XVFB"
echo "$WORK"
