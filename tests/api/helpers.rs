//! Spawning a server per test, each on its own fresh database.
//!
//! SQLite: a temporary file migrated through the real migrations. PostgreSQL (when
//! `COORDMAP_TEST_POSTGRES_URL` is set): a uniquely named database created for the test and
//! dropped when the test ends, even if it fails.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use coordmap_api::config::{DatabaseSettings, ServeSettings};
use coordmap_api::startup::Application;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{json, Value};

pub const POSTGRES_ENV: &str = "COORDMAP_TEST_POSTGRES_URL";

/// The HS256 secret test servers trust.
pub const JWT_SECRET: &str = "a-test-secret-that-is-long-enough-for-hs256";

/// A user token signed with the test secret: `role` with, for editors, the missions (acronyms)
/// and clusters (codes) it may edit.
pub fn user_token(sub: &str, role: &str, missions: &[&str], clusters: &[&str]) -> String {
    let claims = coordmap_api::auth::jwt::Claims {
        sub: sub.into(),
        exp: chrono::Utc::now().timestamp() + 3600,
        nbf: None,
        iat: None,
        iss: None,
        aud: None,
        roles: vec![role.into()],
        missions: missions.iter().map(|m| m.to_string()).collect(),
        clusters: clusters.iter().map(|c| c.to_string()).collect(),
    };
    coordmap_api::auth::jwt::issue_hs256(JWT_SECRET, &claims).expect("sign test token")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    /// The spawned server's base URL; empty for an in-process app ([`spawn_in_process`]).
    pub address: String,
    /// The credential `graphql`, `data` and `get` send: an administrator's token.
    pub admin: String,
    pub client: reqwest::Client,
    /// The settings the server was started with, to start replicas of it.
    settings: ServeSettings,
    database: DatabaseSettings,
    db: DatabaseConnection,
    transport: Transport,
    /// The server's log of confidential reads, to add the counts it owes ([`Self::flush_reads`]).
    read_log: Arc<coordmap_api::services::read_log::ReadLog>,
    _dir: Option<tempfile::TempDir>,
    /// Held for its `Drop`, which drops the test's PostgreSQL database.
    _postgres: Option<PostgresDatabase>,
}

/// How `graphql_as` reaches the schema.
enum Transport {
    /// Over HTTP, through the spawned server.
    Http,
    /// Straight into the schema (see [`spawn_in_process`]).
    Schema(Box<InProcess>),
}

/// The schema with what the HTTP layer gives each request: the caller from its
/// `Authorization` header, the caller's budget, and the log its confidential reads go to.
struct InProcess {
    schema: coordmap_api::graphql::AppSchema,
    authenticator: coordmap_api::auth::Authenticator,
    limits: coordmap_api::config::GraphqlSettings,
    read_log: Arc<coordmap_api::services::read_log::ReadLog>,
}

impl InProcess {
    fn new(db: &DatabaseConnection, settings: &ServeSettings) -> Self {
        let read_log = coordmap_api::services::read_log::ReadLog::start(db.clone());
        let exports = Arc::new(tokio::sync::Semaphore::new(
            settings.graphql.max_concurrent_exports as usize,
        ));
        let schema =
            coordmap_api::graphql::build_schema(coordmap_api::graphql::context::ApiContext {
                db: db.clone(),
                limits: settings.graphql.clone(),
                read_log: read_log.clone(),
                exports,
                changes: coordmap_api::services::change_signal::ChangeSignal::start(
                    db.clone(),
                    settings.subscriptions.poll(),
                ),
            });
        Self {
            schema,
            authenticator: coordmap_api::auth::Authenticator::from_settings(&settings.auth)
                .expect("authentication settings"),
            limits: settings.graphql.clone(),
            read_log,
        }
    }

    /// Runs one operation as the caller `authorization` names and answers its body as the
    /// server would (an operation refused before it ran has no `data`).
    async fn execute(
        &self,
        db: &DatabaseConnection,
        authorization: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Value {
        use async_graphql::ErrorExtensions;
        use coordmap_api::graphql::context::{Budget, RequestState};
        let viewer = match self.authenticator.authenticate(db, authorization).await {
            Ok(viewer) => viewer,
            Err(err) => {
                let error = err
                    .extend()
                    .into_server_error(async_graphql::Pos::default());
                let response = async_graphql::Response::from_errors(vec![error]);
                return serde_json::to_value(response).expect("JSON answer");
            }
        };
        let budget = Budget::for_viewer(&self.limits, &viewer);
        let state = RequestState::new(db.clone(), viewer, budget);
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(state.clone());
        let response = self.schema.execute(request).await;
        self.read_log.record(&state.viewer, &state.reads()).await;
        coordmap_api::http::answer_body(&response, state.was_executed())
    }
}

/// A per-test PostgreSQL database, dropped on drop.
struct PostgresDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs outside any async context we may block; use a private runtime on a thread.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (prefix, _) = base.rsplit_once('/').unwrap_or((base, ""));
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// An empty database of its own, never migrated: a SQLite file in a temporary directory, or a
/// PostgreSQL database dropped (with its connections) when this is dropped.
pub struct FreshDatabase {
    /// Its URL, for the server's settings or `--database-url`.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    _postgres: Option<PostgresDatabase>,
}

/// A [`FreshDatabase`] on `backend`; `None`, saying so, when PostgreSQL is not configured.
pub async fn fresh_database(backend: Backend) -> Option<FreshDatabase> {
    Some(match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            FreshDatabase {
                url,
                _dir: Some(dir),
                _postgres: None,
            }
        }
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
                eprintln!("skipped: {POSTGRES_ENV} is not set, PostgreSQL variant not run");
                return None;
            };
            let name = format!("coordmap_test_{}", uuid::Uuid::now_v7().simple());
            let admin = Database::connect(&admin_url)
                .await
                .expect("connect to PostgreSQL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            admin.close().await.expect("close admin connection");
            let url = replace_database(&admin_url, &name);
            FreshDatabase {
                url,
                _dir: None,
                _postgres: Some(PostgresDatabase { admin_url, name }),
            }
        }
    })
}

/// Spawns a server on `backend` with default settings; `None` when PostgreSQL is not configured.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// Spawns a server whose database connection counts the SQL statements it executes.
pub async fn spawn_counting_app(backend: Backend) -> Option<(TestApp, Arc<AtomicUsize>)> {
    spawn_counting_app_with(backend, |_| {}).await
}

/// A counting server (see [`spawn_counting_app`]) after letting the test adjust the settings.
pub async fn spawn_counting_app_with(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
) -> Option<(TestApp, Arc<AtomicUsize>)> {
    let counter = Arc::new(AtomicUsize::new(0));
    let hook = counter.clone();
    let app = spawn(backend, adjust, move |db| {
        db.set_metric_callback(move |_| {
            hook.fetch_add(1, Ordering::SeqCst);
        })
    })
    .await?;
    Some((app, counter))
}

/// A server after letting the test adjust the settings, with a handle on the server's own
/// connection pool (to hold its connections and see what the server does when the database
/// stops answering).
pub async fn spawn_app_with_pool(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
) -> Option<(TestApp, DatabaseConnection)> {
    let mut pool = None;
    let app = spawn(backend, adjust, |db| pool = Some(db.clone())).await?;
    Some((app, pool.expect("the server's pool")))
}

/// Spawns a server (after letting the test adjust the settings) whose database connection
/// records the SQL of every statement it executes, in order.
pub async fn spawn_recording_app_with(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
) -> Option<(TestApp, Arc<std::sync::Mutex<Vec<String>>>)> {
    let recorded = Arc::new(std::sync::Mutex::new(Vec::new()));
    let hook = recorded.clone();
    let app = spawn(backend, adjust, move |db| {
        db.set_metric_callback(move |info| {
            hook.lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(info.statement.sql.clone());
        })
    })
    .await?;
    Some((app, recorded))
}

/// Spawns a server after letting the test adjust the settings.
pub async fn spawn_app_with(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
) -> Option<TestApp> {
    spawn(backend, adjust, |_| {}).await
}

/// An app without a server, for tests of resolver logic where HTTP adds nothing (the
/// schema-level tests): `graphql`, `graphql_as` and `data` execute the schema in process with
/// the request state the HTTP layer would build for the same `Authorization` header, and log
/// the answer's confidential reads as it would. What only HTTP does (admission, status codes,
/// media types, the response cache, the rate limit) is tested over HTTP; `address` is empty.
pub async fn spawn_in_process(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
) -> Option<TestApp> {
    start(backend, adjust, |_| {}, false).await
}

async fn spawn(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
    instrument: impl FnOnce(&mut DatabaseConnection),
) -> Option<TestApp> {
    start(backend, adjust, instrument, true).await
}

async fn start(
    backend: Backend,
    adjust: impl FnOnce(&mut ServeSettings),
    instrument: impl FnOnce(&mut DatabaseConnection),
    over_http: bool,
) -> Option<TestApp> {
    let FreshDatabase {
        url,
        _dir: dir,
        _postgres: postgres,
    } = fresh_database(backend).await?;
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = coordmap_api::telemetry::init(coordmap_api::config::LogFormat::Text, None);
    }
    let database = DatabaseSettings::new(url.clone());
    let bind: SocketAddr = "127.0.0.1:0".parse().expect("loopback address");
    let mut settings = ServeSettings::on(bind);
    settings.workers = Some(2);
    settings.auth.jwt_secret = Some(coordmap_api::config::Secret(JWT_SECRET.into()));
    // Tests send bursts of requests; the rate limiter has tests of its own.
    settings.traffic.rate_limit_per_minute = 0;
    adjust(&mut settings);
    // The server gets its own pool, migrated first, so a test can instrument it.
    let migrating = coordmap_api::db::connect(&database).await.expect("connect");
    coordmap_api::db::migrate_up(&migrating)
        .await
        .expect("migrate");
    migrating.close().await.expect("close");
    let mut server_db = coordmap_api::db::connect(&database).await.expect("connect");
    instrument(&mut server_db);
    let (address, transport, read_log) = if over_http {
        let app = Application::build_with(server_db, &settings).expect("server starts");
        let port = app.port();
        let read_log = app.read_log();
        tokio::spawn(app.run_until_stopped());
        (
            format!("http://127.0.0.1:{port}"),
            Transport::Http,
            read_log,
        )
    } else {
        let schema = InProcess::new(&server_db, &settings);
        let read_log = schema.read_log.clone();
        (String::new(), Transport::Schema(Box::new(schema)), read_log)
    };
    let db = Database::connect(&url).await.expect("test connection");
    Some(TestApp {
        address,
        transport,
        read_log,
        admin: format!("Bearer {}", user_token("admin", "ADMIN", &[], &[])),
        client: reqwest::Client::new(),
        settings,
        database,
        db,
        _dir: dir,
        _postgres: postgres,
    })
}

impl TestApp {
    /// Stops a test that needs HTTP but was given an in-process app.
    fn over_http(&self) {
        assert!(
            matches!(self.transport, Transport::Http),
            "this test needs HTTP: declare it with `both_backends!`, not `in_process!`"
        );
    }

    /// A direct connection to the test's database, for arranging data and checking effects.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Adds the counts of confidential reads the server owes the log (as it does every few
    /// seconds and when it stops), so the log holds every answer given so far.
    pub async fn flush_reads(&self) {
        self.read_log.flush().await.expect("tallied reads written");
    }

    /// How many answers held confidential records of the `read` entries `filter` keeps, once the
    /// owed counts are written (an entry counts the answers of its hour, or of the group it was
    /// logged with before reads were counted per hour).
    pub async fn answers_read(&self, filter: sea_orm::Condition) -> i64 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        self.flush_reads().await;
        entity::audit_entry::Entity::find()
            .filter(entity::audit_entry::Column::Operation.eq("read"))
            .filter(filter)
            .all(&self.db)
            .await
            .expect("read entries")
            .iter()
            .map(|entry| entry.reads.unwrap_or(1))
            .sum()
    }

    /// The URL of the test's database.
    pub fn database_url(&self) -> &str {
        self.database.url.expose()
    }

    /// Starts another server on the same database and settings (a second replica behind the
    /// same load balancer); returns its address.
    pub async fn replica(&self) -> String {
        self.over_http();
        let db = coordmap_api::db::connect(&self.database)
            .await
            .expect("connect");
        let app = Application::build_with(db, &self.settings).expect("replica starts");
        let port = app.port();
        tokio::spawn(app.run_until_stopped());
        format!("http://127.0.0.1:{port}")
    }

    /// POSTs a GraphQL query as an administrator and returns the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.graphql_as(Some(&self.admin), query, variables).await
    }

    /// POSTs a GraphQL query as an administrator to another server (a [`Self::replica`]).
    pub async fn graphql_at(&self, address: &str, query: &str, variables: Value) -> Value {
        self.client
            .post(format!("{address}/graphql"))
            .header("Authorization", &self.admin)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent")
            .json()
            .await
            .expect("JSON response")
    }

    /// POSTs a GraphQL query with this `Authorization` header (none: anonymous).
    pub async fn graphql_as(
        &self,
        authorization: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Value {
        if let Transport::Schema(schema) = &self.transport {
            return schema
                .execute(&self.db, authorization, query, variables)
                .await;
        }
        self.post_as(
            authorization,
            &json!({ "query": query, "variables": variables }),
        )
        .await
        .json()
        .await
        .expect("JSON response")
    }

    /// POSTs any JSON body to /graphql with this `Authorization` header.
    pub async fn post_as(&self, authorization: Option<&str>, body: &Value) -> reqwest::Response {
        self.over_http();
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(body);
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        request.send().await.expect("request sent")
    }

    /// POSTs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// GETs a path as an administrator.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.over_http();
        self.client
            .get(format!("{}{}", self.address, path))
            .header("Authorization", &self.admin)
            .send()
            .await
            .expect("request sent")
    }
}

/// A response body without what names the request it answered (`extensions.traceId` and
/// `extensions.requestId` of each error), to compare the answers of two requests.
pub fn without_request_ids(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(errors) = body.get_mut("errors").and_then(Value::as_array_mut) {
        for error in errors {
            if let Some(extensions) = error.get_mut("extensions").and_then(Value::as_object_mut) {
                extensions.remove("traceId");
                extensions.remove("requestId");
            }
        }
    }
    body
}

/// The `extensions.code` of the first error of a response.
/// Polls `{base}/readyz` until it answers 200, for at most `within` (readiness is a probe to
/// poll: on a busy machine one answer may come after the server's ready timeout); the last
/// answer, or why there was none, when it never did.
pub async fn ready_within(base: &str, within: std::time::Duration) -> Result<(), String> {
    let client = reqwest::Client::new();
    let deadline = std::time::Instant::now() + within;
    loop {
        let last = match client.get(format!("{base}/readyz")).send().await {
            Ok(response) if response.status() == 200 => return Ok(()),
            Ok(response) => format!(
                "{} {}",
                response.status(),
                response.text().await.unwrap_or_default()
            ),
            Err(err) => err.to_string(),
        };
        if std::time::Instant::now() >= deadline {
            return Err(last);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("<no code>")
}

/// The message of the first error of a response.
pub fn error_message(body: &Value) -> &str {
    body["errors"][0]["message"]
        .as_str()
        .unwrap_or("<no message>")
}

/// Declares a test that runs once on SQLite and once on PostgreSQL (skipped without the
/// variable) against an app that `spawn` (a function of the [`Backend`] answering an
/// `Option<TestApp>`, `None` when the backend is not configured) starts:
/// `backends_test!(name, spawn = super::spawn, |app| async move { ... });`.
#[macro_export]
macro_rules! backends_test {
    ($name:ident, spawn = $spawn:expr, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($app: $crate::helpers::TestApp) {
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let app = ($spawn)($crate::helpers::Backend::Sqlite)
                    .await
                    .expect("SQLite always runs");
                scenario(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if let Some(app) = ($spawn)($crate::helpers::Backend::Postgres).await {
                    scenario(app).await;
                }
            }
        }
    };
}

/// Declares a test over HTTP that runs once on SQLite and once on PostgreSQL:
/// `both_backends!(name, |app| async move { ... });`, or with adjusted settings:
/// `both_backends!(name, settings = |s| s.auth.allow_anonymous = true, |app| ...);`
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$app:ident| $body:expr) => {
        $crate::both_backends!($name, settings = |_s| {}, |$app| $body);
    };
    ($name:ident, settings = |$s:ident| $adjust:expr, |$app:ident| $body:expr) => {
        $crate::backends_test!(
            $name,
            spawn = |backend| $crate::helpers::spawn_app_with(
                backend,
                |$s: &mut coordmap_api::config::ServeSettings| {
                    $adjust;
                }
            ),
            |$app| $body
        );
    };
}

/// Declares a schema-level test (see [`spawn_in_process`]) that runs once on SQLite and once
/// on PostgreSQL: `in_process!(name, |app| async move { ... });`.
#[macro_export]
macro_rules! in_process {
    ($name:ident, |$app:ident| $body:expr) => {
        $crate::backends_test!(
            $name,
            spawn = |backend| $crate::helpers::spawn_in_process(backend, |_| {}),
            |$app| $body
        );
    };
}

/// Every row of every table (audit log included), as JSON: equal before and after a refused
/// mutation means the mutation wrote nothing.
pub async fn fingerprint(db: &DatabaseConnection) -> String {
    use sea_orm::{EntityTrait, QueryOrder};
    let mut out = String::new();
    macro_rules! dump {
        ($($module:ident),+ $(,)?) => {$(
            let rows = entity::$module::Entity::find()
                .order_by_asc(entity::$module::Column::Id)
                .into_json()
                .all(db)
                .await
                .expect("dump table");
            out.push_str(stringify!($module));
            out.push_str(&serde_json::to_string(&rows).expect("JSON"));
            out.push('\n');
        )+};
    }
    // Every record table of the registry, then the audit log.
    macro_rules! records {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            dump!($($module),*);
        };
    }
    entity::for_each_record!(records);
    dump!(audit_entry);
    out
}

/// Runs each bad input and checks its code, field and message, and that nothing was written.
pub async fn assert_refused(app: &TestApp, query: &str, cases: &[(Value, &str, &str, &str)]) {
    for (variables, code, field, message) in cases {
        let before = fingerprint(app.db()).await;
        let body = app.graphql(query, variables.clone()).await;
        assert_eq!(error_code(&body), *code, "code for {variables}: {body}");
        assert_eq!(error_message(&body), *message, "message for {variables}");
        let actual_field = body["errors"][0]["extensions"]["field"]
            .as_str()
            .unwrap_or("");
        assert_eq!(actual_field, *field, "field for {variables}");
        assert_eq!(
            fingerprint(app.db()).await,
            before,
            "nothing may change for {variables}"
        );
    }
}
