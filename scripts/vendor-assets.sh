#!/usr/bin/env bash
# Re-creates the vendored JavaScript of the static book in book/_assets/, from the npm registry.
#
# Why: by default a Jupyter Book page loads the widget renderer, RequireJS and MathJax from public
# CDNs, so an offline reader sees blank widgets, raw maths and broken quizzes. We ship our own
# copies instead, pinned to exact versions and checked against the registry's sha512 integrity.
#
# Usage: bash scripts/vendor-assets.sh   (needs node/npm and access to the npm registry; about 2 s)
# Only book/_assets/widgets/ and book/_assets/mathjax/ are replaced; book/_assets/course.css
# (our own stylesheet) is left alone. The script prints the sha256 of every vendored file and
# writes the same list to book/_assets/VENDORED.txt, so a reviewer can diff two runs.
set -euo pipefail
cd "$(dirname "$0")/.."

# name@version  sha512 integrity published by the registry (npm pack --json)
PACKAGES=(
  "@jupyter-widgets/html-manager@1.0.15 sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA=="
  "requirejs@2.3.8 sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw=="
  "mathjax@3.2.2 sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw=="
)

ASSETS=book/_assets
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm est introuvable : installez Node.js (paquet Debian nodejs/npm)." >&2; exit 1; }

for entry in "${PACKAGES[@]}"; do
  spec="${entry%% *}"
  expected="${entry##* }"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tgz="$(ls -t "$work"/*.tgz | head -n 1)"
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$actual" != "$expected" ]; then
    echo "ÉCHEC : l'archive de $spec ne correspond pas à l'empreinte attendue." >&2
    echo "  attendue : $expected" >&2
    echo "  obtenue  : $actual" >&2
    exit 1
  fi
  name="$(basename "$tgz" .tgz)"
  mkdir -p "$work/$name"
  tar -xzf "$tgz" -C "$work/$name"
  echo "ok  $spec  $expected"
done

hm="$work/jupyter-widgets-html-manager-1.0.15/package"
rq="$work/requirejs-2.3.8/package"
mj="$work/mathjax-3.2.2/package/es5"

rm -rf "$ASSETS/widgets" "$ASSETS/mathjax"
mkdir -p "$ASSETS/widgets" "$ASSETS/mathjax"

# Widgets: RequireJS, the AMD embed bundle (it contains @jupyter-widgets/base, controls and output),
# and the Font Awesome 4 files the bundle's CSS loads from its own folder. Only woff2/woff are kept:
# every current browser picks them first; eot/ttf/svg were for Internet Explorer and old Safari.
cp "$rq/require.js" "$ASSETS/widgets/require.js"
cp "$hm/dist/embed-amd.js" "$ASSETS/widgets/embed-amd.js"
cp "$hm"/dist/*.woff2 "$hm"/dist/*.woff "$ASSETS/widgets/"

# MathJax 3: the combined TeX+MathML → CommonHTML component, the extensions it may load on demand
# (TeX packages, MathML 3, accessibility, the "safe" and "lazy" options of its menu), its fonts,
# and the speech-rule maps of the accessibility explorer for French and English.
cp "$mj/tex-mml-chtml.js" "$ASSETS/mathjax/"
mkdir -p "$ASSETS/mathjax/input/tex" "$ASSETS/mathjax/input/mml" "$ASSETS/mathjax/output/chtml/fonts" \
  "$ASSETS/mathjax/ui" "$ASSETS/mathjax/sre/mathmaps"
cp -r "$mj/input/tex/extensions" "$ASSETS/mathjax/input/tex/"
cp -r "$mj/input/mml/extensions" "$ASSETS/mathjax/input/mml/"
cp -r "$mj/output/chtml/fonts/woff-v2" "$ASSETS/mathjax/output/chtml/fonts/"
cp -r "$mj/a11y" "$ASSETS/mathjax/"
cp "$mj/ui/safe.js" "$mj/ui/lazy.js" "$ASSETS/mathjax/ui/"
cp "$mj/sre/mathmaps/base.json" "$mj/sre/mathmaps/en.json" "$mj/sre/mathmaps/fr.json" "$ASSETS/mathjax/sre/mathmaps/"
cp "$work/mathjax-3.2.2/package/LICENSE" "$ASSETS/mathjax/LICENSE"

# Licences travel with the code (the files are copied into the built site as they are).
cat > "$ASSETS/widgets/LICENSES.txt" <<'EOF'
embed-amd.js and the font files: @jupyter-widgets/html-manager 1.0.15 (Project Jupyter),
BSD-3-Clause licence, https://github.com/jupyter-widgets/ipywidgets/blob/main/LICENSE
The font files are Font Awesome 4.7 by Dave Gandy, SIL Open Font License 1.1.
require.js: RequireJS 2.3.8, MIT licence (see the header of require.js).
EOF

manifest="$ASSETS/VENDORED.txt"
{
  echo "# Vendored by scripts/vendor-assets.sh; do not edit by hand. sha256 of each file:"
  for entry in "${PACKAGES[@]}"; do echo "# ${entry}"; done
  (cd "$ASSETS" && find widgets mathjax -type f | LC_ALL=C sort | xargs sha256sum)
} > "$manifest"
cat "$manifest"
du -sh "$ASSETS/widgets" "$ASSETS/mathjax"
