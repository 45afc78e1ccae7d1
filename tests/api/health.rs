use crate::both_backends;

both_backends!(
    liveness_and_readiness_answer_ok_on_a_migrated_database,
    |app| async move {
        let live = app.get("/healthz").await;
        assert_eq!(live.status(), 200);
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 200);
        let body: serde_json::Value = ready.json().await.expect("JSON");
        assert_eq!(body["status"], "ready");
    }
);

both_backends!(
    a_database_migrated_further_by_a_newer_release_is_served_and_one_missing_a_migration_is_not,
    |app| async move {
        use migration::MigratorTrait;
        use sea_orm::ConnectionTrait;
        let newer = "m29991231_000000_from_a_newer_release";
        // A newer release, rolled out beside this one, applied a migration this program does
        // not know: the replicas still serving stay in rotation, and one that restarts (and
        // migrates on start) starts again, changing nothing.
        app.db()
            .execute_unprepared(&format!(
                "INSERT INTO seaql_migrations (version, applied_at) VALUES ('{newer}', 0)"
            ))
            .await
            .expect("record a newer migration");
        assert_eq!(app.get("/readyz").await.status(), 200);
        coordmap_api::db::migrate_up(app.db())
            .await
            .expect("a restart on the newer database");
        let status = coordmap_api::db::migration_status(app.db())
            .await
            .expect("status");
        assert_eq!(status.newer, [newer]);
        assert!(status.pending.is_empty(), "{status:?}");
        assert_eq!(
            status.applied.len(),
            migration::Migrator::migrations().len()
        );

        // One of its own migrations missing: not ready, and a start refuses the database.
        let last = status.applied.last().expect("a migration").clone();
        app.db()
            .execute_unprepared(&format!(
                "DELETE FROM seaql_migrations WHERE version = '{last}'"
            ))
            .await
            .expect("forget a migration");
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 503);
        let body: serde_json::Value = ready.json().await.expect("JSON");
        assert_eq!(body["reason"], "migrations pending");
        let refused = coordmap_api::db::migrate_up(app.db())
            .await
            .expect_err("refused");
        assert_eq!(
            refused.to_string(),
            format!(
                "the database holds migrations this program does not know ({newer}) but lacks \
                 some of its own ({last}): run the newer release, or restore a backup taken \
                 before it"
            )
        );
    }
);
