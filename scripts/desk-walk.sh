#!/bin/sh
# Signaal Desk driven with the keyboard only, as a CoMensha registrar would, under X11 with
# xdotool: a real receiver over TLS with seven synthetic field reports (scripts/desk-walk-receiver.py),
# first start (passphrase twice, key file), enrolment with a one-time registrar code, pull, a
# report opened and triaged (take, assign to me, note, refer), a filter, the statistics tab, an
# export, lock (Ctrl+L) and unlock. Screenshots along the way.
#
#   xvfb-run -a -s "-screen 0 1366x768x24" scripts/desk-walk.sh OUTDIR [nl|en]
#
# Run from the repository root (the receiver helper uses tests/support). Needs xdotool and
# ImageMagick's import (no window manager: windowfocus). Home, XDG folders, data and receiver all
# live in a temporary folder; the keyring is the failing backend, so nothing of the user's is
# touched. The sleeps only give the app time to paint; the counted proof is
# tests/desk/test_ui_keyboard.py.
set -eu
OUT=${1:?usage: desk-walk.sh OUTDIR [nl|en]}
LANG_CHOICE=${2:-nl}
PY=${PYTHON:-python}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
T=$(mktemp -d)
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data-home" XDG_CACHE_HOME="$T/cache"
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring QT_QPA_PLATFORM=xcb PYTHONPATH=${PYTHONPATH:-$PWD}
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
"$PY" scripts/desk-walk-receiver.py "$T/rx" > "$OUT/receiver.log" 2>&1 &
RX=$!
APP=
trap 'kill $RX ${APP:-} 2>/dev/null; rm -rf "$T"' EXIT
i=0; while [ ! -f "$T/rx/ready" ]; do sleep 1; i=$((i + 1)); [ $i -lt 120 ] || { echo "receiver did not start"; exit 1; }; done
start_desk() {
  "$PY" -m desk --data-dir "$T/desk" >> "$OUT/desk.log" 2>&1 &
  APP=$!
  sleep 5
  W=$(xdotool search --onlyvisible --name Signaal | head -1)
  xdotool windowfocus --sync "$W"
}
shot() { sleep 0.6; import -window root "$OUT/$1.png"; }
k() { xdotool key --delay 80 "$@"; sleep 0.4; }
t() { xdotool type --delay 25 "$1"; sleep 0.3; }
a() { xdotool key --delay 80 "alt+$1"; sleep 0.4; }
# No window manager: when a dialog closes, nobody gives the main window back the focus, so Qt
# takes it for inactive and its shortcuts (Alt+letter, Ctrl+E) do nothing while plain keys still
# arrive. A desktop's window manager does this; here the script does.
refocus() { xdotool windowfocus --sync "$W"; sleep 0.3; }
PASS="zeven groene kanaries"

start_desk
# First start: the language box has the focus; Down picks English.
[ "$LANG_CHOICE" = en ] && k Down
shot 01-first-start
k Tab; t "$PASS"; k Tab; t "$PASS"; k Tab; t "$(cat "$T/rx/key")"
shot 02-first-start-filled
k Return; sleep 5
shot 03-not-enrolled
# Enrol: Ctrl+Shift+E, address, code, name, Enter.
k ctrl+shift+e
t "$(cat "$T/rx/url")"; k Tab; t "$(cat "$T/rx/code")"; k Tab; t "Werkplek Anna"
shot 04-enrol
k Return; sleep 8
refocus
shot 05-inbox
# The newest report: into the table (past the five filters), Down.
a i; k Tab Tab Tab Tab Tab Tab; k Down; sleep 2
shot 06-report
# Triage: Tab to the first step ("take in progress"), Space; assign to me (Alt+M); a note; refer.
k Tab Tab Tab; k space; sleep 4
a m; sleep 4
shot 07-assigned
# The note field has no key of its own: Alt+N lands on "Add note", Shift+Tab goes back into it.
a n; k shift+Tab; t "Gebeld met de meldende organisatie"; k Tab; k space; sleep 4
shot 08-noted
# Refer: Alt+D to 'Referred to', a name, Enter.
a d; t "FairWork"; k Return; sleep 4
shot 08-referred
# Filter: Status (Alt+S), Down to the next state.
a s; k Down; sleep 2
shot 09-filter
a s; k Up; sleep 1
# Statistics tab (Alt+T).
a t; sleep 3
shot 10-statistics
# Export: Ctrl+E, Tab to the file, a path, Enter, then Enter again to close.
a i; k ctrl+e; k Tab; t "$T/export.csv"
shot 11-export
k Return; sleep 2
shot 12-exported
k Return
refocus
[ -s "$T/export.csv" ] && wc -l < "$T/export.csv" > "$OUT/export-lines.txt"
# Lock and unlock.
k ctrl+l; sleep 1
shot 13-locked
t "$PASS"; k Return; sleep 5
shot 14-unlocked
# The language chosen is used again at the next start.
kill $APP; wait $APP 2>/dev/null || true
start_desk
shot 15-restart
echo "walk done ($LANG_CHOICE)" | tee "$OUT/done.txt"
