//! GraphiQL works without internet: the page and every file it loads are served by the server
//! itself, with the right types and headers, and nothing they load points to another host. A
//! browser test opens the page in headless Chromium with outside hosts unreachable and runs the
//! preloaded query.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::{error_code, spawn_app_with, user_token, Backend, TestApp};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     font-src 'self' data:; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HEADERS_TEMPLATE: &str = "{\n  \"Authorization\": \"Bearer <token>\"\n}";

/// The first GraphQL block of the README.
fn readme_query() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme.find("```graphql\n").expect("a graphql block") + "```graphql\n".len();
    let end = start + readme[start..].find("```").expect("end of the block");
    readme[start..end].trim_end().to_owned()
}

fn unescape(text: &str) -> String {
    text.replace("&#10;", "\n")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The values of every `name="..."` attribute in the HTML.
fn attributes(html: &str, name: &str) -> Vec<String> {
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

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().expect("ASCII header"))
        .unwrap_or("<none>")
}

fn dist(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/api/assets/graphiql/dist/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("built asset")
}

/// GETs a path with no credential and the given `Accept-Encoding` (none: no header).
async fn fetch(app: &TestApp, path: &str, encoding: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(encoding) = encoding {
        request = request.header("Accept-Encoding", encoding);
    }
    request.send().await.expect("request sent")
}

both_backends!(
    the_page_and_every_file_it_loads_come_from_the_server,
    |app| async move {
        // Anyone may load the page (it holds no data): here anonymous reads are off, and no
        // credential is sent.
        let page = fetch(&app, "/graphiql", None).await;
        assert_eq!(page.status(), 200);
        assert_eq!(header(&page, "content-type"), "text/html; charset=utf-8");
        assert_eq!(header(&page, "content-security-policy"), CSP);
        assert_eq!(header(&page, "x-content-type-options"), "nosniff");
        assert_eq!(header(&page, "cache-control"), "no-cache");
        let html = page.text().await.expect("text");
        assert!(html.contains("<html lang=\"en\">"), "{html}");
        assert!(html.contains("<title>coordmap GraphiQL</title>"), "{html}");

        // What the page passes to GraphiQL.
        assert_eq!(attributes(&html, "data-endpoint"), ["/graphql"]);
        assert_eq!(attributes(&html, "data-query"), [readme_query()]);
        assert_eq!(attributes(&html, "data-headers"), [HEADERS_TEMPLATE]);

        // Everything the page loads, scripts, stylesheet and the editor's workers, is under
        // /graphiql/assets/ on this server.
        let mut loads: Vec<String> = Vec::new();
        for attribute in [
            "src",
            "href",
            "data-editor-worker",
            "data-json-worker",
            "data-graphql-worker",
        ] {
            loads.extend(attributes(&html, attribute));
        }
        assert_eq!(loads.len(), 5, "{loads:?}");
        for (path, (stem, extension)) in loads.iter().zip([
            ("graphiql", "js"),
            ("graphiql", "css"),
            ("editor.worker", "js"),
            ("json.worker", "js"),
            ("graphql.worker", "js"),
        ]) {
            let name = path
                .strip_prefix("/graphiql/assets/")
                .unwrap_or_else(|| panic!("{path} is not one of the server's assets"));
            let hash = name
                .strip_prefix(&format!("{stem}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
                .unwrap_or_else(|| panic!("{name} is not {stem}.<hash>.{extension}"));
            assert!(
                hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
                "{name}"
            );
            let content_type = match extension {
                "js" => "text/javascript; charset=utf-8",
                _ => "text/css; charset=utf-8",
            };
            let built = format!("{stem}.{extension}");

            let plain = fetch(&app, path, None).await;
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
            assert_eq!(body.as_ref(), dist(&built).as_slice(), "{path}");

            // Compressed for clients that accept it, brotli first.
            for (accept, encoding, file) in [
                ("gzip, deflate, br", "br", format!("{built}.br")),
                ("gzip", "gzip", format!("{built}.gz")),
                ("br;q=0.5, gzip", "gzip", format!("{built}.gz")),
            ] {
                let compressed = fetch(&app, path, Some(accept)).await;
                assert_eq!(compressed.status(), 200, "{path} {accept}");
                assert_eq!(header(&compressed, "content-encoding"), encoding);
                assert_eq!(header(&compressed, "content-type"), content_type);
                let body = compressed.bytes().await.expect("body");
                assert_eq!(body.as_ref(), dist(&file).as_slice(), "{path} {accept}");
            }

            let text = String::from_utf8(dist(&built)).expect("UTF-8");
            if extension == "css" {
                let urls = css_urls(&text);
                assert!(!urls.is_empty(), "the fonts are inlined");
                for url in urls {
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
    }
);

both_backends!(
    an_unknown_or_stale_asset_name_is_not_found,
    |app| async move {
        for path in [
            "/graphiql/assets/graphiql.js",
            "/graphiql/assets/graphiql.000000000000.js",
            "/graphiql/assets/..%2F..%2FCargo.toml",
        ] {
            let response = fetch(&app, path, None).await;
            assert_eq!(response.status(), 404, "{path}");
            assert_eq!(header(&response, "x-content-type-options"), "nosniff");
            assert_eq!(
                response.text().await.expect("text"),
                "no such GraphiQL asset"
            );
        }
    }
);

both_backends!(the_headers_template_is_not_a_credential, |app| async move {
    // The page drops the template unfilled because the API refuses it like any bad
    // credential; filled in with a real token, it signs the caller in.
    let query = json!({ "query": "{ __typename }" });
    let template = app.post_as(Some("Bearer <token>"), &query).await;
    assert_eq!(template.status(), 401);
    let body: Value = template.json().await.expect("JSON");
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    let filled = format!("Bearer {}", user_token("ada", "VIEWER", &[], &[]));
    let signed_in = app.post_as(Some(&filled), &query).await;
    assert_eq!(signed_in.status(), 200);
    let body: Value = signed_in.json().await.expect("JSON");
    assert_eq!(body["data"]["__typename"], "QueryRoot");
});

// ---------------------------------------------------------------------------------------------
// In a browser without internet

/// A process killed when the test ends, even on failure.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Chromium and its WebDriver, from `COORDMAP_TEST_CHROMIUM` / `COORDMAP_TEST_CHROMEDRIVER` or
/// the Debian packages' paths.
fn browser() -> Option<(String, String)> {
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
async fn eventually<F, Fut>(what: &str, mut check: F)
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

/// The text of the first element matching `selector`, with the editor's non-breaking spaces
/// turned into spaces ("" when there is none).
async fn text_of(browser: &fantoccini::Client, selector: &str) -> String {
    let script = "const e = document.querySelector(arguments[0]); \
                  return e ? e.innerText.replace(/\\u00a0/g, ' ') : '';";
    browser
        .execute(script, vec![json!(selector)])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

async fn screenshot(browser: &fantoccini::Client, name: &str) {
    let dir = format!("{}/target/screenshots", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(format!("{dir}/{name}.png"), png).expect("write screenshot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_runs_the_readme_query_in_a_browser_without_internet() {
    use fantoccini::key::Key;
    use fantoccini::Locator;

    let Some((chromium, chromedriver)) = browser() else {
        eprintln!(
            "skipped: Chromium or chromedriver is not installed \
             (apt-get install chromium chromium-driver; .ci/run installs them)"
        );
        return;
    };
    // `serve --demo`: the demo dataset, anonymous reads of PUBLIC records.
    let app = spawn_app_with(Backend::Sqlite, |s| s.auth.allow_anonymous = true)
        .await
        .expect("SQLite always runs");
    coordmap_api::seed::load_demo(app.db())
        .await
        .expect("the demo dataset loads");

    let port = free_port();
    let _driver = Running(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
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
    let browser =
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .expect("a browser session");

    browser
        .goto(&format!("{}/graphiql", app.address))
        .await
        .expect("open /graphiql");
    assert_eq!(browser.title().await.expect("title"), "coordmap GraphiQL");
    // Violations of the page's policy from here on are collected.
    browser
        .execute(
            "window.violations = []; document.addEventListener('securitypolicyviolation', \
             e => window.violations.push(e.blockedURI + ' ' + e.violatedDirective));",
            vec![],
        )
        .await
        .expect("listen for policy violations");

    // The editor holds the README's query, the headers editor the template, and the docs
    // explorer is open.
    let first_line = "mission(acronym: \"MONUC\") {";
    eventually("the editor shows the README's query", || async {
        text_of(&browser, ".graphiql-query-editor")
            .await
            .contains(first_line)
    })
    .await;
    eventually("the headers editor shows the template", || async {
        text_of(&browser, ".graphiql-editor-tool")
            .await
            .contains("\"Authorization\": \"Bearer <token>\"")
    })
    .await;
    browser
        .find(Locator::Css(".graphiql-doc-explorer"))
        .await
        .expect("the docs explorer is open");

    // Run it as it is: the template is not sent, so the demo answers an anonymous caller.
    browser
        .find(Locator::Css(".graphiql-execute-button"))
        .await
        .expect("the run button")
        .click()
        .await
        .expect("run the query");
    eventually("the answer names MONUSCO", || async {
        text_of(&browser, ".graphiql-response")
            .await
            .contains("\"acronym\": \"MONUSCO\"")
    })
    .await;
    // The editor draws only the lines in view: the top of the answer.
    let answer = text_of(&browser, ".graphiql-response").await;
    assert!(answer.contains("\"acronym\": \"MONUC\""), "{answer}");
    assert!(!answer.contains("\"errors\""), "{answer}");
    screenshot(&browser, "graphiql-readme-query").await;

    // Signed in through the headers editor, the docs explorer reads the schema. (Anonymous
    // callers cannot: the schema's introspection query is deeper than their query budget.)
    browser
        .execute(
            "[...document.querySelectorAll('.graphiql-editor-tool .view-lines')] \
             .find(e => e.innerText.includes('Authorization')) \
             .closest('.monaco-editor').querySelector('textarea').focus();",
            vec![],
        )
        .await
        .expect("focus the headers editor");
    let headers = browser.active_element().await.expect("the focused editor");
    // Replace `<token>` on the template's second line (typing JSON anew would race the
    // editor's closing of brackets and quotes).
    let token = user_token("ada", "VIEWER", &[], &[]);
    let key = |k: Key| char::from(k).to_string();
    let keys = [
        format!("{}{}{}", key(Key::Control), key(Key::End), key(Key::Null)),
        key(Key::Up),
        key(Key::End),
        key(Key::Left),
        key(Key::Backspace).repeat("<token>".len()),
        token,
    ]
    .concat();
    headers.send_keys(&keys).await.expect("fill in the token");
    browser
        .find(Locator::Css(
            "button[aria-label^='Re-fetch GraphQL schema']",
        ))
        .await
        .expect("the re-fetch button")
        .click()
        .await
        .expect("re-fetch the schema");
    eventually("the docs explorer shows the root types", || async {
        text_of(&browser, ".graphiql-doc-explorer")
            .await
            .contains("query: QueryRoot")
    })
    .await;
    screenshot(&browser, "graphiql-docs-explorer").await;

    // Nothing was loaded from another host, and the page's policy was never violated.
    let resources = browser
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)",
            vec![],
        )
        .await
        .expect("resources");
    let resources = resources.as_array().expect("a list");
    assert!(!resources.is_empty());
    for resource in resources {
        let url = resource.as_str().expect("URL");
        assert!(url.starts_with(&app.address), "loaded {url}");
    }
    let violations = browser
        .execute("return window.violations", vec![])
        .await
        .expect("violations");
    assert_eq!(violations, json!([]));

    browser.close().await.expect("close the browser");
}
