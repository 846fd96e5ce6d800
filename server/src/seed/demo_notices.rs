//! The demo's IP rights, decided histories and pending reports.

use app::db::{Db, brands, listings};

use super::catalog::*;
use super::demo_joint_force::seed_joint_force;
use super::demo_sellers::seed_sellers;
use super::rng::SplitMix;

/// Hours before now at which each demo brand's pending report was filed: Northwind's and
/// Aurora's are past their review targets (24 h, 4 h), the others are not.
pub(crate) const DEMO_REPORT_AGE_HOURS: [i64; 5] = [30, 5, 1, 2, 3];

/// Days of history inside the tier window (which is 90 days by default).
pub(crate) const HISTORY_DAYS: i64 = 84;

/// IP rights, histories and reports, through the same code the portal uses. Each brand gets a
/// verified trademark (Northwind also a design right waiting for verification) and a history
/// of decided reports from which the rules compute its tier; then each brand reports three of
/// its obvious fakes, and one of Helios's is removed — so the queue, the verification page, the
/// tier cards and a statement of reasons all have something to show.
pub(crate) async fn seed_notices(db: &Db, now: i64) -> anyhow::Result<()> {
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
                confirmed_authorised: Vec::new(),
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
            confirmed_authorised: Vec::new(),
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
            .map_err(|refusal| anyhow::anyhow!(refusal.message(*item_id)))?;
        }
    }
    seed_joint_force(db, &rules, now).await?;
    seed_sellers(db, &rules, now).await
}
