//! The demo dataset against its seeds: every quotation appears in the seed it cites.

use std::path::PathBuf;

use super::demo;
use super::spec::{SeedFile, Src};

/// Every citation of the dataset, with the record it belongs to.
fn citations() -> Vec<(String, Src)> {
    let mut out: Vec<(String, Src)> = Vec::new();
    let mut add = |what: String, src: &[Src]| out.extend(src.iter().map(|s| (what.clone(), *s)));
    for d in demo::sources::SOURCES {
        add(d.stem.to_owned(), d.src);
    }
    for o in demo::organizations::ORGANIZATIONS {
        add(o.code.to_owned(), o.src);
    }
    for p in demo::places::PLACES {
        add(p.key.to_owned(), p.src);
    }
    for m in demo::missions::MISSIONS {
        add(m.acronym.to_owned(), m.src);
        if let Some(r) = m.rename {
            add(r.acronym.to_owned(), r.src);
        }
    }
    for c in demo::missions::COMPONENTS
        .iter()
        .chain(demo::reporting::COMPONENTS)
    {
        add(c.key.to_owned(), c.src);
    }
    for p in demo::missions::POSTS.iter().chain(demo::reporting::POSTS) {
        add(p.key.to_owned(), p.src);
    }
    for l in demo::missions::LINES.iter().chain(demo::reporting::LINES) {
        add(format!("{:?} → {:?}", l.from, l.to), l.src);
    }
    for t in demo::missions::TASKS {
        add(t.title.to_owned(), t.src);
    }
    for c in demo::clusters::CLUSTERS {
        add(c.code.to_owned(), c.src);
    }
    for a in demo::clusters::AORS {
        add(a.key.to_owned(), a.src);
    }
    for l in demo::clusters::LEADS {
        add(format!("{:?} of {:?}", l.leader, l.led), l.src);
    }
    for f in demo::forums::FORUMS {
        add(f.key.to_owned(), f.src);
    }
    for l in demo::forums::LINKS {
        add(format!("{} → {}", l.from, l.to), l.src);
    }
    for s in demo::forums::SEATS {
        add(format!("{:?} in {}", s.member, s.forum), s.src);
    }
    for a in demo::decisions::AREAS {
        add(a.code.to_owned(), a.src);
    }
    for r in demo::decisions::RIGHTS {
        add(format!("{:?} {:?} on {}", r.holder, r.kind, r.area), r.src);
    }
    for d in demo::documents::DOCUMENTS {
        add(d.key.to_owned(), d.src);
    }
    out
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

#[test]
fn every_quotation_is_found_in_the_seed_it_cites() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        eprintln!("skipped: the seeds are not at {}", dir.display());
        return;
    }
    let texts: Vec<(SeedFile, String)> = demo::sources::SOURCES
        .iter()
        .map(|d| {
            let path = dir.join(format!("{}.txt", d.stem));
            let text = std::fs::read_to_string(&path).expect("read seed");
            (d.file, normalized(&text))
        })
        .collect();
    let mut missing = Vec::new();
    for (what, src) in citations() {
        let Some(quote) = src.quote else { continue };
        let text = &texts.iter().find(|(f, _)| *f == src.file).expect("seed").1;
        if !text.contains(&normalized(quote)) {
            missing.push(format!("{what}: {} {}: {quote}", src.file.prefix(), src.at));
        }
    }
    assert!(
        missing.is_empty(),
        "quotations not in their seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_record_has_a_source_and_every_locator_fits() {
    for (what, src) in citations() {
        assert!(!src.at.trim().is_empty(), "{what} cites no locator");
        assert!(
            src.at.chars().count() <= 64,
            "{what}: locator too long: {}",
            src.at
        );
        if src.illustrative {
            assert!(
                src.note.is_some(),
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
    use std::collections::{HashMap, HashSet};

    use entity::enums::ReportingLineKind;

    use super::spec::{LineFrom, LineTo};

    let mut above: HashMap<&str, Vec<LineTo>> = HashMap::new();
    for l in demo::missions::LINES.iter().chain(demo::reporting::LINES) {
        if let (LineFrom::Post(from), ReportingLineKind::Line) = (l.from, l.kind) {
            above.entry(from).or_default().push(l.to);
        }
    }
    fn reaches_council(
        post: &'static str,
        above: &HashMap<&str, Vec<LineTo>>,
        seen: &mut HashSet<&'static str>,
    ) -> bool {
        if !seen.insert(post) {
            return false;
        }
        above.get(post).is_some_and(|targets| {
            targets.iter().any(|to| match *to {
                LineTo::Org(code) => code == "UNSC",
                LineTo::Post(next) => reaches_council(next, above, seen),
            })
        })
    }
    let stopped: Vec<&str> = demo::missions::POSTS
        .iter()
        .chain(demo::reporting::POSTS)
        .map(|p| p.key)
        .filter(|key| !reaches_council(key, &above, &mut HashSet::new()))
        .collect();
    assert!(
        stopped.is_empty(),
        "posts whose LINE chain stops short of the Security Council: {stopped:?}"
    );
}
