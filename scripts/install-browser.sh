#!/usr/bin/env bash
# Installs Debian's Chromium (and fonts for French text and emoji) for the browser tests,
# only when missing. Playwright never downloads a browser of its own here: the tests use
# /usr/bin/chromium. Fails loudly when the browser is missing and cannot be installed.
set -euo pipefail

packages=(chromium fonts-noto-color-emoji fonts-dejavu-core)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "Chromium est nécessaire pour les tests dans le navigateur. Installez-le avec :" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi
echo "Installation de : ${missing[*]} (paquets Debian)…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
