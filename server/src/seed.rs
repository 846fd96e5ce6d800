//! Demo data: three brands at every tier, staff and marketplace accounts, sellers and a
//! marketplace of listings — some of them obvious fakes. Deterministic: the same database
//! every time, so demos and tests can rely on it.

use app::auth::password;
use app::db::{self, Db, audit, brands, listings, users};
use app::domain::{Role, Tier};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "goodfaith-demo";

/// Listings the demo marketplace holds.
pub const DEMO_LISTINGS: usize = 2_400;

/// The demo accounts: (e-mail, name, role, brand name for staff).
pub const DEMO_USERS: [(&str, &str, Role, Option<&str>); 8] = [
    ("admin@goodfaith.test", "Ada Admin", Role::Admin, None),
    (
        "manager@goodfaith.test",
        "Mara Manager",
        Role::AccountManager,
        None,
    ),
    (
        "manager2@goodfaith.test",
        "Nils Manager",
        Role::AccountManager,
        None,
    ),
    (
        "staff@northwind.test",
        "Noor Northwind",
        Role::BrandStaff,
        Some("Northwind Apparel"),
    ),
    (
        "staff@aurora.test",
        "Ari Aurora",
        Role::BrandStaff,
        Some("Aurora Watches"),
    ),
    (
        "staff@helios.test",
        "Hana Helios",
        Role::BrandStaff,
        Some("Helios Audio"),
    ),
    ("seller@bazaar.test", "Sam Seller", Role::Seller, None),
    ("seller@harbour.test", "Hugo Harbour", Role::Seller, None),
];

/// A brand's products: (title, category, usual price in cents).
type Catalog = &'static [(&'static str, &'static str, i64)];

/// Demo brands: (name, tier, Joint-Force enrolled, manager e-mail, catalogue).
const BRANDS: [(&str, Tier, bool, &str, Catalog); 3] = [
    (
        "Northwind Apparel",
        Tier::Standard,
        false,
        "manager2@goodfaith.test",
        &[
            ("Northwind Trail Parka", "Outerwear", 28_900),
            ("Northwind Merino Base Layer", "Apparel", 8_900),
            ("Northwind Fleece Hoodie", "Apparel", 7_500),
            ("Northwind Summit Gloves", "Accessories", 4_500),
        ],
    ),
    (
        "Aurora Watches",
        Tier::GoodFaith,
        false,
        "manager@goodfaith.test",
        &[
            ("Aurora Meridian Automatic Watch", "Watches", 129_000),
            ("Aurora Chronograph Steel 42mm", "Watches", 89_000),
            ("Aurora Dive 300 Watch", "Watches", 149_000),
            ("Aurora Leather Strap 20mm", "Accessories", 12_000),
        ],
    ),
    (
        "Helios Audio",
        Tier::JointForce,
        true,
        "manager@goodfaith.test",
        &[
            ("Helios Studio Pro Wireless Headphones", "Audio", 34_900),
            ("Helios Buds ANC Earbuds", "Audio", 19_900),
            ("Helios Arc Bluetooth Speaker", "Audio", 14_900),
            (
                "Helios Studio Pro Replacement Ear Pads",
                "Accessories",
                3_900,
            ),
        ],
    ),
];

/// Unbranded goods that make the marketplace look like a marketplace.
const GENERIC: Catalog = &[
    ("Stainless Steel Water Bottle 750ml", "Home", 2_400),
    ("Ceramic Pour-Over Coffee Set", "Home", 3_900),
    ("Cotton Crew Socks, 6 Pack", "Apparel", 1_800),
    ("USB-C Charging Cable 2m", "Electronics", 1_200),
    ("Yoga Mat with Carry Strap", "Sports", 3_200),
    ("LED Desk Lamp with Dimmer", "Home", 4_500),
    ("Canvas Weekender Bag", "Accessories", 6_900),
    ("Wireless Mouse, Silent Click", "Electronics", 2_200),
];

/// Shop names: the first two have demo logins.
const SELLERS: [(&str, &str); 12] = [
    ("Bazaar Outlet", "GB"),
    ("Harbour Goods", "NL"),
    ("Sunrise Trading Co", "CN"),
    ("Best Price Direct", "US"),
    ("Nordic Gear Shop", "SE"),
    ("Mega Deals 24", "DE"),
    ("Pacific Audio House", "US"),
    ("Timepiece Traders", "CH"),
    ("Urban Threads", "FR"),
    ("Lucky Star Wholesale", "CN"),
    ("Corner Store Online", "IE"),
    ("Factory Direct Brands", "HK"),
];

/// Fills an empty database with the demo data; leaves a database with accounts alone.
pub async fn seed_demo_if_empty(db: &Db) -> anyhow::Result<()> {
    if users::count(&db.pool).await? > 0 {
        tracing::info!("database already has accounts; demo data not seeded again");
        return Ok(());
    }
    let started = std::time::Instant::now();
    seed_demo(db).await?;
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis(),
        "demo data seeded"
    );
    Ok(())
}

/// Writes the demo data in one transaction, with its audit event.
pub async fn seed_demo(db: &Db) -> anyhow::Result<()> {
    // Every demo account shares one password, so one (deliberately slow) hash serves all.
    let hash = password::hash(DEMO_PASSWORD).await?;
    let now = db::now_ms();
    let mut tx = db.pool.begin().await?;

    let mut seller_ids = Vec::with_capacity(SELLERS.len());
    for (name, country) in SELLERS {
        seller_ids.push(listings::insert_seller(&mut tx, name, country, now).await?);
    }
    let mut brand_ids = Vec::with_capacity(BRANDS.len());
    for (name, tier, enrolled, _, _) in BRANDS {
        brand_ids.push(brands::insert_brand(&mut tx, name, tier, enrolled, now).await?);
    }
    let mut seller_accounts = seller_ids.iter();
    for (email, display_name, role, brand) in DEMO_USERS {
        let brand_id = brand.and_then(|brand| {
            BRANDS
                .iter()
                .position(|(name, ..)| *name == brand)
                .map(|index| brand_ids[index])
        });
        let seller_id = match role {
            Role::Seller => seller_accounts.next().copied(),
            _ => None,
        };
        let user = users::NewUser {
            email,
            password_hash: &hash,
            display_name,
            role,
            brand_id,
            seller_id,
        };
        let user_id = users::insert_user(&mut tx, &user, now).await?;
        for (index, (.., manager, _)) in BRANDS.iter().enumerate() {
            if *manager == email {
                brands::assign_manager(&mut tx, brand_ids[index], user_id).await?;
            }
        }
    }
    let marketplace = demo_listings(&seller_ids);
    listings::insert_many(&mut tx, &marketplace, now).await?;
    let detail = format!(
        "{} brands, {} accounts, {} sellers, {} listings",
        BRANDS.len(),
        DEMO_USERS.len(),
        SELLERS.len(),
        marketplace.len()
    );
    let event = audit::NewEvent {
        actor_id: None,
        action: "demo.seeded",
        subject_type: "system",
        subject_id: 0,
        brand_id: None,
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    seed_notices(db, now).await
}

/// A tiny but valid PDF, standing in for a registration certificate.
const DEMO_PROOF_PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Hours before now at which each demo brand's report was filed: Northwind's and Aurora's
/// are past their review targets (24 h, 4 h), Helios's is not.
const DEMO_REPORT_AGE_HOURS: [i64; 3] = [30, 5, 1];

/// IP rights and reports, through the same code the portal uses: each brand gets a verified
/// trademark; Northwind also has a design right waiting for verification; each brand has
/// reported a few of the obvious fakes, and one of Helios's has been removed — so the queue,
/// the verification page and a statement of reasons have something to show.
async fn seed_notices(db: &Db, now: i64) -> anyhow::Result<()> {
    use app::db::{files, reports, review, rights};
    use app::domain::queue::ReviewTargets;
    use app::domain::{ReasonCode, RightKind, RightStatus};

    let sha256 = app::uploads::sha256_hex(DEMO_PROOF_PDF);
    let all = brands::list_all(&db.pool).await?;
    for (index, (name, ..)) in BRANDS.iter().enumerate() {
        let Some(brand) = all.iter().find(|brand| brand.name == *name) else {
            continue;
        };
        let staff: i64 =
            sqlx::query_scalar("SELECT id FROM users WHERE brand_id = $1 ORDER BY id LIMIT 1")
                .bind(brand.id)
                .fetch_one(&db.pool)
                .await?;
        let manager: i64 = sqlx::query_scalar("SELECT manager_id FROM brands WHERE id = $1")
            .bind(brand.id)
            .fetch_one(&db.pool)
            .await?;
        let mut tx = db.pool.begin().await?;
        let kinds: &[RightKind] = if index == 0 {
            &[RightKind::Trademark, RightKind::Design]
        } else {
            &[RightKind::Trademark]
        };
        let mut trademark = 0;
        for (number, kind) in kinds.iter().enumerate() {
            let file = files::NewFile {
                brand_id: brand.id,
                uploaded_by: staff,
                purpose: "proof",
                file_name: "registration-certificate.pdf",
                content_type: "application/pdf",
                sha256: &sha256,
                data: DEMO_PROOF_PDF,
            };
            let file_id = files::insert(&mut tx, &file, now).await?;
            let registration = format!("0181{:02}{:03}", index + 1, number + 100);
            let right = rights::NewRight {
                brand_id: brand.id,
                kind: *kind,
                registration_number: &registration,
                jurisdiction: "EU",
                classes: if *kind == RightKind::Trademark {
                    "9, 14, 25"
                } else {
                    ""
                },
                expires_on: Some("2034-12-31"),
                proof_file_id: file_id,
                created_by: staff,
            };
            let right_id = rights::insert(&mut tx, &right, now).await?;
            if *kind == RightKind::Trademark {
                rights::decide(&mut tx, right_id, RightStatus::Verified, "", manager, now).await?;
                trademark = right_id;
            }
        }
        tx.commit().await?;

        // Three of the brand's obvious fakes, among the first listings (end-to-end tests
        // report listings above id 1,000, so they never collide with these).
        let mark = name.split(' ').next().unwrap_or(name);
        let pattern = format!("{mark} %– %");
        let fakes: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM listings WHERE title LIKE $1 AND id < 1000 ORDER BY id LIMIT 3",
        )
        .bind(pattern.as_str())
        .fetch_all(&db.pool)
        .await?;
        let filed_at = now - DEMO_REPORT_AGE_HOURS[index] * 3_600_000;
        let report = reports::NewReport {
            brand_id: brand.id,
            submitted_by: staff,
            ip_right_id: trademark,
            reason: ReasonCode::Counterfeit,
            explanation: format!(
                "Counterfeit {name} goods: our logo on products we never made, sold at a \
                 tenth of the retail price."
            ),
            test_buy_order: String::new(),
            declaration: app::domain::report::DECLARATION.to_owned(),
            signature: "Demo Signatory".into(),
            resubmits_item_id: None,
            evidence_file_ids: Vec::new(),
            items: fakes
                .iter()
                .map(|id| (*id, id.to_string(), String::new()))
                .collect(),
        };
        if report.items.is_empty() {
            continue;
        }
        let (_, items) = reports::submit(&db.pool, &report, ReviewTargets::default(), filed_at)
            .await
            .map_err(|error| anyhow::anyhow!("seeding a report: {error}"))?;
        if brand.tier == Tier::JointForce
            && let Some((item_id, _)) = items.first()
        {
            review::decide(
                &db.pool,
                *item_id,
                &app::model::Decision::Remove,
                manager,
                now,
            )
            .await?
            .map_err(|message| anyhow::anyhow!(message))?;
        }
    }
    Ok(())
}

/// SplitMix64: a tiny, well-known generator, so the demo marketplace is the same every time
/// without pulling in a random-number crate for seed data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// A whole percentage in `low..=high`.
    fn percent(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }
}

const SUSPICIOUS_WORDS: [&str; 4] = [
    "Factory Sealed",
    "Wholesale Lot",
    "1:1 Quality",
    "Best Copy",
];
const CONDITIONS: [&str; 4] = ["New", "Boxed", "Free Shipping", "Gift Ready"];

/// The demo marketplace: about a third branded goods at their usual price, one branded
/// listing in twenty-five priced at 5–15 % of usual with tell-tale words, the rest generic.
pub fn demo_listings(seller_ids: &[i64]) -> Vec<listings::NewListing> {
    let mut rng = SplitMix(0x600D_FA17);
    (0..DEMO_LISTINGS)
        .map(|i| {
            let seller_id = seller_ids[rng.below(seller_ids.len())];
            let branded = i % 3 != 2;
            let (title, category, usual) = if branded {
                let (.., catalog) = BRANDS[rng.below(BRANDS.len())];
                catalog[rng.below(catalog.len())]
            } else {
                GENERIC[rng.below(GENERIC.len())]
            };
            let suspicious = branded && i % 25 == 0;
            let (title, share) = if suspicious {
                let word = SUSPICIOUS_WORDS[rng.below(SUSPICIOUS_WORDS.len())];
                (format!("{title} – {word}"), rng.percent(5, 15))
            } else {
                let word = CONDITIONS[rng.below(CONDITIONS.len())];
                (format!("{title} ({word})"), rng.percent(85, 115))
            };
            listings::NewListing {
                seller_id,
                title,
                category: category.to_owned(),
                price_cents: usual * share / 100 / 100 * 100 + 99,
                currency: "USD".into(),
            }
        })
        .collect()
}

/// Prints the demo logins, so whoever started the server can sign in straight away.
pub fn print_demo_logins() {
    println!("\nGoodfaith demo accounts (password for all: {DEMO_PASSWORD})");
    for (email, _, role, brand) in DEMO_USERS {
        let scope = brand.map(|brand| format!(" — {brand}")).unwrap_or_default();
        println!("  {email:<26} {}{scope}", role.label());
    }
    println!();
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
