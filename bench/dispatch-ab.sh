#!/usr/bin/env bash
# The paced instant takedown (500/s, 10 s) with and without the dispatcher delivering each
# takedown's webhook to a local receiver, taking turns three times on one seeded database
# (smaller than bench/run.sh's: LISTINGS, default 200,000). Prints one RESULT line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh
BIN=${GOODFAITH_BIN:-target/release/goodfaith}
work="$(mktemp -d)"
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
export GOODFAITH_TAKEDOWN_HOURLY_CAP=100000000 GOODFAITH_TAKEDOWN_DAILY_CAP=100000000
export RUST_LOG=warn GOODFAITH_DEMO=1 GOODFAITH_DEMO_RECEIVER=false LEPTOS_OUTPUT_NAME=goodfaith LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_ENV=PROD
$BIN seed --listings ${LISTINGS:-200000} --sellers 10000 --brands 1000 --decided-items 200000 --pending-items 100000 >/dev/null
eval "$($BIN bench-facts)"
tenth=$(( (LAST_LISTING - FIRST_LISTING) / 10 ))
PORT=3960
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" GOODFAITH_API_RATE_PER_SECOND=100000 GOODFAITH_API_RATE_BURST=100000 $BIN >$work/server.log 2>&1 &
spid=$!
trap "kill $spid 2>/dev/null; kill \$rpid 2>/dev/null; rm -rf $work || true" EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 1; done
cookie=$(curl -s -o /dev/null -c - -X POST -H 'Accept: application/json' --data-urlencode "email=staff@helios.test" --data-urlencode 'password=goodfaith-demo' "http://127.0.0.1:$PORT/api/auth/login" | awk '/goodfaith_session/ {print "goodfaith_session=" $7}')
m() { COOKIE="$cookie" MODE=takedown BRAND=$HELIOS RIGHT=$HELIOS_RIGHT RATE=500 START=$1 wrk --timeout 10s -d 10s -t1 -c10 -s bench/load.lua "http://127.0.0.1:$PORT" | grep '^RESULT'; }
rpid=""
for run in 1 2 3; do
  echo "plain_$run $(m $((FIRST_LISTING + (run-1)*tenth/3)))"
  # The lowest priority: in service the receiver is on the marketplace's machine (bench/run.sh).
  nice -n 19 $BIN bench-receiver --addr 127.0.0.1:3962 > $work/recv.log 2>&1 & rpid=$!
  sleep 1
  echo "dispatch_$run $(m $((FIRST_LISTING + 5*tenth + (run-1)*tenth/3)))"
  sleep 2; kill -INT $rpid; wait $rpid 2>/dev/null || true
done
