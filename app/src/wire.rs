//! How values cross from the server to the browser: server functions' answers and the
//! resources a server-rendered page hands to the browser for hydration.
//!
//! The browser reads both in postcard, a compact binary form of the same serde types. Its
//! decoder is a few kilobytes of wasm, where serde_json's parser, its error messages and
//! the float formatting those pull in were the largest library in the module every first
//! page load fetches (docs/decisions/0003-postcard-wire-format.md). Every other caller of a server function —
//! scripts, the HTTP tests, the benchmark — still gets JSON: the answer follows the
//! request's `Accept` header, and only the browser app asks for postcard.

use codee::binary::PostcardCodec;
use leptos::prelude::Resource;
use serde::Serialize;
use serde::de::DeserializeOwned;
use server_fn::codec::Post;
use server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};

/// The encoding of every server function's answer (`#[server(output = Wire)]`): postcard to
/// the browser app, JSON to anyone who did not ask for postcard.
pub type Wire = Post<Negotiated>;

/// Postcard when the request accepts it, JSON otherwise (see the module's comment).
pub struct Negotiated;

impl ContentType for Negotiated {
    /// What the browser app's requests send as `Accept`.
    const CONTENT_TYPE: &'static str = "application/x-postcard";
}

impl FormatType for Negotiated {
    const FORMAT_TYPE: Format = Format::Binary;
}

impl<T: Serialize> Encodes<T> for Negotiated {
    type Error = String;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        #[cfg(feature = "ssr")]
        if !ssr::asked_for_postcard() {
            return ssr::json(value);
        }
        postcard::to_allocvec(value)
            .map(Bytes::from)
            .map_err(|error| error.to_string())
    }
}

impl<T: DeserializeOwned> Decodes<T> for Negotiated {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        postcard::from_bytes(&bytes).map_err(|error| error.to_string())
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use axum::http::header::{ACCEPT, CONTENT_TYPE};
    use axum::http::{HeaderValue, request::Parts};
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;
    use serde::Serialize;
    use server_fn::{Bytes, ContentType};

    /// Whether the request being answered lists postcard in its `Accept` header.
    pub fn asked_for_postcard() -> bool {
        use_context::<Parts>().is_some_and(|parts| {
            parts
                .headers
                .get_all(ACCEPT)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .any(|value| value.contains(super::Negotiated::CONTENT_TYPE))
        })
    }

    /// The JSON answer, labelled as such: the response's content type otherwise names
    /// postcard, the encoding's constant.
    pub fn json<T: Serialize>(value: &T) -> Result<Bytes, String> {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.insert_header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        serde_json::to_vec(value)
            .map(Bytes::from)
            .map_err(|error| error.to_string())
    }
}

/// A resource whose value a server-rendered page hands to the browser in postcard.
pub type Loaded<T> = Resource<T, PostcardCodec>;

/// Makes a [`Loaded`] resource: `Resource::new` with the postcard codec.
#[track_caller]
pub fn load<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
