//! Brand API tokens in the database: the remembered answers of idempotent requests.

use app::db::tokens::{self, ABANDONED_AFTER_MS, Claim, IDEMPOTENCY_WINDOW_MS, NewToken};

use crate::common::world;

const T0: i64 = 1_796_000_000_000;

#[tokio::test]
async fn a_key_is_claimed_once_answered_once_and_forgotten_after_a_day() {
    let w = world().await;
    let (brand, staff, _) = w.standard;
    let mut tx = w.db.begin().await.expect("tx");
    let token = NewToken {
        brand_id: brand,
        user_id: staff,
        name: "test",
        prefix: "gf_00000000",
        token_hash: "hash",
        scopes: "reports:write",
        expires_at: None,
    };
    let token_id = tokens::insert(&mut tx, &token, T0).await.expect("token");
    tx.commit().await.expect("commit");
    let claim = |key: &'static str, hash: &'static str, at: i64| {
        let db = w.db.clone();
        async move {
            tokens::claim(&db, token_id, key, hash, at)
                .await
                .expect("claim")
        }
    };

    assert_eq!(claim("k1", "body-a", T0).await, Claim::Fresh);
    // A repeat while the first runs waits; another body under the same key is refused.
    assert_eq!(claim("k1", "body-a", T0 + 5).await, Claim::Running);
    assert_eq!(claim("k1", "body-b", T0 + 5).await, Claim::OtherRequest);
    tokens::answer(&w.db, token_id, "k1", 201, "{\"report_id\":7}")
        .await
        .expect("answer");
    let answered = Claim::Answered {
        status: 201,
        body: "{\"report_id\":7}".into(),
    };
    assert_eq!(claim("k1", "body-a", T0 + 60_000).await, answered);
    // A day later the key is free again.
    assert_eq!(
        claim("k1", "body-b", T0 + IDEMPOTENCY_WINDOW_MS).await,
        Claim::Fresh
    );

    // A claim whose request never answered (its server stopped) is given up after a minute,
    // and a released one at once.
    assert_eq!(claim("k2", "body-a", T0).await, Claim::Fresh);
    assert_eq!(
        claim("k2", "body-a", T0 + ABANDONED_AFTER_MS - 1).await,
        Claim::Running
    );
    assert_eq!(
        claim("k2", "body-a", T0 + ABANDONED_AFTER_MS).await,
        Claim::Fresh
    );
    tokens::release(&w.db, token_id, "k2")
        .await
        .expect("release");
    assert_eq!(
        claim("k2", "body-a", T0 + ABANDONED_AFTER_MS).await,
        Claim::Fresh
    );

    // The hourly sweep forgets what is older than the window, and only that.
    assert_eq!(
        claim("k3", "body-a", T0 + IDEMPOTENCY_WINDOW_MS).await,
        Claim::Fresh
    );
    let sweep_at = T0 + ABANDONED_AFTER_MS + IDEMPOTENCY_WINDOW_MS;
    let forgotten = tokens::forget_old_answers(&w.db, sweep_at)
        .await
        .expect("sweep");
    assert_eq!(forgotten, 1, "only k2 (claimed at T0 + 1 min) is a day old");
}
