//! Sign-in throttling. Each attempt costs a deliberately slow password hash, so attempts are
//! limited before one is computed: per client address (every attempt counts), per account
//! (failed attempts count; past the limit the account waits, longer each time it is locked
//! again), and in how many attempts may queue for a hash at once (the hashes themselves run
//! one per core, see `auth::password`). Governor's GCRA keeps the counts (one atomic state
//! per key, no timers); this module adds the lockout's escalation and the queue bound.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How hard sign-in is throttled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleSettings {
    /// Attempts one client address may make in a burst.
    pub per_address_burst: u32,
    /// Attempts a minute one client address may keep making after its burst.
    pub per_address_per_minute: u32,
    /// Failed attempts on one account before it must wait.
    pub failures_before_lock: u32,
    /// The first wait; each further lock of the same account doubles it.
    pub first_lock: Duration,
    /// The longest wait.
    pub longest_lock: Duration,
    /// Attempts that may be checking or waiting to check a password at once; beyond it the
    /// answer is "try again in a moment" (each check holds a core for ~0.1 s and 19 MiB).
    pub waiting_hashes: usize,
}

impl Default for ThrottleSettings {
    /// 30 attempts at once and 30 a minute per address (an office behind one address signs
    /// in together); 10 failures per account, then 1 minute, doubling to 1 hour; 64
    /// attempts in the hash queue.
    fn default() -> Self {
        ThrottleSettings {
            per_address_burst: 30,
            per_address_per_minute: 30,
            failures_before_lock: 10,
            first_lock: Duration::from_secs(60),
            longest_lock: Duration::from_secs(3600),
            waiting_hashes: 64,
        }
    }
}

/// Why an attempt was turned away before its password was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// This address has made too many attempts.
    Address(Duration),
    /// This account has failed too often.
    Account(Duration),
    /// Too many sign-ins are being checked right now.
    Busy,
}

impl Wait {
    /// Whole seconds until trying again is worthwhile (at least 1).
    pub fn retry_after_secs(self) -> u64 {
        match self {
            Wait::Address(wait) | Wait::Account(wait) => wait.as_secs_f64().ceil().max(1.0) as u64,
            Wait::Busy => 1,
        }
    }
}

/// An account's current lock and how many times in a row it has been locked.
#[derive(Debug, Clone, Copy)]
struct Lock {
    until: Instant,
    times: u32,
}

/// Entries kept before expired locks are swept out (a spray of made-up addresses would
/// otherwise grow the maps without end).
const SWEEP_AT: usize = 10_000;

/// The sign-in throttle of one server; shared by every request (see `AppState`).
#[derive(Debug)]
pub struct SignInThrottle {
    settings: ThrottleSettings,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    failures: DefaultKeyedRateLimiter<String>,
    locks: Mutex<HashMap<String, Lock>>,
    waiting: AtomicUsize,
}

/// A place in the hash queue, held while the password is checked; dropping it frees it.
#[derive(Debug)]
pub struct HashTurn<'a> {
    waiting: &'a AtomicUsize,
}

impl Drop for HashTurn<'_> {
    fn drop(&mut self) {
        self.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}

impl SignInThrottle {
    /// A throttle with these settings.
    pub fn new(settings: ThrottleSettings) -> SignInThrottle {
        let nonzero = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        let per_address = Quota::per_minute(nonzero(settings.per_address_per_minute))
            .allow_burst(nonzero(settings.per_address_burst));
        // A failure's cell comes back after the first lock's length: ten failures, then
        // one more try a minute.
        let failures = Quota::with_period(settings.first_lock)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(nonzero(settings.failures_before_lock));
        SignInThrottle {
            settings,
            per_address: RateLimiter::keyed(per_address),
            failures: RateLimiter::keyed(failures),
            locks: Mutex::new(HashMap::new()),
            waiting: AtomicUsize::new(0),
        }
    }

    /// Lets an attempt on `account` from `address` go on to the password check, or says how
    /// long to wait. Every admitted attempt counts against the address.
    pub fn admit(&self, address: Option<IpAddr>, account: &str) -> Result<(), Wait> {
        if let Some(lock) = self.lock_of(account) {
            let now = Instant::now();
            if lock.until > now {
                return Err(Wait::Account(lock.until - now));
            }
        }
        if let Some(address) = address
            && let Err(not_until) = self.per_address.check_key(&address)
        {
            return Err(Wait::Address(
                not_until.wait_time_from(DefaultClock::default().now()),
            ));
        }
        Ok(())
    }

    /// A place in the hash queue, or `Busy` when it is full.
    pub fn hash_turn(&self) -> Result<HashTurn<'_>, Wait> {
        let turn = HashTurn {
            waiting: &self.waiting,
        };
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.settings.waiting_hashes {
            // Dropping the turn gives the place back.
            return Err(Wait::Busy);
        }
        Ok(turn)
    }

    /// Counts a failed attempt on `account`; `Err` when this one used up its allowance, so
    /// the account now waits (the caller answers this attempt with the wait, too).
    pub fn failed(&self, account: &str) -> Result<(), Wait> {
        let Err(_) = self.failures.check_key(&account.to_owned()) else {
            return Ok(());
        };
        let mut locks = self
            .locks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if locks.len() >= SWEEP_AT {
            locks.retain(|_, lock| lock.until > now);
            self.failures.retain_recent();
            self.per_address.retain_recent();
        }
        let times = locks.get(account).map_or(0, |lock| lock.times);
        let wait = self
            .settings
            .first_lock
            .saturating_mul(1_u32 << times.min(16))
            .min(self.settings.longest_lock);
        locks.insert(
            account.to_owned(),
            Lock {
                until: now + wait,
                times: times.saturating_add(1),
            },
        );
        Err(Wait::Account(wait))
    }

    /// A successful sign-in ends the account's escalation.
    pub fn succeeded(&self, account: &str) {
        self.locks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(account);
    }

    fn lock_of(&self, account: &str) -> Option<Lock> {
        self.locks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(account)
            .copied()
    }
}

impl Default for SignInThrottle {
    fn default() -> Self {
        SignInThrottle::new(ThrottleSettings::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> ThrottleSettings {
        ThrottleSettings {
            per_address_burst: 3,
            per_address_per_minute: 1,
            failures_before_lock: 2,
            first_lock: Duration::from_secs(60),
            longest_lock: Duration::from_secs(150),
            waiting_hashes: 1,
        }
    }

    #[test]
    fn an_address_gets_its_burst_then_waits() {
        let throttle = SignInThrottle::new(quick());
        let address = Some(IpAddr::from([192, 0, 2, 1]));
        for n in 0..3 {
            assert_eq!(throttle.admit(address, &format!("a{n}@x.test")), Ok(()));
        }
        let wait = throttle.admit(address, "b@x.test").expect_err("fourth");
        assert!(matches!(wait, Wait::Address(_)));
        assert!((50..=60).contains(&wait.retry_after_secs()));
        // Another address is not affected.
        assert_eq!(
            throttle.admit(Some(IpAddr::from([192, 0, 2, 2])), "b@x.test"),
            Ok(())
        );
    }

    #[test]
    fn an_account_locks_after_its_failures_and_longer_each_time() {
        let throttle = SignInThrottle::new(quick());
        assert_eq!(throttle.failed("jo@x.test"), Ok(()));
        assert_eq!(throttle.failed("jo@x.test"), Ok(()));
        assert_eq!(
            throttle.failed("jo@x.test"),
            Err(Wait::Account(Duration::from_secs(60)))
        );
        assert!(matches!(
            throttle.admit(None, "jo@x.test"),
            Err(Wait::Account(_))
        ));
        assert_eq!(throttle.admit(None, "other@x.test"), Ok(()));
        // Locked again: twice as long, then capped.
        assert_eq!(
            throttle.failed("jo@x.test"),
            Err(Wait::Account(Duration::from_secs(120)))
        );
        assert_eq!(
            throttle.failed("jo@x.test"),
            Err(Wait::Account(Duration::from_secs(150)))
        );
        throttle.succeeded("jo@x.test");
        assert_eq!(throttle.admit(None, "jo@x.test"), Ok(()));
    }

    #[test]
    fn the_hash_queue_is_bounded() {
        let throttle = SignInThrottle::new(quick());
        let first = throttle.hash_turn().expect("first turn");
        assert!(matches!(throttle.hash_turn(), Err(Wait::Busy)));
        drop(first);
        assert!(throttle.hash_turn().is_ok());
    }
}
