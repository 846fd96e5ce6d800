//! Tools for `bench/run.sh`: the facts a load script needs (ids of the demo brands, their
//! rights, the listing range to take down). The ceiling the portal is compared with lives in
//! `bench_ceiling`, behind a feature.

use app::db::Db;

/// Ids the load scripts put into their requests.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// Helios Audio (Joint-Force) and its verified trademark.
    pub helios: (i64, i64),
    /// Northwind Apparel (Standard) and its verified trademark.
    pub northwind: (i64, i64),
    /// The Helios staff account that takes listings down.
    pub helios_staff: i64,
    /// Lowest and highest listing id of the scale marketplace.
    pub listings: (i64, i64),
    /// The scale brand with the long history the export row downloads (0 if not seeded).
    pub export_brand: i64,
}

async fn brand_and_right(db: &Db, name: &str) -> anyhow::Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT b.id, MIN(r.id) FROM brands b JOIN ip_rights r ON r.brand_id = b.id \
         WHERE b.name = $1 AND r.status = 'verified' GROUP BY b.id",
    )
    .bind(name)
    .fetch_one(&db.pool)
    .await?)
}

/// Reads the facts from a database seeded by `goodfaith seed`.
pub async fn facts(db: &Db) -> anyhow::Result<Facts> {
    let helios_staff = sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@helios.test'")
        .fetch_one(&db.pool)
        .await?;
    // The scale listings follow the demo's (2,400 and their histories, all under 5,000).
    let listings = sqlx::query_as("SELECT MIN(id), MAX(id) FROM listings WHERE category = 'Scale'")
        .fetch_one(&db.pool)
        .await?;
    let export_brand: Option<i64> =
        sqlx::query_scalar("SELECT id FROM brands WHERE name = 'Scale Brand 00000'")
            .fetch_optional(&db.pool)
            .await?;
    Ok(Facts {
        export_brand: export_brand.unwrap_or(0),
        helios: brand_and_right(db, "Helios Audio").await?,
        northwind: brand_and_right(db, "Northwind Apparel").await?,
        helios_staff,
        listings,
    })
}
