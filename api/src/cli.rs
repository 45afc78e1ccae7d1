//! The `coordmap` command line: `serve` (the default), `migrate`, `export-schema`.
//! Bulk data goes in and out with `import` and `export` (docs/IMPORT_EXPORT.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use crate::config::{DatabaseSettings, LogFormat, ServeSettings};
use crate::services::access::Viewer;
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
    /// Import a JSON document, an HXL sheet or a directory of sheets, in one transaction:
    /// every row or none. Records are matched by natural key or id, so importing twice changes
    /// nothing the second time.
    Import {
        /// A `.json` document, a `.csv` sheet, or a directory of sheets (named after their
        /// tables: organizations.csv, posts.csv, reporting_lines.csv, forums.csv,
        /// forum_links.csv, forum_memberships.csv, lead_agencies.csv; see docs/HXL.md).
        file: PathBuf,
        /// Print what the import would do (created, updated, unchanged, ended) and write
        /// nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the database as a lossless JSON document or as HXL sheets.
    Export {
        /// `json`: every table, lossless; `hxl`: one CSV sheet per table kept in spreadsheets.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only what belongs to this mission (current or former acronym) and the records it
        /// refers to.
        #[arg(long)]
        mission: Option<String>,
        /// Directory to write into, created if missing (`coordmap.json`, or one `.csv` per
        /// sheet). Without it, JSON goes to standard output and sheets to the current directory.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Hxl,
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
        Command::Import { file, dry_run } => import(&cli.database, &file, dry_run).await,
        Command::Export {
            format,
            mission,
            out,
        } => export(&cli.database, format, mission.as_deref(), out.as_deref()).await,
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

/// What went wrong, cause included: the operator at the terminal is not a remote client.
fn cause(err: &crate::error::AppError) -> String {
    match err {
        crate::error::AppError::Internal(cause) => format!("{cause:#}"),
        other => other.message(),
    }
}

async fn import(
    database: &DatabaseSettings,
    file: &std::path::Path,
    dry_run: bool,
) -> Result<(), StartupError> {
    use crate::transfer::import::{self, ImportOptions};
    let source = crate::transfer::files::source(file)
        .map_err(|problem| StartupError::Other(problem.to_string()))?;
    let conn = db::connect(database).await?;
    db::migrate_up(&conn).await?;
    let progress: import::Progress = std::sync::Arc::new(|what: &str, rows: u64| {
        eprintln!("{what}: {rows} rows read");
    });
    let options = ImportOptions {
        dry_run,
        progress: Some(progress),
    };
    let report = import::import(&conn, &Viewer::system(), source, options)
        .await
        .map_err(|err| StartupError::Other(format!("the import failed: {}", cause(&err))))?;
    if report.succeeded() {
        print!("{report}");
        Ok(())
    } else {
        eprint!("{report}");
        Err(StartupError::Other(format!(
            "{} was not imported",
            file.display()
        )))
    }
}

async fn export(
    database: &DatabaseSettings,
    format: ExportFormat,
    mission: Option<&str>,
    out: Option<&std::path::Path>,
) -> Result<(), StartupError> {
    let conn = db::connect(database).await?;
    db::migrate_up(&conn).await?;
    let snapshot =
        crate::transfer::export::snapshot(&conn, &Viewer::system(), mission, "--mission")
            .await
            .map_err(|err| StartupError::Other(cause(&err)))?;
    let write_failed = |path: &std::path::Path, err: std::io::Error| {
        StartupError::Other(format!("cannot write {}: {err}", path.display()))
    };
    let files = match format {
        ExportFormat::Json => {
            let bytes = snapshot
                .to_json()
                .map_err(|err| StartupError::Other(format!("cannot write JSON: {err}")))?;
            if out.is_none() {
                use std::io::Write;
                return std::io::stdout()
                    .write_all(&bytes)
                    .map_err(|err| write_failed(std::path::Path::new("standard output"), err));
            }
            vec![("coordmap.json".to_owned(), bytes)]
        }
        ExportFormat::Hxl => {
            let sheets = snapshot
                .to_sheets()
                .map_err(|err| StartupError::Other(format!("cannot write CSV: {err}")))?;
            for note in &sheets.notes {
                eprintln!("note: {note}");
            }
            sheets.files
        }
    };
    let dir = out.unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| write_failed(dir, err))?;
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|err| write_failed(&path, err))?;
        println!("wrote {}", path.display());
    }
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
