#!/usr/bin/env bash
# Runs Schemathesis over every operation of the Brand API on a demo server of its own (a
# fresh SQLite database, the demo token, no rate limit worth speaking of) with the checks
# the API promises: no 5xx, answers that match the schema, documented status codes, content
# types and headers. Prints Schemathesis's report; fails on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/env.sh

bin="${GOODFAITH_BIN:-target/debug/goodfaith}"
port="${SCHEMATHESIS_PORT:-3012}"
work="target/schemathesis"
rm -rf "$work" && mkdir -p "$work"
. .ci/demo-server.sh
start_demo_server "$bin" "$port" "$work" \
  GOODFAITH_API_RATE_PER_SECOND=100000 GOODFAITH_API_RATE_BURST=100000
token="$(awk '/^  gf_/ { print $1; exit }' "$work/server.log")"
key="$(awk '/^  gfm_/ { print $1; exit }' "$work/server.log")"
[ -n "$token" ] && [ -n "$key" ] || { echo "The demo server printed no API token or key:" >&2; cat "$work/server.log" >&2; exit 1; }

# Brand operations with the brand's token, the marketplace's with its integration key.
run() {
  "$GOODFAITH_TOOLS/schemathesis/bin/st" run "http://127.0.0.1:$port/api/v1/openapi.json" \
    --url "http://127.0.0.1:$port/api/v1" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" \
    --seed "${SCHEMATHESIS_SEED:-20261206}" \
    --no-color "$@"
}
run --header "Authorization: Bearer $token" --exclude-tag Marketplace
run --header "Authorization: Bearer $key" --include-tag Marketplace
