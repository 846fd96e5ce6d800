//! The Policy page's settings and their history.

use serde::{Deserialize, Serialize};

/// One setting as the Policy page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySettingView {
    /// Its stored key (the form sends it back).
    pub key: String,
    /// Its name.
    pub label: String,
    /// What it does.
    pub meaning: String,
    /// The value in force, in words ("4 hours", "90 %").
    pub value: String,
    /// The value in force as the form's field starts ("90", "92.5").
    pub typed: String,
    /// The environment's default, in words.
    pub default: String,
    /// What is allowed, in words ("50 % – 100 %").
    pub range: String,
    /// Whether an admin changed it from the default.
    pub changed: bool,
}

/// One past change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyChangeView {
    /// Id.
    pub id: i64,
    /// The setting's name.
    pub label: String,
    /// The value before, in words.
    pub from: String,
    /// The value after, in words.
    pub to: String,
    /// Why.
    pub reason: String,
    /// Who.
    pub by: String,
    /// When.
    pub at: i64,
}

/// The Policy page: every setting and the newest changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyView {
    /// Every setting, in the page's order.
    pub settings: Vec<PolicySettingView>,
    /// The newest changes first.
    pub changes: Vec<PolicyChangeView>,
}

/// The thresholds public pages quote (the landing page's tiers, a removal's appeal window),
/// as in force now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySummary {
    /// Review target for Standard brands, hours.
    pub standard_hours: i64,
    /// Review target for Good Faith and Joint-Force brands, hours.
    pub good_faith_hours: i64,
    /// Decided reports needed for Good Faith.
    pub min_decided: i64,
    /// Least accuracy for Good Faith, basis points.
    pub min_accuracy_bp: i64,
    /// Days a seller may file a counter-notice.
    pub counter_notice_days: i64,
    /// The default deadline of an authenticity inquiry, hours.
    pub inquiry_hours: i64,
}
