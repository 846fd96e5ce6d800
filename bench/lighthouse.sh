#!/usr/bin/env bash
# Lighthouse 12.2.3 (npm; installed under ~/.cache/goodfaith/tools on first use) over the
# release build: eight pages, mobile and desktop (`--preset=desktop`), in Debian's Chromium.
# Signed-in pages get the demo account's session cookie. Writes the table to
# docs/lighthouse.md and the raw reports to bench/results/lighthouse/.
#
#   cargo leptos build --release --precompress --split --bin-features bench-ceiling
#   bash bench/lighthouse.sh
#
# While working on one page: LIGHTHOUSE_ONLY (an extended regex on the page's name) and
# LIGHTHOUSE_FORMS ("mobile", "desktop" or both) run a subset and leave docs/ alone.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/env.sh

bin="${GOODFAITH_BIN:-target/release/goodfaith}"
port="${LIGHTHOUSE_PORT:-3017}"
work="target/lighthouse"
out="bench/results/lighthouse"
chrome="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$bin" ] || { echo "No release binary at $bin; build it first (see the top of this script)." >&2; exit 1; }
. .ci/demo-server.sh

lh_dir="$GOODFAITH_TOOLS/lighthouse"
lh="$lh_dir/node_modules/.bin/lighthouse"
if ! "$lh" --version 2>/dev/null | grep -q '^12\.2\.3$'; then
  echo "== installing Lighthouse 12.2.3"
  mkdir -p "$lh_dir"
  (cd "$lh_dir" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund lighthouse@12.2.3 >/dev/null)
fi

rm -rf "$work" && mkdir -p "$work" "$out"
start_demo_server "$bin" "$port" "$work"
base="http://127.0.0.1:$port"

# A session cookie for `email`, through the real sign-in.
session() {
  curl -s -D - -o /dev/null -X POST -H "Content-Type: application/x-www-form-urlencoded" \
    --data "email=$(sed 's/@/%40/' <<<"$1")&password=goodfaith-demo" "$base/api/auth/login" |
    { grep -i '^set-cookie: goodfaith_session=' || true; } | head -1 | sed -E 's/^[^:]*: *//; s/;.*//' | tr -d '\r'
}

# name | who signs in (empty: a visitor) | path
pages=(
  "Sign-in||/login"
  "Listing page||/listings/1101"
  "Brand home|staff@helios.test|/brands/3"
  "Report form|staff@helios.test|/brands/3/reports/new"
  "Reports list|staff@helios.test|/brands/3/reports"
  "Review queue|manager@goodfaith.test|/review"
  "Manager's desk|manager@goodfaith.test|/manager"
  "Admin brands|admin@goodfaith.test|/admin"
)

only="${LIGHTHOUSE_ONLY:-}"
forms="${LIGHTHOUSE_FORMS:-mobile desktop}"
rows=()
for entry in "${pages[@]}"; do
  IFS='|' read -r name who path <<<"$entry"
  if [ -n "$only" ] && ! grep -Eq "$only" <<<"$name"; then continue; fi
  headers='{}'
  if [ -n "$who" ]; then headers="{\"Cookie\":\"$(session "$who")\"}"; fi
  for form in $forms; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    file="$out/$(tr -c 'a-zA-Z0-9' '-' <<<"$name" | tr -s '-' | sed 's/-$//')-$form.json"
    # Headless Chromium now and then loses the trace (NO_NAVSTART): up to three tries.
    ok=0
    for _ in 1 2 3; do
      if CHROME_PATH="$chrome" "$lh" "$base$path" "${preset[@]}" --quiet --output=json --output-path="$file" \
        --only-categories=performance,accessibility,best-practices,seo --extra-headers="$headers" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run" >"$work/lighthouse.log" 2>&1; then
        ok=1
        break
      fi
    done
    [ "$ok" = 1 ] || { echo "Lighthouse failed on $path ($form):" >&2; tail -20 "$work/lighthouse.log" >&2; exit 1; }
    rows+=("$(node -e '
      const r = require(process.argv[1]);
      const s = (k) => Math.round(r.categories[k].score * 100);
      const a = (k) => r.audits[k];
      const kb = Math.round(a("total-byte-weight").numericValue / 1024);
      console.log([process.argv[2], process.argv[3], process.argv[4], s("performance"), s("accessibility"),
        s("best-practices"), s("seo"), (a("largest-contentful-paint").numericValue / 1000).toFixed(1) + " s",
        Math.round(a("total-blocking-time").numericValue) + " ms", kb + " KB"].join(" | "));
    ' "$PWD/$file" "$name" "$path" "$form")")
    echo "${rows[-1]}"
  done
done

if [ -n "$only" ] || [ "$forms" != "mobile desktop" ]; then
  echo "a subset was run: docs/lighthouse.md left as it was"
  exit 0
fi
{
  echo "# Lighthouse"
  echo
  echo "Written by \`bench/lighthouse.sh\` on $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD): Lighthouse 12.2.3,"
  echo "the release build (\`--precompress\`), Debian's Chromium on this 2-core machine; mobile is"
  echo "Lighthouse's default (simulated slow 4G, 4× CPU slowdown), desktop \`--preset=desktop\`."
  echo "Targets (issue 28): performance ≥ 90 mobile and ≥ 95 desktop; accessibility, best practices"
  echo "and SEO 100. Transfer is everything the page loaded (compressed). Raw reports:"
  echo "\`bench/results/lighthouse/\`."
  echo
  echo "| Page | Path | Form | Performance | Accessibility | Best practices | SEO | LCP | TBT | Transfer |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for row in "${rows[@]}"; do echo "| $row |"; done
} > docs/lighthouse.md
echo "table written to docs/lighthouse.md"
