#!/usr/bin/env bash
# Installs the Debian 12 packages Liaison builds, tests and benchmarks with (only the missing ones).
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config
          libboost-graph-dev libtbb-dev libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev
          libcli11-dev nlohmann-json3-dev libxxhash-dev zlib1g-dev
          libigraph-dev gnuplot-nox python3)
if [[ ${1:-} == --list ]]; then
  echo "${packages[*]}"
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
