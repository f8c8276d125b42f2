#!/usr/bin/env bash
# The window screenshots of issue 11 and 12, taken of the real app (`studio`) under
# Xvfb with openbox, driven with xdotool, on a copy of projects/salt-and-static:
#
#   docs/screenshots/window-{1280,1920}-{light,dark}.png   the proofreading panel open
#   docs/screenshots/proofreading-underlines.png           grammar beside spelling
#                                                           underlines, the names group
#
# Run from the repository root:  docs/make_window_screenshots.sh [display-number]
# Each shot is reduced to 256 colours (ImageMagick) to stay small.
set -euo pipefail

DISPLAY_NUMBER="${1:-75}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/docs/screenshots"
STUDIO="$ROOT/.venv/bin/studio"
mkdir -p "$OUT"
export DISPLAY=":$DISPLAY_NUMBER"

xvfb_pid="" wm_pid="" app_pid=""
stop() {
    for pid in "$app_pid" "$wm_pid" "$xvfb_pid"; do
        if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    done
    app_pid="" wm_pid="" xvfb_pid=""
}
trap stop EXIT

screen() {  # screen WIDTH HEIGHT: a fresh X server of that size with openbox
    stop
    Xvfb "$DISPLAY" -screen 0 "${1}x${2}x24" -nolisten tcp &
    xvfb_pid=$!
    sleep 1
    openbox &
    wm_pid=$!
    sleep 1
}

start_studio() {  # start_studio THEME: the app on a fresh copy, with its own settings
    scratch="$(mktemp -d /tmp/studio-window-shots-XXXXXX)"
    cp -r "$ROOT/projects/salt-and-static" "$scratch/salt-and-static"
    rm -rf "$scratch/salt-and-static/.studio"
    mkdir -p "$scratch/config/studio"
    printf '[prefs]\ntheme=%s\n' "$1" >"$scratch/config/studio/window.ini"
    XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
        XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" \
        "$STUDIO" "$scratch/salt-and-static" >"$scratch/studio.log" 2>&1 &
    app_pid=$!
    window="$(xdotool search --sync --onlyvisible --name 'Salt and Static' | head -1)"
    sleep 2
}

fill_screen() {  # fill_screen WIDTH HEIGHT: the window over the whole screen, its
    # openbox title bar (about 22 px) above it (this xdotool has no windowstate)
    xdotool windowsize "$window" "$1" "$(($2 - 26))"
    xdotool windowmove "$window" 0 22
    sleep 1
}

shoot() {  # shoot NAME: the whole screen, 256 colours
    import -window root "/tmp/$1.png"
    convert "/tmp/$1.png" -colors 256 "PNG8:$OUT/$1.png"
    rm -f "/tmp/$1.png"
    ls -l "$OUT/$1.png"
}

quit_studio() {
    xdotool windowactivate --sync "$window" key ctrl+q || true
    sleep 2
    if kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid"; fi
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    rm -rf "$scratch"
}

for size in ${SIZES:-1280x800 1920x1080}; do
    width="${size%x*}" height="${size#*x}"
    screen "$width" "$height"
    for theme in light dark; do
        start_studio "$theme"
        if [ "$width" -gt 1280 ]; then fill_screen "$width" "$height"; fi  # 1280: as it opens
        xdotool windowactivate --sync "$window" key F7  # Tools ▸ Proofread Story
        sleep "${CHECK_SECONDS:-25}"  # the first check of a story builds Harper
        shoot "window-$width-$theme"
        quit_studio
    done
done

# Issue 12: a paragraph a writer might slip in, at the top of chapter 2: a grammar
# slip (blue), a misspelling (red), a double space (green) and an invented name used
# twice, which the panel groups as a likely name; typed at the top of chapter 1.
screen 1280 800
start_studio light
xdotool windowactivate --sync "$window" key ctrl+Home
xdotool type --delay 15 "Old Kessrin said they could of waited for the tide.  It was wierd, and Kessrin knew it."
xdotool key Return Return ctrl+Home F7
sleep "${CHECK_SECONDS:-25}"
shoot proofreading-underlines
quit_studio
