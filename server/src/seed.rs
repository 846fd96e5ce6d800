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
pub const DEMO_USERS: [(&str, &str, Role, Option<&str>); 10] = [
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
    (
        "staff@borealis.test",
        "Bo Borealis",
        Role::BrandStaff,
        Some("Borealis Optics"),
    ),
    (
        "staff@cobalt.test",
        "Cleo Cobalt",
        Role::BrandStaff,
        Some("Cobalt Cosmetics"),
    ),
    ("seller@bazaar.test", "Sam Seller", Role::Seller, None),
    ("seller@harbour.test", "Hugo Harbour", Role::Seller, None),
];

/// A brand's products: (title, category, usual price in cents).
type Catalog = &'static [(&'static str, &'static str, i64)];

/// A demo brand's decided reports in the tier window: (upheld, rejected as "not infringing",
/// rejected for other reasons), plus older decided reports that only the 26-week chart shows.
/// The tiers come from these through the rules; no tier is written by hand.
#[derive(Debug, Clone, Copy)]
struct History {
    upheld: usize,
    not_infringing: usize,
    rejected_other: usize,
    older: usize,
}

/// Demo brands: (name, Joint-Force enrolled, manager e-mail, history, catalogue).
const BRANDS: [(&str, bool, &str, History, Catalog); 5] = [
    (
        "Northwind Apparel",
        false,
        "manager2@goodfaith.test",
        // 40 decided: Standard, "60 more decided reports" from Good Faith.
        History {
            upheld: 37,
            not_infringing: 1,
            rejected_other: 2,
            older: 10,
        },
        &[
            ("Northwind Trail Parka", "Outerwear", 28_900),
            ("Northwind Merino Base Layer", "Apparel", 8_900),
            ("Northwind Fleece Hoodie", "Apparel", 7_500),
            ("Northwind Summit Gloves", "Accessories", 4_500),
        ],
    ),
    (
        "Aurora Watches",
        false,
        "manager@goodfaith.test",
        // 150 decided at 94 %: Good Faith.
        History {
            upheld: 141,
            not_infringing: 3,
            rejected_other: 6,
            older: 60,
        },
        &[
            ("Aurora Meridian Automatic Watch", "Watches", 129_000),
            ("Aurora Chronograph Steel 42mm", "Watches", 89_000),
            ("Aurora Dive 300 Watch", "Watches", 149_000),
            ("Aurora Leather Strap 20mm", "Accessories", 12_000),
        ],
    ),
    (
        "Helios Audio",
        true,
        "manager@goodfaith.test",
        // 141 decided at 90.1 % (146 at 90.4 % with the seeded takedowns and inquiry answer)
        // and enrolled with a manager: Joint-Force, close enough to the line that one
        // overturned takedown in the manager's audit ends its instant-takedown right.
        History {
            upheld: 127,
            not_infringing: 2,
            rejected_other: 12,
            older: 50,
        },
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
    (
        "Borealis Optics",
        false,
        "manager@goodfaith.test",
        // Exactly 90 % of 100: Good Faith, one rejection away from losing it.
        History {
            upheld: 90,
            not_infringing: 4,
            rejected_other: 6,
            older: 20,
        },
        &[
            ("Borealis Polar Sunglasses", "Eyewear", 18_900),
            ("Borealis Ridge 10x42 Binoculars", "Optics", 42_900),
            ("Borealis Trail Sport Goggles", "Eyewear", 9_900),
        ],
    ),
    (
        "Cobalt Cosmetics",
        false,
        "manager2@goodfaith.test",
        // 25 decided, 8 of them "not infringing" (32 %): under a misuse warning.
        History {
            upheld: 15,
            not_infringing: 8,
            rejected_other: 2,
            older: 0,
        },
        &[
            ("Cobalt Velvet Matte Lipstick", "Beauty", 3_200),
            ("Cobalt Hydra Serum 30ml", "Beauty", 5_900),
            ("Cobalt Lash Lift Mascara", "Beauty", 2_800),
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
    let mut tx = db.begin().await?;

    let mut seller_ids = Vec::with_capacity(SELLERS.len());
    for (name, country) in SELLERS {
        seller_ids.push(listings::insert_seller(&mut tx, name, country, now).await?);
    }
    let mut brand_ids = Vec::with_capacity(BRANDS.len());
    for (name, enrolled, ..) in BRANDS {
        // Every brand starts Standard; its history earns the rest (see seed_notices).
        brand_ids.push(brands::insert_brand(&mut tx, name, Tier::Standard, enrolled, now).await?);
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
        for (index, (_, _, manager, ..)) in BRANDS.iter().enumerate() {
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

/// Hours before now at which each demo brand's pending report was filed: Northwind's and
/// Aurora's are past their review targets (24 h, 4 h), the others are not.
const DEMO_REPORT_AGE_HOURS: [i64; 5] = [30, 5, 1, 2, 3];

/// Days of history inside the tier window (which is 90 days by default).
const HISTORY_DAYS: i64 = 84;

/// IP rights, histories and reports, through the same code the portal uses. Each brand gets a
/// verified trademark (Northwind also a design right waiting for verification) and a history
/// of decided reports from which the rules compute its tier; then each brand reports three of
/// its obvious fakes, and one of Helios's is removed — so the queue, the verification page, the
/// tier cards and a statement of reasons all have something to show.
async fn seed_notices(db: &Db, now: i64) -> anyhow::Result<()> {
    use app::db::reports::{DecidedItem, NewReport};
    use app::db::trust;
    use app::db::{files, reports, review, rights};
    use app::domain::Rules;
    use app::domain::{ItemStatus, ReasonCode, RejectionCode, RightKind, RightStatus};

    let rules = Rules::default();
    let sha256 = app::uploads::sha256_hex(DEMO_PROOF_PDF);
    let all = brands::list_all(&db.pool).await?;
    let seller_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM sellers ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let mut made = Vec::new();
    for (index, (name, _, _, history, catalog)) in BRANDS.iter().enumerate() {
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
        let mut tx = db.begin().await?;
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

        // The history: fakes that were reported and decided, week by week. Their listings are
        // added to the marketplace (removed when the notice was upheld).
        let in_window = history.upheld + history.not_infringing + history.rejected_other;
        let total = in_window + history.older;
        let mut rng = SplitMix(0xB0A7 + index as u64);
        let new: Vec<listings::NewListing> = (0..total)
            .map(|_| {
                let (title, category, usual) = catalog[rng.below(catalog.len())];
                let word = SUSPICIOUS_WORDS[rng.below(SUSPICIOUS_WORDS.len())];
                listings::NewListing {
                    seller_id: seller_ids[rng.below(seller_ids.len())],
                    title: format!("{title} – {word}"),
                    category: category.to_owned(),
                    price_cents: usual * rng.percent(5, 15) / 100 / 100 * 100 + 99,
                    currency: "USD".into(),
                }
            })
            .collect();
        listings::insert_many(&mut tx, &new, now).await?;
        let listing_ids = listings::newest_ids(&mut tx, total as i64).await?;
        // Rejections are spread evenly through time, so every week looks like the whole;
        // `spread(k, n, of)` is true for exactly `n` of the `of` positions `k`.
        let spread = |k: usize, n: usize, of: usize| of > 0 && k * n / of != (k + 1) * n / of;
        let rejected = history.not_infringing + history.rejected_other;
        let mut rejections = 0;
        let verdicts: Vec<(ItemStatus, Option<RejectionCode>)> = (0..total)
            .map(|k| {
                if k >= in_window || !spread(k, rejected, in_window) {
                    return (ItemStatus::Removed, None);
                }
                let nth = rejections;
                rejections += 1;
                let code = if spread(nth, history.not_infringing, rejected) {
                    RejectionCode::NotInfringing
                } else {
                    RejectionCode::InsufficientEvidence
                };
                (ItemStatus::Rejected, Some(code))
            })
            .collect();
        let removed: Vec<i64> = listing_ids
            .iter()
            .zip(&verdicts)
            .filter(|(_, (status, _))| *status == ItemStatus::Removed)
            .map(|(id, _)| *id)
            .collect();
        listings::mark_removed(&mut tx, &removed).await?;
        // Inside the window: spread over the last HISTORY_DAYS days; older: 91–175 days ago.
        let decided_at = |k: usize| {
            if k < in_window {
                now - 3_600_000 - (k as i64 * HISTORY_DAYS * 86_400_000) / in_window.max(1) as i64
            } else {
                now - 91 * 86_400_000
                    - ((k - in_window) as i64 * 84 * 86_400_000) / history.older.max(1) as i64
            }
        };
        let mut by_week: std::collections::BTreeMap<i64, Vec<DecidedItem>> = Default::default();
        for (k, (listing_id, (status, code))) in listing_ids.iter().zip(&verdicts).enumerate() {
            let at = decided_at(k);
            by_week
                .entry((now - at) / (7 * 86_400_000))
                .or_default()
                .push(DecidedItem {
                    listing_id: *listing_id,
                    status: *status,
                    rejection_code: *code,
                    decided_at: at,
                    decided_by: manager,
                });
        }
        for items in by_week.values() {
            let first = items
                .iter()
                .map(|item| item.decided_at)
                .min()
                .unwrap_or(now);
            let report = NewReport {
                brand_id: brand.id,
                submitted_by: staff,
                ip_right_id: trademark,
                reason: ReasonCode::Counterfeit,
                explanation: format!("Counterfeit {name} goods found in our weekly sweep."),
                test_buy_order: String::new(),
                declaration: app::domain::report::DECLARATION.to_owned(),
                signature: "Demo Signatory".into(),
                resubmits_item_id: None,
                evidence_file_ids: Vec::new(),
                items: Vec::new(),
            };
            reports::insert_history(&mut tx, &report, first - 6 * 3_600_000, items).await?;
        }
        tx.commit().await?;
        made.push((index, brand.id, staff, manager, trademark));
    }

    // The tiers now follow from the histories.
    trust::recompute_all(db, &rules, now).await?;

    for (index, brand_id, staff, manager, trademark) in made {
        let name = BRANDS[index].0;
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
        let report = NewReport {
            brand_id,
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
        let (_, items) = reports::submit(db, &report, rules.targets, filed_at)
            .await
            .map_err(|error| anyhow::anyhow!("seeding a report: {error}"))?;
        if BRANDS[index].1
            && let Some((item_id, _)) = items.first()
        {
            review::decide(
                db,
                *item_id,
                &app::model::Decision::Remove,
                &rules,
                manager,
                now,
            )
            .await?
            .map_err(|message| anyhow::anyhow!(message))?;
        }
    }
    seed_joint_force(db, &rules, now).await?;
    seed_sellers(db, &rules, now).await
}

/// Helios's Joint-Force life, through the portal's own code: reference prices and authorised
/// sellers for the suspicion rules, three instant takedowns sampled for the manager's audit
/// (one of them of a listing priced like the real thing), and inquiries in every state —
/// open, answered genuine, unsure and counterfeit (with its report item), and expired.
async fn seed_joint_force(db: &Db, rules: &app::domain::Rules, now: i64) -> anyhow::Result<()> {
    use app::db::inquiries::{self, ListChange};
    use app::db::reports::NewReport;
    use app::domain::ReasonCode;
    use app::domain::joint_force::{Answer, SuspicionRule};
    use app::model::{InquiryAnswer, InquiryDraft};

    const HOUR: i64 = 3_600_000;
    let pool = &db.pool;
    let (brand_id, manager_id): (i64, i64) =
        sqlx::query_as("SELECT id, manager_id FROM brands WHERE name = 'Helios Audio'")
            .fetch_one(pool)
            .await?;
    let staff: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@helios.test'")
        .fetch_one(pool)
        .await?;
    let right: i64 = sqlx::query_scalar(
        "SELECT id FROM ip_rights WHERE brand_id = $1 AND status = 'verified' ORDER BY id LIMIT 1",
    )
    .bind(brand_id)
    .fetch_one(pool)
    .await?;
    let changes = [
        ListChange::SetPrice {
            product_line: "Studio Pro".into(),
            price_cents: 34_900,
        },
        ListChange::SetPrice {
            product_line: "Buds ANC".into(),
            price_cents: 19_900,
        },
        ListChange::SetPrice {
            product_line: "Arc Bluetooth Speaker".into(),
            price_cents: 14_900,
        },
        ListChange::AddSeller("Pacific Audio House".into()),
        ListChange::AddSeller("Nordic Gear Shop".into()),
    ];
    for change in &changes {
        inquiries::change_lists(db, brand_id, change, staff, now - 30 * 24 * HOUR)
            .await?
            .map_err(|message| anyhow::anyhow!(message))?;
    }
    // Live Helios listings nobody has reported yet: fakes ("… – replica") and ordinary ones
    // ("… (new)"), below the ids the end-to-end tests use.
    let unreported = |pattern: &'static str| {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM listings WHERE title LIKE $1 AND status = 'live' AND id NOT IN \
             (SELECT listing_id FROM report_items) AND (id < 1000 OR id > 2400) ORDER BY id LIMIT 4",
        )
        .bind(pattern)
        .fetch_all(pool)
    };
    let fakes = unreported("Helios %– %").await?;
    let ordinary = unreported("Helios %(%").await?;
    anyhow::ensure!(
        fakes.len() == 4 && ordinary.len() == 4,
        "the demo marketplace has too few Helios listings"
    );

    // Every one of these takedowns goes to the manager's audit queue.
    let mut sampled = *rules;
    sampled.joint_force.audit.share_bp = 10_000;
    let takedown = NewReport {
        brand_id,
        submitted_by: staff,
        ip_right_id: right,
        reason: ReasonCode::Counterfeit,
        explanation: "Counterfeit Helios audio gear: unbranded drivers and fake serial numbers."
            .into(),
        test_buy_order: String::new(),
        declaration: app::domain::report::DECLARATION.to_owned(),
        signature: "Hana Helios".into(),
        resubmits_item_id: None,
        evidence_file_ids: Vec::new(),
        items: [fakes[0], fakes[1], ordinary[0]]
            .iter()
            .map(|id| (*id, id.to_string(), String::new()))
            .collect(),
    };
    app::db::takedown::take_down(db, &takedown, &sampled, now - 6 * HOUR)
        .await
        .map_err(|error| anyhow::anyhow!("seeding takedowns: {error}"))?;

    // (listing, rule, hours ago asked, answer with comment and hours ago answered)
    type Asked<'a> = (i64, SuspicionRule, i64, Option<(Answer, &'a str, i64)>);
    let asked: [Asked; 5] = [
        (fakes[2], SuspicionRule::PriceBelowReference, 5, None),
        (
            ordinary[1],
            SuspicionRule::UnauthorisedSeller,
            72,
            Some((
                Answer::Genuine,
                "Genuine: this shop buys from our EU distributor.",
                48,
            )),
        ),
        (
            ordinary[2],
            SuspicionRule::SellerWithStrikes,
            48,
            Some((
                Answer::Unsure,
                "The photos are too small to tell; could the marketplace order a test buy?",
                30,
            )),
        ),
        (ordinary[3], SuspicionRule::SellerWithStrikes, 96, None),
        (
            fakes[3],
            SuspicionRule::PriceBelowReference,
            24,
            Some((Answer::Counterfeit, "", 20)),
        ),
    ];
    for (listing_id, rule, ago, answer) in asked {
        let draft = InquiryDraft {
            brand_id,
            listing_id,
            question: format!("Is listing {listing_id} genuine Helios goods?"),
            deadline_hours: app::domain::joint_force::DEFAULT_INQUIRY_HOURS,
            rule: Some(rule),
        };
        let id = inquiries::ask(db, &draft, &draft.question, manager_id, now - ago * HOUR)
            .await?
            .map_err(|message| anyhow::anyhow!(message))?;
        if let Some((answer, comment, answered_ago)) = answer {
            let answer = InquiryAnswer {
                inquiry_id: id,
                answer,
                comment: comment.into(),
                ip_right_id: right,
                declared: true,
                signature: "Hana Helios".into(),
            };
            inquiries::answer(
                db,
                brand_id,
                &answer,
                staff,
                rules,
                now - answered_ago * HOUR,
            )
            .await?
            .map_err(|message| anyhow::anyhow!(message))?;
        }
    }
    // The one asked 96 hours ago with 72 to answer has expired.
    inquiries::expire(db, now).await?;
    Ok(())
}

/// A brand's demo people and right: (brand id, first staff user, account manager, verified
/// trademark).
async fn brand_people(db: &Db, name: &str) -> anyhow::Result<(i64, i64, i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT b.id, (SELECT MIN(u.id) FROM users u WHERE u.brand_id = b.id), b.manager_id, \
         (SELECT MIN(r.id) FROM ip_rights r WHERE r.brand_id = b.id AND r.status = 'verified') \
         FROM brands b WHERE b.name = $1",
    )
    .bind(name)
    .fetch_one(&db.pool)
    .await?)
}

/// The sellers' side, through the portal's own code. Bazaar Outlet had a listing removed on
/// Northwind's notice two days ago and may still appeal it. Harbour Goods has two strikes —
/// one of them appealed, with Aurora letting its response window pass, so the appeal heads
/// the manager's queue flagged "no response" — and a third listing reported by Aurora waits
/// in the review queue: removing it suspends the seller.
async fn seed_sellers(db: &Db, rules: &app::domain::Rules, now: i64) -> anyhow::Result<()> {
    use app::db::reports::NewReport;
    use app::db::{counter_notices, reports, review};
    use app::domain::appeal::CounterNoticeDraft;
    use app::domain::trust::DAY_MS;

    let pool = &db.pool;
    // Branded, ordinary listings of a seller, below the ids end-to-end tests report.
    let listings_of = |seller: &'static str, mark: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
             WHERE s.name = $1 AND l.title LIKE $2 AND l.title NOT LIKE '%–%' \
               AND l.status = 'live' AND l.id BETWEEN 100 AND 999 ORDER BY l.id LIMIT 3",
        )
        .bind(seller)
        .bind(format!("{mark} %"))
        .fetch_all(pool)
        .await
    };
    // Reports one listing for the brand at `filed_at` and, with `decided_at`, removes it then.
    let report = |brand: (i64, i64, i64, i64),
                  listing: i64,
                  filed_at: i64,
                  decided_at: Option<i64>| async move {
        let (brand_id, staff, manager, right) = brand;
        let notice = NewReport {
            brand_id,
            submitted_by: staff,
            ip_right_id: right,
            reason: app::domain::ReasonCode::Counterfeit,
            explanation: "Counterfeit: the logo and the stitching differ from our genuine \
                          product; test buy confirmed. Contact brand-protection@brand.example."
                .into(),
            test_buy_order: String::new(),
            declaration: app::domain::report::DECLARATION.to_owned(),
            signature: "Demo Signatory".into(),
            resubmits_item_id: None,
            evidence_file_ids: Vec::new(),
            items: vec![(listing, listing.to_string(), String::new())],
        };
        let (_, items) = reports::submit(db, &notice, rules.targets, filed_at)
            .await
            .map_err(|error| anyhow::anyhow!("seeding a seller's case: {error}"))?;
        let item = items.first().map(|(item, _)| *item).unwrap_or_default();
        if let Some(at) = decided_at {
            let decision = app::model::Decision::Remove;
            review::decide(db, item, &decision, rules, manager, at)
                .await?
                .map_err(|message| anyhow::anyhow!(message))?;
        }
        anyhow::Ok(item)
    };

    let northwind = brand_people(db, "Northwind Apparel").await?;
    let aurora = brand_people(db, "Aurora Watches").await?;
    if let Some(listing) = listings_of("Bazaar Outlet", "Northwind").await?.first() {
        report(
            northwind,
            *listing,
            now - 3 * DAY_MS,
            Some(now - 2 * DAY_MS),
        )
        .await?;
    }
    let harbour = listings_of("Harbour Goods", "Aurora").await?;
    if let [appealed, second, third] = harbour[..] {
        report(aurora, appealed, now - 13 * DAY_MS, Some(now - 12 * DAY_MS)).await?;
        report(aurora, second, now - 21 * DAY_MS, Some(now - 20 * DAY_MS)).await?;
        report(aurora, third, now - 2 * 3_600_000, None).await?;
        let hugo: (i64, i64) = sqlx::query_as(
            "SELECT u.id, u.seller_id FROM users u WHERE u.email = 'seller@harbour.test'",
        )
        .fetch_one(pool)
        .await?;
        let draft = CounterNoticeDraft {
            listing_id: appealed,
            ground: "genuine".into(),
            statement: "These watches come from Aurora's authorised distributor in Rotterdam; \
                        the invoice is available on request."
                .into(),
            contact_name: "Hugo Harbour".into(),
            contact_email: "hugo@harbour.example".into(),
            contact_address: "Kade 12, 3011 Rotterdam, Netherlands".into(),
            file_ids: Vec::new(),
            declared: true,
            signature: "Hugo Harbour".into(),
        };
        counter_notices::file(db, &draft, hugo, rules, now - 11 * DAY_MS)
            .await?
            .map_err(|(_, message)| anyhow::anyhow!(message))?;
        counter_notices::flag_no_response(db, now).await?;
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
        };
        reports::insert_history(&mut tx, &report, now - 89 * 86_400_000, &items).await?;
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
