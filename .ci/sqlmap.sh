#!/usr/bin/env bash
# sqlmap (Debian's) against the portal's free-text parameters on a demo server of its own:
# sign-in (anonymous), the public marketplace search, a brand's report filter and the
# managers' find-listings search (signed in). Every query is built with bound parameters, so
# sqlmap must find nothing injectable; the script fails if it does. Not part of `make test`
# (it sends thousands of requests, several minutes); its latest result is in
# docs/security.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/env.sh
command -v sqlmap >/dev/null || { apt-get install -y sqlmap >/dev/null || sudo apt-get install -y sqlmap; }

bin="${GOODFAITH_BIN:-target/debug/goodfaith}"
port="${SQLMAP_PORT:-3014}"
work="target/sqlmap"
rm -rf "$work" && mkdir -p "$work"
# Sign-in throttling would answer most of sqlmap's attempts with 429 and hide the answers it
# studies, so this server (the probe's alone) takes the client's address from
# X-Forwarded-For, and sqlmap's `xforwardedfor` tamper script sends a random one with each
# attempt: every attempt counts as another client's, as from a botnet.
. .ci/demo-server.sh
start_demo_server "$bin" "$port" "$work" GOODFAITH_CLIENT_IP_HEADER=X-Forwarded-For
base="http://127.0.0.1:$port"

session() {
  curl -s -o /dev/null -c - -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-urlencode "email=$1" --data-urlencode 'password=goodfaith-demo' \
    "$base/api/auth/login" | awk '/goodfaith_session/ {print "goodfaith_session=" $7}'
}
staff="$(session staff@helios.test)"
manager="$(session manager@goodfaith.test)"

probe() {
  local name="$1"; shift
  echo "== sqlmap: $name"
  sqlmap --batch --level 2 --risk 1 --flush-session --output-dir "$work/out" \
    --headers "Accept: application/json" "$@" 2>&1 | tee "$work/$name.log" | grep -E "injectable|not injectable|all tested parameters" || true
  if grep -qiE "is vulnerable|parameter '.*' is '.*' injectable|sqlmap identified the following injection" "$work/$name.log"; then
    echo "sqlmap found an injection in $name" >&2
    exit 1
  fi
}

probe market_search -u "$base/api/listings/market_listings" --data "query=bag&page=0" -p query
probe report_filter -u "$base/api/reports/list_reports" --cookie "$staff" \
  --data '{"brand_id":3,"filter":{"status":"","reason":"","from":"","to":"","text":"bag*","page":0}}' \
  --headers "Content-Type: application/json"
probe find_listings -u "$base/api/joint_force/search_listings" --cookie "$manager" \
  --data '{"search":{"brand_id":3,"text":"audio*","seller":"Bazaar*","min_price":"","max_price":"","flagged_only":false}}' \
  --headers "Content-Type: application/json"
probe sign_in -u "$base/api/auth/login" --data "email=staff%40helios.test&password=x" -p email \
  --tamper xforwardedfor
echo "sqlmap: nothing injectable in the sign-in, marketplace search, report filter or find-listings parameters"
