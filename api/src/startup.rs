//! Builds and runs the HTTP server. The listener is bound first, so tests can ask for port 0 and
//! read back the port they got.

use std::net::TcpListener;

use actix_web::{dev::Server, web, App, HttpServer};
use sea_orm::DatabaseConnection;

use crate::auth::rate_limit::RateLimiter;
use crate::auth::Authenticator;
use crate::config::{DatabaseSettings, ServeSettings};
use crate::graphql::{build_schema, context::ApiContext};
use crate::http::HttpState;
use crate::response_cache::ResponseCache;
use crate::services::change_signal::ChangeSignal;
use crate::services::data_version::VersionReader;
use crate::services::read_log::ReadLog;
use crate::{db, http};

/// Named here too, where callers of [`Application`] look for it.
pub use crate::startup_error::StartupError;
use std::sync::Arc;

/// A server bound to its port, ready to run.
pub struct Application {
    port: u16,
    server: Server,
    read_log: Arc<ReadLog>,
}

impl Application {
    /// Connects, migrates (unless told not to), binds and builds the server.
    pub async fn build(
        database: &DatabaseSettings,
        settings: &ServeSettings,
    ) -> Result<Self, StartupError> {
        let mut db = db::connect(database).await?;
        if !settings.no_migrate {
            db::migrate_up(&db).await?;
            // Pooled SQLite connections opened before the migrations can keep the old schema
            // (ON CONFLICT then misses new unique indexes): serve from a fresh pool.
            let _ = db.close().await;
            db = db::connect(database).await?;
        }
        Self::build_with(db, settings)
    }

    /// Builds the server on an open connection (no migration step).
    pub fn build_with(
        db: DatabaseConnection,
        settings: &ServeSettings,
    ) -> Result<Self, StartupError> {
        let listener = TcpListener::bind(settings.bind).map_err(|err| {
            StartupError::setting(
                "bind address (--bind / COORDMAP_BIND)",
                format!("cannot listen on {}: {err}", settings.bind),
            )
        })?;
        let port = listener
            .local_addr()
            .map_err(|err| StartupError::Other(format!("cannot read the bound port: {err}")))?
            .port();
        // Series are recorded only where someone may read them: without the metrics token no
        // recorder is installed and every `metrics::` call is a no-op.
        if settings.auth.metrics_token.is_some() {
            crate::metrics::install();
        }
        let authenticator = Authenticator::from_settings(&settings.auth)?;
        let trusted_proxies = settings.traffic.trusted_proxies()?;
        if !trusted_proxies.is_empty() {
            tracing::info!(
                %trusted_proxies,
                "requests from these proxies are attributed to the client their X-Forwarded-For names"
            );
        }
        let limiter = Arc::new(RateLimiter::from_settings(&settings.traffic)?);
        let read_log = ReadLog::start(db.clone());
        let versions = VersionReader::start(db.clone());
        let exports = Arc::new(tokio::sync::Semaphore::new(
            settings.graphql.max_concurrent_exports as usize,
        ));
        let api = ApiContext {
            db: db.clone(),
            limits: settings.graphql.clone(),
            read_log: read_log.clone(),
            exports: exports.clone(),
            changes: ChangeSignal::start(db.clone(), settings.subscriptions.poll()),
        };
        let schema = build_schema(api.clone());
        let state = web::Data::new(HttpState {
            schema,
            db,
            authenticator: Arc::new(authenticator),
            graphql: settings.graphql.clone(),
            traffic: settings.traffic.clone(),
            timeouts: settings.timeouts.clone(),
            limiter,
            exports,
            metrics_token: settings.auth.metrics_token.clone(),
            trusted_proxies,
            executions: Arc::new(tokio::sync::Semaphore::new(
                usize::try_from(settings.traffic.max_concurrent_queries.max(1)).unwrap_or(8),
            )),
            read_log: read_log.clone(),
            versions,
            api,
            subscriptions: settings.subscriptions.clone(),
            connections: Arc::new(tokio::sync::Semaphore::new(
                settings.subscriptions.subscription_max_connections as usize,
            )),
            open_subscriptions: Arc::default(),
            feeds: Arc::new(crate::subscriptions::Feeds::new(
                settings.subscriptions.subscription_feed_backlog,
            )),
            cache: (settings.traffic.response_cache_mb > 0).then(|| {
                ResponseCache::new(u64::from(settings.traffic.response_cache_mb) * 1024 * 1024)
            }),
        });
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(actix_web::middleware::from_fn(crate::observe::observe))
                .app_data(state.clone())
                .configure(http::routes)
        })
        .shutdown_timeout(30)
        .client_request_timeout(settings.timeouts.header());
        if let Some(workers) = settings.workers {
            server = server.workers(workers.max(1));
        }
        let server = server
            .listen(listener)
            .map_err(|err| StartupError::Other(format!("cannot start the HTTP server: {err}")))?
            .run();
        Ok(Self {
            port,
            server,
            read_log,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://HOST:PORT` of the bound listener as a browser on this machine reaches it: the
    /// real port (not 0), and the loopback address for a listener on every interface.
    pub fn base_url(&self, ip: std::net::IpAddr) -> String {
        let ip = match ip {
            std::net::IpAddr::V4(v4) if v4.is_unspecified() => {
                std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
            }
            std::net::IpAddr::V6(v6) if v6.is_unspecified() => {
                std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
            }
            other => other,
        };
        format!("http://{}", std::net::SocketAddr::new(ip, self.port))
    }

    /// The process's log of confidential reads (to add the counts it owes: `ReadLog::flush`).
    pub fn read_log(&self) -> Arc<ReadLog> {
        self.read_log.clone()
    }

    /// Serves until SIGTERM or Ctrl-C, then finishes in-flight requests, adds the counts of
    /// confidential reads still owed to the log, and stops.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        if let Err(err) = self.read_log.flush().await {
            tracing::error!(error = ?err, "could not add the last tallied confidential reads");
        }
        served
    }
}
