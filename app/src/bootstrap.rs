//! The script that starts the browser app, in place of Leptos's `HydrationScripts`: it asks for
//! the wasm only once the server-rendered page has been painted, and the page's `<head>` holds
//! no preload of it or of its chunks.
//!
//! Why: a page is readable as soon as its HTML and stylesheet arrive, but preloads in the
//! `<head>` (the main module and, with `--split`, every chunk of the page's group, some 500 KB)
//! share a slow connection with them. Started after the first paint, the wasm no longer delays
//! it; the page becomes interactive a little later (the chunks are fetched when hydration asks
//! for them instead of alongside the main module). Measured in docs/lighthouse.md.

use std::sync::OnceLock;

use leptos::prelude::*;

/// The script and wasm file names under `/pkg`, content-hashed when the build hashes them: read
/// once from the hash file cargo-leptos writes beside the server binary.
fn file_names(options: &LeptosOptions) -> &'static (String, String) {
    static NAMES: OnceLock<(String, String)> = OnceLock::new();
    NAMES.get_or_init(|| {
        let name = options.output_name.to_string();
        let (mut js, mut wasm) = (name.clone(), name);
        if options.hash_files {
            let hashes = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                match file.trim() {
                    "js" => js = format!("{js}.{}", hash.trim()),
                    "wasm" => wasm = format!("{wasm}.{}", hash.trim()),
                    _ => {}
                }
            }
        }
        let pkg = &options.site_pkg_dir;
        (format!("/{pkg}/{js}.js"), format!("/{pkg}/{wasm}.wasm"))
    })
}

/// Starts the app after the first paint: the next animation frame runs just before the page
/// is painted, and a task queued from it runs after. A page opened in a background tab gets no
/// frames, so it starts at once.
const START: &str = "(function (js, wasm) {
  const start = () => import(js).then((m) => m.default({ module_or_path: wasm }).then(() => m.hydrate()));
  if (document.visibilityState === 'hidden') start();
  else requestAnimationFrame(() => setTimeout(start, 0));
})";

/// The `<script>` that loads the wasm and hydrates the page, carrying the render's CSP nonce.
#[component]
pub fn HydrateAfterPaint(
    /// The site's options (output name, `/pkg` directory, whether files are hashed).
    options: LeptosOptions,
) -> impl IntoView {
    let (js, wasm) = file_names(&options);
    let nonce = leptos::nonce::use_nonce();
    view! {
        <script type="module" nonce=nonce>
            {format!("{START}({js:?}, {wasm:?});")}
        </script>
    }
}
