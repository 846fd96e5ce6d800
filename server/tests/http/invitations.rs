//! Invitations, teams, password resets and the Mail page, through the real router. Links are
//! read from the mail the portal wrote, as the person would: the outbox is the real path.

use crate::support::*;
use app::api::auth::{AcceptInvitation, CheckResetLink, ResetPassword};
use app::api::invitations::{
    InvitePerson, ListInvitations, ListTeam, SetBrandAdmin, WithdrawInvitation,
};
use app::api::mail::ListMail;
use axum::http::StatusCode;

on_shared_runtime! {
    each_caller_manages_only_the_people_in_their_scope => scope_matrix_scenario,
    an_invited_brand_admin_joins_and_invites_a_colleague => invitation_scenario,
    a_reset_link_works_once_for_fifteen_minutes => reset_scenario,
    asking_for_a_reset_says_the_same_for_every_address => reset_answer_scenario,
}

/// The newest mail to `to`: (subject, plain text).
async fn newest_mail(h: &Harness, to: &str) -> (String, String) {
    sqlx::query_as(
        "SELECT subject, body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(&h._db.db.pool)
    .await
    .expect("a mail")
}

/// The secret of the one-time link in a mail's text.
fn token_in(text: &str) -> String {
    let start = text.find("token=").expect("a link") + "token=".len();
    text[start..start + 64].to_owned()
}

fn invitation(email: &str, role: &str, brand_id: Option<i64>, brand_admin: bool) -> InvitePerson {
    InvitePerson {
        email: email.into(),
        name: "Ivy Invited".into(),
        role: role.into(),
        brand_id,
        seller: String::new(),
        brand_admin,
    }
}

async fn user_id(h: &Harness, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&h._db.db.pool)
        .await
        .expect("user")
}

async fn scope_matrix_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let (helios, northwind) = (h.helios, h.northwind);
    let helios_staff = user_id(&h, "staff@helios.test").await;
    // The demo's brand staff are their brands' brand admins; each manages its own brand's
    // people and nobody else's.
    let cases = vec![
        Case {
            name: "GET /brands/:helios/team",
            request: Box::new(move |c| get(&format!("/brands/{helios}/team"), c)),
            expected: Expected {
                anonymous: 302,
                helios_staff: 200,
                admin: 200,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/people/list_team (Helios)",
            request: Box::new(move |c| {
                call("/api/people/list_team", &ListTeam { brand_id: helios }, c)
            }),
            expected: Expected {
                helios_staff: 200,
                admin: 200,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/people/list_invitations (Northwind)",
            request: Box::new(move |c| {
                let args = ListInvitations {
                    brand_id: Some(northwind),
                };
                call("/api/people/list_invitations", &args, c)
            }),
            expected: Expected {
                northwind_staff: 200,
                admin: 200,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/people/list_invitations (every brand)",
            request: Box::new(|c| {
                call(
                    "/api/people/list_invitations",
                    &ListInvitations { brand_id: None },
                    c,
                )
            }),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/people/invite_person (Helios staff, no name)",
            request: Box::new(move |c| {
                let args = InvitePerson {
                    name: String::new(),
                    ..invitation("new@helios.test", "brand_staff", Some(helios), false)
                };
                call("/api/people/invite_person", &args, c)
            }),
            expected: Expected {
                helios_staff: 422,
                admin: 422,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/people/invite_person (an admin)",
            request: Box::new(|c| {
                let args = InvitePerson {
                    name: String::new(),
                    ..invitation("boss@goodfaith.test", "admin", None, false)
                };
                call("/api/people/invite_person", &args, c)
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/people/set_brand_admin (Helios's staff member, unchanged)",
            request: Box::new(move |c| {
                let args = SetBrandAdmin {
                    user_id: helios_staff,
                    brand_admin: true,
                };
                call("/api/people/set_brand_admin", &args, c)
            }),
            // Helios's own brand admin may not change their own role (409 either way).
            expected: Expected {
                helios_staff: 409,
                admin: 409,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/people/withdraw_invitation (none such)",
            request: Box::new(|c| {
                let args = WithdrawInvitation {
                    invitation_id: 999_999,
                };
                call("/api/people/withdraw_invitation", &args, c)
            }),
            expected: Expected {
                helios_staff: 404,
                northwind_staff: 404,
                admin: 404,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/mail/list_mail",
            request: Box::new(|c| {
                let args = ListMail {
                    to: String::new(),
                    before: None,
                };
                call("/api/mail/list_mail", &args, c)
            }),
            expected: ADMINS,
        },
        Case {
            name: "GET /mail",
            request: Box::new(|c| get("/mail", c)),
            expected: Expected {
                anonymous: 302,
                ..ADMINS
            },
        },
        Case {
            name: "POST /api/auth/check_reset_link (made up)",
            request: Box::new(|c| {
                let args = CheckResetLink {
                    token: "0".repeat(64),
                };
                call("/api/auth/check_reset_link", &args, c)
            }),
            expected: Expected::all(404),
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn invitation_scenario() {
    let h = harness().await;
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let send_as = |cookie: &str, args: InvitePerson| {
        let request = call("/api/people/invite_person", &args, Some(cookie));
        let router = h.router.clone();
        async move { send(&router, request).await }
    };
    // The address of an existing account is refused by its field.
    let (status, _, body) = send_as(
        &admin,
        invitation("staff@aurora.test", "brand_staff", Some(h.helios), false),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("has an account already"), "{body}");

    // The admin invites Helios's second brand admin; a second invitation voids the first.
    let first = invitation("ivy@helios.test", "brand_staff", Some(h.helios), true);
    let (status, _, body) = send_as(&admin, first.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, text) = newest_mail(&h, "ivy@helios.test").await;
    let voided = token_in(&text);
    let (status, _, _) = send_as(&admin, first).await;
    assert_eq!(status, StatusCode::OK);
    let (subject, text) = newest_mail(&h, "ivy@helios.test").await;
    assert_eq!(subject, "Ada Admin invited you to Goodfaith");
    assert!(text.contains("Brand admin of Helios Audio"), "{text}");
    assert!(text.contains("72 hours"), "{text}");
    let token = token_in(&text);
    let accept = |token: &str, password: &str| AcceptInvitation {
        token: token.into(),
        new_password: password.into(),
        repeat_password: password.into(),
    };
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&voided, "a long and private passphrase"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("newer"), "{body}");
    // A tampered link is not one we sent; a weak password is refused by its field.
    let mut tampered = token.clone();
    tampered.replace_range(0..1, if token.starts_with('a') { "b" } else { "a" });
    let (status, _, _) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&tampered, "a long and private passphrase"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&token, "short"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("new_password"), "{body}");
    // Accepted: the account exists, signed in at once; the link works once.
    let (status, cookies, body) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&token, "a long and private passphrase"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let ivy = cookie_header(&cookies);
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&token, "a long and private passphrase"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("accepted already"), "{body}");
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/people/list_team",
            &ListTeam { brand_id: h.helios },
            Some(&ivy),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("ivy@helios.test"), "{body}");

    // Ivy, a brand admin, invites a colleague as plain staff; she may not invite an admin or
    // staff of another brand.
    let (status, _, body) = send_as(
        &ivy,
        invitation("admin2@goodfaith.test", "admin", None, false),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _, _) = send_as(
        &ivy,
        invitation("x@northwind.test", "brand_staff", Some(h.northwind), false),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = send_as(
        &ivy,
        invitation("colin@helios.test", "brand_staff", Some(h.helios), false),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, text) = newest_mail(&h, "colin@helios.test").await;
    assert!(text.contains("Ivy Invited invited you"), "{text}");
    let (status, cookies, body) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&token_in(&text), "colin's very own passphrase"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let colin = cookie_header(&cookies);
    // Plain staff see the brand's data but manage nobody.
    let colin_id = user_id(&h, "colin@helios.test").await;
    assert_eq!(
        send(
            &h.router,
            get(&format!("/brands/{}", h.helios), Some(&colin))
        )
        .await
        .0,
        StatusCode::OK
    );
    let (status, _, _) = send_as(
        &colin,
        invitation("dora@helios.test", "brand_staff", Some(h.helios), false),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = send(
        &h.router,
        call(
            "/api/people/list_team",
            &ListTeam { brand_id: h.helios },
            Some(&colin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Northwind's brand admin cannot touch Colin; Ivy can make him a brand admin.
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let promote = SetBrandAdmin {
        user_id: colin_id,
        brand_admin: true,
    };
    let (status, _, _) = send(
        &h.router,
        call("/api/people/set_brand_admin", &promote, Some(&northwind)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = send(
        &h.router,
        call("/api/people/set_brand_admin", &promote, Some(&ivy)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Ivy deactivates Colin: his session ends at once.
    let deactivate = app::api::people::DeactivatePerson {
        user_id: colin_id,
        reason: "Moved to another team".into(),
    };
    let (status, _, _) = send(
        &h.router,
        call(
            "/api/admin/deactivate_person",
            &deactivate,
            Some(&northwind),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/deactivate_person", &deactivate, Some(&ivy)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = send(
        &h.router,
        post("/api/auth/list_my_sessions", "", Some(&colin)),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // An invitation withdrawn stops working; each step is on the trail.
    let (status, _, _) = send_as(
        &ivy,
        invitation("dora@helios.test", "brand_staff", Some(h.helios), false),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, text) = newest_mail(&h, "dora@helios.test").await;
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM one_time_links WHERE email = 'dora@helios.test' AND revoked_at IS NULL",
    )
    .fetch_one(&h._db.db.pool)
    .await
    .expect("invitation");
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/people/withdraw_invitation",
            &WithdrawInvitation { invitation_id: id },
            Some(&northwind),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/people/withdraw_invitation",
            &WithdrawInvitation { invitation_id: id },
            Some(&ivy),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = send(
        &h.router,
        call(
            "/api/auth/accept_invitation",
            &accept(&token_in(&text), "dora's very own passphrase"),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE action IN ('user.invited', 'user.joined', \
         'user.made_brand_admin', 'user.deactivated', 'user.invitation_withdrawn') ORDER BY id",
    )
    .fetch_all(&h._db.db.pool)
    .await
    .expect("trail");
    assert_eq!(
        actions,
        [
            "user.invited",
            "user.invited",
            "user.joined",
            "user.invited",
            "user.joined",
            "user.made_brand_admin",
            "user.deactivated",
            "user.invited",
            "user.invitation_withdrawn"
        ]
    );
}

async fn reset_scenario() {
    let h = harness().await;
    let old = sign_in(&h.router, "staff@aurora.test").await;
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/auth/request_password_reset",
            "email=Staff@Aurora.test",
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (subject, text) = newest_mail(&h, "staff@aurora.test").await;
    assert_eq!(subject, "Reset your Goodfaith password");
    assert!(text.contains("15 minutes"), "{text}");
    let token = token_in(&text);
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/auth/check_reset_link",
            &CheckResetLink {
                token: token.clone(),
            },
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("staff@aurora.test"), "{body}");
    let reset = |password: &str, repeated: &str| ResetPassword {
        token: token.clone(),
        new_password: password.into(),
        repeat_password: repeated.into(),
    };
    // The policy and the repetition, each by its field; the link stays usable meanwhile.
    for (password, repeated, field) in [
        ("password1234", "password1234", "new_password"),
        ("staff@aurora.test", "staff@aurora.test", "new_password"),
        (
            "a long and private passphrase",
            "a long and private",
            "repeat_password",
        ),
    ] {
        let (status, _, body) = send(
            &h.router,
            call("/api/auth/reset_password", &reset(password, repeated), None),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains(field), "{field} in {body}");
    }
    let good = reset(
        "a long and private passphrase",
        "a long and private passphrase",
    );
    let (status, _, body) = send(&h.router, call("/api/auth/reset_password", &good, None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Every old session ended; the new password signs in; the link works once.
    let (status, _, _) = send(
        &h.router,
        post("/api/auth/list_my_sessions", "", Some(&old)),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/auth/login",
            "email=staff@aurora.test&password=a long and private passphrase",
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(&h.router, call("/api/auth/reset_password", &good, None)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("used already"), "{body}");

    // A link older than 15 minutes has expired.
    let (status, _, _) = send(
        &h.router,
        post(
            "/api/auth/request_password_reset",
            "email=staff@aurora.test",
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, text) = newest_mail(&h, "staff@aurora.test").await;
    sqlx::query("UPDATE one_time_links SET expires_at = $1 WHERE token_hash = $2")
        .bind(app::db::now_ms() - 1)
        .bind(app::service::secrets::hash(&token_in(&text)))
        .execute(&h._db.db.pool)
        .await
        .expect("age the link");
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/auth/check_reset_link",
            &CheckResetLink {
                token: token_in(&text),
            },
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("expired"), "{body}");
}

async fn reset_answer_scenario() {
    let h = harness().await;
    let ask = |email: &str| {
        let request = post(
            "/api/auth/request_password_reset",
            &format!("email={email}"),
            None,
        );
        let router = h.router.clone();
        async move { send(&router, request).await }
    };
    let (known_status, _, known) = ask("staff@cobalt.test").await;
    let (unknown_status, _, unknown) = ask("nobody@cobalt.test").await;
    assert_eq!(
        (known_status, unknown_status),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(known, unknown);
    let (status, _, body) = ask("not-an-address").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // At most three a hour reach one mailbox, whatever is asked.
    for _ in 0..5 {
        assert_eq!(ask("staff@cobalt.test").await.0, StatusCode::OK);
    }
    let mails: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'staff@cobalt.test'",
    )
    .fetch_one(&h._db.db.pool)
    .await
    .expect("count");
    assert_eq!(mails, 3);
    let to_nobody: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'nobody@cobalt.test'",
    )
    .fetch_one(&h._db.db.pool)
    .await
    .expect("count");
    assert_eq!(to_nobody, 0);
}
