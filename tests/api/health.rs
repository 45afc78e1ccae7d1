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
