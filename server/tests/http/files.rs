//! Files over HTTP: downloads as attachments with their type, to their brand only; uploads
//! checked by content and size; a CSV read into lines or refused with a reason.

use crate::support::*;
use axum::http::{StatusCode, header};

on_shared_runtime! {
    files_download_as_attachments_with_their_type_and_only_to_their_brand => files_download_as_attachments_with_their_type_and_only_to_their_brand_scenario,
    uploads_are_checked_by_content_and_size => uploads_are_checked_by_content_and_size_scenario,
    a_csv_is_read_or_refused_with_a_reason => a_csv_is_read_or_refused_with_a_reason_scenario,
}

async fn files_download_as_attachments_with_their_type_and_only_to_their_brand_scenario() {
    let h = harness().await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let pdf = b"%PDF-1.7 evidence of a fake";
    let request = multipart(
        "/uploads/evidence",
        "../../test buy <b>.pdf",
        pdf,
        Some(&staff),
    );
    let (status, _, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let stored: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(stored["content_type"], "application/pdf");
    assert_eq!(
        stored["file_name"], "test buy <b>.pdf",
        "the path is dropped"
    );
    assert_eq!(
        stored["sha256"].as_str().map(str::len),
        Some(64),
        "a hex SHA-256 is kept"
    );
    let id = stored["id"].as_i64().expect("id");

    let response = h
        .router
        .clone()
        .oneshot_get(&format!("/files/{id}"), Some(&staff))
        .await;
    assert_eq!(response.0, StatusCode::OK);
    let headers = response.1;
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or_default()),
        Some("application/pdf")
    );
    let disposition = headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(!disposition.contains('<'), "{disposition}");
    assert_eq!(
        headers
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .map(|v| v.to_str().unwrap_or_default()),
        Some("nosniff")
    );
    assert_eq!(response.2, pdf.to_vec());

    let other = sign_in(&h.router, "staff@northwind.test").await;
    let (status, ..) = send(&h.router, get(&format!("/files/{id}"), Some(&other))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn uploads_are_checked_by_content_and_size_scenario() {
    let h = harness().await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let request = multipart(
        "/uploads/proof",
        "proof.pdf",
        b"MZ\x90\x00 not a pdf",
        Some(&staff),
    );
    let (status, _, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Only PDF and image files"), "{body}");
    let big = [b"%PDF-".as_slice(), &vec![b'x'; 5 * 1024 * 1024]].concat();
    let (status, _, body) = send(
        &h.router,
        multipart("/uploads/proof", "big.pdf", &big, Some(&staff)),
    )
    .await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::PAYLOAD_TOO_LARGE,
        "{status}"
    );
    assert!(body.contains("5 MB"), "{body}");
    let (status, ..) = send(
        &h.router,
        multipart("/uploads/other", "a.pdf", b"%PDF-1", Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn a_csv_is_read_or_refused_with_a_reason_scenario() {
    let h = harness().await;
    let staff = sign_in(&h.router, "staff@northwind.test").await;
    let (status, _, body) = send(
        &h.router,
        raw(
            "/uploads/csv",
            b"listing_reference,note\n1500,fake\n1501\n",
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(r#"["1500","fake"]"#), "{body}");
    let (status, _, body) = send(
        &h.router,
        raw("/uploads/csv", b"1500,caf\xE9\n", Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("UTF-8"), "{body}");
    let many: String = (1..=301).map(|n| format!("{n}\n")).collect();
    let (status, _, body) = send(
        &h.router,
        raw("/uploads/csv", many.as_bytes(), Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("more than 300"), "{body}");
}
