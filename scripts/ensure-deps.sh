#!/usr/bin/env bash
# Installs what building and testing Counterpoint needs on a fresh Debian or Ubuntu machine,
# and nothing that is already there. Usage: scripts/ensure-deps.sh [core|app|test|bench]...
#   core  — a C toolchain for bundled SQLite (always)
#   app   — WebKitGTK and friends for the Tauri desktop app, Node packages of the UI
#   test  — core + app + Xvfb, WebKitWebDriver, tauri-driver, poppler-utils (PDF checks)
#   bench — newsboat (the peer the refresh is measured against), hyperfine, python3 (summary)
set -euo pipefail
cd "$(dirname "$0")/.."

want=(build-essential pkg-config)
needs_app=0; needs_driver=0
for group in "$@"; do
  case "$group" in
    core) ;;
    app) needs_app=1 ;;
    test) needs_app=1; needs_driver=1; want+=(poppler-utils xvfb xauth dbus) ;;
    bench) want+=(newsboat hyperfine time python3) ;;
    *) echo "ensure-deps: unknown group $group" >&2; exit 2 ;;
  esac
done
if [ "$needs_app" = 1 ]; then
  want+=(libwebkit2gtk-4.1-dev libssl-dev file curl)
  command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
fi
if [ "$needs_driver" = 1 ]; then
  want+=(webkit2gtk-driver imagemagick x11-utils)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "ensure-deps: cargo is missing; install Rust from your distribution or rustup first" >&2
  exit 1
fi

if [ "$needs_app" = 1 ] && [ -f ui/package.json ]; then
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    echo "ensure-deps: installing the UI's npm packages" >&2
    (cd ui && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
fi
if [ "$needs_driver" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "ensure-deps: installing tauri-driver" >&2
  cargo install tauri-driver --version '^2' --locked --quiet >&2
fi
