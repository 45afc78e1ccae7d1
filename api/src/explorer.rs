//! The map explorer: a page that draws a mission's stakeholder map, who decides, and how
//! membership changed, served from files embedded in the binary (`assets.rs`), so it works
//! without internet.
//!
//! Its script and stylesheet are built from the npm packages pinned in `api/assets/explorer/`
//! (Cytoscape.js with its dagre layout; see the README there) into
//! `api/assets/explorer/dist/`, committed with a brotli and a gzip copy of each.
//! `GET /` and `GET /explore/<anything>` are the page (the path and query string name what it
//! shows: `/explore/MONUSCO?asOf=2009-06-01&area=USE_OF_FORCE`), `GET /explore/assets/<file>`
//! its files. Anyone may load them: the page holds no data. It reads the map only through
//! `/graphql`, anonymously or with the token its user enters, so it shows exactly what that
//! caller may see.

use std::sync::LazyLock;

use actix_web::web;

use crate::assets::{asset, escape, Asset, Bundle, Site, CSS, JAVASCRIPT};
use crate::graphiql::ENDPOINT;

/// Where the page lives; `/` shows it too.
pub const PAGE_PATH: &str = "/explore";

/// Where the assets are served from.
pub const ASSETS_PATH: &str = "/explore/assets";

/// The policy of the page: its own origin only, no inline script or style. Images may be
/// `data:` or `blob:` URLs: the PNG and SVG exports are made in the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

static ASSETS: [Asset; 2] = [
    asset!("explorer", "explorer.js", JAVASCRIPT),
    asset!("explorer", "explorer.css", CSS),
];

/// The page and its assets under their served names; built on first use.
static SITE: LazyLock<Site> = LazyLock::new(|| {
    let bundle = Bundle::new(ASSETS_PATH, "explorer", &ASSETS);
    Site::new(bundle, CONTENT_SECURITY_POLICY, |bundle| {
        format!(
            r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>coordmap map explorer</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<noscript>The map explorer needs JavaScript. The API answers at {endpoint}, GraphiQL at /graphiql.</noscript>
<div id="explorer" data-endpoint="{endpoint}" data-base="{base}">Loading the map explorer…</div>
<script src="{js}"></script>
</body>
</html>
"#,
            css = bundle.url("explorer.css"),
            js = bundle.url("explorer.js"),
            endpoint = escape(ENDPOINT),
            base = escape(PAGE_PATH),
        )
    })
});

/// The bytes a browser downloads for the page's files, brotli-compressed.
pub fn compressed_size() -> usize {
    SITE.bundle().compressed_size()
}

/// Mounts `/`, `/explore/...` and the assets.
pub fn routes(cfg: &mut web::ServiceConfig) {
    Site::mount(&SITE, cfg, &["/", "/explore", "/explore/{view:.*}"]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_only_its_own_assets() {
        let page = SITE.html();
        let bundle = SITE.bundle();
        assert!(page.contains(&format!(r#"src="{}""#, bundle.url("explorer.js"))));
        assert!(page.contains(&format!(r#"href="{}""#, bundle.url("explorer.css"))));
        assert_eq!(page.matches("src=").count(), 1, "{page}");
        assert_eq!(page.matches("href=").count(), 1, "{page}");
    }

    #[test]
    fn the_assets_are_under_a_megabyte_compressed() {
        let size = compressed_size();
        assert!(size > 0 && size < 1_000_000, "{size} bytes");
    }
}
