//! The `coordmap` command line: `serve` (the default), `migrate`, `seed`, `export-schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use crate::config::{DatabaseSettings, LogFormat, ServeSettings};
use crate::seed::{self, Outcome};
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

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server (the default when no command is given).
    Serve(Box<ServeArgs>),
    /// Apply, revert or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load a dataset into the configured database (applying pending migrations first).
    #[command(
        long_about = "Load a dataset into the configured database, applying pending migrations first.\n\n\
With --demo: the demo dataset built from the source documents (missions from MONUC/MONUSCO to \
MINURCAT, their protection components and DSRSGs, forums and who sits in them, clusters and AoRs, \
POC strategies and who decides what), every record citing the paragraph it comes from. Running \
it again changes nothing. It refuses a database that already holds records with the dataset's \
acronyms or codes."
    )]
    Seed {
        /// Load the demo dataset built from the source documents.
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Write the GraphQL schema (SDL, sorted) to a file.
    ExportSchema {
        /// Where to write it; `-` for standard output.
        #[arg(long, default_value = "schema.graphql")]
        out: PathBuf,
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

/// `serve` and what only the command line adds to its settings.
#[derive(Debug, Args)]
struct ServeArgs {
    /// Load the demo dataset on start (if it is not loaded yet) and let callers without a
    /// credential read PUBLIC records, so a first query returns real missions.
    #[arg(long, env = "COORDMAP_DEMO")]
    demo: bool,

    #[command(flatten)]
    settings: ServeSettings,
}

/// `serve` with every setting from the environment, for a bare `coordmap`.
#[derive(Debug, Parser)]
struct DefaultServe {
    #[command(flatten)]
    serve: ServeArgs,
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
            Command::Serve(Box::new(defaults.serve))
        }
    };
    match command {
        Command::Serve(args) => serve(&cli.database, *args).await,
        Command::Migrate { action } => migrate(&cli.database, action).await,
        Command::Seed { demo: _ } => seed_demo(&cli.database).await,
        Command::ExportSchema { out } => export_schema(&out),
    }
}

async fn serve(database: &DatabaseSettings, args: ServeArgs) -> Result<(), StartupError> {
    let ServeArgs { demo, mut settings } = args;
    let app = if demo {
        let conn = db::connect(database).await?;
        if !settings.no_migrate {
            db::migrate_up(&conn).await?;
        }
        match seed::load_demo(&conn).await.map_err(demo_failed)? {
            Outcome::AlreadyLoaded => tracing::info!("the demo dataset is already loaded"),
            Outcome::Loaded(summary) => {
                tracing::info!(%summary, "loaded the demo dataset")
            }
        }
        // The demo is for a first look without an identity provider: PUBLIC records only.
        settings.auth.allow_anonymous = true;
        tracing::info!("demo mode: callers without a credential may read PUBLIC records");
        Application::build_with(conn, &settings)?
    } else {
        Application::build(database, &settings).await?
    };
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

fn demo_failed(err: seed::SeedError) -> StartupError {
    StartupError::Other(format!("cannot load the demo dataset: {err}"))
}

async fn seed_demo(database: &DatabaseSettings) -> Result<(), StartupError> {
    let conn = db::connect(database).await?;
    db::migrate_up(&conn).await?;
    match seed::load_demo(&conn).await.map_err(demo_failed)? {
        Outcome::AlreadyLoaded => println!("the demo dataset is already loaded; nothing changed"),
        Outcome::Loaded(summary) => println!("loaded the demo dataset: {summary}"),
    }
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
