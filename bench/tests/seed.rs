//! `coordmap-bench seed` is deterministic and never seeds over data.

use std::process::{Command, Output};

fn seed(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coordmap-bench"))
        .args(["--database-url", url, "seed"])
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .expect("run coordmap-bench")
}

#[test]
fn seeding_twice_with_the_same_seed_gives_the_same_data_and_never_seeds_over_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = |name: &str| format!("sqlite://{}?mode=rwc", dir.path().join(name).display());
    let args = ["--missions", "2", "--seed", "5"];
    let first = seed(&url("a.db"), &args);
    let second = seed(&url("b.db"), &args);
    assert!(first.status.success(), "{first:?}");
    assert!(second.status.success(), "{second:?}");
    let report = String::from_utf8_lossy(&first.stdout);
    assert!(report.contains("fingerprint "), "{report}");
    assert_eq!(
        first.stdout, second.stdout,
        "same seed, same counts and fingerprint"
    );
    assert!(String::from_utf8_lossy(&first.stderr).contains("forum_memberships"));

    let again = seed(&url("a.db"), &args);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("seed --synthetic needs an empty database"),
        "{again:?}"
    );
}
