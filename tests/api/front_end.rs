//! What the tests of the pages the server serves share (GraphiQL, `graphiql.rs`; the map
//! explorer, `explorer.rs`): checks of a page's built files over HTTP, and a headless Chromium
//! session, driven through chromedriver, that can reach no host but the test server.
//!
//! Screenshots the browser tests take are written to `target/screenshots/` (git-ignored with
//! the rest of `target/`; CI keeps the folder).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, TestApp};

// ---------------------------------------------------------------------------------------------
// Built files over HTTP

pub fn unescape(text: &str) -> String {
    text.replace("&#10;", "\n")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The values of every `name="..."` attribute in the HTML.
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        let end = after.find('"').expect("closing quote");
        values.push(unescape(&after[..end]));
        rest = &after[end..];
    }
    values
}

/// The targets of every `url(...)` in a stylesheet.
fn css_urls(css: &str) -> Vec<&str> {
    css.match_indices("url(")
        .map(|(at, _)| {
            let after = &css[at + 4..];
            let end = after.find(')').expect("closing parenthesis");
            after[..end].trim_matches(['"', '\'', ' '])
        })
        .collect()
}

/// URLs a script would load from another host: an `http(s)://` address right after a call or
/// attribute that loads it. Other URLs (license comments, XML namespaces, links in help text)
/// load nothing.
fn outside_loads(script: &str) -> Vec<String> {
    const LOADERS: [&str; 10] = [
        "import(",
        "importScripts(",
        "fetch(",
        "Worker(",
        "SharedWorker(",
        "src=",
        "src:",
        "url(",
        "@import",
        "sourceMappingURL=",
    ];
    let mut found = Vec::new();
    for scheme in ["http://", "https://"] {
        for (at, _) in script.match_indices(scheme) {
            let before = script[..at].trim_end_matches(['"', '\'', '`', ' ']);
            if LOADERS.iter().any(|loader| before.ends_with(loader)) {
                let end = (at + 80).min(script.len());
                found.push(script[at.saturating_sub(30)..end].to_owned());
            }
        }
    }
    found
}

pub fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().expect("ASCII header"))
        .unwrap_or("<none>")
}

/// A built file of a front end (`api/assets/<front_end>/dist/<name>`).
pub fn dist(front_end: &str, name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/api/assets/{front_end}/dist/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("built asset")
}

/// GETs a path with no credential and the given `Accept-Encoding` (none: no header).
pub async fn fetch(app: &TestApp, path: &str, encoding: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(encoding) = encoding {
        request = request.header("Accept-Encoding", encoding);
    }
    request.send().await.expect("request sent")
}

/// Fetches each file a page loads, a path under `assets_path` (e.g.
/// `/graphiql/assets/graphiql.<hash>.js`) for the built `stem.extension` of `front_end`, and
/// checks it: served under a name holding a
/// 12-digit hash of its content, typed, cached for a year, `nosniff`, compressed as the client
/// accepts (brotli first) with the committed copies, and loading nothing from another host.
/// Returns the bytes a browser accepting brotli downloads for them all.
pub async fn check_assets(
    app: &TestApp,
    front_end: &str,
    assets_path: &str,
    loads: &[String],
    expected: &[(&str, &str)],
) -> usize {
    assert_eq!(loads.len(), expected.len(), "{loads:?}");
    let prefix = format!("{assets_path}/");
    let mut compressed_total = 0;
    for (path, (stem, extension)) in loads.iter().zip(expected) {
        let name = path
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{path} is not one of the server's assets"));
        let hash = name
            .strip_prefix(&format!("{stem}."))
            .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
            .unwrap_or_else(|| panic!("{name} is not {stem}.<hash>.{extension}"));
        assert!(
            hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{name}"
        );
        let content_type = match *extension {
            "js" => "text/javascript; charset=utf-8",
            _ => "text/css; charset=utf-8",
        };
        let built = format!("{stem}.{extension}");

        let plain = fetch(app, path, None).await;
        assert_eq!(plain.status(), 200, "{path}");
        assert_eq!(header(&plain, "content-type"), content_type, "{path}");
        assert_eq!(
            header(&plain, "cache-control"),
            "public, max-age=31536000, immutable",
            "{path}"
        );
        assert_eq!(header(&plain, "x-content-type-options"), "nosniff");
        assert_eq!(header(&plain, "vary"), "Accept-Encoding", "{path}");
        assert_eq!(header(&plain, "content-encoding"), "<none>", "{path}");
        let body = plain.bytes().await.expect("body");
        // (Compared without printing: the files are large.)
        assert!(
            body.as_ref() == dist(front_end, &built).as_slice(),
            "{path} is not the built {built}"
        );

        // Compressed for clients that accept it, brotli first.
        for (accept, encoding, file) in [
            ("gzip, deflate, br", "br", format!("{built}.br")),
            ("gzip", "gzip", format!("{built}.gz")),
            ("br;q=0.5, gzip", "gzip", format!("{built}.gz")),
        ] {
            let compressed = fetch(app, path, Some(accept)).await;
            assert_eq!(compressed.status(), 200, "{path} {accept}");
            assert_eq!(header(&compressed, "content-encoding"), encoding);
            assert_eq!(header(&compressed, "content-type"), content_type);
            let body = compressed.bytes().await.expect("body");
            assert!(
                body.as_ref() == dist(front_end, &file).as_slice(),
                "{path} ({accept}) is not the built {file}"
            );
            if encoding == "br" {
                compressed_total += body.len();
            }
        }

        let text = String::from_utf8(dist(front_end, &built)).expect("UTF-8");
        if *extension == "css" {
            for url in css_urls(&text) {
                assert!(
                    url.starts_with("data:"),
                    "the stylesheet loads {}",
                    &url[..url.len().min(80)]
                );
            }
            assert!(!text.contains("@import"), "the stylesheet imports another");
        } else {
            assert_eq!(outside_loads(&text), Vec::<String>::new(), "{path}");
        }
    }
    compressed_total
}

/// Asks for each path and checks it is 404 with `no such <what> asset`.
pub async fn assert_unknown_assets(app: &TestApp, paths: &[&str], what: &str) {
    for path in paths {
        let response = fetch(app, path, None).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(
            response.text().await.expect("text"),
            format!("no such {what} asset")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A browser without internet

/// What the browser tests open pages on: `serve --demo` (the demo dataset, anonymous reads of
/// PUBLIC records) on `backend`; `None` when that backend is not configured (PostgreSQL without
/// `COORDMAP_TEST_POSTGRES_URL`).
pub async fn demo_app(backend: Backend) -> Option<TestApp> {
    let app = spawn_app_with(backend, |s| s.auth.allow_anonymous = true).await?;
    coordmap_api::seed::load_demo(app.db())
        .await
        .expect("the demo dataset loads");
    Some(app)
}

/// A process started in a process group of its own, killed with everything it started (the
/// browsers chromedriver launches) when the test ends, even on failure.
struct Running(Child);

impl Running {
    fn start(command: &mut Command) -> Self {
        use std::os::unix::process::CommandExt;
        Self(command.process_group(0).spawn().expect("start the process"))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // The group's id is the leader's process id.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Chromium and its WebDriver, from `COORDMAP_TEST_CHROMIUM` / `COORDMAP_TEST_CHROMEDRIVER` or
/// the Debian packages' paths.
fn installed() -> Option<(String, String)> {
    let pick = |variable: &str, candidates: &[&str]| {
        std::env::var(variable).ok().or_else(|| {
            candidates
                .iter()
                .find(|path| std::path::Path::new(path).exists())
                .map(|path| (*path).to_owned())
        })
    };
    let chromium = pick(
        "COORDMAP_TEST_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    )?;
    let driver = pick("COORDMAP_TEST_CHROMEDRIVER", &["/usr/bin/chromedriver"])?;
    Some((chromium, driver))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

/// Waits until `check` holds, polling; panics with `what` when it never does.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(90);
    while !check().await {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A headless Chromium whose only reachable host is 127.0.0.1, and its chromedriver; both end
/// with the value.
pub struct Browser {
    pub client: fantoccini::Client,
    _driver: Running,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts one; `None` (with a note) when Chromium or chromedriver is not installed.
    pub async fn start() -> Option<Browser> {
        let Some((chromium, chromedriver)) = installed() else {
            eprintln!(
                "skipped: Chromium or chromedriver is not installed \
                 (apt-get install chromium chromium-driver; .ci/run installs them)"
            );
            return None;
        };
        let port = free_port();
        let driver = Running::start(
            Command::new(&chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let profile = tempfile::tempdir().expect("profile directory");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--window-size=1400,900",
                    format!("--user-data-dir={}", profile.path().display()),
                    // No outside network: every other host fails to resolve, and anything that
                    // would still go out goes to a proxy that does not exist.
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                    "--proxy-server=127.0.0.1:9",
                    "--proxy-bypass-list=127.0.0.1",
                ],
            }),
        );
        let webdriver = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        eventually("chromedriver answers", || async {
            client
                .get(format!("{webdriver}/status"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        })
        .await;
        let client = fantoccini::ClientBuilder::new(
            hyper_util::client::legacy::connect::HttpConnector::new(),
        )
        .capabilities(capabilities)
        .connect(&webdriver)
        .await
        .expect("a browser session");
        Some(Browser {
            client,
            _driver: driver,
            _profile: profile,
        })
    }

    /// Clicks the first element matching `selector`; panics when there is none.
    pub async fn click(&self, selector: &str) {
        self.client
            .find(fantoccini::Locator::Css(selector))
            .await
            .unwrap_or_else(|_| panic!("no {selector}"))
            .click()
            .await
            .unwrap_or_else(|_| panic!("click {selector}"));
    }

    /// Runs a script in the page (its `return` value; null on a script error).
    pub async fn run(&self, script: &str, arguments: Vec<Value>) -> Value {
        self.client
            .execute(script, arguments)
            .await
            .unwrap_or(Value::Null)
    }

    /// The text of the first element matching `selector`, with non-breaking spaces turned into
    /// spaces ("" when there is none).
    pub async fn text_of(&self, selector: &str) -> String {
        let script = "const e = document.querySelector(arguments[0]); \
                      return e ? e.innerText.replace(/\\u00a0/g, ' ') : '';";
        self.run(script, vec![json!(selector)])
            .await
            .as_str()
            .map(str::to_owned)
            .unwrap_or_default()
    }

    /// Collects violations of the page's policy from now on (see [`Self::assert_offline`]).
    pub async fn watch_policy(&self) {
        self.client
            .execute(
                "window.violations = []; document.addEventListener('securitypolicyviolation', \
                 e => window.violations.push(e.blockedURI + ' ' + e.violatedDirective));",
                vec![],
            )
            .await
            .expect("listen for policy violations");
    }

    /// Nothing was loaded from a host other than `address`, and the page's policy was never
    /// violated since [`Self::watch_policy`].
    pub async fn assert_offline(&self, address: &str) {
        let resources = self
            .run(
                "return performance.getEntriesByType('resource').map(e => e.name)",
                vec![],
            )
            .await;
        let resources = resources.as_array().expect("a list");
        assert!(!resources.is_empty());
        for resource in resources {
            let url = resource.as_str().expect("URL");
            assert!(url.starts_with(address), "loaded {url}");
        }
        let violations = self.run("return window.violations", vec![]).await;
        assert_eq!(violations, json!([]));
    }

    /// Saves the window as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let dir = format!("{}/target/screenshots", env!("CARGO_MANIFEST_DIR"));
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(format!("{dir}/{name}.png"), png).expect("write screenshot");
    }

    /// Ends the session (the browser and its driver end when the value is dropped anyway).
    pub async fn close(self) {
        self.client
            .clone()
            .close()
            .await
            .expect("close the browser");
    }
}
