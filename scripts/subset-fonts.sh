#!/bin/sh
# Rebuilds resources/fonts from the Tinos TTFs of @expo-google-fonts/tinos (OFL): every style cut
# down to the characters our documents use, so pdfkit parses and embeds a font a sixth the size.
# Kept: Latin (Basic, Latin-1, Extended-A/B, IPA and spacing modifiers, Extended Additional: all
# of Vietnamese), combining marks (decomposed Vietnamese), Greek (α, β, µ in medical text),
# punctuation, super/subscripts, currency (₫, €), letterlike symbols (№), number forms, arrows,
# mathematical operators (≤, ≥, ±), geometric shapes (■, ●, bullets), the f-ligatures and �.
# Dropped: Cyrillic, Hebrew, Greek Extended and the rarer Latin extensions.
# Every OpenType layout feature stays for the kept glyphs (the shaping of Vietnamese does not
# change); hinting goes (PDF viewers do not use it); the name table stays whole (the PostScript
# names pdfkit embeds, the copyright and the licence notice). Run again after upgrading the package:
#   sh scripts/subset-fonts.sh
# Needs fontTools: `apt-get install python3-fonttools` (or `pip install fonttools`).
set -eu
cd "$(dirname "$0")/.."
SOURCE=node_modules/@expo-google-fonts/tinos
TARGET=resources/fonts
UNICODES="U+0020-007E,U+00A0-036F,U+0370-03FF,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,\
U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+FB00-FB06,U+FFFD"

# The first Python that has fontTools (a pyenv or venv python3 may not see the Debian package).
PYTHON=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import fontTools.subset' 2>/dev/null; then PYTHON=$candidate; break; fi
done
if [ -z "$PYTHON" ]; then
  echo "fontTools is missing: apt-get install python3-fonttools" >&2
  exit 1
fi

for style in 400Regular 400Regular_Italic 700Bold 700Bold_Italic; do
  "$PYTHON" -m fontTools.subset "$SOURCE/$style/Tinos_$style.ttf" \
    --output-file="$TARGET/Tinos_$style.ttf" \
    --unicodes="$UNICODES" \
    --layout-features='*' \
    --no-hinting \
    --notdef-outline \
    --name-IDs='*' --name-languages='*' --name-legacy
done
cp "$SOURCE/LICENSE_FONT" "$TARGET/OFL.txt"
ls -l "$TARGET"
