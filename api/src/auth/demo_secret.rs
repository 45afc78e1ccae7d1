//! The secret user tokens of a demo are signed with. `serve --demo` with no JWT secret or public
//! key configured creates one at random on its first start and keeps it in its database
//! (`demo_jwt_secrets`, one row); `token issue-jwt` run against the same database signs with it,
//! so one command gives a token that demo server accepts. Nothing is compiled into the binary,
//! and a server started without `--demo` never reads the table: a token signed with a demo's
//! secret is worth nothing elsewhere.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::startup_error::StartupError;

const TABLE: &str = "demo_jwt_secrets";

fn failed(what: &str, err: impl std::fmt::Display) -> StartupError {
    StartupError::Other(format!("cannot {what} the demo's JWT secret: {err}"))
}

/// The demo's secret, if a demo has created one in this database.
pub async fn load(db: &DatabaseConnection) -> Result<Option<String>, StartupError> {
    let select = Query::select()
        .column(Alias::new("secret"))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("id")).eq(1))
        .to_owned();
    let row = db
        .query_one(&select)
        .await
        .map_err(|err| failed("read", err))?;
    row.map(|r| r.try_get::<String>("", "secret"))
        .transpose()
        .map_err(|err| failed("read", err))
}

/// The demo's secret, created at random (32 bytes) when there is none yet. Two demo servers
/// starting at once on one database keep the same one.
pub async fn load_or_create(db: &DatabaseConnection) -> Result<String, StartupError> {
    if let Some(secret) = load(db).await? {
        return Ok(secret);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| failed("create", err))?;
    let insert = Query::insert()
        .into_table(Alias::new(TABLE))
        .columns([
            Alias::new("id"),
            Alias::new("secret"),
            Alias::new("created_at"),
        ])
        .values_panic([
            1.into(),
            URL_SAFE_NO_PAD.encode(bytes).into(),
            chrono::Utc::now().into(),
        ])
        .on_conflict(OnConflict::column(Alias::new("id")).do_nothing().to_owned())
        .to_owned();
    db.execute(&insert)
        .await
        .map_err(|err| failed("store", err))?;
    load(db)
        .await?
        .ok_or_else(|| failed("store", "it is not there once written"))
}
