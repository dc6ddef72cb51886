#!/usr/bin/env bash
# Builds the one-folder app (dist/Signaal) with PyInstaller from build.spec. As root on Debian it
# first installs what a good Linux bundle needs from the build machine: `strip` (binutils; without
# it the bundle is ~30 MB larger and misses the 150 MB budget) and the X11 libraries that Qt's xcb
# platform plugin links against (without them the plugin ships without its libraries).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=""
  for pkg in binutils libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
  done
  if [ -n "$need" ]; then
    echo "Installing system packages for the build:$need"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi
exec .venv/bin/pyinstaller --noconfirm --clean build.spec "$@"
