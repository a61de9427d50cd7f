#!/usr/bin/env bash
# System tools the tests use: poppler-utils (pdftotext, pdftoppm, pdfinfo, pdfsig) and zbar-tools
# (zbarimg) read rendered PDFs back; Debian's chromium runs the web tests (Playwright drives it; a
# downloaded browser will not install here); Node.js and npm serve the web app's one dependency
# (jsQR) and its unit tests; fonts-noto-core gives Chromium the Noto Sans Bengali the app asks for
# (without a Bengali font the screenshots in docs/screenshots are boxes). Idempotent: installs only what is missing; apt-get (Debian/Ubuntu) only.
set -euo pipefail

declare -A PACKAGE_OF=(
  [pdftotext]=poppler-utils
  [pdftoppm]=poppler-utils
  [pdfinfo]=poppler-utils
  [zbarimg]=zbar-tools
  [pdfsig]=poppler-utils
  [chromium]=chromium
  [node]=nodejs
  [npm]=npm
)

missing=()
for command in "${!PACKAGE_OF[@]}"; do
  if ! command -v "$command" >/dev/null 2>&1; then
    package="${PACKAGE_OF[$command]}"
    [[ " ${missing[*]-} " == *" $package "* ]] || missing+=("$package")
  fi
done

if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=bn | grep -q .; }; then
  missing+=(fonts-noto-core)
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "poppler-utils, zbar-tools, chromium, node and a Bengali font already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo "$@"; }
else
  echo "need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get not found; install these with your package manager: ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
as_root apt-get update
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
