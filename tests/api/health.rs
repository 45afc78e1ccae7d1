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

both_backends!(graphiql_is_served, |app| async move {
    let page = app.get("/graphiql").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("text");
    assert!(
        html.contains("/graphql"),
        "GraphiQL must point at the endpoint"
    );
});
