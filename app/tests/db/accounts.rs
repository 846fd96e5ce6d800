//! Accounts, sessions, brands and listings in the database.

use app::auth::{self, password};
use app::db::testing::TestDb;
use app::db::{self, Db, audit, brands, listings, users};
use app::domain::{ListingStatus, Role, Tier};
use app::error::AppError;
use app::model::CurrentUser;

struct World {
    _test: TestDb,
    db: Db,
    northwind: i64,
    helios: i64,
    manager: CurrentUser,
    helios_staff: CurrentUser,
    seller_id: i64,
}

async fn world() -> World {
    let test = TestDb::new().await.expect("test database");
    let db = test.db.clone();
    let hash = password::hash("correct horse").await.expect("hash");
    let now = db::now_ms();
    let mut tx = db.pool.begin().await.expect("begin");
    let northwind = brands::insert_brand(&mut tx, "Northwind Apparel", Tier::Standard, false, now)
        .await
        .expect("brand");
    let helios = brands::insert_brand(&mut tx, "Helios Audio", Tier::JointForce, true, now)
        .await
        .expect("brand");
    let seller_id = listings::insert_seller(&mut tx, "Bazaar Outlet", "GB", now)
        .await
        .expect("seller");
    let new_user = |email, role, brand_id, seller_id| users::NewUser {
        email,
        password_hash: &hash,
        display_name: "Test Person",
        role,
        brand_id,
        seller_id,
        brand_admin: false,
    };
    let manager_id = users::insert_user(
        &mut tx,
        &new_user("am@test.example", Role::AccountManager, None, None),
        now,
    )
    .await
    .expect("manager");
    users::insert_user(
        &mut tx,
        &new_user("staff@helios.example", Role::BrandStaff, Some(helios), None),
        now,
    )
    .await
    .expect("staff");
    users::insert_user(
        &mut tx,
        &new_user("admin@test.example", Role::Admin, None, None),
        now,
    )
    .await
    .expect("admin");
    brands::assign_manager(&mut tx, helios, manager_id)
        .await
        .expect("assign");
    tx.commit().await.expect("commit");
    let manager = auth::authenticate(&db, "am@test.example", "correct horse")
        .await
        .expect("manager signs in");
    let helios_staff = auth::authenticate(&db, "staff@helios.example", "correct horse")
        .await
        .expect("staff signs in");
    World {
        _test: test,
        db,
        northwind,
        helios,
        manager,
        helios_staff,
        seller_id,
    }
}

#[tokio::test]
async fn sign_in_accepts_any_capitalisation_of_the_email() {
    let w = world().await;
    let user = auth::authenticate(&w.db, "  Staff@Helios.EXAMPLE ", "correct horse")
        .await
        .expect("signed in");
    assert_eq!(user.role, Role::BrandStaff);
    assert_eq!(user.brand_id, Some(w.helios));
    assert_eq!(user.brand_name.as_deref(), Some("Helios Audio"));
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_answer() {
    let w = world().await;
    let wrong = auth::authenticate(&w.db, "staff@helios.example", "wrong").await;
    let unknown = auth::authenticate(&w.db, "nobody@helios.example", "correct horse").await;
    assert_eq!(wrong, unknown);
    let error = wrong.expect_err("refused");
    assert_eq!(
        error.messages_for("password"),
        vec![auth::WRONG_CREDENTIALS]
    );
}

#[tokio::test]
async fn empty_password_is_asked_for_by_field() {
    let w = world().await;
    let error = auth::authenticate(&w.db, "staff@helios.example", "")
        .await
        .expect_err("refused");
    assert_eq!(error.messages_for("password"), vec!["Enter your password."]);
}

#[tokio::test]
async fn each_sign_in_is_recorded_in_the_audit_trail() {
    let w = world().await;
    let events = audit::events_for(&w.db.pool, "user", w.helios_staff.id)
        .await
        .expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, "auth.login");
    assert_eq!(events[0].actor_id, Some(w.helios_staff.id));
    auth::record_logout(&w.db, &w.helios_staff)
        .await
        .expect("logout");
    let events = audit::events_for(&w.db.pool, "user", w.helios_staff.id)
        .await
        .expect("events");
    assert_eq!(
        events.last().map(|event| event.action.as_str()),
        Some("auth.logout")
    );
}

#[tokio::test]
async fn audit_events_cannot_be_changed_or_deleted() {
    let w = world().await;
    let update = sqlx::query("UPDATE audit_events SET action = 'forged'")
        .execute(&w.db.pool)
        .await;
    assert!(update.is_err(), "updating the audit trail must fail");
    let delete = sqlx::query("DELETE FROM audit_events")
        .execute(&w.db.pool)
        .await;
    assert!(delete.is_err(), "deleting from the audit trail must fail");
}

#[tokio::test]
async fn a_manager_lists_only_assigned_brands() {
    let w = world().await;
    let managed = brands::list_managed_by(&w.db.pool, w.manager.id)
        .await
        .expect("list");
    let names: Vec<_> = managed.iter().map(|brand| brand.name.as_str()).collect();
    assert_eq!(names, vec!["Helios Audio"]);
    assert_eq!(managed[0].tier, Tier::JointForce);
    assert!(managed[0].joint_force_enrolled);
    assert_eq!(managed[0].staff_count, 1);
    let all = brands::list_all(&w.db.pool).await.expect("list");
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn brand_scope_follows_staff_membership_and_manager_assignment() {
    let w = world().await;
    let admin = auth::authenticate(&w.db, "admin@test.example", "correct horse")
        .await
        .expect("admin");
    let may = |user: CurrentUser, brand| {
        let ctx = app::service::Context::new(w.db.clone(), Default::default());
        async move {
            app::service::access::may_access_brand(&ctx, &user, brand)
                .await
                .expect("rule")
        }
    };
    assert!(may(w.helios_staff.clone(), w.helios).await);
    assert!(!may(w.helios_staff.clone(), w.northwind).await);
    assert!(may(w.manager.clone(), w.helios).await);
    assert!(!may(w.manager.clone(), w.northwind).await);
    assert!(may(admin.clone(), w.northwind).await);
    let seller = CurrentUser {
        role: Role::Seller,
        brand_id: None,
        seller_id: Some(w.seller_id),
        ..admin
    };
    assert!(!may(seller, w.helios).await);
}

#[tokio::test]
async fn a_staff_account_must_belong_to_a_brand() {
    let w = world().await;
    let mut conn = w.db.pool.acquire().await.expect("conn");
    let orphan = users::NewUser {
        email: "orphan@test.example",
        password_hash: "x",
        display_name: "Orphan",
        role: Role::BrandStaff,
        brand_id: None,
        seller_id: None,
        brand_admin: false,
    };
    assert!(
        users::insert_user(&mut conn, &orphan, db::now_ms())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_sellers_listings_come_back_newest_first_in_pages() {
    let w = world().await;
    let batch: Vec<_> = (0..1_203)
        .map(|i| listings::NewListing {
            seller_id: w.seller_id,
            title: format!("Item {i}"),
            category: "Home".into(),
            price_cents: 1_000 + i,
            currency: "USD".into(),
        })
        .collect();
    let mut tx = w.db.pool.begin().await.expect("begin");
    listings::insert_many(&mut tx, &batch, db::now_ms())
        .await
        .expect("insert");
    tx.commit().await.expect("commit");

    assert_eq!(listings::count(&w.db.pool).await.expect("count"), 1_203);
    let first = listings::page_for_seller(&w.db.pool, w.seller_id, 0, 50, 0)
        .await
        .expect("page");
    assert_eq!(first.total, 1_203);
    assert_eq!(first.page_count(), 25);
    assert_eq!(first.rows.len(), 50);
    let top = first.rows.into_iter().next().expect("row").listing();
    assert_eq!(top.title, "Item 1202");
    assert_eq!(top.seller_name, "Bazaar Outlet");
    assert_eq!(top.status, ListingStatus::Live);
    let last = listings::page_for_seller(&w.db.pool, w.seller_id, 24, 50, 0)
        .await
        .expect("page");
    assert_eq!(last.rows.len(), 3);
    let bottom = last.rows.into_iter().nth(2).expect("row").listing();
    assert_eq!(bottom.title, "Item 0");
}

#[tokio::test]
async fn a_missing_listing_is_none_not_an_error() {
    let w = world().await;
    assert!(
        listings::find(&w.db.pool, 999_999)
            .await
            .expect("query")
            .is_none()
    );
}

#[tokio::test]
async fn a_duplicate_email_is_refused() {
    let w = world().await;
    let mut conn = w.db.pool.acquire().await.expect("conn");
    let twin = users::NewUser {
        email: "am@test.example",
        password_hash: "x",
        display_name: "Twin",
        role: Role::Admin,
        brand_id: None,
        seller_id: None,
        brand_admin: false,
    };
    assert!(
        users::insert_user(&mut conn, &twin, db::now_ms())
            .await
            .is_err()
    );
    // The error type seen by users is a plain message, never the database's text.
    let shown: AppError = sqlx::Error::RowNotFound.into();
    assert_eq!(shown, AppError::Internal);
}

#[tokio::test]
async fn an_unchanged_session_is_written_again_only_when_its_expiry_moves_by_an_hour() {
    use tower_sessions::SessionStore;
    use tower_sessions::session::{Id, Record};

    let test = TestDb::new().await.expect("test database");
    let store = app::db::sessions::DbSessionStore::new(test.db.clone());
    let mut record = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(12),
    };
    store.create(&mut record).await.expect("create");
    let id = record.id.to_string();
    let stored = || async {
        sqlx::query_as::<_, (String, i64)>("SELECT data, expires_at FROM sessions WHERE id = $1")
            .bind(id.as_str())
            .fetch_one(&test.db.pool)
            .await
            .expect("session")
    };
    let (_, first) = stored().await;
    // Half an hour later, unchanged: not written.
    record.expiry_date += time::Duration::minutes(30);
    store.save(&record).await.expect("save");
    assert_eq!(stored().await.1, first);
    // More than an hour later: the expiry moves.
    record.expiry_date += time::Duration::minutes(31);
    store.save(&record).await.expect("save");
    assert_eq!(stored().await.1, first + 61 * 60_000);
    // Changed data is always written.
    record
        .data
        .insert("user_id".into(), serde_json::Value::from(7));
    store.save(&record).await.expect("save");
    assert!(stored().await.0.contains("user_id"));
}

/// A sign-out that lands while another request of the same session is under way stays: that
/// request's save compares with the row it loaded and writes nothing back, and a save of a
/// changed session only updates a row that is still there. A living session the request
/// changed is still written.
#[tokio::test]
async fn a_session_signed_out_mid_request_stays_signed_out() {
    use app::db::sessions::DbSessionStore;
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::SessionStore;
    let w = world().await;
    let store = DbSessionStore::new(w.db.clone());
    let mut record = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(12),
    };
    record
        .data
        .insert("user_id".into(), serde_json::json!(w.helios_staff.id));
    store.create(&mut record).await.expect("create");

    let mut changed = store.load(&record.id).await.expect("load").expect("stored");
    changed
        .data
        .insert("notice".into(), serde_json::json!("saved"));
    store.save(&changed).await.expect("save");
    let reloaded = store.load(&record.id).await.expect("load").expect("stored");
    assert_eq!(
        reloaded.data.get("notice"),
        Some(&serde_json::json!("saved"))
    );

    // Signed out through another server instance's store while this request ran.
    DbSessionStore::new(w.db.clone())
        .delete(&record.id)
        .await
        .expect("sign out");
    store.save(&reloaded).await.expect("save");
    assert!(
        store.load(&record.id).await.expect("load").is_none(),
        "the request's save brought a signed-out session back"
    );
    // Nor does a request that changed the session meanwhile: a save only updates.
    let mut reloaded = reloaded;
    reloaded
        .data
        .insert("notice".into(), serde_json::json!("changed after"));
    store.save(&reloaded).await.expect("save");
    assert!(
        store.load(&record.id).await.expect("load").is_none(),
        "a changed save brought a signed-out session back"
    );
}
