//! The `coordmap` command line: `serve` (the default), `migrate`, `export-schema`, `seed`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use crate::config::{DatabaseSettings, LogFormat, ServeSettings};
use crate::startup::{Application, StartupError};
use crate::{db, graphql, telemetry};

/// coordmap: who decides what between UN missions and humanitarian protection actors.
#[derive(Debug, Parser)]
#[command(name = "coordmap", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    database: DatabaseSettings,

    /// Log format.
    #[arg(
        long,
        env = "COORDMAP_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Option<Command>,
}

// Parsed once per process: the size of the `serve` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server (the default when no command is given).
    Serve(ServeSettings),
    /// Apply, revert or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Write the GraphQL schema (SDL, sorted) to a file.
    ExportSchema {
        /// Where to write it; `-` for standard output.
        #[arg(long, default_value = "schema.graphql")]
        out: PathBuf,
    },
    /// Load data into the database (migrating it first).
    Seed {
        #[command(flatten)]
        synthetic: crate::synthetic::SyntheticArgs,
    },
}

#[derive(Debug, Subcommand)]
enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Revert applied migrations, newest first (one unless told otherwise).
    Down {
        /// How many migrations to revert.
        #[arg(long, default_value_t = 1, conflicts_with = "all")]
        steps: u32,
        /// Revert every migration (drops every table).
        #[arg(long)]
        all: bool,
    },
    /// List migrations and whether each is applied.
    Status,
}

/// `serve` with every setting from the environment, for a bare `coordmap`.
#[derive(Debug, Parser)]
struct DefaultServe {
    #[command(flatten)]
    serve: ServeSettings,
}

/// Parses the command line and runs the command; the exit code says how it went.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
    match execute(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(cli: Cli) -> Result<(), StartupError> {
    let command = match cli.command {
        Some(command) => command,
        None => {
            let defaults = DefaultServe::try_parse_from(["coordmap"])
                .map_err(|err| StartupError::Other(err.to_string().trim().to_owned()))?;
            Command::Serve(defaults.serve)
        }
    };
    match command {
        Command::Serve(settings) => serve(&cli.database, &settings).await,
        Command::Migrate { action } => migrate(&cli.database, action).await,
        Command::ExportSchema { out } => export_schema(&out),
        Command::Seed { synthetic } => seed_synthetic(&cli.database, &synthetic).await,
    }
}

async fn serve(database: &DatabaseSettings, settings: &ServeSettings) -> Result<(), StartupError> {
    let app = Application::build(database, settings).await?;
    tracing::info!(
        address = %format!("http://{}:{}/graphql", settings.bind.ip(), app.port()),
        "coordmap is serving GraphQL"
    );
    app.run_until_stopped()
        .await
        .map_err(|err| StartupError::Other(format!("server stopped with an error: {err}")))
}

async fn migrate(database: &DatabaseSettings, action: MigrateAction) -> Result<(), StartupError> {
    let conn = db::connect(database).await?;
    let failed = |err: sea_orm::DbErr| StartupError::Other(format!("migration failed: {err}"));
    match action {
        MigrateAction::Up => {
            Migrator::up(&conn, None).await.map_err(failed)?;
            println!("all migrations applied");
        }
        MigrateAction::Down { steps, all } => {
            let steps = if all { None } else { Some(steps) };
            Migrator::down(&conn, steps).await.map_err(failed)?;
            println!(
                "reverted {}",
                steps.map_or("every migration".to_owned(), |n| format!(
                    "{n} migration(s)"
                ))
            );
        }
        MigrateAction::Status => {
            let applied = Migrator::get_applied_migrations(&conn)
                .await
                .map_err(failed)?;
            let pending = Migrator::get_pending_migrations(&conn)
                .await
                .map_err(failed)?;
            for m in &applied {
                println!("applied  {}", m.name());
            }
            for m in &pending {
                println!("pending  {}", m.name());
            }
        }
    }
    Ok(())
}

/// `seed --synthetic`: generates the dataset, then loads it with progress on standard error
/// and the counts and fingerprint on standard output.
async fn seed_synthetic(
    database: &DatabaseSettings,
    args: &crate::synthetic::SyntheticArgs,
) -> Result<(), StartupError> {
    if !args.synthetic {
        return Err(StartupError::Other(
            "nothing to seed: pass --synthetic (with --missions and --seed)".into(),
        ));
    }
    let conn = db::connect(database).await?;
    db::migrate_up(&conn).await?;
    let started = std::time::Instant::now();
    eprintln!(
        "generating {} missions with seed {}",
        args.missions, args.seed
    );
    let data = crate::synthetic::generate(args.missions, args.seed);
    let counts = data.counts();
    eprintln!(
        "generated {} rows in {:.1} s; loading",
        counts.total(),
        started.elapsed().as_secs_f64()
    );
    crate::synthetic::load(&conn, &data, |table, rows, took| {
        eprintln!("  {table:<24} {rows:>9} rows {:>7.2} s", took.as_secs_f64());
    })
    .await
    .map_err(|err| StartupError::Other(err.to_string()))?;
    println!("{counts}");
    println!("fingerprint {}", data.fingerprint());
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn export_schema(out: &PathBuf) -> Result<(), StartupError> {
    let sdl = graphql::sdl();
    if out.as_os_str() == "-" {
        print!("{sdl}");
        return Ok(());
    }
    std::fs::write(out, sdl)
        .map_err(|err| StartupError::Other(format!("cannot write {}: {err}", out.display())))?;
    println!("wrote {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
