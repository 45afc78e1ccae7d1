//! The demo document against its seeds and its own rules, without a database: every quotation
//! appears in the seed it cites, every record cites a source, and every post's chain of command
//! reaches the Security Council. `tests/api/demo.rs` loads it into both databases.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

use super::DEMO_DOCUMENT;

/// The rows of each table of the demo document.
fn tables() -> HashMap<String, Vec<Value>> {
    let document: Value = serde_json::from_str(DEMO_DOCUMENT).expect("the demo document parses");
    serde_json::from_value(document["tables"].clone()).expect("tables of rows")
}

fn text<'v>(row: &'v Value, column: &str) -> Option<&'v str> {
    row[column].as_str()
}

/// Text compared without layout: markup, line breaks and quote styles differ between the seeds
/// and the quotations.
fn normalized(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '\\'))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            other => other,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// The seed documents: a document whose symbol is a seed's file stem (`002_1c29a2fd4700211c`).
fn is_seed_symbol(symbol: &str) -> bool {
    symbol.len() > 4 && symbol.as_bytes()[..3].iter().all(u8::is_ascii_digit) && {
        symbol.as_bytes()[3] == b'_'
    }
}

#[test]
fn every_citation_cites_one_of_the_seeds() {
    let tables = tables();
    let seeds: HashSet<&str> = tables["documents"]
        .iter()
        .filter(|d| text(d, "symbol").is_some_and(is_seed_symbol))
        .map(|d| text(d, "id").expect("id"))
        .collect();
    assert_eq!(seeds.len(), 5, "the five seeds are documents");
    let elsewhere: Vec<&str> = tables["source_citations"]
        .iter()
        .filter(|c| !seeds.contains(text(c, "document_id").expect("document_id")))
        .map(|c| text(c, "id").expect("id"))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "citations of other documents: {elsewhere:?}"
    );
}

#[test]
fn every_quotation_is_found_in_the_seed_it_cites() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        eprintln!("skipped: the seeds are not at {}", dir.display());
        return;
    }
    let tables = tables();
    let mut seeds: HashMap<&str, String> = HashMap::new();
    for document in &tables["documents"] {
        let Some(symbol) = text(document, "symbol").filter(|s| is_seed_symbol(s)) else {
            continue;
        };
        let path = dir.join(format!("{symbol}.txt"));
        let seed = std::fs::read_to_string(&path).expect("read seed");
        seeds.insert(text(document, "id").expect("id"), normalized(&seed));
    }
    let mut missing = Vec::new();
    let mut quoted = 0;
    for citation in &tables["source_citations"] {
        let Some(quote) = text(citation, "quote") else {
            continue;
        };
        quoted += 1;
        let seed = &seeds[text(citation, "document_id").expect("document_id")];
        if !seed.contains(&normalized(quote)) {
            missing.push(format!(
                "{} {}: {quote}",
                text(citation, "record_type").unwrap_or_default(),
                text(citation, "locator").unwrap_or_default()
            ));
        }
    }
    assert!(quoted > 300, "only {quoted} quotations");
    assert!(
        missing.is_empty(),
        "quotations not in their seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_record_has_a_source_and_every_locator_fits() {
    let tables = tables();
    let cited: HashSet<&str> = tables["source_citations"]
        .iter()
        .map(|c| text(c, "record_id").expect("record_id"))
        .collect();
    let uncited: Vec<String> = tables
        .iter()
        .filter(|(table, _)| table.as_str() != "source_citations")
        .flat_map(|(table, rows)| rows.iter().map(move |row| (table, row)))
        .filter(|(_, row)| !cited.contains(text(row, "id").expect("id")))
        .map(|(table, row)| format!("{table} {}", row["id"]))
        .collect();
    assert!(uncited.is_empty(), "records without a source: {uncited:?}");
    for citation in &tables["source_citations"] {
        let what = format!("citation {}", citation["id"]);
        let locator = text(citation, "locator").unwrap_or_default();
        assert!(!locator.trim().is_empty(), "{what} cites no locator");
        assert!(
            locator.chars().count() <= 64,
            "{what}: locator too long: {locator}"
        );
        if citation["illustrative"] == Value::Bool(true) {
            assert!(
                text(citation, "note").is_some(),
                "{what}: an illustrative citation needs its note"
            );
        }
    }
}

/// Every post of the dataset, in a mission or at Headquarters, has a chain of LINE reporting
/// lines that reaches the Security Council [004 ¶12; 002 template J ¶29]: no chain stops at a
/// Head of Mission or a section head.
#[test]
fn every_post_has_a_line_chain_up_to_the_security_council() {
    let tables = tables();
    let council = tables["organizations"]
        .iter()
        .find(|o| text(o, "code") == Some("UNSC"))
        .and_then(|o| text(o, "id"))
        .expect("the Security Council");
    let mut above: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in &tables["reporting_lines"] {
        if let (Some(from), Some("LINE")) = (text(line, "from_post_id"), text(line, "kind")) {
            let to = text(line, "to_post_id")
                .or(text(line, "to_organization_id"))
                .expect("a line goes to a post or an organisation");
            above.entry(from).or_default().push(to);
        }
    }
    fn reaches<'a>(
        post: &'a str,
        council: &str,
        above: &HashMap<&'a str, Vec<&'a str>>,
        seen: &mut HashSet<&'a str>,
    ) -> bool {
        if !seen.insert(post) {
            return false;
        }
        above.get(post).is_some_and(|targets| {
            targets
                .iter()
                .any(|to| *to == council || reaches(to, council, above, seen))
        })
    }
    let stopped: Vec<&str> = tables["posts"]
        .iter()
        .filter(|p| {
            let id = text(p, "id").expect("id");
            !reaches(id, council, &above, &mut HashSet::new())
        })
        .map(|p| text(p, "title").expect("title"))
        .collect();
    assert!(
        stopped.is_empty(),
        "posts whose LINE chain stops short of the Security Council: {stopped:?}"
    );
}
