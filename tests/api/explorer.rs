//! The map explorer: served at `/` and `/explore/...` from files embedded in the server, with
//! a strict policy, to anyone (it holds no data); and, in headless Chromium with no host but
//! the server reachable, on the demo (on SQLite, then on PostgreSQL when configured): the
//! MONUC/MONUSCO map with the demo's nodes, the rename when the date moves to 2008, who decides
//! on the use of force, the history and changes views, the keyboard, the DOT and SVG exports,
//! and an anonymous viewer who never sees an INTERNAL record that an analyst's token shows.
//! Screenshots of the three views go to `target/screenshots/`.

use std::collections::BTreeSet;

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::both_backends;
use crate::front_end::{
    assert_unknown_assets, attributes, check_assets, demo_app, eventually, fetch, header, Browser,
};
use crate::helpers::{user_token, Backend, TestApp};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

both_backends!(
    the_page_is_served_at_the_root_and_under_explore_with_its_own_files,
    |app| async move {
        // Anyone may load the page (it holds no data): here anonymous reads are off, and no
        // credential is sent. The address after /explore/ is read by the page, not the server.
        let mut pages = Vec::new();
        for path in [
            "/",
            "/explore",
            "/explore/MONUC?asOf=2009-06-01&view=decides",
        ] {
            let page = fetch(&app, path, None).await;
            assert_eq!(page.status(), 200, "{path}");
            assert_eq!(header(&page, "content-type"), "text/html; charset=utf-8");
            assert_eq!(header(&page, "content-security-policy"), CSP, "{path}");
            assert_eq!(header(&page, "x-content-type-options"), "nosniff");
            assert_eq!(header(&page, "cache-control"), "no-cache");
            pages.push(page.text().await.expect("text"));
        }
        assert!(pages.iter().all(|page| *page == pages[0]));
        let html = &pages[0];
        assert!(html.contains("<html lang=\"en\">"), "{html}");
        assert!(
            html.contains("<title>coordmap map explorer</title>"),
            "{html}"
        );
        assert_eq!(attributes(html, "data-endpoint"), ["/graphql"]);
        assert_eq!(attributes(html, "data-base"), ["/explore"]);

        // It loads one stylesheet and one script, both from /explore/assets/ on this server,
        // together under a megabyte compressed.
        let mut loads = attributes(html, "href");
        loads.extend(attributes(html, "src"));
        let size = check_assets(
            &app,
            "explorer",
            "/explore/assets",
            &loads,
            &[("explorer", "css"), ("explorer", "js")],
        )
        .await;
        assert!(size > 0 && size < 1_000_000, "{size} bytes");

        assert_unknown_assets(
            &app,
            &[
                "/explore/assets/explorer.js",
                "/explore/assets/explorer.000000000000.js",
                "/explore/assets/..%2F..%2FCargo.toml",
            ],
            "explorer",
        )
        .await;
    }
);

// ---------------------------------------------------------------------------------------------
// In a browser without internet

/// The labels of the nodes of MONUC's map on a date, as `credential` may see them.
async fn api_labels(app: &TestApp, credential: Option<&str>, as_of: &str) -> BTreeSet<String> {
    let query = json!({
        "query": "query($d: Date) { stakeholderGraph(mission: \"MONUC\", asOf: $d) { nodes(first: 200) { label } } }",
        "variables": { "d": as_of },
    });
    let body: Value = app
        .post_as(credential, &query)
        .await
        .json()
        .await
        .expect("JSON");
    body["data"]["stakeholderGraph"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|node| node["label"].as_str().expect("label").to_owned())
        .collect()
}

/// The labels the page lists beside the map (its text alternative), after checking that the
/// map draws the same nodes.
async fn page_labels(chromium: &Browser) -> BTreeSet<String> {
    let answer = chromium
        .run(
            "return { listed: [...document.querySelectorAll('#panel-map [data-node]')] \
                        .map(e => e.textContent), \
                      drawn: window.explorer.cy.nodes().map(n => n.data('label')) };",
            vec![],
        )
        .await;
    let set = |key: &str| -> BTreeSet<String> {
        answer[key]
            .as_array()
            .unwrap_or_else(|| panic!("{answer}"))
            .iter()
            .map(|label| label.as_str().expect("label").to_owned())
            .collect()
    };
    let listed = set("listed");
    assert_eq!(listed, set("drawn"), "the lists hold what the map draws");
    listed
}

/// Waits until the map is drawn. (A change of mission, date or token marks the page
/// `loading` at once, before the change's event returns.)
async fn drawn(chromium: &Browser, what: &str) {
    eventually(what, || async {
        chromium
            .run(
                "return document.getElementById('explorer').dataset.state",
                vec![],
            )
            .await
            == json!("ready")
    })
    .await;
}

async fn heading(chromium: &Browser) -> String {
    chromium.text_of("#mission-heading").await
}

/// Sets a form field as a user would leave it, and lets the page see the change.
async fn set_field(chromium: &Browser, selector: &str, value: &str) {
    chromium
        .run(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
             e.dispatchEvent(new Event('input', { bubbles: true })); \
             e.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(selector), json!(value)],
        )
        .await;
}

/// Whether the node labelled `label` carries `class` on the map.
async fn node_has_class(chromium: &Browser, label: &str, class: &str) -> bool {
    chromium
        .run(
            "const n = window.explorer.cy.nodes().filter(n => n.data('label') === arguments[0]); \
             return n.nonempty() && n[0].hasClass(arguments[1]);",
            vec![json!(label), json!(class)],
        )
        .await
        == json!(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_explorer_draws_the_demo_in_a_browser_without_internet() {
    let Some(chromium) = Browser::start().await else {
        return;
    };
    // One browser session for both databases (each server is its own origin, with its own
    // stored token); the screenshots are of the SQLite run.
    for backend in [Backend::Sqlite, Backend::Postgres] {
        match demo_app(backend).await {
            Some(app) => explore_the_demo(&chromium, &app, backend == Backend::Sqlite).await,
            None => eprintln!("{backend:?}: not configured, skipped"),
        }
    }
    chromium.close().await;
}

/// The scenario, on one server; `screenshots`: whether to take them.
async fn explore_the_demo(chromium: &Browser, app: &TestApp, screenshots: bool) {
    let shot = |name: &'static str| async move {
        if screenshots {
            chromium.screenshot(name).await;
        }
    };

    // MONUC, by its former name, in 2011: MONUSCO by then.
    chromium
        .client
        .goto(&format!("{}/explore/MONUC?asOf=2011-01-01", app.address))
        .await
        .expect("open the explorer");
    chromium.watch_policy().await;
    assert_eq!(
        chromium.client.title().await.expect("title"),
        "coordmap map explorer"
    );
    drawn(chromium, "the 2011 map is drawn").await;
    assert!(heading(chromium).await.starts_with("MONUSCO"));
    let in_2011 = page_labels(chromium).await;
    assert_eq!(in_2011, api_labels(app, None, "2011-01-01").await);
    for demo_node in [
        "Special Representative of the Secretary-General (Head of Mission)",
        "Force Commander",
        "Senior Management Group on POC",
        "Early Warning and Rapid Response Cell",
        "Joint Protection Teams",
        "Protection Cluster (DRC, national)",
        "Office of the United Nations High Commissioner for Refugees",
        "Child Protection AoR (DRC)",
        "USE_OF_FORCE",
    ] {
        assert!(in_2011.contains(demo_node), "{demo_node} is not on the map");
    }
    assert_eq!(
        chromium
            .run("return location.pathname + location.search", vec![])
            .await,
        json!("/explore/MONUSCO?asOf=2011-01-01"),
        "the address names the view"
    );
    // UNHCR sits in the mission's forums and in the protection cluster: a bridge, whose seats
    // on both sides are drawn as bridge edges.
    let bridge_seats = "const cy = window.explorer.cy; \
        const actor = cy.nodes().filter(n => n.data('label') === arguments[0]); \
        if (!actor.hasClass('bridge')) return []; \
        return actor.connectedEdges('.bridge').connectedNodes().not(actor) \
          .map(n => n.data('label')).sort();";
    let unhcr = json!("Office of the United Nations High Commissioner for Refugees");
    eventually("UNHCR's bridge seats are drawn", || async {
        chromium
            .run(bridge_seats, vec![unhcr.clone()])
            .await
            .as_array()
            .is_some_and(|seats| !seats.is_empty())
    })
    .await;
    let seats = chromium.run(bridge_seats, vec![unhcr.clone()]).await;
    for forum in [
        "Senior Management Group on POC",
        "Protection Cluster (DRC, national)",
    ] {
        assert!(
            seats.as_array().unwrap().contains(&json!(forum)),
            "{forum} is not a bridge seat of UNHCR: {seats}"
        );
    }
    shot("explorer-map").await;

    // The slider moves to mid-2008: the mission is MONUC again, before the forums of 2009.
    let day = chrono::NaiveDate::from_ymd_opt(2008, 6, 1)
        .expect("date")
        .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch"))
        .num_days();
    set_field(chromium, "#slider", &day.to_string()).await;
    drawn(chromium, "the 2008 map is drawn").await;
    assert!(heading(chromium).await.starts_with("MONUC "));
    assert!(chromium.text_of("#status").await.contains("today MONUSCO"));
    let in_2008 = page_labels(chromium).await;
    assert_eq!(in_2008, api_labels(app, None, "2008-06-01").await);
    assert!(!in_2008.contains("Senior Management Group on POC"));
    assert!(in_2008.len() < in_2011.len());

    // Back to mid-2009 by the date field.
    set_field(chromium, "#as-of", "2009-06-01").await;
    eventually("the 2009 map is drawn", || async {
        heading(chromium).await.contains("2009-06-01")
    })
    .await;
    drawn(chromium, "the 2009 map is drawn").await;
    // The triple-hatted post shows its hats, in the list and on the map.
    assert!(chromium
        .text_of("#panel-map")
        .await
        .contains("DSRSG · RC · HC"));
    assert_eq!(
        chromium
            .run(
                "return window.explorer.cy.nodes().filter(n => n.data('display').endsWith('[DSRSG · RC · HC]')).length",
                vec![],
            )
            .await,
        json!(1)
    );

    // A node's details, chosen from the list beside the map, give its sources.
    chromium
        .run(
            "[...document.querySelectorAll('#panel-map [data-node]')] \
             .find(e => e.textContent === 'Force Commander').click();",
            vec![],
        )
        .await;
    eventually("the Force Commander's sources are shown", || async {
        let details = chromium.text_of("#details").await;
        details.contains("Sources") && details.contains("template G ¶17")
    })
    .await;

    // Who decides on the use of force: the Force Commander, highlighted and listed.
    chromium.click("#tab-decides").await;
    eventually("the decision areas are listed", || async {
        chromium
            .run(
                "return !!document.querySelector('#area option[value=USE_OF_FORCE]')",
                vec![],
            )
            .await
            == json!(true)
    })
    .await;
    set_field(chromium, "#area", "USE_OF_FORCE").await;
    chromium.click("#decides-form button[type=submit]").await;
    eventually("the panel names the Force Commander", || async {
        let answer = chromium.text_of("#decides-answer").await;
        answer.contains("DECIDES") && answer.contains("Force Commander")
    })
    .await;
    assert!(node_has_class(chromium, "Force Commander", "role-decides").await);
    assert!(chromium
        .text_of("#decides-answer")
        .await
        .contains("Escalates to"));
    shot("explorer-who-decides").await;

    // History: UNHCR's seats over the years, as a timeline and a list.
    chromium.click("#tab-history").await;
    chromium
        .run(
            "const s = document.getElementById('history-of'); \
             s.value = [...s.options].find(o => o.text.includes('Refugees')).value;",
            vec![],
        )
        .await;
    chromium.click("#history-form button[type=submit]").await;
    eventually("UNHCR's seats are drawn", || async {
        chromium
            .run(
                "return document.querySelectorAll('#history-answer svg rect.seat').length",
                vec![],
            )
            .await
            .as_u64()
            .is_some_and(|bars| bars > 0)
    })
    .await;
    assert!(chromium
        .text_of("#history-answer")
        .await
        .contains("joined as"));
    shot("explorer-history").await;

    // Changes between two dates: the rename is among them.
    chromium.click("#tab-changes").await;
    set_field(chromium, "#changes-from", "2008-01-01").await;
    set_field(chromium, "#changes-to", "2012-01-01").await;
    chromium.click("#changes-form button[type=submit]").await;
    eventually("the changes name the rename", || async {
        chromium
            .text_of("#changes-answer")
            .await
            .contains("MONUSCO")
    })
    .await;

    // The map as DOT, from the API's rendering.
    chromium.click("#export-dot").await;
    eventually("the DOT text is shown", || async {
        chromium
            .run(
                "return document.getElementById('export-text')?.value ?? ''",
                vec![],
            )
            .await
            .as_str()
            .is_some_and(|text| text.starts_with("digraph"))
    })
    .await;

    // From the keyboard: on the focused map, Escape clears the choice and the down arrow
    // chooses the first node, whose details are shown; the SVG export draws every node.
    chromium.click("#tab-map").await;
    chromium
        .run("document.getElementById('cy').focus();", vec![])
        .await;
    let map = chromium
        .client
        .active_element()
        .await
        .expect("the focused map");
    let key = |k: Key| char::from(k).to_string();
    map.send_keys(&format!("{}{}", key(Key::Escape), key(Key::Down)))
        .await
        .expect("press keys on the map");
    let first = chromium.text_of("#panel-map [data-node]").await;
    eventually("the first node's details are shown", || async {
        chromium.text_of("#details h2").await == first
            && chromium.text_of("#details").await.contains("Sources")
    })
    .await;
    let svg = chromium.run("return window.explorer.svg()", vec![]).await;
    let svg = svg.as_str().expect("SVG text");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(
        svg.matches("<g>").count(),
        page_labels(chromium).await.len()
    );
    assert!(svg.contains(">Force Commander</text>"));

    // Anonymous callers never see the INTERNAL rights on engagement with armed groups; an
    // analyst's token shows them.
    let anonymous = page_labels(chromium).await;
    assert!(!anonymous.contains("ARMED_GROUP_ENGAGEMENT"));
    assert_eq!(anonymous, api_labels(app, None, "2009-06-01").await);
    let analyst = user_token("ana", "ANALYST", &[], &[]);
    chromium
        .client
        .find(Locator::Css("#token"))
        .await
        .expect("the token field")
        .send_keys(&analyst)
        .await
        .expect("type the token");
    chromium.click("#use-token").await;
    eventually("the analyst's map is drawn", || async {
        chromium.text_of("#viewer").await.contains("signed in")
            && page_labels(chromium)
                .await
                .contains("ARMED_GROUP_ENGAGEMENT")
    })
    .await;
    assert_eq!(
        page_labels(chromium).await,
        api_labels(app, Some(&format!("Bearer {analyst}")), "2009-06-01").await
    );

    // Nothing was loaded from another host, and the page's policy was never violated.
    chromium.assert_offline(&app.address).await;
}
