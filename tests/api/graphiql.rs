//! GraphiQL works without internet: the page and every file it loads are served by the server
//! itself, with the right types and headers, and nothing they load points to another host. A
//! browser test opens the page in headless Chromium with outside hosts unreachable and runs the
//! preloaded query.

use serde_json::{json, Value};

use crate::both_backends;
use crate::front_end::{
    assert_unknown_assets, attributes, check_assets, demo_app, dist, eventually, fetch, header,
    Browser,
};
use crate::helpers::{error_code, user_token, Backend};

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
        check_assets(
            &app,
            "graphiql",
            "/graphiql/assets",
            &loads,
            &[
                ("graphiql", "js"),
                ("graphiql", "css"),
                ("editor.worker", "js"),
                ("json.worker", "js"),
                ("graphql.worker", "js"),
            ],
        )
        .await;
        let css = String::from_utf8(dist("graphiql", "graphiql.css")).expect("UTF-8");
        assert!(css.contains("url(data:"), "the fonts are inlined");
    }
);

both_backends!(
    an_unknown_or_stale_asset_name_is_not_found,
    |app| async move {
        assert_unknown_assets(
            &app,
            &[
                "/graphiql/assets/graphiql.js",
                "/graphiql/assets/graphiql.000000000000.js",
                "/graphiql/assets/..%2F..%2FCargo.toml",
            ],
            "GraphiQL",
        )
        .await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_runs_the_readme_query_in_a_browser_without_internet() {
    use fantoccini::key::Key;
    use fantoccini::Locator;

    let Some(chromium) = Browser::start().await else {
        return;
    };
    let browser = &chromium.client;
    let app = demo_app(Backend::Sqlite).await.expect("SQLite always runs");

    browser
        .goto(&format!("{}/graphiql", app.address))
        .await
        .expect("open /graphiql");
    assert_eq!(browser.title().await.expect("title"), "coordmap GraphiQL");
    // Violations of the page's policy from here on are collected.
    chromium.watch_policy().await;

    // The editor holds the README's query, the headers editor the template, and the docs
    // explorer is open.
    let first_line = "mission(acronym: \"MONUC\") {";
    eventually("the editor shows the README's query", || async {
        chromium
            .text_of(".graphiql-query-editor")
            .await
            .contains(first_line)
    })
    .await;
    eventually("the headers editor shows the template", || async {
        chromium
            .text_of(".graphiql-editor-tool")
            .await
            .contains("\"Authorization\": \"Bearer <token>\"")
    })
    .await;
    browser
        .find(Locator::Css(".graphiql-doc-explorer"))
        .await
        .expect("the docs explorer is open");

    // Run it as it is: the template is not sent, so the demo answers an anonymous caller.
    chromium.click(".graphiql-execute-button").await;
    eventually("the answer names MONUSCO", || async {
        chromium
            .text_of(".graphiql-response")
            .await
            .contains("\"acronym\": \"MONUSCO\"")
    })
    .await;
    // The editor draws only the lines in view: the top of the answer.
    let answer = chromium.text_of(".graphiql-response").await;
    assert!(answer.contains("\"acronym\": \"MONUC\""), "{answer}");
    assert!(!answer.contains("\"errors\""), "{answer}");
    chromium.screenshot("graphiql-readme-query").await;

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
    chromium
        .click("button[aria-label^='Re-fetch GraphQL schema']")
        .await;
    eventually("the docs explorer shows the root types", || async {
        chromium
            .text_of(".graphiql-doc-explorer")
            .await
            .contains("query: QueryRoot")
    })
    .await;
    chromium.screenshot("graphiql-docs-explorer").await;

    // A subscription runs over a WebSocket to the same server, signed in with the same headers:
    // a change made through the API arrives in the answer.
    browser
        .execute(
            "document.querySelector('.graphiql-query-editor textarea').focus();",
            vec![],
        )
        .await
        .expect("focus the query editor");
    let editor = browser.active_element().await.expect("the focused editor");
    let select_all = format!("{}a{}", key(Key::Control), key(Key::Null));
    editor
        .send_keys(&format!(
            "{select_all}{}subscription {{ mapChanged {{ recordType operation fields {{ field after }} }} }}",
            key(Key::Backspace)
        ))
        .await
        .expect("type a subscription");
    chromium.click(".graphiql-execute-button").await;
    // The subscription starts from now: changes are made until one arrives (the first may
    // commit before the subscription has read where the feed stands).
    let mut attempt = 0;
    eventually("the subscription shows an organisation created", || {
        attempt += 1;
        let code = format!("LIVE-{attempt}");
        let app = &app;
        let chromium = &chromium;
        async move {
            // One change every two seconds or so, well within the rate limit.
            if attempt % 10 == 1 {
                app.data(
                    "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }",
                    json!({ "i": { "code": code, "name": "Seen live", "kind": "INTERNATIONAL_NGO" } }),
                )
                .await;
            }
            chromium
                .text_of(".graphiql-response")
                .await
                .contains("\"recordType\": \"Organization\"")
        }
    })
    .await;
    chromium.screenshot("graphiql-subscription").await;

    // Nothing was loaded from another host, and the page's policy was never violated.
    chromium.assert_offline(&app.address).await;

    chromium.close().await;
}
