#!/usr/bin/env bash
# Sets up and builds stacklint in ./build: installs the Debian packages it needs when run as
# root (or says exactly which to install), configures with CMake and builds.
# With CI set in the environment, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."

# tools/debian-packages lists them (first word of each line), tests' packages included.
packages=()
while read -r package _; do
  if [[ -n $package && $package != \#* ]]; then packages+=("$package"); fi
done <tools/debian-packages
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "stacklint: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "stacklint: missing Debian packages; install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi

werror=OFF
[[ -n ${CI:-} ]] && werror=ON
# ccache, when installed, keeps rebuilds of unchanged sources fast.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSTACKLINT_WERROR="$werror" -DSTACKLINT_PORTABLE=ON \
  "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)"
