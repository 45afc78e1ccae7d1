//! The shared store: the same GCRA decision made atomically in Redis by one Lua script, so
//! every replica pointed at the same Redis (and prefix) draws from the same allowance.

use std::num::NonZeroU32;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::{whole_seconds, Decision};

/// Why Redis did not decide.
#[derive(Debug, thiserror::Error)]
pub enum SharedError {
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("{0}")]
    Redis(#[from] redis::RedisError),
    #[error("unexpected answer {0:?}")]
    Answer((i64, i64)),
}

/// A connection (made on first use, remade when lost) and the script.
pub struct Shared {
    manager: ConnectionManager,
    script: redis::Script,
    prefix: String,
    timeout: Duration,
    /// Microseconds one operation costs.
    t_us: u64,
    /// Microseconds of tolerance: `t_us * (burst - 1)`.
    tau_us: u64,
}

impl Shared {
    /// Parses the URL and prepares the connection without connecting: a Redis that is down at
    /// start is handled like one that goes down later. Needs a Tokio runtime.
    pub fn new(
        url: &str,
        prefix: &str,
        timeout: Duration,
        period: Duration,
        burst: NonZeroU32,
    ) -> Result<Self, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1);
        let manager = ConnectionManager::new_lazy_with_config(client, config)?;
        let t_us = u64::try_from(period.as_micros()).unwrap_or(u64::MAX).max(1);
        Ok(Self {
            manager,
            script: redis::Script::new(include_str!("gcra.lua")),
            prefix: prefix.to_owned(),
            timeout,
            t_us,
            tau_us: t_us.saturating_mul(u64::from(burst.get() - 1)),
        })
    }

    /// Takes `cost` operations (at most the burst) from `key`'s allowance, within the timeout.
    pub async fn check(&self, key: &str, cost: NonZeroU32) -> Result<Decision, SharedError> {
        let mut connection = self.manager.clone();
        let mut invocation = self.script.prepare_invoke();
        invocation
            .key(format!("{}{key}", self.prefix))
            .arg(self.t_us)
            .arg(self.tau_us)
            .arg(cost.get());
        let answer: (i64, i64) =
            tokio::time::timeout(self.timeout, invocation.invoke_async(&mut connection))
                .await
                .map_err(|_| SharedError::Timeout(self.timeout))??;
        match answer {
            (1, _) => Ok(Decision::Allowed),
            (0, wait_us) if wait_us >= 0 => Ok(Decision::Limited {
                retry_after_secs: whole_seconds(Duration::from_micros(wait_us.unsigned_abs())),
            }),
            other => Err(SharedError::Answer(other)),
        }
    }
}
