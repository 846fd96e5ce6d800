//! Listings and sellers from the marketplace: upserts on the marketplace's ids, versions that
//! never let an older update win, ended listings that can no longer be reported, and the
//! marketplace's ids (and addresses) as what brands type.

use app::db::reports;
use app::domain::ingest::{ListingRow, SellerRow};
use app::service::ingest::{ingest_listings, ingest_sellers};
use app::service::{Clock, Context};

use crate::common::{RULES, World, world};

const T0: i64 = 1_796_000_000_000;

fn ctx(w: &World) -> Context {
    Context {
        db: w.db.clone(),
        rules: RULES,
        clock: Clock::Fixed(T0),
        site: Default::default(),
    }
}

fn listing(id: &str, title: &str, version: i64) -> ListingRow {
    ListingRow {
        id: id.into(),
        seller: "MS-1".into(),
        title: title.into(),
        category: "Audio".into(),
        price_cents: 1_999,
        currency: "EUR".into(),
        url: format!("https://market.example/listings/{id}"),
        image_url: String::new(),
        status: "live".into(),
        version,
    }
}

async fn title_of(w: &World, external: &str) -> (String, String, i64) {
    sqlx::query_as("SELECT title, market_status, version FROM listings WHERE external_id = $1")
        .bind(external)
        .fetch_one(&w.db.pool)
        .await
        .expect("listing")
}

async fn with_seller(w: &World) {
    let sellers = [SellerRow {
        id: "MS-1".into(),
        name: "Marketplace Seller One".into(),
        country: "DE".into(),
        version: 1,
    }];
    let done = ingest_sellers(&ctx(w), 1, &sellers).await.expect("sellers");
    assert_eq!((done.stored, done.unchanged), (1, 0));
}

#[tokio::test]
async fn a_newer_version_wins_and_an_older_or_equal_one_changes_nothing() {
    let w = world().await;
    with_seller(&w).await;
    let first = ingest_listings(&ctx(&w), 1, &[listing("B0-1", "First title", 5)])
        .await
        .expect("ingest");
    assert_eq!((first.stored, first.unchanged), (1, 0));
    // The same row again: idempotent.
    let again = ingest_listings(&ctx(&w), 1, &[listing("B0-1", "First title", 5)])
        .await
        .expect("ingest");
    assert_eq!((again.stored, again.unchanged), (0, 1));
    // Newer: stored.
    let newer = ingest_listings(&ctx(&w), 1, &[listing("B0-1", "Second title", 7)])
        .await
        .expect("ingest");
    assert_eq!(newer.stored, 1);
    assert_eq!(
        title_of(&w, "B0-1").await,
        ("Second title".into(), "live".into(), 7)
    );
    // An older update arriving late never overwrites the newer one.
    let late = ingest_listings(&ctx(&w), 1, &[listing("B0-1", "Stale title", 6)])
        .await
        .expect("ingest");
    assert_eq!((late.stored, late.unchanged), (0, 1));
    assert_eq!(title_of(&w, "B0-1").await.0, "Second title");
    // Each batch is in the audit trail.
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'integration.listings_ingested'",
    )
    .fetch_one(&w.db.pool)
    .await
    .expect("audit");
    assert_eq!(audited, 4);
}

#[tokio::test]
async fn good_rows_are_stored_and_bad_rows_are_named() {
    let w = world().await;
    with_seller(&w).await;
    let rows = vec![
        listing("B0-1", "Good", 1),
        ListingRow {
            seller: "MS-404".into(),
            ..listing("B0-2", "Unknown seller", 1)
        },
        ListingRow {
            price_cents: -5,
            ..listing("B0-3", "Negative", 1)
        },
        listing("B0-4", "Also good", 1),
    ];
    let done = ingest_listings(&ctx(&w), 1, &rows).await.expect("ingest");
    assert_eq!(done.stored, 2);
    let refused: Vec<(usize, &str)> = done
        .rejected
        .iter()
        .map(|problem| (problem.index, problem.pointer.as_str()))
        .collect();
    assert_eq!(
        refused,
        [(1, "/listings/1/seller"), (2, "/listings/2/price_cents")]
    );
    // A batch of 1,001 stores nothing.
    let too_many: Vec<ListingRow> = (0..1_001)
        .map(|n| listing(&format!("X{n}"), "Bulk", 1))
        .collect();
    assert!(ingest_listings(&ctx(&w), 1, &too_many).await.is_err());
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM listings WHERE external_id LIKE 'X%'")
            .fetch_one(&w.db.pool)
            .await
            .expect("count");
    assert_eq!(stored, 0);
    // A seller name another seller holds is refused on that row.
    let taken = ingest_sellers(
        &ctx(&w),
        1,
        &[SellerRow {
            id: "MS-2".into(),
            name: "Marketplace Seller One".into(),
            country: "FR".into(),
            version: 1,
        }],
    )
    .await
    .expect("sellers");
    assert_eq!(taken.rejected[0].pointer, "/sellers/0/name");
}

#[tokio::test]
async fn brands_report_by_the_marketplace_s_id_or_address_and_not_an_ended_listing() {
    let w = world().await;
    with_seller(&w).await;
    let rows = [
        listing("B0-LIVE", "Studio Pro copy", 1),
        ListingRow {
            status: "ended".into(),
            ..listing("B0-ENDED", "Sold out copy", 1)
        },
    ];
    ingest_listings(&ctx(&w), 1, &rows).await.expect("ingest");
    let text = "B0-LIVE\nB0-ENDED\nhttps://market.example/listings/B0-LIVE\n";
    let checked = reports::check_report_lines(&w.db.pool, w.standard.0, text, &RULES.listing_urls)
        .await
        .expect("check");
    let live_id: i64 = sqlx::query_scalar("SELECT id FROM listings WHERE external_id = 'B0-LIVE'")
        .fetch_one(&w.db.pool)
        .await
        .expect("id");
    assert_eq!(
        checked[0].outcome.as_ref().map(|(id, _)| *id).ok(),
        Some(live_id)
    );
    let ended = checked[1].outcome.clone().expect_err("ended").message();
    assert!(ended.contains("has ended on the marketplace"), "{ended}");
    let repeated = checked[2].outcome.clone().expect_err("repeat").message();
    assert!(repeated.contains("Repeated"), "{repeated}");
    // The marketplace puts it back on sale: reportable again.
    let relisted = ListingRow {
        status: "live".into(),
        ..listing("B0-ENDED", "Sold out copy", 2)
    };
    ingest_listings(&ctx(&w), 1, &[relisted])
        .await
        .expect("ingest");
    let checked =
        reports::check_report_lines(&w.db.pool, w.standard.0, "B0-ENDED", &RULES.listing_urls)
            .await
            .expect("check");
    assert!(checked[0].outcome.is_ok());
}

#[tokio::test]
async fn the_marketplace_never_undoes_a_portal_decision() {
    let w = world().await;
    with_seller(&w).await;
    ingest_listings(&ctx(&w), 1, &[listing("B0-9", "Fake", 1)])
        .await
        .expect("ingest");
    sqlx::query("UPDATE listings SET status = 'removed' WHERE external_id = 'B0-9'")
        .execute(&w.db.pool)
        .await
        .expect("remove");
    ingest_listings(&ctx(&w), 1, &[listing("B0-9", "Fake, renamed", 2)])
        .await
        .expect("ingest");
    let (status, title): (String, String) =
        sqlx::query_as("SELECT status, title FROM listings WHERE external_id = 'B0-9'")
            .fetch_one(&w.db.pool)
            .await
            .expect("listing");
    assert_eq!(
        (status.as_str(), title.as_str()),
        ("removed", "Fake, renamed")
    );
}
