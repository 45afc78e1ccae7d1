//! The in-process store: a `governor` keyed limiter (GCRA) in this process's memory.

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::Quota;

use super::{whole_seconds, Decision};

/// One GCRA state per key, in memory. Keys whose state is the same as a fresh key's (their
/// bucket has refilled) are dropped by [`Local::prune`].
pub struct Local<C: Clock = DefaultClock> {
    limiter:
        governor::RateLimiter<String, DashMapStateStore<String>, C, NoOpMiddleware<C::Instant>>,
}

impl Local {
    pub fn new(quota: Quota) -> Self {
        Self::with_clock(quota, DefaultClock::default())
    }
}

impl<C: Clock> Local<C> {
    pub fn with_clock(quota: Quota, clock: C) -> Self {
        Self {
            limiter: governor::RateLimiter::dashmap_with_clock(quota, clock),
        }
    }

    /// Takes `cost` operations from `key`'s allowance (`cost` is at most the burst: the caller
    /// checks it).
    pub fn check(&self, key: &str, cost: NonZeroU32) -> Decision {
        match self.limiter.check_key_n(&key.to_owned(), cost) {
            Ok(Ok(())) => Decision::Allowed,
            Ok(Err(not_until)) => Decision::Limited {
                retry_after_secs: whole_seconds(
                    not_until.wait_time_from(self.limiter.clock().now()),
                ),
            },
            Err(insufficient) => Decision::OverBurst {
                burst: insufficient.0,
            },
        }
    }

    /// Forgets the keys whose allowance is full again, and returns how many are left.
    pub fn prune(&self) -> usize {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
        self.limiter.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;
    use std::time::Duration;

    fn n(cost: u32) -> NonZeroU32 {
        NonZeroU32::new(cost).unwrap_or(NonZeroU32::MIN)
    }

    /// 60 per minute (one a second), bursts of 3, on a clock the test moves.
    fn limiter() -> (Local<FakeRelativeClock>, FakeRelativeClock) {
        let clock = FakeRelativeClock::default();
        let quota = Quota::with_period(Duration::from_secs(1))
            .unwrap_or_else(|| unreachable!())
            .allow_burst(n(3));
        (Local::with_clock(quota, clock.clone()), clock)
    }

    #[test]
    fn a_burst_empties_and_says_when_to_retry_then_refills_at_the_sustained_rate() {
        let (local, clock) = limiter();
        assert_eq!(local.check("k", n(2)), Decision::Allowed);
        assert_eq!(local.check("k", n(1)), Decision::Allowed);
        assert_eq!(
            local.check("k", n(1)),
            Decision::Limited {
                retry_after_secs: 1
            }
        );
        // A batch of three needs the whole burst back: three seconds.
        assert_eq!(
            local.check("k", n(3)),
            Decision::Limited {
                retry_after_secs: 3
            }
        );
        // Another caller has an allowance of its own.
        assert_eq!(local.check("other", n(3)), Decision::Allowed);
        clock.advance(Duration::from_secs(1));
        assert_eq!(local.check("k", n(1)), Decision::Allowed);
        assert_eq!(
            local.check("k", n(1)),
            Decision::Limited {
                retry_after_secs: 1
            }
        );
        // Less than a second to wait is still a whole second.
        clock.advance(Duration::from_millis(200));
        assert_eq!(
            local.check("k", n(1)),
            Decision::Limited {
                retry_after_secs: 1
            }
        );
    }

    #[test]
    fn a_batch_larger_than_the_burst_can_never_pass() {
        let (local, _) = limiter();
        assert_eq!(local.check("k", n(4)), Decision::OverBurst { burst: 3 });
        // Refusing it took nothing.
        assert_eq!(local.check("k", n(3)), Decision::Allowed);
    }

    #[test]
    fn keys_are_forgotten_once_their_allowance_is_full_again() {
        let (local, clock) = limiter();
        for key in ["a", "b", "c"] {
            assert_eq!(local.check(key, n(1)), Decision::Allowed);
        }
        assert_eq!(local.check("c", n(2)), Decision::Allowed);
        assert_eq!(local.prune(), 3);
        // "a" and "b" took one operation, refilled after one second; "c" needs three.
        clock.advance(Duration::from_secs(2));
        assert_eq!(local.prune(), 1);
        clock.advance(Duration::from_secs(2));
        assert_eq!(local.prune(), 0);
        assert_eq!(local.check("c", n(3)), Decision::Allowed);
    }
}
