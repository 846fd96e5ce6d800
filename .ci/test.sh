#!/usr/bin/env bash
# The README's test command: every test, on SQLite and on PostgreSQL, then Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
. .ci/env.sh

# Built with cargo-leptos's flags, so the end-to-end step below reuses this build.
echo "== unit, database and HTTP tests on SQLite"
RUSTFLAGS="$GOODFAITH_RUSTFLAGS" cargo test --workspace --exclude frontend

echo "== database and HTTP tests on PostgreSQL (a throw-away cluster)"
pg_url="$(bash .ci/postgres.sh start)"
trap 'bash .ci/postgres.sh stop' EXIT
GOODFAITH_TEST_POSTGRES_URL="$pg_url" RUSTFLAGS="$GOODFAITH_RUSTFLAGS" \
  cargo test --workspace --exclude frontend --tests
bash .ci/postgres.sh stop
trap - EXIT

echo "== end-to-end journeys in Chromium"
# cargo-leptos serves on 127.0.0.1:3000; if something else answers there, Playwright
# would test that instead. Refuse rather than report a stale server's results.
if (exec 3<>/dev/tcp/127.0.0.1/3000) 2>/dev/null; then
  echo "Port 3000 is in use (is 'make run' still running?). Stop it and run the tests again." >&2
  exit 1
fi
rm -rf target/e2e
mkdir -p target/e2e
# A real SMTP catcher (MailDev, from npm): the portal sends its mail there over SMTP, and the
# journeys read the invitation and reset mails from its web API.
# Started by its own script (not through npx, which would leave it running when stopped).
(cd end2end && exec ./node_modules/.bin/maildev --smtp 1025 --web 1080 --ip 127.0.0.1 \
  --web-ip 127.0.0.1 > ../target/e2e/maildev.log 2>&1) &
maildev=$!
trap 'kill $maildev 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  (exec 3<>/dev/tcp/127.0.0.1/1080) 2>/dev/null && break
  sleep 0.5
done
DATABASE_URL="sqlite://target/e2e/goodfaith.db?mode=rwc" GOODFAITH_DEMO=1 \
  GOODFAITH_SMTP_URL="smtp://127.0.0.1:1025" cargo leptos end-to-end --split
kill $maildev 2>/dev/null || true
trap - EXIT

echo "== the Brand API checked from outside by Schemathesis"
bash .ci/schemathesis.sh

echo "== security headers and cross-site requests checked from outside"
bash .ci/headers.sh
