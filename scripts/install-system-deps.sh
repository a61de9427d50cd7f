#!/usr/bin/env bash
# System tools the renderer tests read PDFs back with: poppler-utils (pdftotext, pdftoppm, pdfinfo)
# and zbar-tools (zbarimg). Idempotent: installs only what is missing; apt-get (Debian/Ubuntu) only.
set -euo pipefail

declare -A PACKAGE_OF=(
  [pdftotext]=poppler-utils
  [pdftoppm]=poppler-utils
  [pdfinfo]=poppler-utils
  [zbarimg]=zbar-tools
  [pdfsig]=poppler-utils
)

missing=()
for command in "${!PACKAGE_OF[@]}"; do
  if ! command -v "$command" >/dev/null 2>&1; then
    package="${PACKAGE_OF[$command]}"
    [[ " ${missing[*]-} " == *" $package "* ]] || missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "poppler-utils and zbar-tools already installed"
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
