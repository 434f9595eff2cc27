#!/usr/bin/env bash
# Installs what is missing, builds the release CLI, generates a professional network of
# 1,000,000 members (or $LIAISON_DEMO_MEMBERS), imports it into a snapshot and summarises it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target liaison
cli=build/release/liaison
members=${LIAISON_DEMO_MEMBERS:-1000000}
out=${LIAISON_DEMO_DIR:-out/demo}
mkdir -p "$out"
echo "== generate: ${members} members" >&2
time "$cli" generate --members "$members" --seed 1 --out "$out"
echo "== import" >&2
time "$cli" import "$out/connections.tsv" --members "$out/members.tsv" --out "$out/network.liaison"
echo "== stats" >&2
"$cli" stats "$out/network.liaison"
