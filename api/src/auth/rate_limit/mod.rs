//! The rate limiter: an allowance of operations per caller (token, user or address), refilled
//! at a sustained rate up to a burst (the generic cell rate algorithm, GCRA). It never touches
//! the database.
//!
//! Where the allowances live is chosen at start:
//! - in this process's memory (the default; [`local`], the `governor` crate): each replica
//!   limits its callers on its own, so N replicas behind a balancer allow up to N times the
//!   rate;
//! - in Redis (`--rate-limit-redis-url`; [`shared`]): one Lua script decides atomically, on
//!   the Redis clock, so the allowance holds across every replica sharing that Redis and key
//!   prefix. Keys expire once their allowance is full again.
//!
//! When Redis does not answer within `--rate-limit-redis-timeout-ms` (down, unreachable, slow),
//! that request is decided by the in-process store and a warning is logged (at most one every
//! 30 seconds, counting the ones left out): the limit is then per replica until Redis is back,
//! and no request fails because of Redis.

pub mod local;
pub mod shared;

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota};

use self::local::Local;
use self::shared::{Shared, SharedError};
use crate::config::{redact_url, TrafficSettings};
use crate::startup_error::StartupError;

/// How often the in-process store forgets callers whose allowance is full again.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// At most one warning about Redis per this period.
const WARN_EVERY: Duration = Duration::from_secs(30);

/// The outcome of asking for some operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Refused; the caller may retry after this many seconds (at least 1).
    Limited {
        retry_after_secs: u64,
    },
    /// More operations at once than the burst: refused, and would be at any time.
    OverBurst {
        burst: u32,
    },
}

/// A wait rounded up to whole seconds, at least one (the `Retry-After` header takes seconds).
pub fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// The rate limiter of one process, shared by its workers.
pub struct RateLimiter {
    /// `None` when rate limiting is off.
    limits: Option<Limits>,
}

struct Limits {
    burst: NonZeroU32,
    local: Arc<Local>,
    shared: Option<Shared>,
    warnings: DefaultDirectRateLimiter,
    unreported: AtomicU64,
}

impl RateLimiter {
    /// The limiter the settings describe. A Redis URL that does not parse is a startup error;
    /// a Redis that does not answer is not (see the module documentation). With a Tokio
    /// runtime, starts the task that prunes the in-process store.
    pub fn from_settings(settings: &TrafficSettings) -> Result<Self, StartupError> {
        let Some(per_minute) = NonZeroU32::new(settings.rate_limit_per_minute) else {
            return Ok(Self { limits: None });
        };
        let burst = NonZeroU32::new(settings.rate_limit_burst).unwrap_or(NonZeroU32::MIN);
        let period = Duration::from_nanos(60_000_000_000 / u64::from(per_minute.get())).max(
            Duration::from_nanos(1), // unreachable: u32::MAX per minute is still 13 ns apart
        );
        let quota = Quota::with_period(period)
            .ok_or_else(|| StartupError::Other("the rate limit has no period".into()))?
            .allow_burst(burst);
        let shared = match &settings.rate_limit_redis_url {
            None => None,
            Some(url) => Some(
                Shared::new(
                    url.expose(),
                    &settings.rate_limit_redis_prefix,
                    Duration::from_millis(settings.rate_limit_redis_timeout_ms),
                    period,
                    burst,
                )
                .map_err(|err| {
                    StartupError::setting(
                        "rate limiter Redis URL (--rate-limit-redis-url / COORDMAP_RATE_LIMIT_REDIS_URL)",
                        format!(
                            "`{}` is not a usable Redis URL ({err}); use redis://HOST:PORT/DB",
                            redact_url(url.expose())
                        ),
                    )
                })?,
            ),
        };
        let local = Arc::new(Local::new(quota));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(prune(Arc::downgrade(&local)));
        }
        let warn_quota = Quota::with_period(WARN_EVERY)
            .ok_or_else(|| StartupError::Other("the warning period is zero".into()))?;
        Ok(Self {
            limits: Some(Limits {
                burst,
                local,
                shared,
                warnings: governor::RateLimiter::direct(warn_quota),
                unreported: AtomicU64::new(0),
            }),
        })
    }

    /// Takes `cost` operations (a batch counts each of its operations; at least one) from the
    /// allowance of `key`.
    pub async fn check(&self, key: &str, cost: u32) -> Decision {
        let Some(limits) = &self.limits else {
            return Decision::Allowed;
        };
        let cost = NonZeroU32::new(cost).unwrap_or(NonZeroU32::MIN);
        if cost > limits.burst {
            return Decision::OverBurst {
                burst: limits.burst.get(),
            };
        }
        if let Some(shared) = &limits.shared {
            match shared.check(key, cost).await {
                Ok(decision) => return decision,
                Err(err) => limits.warn(&err),
            }
        }
        limits.local.check(key, cost)
    }
}

impl Limits {
    fn warn(&self, err: &SharedError) {
        if self.warnings.check().is_ok() {
            let also = self.unreported.swap(0, Ordering::Relaxed);
            tracing::warn!(
                error = %err,
                earlier_unreported = also,
                "the rate limiter's Redis did not decide; deciding in this process"
            );
        } else {
            self.unreported.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Prunes the in-process store until the limiter is dropped.
async fn prune(local: Weak<Local>) {
    let mut every = tokio::time::interval(PRUNE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    every.tick().await;
    loop {
        every.tick().await;
        let Some(local) = local.upgrade() else {
            return;
        };
        let left = local.prune();
        tracing::debug!(callers = left, "pruned the rate limiter");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_whole_seconds_rounded_up_and_never_zero() {
        assert_eq!(whole_seconds(Duration::ZERO), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_secs(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
        assert_eq!(whole_seconds(Duration::from_secs(59)), 59);
    }

    fn settings(per_minute: u32, burst: u32) -> TrafficSettings {
        TrafficSettings {
            rate_limit_per_minute: per_minute,
            rate_limit_burst: burst,
            ..TrafficSettings::default()
        }
    }

    #[tokio::test]
    async fn off_allows_everything_and_batches_count_per_operation() {
        let off = RateLimiter::from_settings(&settings(0, 1)).unwrap_or_else(|_| unreachable!());
        for _ in 0..100 {
            assert_eq!(off.check("k", 50).await, Decision::Allowed);
        }
        let on = RateLimiter::from_settings(&settings(1, 5)).unwrap_or_else(|_| unreachable!());
        assert_eq!(on.check("k", 3).await, Decision::Allowed);
        assert_eq!(on.check("k", 0).await, Decision::Allowed, "at least one");
        assert_eq!(on.check("k", 1).await, Decision::Allowed);
        assert_eq!(
            on.check("k", 1).await,
            Decision::Limited {
                retry_after_secs: 60
            }
        );
        assert_eq!(on.check("k", 6).await, Decision::OverBurst { burst: 5 });
    }

    #[tokio::test]
    async fn a_bad_redis_url_is_a_startup_error_naming_the_setting_without_its_password() {
        let mut bad = settings(60, 5);
        bad.rate_limit_redis_url = Some(crate::config::Secret(
            "http://user:hunter2@example.org/".into(),
        ));
        let err = RateLimiter::from_settings(&bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with(
                "rate limiter Redis URL (--rate-limit-redis-url / COORDMAP_RATE_LIMIT_REDIS_URL): `http://user:***@example.org/` is not a usable Redis URL"
            ),
            "{err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
    }

    /// The Lua script against a real Redis (skipped without `COORDMAP_TEST_REDIS_URL`).
    #[tokio::test]
    async fn the_redis_script_keeps_the_same_allowance_and_lets_keys_expire() {
        let Ok(url) = std::env::var("COORDMAP_TEST_REDIS_URL") else {
            eprintln!("skipped: COORDMAP_TEST_REDIS_URL is not set, Redis variant not run");
            return;
        };
        let prefix = format!("coordmap-test:{}:", uuid::Uuid::now_v7().simple());
        let shared = Shared::new(
            &url,
            &prefix,
            Duration::from_secs(5),
            Duration::from_secs(1),
            NonZeroU32::new(3).unwrap_or(NonZeroU32::MIN),
        )
        .unwrap_or_else(|err| panic!("{err}"));
        let n = |c: u32| NonZeroU32::new(c).unwrap_or(NonZeroU32::MIN);
        assert_eq!(shared.check("k", n(2)).await.ok(), Some(Decision::Allowed));
        assert_eq!(shared.check("k", n(1)).await.ok(), Some(Decision::Allowed));
        assert_eq!(
            shared.check("k", n(1)).await.ok(),
            Some(Decision::Limited {
                retry_after_secs: 1
            })
        );
        // Three seconds (less the time since the first call) for the whole burst back.
        assert_eq!(
            shared.check("k", n(3)).await.ok(),
            Some(Decision::Limited {
                retry_after_secs: 3
            })
        );
        assert_eq!(
            shared.check("other", n(3)).await.ok(),
            Some(Decision::Allowed)
        );
        let client = redis::Client::open(url.as_str()).unwrap_or_else(|err| panic!("{err}"));
        let mut connection = client
            .get_multiplexed_async_connection()
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        let ttl: i64 = redis::cmd("PTTL")
            .arg(format!("{prefix}k"))
            .query_async(&mut connection)
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        assert!((1..=3000).contains(&ttl), "the key expires: {ttl}");
        let _: () = redis::cmd("DEL")
            .arg(format!("{prefix}k"))
            .arg(format!("{prefix}other"))
            .query_async(&mut connection)
            .await
            .unwrap_or_else(|err| panic!("{err}"));
    }
}
