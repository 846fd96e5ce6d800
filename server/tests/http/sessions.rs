//! Where a person is signed in, through the real router: their sessions listed with the
//! device, one ended from another browser, all others ended at once — each refused for
//! another person's session, and each on the audit trail.

use crate::support::*;
use app::api::auth::EndMySession;
use app::model::SessionView;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

on_shared_runtime! {
    a_person_sees_their_sessions_and_ends_them_but_nobody_elses => a_person_sees_their_sessions_and_ends_them_but_nobody_elses_scenario,
}

/// Signs in as `email` from a browser named by `user_agent`; the session cookie.
async fn sign_in_from(h: &Harness, email: &str, user_agent: &str) -> String {
    let form = format!("email={email}&password={}", server::seed::DEMO_PASSWORD);
    let request = Request::post("/api/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::USER_AGENT, user_agent)
        .body(Body::from(form))
        .expect("request");
    let (status, cookies, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    cookies
        .iter()
        .filter_map(|cookie| cookie.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn sessions_of(h: &Harness, cookie: &str) -> (StatusCode, Vec<SessionView>) {
    let (status, _, body) = send(
        &h.router,
        post("/api/auth/list_my_sessions", "", Some(cookie)),
    )
    .await;
    let sessions = serde_json::from_str(&body).unwrap_or_default();
    (status, sessions)
}

async fn a_person_sees_their_sessions_and_ends_them_but_nobody_elses_scenario() {
    let h = harness().await;
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Safari/604.1";
    let desk = sign_in_from(&h, "staff@helios.test", firefox).await;
    let phone = sign_in_from(&h, "staff@helios.test", iphone).await;
    let third = sign_in_from(&h, "staff@helios.test", "curl/8.5.0").await;
    let (status, sessions) = sessions_of(&h, &desk).await;
    assert_eq!(status, StatusCode::OK);
    let devices: Vec<(&str, bool)> = sessions
        .iter()
        .map(|session| (session.device.as_str(), session.this_device))
        .collect();
    assert_eq!(devices.len(), 3, "{devices:?}");
    for device in [
        ("Firefox on Linux", true),
        ("Safari on iPhone", false),
        ("curl", false),
    ] {
        assert!(devices.contains(&device), "{devices:?}");
    }
    let on_phone = sessions
        .iter()
        .find(|session| session.device == "Safari on iPhone")
        .expect("the phone's session")
        .handle
        .clone();
    // Nobody else can end it, not even knowing its handle.
    let end_phone = EndMySession {
        handle: on_phone.clone(),
    };
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let (status, _, body) = send(
        &h.router,
        call("/api/auth/end_my_session", &end_phone, Some(&northwind)),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(sessions_of(&h, &phone).await.0, StatusCode::OK);
    // From the desk, the phone is signed out at once.
    let (status, _, body) = send(
        &h.router,
        call("/api/auth/end_my_session", &end_phone, Some(&desk)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Safari on iPhone"), "{body}");
    assert_eq!(sessions_of(&h, &phone).await.0, StatusCode::UNAUTHORIZED);
    // "Everywhere else" ends the rest, not this one and not another person's.
    let (status, _, body) = send(
        &h.router,
        post("/api/auth/end_my_other_sessions", "", Some(&desk)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("1 other session"), "{body}");
    assert_eq!(sessions_of(&h, &third).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(sessions_of(&h, &desk).await.1.len(), 1);
    assert_eq!(sessions_of(&h, &northwind).await.0, StatusCode::OK);
    let ended: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events e JOIN users u ON u.id = e.subject_id \
         WHERE e.action = 'auth.sessions_ended' AND u.email = $1",
    )
    .bind("staff@helios.test")
    .fetch_one(&h._db.db.pool)
    .await
    .expect("events");
    assert_eq!(ended, 2);
}
