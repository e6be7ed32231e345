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

install_lighthouse() {
  if ! command -v npm >/dev/null 2>&1; then
    if ! root_or_sudo; then
      echo "Node.js et npm sont nécessaires pour Lighthouse. Installez-les avec :" >&2
      echo "  sudo apt-get install -y --no-install-recommends nodejs npm" >&2
      exit 1
    fi
    echo "Installation de : nodejs npm (paquets Debian)…"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  local stamp=tools/lighthouse/node_modules/.package-lock.json
  if [ -x tools/lighthouse/node_modules/.bin/lighthouse ] && [ "$stamp" -nt tools/lighthouse/package-lock.json ]; then
    return 0
  fi
  echo "Installation de Lighthouse (npm ci, versions de tools/lighthouse/package-lock.json)…"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
}

packages=(chromium fonts-noto-color-emoji fonts-dejavu-core)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  install_lighthouse
  exit 0
fi

if ! root_or_sudo; then
  echo "Chromium est nécessaire pour les tests dans le navigateur. Installez-le avec :" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi
echo "Installation de : ${missing[*]} (paquets Debian)…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
install_lighthouse
