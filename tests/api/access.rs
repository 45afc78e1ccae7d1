//! Access control over HTTP: credentials, what each role sees, scoped writes, budgets.

use base64::Engine as _;
use chrono::Utc;
use entity::enums::{Capacity, ForumKind, Sensitivity};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::both_backends;
use crate::fixtures::{insert_mission, insert_mission_forum, insert_organization, ForumHome};
use crate::helpers::{
    error_code, error_message, spawn_app_with, user_token, Backend, TestApp, JWT_SECRET,
};

const COUNT: &str =
    "{ missions(filter: { includeArchived: true }) { totalCount nodes { acronym } } }";

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

async fn set_forum_sensitivity(app: &TestApp, id: Uuid, level: Sensitivity) {
    entity::forum::Entity::update_many()
        .set(entity::forum::ActiveModel {
            sensitivity: Set(level),
            ..Default::default()
        })
        .filter(entity::forum::Column::Id.eq(id))
        .exec(app.db())
        .await
        .unwrap();
}

async fn seat(app: &TestApp, forum: Uuid, org: Uuid, capacity: Capacity, level: Sensitivity) {
    let now = Utc::now();
    entity::forum_membership::ActiveModel {
        id: Set(Uuid::now_v7()),
        forum_id: Set(forum),
        member_organization_id: Set(Some(org)),
        member_component_id: Set(None),
        member_post_id: Set(None),
        capacity: Set(capacity),
        note: Set(None),
        valid_from: Set(crate::fixtures::date("2010-01-01")),
        valid_to: Set(None),
        sensitivity: Set(level),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(app.db())
    .await
    .unwrap();
}

/// One mission per sensitivity level, and in the PUBLIC one forums at every level.
struct World {
    missions: Vec<(String, Uuid)>,
    ngo: Uuid,
    member_forum: Uuid,
    other_internal_forum: Uuid,
    public_mission: Uuid,
}

async fn world(app: &TestApp) -> World {
    let mut missions = Vec::new();
    for (acronym, level) in [
        ("PUBM", Sensitivity::Public),
        ("INTM", Sensitivity::Internal),
        ("CONFM", Sensitivity::Confidential),
        ("STRICTM", Sensitivity::StrictlyConfidential),
    ] {
        let m = insert_mission(
            app.db(),
            acronym,
            &format!("{acronym} mission"),
            "2010-01-01",
        )
        .await;
        crate::fixtures::set_mission_sensitivity(app.db(), m.id, level).await;
        missions.push((acronym.to_owned(), m.id));
    }
    let public_mission = missions[0].1;
    let ngo = insert_organization(app.db(), "NGO", "A partner NGO")
        .await
        .id;
    let home = ForumHome {
        mission_id: Some(public_mission),
        ..ForumHome::default()
    };
    let mut forums = Vec::new();
    for (name, level) in [
        ("Public forum", Sensitivity::Public),
        ("Member forum", Sensitivity::Internal),
        ("Other internal forum", Sensitivity::Internal),
        ("Confidential forum", Sensitivity::Confidential),
    ] {
        let f = insert_mission_forum(
            app.db(),
            home,
            name,
            None,
            ForumKind::PocWorkingGroup,
            "2010-01-01",
        )
        .await;
        set_forum_sensitivity(app, f.id, level).await;
        forums.push(f.id);
    }
    seat(
        app,
        forums[1],
        ngo,
        Capacity::Observer,
        Sensitivity::Internal,
    )
    .await;
    seat(
        app,
        forums[3],
        ngo,
        Capacity::Member,
        Sensitivity::Confidential,
    )
    .await;
    World {
        missions,
        ngo,
        member_forum: forums[1],
        other_internal_forum: forums[2],
        public_mission,
    }
}

async fn partner_token(app: &TestApp, org: Uuid, clearance: &str) -> String {
    let org_id = app
        .data(
            "query($c: String!) { organization(code: $c) { id } }",
            json!({ "c": "NGO" }),
        )
        .await["organization"]["id"]
        .clone();
    assert!(!org.is_nil());
    app.data(
        "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { prefix } } }",
        json!({ "i": { "name": "partner", "organizationId": org_id, "clearance": clearance, "expiresAt": "2099-01-01T00:00:00Z" } }),
    )
    .await["createApiToken"]["secret"]
    .as_str()
    .unwrap()
    .to_owned()
}

fn jwt_with(claims: Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn now() -> i64 {
    Utc::now().timestamp()
}

both_backends!(
    bad_credentials_are_unauthenticated_never_anonymous,
    |app| async move {
        let b64 =
            |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let valid = user_token("alice", "ADMIN", &[], &[]);
        let mut parts: Vec<String> = valid.split('.').map(str::to_owned).collect();
        parts[1] = b64(&json!({ "sub": "mallory", "exp": now() + 3600, "roles": ["ADMIN"] }));
        let tampered = parts.join(".");
        let alg_none = format!(
            "{}.{}.",
            b64(&json!({ "alg": "none", "typ": "JWT" })),
            b64(&json!({ "sub": "mallory", "exp": now() + 3600, "roles": ["ADMIN"] }))
        );
        let cases: Vec<(Option<String>, &str)> = vec![
            (
                None,
                "authentication required: send `Authorization: Bearer <token>`",
            ),
            (
                Some("Basic YWxpY2U6c2VjcmV0".into()),
                "malformed Authorization header; expected `Bearer <token>`",
            ),
            (Some(bearer(&alg_none)), "the token is malformed"),
            (Some(bearer(&tampered)), "the token's signature is invalid"),
            (
                Some(bearer(&jwt_with(
                    json!({ "sub": "a", "exp": now() + 60, "roles": ["ADMIN"] }),
                    "another-secret-that-is-long-enough!!",
                ))),
                "the token's signature is invalid",
            ),
            (
                Some(bearer(&jwt_with(
                    json!({ "sub": "a", "exp": now() - 3600, "roles": ["ADMIN"] }),
                    JWT_SECRET,
                ))),
                "the token has expired",
            ),
            (
                Some(bearer(&jwt_with(
                    json!({ "sub": "a", "exp": now() + 7200, "nbf": now() + 3600, "roles": ["ADMIN"] }),
                    JWT_SECRET,
                ))),
                "the token is not valid yet",
            ),
            (
                Some(bearer(&jwt_with(
                    json!({ "sub": "a", "exp": now() + 60, "roles": ["OVERLORD"] }),
                    JWT_SECRET,
                ))),
                "the token carries no role this API knows (ADMIN, EDITOR, ANALYST or VIEWER)",
            ),
            (
                Some(bearer("cm_unknownunknownunknownunknownunknownunknown")),
                "the API token is not known",
            ),
        ];
        for (header, message) in cases {
            let response = app
                .post_as(header.as_deref(), &json!({ "query": COUNT }))
                .await;
            assert_eq!(response.status(), 401, "{header:?}");
            let body: Value = response.json().await.unwrap();
            assert_eq!(error_code(&body), "UNAUTHENTICATED", "{header:?}");
            assert_eq!(error_message(&body), message, "{header:?}");
            assert!(body["data"].is_null(), "no data for {header:?}");
        }
    }
);

both_backends!(
    revoked_and_expired_partner_tokens_are_refused,
    |app| async move {
        let w = world(&app).await;
        let secret = partner_token(&app, w.ngo, "PUBLIC").await;
        let ok = app
            .graphql_as(Some(&bearer(&secret)), COUNT, json!({}))
            .await;
        assert_eq!(ok["data"]["missions"]["totalCount"], 1);
        let tokens = app.data("{ apiTokens { id lastUsedAt } }", json!({})).await;
        assert!(
            tokens["apiTokens"][0]["lastUsedAt"].is_string(),
            "use is recorded"
        );
        let id = tokens["apiTokens"][0]["id"].clone();
        entity::api_token::Entity::update_many()
            .set(entity::api_token::ActiveModel {
                expires_at: Set(Utc::now() - chrono::Duration::minutes(1)),
                ..Default::default()
            })
            .exec(app.db())
            .await
            .unwrap();
        let expired = app
            .graphql_as(Some(&bearer(&secret)), COUNT, json!({}))
            .await;
        assert_eq!(error_code(&expired), "UNAUTHENTICATED");
        assert_eq!(error_message(&expired), "the API token has expired");
        app.data(
            "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }",
            json!({ "id": id }),
        )
        .await;
        let revoked = app
            .graphql_as(Some(&bearer(&secret)), COUNT, json!({}))
            .await;
        assert_eq!(error_code(&revoked), "UNAUTHENTICATED");
        assert_eq!(error_message(&revoked), "the API token has been revoked");
    }
);

both_backends!(each_role_sees_exactly_its_clearance, |app| async move {
    let w = world(&app).await;
    let partner = partner_token(&app, w.ngo, "INTERNAL").await;
    let cases = [
        ("ADMIN", vec!["CONFM", "INTM", "PUBM", "STRICTM"]),
        ("EDITOR", vec!["CONFM", "INTM", "PUBM"]),
        ("ANALYST", vec!["CONFM", "INTM", "PUBM"]),
        ("VIEWER", vec!["INTM", "PUBM"]),
    ];
    for (role, expected) in cases {
        let token = bearer(&user_token("u", role, &[], &[]));
        let body = app.graphql_as(Some(&token), COUNT, json!({})).await;
        let seen: Vec<&str> = body["data"]["missions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["acronym"].as_str().unwrap())
            .collect();
        assert_eq!(seen, expected, "{role}");
        assert_eq!(
            body["data"]["missions"]["totalCount"],
            expected.len(),
            "{role}"
        );
        for (acronym, id) in &w.missions {
            let gid =
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Mission:{id}"));
            let node = app
                .graphql_as(
                    Some(&token),
                    "query($id: ID!) { node(id: $id) { id } }",
                    json!({ "id": gid }),
                )
                .await;
            if expected.contains(&acronym.as_str()) {
                assert!(node["errors"].is_null(), "{role} sees {acronym}");
            } else {
                assert_eq!(
                    error_code(&node),
                    "NOT_FOUND",
                    "{role} must not see {acronym}"
                );
                assert_eq!(error_message(&node), "no record has this ID");
            }
        }
    }
    // The partner: PUBLIC missions, and INTERNAL forums only where its organisation sits.
    let body = app
        .graphql_as(Some(&bearer(&partner)), COUNT, json!({}))
        .await;
    assert_eq!(body["data"]["missions"]["totalCount"], 1);
    let forums = app
        .graphql_as(
            Some(&bearer(&partner)),
            "{ forums { totalCount nodes { name } } }",
            json!({}),
        )
        .await;
    let names: Vec<&str> = forums["data"]["forums"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Member forum", "Public forum"]);
    assert_eq!(forums["data"]["forums"]["totalCount"], 2);
    let relation = app
        .graphql_as(
            Some(&bearer(&partner)),
            "query($id: ID!) { mission(id: $id) { forums(asOf: \"2020-01-01\") { name } } }",
            json!({ "id": base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Mission:{}", w.public_mission)) }),
        )
        .await;
    assert_eq!(
        relation["data"]["mission"]["forums"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // A sensitivity filter narrows within what the caller may see.
    let filtered =
        "{ missions(filter: { sensitivities: [CONFIDENTIAL, INTERNAL] }) { nodes { acronym } } }";
    for (role, expected) in [
        (
            "ADMIN",
            json!([{ "acronym": "CONFM" }, { "acronym": "INTM" }]),
        ),
        ("VIEWER", json!([{ "acronym": "INTM" }])),
    ] {
        let token = bearer(&user_token("u", role, &[], &[]));
        let body = app.graphql_as(Some(&token), filtered, json!({})).await;
        assert_eq!(body["data"]["missions"]["nodes"], expected, "{role}");
    }
    // Membership history leaves out what the caller may not see.
    let history = "query($o: ID!) { forumMembershipHistory(organization: $o) { change capacity forum { name } } }";
    let ngo_id =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Organization:{}", w.ngo));
    for (who, expected) in [
        (bearer(&partner), vec!["Member forum"]),
        (
            bearer(&user_token("v", "VIEWER", &[], &[])),
            vec!["Member forum"],
        ),
        (
            bearer(&user_token("a", "ANALYST", &[], &[])),
            vec!["Confidential forum", "Member forum"],
        ),
    ] {
        let body = app
            .graphql_as(Some(&who), history, json!({ "o": ngo_id }))
            .await;
        let mut forums: Vec<&str> = body["data"]["forumMembershipHistory"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|e| e["forum"]["name"].as_str().unwrap())
            .collect();
        forums.sort();
        assert_eq!(forums, expected, "{who}");
    }
    // Probing a hidden forum answers exactly as a random ID does.
    let probe = |id: Uuid| json!({ "id": base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Forum:{id}")) });
    let hidden = app
        .graphql_as(
            Some(&bearer(&partner)),
            "query($id: ID!) { node(id: $id) { id } }",
            probe(w.other_internal_forum),
        )
        .await;
    let random = app
        .graphql_as(
            Some(&bearer(&partner)),
            "query($id: ID!) { node(id: $id) { id } }",
            probe(Uuid::now_v7()),
        )
        .await;
    assert_eq!(
        hidden["errors"][0]["message"],
        random["errors"][0]["message"]
    );
    // Each answer names its own request (`traceId`, `requestId`); nothing else differs.
    assert_eq!(
        crate::helpers::without_request_ids(&hidden)["errors"][0]["extensions"],
        crate::helpers::without_request_ids(&random)["errors"][0]["extensions"]
    );
    assert!(hidden["data"].is_null() && random["data"].is_null());
    let member = app
        .graphql_as(
            Some(&bearer(&partner)),
            "query($id: ID!) { node(id: $id) { id } }",
            probe(w.member_forum),
        )
        .await;
    assert!(member["errors"].is_null(), "{member}");
});

both_backends!(
    editors_write_only_inside_their_scope_and_denials_are_audited,
    |app| async move {
        let w = world(&app).await;
        let editor = bearer(&user_token("eve", "EDITOR", &["pubm"], &[]));
        let update =
            "mutation($i: UpdateMissionInput!) { updateMission(input: $i) { name version } }";
        let gid = |id: Uuid| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Mission:{id}"))
        };
        let inside = app
            .graphql_as(
                Some(&editor),
                update,
                json!({ "i": { "id": gid(w.public_mission), "version": 1, "name": "Renamed" } }),
            )
            .await;
        assert_eq!(inside["data"]["updateMission"]["version"], 2, "{inside}");
        let before = crate::helpers::fingerprint(app.db()).await;
        let outside = app
            .graphql_as(
                Some(&editor),
                update,
                json!({ "i": { "id": gid(w.missions[1].1), "version": 1, "name": "Hijacked" } }),
            )
            .await;
        assert_eq!(error_code(&outside), "FORBIDDEN");
        assert_eq!(
            error_message(&outside),
            "this mission belongs to a mission or cluster outside your editing scope"
        );
        let unscoped = app
        .graphql_as(
            Some(&editor),
            "mutation { createOrganization(input: { code: \"NEW\", name: \"New\", kind: OTHER }) { id } }",
            json!({}),
        )
        .await;
        assert_eq!(error_code(&unscoped), "FORBIDDEN");
        assert_eq!(
            error_message(&unscoped),
            "only administrators may change a organization that belongs to no mission or cluster"
        );
        let analyst = bearer(&user_token("ann", "ANALYST", &[], &[]));
        let refused = app
            .graphql_as(
                Some(&analyst),
                update,
                json!({ "i": { "id": gid(w.public_mission), "version": 2, "name": "x" } }),
            )
            .await;
        assert_eq!(error_code(&refused), "FORBIDDEN");
        assert_eq!(
            error_message(&refused),
            "the ANALYST role may not change data"
        );
        let after = crate::helpers::fingerprint(app.db()).await;
        let strip = |s: &str| {
            s.lines()
                .filter(|l| !l.starts_with("audit_entry"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            strip(&before),
            strip(&after),
            "refused writes change nothing"
        );
        let log = app
            .data("{ auditLog { operation actor } }", json!({}))
            .await;
        let denied: Vec<&Value> = log["auditLog"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["operation"] == "denied")
            .collect();
        assert_eq!(denied.len(), 3, "{log}");
        assert_eq!(denied[0]["actor"], "user:eve");
        // Viewers cannot read the audit log.
        let viewer = bearer(&user_token("vic", "VIEWER", &[], &[]));
        let log = app
            .graphql_as(Some(&viewer), "{ auditLog { operation } }", json!({}))
            .await;
        assert_eq!(error_code(&log), "FORBIDDEN");
        // Confidential reads are audited.
        let analyst_read = app.graphql_as(Some(&analyst), COUNT, json!({})).await;
        assert!(analyst_read["errors"].is_null());
        let log = app
            .data("{ auditLog { operation actor recordType } }", json!({}))
            .await;
        assert!(log["auditLog"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["operation"] == "read"
                && e["actor"] == "user:ann"
                && e["recordType"] == "Mission"));
    }
);

both_backends!(only_administrators_manage_tokens, |app| async move {
    let w = world(&app).await;
    let editor = bearer(&user_token("eve", "EDITOR", &["PUBM"], &[]));
    let list = app
        .graphql_as(Some(&editor), "{ apiTokens { id } }", json!({}))
        .await;
    assert_eq!(error_code(&list), "FORBIDDEN");
    let secret = partner_token(&app, w.ngo, "PUBLIC").await;
    assert!(
        secret.starts_with("cm_") && secret.len() >= 3 + 43,
        "{secret}"
    );
    let stored = entity::api_token::Entity::find()
        .all(app.db())
        .await
        .unwrap();
    assert_ne!(stored[0].secret_hash, secret, "only a hash is stored");
    let partner_write = app
        .graphql_as(
            Some(&bearer(&secret)),
            "mutation { createOrganization(input: { code: \"X\", name: \"X\", kind: OTHER }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&partner_write), "FORBIDDEN", "{partner_write}");
});

both_backends!(contact_details_need_internal_clearance, |app| async move {
    let w = world(&app).await;
    let person = app
        .data(
            "mutation { createPerson(input: { fullName: \"Jo Doe\", email: \"jo@example.org\" }) { id } }",
            json!({}),
        )
        .await["createPerson"]["id"]
        .clone();
    let query = "query($id: ID!) { node(id: $id) { ... on Person { fullName email } } }";
    let viewer = bearer(&user_token("vic", "VIEWER", &[], &[]));
    let seen = app
        .graphql_as(Some(&viewer), query, json!({ "id": person }))
        .await;
    assert_eq!(seen["data"]["node"]["email"], "jo@example.org");
    let secret = partner_token(&app, w.ngo, "INTERNAL").await;
    let hidden = app
        .graphql_as(Some(&bearer(&secret)), query, json!({ "id": person }))
        .await;
    assert_eq!(hidden["data"]["node"]["fullName"], "Jo Doe");
    assert_eq!(hidden["data"]["node"]["email"], Value::Null);
    assert_eq!(error_code(&hidden), "FORBIDDEN");
    assert_eq!(hidden["errors"][0]["path"], json!(["node", "email"]));
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_callers_read_public_records_when_allowed_within_a_smaller_budget() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.auth.allow_anonymous = true;
        s.graphql.introspection = coordmap_api::config::Introspection::Authenticated;
    })
    .await
    .unwrap();
    let w = world(&app).await;
    let body = app.graphql_as(None, COUNT, json!({})).await;
    assert_eq!(body["data"]["missions"]["totalCount"], 1);
    assert_eq!(body["extensions"]["cost"]["maxDepth"], 10);
    assert!(body["extensions"]["cost"]["complexity"].as_u64().unwrap() > 0);
    let _ = w;
    let deep = "{ missions { nodes { components { children { children { children { children { children { children { children { name } } } } } } } } } } }";
    let refused = app.graphql_as(None, deep, json!({})).await;
    assert_eq!(error_code(&refused), "QUERY_TOO_COMPLEX");
    assert_eq!(
        error_message(&refused),
        "the query is 11 levels deep; ANONYMOUS callers may send at most 10 levels"
    );
    assert_eq!(refused["errors"][0]["extensions"]["cost"]["depth"], 11);
    let expensive =
        "{ missions(first: 100) { nodes { acronym forums { name memberships { capacity } } } } }";
    let refused = app.graphql_as(None, expensive, json!({})).await;
    assert_eq!(error_code(&refused), "QUERY_TOO_COMPLEX", "{refused}");
    assert!(
        error_message(&refused).ends_with("ANONYMOUS callers may spend at most 5000 per query"),
        "{}",
        error_message(&refused)
    );
    let admin = app.graphql(expensive, json!({})).await;
    assert!(
        admin["errors"].is_null(),
        "users have a larger budget: {admin}"
    );
    let introspection = app
        .graphql_as(None, "{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(error_code(&introspection), "FORBIDDEN");
    assert_eq!(
        error_message(&introspection),
        "introspection is available to authenticated callers only"
    );
    let signed_in = app
        .graphql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(
        signed_in["data"]["__schema"]["queryType"]["name"],
        "QueryRoot"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_requests_is_rate_limited_with_retry_after_and_batches_count_per_operation() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.traffic.rate_limit_per_minute = 6;
        s.traffic.rate_limit_burst = 5;
    })
    .await
    .unwrap();
    let one = json!({ "query": "{ missions { totalCount } }" });
    let batch = json!([one, one, one]);
    let first = app.post_as(Some(&app.admin), &batch).await;
    let first_status = first.status();
    let first_body = first.text().await.unwrap();
    assert_eq!(first_status, 200, "{first_body}");

    for _ in 0..2 {
        assert_eq!(app.post_as(Some(&app.admin), &one).await.status(), 200);
    }
    let limited = app.post_as(Some(&app.admin), &one).await;
    assert_eq!(limited.status(), 429);
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=10).contains(&retry), "{retry}");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(error_code(&body), "RATE_LIMITED");
    // Another caller has its own bucket.
    let other = bearer(&user_token("other", "VIEWER", &[], &[]));
    assert_eq!(app.post_as(Some(&other), &one).await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_with_its_limit() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.traffic.max_body_bytes = 1024)
        .await
        .unwrap();
    let big = json!({ "query": format!("{{ missions {{ totalCount }} }} # {}", "x".repeat(2000)) });
    let response = app.post_as(Some(&app.admin), &big).await;
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "PAYLOAD_TOO_LARGE");
    assert_eq!(
        error_message(&body),
        "the request body is larger than the limit of 1024 bytes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eddsa_tokens_verify_and_other_algorithms_are_refused() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jwt");
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.auth.jwt_secret = None;
        s.auth.jwt_public_key_file = Some(format!("{dir}/ed25519-public.pem").into());
        s.auth.jwt_algorithm = Some(coordmap_api::config::JwtAlgorithm::EdDsa);
        s.auth.jwt_issuer = Some("https://idp.example".into());
        s.auth.jwt_audience = Some("coordmap".into());
    })
    .await
    .unwrap();
    let private = std::fs::read(format!("{dir}/ed25519-private.pem")).unwrap();
    let key = jsonwebtoken::EncodingKey::from_ed_pem(&private).unwrap();
    let sign = |claims: Value| {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA),
            &claims,
            &key,
        )
        .unwrap()
    };
    let good = sign(
        json!({ "sub": "a", "exp": now() + 60, "roles": ["VIEWER"], "iss": "https://idp.example", "aud": "coordmap" }),
    );
    let ok = app.graphql_as(Some(&bearer(&good)), COUNT, json!({})).await;
    assert!(ok["errors"].is_null(), "{ok}");
    let cases = [
        (
            sign(
                json!({ "sub": "a", "exp": now() + 60, "roles": ["VIEWER"], "iss": "https://evil.example", "aud": "coordmap" }),
            ),
            "the token was issued by an issuer this API does not trust",
        ),
        (
            sign(
                json!({ "sub": "a", "exp": now() + 60, "roles": ["VIEWER"], "iss": "https://idp.example", "aud": "other" }),
            ),
            "the token is meant for another audience",
        ),
        (
            jwt_with(
                json!({ "sub": "a", "exp": now() + 60, "roles": ["ADMIN"], "iss": "https://idp.example", "aud": "coordmap" }),
                JWT_SECRET,
            ),
            "the token is signed with an algorithm this API does not accept",
        ),
    ];
    for (token, message) in cases {
        let body = app
            .graphql_as(Some(&bearer(&token)), COUNT, json!({}))
            .await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
        assert_eq!(error_message(&body), message);
    }
}
