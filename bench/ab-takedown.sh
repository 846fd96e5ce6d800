#!/usr/bin/env bash
# A focused before/after of one row of bench/run.sh — the instant takedown at 500 requests a
# second on a fixed schedule — with two release binaries taking turns on copies of one seeded
# database, so both meet the same machine. Timing rows measured ten minutes apart on this
# machine differed more than the code did (bench/results/history.md).
#
#   BEFORE_BIN=/tmp/goodfaith-before AFTER_BIN=target/release/goodfaith bash bench/ab-takedown.sh
#
# The before binary seeds (its schema is the older one; the after binary migrates its copy).
set -u
cd "$(dirname "$0")/.."
source .ci/env.sh
W="${WORK:-$(mktemp -d)}"
trap 'rm -f "$W"/*.db "$W"/*.db-*' EXIT
cp "$BEFORE_BIN" "$W/goodfaith-before"; cp "$AFTER_BIN" "$W/goodfaith-after"
export RUST_LOG=warn GOODFAITH_DEMO=1 LEPTOS_OUTPUT_NAME=goodfaith LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_ENV=PROD
if [ ! -f $W/seeded.db ]; then
  DATABASE_URL="sqlite://$W/seeded.db?mode=rwc" $W/goodfaith-before seed --listings 1000000 --sellers 50000 --brands 10000 --decided-items 1000000 --pending-items 1000000 > $W/seed.txt
fi
eval "$(DATABASE_URL="sqlite://$W/seeded.db?mode=rwc" $W/goodfaith-before bench-facts)"
tenth=$(( (LAST_LISTING - FIRST_LISTING) / 10 ))
cp $W/seeded.db $W/before.db; cp $W/seeded.db $W/after.db
PORT=3960
for round in 1 2 3 4 5; do
  for which in before after; do
    DATABASE_URL="sqlite://$W/$which.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" $W/goodfaith-$which > $W/server-$which.log 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 1; done
    cookie=$(curl -s -o /dev/null -c - -X POST -H 'Accept: application/json' --data-urlencode "email=staff@helios.test" --data-urlencode 'password=goodfaith-demo' "http://127.0.0.1:$PORT/api/auth/login" | awk '/goodfaith_session/ {print "goodfaith_session=" $7}')
    out=$(COOKIE="$cookie" MODE=takedown BRAND=$HELIOS RIGHT=$HELIOS_RIGHT RATE=500 START=$((FIRST_LISTING + tenth + round * tenth / 8)) \
      wrk --timeout 10s -d 10s -t1 -c10 -s bench/load.lua "http://127.0.0.1:$PORT" | grep '^RESULT')
    echo "round $round $which $out"
    kill $pid; wait $pid 2>/dev/null
  done
done

