#!/usr/bin/env bash
# Install what rendering a report to PDF headless needs (Debian): LibreOffice Writer, poppler's tools, the Noto
# CJK fonts, and the free Fandol 仿宋/楷/黑/宋 faces, extracted into this folder from texlive-lang-chinese
# without installing the whole package. Then: FONTCONFIG_FILE=tests/fonts/fonts.conf.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
if ! command -v soffice >/dev/null || ! command -v pdffonts >/dev/null || ! fc-list | grep -q "Noto Serif CJK"; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk chromium >/dev/null
fi
if ! ls "$here"/FandolFang-Regular.otf >/dev/null 2>&1; then
  work="$(mktemp -d)"
  (cd "$work" && apt-get download -qq texlive-lang-chinese && dpkg-deb -x texlive-lang-chinese_*.deb x)
  cp "$work"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf "$here"/
  rm -rf "$work"
fi
echo "fonts ready: FONTCONFIG_FILE=$here/fonts.conf"
