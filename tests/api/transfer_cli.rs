//! `coordmap import` and `coordmap export` on an embedded database: a document and a directory
//! of sheets load, a dry run prints its counts and writes nothing, a second import changes
//! nothing, a refused file names its place and exits with failure, large sheets report progress.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use crate::helpers::{spawn_app, Backend};
use crate::transfer::{export_json, ground};

fn coordmap(database: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coordmap"))
        .arg("--database-url")
        .arg(database)
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .expect("run coordmap")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The line of the report for `table`, its columns split.
fn counts(report: &str, table: &str) -> Vec<String> {
    report
        .lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .find(|words| words.first().map(String::as_str) == Some(table))
        .unwrap_or_else(|| panic!("no line for {table} in:\n{report}"))
}

#[test]
fn import_and_export_have_help() {
    for command in ["import", "export"] {
        let out = Command::new(env!("CARGO_BIN_EXE_coordmap"))
            .args([command, "--help"])
            .output()
            .expect("run coordmap");
        assert!(out.status.success(), "{command}");
        let text = stdout(&out);
        assert!(
            text.contains(&format!("Usage: coordmap {command}")),
            "{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_and_a_directory_of_sheets_import_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The records the sheets refer to, built through the API and carried over as JSON.
    let app = spawn_app(Backend::Sqlite).await.expect("server");
    ground(&app).await;
    let document = dir.path().join("ground.json");
    std::fs::write(&document, export_json(&app).await).expect("write document");
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());

    let loaded = coordmap(&database, &["import", document.to_str().unwrap()]);
    assert!(loaded.status.success(), "{}", stderr(&loaded));
    assert!(
        stdout(&loaded).starts_with("imported:\n"),
        "{}",
        stdout(&loaded)
    );
    assert_eq!(
        counts(&stdout(&loaded), "missions"),
        ["missions", "2", "0", "0", "0"]
    );

    let snapshot = || stdout(&coordmap(&database, &["export", "--format", "json"]));
    let before = snapshot();
    let dry = coordmap(&database, &["import", "tests/fixtures/hxl", "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let report = stdout(&dry);
    assert!(
        report.starts_with("dry run, nothing was written; the import would give:\n"),
        "{report}"
    );
    assert_eq!(
        counts(&report, "forum_memberships"),
        ["forum_memberships", "16", "0", "0", "0"]
    );
    assert_eq!(snapshot(), before, "a dry run writes nothing");

    let first = coordmap(&database, &["import", "tests/fixtures/hxl"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(
        counts(&stdout(&first), "total"),
        ["total", "45", "0", "0", "0"]
    );
    let again = coordmap(&database, &["import", "tests/fixtures/hxl"]);
    assert_eq!(
        counts(&stdout(&again), "total"),
        ["total", "0", "0", "45", "0"]
    );

    let out = dir.path().join("sheets");
    let exported = coordmap(
        &database,
        &["export", "--format", "hxl", "--out", out.to_str().unwrap()],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "forum_links.csv",
            "forum_memberships.csv",
            "forums.csv",
            "lead_agencies.csv",
            "organizations.csv",
            "posts.csv",
            "reporting_lines.csv"
        ]
    );
    let round = coordmap(&database, &["import", out.to_str().unwrap()]);
    assert_eq!(
        counts(&stdout(&round), "total"),
        ["total", "0", "0", "45", "0"]
    );

    let mission = coordmap(
        &database,
        &["export", "--format", "json", "--mission", "MONUC"],
    );
    let document: serde_json::Value = serde_json::from_slice(&mission.stdout).expect("JSON");
    assert_eq!(document["tables"]["missions"][0]["acronym"], "MONUSCO");
    assert_eq!(document["tables"]["missions"].as_array().unwrap().len(), 1);
    let unknown = coordmap(
        &database,
        &["export", "--format", "json", "--mission", "MINURSO"],
    );
    assert!(!unknown.status.success());
    assert_eq!(
        stderr(&unknown).trim(),
        "error: no mission has the acronym MINURSO"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_file_names_its_place_and_the_command_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = spawn_app(Backend::Sqlite).await.expect("server");
    ground(&app).await;
    let document = dir.path().join("ground.json");
    std::fs::write(&document, export_json(&app).await).expect("write document");
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    assert!(coordmap(&database, &["import", document.to_str().unwrap()])
        .status
        .success());
    assert!(coordmap(&database, &["import", "tests/fixtures/hxl"])
        .status
        .success());

    let path = "tests/fixtures/malformed/unknown_reference/forum_memberships.csv";
    let refused = coordmap(&database, &["import", path]);
    assert!(!refused.status.success());
    assert_eq!(
        stderr(&refused),
        format!(
            "import refused, nothing was written (1 problem):\n  {path}, row 4, column C (#org+code+member): no organisation has the code UNHRC\nerror: {path} was not imported\n"
        )
    );
    let missing = coordmap(&database, &["import", "tests/fixtures/nowhere.json"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).starts_with("error: tests/fixtures/nowhere.json: cannot open:"),
        "{}",
        stderr(&missing)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_sheet_reports_its_progress_on_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = spawn_app(Backend::Sqlite).await.expect("server");
    ground(&app).await;
    let document = dir.path().join("ground.json");
    std::fs::write(&document, export_json(&app).await).expect("write document");
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    assert!(coordmap(&database, &["import", document.to_str().unwrap()])
        .status
        .success());
    assert!(coordmap(
        &database,
        &["import", "tests/fixtures/hxl/organizations.csv"]
    )
    .status
    .success());
    assert!(
        coordmap(&database, &["import", "tests/fixtures/hxl/posts.csv"])
            .status
            .success()
    );
    assert!(
        coordmap(&database, &["import", "tests/fixtures/hxl/forums.csv"])
            .status
            .success()
    );

    let sheet = dir.path().join("forum_memberships.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&sheet).unwrap());
    writeln!(file, "Mission,Forum,Member organisation,Capacity,Start,End").unwrap();
    writeln!(
        file,
        "#org+mission+code,#x_forum+name,#org+code+member,#x_capacity,#date+start,#date+end"
    )
    .unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2005, 1, 1).unwrap();
    for n in 0..25_000 {
        let day = first + chrono::Duration::days(n);
        let end = day + chrono::Duration::days(1);
        writeln!(
            file,
            "MONUC,Senior Management Group,ICRC,OBSERVER,{day},{end}"
        )
        .unwrap();
    }
    file.flush().unwrap();
    drop(file);

    let imported = coordmap(&database, &["import", sheet.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let name = sheet.display().to_string();
    assert_eq!(
        stderr(&imported),
        format!("{name}: 10000 rows read\n{name}: 20000 rows read\n")
    );
    assert_eq!(
        counts(&stdout(&imported), "forum_memberships"),
        ["forum_memberships", "25000", "0", "0", "0"]
    );
    assert!(Path::new(&sheet).exists());
}
