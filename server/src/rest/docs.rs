//! The API's description: the OpenAPI 3.1 document generated from the handlers and types
//! (`/api/v1/openapi.json`), and a reference page rendered from it on the server
//! (`/api/docs`) that needs nothing from outside the portal.

use axum::Json;
use axum::response::Html;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi as Document, RefOr, Schema};
use utoipa::{Modify, OpenApi};

use super::{
    brand, counter_notices, ingest, inquiries, marketplace, problem, report_reads, reports,
    takedowns,
};

/// The document, from the code: every operation and type is declared where it is written.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Goodfaith Brand API",
        version = "1.0.0",
        description = "File and follow intellectual-property reports, take counterfeits down \
            (Joint-Force brands), answer authenticity inquiries and respond to counter-notices \
            — the same rules as the portal's pages. Authenticate with a brand API token \
            (`Authorization: Bearer gf_…`), made by brand staff on the portal's API tokens \
            page. Errors are RFC 9457 problem details."
    ),
    servers((url = "/api/v1", description = "This portal")),
    paths(
        brand::rights,
        brand::standing,
        reports::file,
        report_reads::list,
        report_reads::get,
        reports::withdraw,
        takedowns::take_down,
        takedowns::retract,
        inquiries::list,
        inquiries::answer,
        counter_notices::list,
        counter_notices::respond,
        marketplace::events,
        ingest::put_sellers,
        ingest::put_listings,
    ),
    components(schemas(problem::Problem, problem::FieldProblem)),
    modifiers(&BearerToken),
    tags(
        (name = "Brand", description = "The brand's rights and standing"),
        (name = "Reports", description = "Notices for review, and what became of them"),
        (name = "Takedowns", description = "Instant takedown and retraction (Joint-Force)"),
        (name = "Inquiries", description = "The platform asks whether a listing is genuine"),
        (name = "Counter-notices", description = "Sellers' appeals waiting for the brand"),
        (name = "Marketplace", description = "The marketplace's own calls, with an integration key \
            (`gfm_…`) made by a platform admin: its sellers and listings in, and the events its \
            webhooks carry, to pull"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer token every operation uses.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A brand API token, `gf_` and 64 hex digits."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "marketplace",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A marketplace integration key, `gfm_` and 64 hex digits.",
                    ))
                    .build(),
            ),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi_json() -> Json<Document> {
    Json(ApiDoc::openapi())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escaped prose with its `code spans` (as doc comments write them) set as code.
fn prose(text: &str) -> String {
    escape(text)
        .split('`')
        .enumerate()
        .map(|(index, part)| {
            if index % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_owned()
            }
        })
        .collect()
}

/// A schema's name, or `object` for one written inline.
fn schema_name(schema: &RefOr<Schema>) -> String {
    match schema {
        RefOr::Ref(reference) => reference
            .ref_location
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned(),
        RefOr::T(_) => "object".to_owned(),
    }
}

/// The reference's security policy: the portal's stylesheet and nothing else (no script).
pub const REFERENCE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// `GET /api/docs`: the reference, one section per operation, then every type with its
/// fields and example. Plain HTML on the portal's own stylesheet.
pub async fn reference() -> ([(axum::http::HeaderName, &'static str); 1], Html<String>) {
    let doc = ApiDoc::openapi();
    let mut out = String::new();
    out.push_str(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Brand API reference · Goodfaith</title>\
         <link rel=\"stylesheet\" href=\"/pkg/goodfaith.css\"></head><body>\
         <header class=\"site-header\"><a class=\"brand-mark\" href=\"/\">Goodfaith</a></header>\
         <main id=\"main\" class=\"page api-docs\">",
    );
    out.push_str(&format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        escape(&doc.info.title),
        prose(doc.info.description.as_deref().unwrap_or_default())
    ));
    out.push_str(
        "<p>Base address: <code>/api/v1</code>. Machine-readable: \
         <a href=\"/api/v1/openapi.json\">openapi.json</a> (OpenAPI 3.1). Every POST takes an \
         <code>Idempotency-Key</code> header; the same key and body within 24 hours get the \
         first answer again (with <code>Idempotent-Replayed: true</code>).</p>",
    );
    out.push_str("<nav aria-label=\"Operations\"><h2>Operations</h2><ul>");
    let operations: Vec<(String, String, &utoipa::openapi::path::Operation)> = doc
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            [
                ("GET", item.get.as_ref()),
                ("POST", item.post.as_ref()),
                ("PUT", item.put.as_ref()),
                ("DELETE", item.delete.as_ref()),
            ]
            .into_iter()
            .filter_map(move |(method, operation)| {
                operation.map(|operation| (method.to_owned(), path.clone(), operation))
            })
        })
        .collect();
    for (method, path, operation) in &operations {
        let anchor = anchor_of(method, path);
        out.push_str(&format!(
            "<li><a href=\"#{anchor}\"><code>{method} {}</code></a> — {}</li>",
            escape(path),
            prose(operation.summary.as_deref().unwrap_or_default())
        ));
    }
    out.push_str("</ul></nav>");
    for (method, path, operation) in &operations {
        operation_section(&mut out, method, path, operation);
    }
    types_section(&mut out, &doc);
    out.push_str(PROBLEMS);
    out.push_str("</main></body></html>");
    (
        [(axum::http::header::CONTENT_SECURITY_POLICY, REFERENCE_CSP)],
        Html(out),
    )
}

fn anchor_of(method: &str, path: &str) -> String {
    format!(
        "{}{}",
        method.to_lowercase(),
        path.replace(['/', '{', '}'], "-")
    )
}

fn operation_section(
    out: &mut String,
    method: &str,
    path: &str,
    operation: &utoipa::openapi::path::Operation,
) {
    out.push_str(&format!(
        "<section class=\"panel\" id=\"{}\" aria-labelledby=\"{0}-h\"><h2 id=\"{0}-h\"><code>{method} /api/v1{}</code></h2>",
        anchor_of(method, path),
        escape(path)
    ));
    if let Some(summary) = &operation.summary {
        out.push_str(&format!("<p><strong>{}</strong></p>", prose(summary)));
    }
    if let Some(description) = &operation.description {
        out.push_str(&format!("<p>{}</p>", prose(description)));
    }
    if let Some(security) = &operation.security {
        let scopes = serde_json::to_value(security).unwrap_or_default();
        let scopes: Vec<String> = scopes
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|requirement| requirement.get("bearer"))
            .filter_map(|scopes| scopes.as_array())
            .flatten()
            .filter_map(|scope| scope.as_str().map(str::to_owned))
            .collect();
        if !scopes.is_empty() {
            out.push_str(&format!(
                "<p>Token scope: <code>{}</code></p>",
                escape(&scopes.join(", "))
            ));
        }
    }
    if let Some(parameters) = &operation.parameters
        && !parameters.is_empty()
    {
        out.push_str("<h3>Parameters</h3><ul>");
        for parameter in parameters {
            let place = serde_json::to_value(&parameter.parameter_in).unwrap_or_default();
            out.push_str(&format!(
                "<li><code>{}</code> ({}{}) — {}</li>",
                escape(&parameter.name),
                escape(place.as_str().unwrap_or_default()),
                if parameter.required == utoipa::openapi::Required::True {
                    ", required"
                } else {
                    ""
                },
                prose(parameter.description.as_deref().unwrap_or_default())
            ));
        }
        out.push_str("</ul>");
    }
    if let Some(body) = &operation.request_body {
        let names: Vec<String> = body
            .content
            .values()
            .filter_map(|content| content.schema.as_ref().map(schema_name))
            .collect();
        out.push_str(&format!(
            "<h3>Body</h3><p>JSON: <a href=\"#type-{0}\"><code>{0}</code></a></p>",
            escape(&names.join(", "))
        ));
    }
    out.push_str("<h3>Answers</h3><ul>");
    for (status, response) in &operation.responses.responses {
        let (description, names) = match response {
            RefOr::T(response) => (
                response.description.clone(),
                response
                    .content
                    .values()
                    .filter_map(|content| content.schema.as_ref().map(schema_name))
                    .collect::<Vec<_>>(),
            ),
            RefOr::Ref(reference) => (reference.ref_location.clone(), Vec::new()),
        };
        let body = names
            .iter()
            .map(|name| format!(" <a href=\"#type-{0}\"><code>{0}</code></a>", escape(name)))
            .collect::<String>();
        out.push_str(&format!(
            "<li><code>{}</code> {}{body}</li>",
            escape(status),
            prose(&description)
        ));
    }
    out.push_str("</ul></section>");
}

fn types_section(out: &mut String, doc: &Document) {
    let Some(components) = &doc.components else {
        return;
    };
    out.push_str("<section aria-labelledby=\"types-h\"><h2 id=\"types-h\">Types</h2>");
    for (name, schema) in &components.schemas {
        out.push_str(&format!(
            "<section class=\"panel\" id=\"type-{0}\" aria-labelledby=\"type-{0}-h\"><h3 id=\"type-{0}-h\"><code>{0}</code></h3>",
            escape(name)
        ));
        if let RefOr::T(Schema::Object(object)) = schema {
            if let Some(description) = &object.description {
                out.push_str(&format!("<p>{}</p>", prose(description)));
            }
            out.push_str("<dl>");
            for (field, property) in &object.properties {
                let required = object.required.contains(field);
                let (kind, description) = describe(property);
                out.push_str(&format!(
                    "<dt><code>{}</code> <span class=\"hint\">{}{}</span></dt><dd>{}</dd>",
                    escape(field),
                    escape(&kind),
                    if required { ", required" } else { "" },
                    prose(&description)
                ));
            }
            out.push_str("</dl>");
            if let Some(example) = &object.example {
                let pretty = serde_json::to_string_pretty(example).unwrap_or_default();
                out.push_str(&format!(
                    "<p>Example:</p><pre><code>{}</code></pre>",
                    escape(&pretty)
                ));
            }
        }
        out.push_str("</section>");
    }
    out.push_str("</section>");
}

/// A property's type in a few words, and its description.
fn describe(property: &RefOr<Schema>) -> (String, String) {
    let value = serde_json::to_value(property).unwrap_or_default();
    let description = value
        .get("description")
        .and_then(|text| text.as_str())
        .unwrap_or_default()
        .to_owned();
    let kind = if let Some(reference) = value.get("$ref").and_then(|text| text.as_str()) {
        reference.rsplit('/').next().unwrap_or_default().to_owned()
    } else if let Some(values) = value.get("enum").and_then(|values| values.as_array()) {
        let names: Vec<&str> = values.iter().filter_map(|name| name.as_str()).collect();
        format!("one of {}", names.join(", "))
    } else {
        match value.get("type") {
            Some(serde_json::Value::String(kind)) => kind.clone(),
            Some(serde_json::Value::Array(kinds)) => kinds
                .iter()
                .filter_map(|kind| kind.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            _ => "value".to_owned(),
        }
    };
    (kind, description)
}

/// The kinds of problem, each with the anchor its `type` link points at.
const PROBLEMS: &str = "<section class=\"panel\" aria-labelledby=\"problems-h\">\
<h2 id=\"problems-h\">Problems</h2>\
<p>Every refusal is <code>application/problem+json</code> (RFC 9457): <code>type</code>, \
<code>title</code>, <code>status</code>, <code>detail</code> and, for fields and lines, \
<code>errors</code> — each with a JSON <code>pointer</code> into the request body, e.g. \
<code>/lines/3/listing</code>.</p><dl>\
<dt id=\"problem-malformed\"><code>malformed</code> (400)</dt><dd>The body is not JSON, or a path or query value cannot be read.</dd>\
<dt id=\"problem-unauthorized\"><code>unauthorized</code> (401)</dt><dd>No token, or a token that is unknown, revoked or expired, or whose maker left the brand.</dd>\
<dt id=\"problem-forbidden\"><code>forbidden</code> (403)</dt><dd>The token lacks the scope, or the brand may not do this now (the detail says why).</dd>\
<dt id=\"problem-not-found\"><code>not-found</code> (404)</dt><dd>The brand has no such report, item, inquiry or counter-notice. Other brands' ids answer the same way.</dd>\
<dt id=\"problem-method-not-allowed\"><code>method-not-allowed</code> (405)</dt><dd>The address does not take this method.</dd>\
<dt id=\"problem-conflict\"><code>conflict</code> (409)</dt><dd>Already decided or answered, or the first request with this idempotency key is still running.</dd>\
<dt id=\"problem-too-large\"><code>too-large</code> (413)</dt><dd>The body is larger than 512 KiB.</dd>\
<dt id=\"problem-unsupported-media-type\"><code>unsupported-media-type</code> (415)</dt><dd>The body is not sent as <code>application/json</code>.</dd>\
<dt id=\"problem-invalid\"><code>invalid</code> (422)</dt><dd>Fields or lines need attention (see <code>errors</code>), or the idempotency key was used with another body. Nothing was stored.</dd>\
<dt id=\"problem-rate-limited\"><code>rate-limited</code> (429)</dt><dd>The token's rate limit is passed; <code>Retry-After</code> says when to try again.</dd>\
<dt id=\"problem-internal\"><code>internal</code> (500)</dt><dd>Something failed on the server; the details are in its log.</dd>\
</dl></section>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_every_operation() {
        let doc = serde_json::to_value(ApiDoc::openapi()).expect("document");
        assert!(
            doc["openapi"]
                .as_str()
                .unwrap_or_default()
                .starts_with("3.1")
        );
        let paths = doc["paths"].as_object().expect("paths");
        assert_eq!(paths.len(), 14, "{:?}", paths.keys().collect::<Vec<_>>());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        assert!(doc["components"]["securitySchemes"]["marketplace"].is_object());
        // Every operation documents the token's refusals (a brand token's scopes too; an
        // integration key has none); every operation with a body its body's.
        for (path, item) in paths {
            let scoped: &[&str] = if path.starts_with("/marketplace/") {
                &["401", "429"]
            } else {
                &["401", "403", "429"]
            };
            for (method, operation) in item.as_object().into_iter().flatten() {
                let responses = &operation["responses"];
                for status in scoped {
                    assert!(
                        responses[status].is_object(),
                        "{method} {path}: no {status}"
                    );
                }
                if operation.get("requestBody").is_some() {
                    for status in ["400", "413", "415", "422"] {
                        assert!(
                            responses[status].is_object(),
                            "{method} {path}: no {status}"
                        );
                    }
                }
            }
        }
    }
}
