//! The world the database tests share: three brands (Standard, Good Faith, Joint-Force),
//! two account managers, ten listings, and helpers for reports and decided histories.

use app::db::testing::TestDb;
use app::db::{self, Db, brands, files, listings, reports, rights, users};
use app::domain::queue::ReviewTargets;
use app::domain::{ItemStatus, ReasonCode, RejectionCode, RightKind, RightStatus, Role, Tier};

pub const HOUR: i64 = 3_600_000;

pub const RULES: app::domain::Rules = app::domain::Rules {
    policy: app::domain::trust::TrustPolicy::DEFAULT,
    targets: ReviewTargets {
        good_faith_hours: 4,
        standard_hours: 24,
    },
    joint_force: app::domain::joint_force::JointForcePolicy::DEFAULT,
    sellers: app::domain::appeal::SellerPolicy::DEFAULT,
    listing_urls: app::domain::ListingUrls::DEFAULT,
};

pub struct World {
    pub _test: TestDb,
    pub db: Db,
    /// (brand id, staff user id, verified right id) for Standard, Good Faith, Joint-Force.
    pub standard: (i64, i64, i64),
    pub good_faith: (i64, i64, i64),
    pub joint_force: (i64, i64, i64),
    /// Manages the Good Faith and Joint-Force brands, not the Standard one.
    pub manager: i64,
    pub other_manager: i64,
    pub listings: Vec<i64>,
}

pub async fn world() -> World {
    let test = TestDb::new().await.expect("test database");
    let db = test.db.clone();
    let now = db::now_ms();
    let mut tx = db.pool.begin().await.expect("begin");
    let user = |email: &'static str, role, brand_id| users::NewUser {
        email,
        password_hash: "not-a-real-hash",
        display_name: email,
        role,
        brand_id,
        seller_id: None,
        brand_admin: false,
    };
    let manager = users::insert_user(
        &mut tx,
        &user("am@test.example", Role::AccountManager, None),
        now,
    )
    .await
    .expect("manager");
    let other_manager = users::insert_user(
        &mut tx,
        &user("am2@test.example", Role::AccountManager, None),
        now,
    )
    .await
    .expect("manager");
    let mut made = Vec::new();
    for (name, tier, staff_email, managed_by) in [
        (
            "Northwind",
            Tier::Standard,
            "s@northwind.example",
            other_manager,
        ),
        ("Aurora", Tier::GoodFaith, "s@aurora.example", manager),
        ("Helios", Tier::JointForce, "s@helios.example", manager),
    ] {
        let brand = brands::insert_brand(&mut tx, name, tier, tier == Tier::JointForce, now)
            .await
            .expect("brand");
        brands::assign_manager(&mut tx, brand, managed_by)
            .await
            .expect("assign");
        let staff = users::insert_user(
            &mut tx,
            &user(staff_email, Role::BrandStaff, Some(brand)),
            now,
        )
        .await
        .expect("staff");
        let file = files::insert(
            &mut tx,
            &files::NewFile {
                brand_id: brand,
                uploaded_by: staff,
                purpose: "proof",
                file_name: "proof.pdf",
                content_type: "application/pdf",
                sha256: "00",
                data: b"%PDF-1.4",
            },
            now,
        )
        .await
        .expect("file");
        let right = rights::insert(
            &mut tx,
            &rights::NewRight {
                brand_id: brand,
                kind: RightKind::Trademark,
                registration_number: "123",
                jurisdiction: "EU",
                classes: "25",
                expires_on: None,
                proof_file_id: file,
                created_by: staff,
            },
            now,
        )
        .await
        .expect("right");
        assert!(
            rights::decide(&mut tx, right, RightStatus::Verified, "", managed_by, now)
                .await
                .expect("verify")
        );
        made.push((brand, staff, right));
    }
    let seller = listings::insert_seller(&mut tx, "Bazaar Outlet", "GB", now)
        .await
        .expect("seller");
    let new: Vec<listings::NewListing> = (0..10)
        .map(|i| listings::NewListing {
            seller_id: seller,
            title: format!("Listing number {i}"),
            category: "Test".into(),
            price_cents: 1_000,
            currency: "USD".into(),
        })
        .collect();
    listings::insert_many(&mut tx, &new, now)
        .await
        .expect("listings");
    tx.commit().await.expect("commit");
    let listings: Vec<i64> = sqlx::query_scalar("SELECT id FROM listings ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("ids");
    World {
        _test: test,
        db,
        standard: made[0],
        good_faith: made[1],
        joint_force: made[2],
        manager,
        other_manager,
        listings,
    }
}

pub fn report_of(
    (brand, staff, right): (i64, i64, i64),
    listing_ids: &[i64],
) -> reports::NewReport {
    reports::NewReport {
        brand_id: brand,
        submitted_by: staff,
        ip_right_id: right,
        reason: ReasonCode::Counterfeit,
        explanation: "Fake goods with our logo.".into(),
        test_buy_order: String::new(),
        declaration: app::domain::report::DECLARATION.into(),
        signature: "Test Person".into(),
        resubmits_item_id: None,
        evidence_file_ids: Vec::new(),
        items: listing_ids
            .iter()
            .map(|id| (*id, id.to_string(), String::new()))
            .collect(),
        confirmed_authorised: Vec::new(),
    }
}

pub async fn submit(
    w: &World,
    who: (i64, i64, i64),
    listing_ids: &[i64],
    at: i64,
) -> (i64, Vec<i64>) {
    let (report, items) = reports::submit(
        &w.db,
        &report_of(who, listing_ids),
        ReviewTargets::default(),
        at,
    )
    .await
    .expect("submit");
    (report, items.into_iter().map(|(item, _)| item).collect())
}

/// Gives a brand `upheld` upheld and `rejected` rejected decisions, spread over the last
/// `days` days, then recomputes every tier.
pub async fn history(w: &World, who: (i64, i64, i64), upheld: usize, rejected: usize, days: i64) {
    let now = db::now_ms();
    let total = upheld + rejected;
    let seller: i64 = sqlx::query_scalar("SELECT MIN(id) FROM sellers")
        .fetch_one(&w.db.pool)
        .await
        .expect("seller");
    let mut tx = w.db.pool.begin().await.expect("begin");
    let new: Vec<listings::NewListing> = (0..total)
        .map(|i| listings::NewListing {
            seller_id: seller,
            title: format!("History {i}"),
            category: "Test".into(),
            price_cents: 100,
            currency: "USD".into(),
        })
        .collect();
    listings::insert_many(&mut tx, &new, now)
        .await
        .expect("listings");
    let ids = listings::newest_ids(&mut tx, total as i64)
        .await
        .expect("ids");
    let items: Vec<reports::DecidedItem> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| reports::DecidedItem {
            listing_id: *id,
            status: if k < upheld {
                ItemStatus::Removed
            } else {
                ItemStatus::Rejected
            },
            rejection_code: (k >= upheld).then_some(RejectionCode::InsufficientEvidence),
            decided_at: now - 3_600_000 - k as i64 * days * 86_400_000 / total.max(1) as i64,
            decided_by: w.manager,
        })
        .collect();
    reports::insert_history(
        &mut tx,
        &report_of(who, &[]),
        now - days * 86_400_000,
        &items,
    )
    .await
    .expect("history");
    tx.commit().await.expect("commit");
    app::db::trust::recompute_all(&w.db, &RULES, now)
        .await
        .expect("recompute");
}

pub async fn tier_of(w: &World, brand: i64) -> Tier {
    let brand = brands::find(&w.db.pool, brand)
        .await
        .expect("find")
        .expect("brand");
    brand.tier
}
