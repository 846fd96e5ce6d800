//! How the browser gets the portal's files and pages: content-hashed asset names, served
//! compressed and cached for a year; pages never cached for a signed-in reader.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::LeptosOptions;
use tower::Layer;
use tower_http::compression::{Compression, CompressionLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

/// Assets whose names carry their content's hash never change under that name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Without hashed names (a debug build) an asset is checked with the server on every use.
const REVALIDATE: &str = "no-cache";

/// Turns hashed asset names on when the build left its hash file next to the binary
/// (cargo-leptos writes one with `hash-files`), so the binary run directly — not only under
/// cargo-leptos, which sets `LEPTOS_HASH_FILES` — serves the names the build gave the files.
/// Without the file, plain names: a build without hashing, or a test binary.
pub fn use_hashed_names(options: &mut LeptosOptions) {
    let hash_file = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())));
    options.hash_files = hash_file.is_some_and(|file| file.exists());
}

/// `/pkg`: the wasm, scripts and style. A release build's `.br` and `.gz` copies (cargo-leptos
/// `--precompress`) go out as they are; anything else is compressed on the way. Cached for a
/// year when the names are hashed.
pub fn pkg_files(options: &LeptosOptions) -> SetResponseHeader<Compression<ServeDir>, HeaderValue> {
    let dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let cache = if options.hash_files {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache))
        .layer(CompressionLayer::new().layer(files))
}

/// Pages and server-function answers say how they may be cached when their handler has not:
/// `no-store` for a signed-in reader (the page holds their brand's data; no browser or proxy
/// keeps it), `no-cache` for a visitor.
pub async fn page_caching(request: Request, next: Next) -> Response {
    let signed_in = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|cookies| cookies.contains(crate::SESSION_COOKIE));
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if signed_in { "no-store" } else { "no-cache" };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}
