//! GraphiQL, served from files embedded in the binary: nothing the page loads comes from another
//! host, so it works in offices without internet.
//!
//! The script, stylesheet and editor workers are built from the npm packages pinned in
//! `api/assets/graphiql/` (see its README) into `api/assets/graphiql/dist/`, committed with a
//! brotli and a gzip copy of each. `GET /graphiql` is the page; `GET /graphiql/assets/<file>`
//! serves each file under a name holding a hash of its content, so it may be cached for a year
//! and a new build is never served stale. Anyone may load them: the page holds no data, and the
//! queries it sends go through `/graphql` like any other.

use std::sync::LazyLock;

use actix_web::http::header::{self, AcceptEncoding, Encoding, Header};
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

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

/// How long a browser may keep an asset: a year, as a new build changes its name.
const ASSET_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// One built file, with its precompressed copies.
struct Asset {
    /// The name in `dist/`, e.g. `graphiql.js`.
    name: &'static str,
    content_type: &'static str,
    identity: &'static [u8],
    brotli: &'static [u8],
    gzip: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $content_type:literal) => {
        Asset {
            name: $name,
            content_type: $content_type,
            identity: include_bytes!(concat!("../assets/graphiql/dist/", $name)),
            brotli: include_bytes!(concat!("../assets/graphiql/dist/", $name, ".br")),
            gzip: include_bytes!(concat!("../assets/graphiql/dist/", $name, ".gz")),
        }
    };
}

static ASSETS: [Asset; 5] = [
    asset!("graphiql.js", "text/javascript; charset=utf-8"),
    asset!("graphiql.css", "text/css; charset=utf-8"),
    asset!("editor.worker.js", "text/javascript; charset=utf-8"),
    asset!("json.worker.js", "text/javascript; charset=utf-8"),
    asset!("graphql.worker.js", "text/javascript; charset=utf-8"),
];

/// The assets under their served names (`graphiql.<hash>.js`), and the page that references
/// them; built on first use.
struct Catalog {
    served: Vec<(String, &'static Asset)>,
    page: String,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let served: Vec<(String, &'static Asset)> = ASSETS
        .iter()
        .map(|asset| (served_name(asset), asset))
        .collect();
    let url = |name: &str| {
        let (served, _) = served
            .iter()
            .find(|(_, asset)| asset.name == name)
            .unwrap_or_else(|| unreachable!("{name} is one of the assets"));
        format!("{ASSETS_PATH}/{served}")
    };
    let page = format!(
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
        css = url("graphiql.css"),
        js = url("graphiql.js"),
        editor = url("editor.worker.js"),
        json = url("json.worker.js"),
        graphql = url("graphql.worker.js"),
        endpoint = escape(ENDPOINT),
        query = escape(&first_query()),
        headers = escape(HEADERS_TEMPLATE),
    );
    Catalog { served, page }
});

/// `graphiql.js` → `graphiql.<first 12 hex digits of its SHA-256>.js`.
fn served_name(asset: &Asset) -> String {
    let hash = hex::encode(&Sha256::digest(asset.identity)[..6]);
    match asset.name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.{hash}.{extension}"),
        None => format!("{}.{hash}", asset.name),
    }
}

/// The README's first GraphQL example, preloaded in the editor.
pub fn first_query() -> String {
    const README: &str = include_str!("../../README.md");
    README
        .split_once("```graphql\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(query, _)| query.trim_end().to_owned())
        .unwrap_or_default()
}

/// Escapes text for an HTML attribute value in double quotes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// Mounts `/graphiql` and its assets.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphiql", web::get().to(page))
        .route("/graphiql/assets/{file}", web::get().to(asset));
}

async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        // Always revalidated, so a new build's asset names are picked up.
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(CATALOG.page.as_str())
}

async fn asset(req: HttpRequest, file: web::Path<String>) -> HttpResponse {
    let Some((_, asset)) = CATALOG
        .served
        .iter()
        .find(|(served, _)| *served == file.as_str())
    else {
        return HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body("no such GraphiQL asset");
    };
    let supported = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
    let encoding = AcceptEncoding::parse(&req)
        .ok()
        .and_then(|accepted| accepted.negotiate(supported.iter()))
        .unwrap_or_else(Encoding::identity);
    let mut response = HttpResponse::Ok();
    response
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, ASSET_CACHE_CONTROL))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::VARY, "Accept-Encoding"));
    let body = if encoding == Encoding::brotli() {
        response.insert_header((header::CONTENT_ENCODING, "br"));
        asset.brotli
    } else if encoding == Encoding::gzip() {
        response.insert_header((header::CONTENT_ENCODING, "gzip"));
        asset.gzip
    } else {
        asset.identity
    };
    response.body(body)
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

    #[test]
    fn served_names_hold_a_content_hash() {
        for asset in &ASSETS {
            let name = served_name(asset);
            let (stem, extension) = asset.name.rsplit_once('.').expect("extension");
            assert!(name.starts_with(&format!("{stem}.")), "{name}");
            assert!(name.ends_with(&format!(".{extension}")), "{name}");
            assert_eq!(name.len(), asset.name.len() + 13, "{name}");
        }
    }

    #[test]
    fn attribute_values_are_escaped() {
        assert_eq!(
            escape("a \"b\" <c> & 'd'\n"),
            "a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;&#10;"
        );
    }
}
