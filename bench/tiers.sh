#!/usr/bin/env bash
# Measures tier recomputation at marketplace scale: fills a fresh SQLite database with
# BRANDS brands and ITEMS decided report items (goodfaith seed-scale), then recomputes every
# tier twice (goodfaith recompute-tiers) and prints the times. Uses a release build unless
# GOODFAITH_BIN names a binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
BRANDS="${BRANDS:-10000}"
ITEMS="${ITEMS:-1000000}"
if [[ -z "${GOODFAITH_BIN:-}" ]]; then
  cargo build --release -p server --bin goodfaith
  GOODFAITH_BIN=target/release/goodfaith
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite://$work/scale.db?mode=rwc" RUST_LOG=warn
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; binary: $GOODFAITH_BIN"
"$GOODFAITH_BIN" seed-scale --brands "$BRANDS" --decided-items "$ITEMS"
"$GOODFAITH_BIN" recompute-tiers
