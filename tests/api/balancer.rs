//! Three replicas behind HAProxy, started by `deploy/local/up.sh` and stopped by
//! `deploy/local/down.sh` (docs/OPERATIONS.md), on one database (the test's PostgreSQL when
//! configured, else one SQLite file). One scenario: a write through the balancer is read at once
//! from every replica; a replica killed under a load of reads costs no request but those it was
//! answering; started again, it is back in rotation with nobody acting. Skipped, saying so, when
//! `haproxy` is not installed (`.ci/run` installs it).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{fresh_database, user_token, Backend, JWT_SECRET, POSTGRES_ENV};

const REPLICAS: usize = 3;
/// The replica killed and started again.
const VICTIM: usize = 2;
/// Concurrent clients of the load, and how long it runs before and after the kill.
const CLIENTS: usize = 8;
const BEFORE_KILL: Duration = Duration::from_millis(1000);
const AFTER_KILL: Duration = Duration::from_millis(2000);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Ports free now, distinct (held together while chosen).
pub(crate) fn free_ports(n: usize) -> Vec<u16> {
    let listeners: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port"))
        .collect();
    listeners
        .iter()
        .map(|l| l.local_addr().expect("address").port())
        .collect()
}

/// What `up.sh` started; `down.sh` stops it when dropped, and whatever still runs is killed.
struct Deployment {
    state: tempfile::TempDir,
    env: Vec<(String, String)>,
    balancer: String,
    replicas: Vec<String>,
}

impl Deployment {
    fn script(&self, name: &str) -> Command {
        let mut command = Command::new("bash");
        command
            .arg(root().join("deploy/local").join(name))
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("STATE_DIR", self.state.path());
        command
    }

    /// Runs `up.sh`: starts what is not running, waits until it is ready, and answers the
    /// address it prints.
    fn up(&self) -> String {
        let out = self.script("up.sh").output().expect("run up.sh");
        assert!(
            out.status.success(),
            "up.sh failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.logs()
        );
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .trim()
            .to_owned()
    }

    fn pid(&self, what: &str) -> Option<u32> {
        std::fs::read_to_string(self.state.path().join(format!("{what}.pid")))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// The last lines of every log, for a failure's message.
    fn logs(&self) -> String {
        let mut out = String::new();
        let Ok(entries) = std::fs::read_dir(self.state.path()) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "log") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                out.push_str(&format!("--- {}\n", path.display()));
                for line in &lines[lines.len().saturating_sub(15)..] {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }
}

impl Drop for Deployment {
    fn drop(&mut self) {
        let _ = self.script("down.sh").env("STOP_TIMEOUT", "5").output();
        // Whatever down.sh could not stop (it removes the pid files of what it stopped).
        for what in ["haproxy", "replica-1", "replica-2", "replica-3"] {
            if let Some(pid) = self.pid(what) {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
        }
    }
}

fn alive(pid: u32) -> bool {
    // A process that ended but was not reaped yet is a zombie: it serves nothing.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

pub(crate) fn haproxy_installed() -> bool {
    Command::new("haproxy")
        .arg("-v")
        .output()
        .is_ok_and(|out| out.status.success())
}

async fn post(client: &reqwest::Client, base: &str, query: &str, variables: Value) -> Value {
    let response = client
        .post(format!("{base}/graphql"))
        .bearer_auth(user_token("admin", "ADMIN", &[], &[]))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "{base}");
    let body: Value = response.json().await.expect("JSON");
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"].clone()
}

/// The replica that answered, as HAProxy's `X-Served-By` names it.
fn served_by(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-served-by")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The organisations' names (a cacheable read: each replica keeps its answer while the map is
/// unchanged).
const READ: &str = "{ organizations(first: 10) { nodes { name } } }";

fn names(data: &Value) -> Vec<&str> {
    data["organizations"]["nodes"]
        .as_array()
        .map(|nodes| nodes.iter().filter_map(|n| n["name"].as_str()).collect())
        .unwrap_or_default()
}

/// What the load saw. A read is *in flight at the kill* when it was sent before the replica was
/// gone and answered after SIGKILL was sent to it: only those may fail, and only POSTs (HAProxy
/// sends a GET in flight on a replica that dies to another one; a POST may be a mutation).
#[derive(Default)]
struct Tally {
    sent: AtomicUsize,
    around_kill: AtomicUsize,
    failed_around_kill: AtomicUsize,
    /// Reads that failed though sent after the kill or answered before it, with what they got.
    failed_elsewhere: std::sync::Mutex<Vec<String>>,
    served_by_victim_after_kill: AtomicUsize,
}

/// Where the kill stands: before SIGKILL is sent, while the replica is dying, once it is gone.
const BEFORE: usize = 0;
const DYING: usize = 1;
const GONE: usize = 2;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_behind_haproxy_read_their_writes_survive_a_killed_replica_and_take_it_back() {
    if !haproxy_installed() {
        eprintln!("skipped: haproxy is not installed (apt-get install haproxy; .ci/run does)");
        return;
    }
    let backend = if std::env::var_os(POSTGRES_ENV).is_some() {
        Backend::Postgres
    } else {
        eprintln!("{POSTGRES_ENV} is not set: the replicas share one SQLite file");
        Backend::Sqlite
    };
    let database = fresh_database(backend).await.expect("a database");
    let ports = free_ports(REPLICAS + 2);
    let replica_ports: Vec<String> = ports[..REPLICAS].iter().map(u16::to_string).collect();
    let deployment = Deployment {
        state: tempfile::tempdir().expect("state directory"),
        env: [
            ("REPLICAS", REPLICAS.to_string()),
            ("BIN", env!("CARGO_BIN_EXE_coordmap").to_owned()),
            ("DATABASE_URL", database.url.clone()),
            ("REPLICA_PORTS", replica_ports.join(" ")),
            ("LB_PORT", ports[REPLICAS].to_string()),
            ("STATS_PORT", ports[REPLICAS + 1].to_string()),
            ("COORDMAP_JWT_SECRET", JWT_SECRET.to_owned()),
            // The load comes from one user; the rate limiter has tests of its own.
            ("COORDMAP_RATE_LIMIT_PER_MINUTE", "0".to_owned()),
            ("COORDMAP_WORKERS", "1".to_owned()),
            ("RUST_LOG", "warn".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
        balancer: format!("http://127.0.0.1:{}", ports[REPLICAS]),
        replicas: ports[..REPLICAS]
            .iter()
            .map(|p| format!("http://127.0.0.1:{p}"))
            .collect(),
    };
    let printed = tokio::task::block_in_place(|| deployment.up());
    assert_eq!(
        printed, deployment.balancer,
        "up.sh prints the balancer's address"
    );
    let client = reqwest::Client::new();
    let balancer = deployment.balancer.as_str();

    // --- a write through the balancer is read at once from every replica ----------------------
    // Each replica has answered the read first, so a stale cached answer would show.
    for replica in &deployment.replicas {
        let data = post(&client, replica, READ, json!({})).await;
        assert!(names(&data).is_empty(), "{replica}: {data}");
    }
    let created = post(
        &client,
        balancer,
        r#"mutation { createOrganization(input: { code: "HAPROXY", name: "Written through the balancer", kind: INTERNATIONAL_NGO }) { id version } }"#,
        json!({}),
    )
    .await;
    for replica in &deployment.replicas {
        let data = post(&client, replica, READ, json!({})).await;
        assert_eq!(names(&data), ["Written through the balancer"], "{replica}");
    }
    let created = &created["createOrganization"];
    post(
        &client,
        balancer,
        "mutation($id: ID!, $version: Int!) { updateOrganization(input: { id: $id, version: $version, name: \"Renamed through the balancer\" }) { version } }",
        json!({ "id": created["id"], "version": created["version"] }),
    )
    .await;
    for replica in &deployment.replicas {
        let data = post(&client, replica, READ, json!({})).await;
        assert_eq!(names(&data), ["Renamed through the balancer"], "{replica}");
    }

    // --- a replica killed under load ------------------------------------------------------------
    let tally = Arc::new(Tally::default());
    let kill = Arc::new(AtomicUsize::new(BEFORE));
    // A connection to the balancer per request: a connection whose request failed at the kill
    // may be closed by HAProxy after its 502 while the client's pool hands it to the next request,
    // which then fails without HAProxy having read it. That race is between the client and its
    // own keep-alive, not the deployment's: with fresh connections, a failure of a request sent
    // after the kill can only be HAProxy's or a replica's.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client");
    let stop_at = Instant::now() + BEFORE_KILL + AFTER_KILL;
    let victim_name = format!("replica{VICTIM}");
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let get = n % 2 == 1;
            let (client, tally, kill) = (client.clone(), tally.clone(), kill.clone());
            let (url, victim) = (format!("{balancer}/graphql"), victim_name.clone());
            let token = user_token("admin", "ADMIN", &[], &[]);
            tokio::spawn(async move {
                while Instant::now() < stop_at {
                    let sent_in = kill.load(Ordering::SeqCst);
                    tally.sent.fetch_add(1, Ordering::SeqCst);
                    let request = if get {
                        client.get(&url).query(&[("query", READ)])
                    } else {
                        client.post(&url).json(&json!({ "query": READ }))
                    };
                    let outcome = request
                        .bearer_auth(&token)
                        .timeout(Duration::from_secs(10))
                        .send()
                        .await;
                    let failure = match outcome {
                        Ok(response) => {
                            let status = response.status();
                            let by = served_by(&response);
                            if sent_in == GONE && by == victim {
                                tally
                                    .served_by_victim_after_kill
                                    .fetch_add(1, Ordering::SeqCst);
                            }
                            let body = response.text().await.unwrap_or_default();
                            let clean = serde_json::from_str::<Value>(&body).is_ok_and(|body| {
                                names(&body["data"]) == ["Renamed through the balancer"]
                            });
                            (status != 200 || !clean)
                                .then(|| format!("{status} from {by:?}: {body}"))
                        }
                        Err(err) => Some(format!("{err:?}")),
                    };
                    let answered_in = kill.load(Ordering::SeqCst);
                    let around = sent_in != GONE && answered_in != BEFORE;
                    if around {
                        tally.around_kill.fetch_add(1, Ordering::SeqCst);
                    }
                    if let Some(failure) = failure {
                        if around && !get {
                            tally.failed_around_kill.fetch_add(1, Ordering::SeqCst);
                        } else {
                            tally
                                .failed_elsewhere
                                .lock()
                                .expect("failures")
                                .push(format!(
                                    "{} {failure} (sent {})",
                                    if get { "GET" } else { "POST" },
                                    ["before the kill", "while the replica died", "after it died"]
                                        [sent_in]
                                ));
                        }
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(BEFORE_KILL).await;
    let pid = deployment
        .pid(&format!("replica-{VICTIM}"))
        .expect("the victim's pid");
    let sent_before_kill = tally.sent.load(Ordering::SeqCst);
    kill.store(DYING, Ordering::SeqCst);
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    // Gone means its port refuses connections: a killed process's first thread can be a zombie
    // while its others still hold the listening socket, whose backlog then still completes
    // connections (which break, unanswered, once the last thread is gone).
    let victim_address = deployment.replicas[VICTIM - 1]
        .trim_start_matches("http://")
        .to_owned();
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pid) || std::net::TcpStream::connect(&victim_address).is_ok() {
        assert!(
            Instant::now() < deadline,
            "the killed replica is still there"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // From here on, every read is sent after the replica died.
    kill.store(GONE, Ordering::SeqCst);
    for client in clients {
        client.await.expect("a client of the load");
    }
    let sent = tally.sent.load(Ordering::SeqCst);
    let around = tally.around_kill.load(Ordering::SeqCst);
    let failed_around = tally.failed_around_kill.load(Ordering::SeqCst);
    let failed_elsewhere = tally.failed_elsewhere.lock().expect("failures").clone();
    eprintln!(
        "load: {sent} reads by {CLIENTS} clients ({sent_before_kill} before the kill), \
         {around} in flight at the kill of which {failed_around} POSTs failed, {} other failures",
        failed_elsewhere.len()
    );
    assert!(
        sent > sent_before_kill + CLIENTS,
        "the load went on after the kill"
    );
    assert!(around > 0, "no read was in flight at the kill");
    assert!(
        failed_elsewhere.is_empty(),
        "reads not in flight at the kill failed: {failed_elsewhere:#?}\n{}",
        deployment.logs()
    );
    assert_eq!(
        tally.served_by_victim_after_kill.load(Ordering::SeqCst),
        0,
        "an answer from the dead replica"
    );

    // --- started again, it is back in rotation ---------------------------------------------------
    let printed = tokio::task::block_in_place(|| deployment.up());
    assert_eq!(printed, deployment.balancer);
    let restarted = deployment
        .pid(&format!("replica-{VICTIM}"))
        .expect("a new pid");
    assert_ne!(restarted, pid);
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut answered_by = Vec::new();
    loop {
        let response = client
            .post(format!("{balancer}/graphql"))
            .bearer_auth(user_token("admin", "ADMIN", &[], &[]))
            .json(&json!({ "query": READ }))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200);
        let by = served_by(&response);
        if by == victim_name {
            break;
        }
        answered_by.push(by);
        assert!(
            Instant::now() < deadline,
            "the restarted replica never answered through the balancer: {answered_by:?}\n{}",
            deployment.logs()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(deployment);
    drop(database);
}
