//! A token bucket per caller, kept in the database so that every API replica draws from the
//! same bucket. One statement per request: an upsert that refills, takes and reports.

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use uuid::Uuid;

use crate::config::TrafficSettings;
use crate::error::AppResult;

/// The outcome of asking for `cost` operations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    Allowed,
    /// Refused; the caller may retry after this many seconds.
    Limited {
        retry_after_secs: u64,
    },
}

const SQL: &str = "INSERT INTO rate_limit_buckets (id, bucket_key, tokens, refilled_at, allowed) \
VALUES ({id}, {key}, CASE WHEN {cap} >= {cost} THEN {cap} - {cost} ELSE {cap} END, {now}, {cap} >= {cost}) \
ON CONFLICT (bucket_key) DO UPDATE SET \
allowed = (CASE WHEN rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} > {cap} THEN {cap} \
  ELSE rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} END) >= {cost}, \
tokens = CASE WHEN (CASE WHEN rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} > {cap} THEN {cap} \
  ELSE rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} END) >= {cost} \
  THEN (CASE WHEN rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} > {cap} THEN {cap} \
  ELSE rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} END) - {cost} \
  ELSE (CASE WHEN rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} > {cap} THEN {cap} \
  ELSE rate_limit_buckets.tokens + ({now} - rate_limit_buckets.refilled_at) * {rate} END) END, \
refilled_at = {now} \
RETURNING tokens, allowed";

fn statement(
    backend: DbBackend,
    key: &str,
    cost: f64,
    capacity: f64,
    rate: f64,
    now: f64,
) -> Statement {
    // Numbers are written inline (they are ours, not the caller's); the key is a bound value.
    let (id, key_param) = match backend {
        DbBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    let sql = SQL
        .replace("{id}", id)
        .replace("{key}", key_param)
        .replace("{cap}", &format!("{capacity:.6}"))
        .replace("{cost}", &format!("{cost:.6}"))
        .replace("{rate}", &format!("{rate:.9}"))
        .replace("{now}", &format!("{now:.6}"));
    Statement::from_sql_and_values(backend, sql, [Uuid::now_v7().into(), key.to_owned().into()])
}

/// Takes `cost` operations from the bucket of `key`.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    settings: &TrafficSettings,
    key: &str,
    cost: u32,
) -> AppResult<Decision> {
    if settings.rate_limit_per_minute == 0 {
        return Ok(Decision::Allowed);
    }
    let rate = f64::from(settings.rate_limit_per_minute) / 60.0;
    let capacity = f64::from(settings.rate_limit_burst.max(1));
    let now = chrono::Utc::now().timestamp_micros() as f64 / 1_000_000.0;
    let cost = f64::from(cost.max(1));
    let row = db
        .query_one_raw(statement(
            db.get_database_backend(),
            key,
            cost,
            capacity,
            rate,
            now,
        ))
        .await?;
    let Some(row) = row else {
        return Ok(Decision::Allowed);
    };
    let allowed: bool = row.try_get("", "allowed")?;
    if allowed {
        return Ok(Decision::Allowed);
    }
    let tokens: f64 = row.try_get("", "tokens")?;
    let missing = (cost - tokens).max(0.0);
    Ok(Decision::Limited {
        retry_after_secs: (missing / rate).ceil().max(1.0) as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use migration::{Migrator, MigratorTrait};

    #[tokio::test]
    async fn a_bucket_empties_and_reports_when_to_retry() {
        let dir = std::env::temp_dir().join(format!("coordmap-rl-{}", Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("rl.db").display());
        let settings_db = crate::config::DatabaseSettings::new(url);
        let db = crate::db::connect(&settings_db).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        db.close().await.unwrap();
        let db = crate::db::connect(&settings_db).await.unwrap();
        let settings = TrafficSettings {
            rate_limit_per_minute: 60,
            rate_limit_burst: 3,
            max_body_bytes: 1024,
            ..TrafficSettings::default()
        };
        assert_eq!(
            take(&db, &settings, "k", 2).await.unwrap(),
            Decision::Allowed
        );
        assert_eq!(
            take(&db, &settings, "k", 1).await.unwrap(),
            Decision::Allowed
        );
        match take(&db, &settings, "k", 1).await.unwrap() {
            Decision::Limited { retry_after_secs } => assert_eq!(retry_after_secs, 1),
            Decision::Allowed => panic!("the bucket should be empty"),
        }
        assert_eq!(
            take(&db, &settings, "other", 1).await.unwrap(),
            Decision::Allowed
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
