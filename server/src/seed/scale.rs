//! Data at marketplace scale for the benchmark: brands with decided histories, a million
//! listings, and items waiting for review.

use app::auth::password;
use app::db::{self, Db, brands, listings, users};
use app::domain::{Role, Tier};

use super::catalog::*;
use super::rng::SplitMix;

/// Synthetic data at marketplace scale for measuring tier recomputation: `brands` brands
/// (each with a staff account, a verified trademark and its proof) and `decided_items`
/// decided report items spread over them and over the last 90 days. Accuracy varies by brand
/// so the rules give a realistic mix: most Standard, some Good Faith, a few near the line.
pub async fn seed_scale(db: &Db, brands: i64, decided_items: i64) -> anyhow::Result<()> {
    use app::db::reports::{DecidedItem, NewReport};
    use app::db::{files, reports, rights};
    use app::domain::{ItemStatus, ReasonCode, RejectionCode, RightKind, RightStatus};

    let now = db::now_ms();
    let hash = password::hash(DEMO_PASSWORD).await?;
    let mut tx = db.begin().await?;
    let manager = users::insert_user(
        &mut tx,
        &users::NewUser {
            email: "scale-manager@goodfaith.test",
            password_hash: &hash,
            display_name: "Scale Manager",
            role: Role::AccountManager,
            brand_id: None,
            seller_id: None,
            brand_admin: false,
        },
        now,
    )
    .await?;
    let seller = listings::insert_seller(&mut tx, "Scale Seller", "GB", now).await?;
    let pool_size = 10_000.min(decided_items.max(1)) as usize;
    let marketplace: Vec<listings::NewListing> = (0..pool_size)
        .map(|i| listings::NewListing {
            seller_id: seller,
            title: format!("Scale listing {i}"),
            category: "Scale history".into(),
            price_cents: 999,
            currency: "USD".into(),
        })
        .collect();
    listings::insert_many(&mut tx, &marketplace, now).await?;
    let listing_ids = listings::newest_ids(&mut tx, pool_size as i64).await?;
    tx.commit().await?;

    let mut rng = SplitMix(0x5CA1E);
    let per_brand = decided_items / brands.max(1);
    let mut left = decided_items;
    for b in 0..brands {
        let mut tx = db.begin().await?;
        let name = format!("Scale Brand {b:05}");
        // One brand in 250 is enrolled in Joint-Force (and reports accurately, below).
        let enrolled = b % 250 == 0;
        let brand = brands::insert_brand(&mut tx, &name, Tier::Standard, enrolled, now).await?;
        brands::assign_manager(&mut tx, brand, manager).await?;
        let email = format!("staff{b}@scale.test");
        let staff = users::insert_user(
            &mut tx,
            &users::NewUser {
                email: &email,
                password_hash: &hash,
                display_name: "Scale Staff",
                role: Role::BrandStaff,
                brand_id: Some(brand),
                seller_id: None,
                brand_admin: false,
            },
            now,
        )
        .await?;
        let file = files::insert(
            &mut tx,
            &files::NewFile {
                brand_id: brand,
                uploaded_by: staff,
                purpose: "proof",
                file_name: "proof.pdf",
                content_type: "application/pdf",
                sha256: "scale",
                data: DEMO_PROOF_PDF,
            },
            now,
        )
        .await?;
        let right = rights::insert(
            &mut tx,
            &rights::NewRight {
                brand_id: brand,
                kind: RightKind::Trademark,
                registration_number: "SCALE",
                jurisdiction: "EU",
                classes: "25",
                expires_on: None,
                proof_file_id: file,
                created_by: staff,
            },
            now,
        )
        .await?;
        rights::decide(&mut tx, right, RightStatus::Verified, "", manager, now).await?;
        // Most brands report a little (below the 100 Good Faith needs); one in ten reports
        // four times the average (the long tail).
        let count = if b == brands - 1 {
            left
        } else if b % 10 == 0 {
            (per_brand * 4).min(left)
        } else {
            (per_brand * 2 / 3).min(left)
        };
        left -= count;
        // Accuracy between 70 % and 99 %, varying by brand; Joint-Force brands at 96 %.
        let accuracy = if enrolled { 96 } else { rng.percent(70, 99) };
        let items: Vec<DecidedItem> = (0..count)
            .map(|k| {
                let upheld = (k * 100 / count.max(1)) < accuracy;
                DecidedItem {
                    listing_id: listing_ids[rng.below(listing_ids.len())],
                    status: if upheld {
                        ItemStatus::Removed
                    } else {
                        ItemStatus::Rejected
                    },
                    rejection_code: (!upheld).then_some(RejectionCode::InsufficientEvidence),
                    decided_at: now - 3_600_000 - rng.below(88 * 24) as i64 * 3_600_000,
                    decided_by: manager,
                }
            })
            .collect();
        let report = NewReport {
            brand_id: brand,
            submitted_by: staff,
            ip_right_id: right,
            reason: ReasonCode::Counterfeit,
            explanation: "Synthetic history for measurements.".into(),
            test_buy_order: String::new(),
            declaration: app::domain::report::DECLARATION.to_owned(),
            signature: "Scale Staff".into(),
            resubmits_item_id: None,
            evidence_file_ids: Vec::new(),
            items: Vec::new(),
            confirmed_authorised: Vec::new(),
        };
        reports::insert_history(&mut tx, &report, now - 89 * 86_400_000, &items).await?;
        tx.commit().await?;
    }
    if decided_items >= EXPORT_HISTORY {
        long_history(db, &listing_ids, manager, now).await?;
    }
    // Seeded history is nobody's news (see `db::notifications::skip_history`).
    app::db::notifications::skip_history(&db.pool).await?;
    // Nor does it have an audit trail for the transparency figures to follow: count it.
    app::service::transparency::recount(&app::service::Context::new(
        db.clone(),
        Default::default(),
    ))
    .await?;
    Ok(())
}

/// Decided items "Scale Brand 00000" (a Joint-Force brand) has on top of its share: the
/// benchmark downloads them as one CSV to see that an export of this size streams.
pub const EXPORT_HISTORY: i64 = 100_000;

/// Gives the first scale brand [`EXPORT_HISTORY`] more decided items, ten reports of 10,000.
async fn long_history(db: &Db, listing_ids: &[i64], manager: i64, now: i64) -> anyhow::Result<()> {
    use app::db::reports::{DecidedItem, NewReport};
    use app::domain::{ItemStatus, ReasonCode};
    let (brand, staff, right): (i64, i64, i64) = sqlx::query_as(
        "SELECT b.id, MIN(u.id), MIN(r.id) FROM brands b JOIN users u ON u.brand_id = b.id \
         JOIN ip_rights r ON r.brand_id = b.id WHERE b.name = 'Scale Brand 00000' GROUP BY b.id",
    )
    .fetch_one(&db.pool)
    .await?;
    let mut rng = SplitMix(0xE4_0A7);
    for chunk in 0..EXPORT_HISTORY / 10_000 {
        let items: Vec<DecidedItem> = (0..10_000)
            .map(|k| DecidedItem {
                listing_id: listing_ids[((chunk * 10_000 + k) as usize) % listing_ids.len()],
                status: ItemStatus::Removed,
                rejection_code: None,
                decided_at: now - 3_600_000 - rng.below(88 * 24) as i64 * 3_600_000,
                decided_by: manager,
            })
            .collect();
        let report = NewReport {
            brand_id: brand,
            submitted_by: staff,
            ip_right_id: right,
            reason: ReasonCode::Counterfeit,
            explanation: "Synthetic long history for the export measurement.".into(),
            test_buy_order: String::new(),
            declaration: app::domain::report::DECLARATION.to_owned(),
            signature: "Scale Staff".into(),
            resubmits_item_id: None,
            evidence_file_ids: Vec::new(),
            items: Vec::new(),
            confirmed_authorised: Vec::new(),
        };
        let mut tx = db.begin().await?;
        app::db::reports::insert_history(&mut tx, &report, now - 89 * 86_400_000, &items).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Listings at marketplace scale, in large transactions of multi-row inserts: `sellers` shops
/// ("Shop 00001" …) of which the first few hold most listings (a long tail), and `listings`
/// listings of the demo brands' products and generic goods, one in twenty-five a cheap fake.
/// Their category is "Scale", which the benchmark uses to find them.
pub async fn seed_marketplace(db: &Db, count: i64, sellers: i64) -> anyhow::Result<()> {
    let now = db::now_ms();
    let mut tx = db.begin().await?;
    let mut seller_ids = Vec::with_capacity(sellers as usize);
    for s in 0..sellers {
        let name = format!("Shop {s:05}");
        seller_ids.push(listings::insert_seller(&mut tx, &name, "GB", now).await?);
    }
    tx.commit().await?;
    let mut rng = SplitMix(0x0115_71A6);
    let products: Vec<(&str, i64)> = BRANDS
        .iter()
        .flat_map(|(.., catalog)| catalog.iter())
        .chain(GENERIC.iter())
        .map(|(title, _, price)| (*title, *price))
        .collect();
    const PER_TRANSACTION: i64 = 100_000;
    let mut made = 0;
    while made < count {
        let batch = PER_TRANSACTION.min(count - made);
        let new: Vec<listings::NewListing> = (0..batch)
            .map(|i| {
                // u^4 piles most listings onto the first shops: a long tail of small ones.
                let u = rng.below(1_000_000) as f64 / 1_000_000.0;
                let seller = seller_ids[((u.powi(4)) * seller_ids.len() as f64) as usize];
                let (title, usual) = products[rng.below(products.len())];
                let fake = (made + i) % 25 == 0;
                let (title, share) = if fake {
                    (format!("{title} – Replica"), rng.percent(5, 15))
                } else {
                    (format!("{title} (lot {})", made + i), rng.percent(85, 115))
                };
                listings::NewListing {
                    seller_id: seller,
                    title,
                    category: "Scale".into(),
                    price_cents: usual * share / 100 / 100 * 100 + 99,
                    currency: "USD".into(),
                }
            })
            .collect();
        let mut tx = db.begin().await?;
        listings::insert_many(&mut tx, &new, now).await?;
        tx.commit().await?;
        made += batch;
    }
    // Seeded history is nobody's news (see `db::notifications::skip_history`).
    app::db::notifications::skip_history(&db.pool).await?;
    Ok(())
}

/// `count` items waiting for review, spread over the scale brands (and so in the scale
/// manager's queue), each on its own scale listing, submitted over the last two days with the
/// priority and deadline of the brand's tier. One report per brand.
pub async fn seed_pending(db: &Db, count: i64, rules: &app::domain::Rules) -> anyhow::Result<()> {
    use app::db::reports::{self, NewReport};
    use app::domain::ReasonCode;

    let now = db::now_ms();
    let manager: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'scale-manager@goodfaith.test'")
            .fetch_one(&db.pool)
            .await?;
    let scale: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT b.id, b.tier, MIN(u.id), MIN(r.id) FROM brands b JOIN users u ON u.brand_id = b.id \
         JOIN ip_rights r ON r.brand_id = b.id WHERE b.name LIKE 'Scale Brand %' \
         GROUP BY b.id, b.tier ORDER BY b.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let (first, last): (i64, i64) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM listings WHERE category = 'Scale'")
            .fetch_one(&db.pool)
            .await?;
    anyhow::ensure!(!scale.is_empty(), "seed the scale brands first");
    let listings = last - first + 1;
    anyhow::ensure!(
        count <= listings,
        "{count} pending items need at least as many scale listings ({listings})"
    );
    let per_brand = count / scale.len() as i64;
    let mut next = first;
    let mut rng = SplitMix(0x9E9D);
    let mut tx = db.begin().await?;
    for (index, (brand, tier, staff, right)) in scale.iter().enumerate() {
        let n = if index == scale.len() - 1 {
            count - per_brand * (scale.len() as i64 - 1)
        } else {
            per_brand
        };
        let tier = Tier::parse(tier).unwrap_or_default();
        let items: Vec<(i64, i64)> = (0..n)
            .map(|k| (next + k, now - rng.below(48 * 60) as i64 * 60_000))
            .collect();
        next += n;
        let report = NewReport {
            brand_id: *brand,
            submitted_by: *staff,
            ip_right_id: *right,
            reason: ReasonCode::Counterfeit,
            explanation: "Synthetic pending notices for measurements.".into(),
            test_buy_order: String::new(),
            declaration: app::domain::report::DECLARATION.to_owned(),
            signature: "Scale Staff".into(),
            resubmits_item_id: None,
            evidence_file_ids: Vec::new(),
            items: Vec::new(),
            confirmed_authorised: Vec::new(),
        };
        reports::insert_pending_history(
            &mut tx,
            &report,
            manager,
            i64::from(app::domain::queue::priority(tier)),
            rules.targets.deadline_ms(tier, 0),
            &items,
        )
        .await?;
        if index % 500 == 499 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    tx.commit().await?;
    // Seeded history is nobody's news (see `db::notifications::skip_history`).
    app::db::notifications::skip_history(&db.pool).await?;
    // Nor does it have an audit trail for the transparency figures to follow: count it.
    app::service::transparency::recount(&app::service::Context::new(
        db.clone(),
        Default::default(),
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_marketplace_is_the_same_every_time() {
        assert_eq!(demo_listings(&[1, 2, 3]), demo_listings(&[1, 2, 3]));
    }

    #[test]
    fn the_demo_marketplace_has_obvious_fakes() {
        let listings = demo_listings(&[1]);
        assert!(listings.len() >= 2_000);
        let fake_helios = listings.iter().find(|listing| {
            listing.title.starts_with("Helios Studio Pro Wireless") && listing.price_cents < 6_000
        });
        assert!(
            fake_helios.is_some(),
            "expected a Helios headphone at a fraction of its price"
        );
    }
}
