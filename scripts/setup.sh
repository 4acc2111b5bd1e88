#!/usr/bin/env bash
# Installs every Debian package Attention Lab needs to build, run and test.
# Safe to run again: it only asks apt for what is missing.
case "${1:-}" in -h | --help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac  # the comment above
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libgl-dev
  libeigen3-dev libqcustomplot-dev nlohmann-json3-dev libcli11-dev
  libicu-dev  # the tokenizers of imported models: Unicode categories, regex, normalisation
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  xvfb xauth fonts-noto-cjk fonts-dejavu-core
  librsvg2-bin poppler-utils  # the export tests render SVGs and read PDFs' fonts as other programs do
  dpkg-dev desktop-file-utils appstream  # the Debian package: dependencies, desktop entry, metadata checks
  qemu-user  # a test runs the binary on emulated baseline x86-64 and AVX2 CPUs
  python3-jinja2  # the chat-template peer test renders each model's template with jinja2, as transformers does
)

# Node.js and npm run the GPT-2 tokenizer's peer test (tests/peers/). Many images ship their own
# node and npm, which Debian's npm package conflicts with: install Debian's only when missing.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
