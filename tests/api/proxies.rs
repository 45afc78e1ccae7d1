//! Anonymous callers behind a trusted balancer (`COORDMAP_TRUSTED_PROXIES`): each client named
//! by `X-Forwarded-For` has an allowance of its own, and the log names it; without the setting,
//! or from a peer that is not trusted, the header buys nothing. Through HAProxy run from
//! `deploy/haproxy/`'s template (skipped, saying so, without `haproxy`), a client's own
//! `X-Forwarded-For` never names it: HAProxy's entry does.

use serde_json::json;

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::serve_demo::DemoServer;

/// Anonymous callers may read, with a burst of two operations, then one a minute.
async fn server(trusted_proxies: &str) -> TestApp {
    spawn_app_with(Backend::Sqlite, |s| {
        s.auth.allow_anonymous = true;
        s.traffic.rate_limit_per_minute = 1;
        s.traffic.rate_limit_burst = 2;
        s.traffic.trusted_proxies = trusted_proxies.to_owned();
    })
    .await
    .expect("a SQLite server")
}

/// The status of an anonymous query sent (from the loopback address) with these
/// `X-Forwarded-For` header lines.
async fn status(app: &TestApp, forwarded_for: &[&str]) -> u16 {
    status_at(&app.client, &app.address, forwarded_for).await
}

/// The status of an anonymous query sent by `client` to the server at `base` with these
/// `X-Forwarded-For` header lines.
async fn status_at(client: &reqwest::Client, base: &str, forwarded_for: &[&str]) -> u16 {
    let mut request = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": "{ missions { totalCount } }" }));
    for line in forwarded_for {
        request = request.header("X-Forwarded-For", *line);
    }
    request
        .send()
        .await
        .expect("request sent")
        .status()
        .as_u16()
}

/// Spends the client's burst of two, and checks the next request is refused.
async fn spend(app: &TestApp, forwarded_for: &[&str]) {
    for _ in 0..2 {
        assert_eq!(status(app, forwarded_for).await, 200, "{forwarded_for:?}");
    }
    assert_eq!(status(app, forwarded_for).await, 429, "{forwarded_for:?}");
}

/// Two clients, as the balancer names them.
const ALICE: &[&str] = &["203.0.113.1"];
const BOB: &[&str] = &["203.0.113.2"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_has_its_own_allowance() {
    // The loopback address, which the test's requests come from, is the balancer.
    let app = server("127.0.0.1, 10.0.0.0/8").await;
    spend(&app, ALICE).await;
    // Bob is another client: his allowance is whole.
    spend(&app, BOB).await;
    // The client is the rightmost untrusted address: what Alice writes on the left, or
    // another trusted hop on the right, leaves her hers (spent). A client writing a header
    // line of its own before the balancer's is the same.
    assert_eq!(status(&app, &["198.51.100.9, 203.0.113.1"]).await, 429);
    assert_eq!(status(&app, &["203.0.113.1, 10.1.2.3"]).await, 429);
    assert_eq!(status(&app, &["198.51.100.9", "203.0.113.1"]).await, 429);
    // A new client is new, IPv6 too.
    assert_eq!(status(&app, &["2001:db8::7"]).await, 200);
    // A malformed header is never believed: the balancer's own address is the caller, and it
    // has an allowance of its own, shared with requests naming no client.
    assert_eq!(status(&app, &["not-an-address"]).await, 200);
    assert_eq!(status(&app, &[]).await, 200);
    assert_eq!(status(&app, &["203.0.113.9:4711"]).await, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_trusted_proxies_every_client_shares_the_connection_address() {
    let app = server("").await;
    spend(&app, ALICE).await;
    assert_eq!(status(&app, BOB).await, 429, "the header is ignored");
    assert_eq!(status(&app, &[]).await, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_that_is_not_trusted_buys_nothing_with_a_spoofed_header() {
    // Only 10.0.0.0/8 is trusted: the loopback address is an ordinary client.
    let app = server("10.0.0.0/8, fd00::/8").await;
    spend(&app, ALICE).await;
    for spoofed in [BOB, &["10.0.0.1"], &["2001:db8::7, 10.0.0.1"]] {
        assert_eq!(status(&app, spoofed).await, 429, "{spoofed:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_names_the_client_behind_a_trusted_proxy() {
    let server = DemoServer::start_with(&[("COORDMAP_TRUSTED_PROXIES", "127.0.0.0/8, fd00::/8")]);
    assert!(
        server
            .log
            .iter()
            .any(|line| line.contains("trusted_proxies=127.0.0.0/8,fd00::/8")),
        "the start says whom it trusts: {:#?}",
        server.log
    );
    let request = reqwest::Client::new()
        .post(format!("{}/graphql", server.base))
        .header("X-Forwarded-For", "198.51.100.9, 203.0.113.7")
        .json(&json!({ "query": "query Broken { noSuchField }" }));
    let (_, line) = server
        .refused_and_logged(request, "GRAPHQL_VALIDATION_FAILED")
        .await;
    assert!(line.contains("client.address=203.0.113.7"), "{line}");
    assert!(!line.contains("198.51.100.9"), "{line}");
}

/// HAProxy, run from the repository's template in front of one server, stopped when dropped.
struct Balancer {
    child: std::process::Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Balancer {
    /// HAProxy in front of `server` (`http://127.0.0.1:PORT`), ready to forward; `None`, saying
    /// so, when HAProxy is not installed (`.ci/run` installs it).
    async fn start(server: &str) -> Option<Self> {
        use std::process::{Command, Stdio};
        if !crate::balancer::haproxy_installed() {
            eprintln!("skipped: haproxy is not installed (apt-get install haproxy; .ci/run does)");
            return None;
        }
        let ports = crate::balancer::free_ports(2);
        let dir = tempfile::tempdir().expect("tempdir");
        let render =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/haproxy/render.sh");
        let replica = format!("replica1={}", server.trim_start_matches("http://"));
        let rendered = Command::new("sh")
            .arg(render)
            .args([
                &format!("127.0.0.1:{}", ports[0]),
                &format!("127.0.0.1:{}", ports[1]),
                &replica,
            ])
            .output()
            .expect("render.sh");
        assert!(rendered.status.success(), "{rendered:?}");
        let config = dir.path().join("haproxy.cfg");
        std::fs::write(&config, &rendered.stdout).expect("write the configuration");
        let child = Command::new("haproxy")
            .arg("-db")
            .arg("-f")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start haproxy");
        let balancer = Self {
            child,
            base: format!("http://127.0.0.1:{}", ports[0]),
            _dir: dir,
        };
        if let Err(last) =
            crate::helpers::ready_within(&balancer.base, std::time::Duration::from_secs(30)).await
        {
            panic!("HAProxy does not forward to the server: {last}");
        }
        Some(balancer)
    }

    /// The status of an anonymous query sent through the balancer from `from` (a loopback
    /// address) with these `X-Forwarded-For` header lines of the client's own.
    async fn status(&self, from: &str, forwarded_for: &[&str]) -> u16 {
        let client = reqwest::Client::builder()
            .local_address(from.parse::<std::net::IpAddr>().expect("address"))
            .build()
            .expect("client");
        status_at(&client, &self.base, forwarded_for).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_haproxy_template_a_client_is_the_address_haproxy_saw() {
    // HAProxy connects to the server from the loopback address 127.0.0.1, which is trusted;
    // the clients connect to HAProxy from 127.0.0.2 and 127.0.0.3.
    let app = server("127.0.0.1").await;
    let Some(balancer) = Balancer::start(&app.address).await else {
        return;
    };
    // Whatever the client writes, HAProxy's own entry (on the right) names it: a new spoofed
    // address buys nothing once its two operations are spent.
    assert_eq!(balancer.status("127.0.0.2", &["203.0.113.1"]).await, 200);
    assert_eq!(balancer.status("127.0.0.2", &["203.0.113.2"]).await, 200);
    for spoofed in [&["203.0.113.3"][..], &["203.0.113.4", "198.51.100.1"], &[]] {
        assert_eq!(
            balancer.status("127.0.0.2", spoofed).await,
            429,
            "{spoofed:?}"
        );
    }
    // Another client, however it spoofs, has its own allowance.
    assert_eq!(balancer.status("127.0.0.3", &["203.0.113.2"]).await, 200);
    assert_eq!(balancer.status("127.0.0.3", &[]).await, 200);
    assert_eq!(balancer.status("127.0.0.3", &["203.0.113.5"]).await, 429);
}
