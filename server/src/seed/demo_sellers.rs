//! The sellers' side of the demo: a removal that may still be appealed, strikes, an appeal
//! left without the brand's response, and a listing whose removal would suspend its seller.

use app::db::Db;

use super::demo::brand_people;

/// The sellers' side, through the portal's own code. Bazaar Outlet had a listing removed on
/// Northwind's notice two days ago and may still appeal it. Harbour Goods has two strikes —
/// one of them appealed, with Aurora letting its response window pass, so the appeal heads
/// the manager's queue flagged "no response" — and a third listing reported by Aurora waits
/// in the review queue: removing it suspends the seller.
pub(crate) async fn seed_sellers(
    db: &Db,
    rules: &app::domain::Rules,
    now: i64,
) -> anyhow::Result<()> {
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
            confirmed_authorised: Vec::new(),
        };
        let (_, items) = reports::submit(db, &notice, rules.targets, filed_at)
            .await
            .map_err(|error| anyhow::anyhow!("seeding a seller's case: {error}"))?;
        let item = items.first().map(|(item, _)| *item).unwrap_or_default();
        if let Some(at) = decided_at {
            let decision = app::model::Decision::Remove;
            review::decide(db, item, &decision, rules, manager, at)
                .await?
                .map_err(|refusal| anyhow::anyhow!(refusal.message(item)))?;
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
            .map_err(|refusal| anyhow::anyhow!(refusal.message()))?;
        counter_notices::flag_no_response(db, now).await?;
    }
    Ok(())
}
