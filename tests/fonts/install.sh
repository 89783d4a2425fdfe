#!/usr/bin/env bash
# Install what printing a report to PDF headless needs (Debian): LibreOffice Writer, Chromium, poppler's tools, the
# Noto CJK fonts, and the free Fandol 仿宋/楷/黑/宋 faces, extracted into this folder from texlive-lang-chinese
# without installing the whole package. Then: FONTCONFIG_FILE=tests/fonts/fonts.conf.
#
# Another apt or dpkg run (unattended-upgrades, a second install) holds its locks for minutes: every apt-get
# here waits for them, up to LOCK_WAIT seconds (default 900), instead of failing at once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
wait_seconds="${LOCK_WAIT:-900}"

# apt-get waits for the dpkg lock itself (DPkg::Lock::Timeout) but not for the lock of its package lists, which
# `apt-get update` takes: that one is waited for here, by trying again while another process holds it.
apt_get() {
  local deadline=$((SECONDS + wait_seconds)) log
  log="$(mktemp)"
  until apt-get -o DPkg::Lock::Timeout="$wait_seconds" "$@" 2>"$log"; do
    if ! grep -q "Could not get lock" "$log" || ((SECONDS >= deadline)); then
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
    echo "waiting for another apt or dpkg process to finish ($(grep -m1 -o 'held by process [0-9]*.*' "$log" || true))" >&2
    sleep 5
  done
  rm -f "$log"
}

if ! command -v soffice >/dev/null || ! command -v pdffonts >/dev/null || ! command -v chromium >/dev/null ||
  ! fc-list | grep -q "Noto Serif CJK"; then
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk chromium >/dev/null
fi
if ! ls "$here"/FandolFang-Regular.otf >/dev/null 2>&1; then
  work="$(mktemp -d)"
  (cd "$work" && apt_get download -qq texlive-lang-chinese && dpkg-deb -x texlive-lang-chinese_*.deb x)
  cp "$work"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf "$here"/
  rm -rf "$work"
fi
echo "fonts ready: FONTCONFIG_FILE=$here/fonts.conf"
