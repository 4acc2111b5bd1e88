#!/usr/bin/env bash
# Builds the Debian package from the release build (cpack -G DEB) and checks it: its files,
# the desktop entry and AppStream metadata validated, its dependencies declared.
#   scripts/package.sh             build and check: build/release/attentionlab_<version>_amd64.deb
#   scripts/package.sh --install   also install it (apt-get, as root or with sudo) and run
#                                  /usr/bin/attentionlab from it, headless (what CI does)
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
id=io.github.attentionlab.AttentionLab
cmake --preset release >/dev/null
cmake --build --preset release --target attentionlab
rm -f build/release/attentionlab_*.deb
(cd build/release && cpack -G DEB >/dev/null)
deb=$(ls "$PWD"/build/release/attentionlab_*.deb)

contents=$(dpkg-deb --contents "$deb")
for f in usr/bin/attentionlab usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$id.svg usr/share/mime/packages/$id.xml usr/share/doc/attentionlab/copyright; do
  grep -q " \./$f\$" <<<"$contents" || { echo "error: the package has no /$f" >&2; exit 1; }
done
desktop-file-validate resources/desktop/$id.desktop
appstreamcli validate --no-net resources/desktop/$id.metainfo.xml >/dev/null
dpkg-deb -f "$deb" Depends | grep -q libqt6widgets6 || { echo "error: the package declares no Qt dependency" >&2; exit 1; }
! dpkg-deb -f "$deb" Depends | grep -q libbenchmark || { echo "error: the package depends on Google Benchmark" >&2; exit 1; }
grep -q '<project_license>GPL-3.0-or-later</project_license>' resources/desktop/$id.metainfo.xml ||
  { echo "error: the AppStream file states no GPL-3.0-or-later project licence" >&2; exit 1; }
echo "package ok: $deb"

if [ "${1:-}" = --install ]; then
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --reinstall "$deb" >/dev/null
  /usr/bin/attentionlab --version
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/attentionlab trace --out "$out" 2>/dev/null
  test -s "$out/manifest.json" || { echo "error: the installed attentionlab wrote no trace" >&2; exit 1; }
  echo "package installed: /usr/bin/attentionlab ran headless"
fi
