//! The demo story: filling an empty database with the demo accounts, brands, rights,
//! reports, Joint-Force life and sellers, through the portal's own code; and the logins
//! printed for whoever started it.

use app::auth::password;
use app::db::{self, Db, audit, brands, listings, users};
use app::domain::{Role, Tier};

use super::catalog::*;
use super::demo_notices::seed_notices;

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

/// Demo mode and the benchmark's seeding add accounts whose password is published: refused
/// when the database already holds anyone else's account (an address outside the reserved
/// `.test` domain every demo account uses), so they are never pointed at a real portal by
/// mistake. `GOODFAITH_DEMO_FORCE` overrides it.
pub async fn refuse_real_database(db: &Db) -> anyhow::Result<()> {
    let real: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email NOT LIKE '%.test'")
        .fetch_one(&db.pool)
        .await?;
    anyhow::ensure!(
        real == 0,
        "this database holds {real} accounts that are not demo accounts; demo mode and seeding \
         would add accounts with a published password. Use an empty database, or set \
         GOODFAITH_DEMO_FORCE=1 if that is really meant"
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
            brand_admin: brand_id.is_some(),
        };
        let user_id = users::insert_user(&mut tx, &user, now).await?;
        if let (Some(brand_id), Some(name)) = (brand_id, brand) {
            // Each demo brand's one staff member is the contact the marketplace writes to.
            let contact = app::domain::brand::BrandDetails {
                name: name.to_owned(),
                contact_name: display_name.to_owned(),
                contact_email: email.to_owned(),
            };
            brands::set_details(&mut tx, brand_id, &contact).await?;
        }
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
    seed_notices(db, now).await?;
    seed_demo_token(db, now).await?;
    seed_demo_key(db, now).await?;
    // The demo's history is its starting point, not news for anyone's bell or mailbox.
    app::db::notifications::skip_history(&db.pool).await?;
    // It has no audit trail of its items for the transparency figures to follow: count it.
    app::service::transparency::recount(&app::service::Context::new(
        db.clone(),
        Default::default(),
    ))
    .await?;
    Ok(())
}

/// The demo's marketplace integration key (the events feed; listing ingest), made by the
/// admin. Its secret is printed with the logins; only demo databases have it.
pub const DEMO_MARKETPLACE_KEY: &str =
    "gfm_demo_marketplace_key_0000000000000000000000000000000000000000";

async fn seed_demo_key(db: &Db, now: i64) -> anyhow::Result<()> {
    let admin: i64 = sqlx::query_scalar("SELECT MIN(id) FROM users WHERE role = 'admin'")
        .fetch_one(&db.pool)
        .await?;
    let mut tx = db.begin().await?;
    let hash = app::service::integration::key_hash(DEMO_MARKETPLACE_KEY);
    let prefix = &DEMO_MARKETPLACE_KEY[..12];
    let id =
        app::db::integration::insert_key(&mut tx, "Demo marketplace", prefix, &hash, admin, now)
            .await?;
    let event = audit::NewEvent {
        actor_id: Some(admin),
        action: "integration.key_created",
        subject_type: "integration",
        subject_id: id,
        brand_id: None,
        detail: "Demo marketplace (demo data)",
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The demo's Brand API token: Helios Audio's (Joint-Force), every scope, made by its staff
/// member. Its secret is printed with the logins; only demo databases have it.
pub const DEMO_API_TOKEN: &str = "gf_demo_helios_audio_every_scope_0000000000000000000000000000000";

async fn seed_demo_token(db: &Db, now: i64) -> anyhow::Result<()> {
    let (brand_id, staff_id, ..) = brand_people(db, "Helios Audio").await?;
    let scopes = app::domain::api_token::Scope::join(&app::domain::api_token::Scope::ALL);
    let mut tx = db.begin().await?;
    let token = app::db::tokens::NewToken {
        brand_id,
        user_id: staff_id,
        name: "Demo integration",
        prefix: &DEMO_API_TOKEN[..11],
        token_hash: &app::service::tokens::secret_hash(DEMO_API_TOKEN),
        scopes: &scopes,
        expires_at: None,
    };
    let id = app::db::tokens::insert(&mut tx, &token, now).await?;
    let event = audit::NewEvent {
        actor_id: Some(staff_id),
        action: "api_token.created",
        subject_type: "api_token",
        subject_id: id,
        brand_id: Some(brand_id),
        detail: "Demo integration (demo data)",
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A brand's demo people and right: (brand id, first staff user, account manager, verified
/// trademark).
pub(crate) async fn brand_people(db: &Db, name: &str) -> anyhow::Result<(i64, i64, i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT b.id, (SELECT MIN(u.id) FROM users u WHERE u.brand_id = b.id), b.manager_id, \
         (SELECT MIN(r.id) FROM ip_rights r WHERE r.brand_id = b.id AND r.status = 'verified') \
         FROM brands b WHERE b.name = $1",
    )
    .bind(name)
    .fetch_one(&db.pool)
    .await?)
}

/// Prints the demo logins, so whoever started the server can sign in straight away.
pub fn print_demo_logins() {
    println!("\nGoodfaith demo accounts (password for all: {DEMO_PASSWORD})");
    for (email, _, role, brand) in DEMO_USERS {
        let scope = brand.map(|brand| format!(" — {brand}")).unwrap_or_default();
        println!("  {email:<26} {}{scope}", role.label());
    }
    println!("\nBrand API (reference at /api/docs): Helios Audio's demo token, every scope:");
    println!("  {DEMO_API_TOKEN}");
    println!("Marketplace API (/api/v1/marketplace/…): the demo's integration key:");
    println!("  {DEMO_MARKETPLACE_KEY}");
    println!();
}
