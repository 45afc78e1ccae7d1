//! `coordmap serve --demo` as a new user runs it: the binary on a fresh SQLite file, its log on
//! a pipe. It says where GraphQL and GraphiQL are (with the real port), writes no colour codes
//! into a log that is not a terminal, and answers the README's first query without a credential.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The `coordmap` binary with no setting inherited from the environment.
pub fn coordmap(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coordmap"));
    command
        .args(args)
        .env_remove("COORDMAP_DATABASE_URL")
        .env_remove("COORDMAP_BIND")
        .env_remove("COORDMAP_DEMO")
        .env_remove("COORDMAP_JWT_SECRET")
        .env_remove("COORDMAP_JWT_PUBLIC_KEY_FILE")
        .env_remove("COORDMAP_RATE_LIMIT_REDIS_URL")
        .env_remove("COORDMAP_TRUSTED_PROXIES")
        .env_remove("COORDMAP_OTLP_ENDPOINT")
        .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
        .env_remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        .env("RUST_LOG", "off");
    command
}

/// `http://HOST:PORT` from the log line that says where the server serves.
fn served_at(line: &str) -> Option<String> {
    let rest = line.split("coordmap is serving GraphQL at ").nth(1)?;
    let graphql = rest.split_whitespace().next()?;
    Some(graphql.strip_suffix("/graphql")?.to_owned())
}

/// A `serve --demo` process on its own database file, killed when dropped.
pub struct DemoServer {
    child: Child,
    /// `http://127.0.0.1:PORT`, as the server's log gives it.
    pub base: String,
    /// The database URL, for other commands on the same database.
    pub database_url: String,
    /// Every line the server logged up to the one giving its address.
    pub log: Vec<String>,
    /// The lines it logs after that, as they come.
    later: Mutex<mpsc::Receiver<String>>,
    _dir: tempfile::TempDir,
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl DemoServer {
    /// Starts `serve --demo` on a fresh database file, on port 0 with `RUST_LOG=info` and its
    /// log on a pipe, and waits for the line that gives its addresses.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let database_url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
        Self::serve(dir, database_url, &["--demo"], &[])
    }

    /// `serve` with these arguments on the database at `database_url` (which the caller keeps).
    pub fn on(database_url: &str, args: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        Self::serve(dir, database_url.to_owned(), args, &[])
    }

    /// [`Self::start`] with this environment besides.
    pub fn start_with(env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let database_url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
        Self::serve(dir, database_url, &["--demo"], env)
    }

    /// The first line logged from now on that holds `text`, waiting at most `within`.
    pub fn log_line(&self, text: &str, within: Duration) -> Option<String> {
        let deadline = Instant::now() + within;
        let lines = self.later.lock().expect("the log");
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = lines.recv_timeout(left).ok()?;
            if line.contains(text) {
                return Some(line);
            }
        }
    }

    /// Sends `request`, which must fail with `code`: its answer, and the line the server logged
    /// for it (found by the trace id its error gives).
    pub async fn refused_and_logged(
        &self,
        request: reqwest::RequestBuilder,
        code: &str,
    ) -> (Value, String) {
        let body: Value = request
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("JSON");
        assert_eq!(crate::helpers::error_code(&body), code, "{body}");
        let trace = body["errors"][0]["extensions"]["traceId"]
            .as_str()
            .expect("a trace id")
            .to_owned();
        let line = self
            .log_line(&trace, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("no log line with trace id {trace}"));
        (body, line)
    }

    /// Another server on this one's database, with these `serve` arguments and environment.
    pub fn beside(&self, args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        Self::serve(dir, self.database_url.clone(), args, env)
    }

    fn serve(
        dir: tempfile::TempDir,
        database_url: String,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Self {
        let mut command = coordmap(&[
            "--database-url",
            &database_url,
            "serve",
            "--bind",
            "127.0.0.1:0",
        ]);
        command
            .args(args)
            .envs(env.iter().copied())
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start coordmap");
        // The pipe is drained for the life of the process, so the server never blocks on it.
        let stderr = child.stderr.take().expect("stderr");
        let (lines, received) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // Once nobody listens, lines are read and dropped: a closed pipe would fail
                // the server's writes.
                let _ = lines.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(180);
        let mut log = Vec::new();
        let base = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = received
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("the server never said where it serves: {log:#?}"));
            log.push(line.clone());
            if let Some(base) = served_at(&line) {
                break base;
            }
        };
        Self {
            child,
            base,
            database_url,
            log,
            later: Mutex::new(received),
            _dir: dir,
        }
    }

    /// A user token for `role`, from the one command the README gives, run against this
    /// server's database.
    pub fn token(&self, role: &str) -> String {
        let out = coordmap(&[
            "--database-url",
            &self.database_url,
            "token",
            "issue-jwt",
            "--sub",
            "reader",
            "--role",
            role,
        ])
        .output()
        .expect("run coordmap token issue-jwt");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .trim()
            .to_owned()
    }

    /// Posts a query, with `Authorization: Bearer <token>` when a token is given.
    pub async fn query(&self, query: &str, token: Option<&str>) -> Value {
        let mut request = reqwest::Client::new()
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("JSON")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_demo_logs_its_addresses_without_colour_and_answers_the_readme_query() {
    let server = DemoServer::start();
    let last = server.log.last().expect("the address line");
    // The real port, not the 0 asked for.
    let port: u16 = server
        .base
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port");
    assert_ne!(port, 0, "{last}");
    assert!(
        last.contains(&format!("GraphiQL at http://127.0.0.1:{port}/graphiql")),
        "{last}"
    );
    assert!(
        server.log.len() > 5,
        "the log of a start: {:#?}",
        server.log
    );
    for line in &server.log {
        assert!(
            !line.contains('\u{1b}'),
            "a colour code in a piped log: {line:?}"
        );
    }
    let graphiql = reqwest::get(format!("{}/graphiql", server.base))
        .await
        .expect("GraphiQL");
    assert!(graphiql.status().is_success(), "{graphiql:?}");

    let body = server.query(&crate::docs::readme_first_query(), None).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let mission = &body["data"]["mission"];
    assert_eq!(mission["acronym"], "MONUSCO");
    assert_eq!(mission["formerNames"][0]["acronym"], "MONUC");
    let forums: Vec<&str> = mission["forums"]
        .as_array()
        .expect("forums")
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    assert!(
        forums.contains(&"Early Warning and Rapid Response Cell"),
        "{forums:?}"
    );
}

/// A query only a signed-in analyst answers: the audit log, and a CONFIDENTIAL record of the demo
/// (its case-level information-sharing protocol).
const ANALYST_ONLY: &str =
    "{ auditLog(since: \"2000-01-01T00:00:00Z\") { operation } documents(first: 50, filter: { sensitivities: [CONFIDENTIAL] }) { totalCount } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_command_gives_an_analyst_token_that_the_demo_accepts_and_no_other_server_does() {
    let server = DemoServer::start();
    let anonymous = server.query(ANALYST_ONLY, None).await;
    assert_eq!(
        anonymous["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{anonymous:#}"
    );

    let token = server.token("ANALYST");
    let analyst = server.query(ANALYST_ONLY, Some(&token)).await;
    assert!(analyst.get("errors").is_none(), "{analyst:#}");
    assert!(
        analyst["data"]["documents"]["totalCount"].as_u64() > Some(0),
        "{analyst:#}"
    );
    assert!(!analyst["data"]["auditLog"]
        .as_array()
        .expect("entries")
        .is_empty());
    // The secret stays the demo's: the next start keeps it, and the token still works.
    assert_eq!(server.token("analyst").split('.').count(), 3);

    // A server of the same database started without --demo, with its own secret, refuses it.
    let other = server.beside(
        &[],
        &[(
            "COORDMAP_JWT_SECRET",
            "another-secret-that-is-long-enough-for-hs256",
        )],
    );
    let refused = other.query(ANALYST_ONLY, Some(&token)).await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{refused:#}"
    );
    // Without a secret of its own, it takes no user token at all.
    let bare = server.beside(&["--allow-anonymous", "true"], &[]);
    let refused = bare.query(ANALYST_ONLY, Some(&token)).await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{refused:#}"
    );
}

#[test]
fn issuing_a_token_without_a_secret_or_a_demo_database_says_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("empty.db").display()
    );
    let out = coordmap(&[
        "--database-url",
        &url,
        "token",
        "issue-jwt",
        "--sub",
        "x",
        "--role",
        "analyst",
    ])
    .output()
    .expect("run");
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: JWT secret (--jwt-secret / COORDMAP_JWT_SECRET): is required to sign a token (a database `serve --demo` has run on keeps its own: point --database-url at it)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_whose_log_reader_goes_away_keeps_serving_and_stops_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let mut child = coordmap(&["--database-url", &url, "serve", "--bind", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start coordmap");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server said where it serves")
            .expect("a line");
        if let Some(base) = served_at(&line) {
            break base;
        }
    };
    // The log's reader goes away (`coordmap serve 2>&1 | head`): what the server logs from now
    // on goes into a closed pipe.
    drop(lines);
    for _ in 0..3 {
        let health = reqwest::get(format!("{base}/healthz"))
            .await
            .expect("healthz");
        assert!(health.status().is_success(), "{health:?}");
    }
    assert!(
        child.try_wait().expect("status").is_none(),
        "the server ended"
    );
    // Stopping logs the shutdown: into the closed pipe, and still a clean stop.
    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(stopped.success());
    let status = child.wait().expect("exit status");
    assert!(status.success(), "{status:?}");
}
