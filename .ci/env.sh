# Sourced by the other scripts (POSIX sh): where the project's own tools live.
# cargo-leptos and wasm-bindgen are installed under a stable root so a second run skips them;
# npm's wasm-opt comes first on PATH (Debian's binaryen 108 breaks hydration).
GOODFAITH_TOOLS="${GOODFAITH_TOOLS:-$HOME/.cache/goodfaith/tools}"
export GOODFAITH_TOOLS
PATH="$PWD/end2end/node_modules/.bin:$GOODFAITH_TOOLS/bin:$HOME/.cargo/bin:$PATH"
export PATH
# The RUSTFLAGS cargo-leptos builds the server with: `cargo test` and `cargo clippy` run with
# them too, as RUSTFLAGS on those commands alone (cargo-leptos adds its own flag to an
# exported RUSTFLAGS, and the doubled flag rebuilds everything), so the end-to-end
# build reuses the test build instead of compiling every crate a second time.
GOODFAITH_RUSTFLAGS="--cfg erase_components"
export GOODFAITH_RUSTFLAGS
