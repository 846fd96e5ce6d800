//! Telling the marketplace: the events the outbox carries, when a failed delivery is tried
//! again, and which webhook addresses may receive them. Pure rules; the dispatcher
//! (`server::dispatcher`) and the Integration page apply them.

use serde::{Deserialize, Serialize};

/// What happened, as the marketplace is told (the webhook's `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// A listing was taken down: the marketplace stops selling it.
    ListingRemoved,
    /// A removed listing was put back (retraction, audit overturn, counter-notice).
    ListingRestored,
    /// A seller was suspended by the repeat-infringer rule.
    SellerSuspended,
    /// A seller's suspension ended early (a strike was lifted, or an admin lifted it).
    SellerReinstated,
}

stored_names!(EventKind {
    ListingRemoved => "listing.removed",
    ListingRestored => "listing.restored",
    SellerSuspended => "seller.suspended",
    SellerReinstated => "seller.reinstated",
});

/// Where an outbox row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeliveryState {
    /// Not yet delivered; the dispatcher will try (again).
    Pending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Retries ran out; delivered again only if an admin asks.
    Failed,
}

stored_names!(DeliveryState {
    Pending => "pending",
    Delivered => "delivered",
    Failed => "failed",
});

impl DeliveryState {
    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            DeliveryState::Pending => "Pending",
            DeliveryState::Delivered => "Delivered",
            DeliveryState::Failed => "Failed",
        }
    }
}

/// How long failed deliveries are retried, and how far apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failed attempt (ms); it doubles after each further one.
    pub first_wait_ms: i64,
    /// The longest wait between two attempts (ms).
    pub longest_wait_ms: i64,
    /// How long after the event retries go on (ms); past it the row is failed.
    pub give_up_after_ms: i64,
}

impl Default for RetryPolicy {
    /// 5 s, 10 s, 20 s … up to an hour apart, for 24 hours (as Standard Webhooks suggests:
    /// long enough to outlast a marketplace's outage overnight).
    fn default() -> Self {
        RetryPolicy {
            first_wait_ms: 5_000,
            longest_wait_ms: 3_600_000,
            give_up_after_ms: 24 * 3_600_000,
        }
    }
}

/// What follows a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Try again at this instant (ms).
    At(i64),
    /// Retries ran out: the row is failed.
    GiveUp,
}

impl RetryPolicy {
    /// After the `attempts`-th failed attempt (1 for the first) of an event made at
    /// `created_at`: when to try again. The wait doubles each time up to the longest; `jitter`
    /// in `[0, 1)` takes up to half of it off, so rows that failed together (an endpoint
    /// that was down) do not all come back at the same instant.
    pub fn after_failure(&self, attempts: i64, created_at: i64, now: i64, jitter: f64) -> Retry {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 40)).unwrap_or(40);
        let wait = self
            .first_wait_ms
            .saturating_mul(1_i64 << doublings.min(40))
            .min(self.longest_wait_ms);
        let jitter = jitter.clamp(0.0, 1.0);
        let wait = wait - (wait as f64 * jitter / 2.0) as i64;
        let at = now + wait.max(1);
        if at > created_at + self.give_up_after_ms {
            Retry::GiveUp
        } else {
            Retry::At(at)
        }
    }
}

/// The longest webhook address taken.
pub const MAX_URL_CHARS: usize = 2_000;

/// Checks a webhook address an admin typed: `http://` or `https://`, a host, no spaces, not
/// the portal itself (`portal_hosts`: the `host:port` forms the portal answers on — a portal
/// delivering to itself would loop). Returns the address trimmed, or why it is refused.
pub fn check_webhook_url(text: &str, portal_hosts: &[String]) -> Result<String, String> {
    let url = text.trim();
    if url.is_empty() {
        return Err("Enter the address the marketplace receives webhooks at.".into());
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "The address is longer than {MAX_URL_CHARS} characters."
        ));
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err(
            "The address must start with https:// (or http:// on a private network).".into(),
        );
    };
    if url.chars().any(char::is_whitespace) {
        return Err("The address may not contain spaces.".into());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if host_port.is_empty() || host_port.starts_with(':') {
        return Err("The address has no host name.".into());
    }
    let default_port = if url.starts_with("https://") {
        "443"
    } else {
        "80"
    };
    let with_port = if host_port.contains(':') && !host_port.ends_with(']') {
        host_port.clone()
    } else {
        format!("{host_port}:{default_port}")
    };
    let own = portal_hosts.iter().any(|portal| {
        let portal = portal.to_ascii_lowercase();
        portal == with_port || same_machine(&portal, &with_port)
    });
    if own {
        return Err(
            "This is the portal's own address: webhooks must go to the marketplace.".into(),
        );
    }
    Ok(url.to_owned())
}

/// Whether two `host:port`s are the same port on this machine under different loopback names.
fn same_machine(a: &str, b: &str) -> bool {
    const LOOPBACK: [&str; 4] = ["127.0.0.1", "localhost", "[::1]", "0.0.0.0"];
    let split = |text: &str| {
        text.rsplit_once(':')
            .map(|(h, p)| (h.to_owned(), p.to_owned()))
    };
    match (split(a), split(b)) {
        (Some((host_a, port_a)), Some((host_b, port_b))) => {
            port_a == port_b
                && LOOPBACK.contains(&host_a.as_str())
                && LOOPBACK.contains(&host_b.as_str())
        }
        _ => false,
    }
}

/// The longest name of an integration key.
pub const MAX_KEY_NAME_CHARS: usize = 80;
/// Working integration keys at most, so a leaked admin session cannot mint them unbounded.
pub const MAX_LIVE_KEYS: usize = 10;
/// What every integration key's secret starts with (brand tokens start with `gf_`).
pub const KEY_PREFIX: &str = "gfm_";

/// Checks an integration key's name: trimmed, 1 to [`MAX_KEY_NAME_CHARS`] characters.
pub fn check_key_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("Name the key after the system that will use it.".into());
    }
    if name.chars().count() > MAX_KEY_NAME_CHARS {
        return Err(format!(
            "A key's name is at most {MAX_KEY_NAME_CHARS} characters."
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn waits_double_up_to_an_hour_and_stop_after_a_day() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.after_failure(1, 0, 0, 0.0), Retry::At(5_000));
        assert_eq!(policy.after_failure(2, 0, 0, 0.0), Retry::At(10_000));
        assert_eq!(policy.after_failure(4, 0, 0, 0.0), Retry::At(40_000));
        assert_eq!(policy.after_failure(30, 0, 0, 0.0), Retry::At(HOUR));
        assert_eq!(policy.after_failure(1000, 0, 0, 0.0), Retry::At(HOUR));
        // The jitter takes up to half the wait off, never more.
        assert_eq!(policy.after_failure(2, 0, 0, 0.999_999), Retry::At(5_001));
        assert_eq!(
            policy.after_failure(30, 0, 23 * HOUR, 0.0),
            Retry::At(24 * HOUR)
        );
        assert_eq!(
            policy.after_failure(30, 0, 23 * HOUR + 1, 0.0),
            Retry::GiveUp
        );
    }

    #[test]
    fn webhook_addresses_must_be_http_and_not_the_portal() {
        let portal = vec!["127.0.0.1:3000".to_owned(), "portal.example:443".to_owned()];
        assert_eq!(
            check_webhook_url(" https://market.example/hooks ", &portal),
            Ok("https://market.example/hooks".into())
        );
        assert!(check_webhook_url("http://127.0.0.1:4000/hooks", &portal).is_ok());
        for (bad, why) in [
            ("", "Enter"),
            ("ftp://market.example/", "must start with https://"),
            ("javascript:alert(1)", "must start with https://"),
            ("https://", "no host"),
            ("https://market.example/a b", "spaces"),
            ("http://localhost:3000/hooks", "own address"),
            ("http://127.0.0.1:3000", "own address"),
            ("https://PORTAL.example/webhooks", "own address"),
            ("https://user@portal.example:443/", "own address"),
        ] {
            let error = check_webhook_url(bad, &portal).expect_err(bad);
            assert!(error.contains(why), "{bad}: {error}");
        }
        let long = format!("https://market.example/{}", "a".repeat(MAX_URL_CHARS));
        assert!(check_webhook_url(&long, &portal).is_err());
    }

    #[test]
    fn key_names_are_trimmed_and_bounded() {
        assert_eq!(
            check_key_name("  Listings sync "),
            Ok("Listings sync".into())
        );
        assert!(check_key_name("   ").is_err());
        assert!(check_key_name(&"k".repeat(MAX_KEY_NAME_CHARS + 1)).is_err());
    }

    #[test]
    fn event_names_round_trip() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(DeliveryState::parse("failed"), Some(DeliveryState::Failed));
    }
}
