//! The demo's cast and catalogue: its accounts, brands (with the histories their tiers
//! come from), products, shops, and the marketplace's listings made from them.

use app::db::listings;
use app::domain::Role;

use super::rng::SplitMix;

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
pub(crate) type Catalog = &'static [(&'static str, &'static str, i64)];

/// A demo brand's decided reports in the tier window: (upheld, rejected as "not infringing",
/// rejected for other reasons), plus older decided reports that only the 26-week chart shows.
/// The tiers come from these through the rules; no tier is written by hand.
#[derive(Debug, Clone, Copy)]
pub(crate) struct History {
    pub(crate) upheld: usize,
    pub(crate) not_infringing: usize,
    pub(crate) rejected_other: usize,
    pub(crate) older: usize,
}

/// Demo brands: (name, Joint-Force enrolled, manager e-mail, history, catalogue).
pub(crate) const BRANDS: [(&str, bool, &str, History, Catalog); 5] = [
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
pub(crate) const GENERIC: Catalog = &[
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
pub(crate) const SELLERS: [(&str, &str); 12] = [
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

pub(crate) const SUSPICIOUS_WORDS: [&str; 4] = [
    "Factory Sealed",
    "Wholesale Lot",
    "1:1 Quality",
    "Best Copy",
];
pub(crate) const CONDITIONS: [&str; 4] = ["New", "Boxed", "Free Shipping", "Gift Ready"];

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

/// A tiny but valid PDF, standing in for a registration certificate.
pub(crate) const DEMO_PROOF_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
