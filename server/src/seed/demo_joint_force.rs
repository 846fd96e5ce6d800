//! Helios's Joint-Force life in the demo: suspicion lists, sampled instant takedowns and
//! inquiries in every state.

use app::db::Db;

/// Helios's Joint-Force life, through the portal's own code: reference prices and authorised
/// sellers for the suspicion rules, three instant takedowns sampled for the manager's audit
/// (one of them of a listing priced like the real thing), and inquiries in every state —
/// open, answered genuine, unsure and counterfeit (with its report item), and expired.
pub(crate) async fn seed_joint_force(
    db: &Db,
    rules: &app::domain::Rules,
    now: i64,
) -> anyhow::Result<()> {
    use app::db::brand_lists::{self, ListChange};
    use app::db::inquiries;
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
        brand_lists::change_lists(db, brand_id, change, staff, now - 30 * 24 * HOUR)
            .await?
            .map_err(|refusal| anyhow::anyhow!(refusal.message()))?;
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
        confirmed_authorised: Vec::new(),
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
            .map_err(|refusal| anyhow::anyhow!(refusal.message()))?;
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
            .map_err(|refusal| anyhow::anyhow!(refusal.message()))?;
        }
    }
    // The one asked 96 hours ago with 72 to answer has expired.
    inquiries::expire(db, now).await?;
    Ok(())
}
