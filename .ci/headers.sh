#!/usr/bin/env bash
# A ZAP-baseline-style check from outside, with curl: every kind of answer (pages, server
# functions, the API, its reference, files) carries the security headers; hashed assets go out
# compressed and cached for a year, a signed-in reader's pages with no-store; pages have a nonce
# policy without unsafe-inline and every inline script carries the nonce; the session cookie
# is HttpOnly and SameSite; nothing names the server's software; a cross-site POST and a
# text/plain server-function call are refused. Runs on a demo server of its own; prints each
# finding and fails if there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/env.sh

bin="${GOODFAITH_BIN:-target/debug/goodfaith}"
port="${HEADERS_PORT:-3013}"
work="target/headers"
rm -rf "$work" && mkdir -p "$work"
. .ci/demo-server.sh
start_demo_server "$bin" "$port" "$work"
base="http://127.0.0.1:$port"

findings=0
finding() { echo "FINDING: $*"; findings=$((findings + 1)); }
# `header FILE NAME`: the value of a response header (case-insensitive), or nothing.
header() { { grep -i "^$2:" "$1" || true; } | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ //'; }

check_common() {
  local what="$1" headers="$2"
  [ "$(header "$headers" x-content-type-options)" = "nosniff" ] || finding "$what: X-Content-Type-Options is not nosniff"
  [ -n "$(header "$headers" referrer-policy)" ] || finding "$what: no Referrer-Policy"
  [ -n "$(header "$headers" permissions-policy)" ] || finding "$what: no Permissions-Policy"
  local csp; csp="$(header "$headers" content-security-policy)"
  [ -n "$csp" ] || finding "$what: no Content-Security-Policy"
  grep -q "frame-ancestors 'none'" <<<"$csp" || finding "$what: the policy allows framing"
  grep -qE "'unsafe-inline'|'unsafe-eval'" <<<"$csp" && finding "$what: the policy allows unsafe-inline or unsafe-eval"
  grep -qi "^server:\|^x-powered-by:" "$headers" && finding "$what: names the server's software"
  return 0
}

# Pages: a nonce policy, and every inline script carries the nonce.
for page in / /login /market /listings/1101 /nowhere; do
  curl -s -D "$work/h" -o "$work/b" "$base$page"
  check_common "GET $page" "$work/h"
  nonce="$(header "$work/h" content-security-policy | { grep -o "'nonce-[^']*'" || true; } | sed "s/'nonce-//; s/'//")"
  if [ -z "$nonce" ]; then
    finding "GET $page: the page's policy has no nonce"
  else
    scripts=$({ grep -o "<script" "$work/b" || true; } | wc -l)
    signed=$({ grep -o "<script[^>]*nonce=\"$nonce\"" "$work/b" || true; } | wc -l)
    [ "$scripts" = "$signed" ] || finding "GET $page: $((scripts - signed)) of $scripts scripts without the nonce"
  fi
done

# Everything that is not a page.
curl -s -D "$work/h" -o /dev/null -X POST -H "Content-Type: application/x-www-form-urlencoded" "$base/api/auth/get_current_user"
check_common "POST /api/auth/get_current_user" "$work/h"
# The stylesheet and scripts under the names the page gives them (content-hashed).
curl -s -o "$work/b" "$base/login"
css="$(grep -o 'href="/pkg/[^"]*\.css"' "$work/b" | head -1 | cut -d'"' -f2)"
# The page names its script in the bootstrap that starts it after the first paint
# (app/src/bootstrap.rs), not in a preload link.
js="$(grep -oE '"/pkg/[^"]*\.js"' "$work/b" | head -1 | tr -d '"')"
[ -n "$css" ] && [ -n "$js" ] || finding "GET /login: no stylesheet or script link under /pkg"
for path in /api/v1/openapi.json /api/docs "$css" /favicon.ico; do
  curl -s -D "$work/h" -o /dev/null "$base$path"
  check_common "GET $path" "$work/h"
done

# First load: hashed assets compressed and cached for a year; pages of a signed-in reader
# never stored.
grep -qE '/pkg/goodfaith\.[A-Za-z0-9_-]+\.js$' <<<"$js" || finding "GET /login: the script's name $js carries no content hash"
curl -s -D "$work/h" -o /dev/null -H "Accept-Encoding: br, gzip" "$base$js"
[ "$(header "$work/h" content-encoding)" = "br" ] || finding "GET $js: not sent with brotli"
grep -q "immutable" <<<"$(header "$work/h" cache-control)" || finding "GET $js: not cached as immutable"
curl -s -D "$work/h" -o /dev/null -H "Accept-Encoding: gzip" "$base$css"
[ "$(header "$work/h" content-encoding)" = "gzip" ] || finding "GET $css: not sent with gzip"

# The session cookie.
curl -s -D "$work/h" -o /dev/null -X POST -H "Content-Type: application/x-www-form-urlencoded" \
  --data "email=staff%40helios.test&password=goodfaith-demo" "$base/api/auth/login"
cookie="$({ grep -i "^set-cookie: goodfaith_session=" "$work/h" || true; } | head -1)"
[ -n "$cookie" ] || finding "sign-in: no session cookie"
session="$(sed -E 's/^[^:]*: *//; s/;.*//' <<<"$cookie" | tr -d '\r')"
curl -s -D "$work/h" -o /dev/null -H "Cookie: $session" "$base/brands/3"
[ "$(header "$work/h" cache-control)" = "no-store" ] || finding "GET /brands/3 signed in: Cache-Control is not no-store"
grep -qi "httponly" <<<"$cookie" || finding "sign-in: the session cookie is not HttpOnly"
grep -qi "samesite=lax\|samesite=strict" <<<"$cookie" || finding "sign-in: the session cookie has no SameSite"

# Cross-site requests.
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Origin: https://evil.example" \
  -H "Content-Type: application/x-www-form-urlencoded" \
  --data "email=staff%40helios.test&password=goodfaith-demo" "$base/api/auth/login")
[ "$status" = "403" ] || finding "a cross-site sign-in answered $status, not 403"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: text/plain" \
  --data '{"email":"x"}' "$base/api/auth/login")
[ "$status" = "415" ] || finding "a text/plain server-function call answered $status, not 415"

if [ "$findings" -gt 0 ]; then
  echo "$findings header findings" >&2
  exit 1
fi
echo "headers: no findings (pages, server functions, the API, its reference, files, the session cookie, cross-site requests)"
