# The two commands of the README. Both install whatever is missing first.
.PHONY: run test

## Serve the app with demo data on http://127.0.0.1:3000 (SQLite file under ./data/).
run:
	bash .ci/setup.sh
	. .ci/env.sh && GOODFAITH_DEMO=1 cargo leptos serve --split

## Run every test: unit, database (SQLite and PostgreSQL), HTTP matrix and Playwright.
test:
	bash .ci/test.sh
