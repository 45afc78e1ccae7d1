//! GraphiQL, served from files embedded in the binary: nothing the page loads comes from another
//! host, so it works in offices without internet.
//!
//! The script, stylesheet and editor workers are built from the npm packages pinned in
//! `api/assets/graphiql/` (see its README) into `api/assets/graphiql/dist/`, committed with a
//! brotli and a gzip copy of each, and served through `assets.rs` (shared with the map
//! explorer). `GET /graphiql` is the page; `GET /graphiql/assets/<file>`
//! serves each file under a name holding a hash of its content, so it may be cached for a year
//! and a new build is never served stale. Anyone may load them: the page holds no data, and the
//! queries it sends go through `/graphql` like any other.

use std::sync::LazyLock;

use actix_web::web;

use crate::assets::{asset, escape, Asset, Bundle, Site, CSS, JAVASCRIPT};

/// Where the page sends its queries (same origin as the page).
pub const ENDPOINT: &str = "/graphql";

/// Where the assets are served from.
pub const ASSETS_PATH: &str = "/graphiql/assets";

/// The headers editor's starting content: a template shown to the user, not sent while the
/// token is a `<placeholder>` (the page's fetcher drops unfilled headers, since the API answers a
/// bad credential with 401).
pub const HEADERS_TEMPLATE: &str = "{\n  \"Authorization\": \"Bearer <token>\"\n}";

/// The policy of the page: its own origin only. Styles may be inline because the editor sets
/// them at run time; fonts and images may be `data:` URLs because the stylesheet inlines them.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; \
     connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

static ASSETS: [Asset; 5] = [
    asset!("graphiql", "graphiql.js", JAVASCRIPT),
    asset!("graphiql", "graphiql.css", CSS),
    asset!("graphiql", "editor.worker.js", JAVASCRIPT),
    asset!("graphiql", "json.worker.js", JAVASCRIPT),
    asset!("graphiql", "graphql.worker.js", JAVASCRIPT),
];

/// The page and its assets under their served names; built on first use.
static SITE: LazyLock<Site> = LazyLock::new(|| {
    let bundle = Bundle::new(ASSETS_PATH, "GraphiQL", &ASSETS);
    Site::new(bundle, CONTENT_SECURITY_POLICY, |bundle| {
        format!(
            r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>coordmap GraphiQL</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<noscript>GraphiQL needs JavaScript. The API answers at {endpoint}.</noscript>
<div id="graphiql" data-endpoint="{endpoint}" data-query="{query}" data-headers="{headers}" data-editor-worker="{editor}" data-json-worker="{json}" data-graphql-worker="{graphql}">Loading GraphiQL…</div>
<script src="{js}"></script>
</body>
</html>
"#,
            css = bundle.url("graphiql.css"),
            js = bundle.url("graphiql.js"),
            editor = bundle.url("editor.worker.js"),
            json = bundle.url("json.worker.js"),
            graphql = bundle.url("graphql.worker.js"),
            endpoint = escape(ENDPOINT),
            query = escape(&first_query()),
            headers = escape(HEADERS_TEMPLATE),
        )
    })
});

/// The README's first GraphQL example, preloaded in the editor.
pub fn first_query() -> String {
    const README: &str = include_str!("../../README.md");
    README
        .split_once("```graphql\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(query, _)| query.trim_end().to_owned())
        .unwrap_or_default()
}

/// Mounts `/graphiql` and its assets.
pub fn routes(cfg: &mut web::ServiceConfig) {
    Site::mount(&SITE, cfg, &["/graphiql"]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preloaded_query_is_the_readmes_first_example() {
        let query = first_query();
        assert!(
            query.starts_with("{\n  mission(acronym: \"MONUC\") {"),
            "{query}"
        );
        assert!(query.ends_with('}'), "{query}");
    }
}
