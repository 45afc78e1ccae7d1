//! Every GraphQL block of README.md and docs/*.md runs on `coordmap serve --demo`, as the caller
//! it is written for, without an error: a documented query that stops fitting its caller's
//! budget (QUERY_TOO_COMPLEX), loses a field or names a record the demo no longer has fails
//! here.
//!
//! A block runs anonymously unless the line just before its fence says otherwise:
//!
//! - `<!-- graphql: run as ANALYST -->` (or another role: ADMIN, EDITOR, VIEWER) runs it with a
//!   user token of that role, issued by `coordmap token issue-jwt` against the demo database,
//!   the one command the README gives;
//! - `<!-- graphql: not run, <why> -->` leaves it out (a mutation example, a fragment, a query
//!   that needs variables); the reason is required.

use std::path::{Path, PathBuf};

use crate::serve_demo::DemoServer;

/// Who a documented block runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunAs {
    Anonymous,
    Role(String),
    NotRun(String),
}

/// A ```graphql block of a document.
#[derive(Debug, Clone)]
pub struct Block {
    pub file: String,
    /// The line of the opening fence (from 1).
    pub line: usize,
    pub run_as: RunAs,
    pub query: String,
}

const MARKER: &str = "<!-- graphql:";

/// What the marker line before a fence says; an unknown marker is a mistake, not a default.
fn run_as(previous: Option<&str>, file: &str, line: usize) -> RunAs {
    let Some(marker) = previous
        .map(str::trim)
        .and_then(|l| l.strip_prefix(MARKER))
        .and_then(|l| l.strip_suffix("-->"))
        .map(str::trim)
    else {
        return RunAs::Anonymous;
    };
    if let Some(role) = marker.strip_prefix("run as ") {
        let role = role.trim();
        assert!(
            ["ADMIN", "EDITOR", "ANALYST", "VIEWER"].contains(&role),
            "{file}:{line}: `{marker}` names no role"
        );
        return RunAs::Role(role.to_owned());
    }
    if let Some(why) = marker.strip_prefix("not run,") {
        assert!(
            !why.trim().is_empty(),
            "{file}:{line}: say why the block is not run"
        );
        return RunAs::NotRun(why.trim().to_owned());
    }
    panic!("{file}:{line}: unknown marker `{marker}`; see tests/api/docs.rs");
}

/// The ```graphql blocks of one Markdown text.
pub fn blocks_of(file: &str, text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```graphql" {
            i += 1;
            continue;
        }
        let previous = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .copied();
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].trim_end() == "```")
            .unwrap_or_else(|| panic!("{file}:{}: a block that never ends", i + 1));
        out.push(Block {
            file: file.to_owned(),
            line: i + 1,
            run_as: run_as(previous, file, i + 1),
            query: lines[i + 1..end].join("\n"),
        });
        i = end + 1;
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every docs/*.md, in name order.
fn documents() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root().join("README.md"));
    docs
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every ```graphql block of README.md and docs/*.md.
pub fn documented_blocks() -> Vec<Block> {
    documents()
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("read a document");
            blocks_of(&relative(path), &text)
        })
        .collect()
}

/// The README's first GraphQL block: the query a new user pastes first.
pub fn readme_first_query() -> String {
    documented_blocks()
        .into_iter()
        .find(|b| b.file == "README.md")
        .expect("a graphql block in the README")
        .query
}

#[test]
fn markers_say_who_runs_a_block() {
    let text = "intro\n\n```graphql\n{ a }\n```\n\n<!-- graphql: run as ANALYST -->\n```graphql\n{ b }\n```\n<!-- graphql: not run, a mutation example -->\n\n```graphql\nmutation { c }\n```\n```sh\nnot graphql\n```\n";
    let blocks = blocks_of("x.md", text);
    let got: Vec<(usize, RunAs, &str)> = blocks
        .iter()
        .map(|b| (b.line, b.run_as.clone(), b.query.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, RunAs::Anonymous, "{ a }"),
            (8, RunAs::Role("ANALYST".into()), "{ b }"),
            (
                13,
                RunAs::NotRun("a mutation example".into()),
                "mutation { c }"
            ),
        ]
    );
}

#[test]
#[should_panic(expected = "unknown marker")]
fn an_unknown_marker_is_refused() {
    blocks_of(
        "x.md",
        "<!-- graphql: run quietly -->\n```graphql\n{ a }\n```\n",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_query_runs_on_the_demo_as_its_caller() {
    let blocks = documented_blocks();
    assert!(!blocks.is_empty(), "the README has a query");
    let server = DemoServer::start();
    let mut tokens = std::collections::HashMap::new();
    let mut ran = 0;
    for block in &blocks {
        let token = match &block.run_as {
            RunAs::NotRun(_) => continue,
            RunAs::Anonymous => None,
            RunAs::Role(role) => Some(
                tokens
                    .entry(role.clone())
                    .or_insert_with(|| server.token(role))
                    .clone(),
            ),
        };
        let body = server.query(&block.query, token.as_deref()).await;
        assert!(
            body.get("errors").is_none() && body["data"].is_object(),
            "{}:{} (as {:?}) fails:\n{}\n{body:#}",
            block.file,
            block.line,
            block.run_as,
            block.query
        );
        ran += 1;
    }
    assert!(ran > 0);
}
