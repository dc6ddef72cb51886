#!/usr/bin/env bash
# Check the frozen app in dist/ (after `make build`): the thing we hand out, not the source tree.
#
#   1. every data file the app reads is in the bundle (list from scripts/pyinstaller/bundle_manifest.py,
#      plus a hard minimum: form definitions, JSON Schema, both .qm files, style sheet, an icon)
#   2. nothing that must never ship is in it (R9: keyrings.alt; the receiver; test frameworks)
#   3. `Signaal --version` prints the version from pyproject.toml
#   4. `Signaal --selftest` passes (codec, cipher settings, store round trip, forms, translations,
#      Qt platform plugin, app modules, keyring backends), offscreen
#   5. the first screen is shown (the app logs "first screen shown" in its data folder)
#   6. Linux: no bundled library misses a Qt/ICU/Python library that should have been bundled
#   7. folder size, against a budget (SIGNAAL_BUNDLE_MAX_MB; 150 on Linux)
#
# Exit status: 0 when every check passed, 1 otherwise. Usage: scripts/check-frozen.sh [dist-dir]
set -uo pipefail
cd "$(dirname "$0")/.."

DIST=${1:-dist}
VBIN=.venv/bin
[ -d "$VBIN" ] || VBIN=.venv/Scripts  # Windows (Git Bash)
PY=$VBIN/python
[ -x "$PY" ] || [ -x "$PY.exe" ] || PY=python3
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

failures=0
ok()   { printf 'OK    %s\n' "$*"; }
info() { printf 'INFO  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }

# --- where things are -----------------------------------------------------------------------
case "$(uname -s)" in
  Darwin)
    APP="$DIST/Signaal.app"; EXE="$APP/Contents/MacOS/Signaal"; DATA="$APP/Contents/Resources"
    BUNDLE="$APP"; BUDGET=${SIGNAAL_BUNDLE_MAX_MB:-0} ;;
  MINGW*|MSYS*|CYGWIN*)
    BUNDLE="$DIST/Signaal"; EXE="$BUNDLE/Signaal.exe"; DATA="$BUNDLE/_internal"
    BUDGET=${SIGNAAL_BUNDLE_MAX_MB:-0} ;;
  *)
    BUNDLE="$DIST/Signaal"; EXE="$BUNDLE/Signaal"; DATA="$BUNDLE/_internal"
    BUDGET=${SIGNAAL_BUNDLE_MAX_MB:-150} ;;
esac
if [ ! -x "$EXE" ]; then
  fail "no frozen app at $EXE: run \`make build\` first"
  exit 1
fi
info "bundle: $BUNDLE"

# A scratch home for everything the app might write, removed at the end.
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/signaal-check-frozen.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
export SIGNAAL_DATA_DIR="$SCRATCH/data"

# --- 1. data files --------------------------------------------------------------------------
LISTING="$SCRATCH/listing.txt"
(cd "$DATA" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort) >"$LISTING"
missing=0
while IFS= read -r rel; do
  if ! grep -qxF "$rel" "$LISTING"; then
    fail "data file missing from the bundle: $rel"
    missing=$((missing + 1))
  fi
done < <("$PY" scripts/pyinstaller/bundle_manifest.py expected)
expected_count=$("$PY" scripts/pyinstaller/bundle_manifest.py expected | wc -l)
# The minimum, independent of the manifest (in case the source tree itself lost a file).
need() {  # need <what> <grep -E pattern on the listing> [min count] [grep -E pattern to leave out]
  local n; n=$(grep -E "$2" "$LISTING" | grep -cvE "${4:-^$}")
  if [ "$n" -ge "${3:-1}" ]; then ok "bundle has $1 ($n)"; else fail "bundle lacks $1 (pattern $2)"; missing=$((missing + 1)); fi
}
need "form definitions" '^forms/definitions/[^/]+\.json$' 3 'schema'  # coa, nla, zorg
need "the form JSON Schema" '^forms/definitions/[^/]*schema[^/]*\.json$'
need "the Dutch translation" '^resources/i18n/signaal_nl\.qm$'
[ -f resources/i18n/signaal_en.ts ] && need "the English translation" '^resources/i18n/signaal_en\.qm$'
need "the style sheet" '^resources/style\.qss$'
need "an icon" '^resources/icons/'
[ "$missing" -eq 0 ] && ok "all $expected_count data files of bundle_manifest.py are in the bundle"

# --- 2. what must never ship (R9) -----------------------------------------------------------
MODULES="$SCRATCH/modules.txt"
if ! "$VBIN/pyi-archive_viewer" -l -r -b "$EXE" >"$MODULES" 2>/dev/null || [ ! -s "$MODULES" ]; then
  fail "could not list the modules inside $EXE ($VBIN/pyi-archive_viewer); checking files only"
  : >"$MODULES"
fi
for mod in keyrings fastapi starlette uvicorn psycopg prometheus_client sync.receiver pytest _pytest hypothesis PyQt5 PyQt6 PySide2; do
  # In the PYZ archive (module names) or as files (packages with binaries, dist-info folders).
  if grep -qE "^ ?${mod//./\\.}(\.|$)" "$MODULES" || grep -qiE "(^|/)${mod//./\/}([./_-]|$)" "$LISTING"; then
    fail "must not be in the bundle: $mod"
  else
    ok "not in the bundle: $mod"
  fi
done

dists=$(grep -oE '^[^/]+\.dist-info/METADATA$' "$LISTING" | sed 's|\.dist-info/METADATA||' | tr '\n' ' ')
info "package metadata in the bundle (its 'pip freeze', R9): ${dists:-none}"

# --- 3. --version ---------------------------------------------------------------------------
want=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
got=$("$EXE" --version 2>&1)
if [ "$got" = "Signaal $want" ]; then ok "--version: $got"; else fail "--version printed '$got', expected 'Signaal $want'"; fi

# --- 4. --selftest --------------------------------------------------------------------------
echo "----- Signaal --selftest (QT_QPA_PLATFORM=$QT_QPA_PLATFORM)"
timeout 180 "$EXE" --selftest
rc=$?
echo "-----"
if [ $rc -eq 0 ]; then ok "--selftest passed"; else fail "--selftest exited $rc"; fi

# --- 4b. --selftest against a real OS keyring (Linux CI: a private Secret Service session) -----
if [ "$(uname -s)" = Linux ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  # A throwaway HOME, so the daemon makes a fresh login keyring unlocked with our password.
  mkdir -p "$SCRATCH/home"
  out=$(HOME="$SCRATCH/home" XDG_DATA_HOME="$SCRATCH/home/.local/share" dbus-run-session -- sh -c '
        echo -n signaal-check | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        SIGNAAL_SELFTEST_REQUIRE_KEYRING=1 timeout 180 "$1" --selftest' _ "$EXE" 2>&1); rc=$?
  if [ $rc -eq 0 ]; then
    ok "--selftest with a Secret Service: $(grep -o 'would use [^:]*' <<<"$out"), round trip passed"
  else
    fail "--selftest with a Secret Service exited $rc: $(grep -E '^FAIL' <<<"$out" | tr '\n' ' ')"
  fi
else
  info "no dbus-run-session/gnome-keyring-daemon: frozen keyring backend not tried for real"
fi

# --- 5. first screen ------------------------------------------------------------------------
# A first start in an empty folder: the app logs "first screen shown" once it is painted; then it
# is stopped (nothing was made yet but its log).
FIRST="$SCRATCH/first-start"
"$EXE" --data-dir "$FIRST" >/dev/null 2>"$SCRATCH/shown.err" & app_pid=$!
for _ in $(seq 1 1200); do  # up to 120 s
  grep -qs "first screen shown" "$FIRST/signaal.log" && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
if grep -qs "first screen shown" "$FIRST/signaal.log"; then
  ok "the first screen is shown ($QT_QPA_PLATFORM)"
else
  fail "the first screen was not shown: $(tail -3 "$SCRATCH/shown.err" | tr '\n' ' ')"
fi
kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null

# --- 6. libraries (Linux) -------------------------------------------------------------------
if [ "$(uname -s)" = Linux ] && command -v ldd >/dev/null; then
  broken=""; system=""
  while IFS= read -r so; do
    while IFS= read -r lib; do
      case "$lib" in
        libQt6*|libicu*|libpyside6*|libshiboken6*|libpython3*) broken="$broken $(basename "$so")->$lib" ;;
        *) system="$system $lib" ;;
      esac
    done < <(LD_LIBRARY_PATH="$DATA" ldd "$so" 2>/dev/null | awk '/not found/ {print $1}')
  done < <(find "$DATA" -type f \( -name '*.so' -o -name '*.so.*' \))
  if [ -n "$broken" ]; then fail "bundled libraries miss bundled-family libraries:$broken"; else ok "no bundled library misses a Qt/ICU/Python library"; fi
  system=$(tr ' ' '\n' <<<"$system" | sort -u | tr '\n' ' ')
  [ -n "${system// /}" ] && info "system libraries the target machine must provide (absent here):$system"
  if command -v objdump >/dev/null; then
    glibc=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name Signaal \) -print0 | xargs -0 objdump -T 2>/dev/null |
            grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
    info "the bundle needs ${glibc/GLIBC_/glibc }+ on the target (the build machine's; build on the oldest distribution you support)"
  fi
fi

# --- 6b. links --------------------------------------------------------------------------------
dangling=$(find "$BUNDLE" -xtype l 2>/dev/null | sed "s|^$BUNDLE/||" | tr '\n' ' ')
if [ -n "$dangling" ]; then fail "dangling symbolic links in the bundle: $dangling"; else ok "no dangling symbolic links"; fi

# --- 7. size --------------------------------------------------------------------------------
size=$(du -sm "$BUNDLE" | cut -f1)
if [ "$BUDGET" -gt 0 ] && [ "$size" -gt "$BUDGET" ]; then
  fail "bundle is $size MB (du -sm $BUNDLE), over the $BUDGET MB budget"
else
  ok "bundle size: $size MB (du -sm $BUNDLE)$([ "$BUDGET" -gt 0 ] && echo ", budget $BUDGET MB")"
fi

if [ "$failures" -gt 0 ]; then
  echo "check-frozen: $failures check(s) FAILED"
  exit 1
fi
echo "check-frozen: all checks passed"
