//! Typed settings. Every setting has a command-line flag and an environment variable
//! (`COORDMAP_*`); the defaults run the server on an embedded SQLite file with no setup.

use std::net::SocketAddr;

use clap::{Args, ValueEnum};

/// Where the data lives. `sqlite://...` selects the embedded database, `postgres://...` PostgreSQL.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://coordmap.db?mode=rwc";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Debug, Clone, Args)]
pub struct DatabaseSettings {
    /// Database URL: `sqlite://FILE?mode=rwc` (embedded) or `postgres://USER@HOST:PORT/DB`.
    #[arg(long = "database-url", env = "COORDMAP_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub url: String,

    /// Maximum number of pooled database connections per server process.
    #[arg(
        long = "db-max-connections",
        env = "COORDMAP_DB_MAX_CONNECTIONS",
        default_value_t = 10,
        global = true
    )]
    pub max_connections: u32,
}

impl DatabaseSettings {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_connections: 10,
        }
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Settings of the GraphQL layer: limits that keep a single query from overloading the server.
#[derive(Debug, Clone, Args)]
pub struct GraphqlSettings {
    /// Largest page a connection field returns (`first`/`last`).
    #[arg(long, env = "COORDMAP_MAX_PAGE_SIZE", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_page_size: u32,

    /// Maximum nesting depth of a query.
    #[arg(long, env = "COORDMAP_MAX_DEPTH", default_value_t = 15)]
    pub max_depth: usize,

    /// Maximum complexity (cost) of a query.
    #[arg(long, env = "COORDMAP_MAX_COMPLEXITY", default_value_t = 50_000)]
    pub max_complexity: usize,
}

impl Default for GraphqlSettings {
    fn default() -> Self {
        Self {
            max_page_size: 100,
            max_depth: 15,
            max_complexity: 50_000,
        }
    }
}

/// Settings of `coordmap serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "COORDMAP_BIND", default_value = DEFAULT_BIND)]
    pub bind: SocketAddr,

    /// Number of HTTP worker threads (default: one per CPU core).
    #[arg(long, env = "COORDMAP_WORKERS")]
    pub workers: Option<usize>,

    /// Start without applying pending migrations (the server then refuses to report ready
    /// until the schema is up to date).
    #[arg(long, env = "COORDMAP_NO_MIGRATE")]
    pub no_migrate: bool,

    #[command(flatten)]
    pub graphql: GraphqlSettings,
}

impl ServeSettings {
    /// Settings for a server on `bind` with every other setting at its default.
    pub fn on(bind: SocketAddr) -> Self {
        Self {
            bind,
            workers: None,
            no_migrate: false,
            graphql: GraphqlSettings::default(),
        }
    }
}

/// A database URL with any password replaced, safe to print and log.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_leave_redacted_urls() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/coordmap"),
            "postgres://app:***@db:5432/coordmap"
        );
        assert_eq!(
            redact_url("postgres://app@db/coordmap"),
            "postgres://app@db/coordmap"
        );
        assert_eq!(
            redact_url("sqlite://coordmap.db?mode=rwc"),
            "sqlite://coordmap.db?mode=rwc"
        );
    }
}
