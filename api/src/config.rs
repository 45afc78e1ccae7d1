//! Typed settings. Every setting has a command-line flag and an environment variable
//! (`COORDMAP_*`); the defaults run the server on an embedded SQLite file with no setup.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use clap::{Args, ValueEnum};
use ipnet::IpNet;
use secrecy::{ExposeSecret, SecretString};

use crate::startup_error::StartupError;

/// The GraphQL layer's limits are the schema's own settings; the server reads them with the rest.
pub use crate::graphql::settings::{defaults, GraphqlSettings, Introspection};

/// Where the data lives. `sqlite://...` selects the embedded database, `postgres://...` PostgreSQL.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://coordmap.db?mode=rwc";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Debug, Clone, Args)]
pub struct DatabaseSettings {
    /// Database URL: `sqlite://FILE?mode=rwc` (embedded) or `postgres://USER@HOST:PORT/DB`.
    /// Held as a secret: it may carry a password.
    #[arg(long = "database-url", env = "COORDMAP_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub url: Secret,

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
    /// The settings for `url`, every other one at its default.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: Secret::from(url.into()),
            ..defaults()
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

/// A secret read from the configuration (a token, a key, a URL that may carry a password). It is
/// a `secrecy::SecretString`: `Debug` never shows it and it is wiped from memory when dropped;
/// [`Secret::expose`] is the one way to read it.
#[derive(Debug, Clone)]
pub struct Secret(pub SecretString);

impl Secret {
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// How clap reads a secret from a flag or the environment.
impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value.into())
    }
}

/// The JWT signature algorithm, pinned by configuration: a token's own `alg` header never
/// chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JwtAlgorithm {
    #[value(name = "HS256")]
    Hs256,
    #[value(name = "RS256")]
    Rs256,
    #[value(name = "EdDSA")]
    EdDsa,
}

/// Who may call, and how callers prove who they are.
#[derive(Debug, Clone, Args)]
pub struct AuthSettings {
    /// Let callers without a credential read PUBLIC records.
    #[arg(long, env = "COORDMAP_ALLOW_ANONYMOUS", default_value_t = false, action = clap::ArgAction::Set)]
    pub allow_anonymous: bool,

    /// Bearer token that may read `/metrics` (Prometheus text format); unset, `/metrics` is
    /// not served.
    #[arg(long, env = "COORDMAP_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<Secret>,

    /// Shared secret of HS256 user tokens.
    #[arg(long, env = "COORDMAP_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<Secret>,

    /// PEM public key of RS256 or EdDSA user tokens (with --jwt-algorithm).
    #[arg(long, env = "COORDMAP_JWT_PUBLIC_KEY_FILE")]
    pub jwt_public_key_file: Option<std::path::PathBuf>,

    /// Signature algorithm of user tokens (default HS256 with a secret).
    #[arg(long, env = "COORDMAP_JWT_ALGORITHM", value_enum)]
    pub jwt_algorithm: Option<JwtAlgorithm>,

    /// Required `iss` of user tokens.
    #[arg(long, env = "COORDMAP_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,

    /// Required `aud` of user tokens.
    #[arg(long, env = "COORDMAP_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,

    /// Clock leeway, in seconds, for `exp` and `nbf`.
    #[arg(long, env = "COORDMAP_JWT_LEEWAY_SECS", default_value_t = 30)]
    pub jwt_leeway_secs: u64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        defaults()
    }
}

/// The prefix of the rate limiter's keys in Redis.
pub const DEFAULT_RATE_LIMIT_REDIS_PREFIX: &str = "coordmap:rate:";

/// Limits on the traffic of one caller.
#[derive(Debug, Clone, Args)]
pub struct TrafficSettings {
    /// Sustained operations per minute per token, user or address (0 turns rate limiting off).
    #[arg(long, env = "COORDMAP_RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,

    /// Operations a caller may send at once before the sustained rate applies.
    #[arg(long, env = "COORDMAP_RATE_LIMIT_BURST", default_value_t = 60)]
    pub rate_limit_burst: u32,

    /// Redis shared by the replicas for rate limiting (`redis://HOST:PORT/DB`); without it each
    /// process limits its callers on its own, in memory.
    #[arg(long, env = "COORDMAP_RATE_LIMIT_REDIS_URL", hide_env_values = true)]
    pub rate_limit_redis_url: Option<Secret>,

    /// Prefix of the rate limiter's keys in Redis (replicas that share limits share it).
    #[arg(
        long,
        env = "COORDMAP_RATE_LIMIT_REDIS_PREFIX",
        default_value = DEFAULT_RATE_LIMIT_REDIS_PREFIX
    )]
    pub rate_limit_redis_prefix: String,

    /// Milliseconds a rate-limit decision waits for Redis; past that (or when Redis is
    /// unreachable) the process decides on its own for that request.
    #[arg(long, env = "COORDMAP_RATE_LIMIT_REDIS_TIMEOUT_MS", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub rate_limit_redis_timeout_ms: u64,

    /// The load balancers in front of the server, whose `X-Forwarded-For` names the client:
    /// comma-separated IP addresses and CIDR ranges, IPv4 or IPv6 (`10.0.0.5,fd00::/8`).
    /// Empty (the default): nobody is trusted, and a caller is the address it connects from.
    #[arg(
        long,
        env = "COORDMAP_TRUSTED_PROXIES",
        default_value = "",
        hide_default_value = true
    )]
    pub trusted_proxies: String,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "COORDMAP_MAX_BODY_BYTES", default_value_t = 262_144)]
    pub max_body_bytes: usize,

    /// GraphQL requests executed at once by the process; more wait their turn. Bounds the
    /// memory a burst of large queries takes (each holds its whole answer while it runs).
    #[arg(long, env = "COORDMAP_MAX_CONCURRENT_QUERIES", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_concurrent_queries: u32,

    /// Megabytes of memory for cached answers to read-only queries, per process (0 turns the
    /// cache off). An answer is served again only while the map has not changed since it was
    /// built, on whichever replica the change was made.
    #[arg(long, env = "COORDMAP_RESPONSE_CACHE_MB", default_value_t = 32, value_parser = clap::value_parser!(u32).range(0..=65_536))]
    pub response_cache_mb: u32,
}

impl Default for TrafficSettings {
    fn default() -> Self {
        defaults()
    }
}

/// The name of the trusted proxies' setting, as its errors say it.
const TRUSTED_PROXIES_SETTING: &str =
    "trusted proxies (--trusted-proxies / COORDMAP_TRUSTED_PROXIES)";

/// The load balancers whose `X-Forwarded-For` is believed ([`TrafficSettings::trusted_proxies`]),
/// as IP networks. Addresses are compared in their canonical form: an IPv4 address mapped into
/// IPv6 (`::ffff:10.0.0.5`, as a dual-stack listener sees IPv4 peers) is the IPv4 address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads the setting: IP addresses and CIDR ranges separated by commas (blanks around them
    /// and empty entries are ignored). A range with host bits set (`10.1.2.3/8`) is the range it
    /// lies in (`10.0.0.0/8`). Any other entry stops the server, named in the error.
    pub fn parse(text: &str) -> Result<Self, StartupError> {
        text.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpAddr>()
                    .map(|ip| IpNet::from(ip.to_canonical()))
                    .or_else(|_| entry.parse::<IpNet>().map(|net| net.trunc()))
                    .map_err(|_| {
                        StartupError::setting(
                            TRUSTED_PROXIES_SETTING,
                            format!(
                                "`{entry}` is not an IP address or a CIDR range (such as 10.0.0.5, 10.0.0.0/8 or fd00::/8)"
                            ),
                        )
                    })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// Whether nobody is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The networks, comma-separated, in canonical form (`10.0.0.0/8,fd00::/8`).
impl std::fmt::Display for TrustedProxies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, net) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{net}")?;
        }
        Ok(())
    }
}

impl TrafficSettings {
    /// The trusted proxies the settings name, or the error naming the first bad entry.
    pub fn trusted_proxies(&self) -> Result<TrustedProxies, StartupError> {
        TrustedProxies::parse(&self.trusted_proxies)
    }
}

/// Time bounds of a request at the edge: a client that sends slowly, or a query that runs
/// long, cannot hold a connection or an execution permit for longer than these.
#[derive(Debug, Clone, Args)]
pub struct TimeoutSettings {
    /// Milliseconds a client has to send a request's headers after connecting (or after its
    /// previous request on the connection).
    #[arg(long, env = "COORDMAP_HEADER_TIMEOUT_MS", default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub header_timeout_ms: u64,

    /// Milliseconds a client has to send a request's whole body.
    #[arg(long, env = "COORDMAP_BODY_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub body_timeout_ms: u64,

    /// Milliseconds a GraphQL request may wait for its turn and execute; past it the query is
    /// cancelled and answered with `EXECUTION_TIMEOUT`.
    #[arg(long, env = "COORDMAP_EXECUTION_TIMEOUT_MS", default_value_t = 15_000, value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub execution_timeout_ms: u64,

    /// Milliseconds `/readyz` waits for the database before answering 503.
    #[arg(long, env = "COORDMAP_READY_TIMEOUT_MS", default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub ready_timeout_ms: u64,
}

impl Default for TimeoutSettings {
    fn default() -> Self {
        defaults()
    }
}

impl TimeoutSettings {
    pub fn header(&self) -> Duration {
        Duration::from_millis(self.header_timeout_ms)
    }
    pub fn body(&self) -> Duration {
        Duration::from_millis(self.body_timeout_ms)
    }
    pub fn execution(&self) -> Duration {
        Duration::from_millis(self.execution_timeout_ms)
    }
    pub fn ready(&self) -> Duration {
        Duration::from_millis(self.ready_timeout_ms)
    }
}

/// Bounds of the subscriptions served over WebSocket (`crate::subscriptions`). The counts are
/// per process: each replica holds its own connections.
#[derive(Debug, Clone, Args)]
pub struct SubscriptionSettings {
    /// Open WebSocket connections one process serves at most; past it the upgrade is refused
    /// with 503.
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_MAX_CONNECTIONS", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub subscription_max_connections: u32,

    /// Subscriptions one caller (user, token, or anonymous client address) may hold open at
    /// once on one process, over all its connections.
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_MAX_PER_CALLER", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub subscription_max_per_caller: u32,

    /// Milliseconds a client has after connecting to send `connection_init`.
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_INIT_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub subscription_init_timeout_ms: u64,

    /// Milliseconds between the server's pings on an open connection.
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_KEEPALIVE_MS", default_value_t = 15_000, value_parser = clap::value_parser!(u64).range(10..=600_000))]
    pub subscription_keepalive_ms: u64,

    /// Milliseconds between checks of a connection's credential: a revoked or expired one
    /// closes the connection (4401) within this time.
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_RECHECK_MS", default_value_t = 15_000, value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
    pub subscription_recheck_ms: u64,

    /// Messages waiting to be sent on one connection at most; a client that leaves the buffer
    /// full for `subscription_send_timeout_ms` is closed as a slow consumer (4008).
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_BUFFER", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=65_536))]
    pub subscription_buffer: u32,

    /// Milliseconds a full send buffer may stay full before the connection is closed.
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_SEND_TIMEOUT_MS", default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub subscription_send_timeout_ms: u64,

    /// Events a stream shared by subscribers asking the same keeps for those joining it late;
    /// also how far a subscriber may fall behind it before it reads on alone from its last
    /// change (`api/src/subscriptions/feeds.rs`).
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_FEED_BACKLOG", default_value_t = 1_024, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub subscription_feed_backlog: u32,

    /// Milliseconds between reads of the last change's number while subscriptions wait (a
    /// safety net: PostgreSQL notifies every process at commit, and a process notices its own
    /// writes at once).
    #[arg(long, env = "COORDMAP_SUBSCRIPTION_POLL_MS", default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(10..=60_000))]
    pub subscription_poll_ms: u64,
}

impl Default for SubscriptionSettings {
    fn default() -> Self {
        defaults()
    }
}

impl SubscriptionSettings {
    pub fn init_timeout(&self) -> Duration {
        Duration::from_millis(self.subscription_init_timeout_ms)
    }
    pub fn keepalive(&self) -> Duration {
        Duration::from_millis(self.subscription_keepalive_ms)
    }
    pub fn recheck(&self) -> Duration {
        Duration::from_millis(self.subscription_recheck_ms)
    }
    pub fn send_timeout(&self) -> Duration {
        Duration::from_millis(self.subscription_send_timeout_ms)
    }
    pub fn poll(&self) -> Duration {
        Duration::from_millis(self.subscription_poll_ms)
    }
}

/// The default share of traces recorded ([`TraceSettings::trace_sample_ratio`]).
pub const DEFAULT_TRACE_SAMPLE_RATIO: f64 = 0.05;

/// Where spans go, and how many. Every request gets a trace id whatever these say (it is in
/// the logs, the errors and the `traceparent` response header); spans are recorded and sent
/// only to a configured collector.
#[derive(Debug, Clone, Args)]
pub struct TraceSettings {
    /// Base URL of an OpenTelemetry collector's OTLP/HTTP receiver (`http://HOST:4318`); spans
    /// are posted to `<url>/v1/traces` in protobuf. Unset, the standard
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is used when set;
    /// with neither, no span is exported.
    #[arg(long, env = "COORDMAP_OTLP_ENDPOINT")]
    pub otlp_endpoint: Option<String>,

    /// Share of traces recorded and exported, from 0 to 1, for requests that come without a
    /// sampling decision; a client's `traceparent` decides for the trace it continues.
    #[arg(long, env = "COORDMAP_TRACE_SAMPLE_RATIO", default_value_t = DEFAULT_TRACE_SAMPLE_RATIO, value_parser = sample_ratio)]
    pub trace_sample_ratio: f64,
}

impl Default for TraceSettings {
    fn default() -> Self {
        defaults()
    }
}

/// A ratio from 0 to 1.
fn sample_ratio(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(ratio) if (0.0..=1.0).contains(&ratio) => Ok(ratio),
        _ => Err(format!(
            "`{text}` is not a ratio from 0 to 1 (0.05 records one trace in twenty)"
        )),
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

    #[command(flatten)]
    pub auth: AuthSettings,

    #[command(flatten)]
    pub traffic: TrafficSettings,

    #[command(flatten)]
    pub timeouts: TimeoutSettings,

    #[command(flatten)]
    pub traces: TraceSettings,

    #[command(flatten)]
    pub subscriptions: SubscriptionSettings,
}

impl ServeSettings {
    /// Settings for a server on `bind` with every other setting at its default.
    pub fn on(bind: SocketAddr) -> Self {
        Self {
            bind,
            workers: None,
            no_migrate: false,
            graphql: GraphqlSettings::default(),
            auth: AuthSettings::default(),
            traffic: TrafficSettings::default(),
            timeouts: TimeoutSettings::default(),
            traces: TraceSettings::default(),
            subscriptions: SubscriptionSettings::default(),
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
    use super::*;

    #[test]
    fn defaults_are_those_of_the_command_line() {
        let serve = ServeSettings::on("127.0.0.1:0".parse().expect("address"));
        assert_eq!(serve.graphql.max_page_size, 100);
        assert_eq!(serve.graphql.introspection, Introspection::All);
        assert_eq!(serve.auth.jwt_leeway_secs, 30);
        assert!(serve.auth.jwt_secret.is_none());
        assert_eq!(serve.traffic.rate_limit_per_minute, 600);
        assert_eq!(
            serve.traffic.rate_limit_redis_prefix,
            DEFAULT_RATE_LIMIT_REDIS_PREFIX
        );
        assert_eq!(serve.timeouts.execution_timeout_ms, 15_000);
        assert!(serve.traces.otlp_endpoint.is_none());
        assert_eq!(serve.traces.trace_sample_ratio, DEFAULT_TRACE_SAMPLE_RATIO);
        let database = DatabaseSettings::new("sqlite::memory:");
        assert_eq!(database.url.expose(), "sqlite::memory:");
        assert_eq!(database.max_connections, 10);
    }

    #[test]
    fn trusted_proxies_are_addresses_and_ranges_of_both_families() {
        let trusted = TrustedProxies::parse(
            " 10.0.0.5 , 192.168.0.0/16,,2001:db8::1, fd00::/8, 172.16.9.9/12, ::ffff:100.64.0.1",
        )
        .expect("valid");
        assert_eq!(
            trusted.to_string(),
            "10.0.0.5/32,192.168.0.0/16,2001:db8::1/128,fd00::/8,172.16.0.0/12,100.64.0.1/32"
        );
        for (ip, expected) in [
            ("10.0.0.5", true),
            ("10.0.0.6", false),
            ("192.168.200.1", true),
            ("192.169.0.1", false),
            ("2001:db8::1", true),
            ("2001:db8::2", false),
            ("fdab::7", true),
            ("fe80::1", false),
            ("172.31.255.255", true),
            ("172.32.0.0", false),
            // IPv4 peers of a dual-stack listener, and a mapped entry, are their IPv4 address.
            ("::ffff:10.0.0.5", true),
            ("100.64.0.1", true),
        ] {
            let ip: IpAddr = ip.parse().expect("address");
            assert_eq!(trusted.contains(ip), expected, "{ip}");
        }
        assert_eq!(
            TrustedProxies::parse("").expect("empty"),
            TrustedProxies::default()
        );
        assert!(TrustedProxies::parse(" , ").expect("blank").is_empty());
        assert!(ServeSettings::on("127.0.0.1:0".parse().expect("address"))
            .traffic
            .trusted_proxies()
            .expect("default")
            .is_empty());
    }

    #[test]
    fn a_bad_trusted_proxy_names_the_setting_and_the_entry() {
        for (text, entry) in [
            ("10.0.0.300", "10.0.0.300"),
            ("10.0.0.0/8, 10.0.0.0/33", "10.0.0.0/33"),
            ("fd00::/129", "fd00::/129"),
            ("balancer.internal", "balancer.internal"),
            ("10.0.0.5 10.0.0.6", "10.0.0.5 10.0.0.6"),
            ("10.0.0.5:8080", "10.0.0.5:8080"),
            ("[::1]", "[::1]"),
            ("fe80::1%eth0", "fe80::1%eth0"),
            ("10.0.0.0/", "10.0.0.0/"),
            ("*", "*"),
        ] {
            let err = TrustedProxies::parse(text).expect_err(text);
            assert_eq!(
                err.to_string(),
                format!("trusted proxies (--trusted-proxies / COORDMAP_TRUSTED_PROXIES): `{entry}` is not an IP address or a CIDR range (such as 10.0.0.5, 10.0.0.0/8 or fd00::/8)"),
                "{text}"
            );
        }
    }

    #[test]
    fn secrets_are_never_printed() {
        let database = DatabaseSettings::new("postgres://app:s3cret@db/coordmap");
        assert!(!format!("{database:?}").contains("s3cret"));
    }

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
