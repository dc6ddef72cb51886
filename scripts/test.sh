#!/usr/bin/env bash
# Runs the whole test suite. As root on Debian it first installs and starts what the
# tests use for real: PostgreSQL (receiver storage tests), nginx (the reverse proxy sample in
# docs/receiver/) and a Secret Service keyring (gnome-keyring under a private D-Bus session). Elsewhere those tests are skipped,
# except under CI=true, where a missing PostgreSQL fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=""
  command -v pg_ctlcluster >/dev/null || need="$need postgresql"
  command -v gnome-keyring-daemon >/dev/null || need="$need gnome-keyring"
  command -v dbus-run-session >/dev/null || need="$need dbus"
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need="$need nginx-light"
  if [ -n "$need" ]; then
    echo "Installing system packages for the tests:$need"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
  ver=$(ls /etc/postgresql | head -1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || true
  su postgres -c "psql -qtc \"select 1 from pg_roles where rolname='root'\" | grep -q 1 || psql -qc 'create role root superuser login'" >/dev/null
  export SIGNAAL_TEST_PG="host=/var/run/postgresql dbname=postgres"
fi

"$BIN/ruff" check --quiet .
"$BIN/lint-imports" --no-cache >/dev/null && echo "import contracts kept"
"$BIN/mypy" --no-error-summary && echo "types checked (mypy --strict, see [tool.mypy] in pyproject.toml)"

run_pytest() { "$BIN/python" -m pytest "$@"; }
# R25: coverage-guided fuzzing of the hostile-input parsers after the tests (Linux; atheris).
run_fuzz() {
  "$BIN/python" -c 'import atheris' 2>/dev/null || { echo "fuzz: atheris not installed, skipped"; return 0; }
  local log; log=$(mktemp)
  if "$BIN/python" -m tests.fuzz.fuzz_hostile_input -max_total_time="${SIGNAAL_FUZZ_SECONDS:-60}" >"$log" 2>&1; then
    echo "fuzz: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log"), no uncaught exception"
  else
    echo "fuzz: a parser raised on hostile input:"; tail -n 40 "$log"; return 1
  fi
}
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export -f run_pytest; export BIN
  # A real Secret Service for the keyring tests, unlocked with a throwaway password.
  dbus-run-session -- bash -c 'echo -n signaal-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; export SIGNAAL_TEST_SECRET_SERVICE=1; run_pytest "$@"' _ "$@"
else
  run_pytest "$@"
fi
# Only for a full run: passing pytest arguments (a subset) skips the fuzz job.
if [ $# -eq 0 ]; then run_fuzz; fi
