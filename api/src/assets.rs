//! Front-end files embedded in the binary, and the pages that load them: GraphiQL
//! (`graphiql.rs`) and the map explorer (`explorer.rs`). Nothing a page loads comes from
//! another host, so both work in offices without internet.
//!
//! Each front end is built from pinned npm packages in `api/assets/<name>/` (see its README)
//! into `api/assets/<name>/dist/`, committed with a brotli and a gzip copy of each file, and
//! embedded here with `include_bytes!`: building the server needs no Node. A [`Bundle`] serves
//! each file under a name holding a hash of its content, so it may be cached for a year and a
//! new build is never served stale, compressed as the client prefers. Anyone may load them: the
//! files and pages hold no data, and the queries the pages send go through `/graphql` like any
//! other.

use std::sync::LazyLock;

use actix_web::http::header::{self, AcceptEncoding, Encoding, Header};
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// How long a browser may keep an asset: a year, as a new build changes its name.
const ASSET_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// One built file, with its precompressed copies.
#[derive(Debug)]
pub struct Asset {
    /// The name in `dist/`, e.g. `graphiql.js`.
    pub name: &'static str,
    pub content_type: &'static str,
    pub identity: &'static [u8],
    pub brotli: &'static [u8],
    pub gzip: &'static [u8],
}

/// `asset!("graphiql", "graphiql.js", "text/javascript; charset=utf-8")`: the file
/// `api/assets/graphiql/dist/graphiql.js` and its `.br` and `.gz` copies, embedded.
macro_rules! asset {
    ($front_end:literal, $name:literal, $content_type:expr) => {
        $crate::assets::Asset {
            name: $name,
            content_type: $content_type,
            identity: include_bytes!(concat!("../assets/", $front_end, "/dist/", $name)),
            brotli: include_bytes!(concat!("../assets/", $front_end, "/dist/", $name, ".br")),
            gzip: include_bytes!(concat!("../assets/", $front_end, "/dist/", $name, ".gz")),
        }
    };
}
pub(crate) use asset;

/// The content types of the built files.
pub const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
pub const CSS: &str = "text/css; charset=utf-8";

/// The files of one front end under their served names (`graphiql.<hash>.js`).
#[derive(Debug)]
pub struct Bundle {
    /// Where they are served from, e.g. `/graphiql/assets`.
    path: &'static str,
    /// What a 404 says: `no such <what> asset`.
    what: &'static str,
    served: Vec<(String, &'static Asset)>,
}

impl Bundle {
    /// Names each asset by its content; built once per process.
    pub fn new(path: &'static str, what: &'static str, assets: &'static [Asset]) -> Self {
        let served = assets
            .iter()
            .map(|asset| (served_name(asset), asset))
            .collect();
        Self { path, what, served }
    }

    /// The URL of the asset built as `name` (one of the bundle's).
    pub fn url(&self, name: &str) -> String {
        let (served, _) = self
            .served
            .iter()
            .find(|(_, asset)| asset.name == name)
            .unwrap_or_else(|| unreachable!("{name} is one of the assets"));
        format!("{}/{served}", self.path)
    }

    /// The bytes a client downloads for the whole bundle: every file, brotli-compressed.
    pub fn compressed_size(&self) -> usize {
        self.served
            .iter()
            .map(|(_, asset)| asset.brotli.len())
            .sum()
    }

    /// Answers `GET <path>/<file>`: the asset compressed as `Accept-Encoding` prefers (brotli,
    /// gzip, or none), cached for a year; any other name is 404.
    pub fn respond(&self, req: &HttpRequest, file: &str) -> HttpResponse {
        let Some((_, asset)) = self.served.iter().find(|(served, _)| served == file) else {
            return HttpResponse::NotFound()
                .content_type("text/plain; charset=utf-8")
                .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .body(format!("no such {} asset", self.what));
        };
        let supported = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
        let encoding = AcceptEncoding::parse(req)
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
}

/// A page and the bundle it loads: what `graphiql.rs` and `explorer.rs` serve.
#[derive(Debug)]
pub struct Site {
    bundle: Bundle,
    page: String,
    content_security_policy: &'static str,
}

impl Site {
    /// The bundle, and the page written with its URLs.
    pub fn new(
        bundle: Bundle,
        content_security_policy: &'static str,
        page: impl FnOnce(&Bundle) -> String,
    ) -> Self {
        let page = page(&bundle);
        Self {
            bundle,
            page,
            content_security_policy,
        }
    }

    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// The page's HTML.
    pub fn html(&self) -> &str {
        &self.page
    }

    /// Mounts `GET <bundle path>/{file}` for the assets, then the page at each of `pages`
    /// (which may end in a catch-all such as `/explore/{view:.*}`: the assets come first).
    pub fn mount(site: &'static LazyLock<Site>, cfg: &mut web::ServiceConfig, pages: &[&str]) {
        let site: &'static Site = site;
        cfg.route(
            &format!("{}/{{file}}", site.bundle.path),
            web::get().to(
                move |req: HttpRequest, file: web::Path<String>| async move {
                    site.bundle.respond(&req, &file)
                },
            ),
        );
        for path in pages {
            cfg.route(
                path,
                web::get()
                    .to(move || async move { page(&site.page, site.content_security_policy) }),
            );
        }
    }
}

/// A page that loads a bundle: HTML under the page's `Content-Security-Policy`, always
/// revalidated so a new build's asset names are picked up.
fn page(html: &str, content_security_policy: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, content_security_policy))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(html.to_owned())
}

/// `graphiql.js` → `graphiql.<first 12 hex digits of its SHA-256>.js`.
fn served_name(asset: &Asset) -> String {
    let hash = hex::encode(&Sha256::digest(asset.identity)[..6]);
    match asset.name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.{hash}.{extension}"),
        None => format!("{}.{hash}", asset.name),
    }
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn escape(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    static SAMPLE: [Asset; 2] = [
        Asset {
            name: "app.js",
            content_type: JAVASCRIPT,
            identity: b"1",
            brotli: b"22",
            gzip: b"333",
        },
        Asset {
            name: "LICENSE",
            content_type: "text/plain",
            identity: b"",
            brotli: b"",
            gzip: b"",
        },
    ];

    #[test]
    fn served_names_hold_a_content_hash() {
        let bundle = Bundle::new("/app/assets", "app", &SAMPLE);
        let url = bundle.url("app.js");
        let hash = url
            .strip_prefix("/app/assets/app.")
            .and_then(|rest| rest.strip_suffix(".js"))
            .unwrap_or_else(|| panic!("{url}"));
        assert_eq!(hash, &hex::encode(Sha256::digest(b"1"))[..12]);
        assert_eq!(
            bundle.url("LICENSE").len(),
            "/app/assets/LICENSE.".len() + 12
        );
        assert_eq!(bundle.compressed_size(), 2);
    }

    #[test]
    fn attribute_values_are_escaped() {
        assert_eq!(
            escape("a \"b\" <c> & 'd'\n"),
            "a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;&#10;"
        );
    }
}
