//! Where a person is signed in, through the real router: their sessions listed with the
//! device, one ended from another browser, all others ended at once — each refused for
//! another person's session, and each on the audit trail.

use crate::support::*;
use app::api::auth::{ChangeMyPassword, EndMySession};
use app::model::SessionView;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

on_shared_runtime! {
    a_person_sees_their_sessions_and_ends_them_but_nobody_elses => a_person_sees_their_sessions_and_ends_them_but_nobody_elses_scenario,
    a_new_password_follows_the_policy_and_signs_out_everywhere_else => a_new_password_follows_the_policy_and_signs_out_everywhere_else_scenario,
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

/// Asks to change the password of the person signed in with `cookie`; status and body.
async fn change_password(
    h: &Harness,
    cookie: &str,
    current: &str,
    new: &str,
    repeated: &str,
) -> (StatusCode, String) {
    let change = ChangeMyPassword {
        current_password: current.into(),
        new_password: new.into(),
        repeat_password: repeated.into(),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/auth/change_my_password", &change, Some(cookie)),
    )
    .await;
    (status, body)
}

async fn a_new_password_follows_the_policy_and_signs_out_everywhere_else_scenario() {
    let h = harness().await;
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    let desk = sign_in_from(&h, "staff@aurora.test", firefox).await;
    let phone = sign_in_from(&h, "staff@aurora.test", "curl/8.5.0").await;
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let demo = server::seed::DEMO_PASSWORD;
    let new = "lantern orchard velvet 42";
    // Each refusal names its field and changes nothing.
    let wrong = "a wrong guess, long enough";
    let refusals = [
        (wrong, new, new, "current_password", "not your current"),
        ("", new, new, "current_password", "Enter the password"),
        (
            demo,
            "short one",
            "short one",
            "new_password",
            "at least 12",
        ),
        (
            demo,
            "qwerty123456",
            "qwerty123456",
            "new_password",
            "most common",
        ),
        (
            demo,
            "staff@aurora.test",
            "staff@aurora.test",
            "new_password",
            "e-mail address",
        ),
        (
            demo,
            new,
            "lantern orchard velvet 43",
            "repeat_password",
            "not the same",
        ),
        (demo, demo, demo, "new_password", "your current password"),
    ];
    for (current, typed, repeated, field, words) in refusals {
        let (status, body) = change_password(&h, &desk, current, typed, repeated).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        assert!(
            body.contains(field) && body.contains(words),
            "{field}: {body}"
        );
    }
    // The refusals ended nobody's session.
    assert_eq!(sessions_of(&h, &phone).await.0, StatusCode::OK);
    let (status, body) = change_password(&h, &desk, demo, new, new).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("signed out of 1 other session"), "{body}");
    // This browser stays signed in; the other is out; another person is untouched.
    assert_eq!(sessions_of(&h, &desk).await.0, StatusCode::OK);
    assert_eq!(sessions_of(&h, &phone).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(sessions_of(&h, &northwind).await.0, StatusCode::OK);
    // The old password no longer signs in; the new one does.
    for (password, expected) in [
        (demo, StatusCode::UNPROCESSABLE_ENTITY),
        (new, StatusCode::OK),
    ] {
        let form = format!("email=staff@aurora.test&password={password}");
        let request = Request::post("/api/auth/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.replace(' ', "+")))
            .expect("request");
        let (status, _, body) = send(&h.router, request).await;
        assert_eq!(status, expected, "{password}: {body}");
    }
    let changed: Vec<String> = sqlx::query_scalar(
        "SELECT e.detail FROM audit_events e JOIN users u ON u.id = e.subject_id \
         WHERE e.action = 'auth.password_changed' AND u.email = $1",
    )
    .bind("staff@aurora.test")
    .fetch_all(&h._db.db.pool)
    .await
    .expect("events");
    assert_eq!(changed, ["Password changed; signed out of 1 other session"]);
}
