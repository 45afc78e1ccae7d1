//! The `coordmap` command line: `serve` (the default), `migrate`, `seed`, `token`, `export-schema`.
//! Bulk data goes in and out with `import` and `export` (docs/IMPORT_EXPORT.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use crate::config::{DatabaseSettings, LogFormat, ServeSettings};
use crate::seed::{self, Outcome};
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

// Parsed once per process: the size of the `serve` variant costs nothing.
#[allow(clippy::large_enum_variant)]
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
        #[arg(long)]
        demo: bool,
    },
    /// Manage partner API tokens, and sign development user tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
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

#[derive(Debug, Subcommand)]
enum TokenAction {
    /// Create a partner token; prints its secret once.
    Create {
        /// The organisation's code, e.g. `UNHCR`.
        #[arg(long)]
        organization: String,
        /// A name to recognise the token by.
        #[arg(long)]
        name: String,
        /// PUBLIC, or INTERNAL (records of the forums, clusters and AoRs its organisation is in).
        #[arg(long, default_value = "PUBLIC", value_parser = ["PUBLIC", "INTERNAL"])]
        clearance: String,
        /// A mission acronym to limit the token to (repeat for several; none: every mission).
        #[arg(long = "mission")]
        missions: Vec<String>,
        /// How long it lives, e.g. `90d`, `12h`.
        #[arg(long, default_value = "90d", value_parser = parse_duration)]
        expires_in: chrono::Duration,
    },
    /// List every partner token (never their secrets).
    List,
    /// Revoke a partner token by its ID.
    Revoke {
        /// The token's ID, as `token list` shows it.
        id: uuid::Uuid,
    },
    /// Sign a development user token with the configured HS256 secret.
    IssueJwt {
        /// The user.
        #[arg(long)]
        sub: String,
        /// ADMIN, EDITOR, ANALYST or VIEWER (case-insensitive).
        #[arg(long, value_parser = ["admin", "editor", "analyst", "viewer", "ADMIN", "EDITOR", "ANALYST", "VIEWER"])]
        role: String,
        /// How long it lives, e.g. `1h`, `30m`.
        #[arg(long, default_value = "1h", value_parser = parse_duration)]
        ttl: chrono::Duration,
        /// For editors: a mission acronym it may edit (repeatable).
        #[arg(long = "mission")]
        missions: Vec<String>,
        /// For editors: a cluster code it may edit (repeatable).
        #[arg(long = "cluster")]
        clusters: Vec<String>,
        /// The HS256 secret to sign with. Without it, the secret `serve --demo` keeps in the
        /// database (--database-url), if a demo has run there.
        #[arg(long, env = "COORDMAP_JWT_SECRET", hide_env_values = true)]
        jwt_secret: Option<crate::config::Secret>,
        /// `iss` to put in the token.
        #[arg(long, env = "COORDMAP_JWT_ISSUER")]
        issuer: Option<String>,
        /// `aud` to put in the token.
        #[arg(long, env = "COORDMAP_JWT_AUDIENCE")]
        audience: Option<String>,
    },
}

/// Parses `90d`, `12h`, `30m` or `45s`.
fn parse_duration(text: &str) -> Result<chrono::Duration, String> {
    let text = text.trim();
    let split = text.len().saturating_sub(1);
    let (number, unit) = text.split_at(split);
    let n: i64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 90d, 12h, 30m or 45s"))?;
    if n <= 0 {
        return Err(format!("`{text}` must be positive"));
    }
    match unit {
        "d" => Ok(chrono::Duration::days(n)),
        "h" => Ok(chrono::Duration::hours(n)),
        "m" => Ok(chrono::Duration::minutes(n)),
        "s" => Ok(chrono::Duration::seconds(n)),
        _ => Err(format!(
            "`{text}` is not a duration such as 90d, 12h, 30m or 45s"
        )),
    }
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
    let outcome = match command(cli.command) {
        Ok(command) => {
            // Only the server exports spans: the other commands serve no request.
            let traces = match &command {
                Command::Serve(args) => Some(&args.settings.traces),
                _ => None,
            };
            match telemetry::init(cli.log_format, traces) {
                Ok(telemetry) => {
                    let outcome = execute(&cli.database, command).await;
                    if telemetry.exports() {
                        let _ = tokio::task::spawn_blocking(move || telemetry.shutdown()).await;
                    }
                    outcome
                }
                Err(err) => Err(err),
            }
        }
        Err(err) => Err(err),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The command given, or `serve` with every setting from the environment.
fn command(given: Option<Command>) -> Result<Command, StartupError> {
    match given {
        Some(command) => Ok(command),
        None => {
            let defaults = DefaultServe::try_parse_from(["coordmap"])
                .map_err(|err| StartupError::Other(err.to_string().trim().to_owned()))?;
            Ok(Command::Serve(Box::new(defaults.serve)))
        }
    }
}

async fn execute(database: &DatabaseSettings, command: Command) -> Result<(), StartupError> {
    match command {
        Command::Serve(args) => serve(database, *args).await,
        Command::Migrate { action } => migrate(database, action).await,
        Command::Seed { demo: true } => seed_demo(database).await,
        Command::Seed { demo: false } => Err(StartupError::Other(
            "nothing to seed: pass --demo (the synthetic dataset of the benchmarks is seeded by \
             `cargo run -p coordmap-bench --release -- seed`)"
                .into(),
        )),
        Command::Token { action } => token(database, action).await,
        Command::ExportSchema { out } => export_schema(&out),
        Command::Import { file, dry_run } => import(database, &file, dry_run).await,
        Command::Export {
            format,
            mission,
            out,
        } => export(database, format, mission.as_deref(), out.as_deref()).await,
    }
}

async fn serve(database: &DatabaseSettings, args: ServeArgs) -> Result<(), StartupError> {
    let ServeArgs { demo, mut settings } = args;
    let app = if demo {
        let conn = db::connect(database).await?;
        match load_demo(&conn, !settings.no_migrate).await? {
            Outcome::AlreadyLoaded => tracing::info!("the demo dataset is already loaded"),
            Outcome::Loaded(summary) => {
                tracing::info!(%summary, "loaded the demo dataset")
            }
        }
        // Serve from a fresh pool: SQLite connections opened before the migrations can keep
        // the old schema.
        let _ = conn.close().await;
        let conn = db::connect(database).await?;
        // The demo is for a first look without an identity provider: PUBLIC records only.
        settings.auth.allow_anonymous = true;
        tracing::info!("demo mode: callers without a credential may read PUBLIC records");
        // Signed-in use without an identity provider either: the demo's own secret, kept in
        // its database, unless user tokens are configured.
        let auth = &mut settings.auth;
        if auth.jwt_secret.is_none() && auth.jwt_public_key_file.is_none() {
            auth.jwt_secret = Some(crate::config::Secret::from(
                crate::auth::demo_secret::load_or_create(&conn).await?,
            ));
            tracing::info!(
                "demo mode: user tokens are signed with this database's demo secret; \
                 `coordmap token issue-jwt --sub NAME --role analyst` issues one"
            );
        }
        Application::build_with(conn, &settings)?
    } else {
        Application::build(database, &settings).await?
    };
    let base = app.base_url(settings.bind.ip());
    tracing::info!(
        graphql = %format!("{base}/graphql"),
        graphiql = %format!("{base}/graphiql"),
        explorer = %format!("{base}/"),
        "coordmap is serving GraphQL at {base}/graphql and GraphiQL at {base}/graphiql; \
         the map explorer at {base}/"
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
            db::migrate_up(&conn).await?;
            println!("all migrations applied");
        }
        MigrateAction::Down { steps, all } => {
            let steps = if all { None } else { Some(steps) };
            db::exclusively(&conn, async || {
                Migrator::down(&conn, steps).await.map_err(failed)
            })
            .await?;
            println!(
                "reverted {}",
                steps.map_or("every migration".to_owned(), |n| format!(
                    "{n} migration(s)"
                ))
            );
        }
        MigrateAction::Status => {
            let status = db::migration_status(&conn).await.map_err(failed)?;
            for m in &status.applied {
                println!("applied  {m}");
            }
            for m in &status.pending {
                println!("pending  {m}");
            }
            for m in &status.newer {
                println!("newer    {m} (applied by a newer release; unknown to this program)");
            }
        }
    }
    Ok(())
}

/// Applies pending migrations (when `migrate`) and loads the demo dataset unless it is there,
/// holding the setup lock throughout: of several processes started at once, one loads it and the
/// others find it loaded.
async fn load_demo(
    conn: &sea_orm::DatabaseConnection,
    migrate: bool,
) -> Result<Outcome, StartupError> {
    db::exclusively(conn, async || {
        if migrate {
            db::apply_migrations(conn).await?;
        }
        seed::load_demo(conn)
            .await
            .map_err(|err| StartupError::Other(format!("cannot load the demo dataset: {err}")))
    })
    .await
}

async fn seed_demo(database: &DatabaseSettings) -> Result<(), StartupError> {
    let conn = db::connect(database).await?;
    match load_demo(&conn, true).await? {
        Outcome::AlreadyLoaded => println!("the demo dataset is already loaded; nothing changed"),
        Outcome::Loaded(summary) => println!("loaded the demo dataset: {summary}"),
    }
    Ok(())
}

async fn token(database: &DatabaseSettings, action: TokenAction) -> Result<(), StartupError> {
    use crate::auth::jwt;
    use crate::services::tokens;
    let failed = |err: crate::error::AppError| StartupError::Other(err.message());
    match action {
        TokenAction::IssueJwt {
            sub,
            role,
            ttl,
            missions,
            clusters,
            jwt_secret,
            issuer,
            audience,
        } => {
            let secret = match jwt_secret {
                Some(secret) => secret.expose().to_owned(),
                // A database a demo has run on keeps the secret that demo verifies with.
                None => demo_secret(database).await?.ok_or_else(|| {
                    StartupError::setting(
                        "JWT secret (--jwt-secret / COORDMAP_JWT_SECRET)",
                        "is required to sign a token (a database `serve --demo` has run on \
                         keeps its own: point --database-url at it)",
                    )
                })?,
            };
            let now = chrono::Utc::now();
            let claims = jwt::Claims {
                sub,
                exp: (now + ttl).timestamp(),
                nbf: None,
                iat: Some(now.timestamp()),
                iss: issuer,
                aud: audience,
                roles: vec![role.to_uppercase()],
                missions,
                clusters,
            };
            println!(
                "{}",
                jwt::issue_hs256(&secret, &claims).map_err(StartupError::Other)?
            );
            return Ok(());
        }
        TokenAction::Create {
            organization,
            name,
            clearance,
            missions,
            expires_in,
        } => {
            let conn = db::connect(database).await?;
            let viewer = crate::services::access::Viewer::system();
            let org = crate::services::organization::find_by_code(&conn, &viewer, &organization)
                .await
                .map_err(failed)?
                .ok_or_else(|| {
                    StartupError::Other(format!("no organization has code `{organization}`"))
                })?;
            let mut mission_ids = Vec::new();
            for acronym in &missions {
                let mission = crate::services::mission::find_by_acronym(&conn, &viewer, acronym)
                    .await
                    .map_err(failed)?
                    .ok_or_else(|| {
                        StartupError::Other(format!("no mission has acronym `{acronym}`"))
                    })?;
                mission_ids.push(mission.id);
            }
            let clearance = if clearance == "INTERNAL" {
                entity::enums::Sensitivity::Internal
            } else {
                entity::enums::Sensitivity::Public
            };
            let new = tokens::NewToken {
                name,
                organization_id: org.id,
                clearance,
                mission_ids,
                expires_at: chrono::Utc::now() + expires_in,
            };
            let (info, secret) = tokens::create(&conn, &viewer, new).await.map_err(failed)?;
            println!("id      {}", info.token.id);
            println!("expires {}", info.token.expires_at.to_rfc3339());
            println!("secret  {secret}");
            eprintln!("the secret is shown only now; store it safely");
        }
        TokenAction::List => {
            let conn = db::connect(database).await?;
            for info in tokens::list(&conn).await.map_err(failed)? {
                let t = &info.token;
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else if t.expires_at <= chrono::Utc::now() {
                    "expired"
                } else {
                    "active"
                };
                println!(
                    "{}  {}…  {:<8} {:?}  expires {}  {}",
                    t.id,
                    t.prefix,
                    state,
                    t.clearance,
                    t.expires_at.format("%Y-%m-%d"),
                    t.name
                );
            }
        }
        TokenAction::Revoke { id } => {
            let conn = db::connect(database).await?;
            tokens::revoke(&conn, &crate::services::access::Viewer::system(), id)
                .await
                .map_err(failed)?;
            println!("revoked {id}");
        }
    }
    Ok(())
}

/// The demo's JWT secret in the configured database, if `serve --demo` created one there. A
/// database without the table (never migrated) has none.
async fn demo_secret(database: &DatabaseSettings) -> Result<Option<String>, StartupError> {
    let conn = db::connect(database).await?;
    let secret = crate::auth::demo_secret::load(&conn).await.unwrap_or(None);
    let _ = conn.close().await;
    Ok(secret)
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
        .map_err(|err| {
            StartupError::Other(format!("the import failed: {}", err.operator_message()))
        })?;
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
    use crate::transfer::export::{self, ExportError};
    let conn = db::connect(database).await?;
    db::migrate_up(&conn).await?;
    let write_failed = |path: &std::path::Path, err: std::io::Error| {
        StartupError::Other(format!("cannot write {}: {err}", path.display()))
    };
    let files = match format {
        ExportFormat::Json => {
            // Streamed to the output as it is read; a file is written under a temporary name
            // and renamed once complete, so a failed export leaves no truncated document.
            let (sink, path): (Box<dyn std::io::Write + Send>, _) = match out {
                None => (Box::new(std::io::stdout()), None),
                Some(dir) => {
                    std::fs::create_dir_all(dir).map_err(|err| write_failed(dir, err))?;
                    let path = dir.join("coordmap.json");
                    let partial = dir.join("coordmap.json.partial");
                    let file = std::fs::File::create(&partial)
                        .map_err(|err| write_failed(&partial, err))?;
                    (Box::new(file), Some((partial, path)))
                }
            };
            let shown = path
                .as_ref()
                .map_or(std::path::Path::new("standard output"), |(_, p)| {
                    p.as_path()
                });
            let outcome = export::write_json(
                &conn,
                &Viewer::system(),
                mission,
                "--mission",
                std::io::BufWriter::with_capacity(1 << 16, sink),
                |_, _, _| {},
            )
            .await;
            let failed = match outcome {
                Ok(_) => None,
                Err(ExportError::App(err)) => Some(StartupError::Other(err.operator_message())),
                Err(ExportError::Write(err)) => Some(write_failed(shown, err)),
            };
            if let Some((partial, path)) = path {
                if let Some(failed) = failed {
                    let _ = std::fs::remove_file(&partial);
                    return Err(failed);
                }
                std::fs::rename(&partial, &path).map_err(|err| write_failed(&path, err))?;
                println!("wrote {}", path.display());
                return Ok(());
            }
            return failed.map_or(Ok(()), Err);
        }
        ExportFormat::Hxl => {
            let snapshot = export::snapshot(&conn, &Viewer::system(), mission, "--mission")
                .await
                .map_err(|err| StartupError::Other(err.operator_message()))?;
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
