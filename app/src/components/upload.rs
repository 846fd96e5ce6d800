//! Posting files from the browser to the plain upload endpoints (see `crate::uploads`).

use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::model::FileRef;

/// The file chosen in an `<input type="file">` change event, if any.
#[cfg(feature = "hydrate")]
fn chosen_file(event: &leptos::ev::Event) -> Option<web_sys::File> {
    use web_sys::wasm_bindgen::JsCast;
    let input = event
        .target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    input.files()?.get(0)
}

/// Reads a JSON answer, or the `error` sentence of a refused one.
#[cfg(feature = "hydrate")]
async fn answer<T: DeserializeOwned>(
    sent: Result<gloo_net::http::Response, gloo_net::Error>,
) -> Result<T, String> {
    let response = sent.map_err(|_| "The server could not be reached.".to_owned())?;
    if response.ok() {
        response
            .json::<T>()
            .await
            .map_err(|_| "The server's answer could not be read.".to_owned())
    } else {
        let refused = response.json::<crate::model::UploadRefusal>().await;
        Err(refused.map_or_else(
            |_| format!("The upload was refused ({}).", response.status()),
            |refusal| refusal.error,
        ))
    }
}

/// Uploads the file chosen in `event` as multipart to `url`.
#[cfg(feature = "hydrate")]
pub async fn post_file<T: DeserializeOwned>(
    url: &str,
    event: &leptos::ev::Event,
) -> Option<Result<T, String>> {
    let file = chosen_file(event)?;
    let form = match web_sys::FormData::new() {
        Ok(form) => form,
        Err(_) => return Some(Err("This browser cannot upload files.".into())),
    };
    if form
        .append_with_blob_and_filename("file", &file, &file.name())
        .is_err()
    {
        return Some(Err("The file could not be read.".into()));
    }
    let request = match gloo_net::http::Request::post(url).body(form) {
        Ok(request) => request,
        Err(_) => return Some(Err("The file could not be read.".into())),
    };
    Some(answer(request.send().await).await)
}

/// Uploads the file chosen in `event` as the raw request body to `url`.
#[cfg(feature = "hydrate")]
pub async fn post_raw<T: DeserializeOwned>(
    url: &str,
    event: &leptos::ev::Event,
) -> Option<Result<T, String>> {
    let file = chosen_file(event)?;
    let request = match gloo_net::http::Request::post(url).body(file) {
        Ok(request) => request,
        Err(_) => return Some(Err("The file could not be read.".into())),
    };
    Some(answer(request.send().await).await)
}

/// On the server there is no file to send; file inputs only work once the page is hydrated.
#[cfg(not(feature = "hydrate"))]
pub async fn post_file<T: DeserializeOwned>(
    _url: &str,
    _event: &leptos::ev::Event,
) -> Option<Result<T, String>> {
    None
}

/// On the server there is no file to send; file inputs only work once the page is hydrated.
#[cfg(not(feature = "hydrate"))]
pub async fn post_raw<T: DeserializeOwned>(
    _url: &str,
    _event: &leptos::ev::Event,
) -> Option<Result<T, String>> {
    None
}

/// A file input that uploads at once and reports the stored file (or why not) below it.
/// `on_uploaded` receives each stored file; the input is cleared so the same control can add
/// another.
#[component]
pub fn FileUpload(
    /// The input's id (its label points at it).
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// `proof` or `evidence`.
    purpose: &'static str,
    /// A message from the server about this field (e.g. "attach a proof").
    #[prop(into)]
    server_error: Signal<Option<String>>,
    /// Called with each stored file.
    on_uploaded: Callback<FileRef>,
    /// For a seller's counter-notice evidence: the removed listing it is about.
    #[prop(optional, into)]
    listing: Option<i64>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let url = match listing {
        Some(listing) => format!("/uploads/{purpose}?listing={listing}"),
        None => format!("/uploads/{purpose}"),
    };
    let on_change = move |event: leptos::ev::Event| {
        let url = url.clone();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match post_file::<FileRef>(&url, &event).await {
                Some(Ok(file)) => on_uploaded.run(file),
                Some(Err(message)) => problem.set(Some(message)),
                None => {}
            }
            busy.set(false);
        });
    };
    let message = move || problem.get().or_else(|| server_error.get());
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="file"
                accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
                on:change=on_change
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
            />
            <p class="hint">"PDF or image, up to 5 MB."</p>
            <p id=error_id class="field-error" aria-live="polite">
                {move || if busy.get() { Some("Uploading…".to_owned()) } else { message() }}
            </p>
        </div>
    }
}

/// A stored file as a download link with its size and fingerprint.
#[component]
pub fn FileLink(
    /// The file.
    file: FileRef,
) -> impl IntoView {
    let size = if file.size_bytes >= 1024 * 1024 {
        format!("{:.1} MB", file.size_bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (file.size_bytes + 1023) / 1024)
    };
    view! {
        <span class="file-link">
            <a href=file.href() download=file.file_name.clone()>
                {file.file_name.clone()}
            </a>
            <span class="hint">
                {format!(" {size} · SHA-256 {}…", file.sha256.get(..12).unwrap_or_default())}
            </span>
        </span>
    }
}
