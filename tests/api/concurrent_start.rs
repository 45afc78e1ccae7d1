//! Processes started at once on one empty database, as replicas of a deployment are: two
//! `serve --demo` and a `seed --demo`. Each migration is applied once and the demo dataset loaded
//! once (`db::exclusively`: an advisory lock on PostgreSQL, a file lock on SQLite); both servers
//! become ready and the command succeeds.

use coordmap_api::seed;
use migration::MigratorTrait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::helpers::{fresh_database, ready_within, Backend};
use crate::serve_demo::{coordmap, DemoServer};

/// Rows in every record table.
async fn records(db: &DatabaseConnection) -> u64 {
    let mut total = 0;
    macro_rules! count {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {$(
            total += entity::$module::Entity::find().count(db).await.expect("count rows");
        )*};
    }
    entity::for_each_record!(count);
    total
}

/// What a process said it loaded, from the line `loaded the demo dataset: N records (...) with
/// M source citations` (the command's output, or the server's log): N + M rows.
fn loaded(output: &str) -> Option<u64> {
    let line = output
        .lines()
        .find(|line| line.contains("loaded the demo dataset"))?;
    let number_before = |marker: &str| -> Option<u64> {
        line.split(marker)
            .next()?
            .rsplit([' ', '=', ':'])
            .next()?
            .parse()
            .ok()
    };
    Some(number_before(" records (")? + number_before(" source citations")?)
}

async fn scenario(backend: Backend) {
    let Some(fresh) = fresh_database(backend).await else {
        return;
    };
    let url = fresh.url.as_str();
    // Started together: each waits in its own thread for its server's address (or its end).
    let (servers, seeded) = std::thread::scope(|scope| {
        let servers: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| DemoServer::on(url, &["--demo"])))
            .collect();
        let seeded = scope.spawn(|| {
            coordmap(&["--database-url", url, "seed", "--demo"])
                .output()
                .expect("run coordmap seed --demo")
        });
        let servers: Vec<DemoServer> = servers
            .into_iter()
            .map(|server| server.join().expect("a server started"))
            .collect();
        (servers, seeded.join().expect("the command ran"))
    });
    assert!(seeded.status.success(), "seed --demo: {seeded:?}");
    // One process loaded the demo; the two others found it loaded.
    let outputs: Vec<String> = servers
        .iter()
        .map(|server| server.log.join("\n"))
        .chain([String::from_utf8_lossy(&seeded.stdout).into_owned()])
        .collect();
    let loads: Vec<u64> = outputs.iter().filter_map(|o| loaded(o)).collect();
    assert_eq!(loads.len(), 1, "{outputs:#?}");
    assert_eq!(
        outputs
            .iter()
            .filter(|o| o.contains("the demo dataset is already loaded"))
            .count(),
        2,
        "{outputs:#?}"
    );
    // Both become ready.
    for server in &servers {
        if let Err(last) = ready_within(&server.base, std::time::Duration::from_secs(60)).await {
            panic!("not ready after a minute: {last}; {:#?}", server.log);
        }
    }

    let db = Database::connect(url).await.expect("connect");
    // Every migration is recorded once.
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await
        .expect("migrations");
    let applied: Vec<String> = rows
        .iter()
        .map(|row| row.try_get("", "version").expect("version"))
        .collect();
    let mut expected: Vec<String> = migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    expected.sort();
    assert_eq!(applied, expected);

    // One marker, and as many rows as one load writes.
    let markers = entity::document::Entity::find()
        .filter(entity::document::Column::Title.eq(seed::DEMO_MARKER_TITLE))
        .count(&db)
        .await
        .expect("markers");
    assert_eq!(markers, 1);
    assert_eq!(
        records(&db).await,
        loads[0],
        "as many rows as one load writes"
    );
    db.close().await.expect("close");
    drop(servers);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_started_at_once_migrate_and_load_the_demo_once_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_started_at_once_migrate_and_load_the_demo_once_on_postgres() {
    scenario(Backend::Postgres).await;
}
