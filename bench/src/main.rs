//! `coordmap-bench seed --missions N --seed S`: migrates an empty database and loads the
//! synthetic dataset into it, with progress on standard error and the counts and fingerprint on
//! standard output. The server's own binary (`coordmap`) does not carry the generator.

use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use coordmap_api::config::DatabaseSettings;
use coordmap_api::db;

// The same allocator as the server's binary, so seeding times compare with earlier runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Synthetic datasets for coordmap's benchmarks.
#[derive(Debug, Parser)]
#[command(name = "coordmap-bench", version, about)]
struct Cli {
    #[command(flatten)]
    database: DatabaseSettings,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a large synthetic dataset into an empty database (applying migrations first).
    Seed(SeedArgs),
    /// Many subscribers of `mapChanged` while a writer writes at a steady rate: the delay from
    /// each write to its delivery (`bench/subscribers.sh`).
    Subscribers(coordmap_bench::subscribers::SubscribersArgs),
}

/// Arguments of `seed`.
#[derive(Debug, Clone, Args)]
struct SeedArgs {
    /// Number of missions to generate; every other table scales with it.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=5_000))]
    missions: u32,

    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Seed(args) => seed(&cli.database, &args).await,
        Command::Subscribers(args) => coordmap_bench::subscribers::run(args).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(
    database: &DatabaseSettings,
    args: &SeedArgs,
) -> Result<(), Box<dyn std::error::Error>> {
    let conn = db::connect(database).await?;
    // Migrating and loading hold the setup lock, as every command that migrates or seeds does.
    db::exclusively(&conn, async || load(&conn, args).await).await
}

async fn load(
    conn: &sea_orm::DatabaseConnection,
    args: &SeedArgs,
) -> Result<(), Box<dyn std::error::Error>> {
    db::apply_migrations(conn).await?;
    let started = Instant::now();
    eprintln!(
        "generating {} missions with seed {}",
        args.missions, args.seed
    );
    let data = coordmap_bench::generate(args.missions, args.seed);
    let counts = data.counts();
    eprintln!(
        "generated {} rows in {:.1} s; loading",
        counts.total(),
        started.elapsed().as_secs_f64()
    );
    coordmap_bench::load(conn, &data, |table, rows, took| {
        eprintln!("  {table:<24} {rows:>9} rows {:>7.2} s", took.as_secs_f64());
    })
    .await?;
    println!("{counts}");
    println!("fingerprint {}", data.fingerprint());
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
