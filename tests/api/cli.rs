//! The command line: bad configuration ends with one clear line naming the setting.

use std::process::{Command, Output};

fn coordmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coordmap"))
        .args(args)
        .env_remove("COORDMAP_DATABASE_URL")
        .env_remove("COORDMAP_BIND")
        .env_remove("COORDMAP_RATE_LIMIT_REDIS_URL")
        .env_remove("COORDMAP_TRUSTED_PROXIES")
        .env_remove("COORDMAP_OTLP_ENDPOINT")
        .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
        .env("RUST_LOG", "off")
        .output()
        .expect("run coordmap")
}

fn single_error_line(output: &Output) -> String {
    assert!(!output.status.success(), "must fail: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    assert_eq!(stderr.lines().count(), 1, "exactly one line, got: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    stderr
}

#[test]
fn an_unsupported_database_url_names_the_setting() {
    let out = coordmap(&[
        "--database-url",
        "mysql://root@localhost/x",
        "migrate",
        "status",
    ]);
    assert_eq!(
        single_error_line(&out),
        "error: database URL (--database-url / COORDMAP_DATABASE_URL): `mysql://root@localhost/x` is not supported; use sqlite://FILE?mode=rwc or postgres://USER@HOST:PORT/DB"
    );
}

#[test]
fn an_unreachable_database_names_the_setting_and_hides_the_password() {
    let out = coordmap(&[
        "--database-url",
        "postgres://app:secret@127.0.0.1:1/coordmap",
        "migrate",
        "status",
    ]);
    let line = single_error_line(&out);
    assert!(
        line.starts_with("error: database URL (--database-url / COORDMAP_DATABASE_URL): cannot connect to postgres://app:***@127.0.0.1:1/coordmap"),
        "{line}"
    );
    assert!(!line.contains("secret"), "{line}");
}

#[test]
fn a_port_in_use_names_the_bind_setting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = coordmap(&["--database-url", &url, "serve", "--bind", &addr]);
    let line = single_error_line(&out);
    assert!(
        line.starts_with(&format!(
            "error: bind address (--bind / COORDMAP_BIND): cannot listen on {addr}"
        )),
        "{line}"
    );
}

/// `serve` on a fresh SQLite file and a free port, with these settings besides.
fn serve_with(settings: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let args = ["--database-url", &url, "serve", "--bind", "127.0.0.1:0"];
    coordmap(&[&args[..], settings].concat())
}

#[test]
fn a_bad_rate_limit_redis_url_names_the_setting_and_hides_the_password() {
    let out = serve_with(&[
        "--rate-limit-redis-url",
        "http://limiter:hunter2@127.0.0.1:6379/0",
    ]);
    assert_eq!(
        single_error_line(&out),
        "error: rate limiter Redis URL (--rate-limit-redis-url / COORDMAP_RATE_LIMIT_REDIS_URL): `http://limiter:***@127.0.0.1:6379/0` is not a usable Redis URL (Redis URL did not parse - InvalidClientConfig); use redis://HOST:PORT/DB"
    );
}

#[test]
fn a_bad_trusted_proxy_names_the_setting_and_the_entry() {
    let out = serve_with(&["--trusted-proxies", "10.0.0.0/8, fd00::/8,10.0.0.300"]);
    assert_eq!(
        single_error_line(&out),
        "error: trusted proxies (--trusted-proxies / COORDMAP_TRUSTED_PROXIES): `10.0.0.300` is not an IP address or a CIDR range (such as 10.0.0.5, 10.0.0.0/8 or fd00::/8)"
    );
}

#[test]
fn a_malformed_bind_address_is_refused_by_the_parser() {
    let out = coordmap(&["serve", "--bind", "not-an-address"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid value 'not-an-address' for '--bind <BIND>'"),
        "{stderr}"
    );
}

#[test]
fn a_bad_response_cache_size_is_refused_by_the_parser() {
    let flag = "'--response-cache-mb <RESPONSE_CACHE_MB>'";
    for (value, expected) in [
        (
            "70000",
            format!("error: invalid value '70000' for {flag}: 70000 is not in 0..=65536"),
        ),
        (
            "lots",
            format!("error: invalid value 'lots' for {flag}: invalid digit found in string"),
        ),
        ("-1", "error: unexpected argument '-1' found".to_owned()),
    ] {
        let out = coordmap(&["serve", "--response-cache-mb", value]);
        assert!(!out.status.success(), "{value} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&expected), "{value}: {stderr}");
    }
}

#[test]
fn bad_trace_settings_name_the_setting() {
    let out = coordmap(&["serve", "--otlp-endpoint", "https://collector.example:4318"]);
    let line = single_error_line(&out);
    assert!(
        line.starts_with("error: OTLP endpoint (--otlp-endpoint / COORDMAP_OTLP_ENDPOINT): `https://collector.example:4318` is not an http:// URL"),
        "{line}"
    );
    for ratio in ["2", "-0.5", "half"] {
        let out = coordmap(&["serve", &format!("--trace-sample-ratio={ratio}")]);
        assert!(!out.status.success(), "{ratio} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("`{ratio}` is not a ratio from 0 to 1")),
            "{ratio}: {stderr}"
        );
    }
}

#[test]
fn migrations_go_up_report_status_and_come_down() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("m.db").display());
    let up = coordmap(&["--database-url", &url, "migrate", "up"]);
    assert!(up.status.success(), "{up:?}");
    let status = coordmap(&["--database-url", &url, "migrate", "status"]);
    let text = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(text.lines().count() >= 8, "{text}");
    assert!(
        text.lines().all(|l| l.starts_with("applied  m2026")),
        "{text}"
    );
    let down = coordmap(&["--database-url", &url, "migrate", "down", "--all"]);
    assert!(down.status.success(), "{down:?}");
    let status = coordmap(&["--database-url", &url, "migrate", "status"]);
    let text = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(
        text.lines().all(|l| l.starts_with("pending  m2026")),
        "{text}"
    );
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["export-schema", "--help"],
    ] {
        let out = coordmap(args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: coordmap"),
            "{args:?}"
        );
    }
}
