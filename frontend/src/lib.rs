//! The browser entry point: hydrates the server-rendered Goodfaith app.

use leptos::prelude::document;

/// Called by the generated JavaScript once the wasm module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Hydrated asynchronously: each page's code is a lazily loaded wasm chunk (see
    // `app::lazy_pages`), fetched before its part of the page can hydrate.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        // Only now, with the routed page's chunk loaded, its deferred parts hydrated too and
        // its handlers attached, is the page interactive: end-to-end tests wait for this mark
        // before clicking, because clicks sent before hydration would be lost.
        app::components::deferred::when_settled(|| {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-hydrated", "true");
            }
        });
    });
}
