# Sourced by the outside checks: `start_demo_server BIN PORT WORK [VAR=value …]`
# starts the binary in demo mode on a fresh SQLite database under WORK, listening on
# 127.0.0.1:PORT with the built site, its log in WORK/server.log; stops it when the calling
# script exits; returns once it answers. The outside checks (headers, Schemathesis, sqlmap,
# Lighthouse) each run a server of their own this way.
start_demo_server() {
  bin="$1"
  port="$2"
  work="$3"
  shift 3
  [ -x "$bin" ] || { echo "No server binary at $bin; build it first (cargo leptos build --split)." >&2; exit 1; }
  env "$@" DATABASE_URL="sqlite://$work/goodfaith.db?mode=rwc" GOODFAITH_DEMO=1 RUST_LOG=warn \
    LEPTOS_OUTPUT_NAME=goodfaith LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR="127.0.0.1:$port" "$bin" >"$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/login" >/dev/null && return 0
    sleep 0.5
  done
  echo "The demo server did not answer on port $port:" >&2
  cat "$work/server.log" >&2
  exit 1
}
