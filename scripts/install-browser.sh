#!/usr/bin/env bash
# Installs Debian's Chromium (and fonts for French text and emoji) for the browser tests,
# only when missing. Playwright never downloads a browser of its own here: the tests use
# /usr/bin/chromium. Fails loudly when the browser is missing and cannot be installed.
# Then Lighthouse (tests/test_lighthouse.py, python -m benchmarks lighthouse), from the npm registry,
# at the versions of tools/lighthouse/package-lock.json (npm ci), with Debian's Node.js and npm when
# they are missing. It drives the same /usr/bin/chromium and downloads no browser.
set -euo pipefail
cd "$(dirname "$0")/.."

root_or_sudo() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    return 1
  fi
}

# apt_install WHY PACKAGE...: install Debian packages, or say (in French) how to, and fail, when this
# user can do neither as root nor with sudo.
apt_install() {
  local why=$1
  shift
  if ! root_or_sudo; then
    echo "$why Installez-les avec :" >&2
    echo "  sudo apt-get install -y --no-install-recommends $*" >&2
    exit 1
  fi
  echo "Installation de : $* (paquets Debian)…"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_lighthouse() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install "Node.js et npm sont nécessaires pour Lighthouse." nodejs npm
  fi
  local stamp=tools/lighthouse/node_modules/.package-lock.json
  if [ -x tools/lighthouse/node_modules/.bin/lighthouse ] && [ "$stamp" -nt tools/lighthouse/package-lock.json ]; then
    return 0
  fi
  echo "Installation de Lighthouse (npm ci, versions de tools/lighthouse/package-lock.json)…"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "Chromium et ses polices sont nécessaires pour les tests dans le navigateur." "${missing[@]}"
  /usr/bin/chromium --version
fi
install_lighthouse
