#!/usr/bin/env bash
# Installs the Debian packages csperf builds and tests with (Debian 12, as root).
set -euo pipefail
packages=(
  build-essential cmake pkg-config ccache
  libsqlite3-dev sqlite3 libicu-dev libxxhash-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
  libxlsxwriter-dev libsimdjson-dev
  libgtest-dev libgmock-dev
)
# The printed scorecard is checked as a PDF rendered by headless Chromium (Chinese fonts
# included) and read back with pdftotext; unzip opens the workbooks the tests write.
if [[ "${1:-}" != "--runtime" ]]; then
  packages+=(chromium fonts-noto-cjk poppler-utils unzip)
fi
if [[ "${1:-}" == "--with-fuzz" ]]; then
  packages+=(clang libclang-rt-14-dev)
fi
if [[ "${1:-}" == "--with-lint" ]]; then
  packages+=(clang-format clang-tidy cppcheck)
fi
if [[ "${1:-}" == "--with-bench" ]]; then
  packages+=(time sqlite3)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
