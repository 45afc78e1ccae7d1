//! Subscriptions over WebSocket (`graphql-transport-ws`): changes made through the API and an
//! import reach subscribers; a reconnect with the last cursor gets exactly what was missed;
//! each caller gets only what it may see; a write through one server reaches subscribers of
//! another; revoked credentials and slow consumers are closed with their codes; the transport
//! admits only subscriptions, and HTTP refuses them.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::both_backends;
use crate::build::Build;
use crate::changes::partner_token;
use crate::helpers::{error_code, user_token, TestApp};

/// How long a test waits for a message before it fails (a bound against hanging, not a
/// measurement).
pub(crate) const PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

pub(crate) const MAP_CHANGED: &str = r#"subscription($filter: ChangeFilter, $after: String) {
  mapChanged(filter: $filter, after: $after) { cursor operation recordType recordId actor fields { field } }
}"#;

const MEMBERSHIP_CHANGED: &str = r#"subscription($forum: ID, $after: String) {
  membershipChanged(forum: $forum, after: $after) { cursor operation operationName recordType recordId }
}"#;

pub(crate) struct Client {
    pub(crate) ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

pub(crate) fn ws_url(address: &str) -> String {
    format!("{}/graphql", address.replacen("http://", "ws://", 1))
}

impl Client {
    /// Connects and initialises with `authorization` (none: anonymous); panics unless acknowledged.
    pub(crate) async fn connect(address: &str, authorization: Option<&str>) -> Self {
        let mut client = Self::open(address).await;
        client.init(authorization).await;
        let ack = client.message().await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        client
    }

    /// Connects through a socket with a 4 KB receive buffer (a client that stops reading is
    /// soon behind) and initialises with `authorization`.
    pub(crate) async fn with_small_buffer(address: &str, authorization: &str) -> Self {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.set_recv_buffer_size(4096).expect("buffer");
        let stream = socket
            .connect(
                address
                    .trim_start_matches("http://")
                    .parse()
                    .expect("address"),
            )
            .await
            .expect("connected");
        let mut request = ws_url(address).into_client_request().expect("request");
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().expect("header"),
        );
        let (ws, _) = tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(stream))
            .await
            .expect("upgrade");
        let mut client = Self { ws };
        client.init(Some(authorization)).await;
        assert_eq!(client.message().await["type"], "connection_ack");
        client
    }

    /// Opens the socket without initialising it.
    pub(crate) async fn open(address: &str) -> Self {
        let mut request = ws_url(address).into_client_request().expect("request");
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().expect("header"),
        );
        let (ws, response) = tokio_tungstenite::connect_async(request)
            .await
            .expect("WebSocket upgrade");
        assert_eq!(
            response.headers()["sec-websocket-protocol"],
            "graphql-transport-ws"
        );
        Self { ws }
    }

    pub(crate) async fn init(&mut self, authorization: Option<&str>) {
        let payload = match authorization {
            Some(auth) => json!({ "Authorization": auth }),
            None => json!({}),
        };
        self.send(json!({ "type": "connection_init", "payload": payload }))
            .await;
    }

    pub(crate) async fn send(&mut self, message: Value) {
        self.ws
            .send(Message::text(message.to_string()))
            .await
            .expect("sent");
    }

    pub(crate) async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }))
            .await;
    }

    /// The next protocol message (the server's pings answered and skipped); panics on a close.
    pub(crate) async fn message(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(PATIENCE, self.ws.next())
                .await
                .expect("a message in time")
                .expect("the connection is open")
                .expect("a frame");
            match frame {
                Message::Text(text) => {
                    let message: Value = serde_json::from_str(&text).expect("JSON");
                    if message["type"] == "ping" {
                        self.send(json!({ "type": "pong" })).await;
                        continue;
                    }
                    return message;
                }
                Message::Close(close) => panic!("closed: {close:?}"),
                _ => continue,
            }
        }
    }

    /// The payload of the next `next` message of subscription `id`.
    pub(crate) async fn event(&mut self, id: &str) -> Value {
        let message = self.message().await;
        assert_eq!(message["type"], "next", "{message}");
        assert_eq!(message["id"], id, "{message}");
        assert!(message["payload"].get("errors").is_none(), "{message}");
        message["payload"]["data"].clone()
    }

    /// Reads until the server closes; its code and reason.
    pub(crate) async fn closed(&mut self) -> (u16, String) {
        loop {
            let frame = tokio::time::timeout(PATIENCE, self.ws.next())
                .await
                .expect("closed in time");
            match frame {
                Some(Ok(Message::Close(Some(close)))) => {
                    return (u16::from(close.code), close.reason.to_string())
                }
                Some(Ok(Message::Close(None))) | None => return (1005, String::new()),
                Some(Ok(_)) => continue,
                Some(Err(err)) => panic!("not closed cleanly: {err}"),
            }
        }
    }
}

/// The payload of the `error` message a subscription is refused with (a subscription admitted
/// instead, which the server keeps alive with pings, fails the test once [`PATIENCE`] is over).
async fn refusal(client: &mut Client, id: &str, query: &str, variables: Value) -> Value {
    client.subscribe(id, query, variables).await;
    let message = tokio::time::timeout(PATIENCE, client.message())
        .await
        .unwrap_or_else(|_| panic!("subscription {id} was admitted, not refused"));
    assert_eq!(message["type"], "error", "{message}");
    message["payload"].clone()
}

pub(crate) fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// The cursor of the last change committed so far (the feed's start when there is none).
pub(crate) async fn last_cursor(app: &TestApp) -> String {
    let body = app
        .data(
            "{ changes(first: 100) { edges { cursor } pageInfo { hasNextPage } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["changes"]["pageInfo"]["hasNextPage"], false, "{body}");
    body["changes"]["edges"]
        .as_array()
        .unwrap()
        .last()
        .map_or_else(
            // `change:0`, before the first change.
            || "Y2hhbmdlOjA".to_owned(),
            |e| e["cursor"].as_str().unwrap().to_owned(),
        )
}

const IMPORT: &str = r#"mutation($input: ImportDataInput!) {
  importData(input: $input) { succeeded problems { message } }
}"#;

/// An import document creating `count` organisations, codes `{prefix}-0`..., each with a
/// description of `weight` characters.
pub(crate) fn organisations(prefix: &str, count: usize, weight: usize) -> String {
    let rows: Vec<Value> = (0..count)
        .map(|n| {
            json!({
                "id": uuid::Uuid::now_v7().to_string(), "code": format!("{prefix}-{n}"),
                "name": format!("Organisation {prefix} {n} with a name long enough to weigh"),
                "kind": "INTERNATIONAL_NGO",
                "parent_id": null, "country_code": null, "description": "x".repeat(weight),
                "archived_at": null, "sensitivity": "PUBLIC",
                "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "version": 1
            })
        })
        .collect();
    json!({ "format_version": 2, "tables": { "organizations": rows } }).to_string()
}

pub(crate) async fn import(app: &TestApp, document: String) {
    let imported = app
        .data(
            IMPORT,
            json!({ "input": { "format": "JSON", "content": document, "fileName": "orgs.json" } }),
        )
        .await;
    assert_eq!(imported["importData"]["succeeded"], true, "{imported}");
}

both_backends!(
    a_subscriber_receives_membership_changes_made_through_the_api_and_an_import,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let ngo = b.organization("NGO", "An NGO").await;
        let forum = b
            .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
            .mission(&monuc)
            .await;
        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        let start = last_cursor(&app).await;
        client
            .subscribe(
                "m",
                MEMBERSHIP_CHANGED,
                json!({ "forum": forum.json(), "after": start }),
            )
            .await;
        let seat = b.membership(&forum, &ngo).await;
        let created = client.event("m").await["membershipChanged"].clone();
        assert_eq!(created["recordId"], seat.json());
        assert_eq!(created["operation"], "CREATED");
        assert_eq!(created["operationName"], "addForumMembership");
        // A change of another record type is not a membership change.
        b.update(&forum, json!({ "name": "Protection WG" })).await;
        b.end(&seat, "2012-01-01").await;
        let ended = client.event("m").await["membershipChanged"].clone();
        assert_eq!(ended["recordId"], seat.json());
        assert_eq!(ended["operation"], "ENDED");

        // Through an import: a seat of the forum created by `importData`.
        let imported_seat = uuid::Uuid::now_v7();
        let document = json!({
            "format_version": 2,
            "tables": { "forum_memberships": [{
                "id": imported_seat.to_string(), "forum_id": forum.uuid().to_string(),
                "member_organization_id": ngo.uuid().to_string(), "member_post_id": null,
                "member_component_id": null, "capacity": "MEMBER", "note": null,
                "valid_from": "2013-01-01", "valid_to": null,
                "sensitivity": "PUBLIC",
                "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "version": 1
            }] }
        })
        .to_string();
        import(&app, document).await;
        let by_import = client.event("m").await["membershipChanged"].clone();
        assert_eq!(by_import["operationName"], "importData");
        assert_eq!(by_import["operation"], "CREATED");
    }
);

both_backends!(
    a_reconnect_with_the_last_cursor_gets_exactly_the_changes_missed_even_from_a_new_process,
    |app| async move {
        let create =
            "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }";
        let organisation = |n: usize| json!({ "i": { "code": format!("ORG-{n}"), "name": format!("Org {n}"), "kind": "INTERNATIONAL_NGO" } });
        let filter = json!({ "recordTypes": ["Organization"] });
        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        let start = last_cursor(&app).await;
        client
            .subscribe(
                "a",
                MAP_CHANGED,
                json!({ "filter": filter, "after": start }),
            )
            .await;
        app.data(create, organisation(0)).await;
        let first = client.event("a").await["mapChanged"].clone();
        let cursor = first["cursor"].as_str().unwrap().to_owned();
        drop(client);

        // Three changes while away, then a reconnect from the last cursor received, to a server
        // process started since (as after a restart: it knows nothing of the first connection).
        let mut missed = Vec::new();
        for n in 1..=3 {
            let id = app.data(create, organisation(n)).await["createOrganization"]["id"].clone();
            missed.push(id);
        }
        let restarted = app.replica().await;
        let mut client = Client::connect(&restarted, Some(&app.admin)).await;
        client
            .subscribe(
                "b",
                MAP_CHANGED,
                json!({ "filter": filter, "after": cursor }),
            )
            .await;
        for id in &missed {
            let change = client.event("b").await["mapChanged"].clone();
            assert_eq!(change["recordId"], *id, "in commit order, each once");
            assert_eq!(change["operation"], "CREATED");
        }
        // Then the live ones: the next event is the next change, nothing repeated.
        let live = app.data(create, organisation(4)).await["createOrganization"]["id"].clone();
        let change = client.event("b").await["mapChanged"].clone();
        assert_eq!(change["recordId"], live);
    }
);

both_backends!(
    each_subscriber_receives_only_what_it_may_see,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let ngo = b.organization("NGO", "An NGO").await;
        let partner = partner_token(&app, &ngo.json(), json!([monuc.json()])).await;
        let viewer = bearer(&user_token("viewer", "VIEWER", &[], &[]));
        let filter = json!({ "recordTypes": ["Forum"] });
        let start = last_cursor(&app).await;
        let variables = json!({ "filter": filter, "after": start });
        let mut as_viewer = Client::connect(&app.address, Some(&viewer)).await;
        as_viewer
            .subscribe("v", MAP_CHANGED, variables.clone())
            .await;
        let mut as_partner = Client::connect(&app.address, Some(&partner)).await;
        as_partner.subscribe("p", MAP_CHANGED, variables).await;

        let confidential = b
            .forum("Protection of civilians cell", "CRISIS_CELL")
            .mission(&monuc)
            .sensitivity("CONFIDENTIAL")
            .await;
        let internal = b
            .forum("Coordination cell", "CRISIS_CELL")
            .mission(&monuc)
            .sensitivity("INTERNAL")
            .await;
        let public = b
            .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
            .mission(&monuc)
            .await;

        // The viewer: the internal and the public forum, never the confidential one.
        let seen = as_viewer.event("v").await["mapChanged"].clone();
        assert_eq!(seen["recordId"], internal.json());
        assert!(seen["actor"].is_null(), "a viewer is not shown who made it");
        let seen = as_viewer.event("v").await["mapChanged"].clone();
        assert_eq!(seen["recordId"], public.json());
        // The partner: only the public one.
        let seen = as_partner.event("p").await["mapChanged"].clone();
        assert_eq!(seen["recordId"], public.json());
        // Neither received the confidential forum's change, nor will: the next change each
        // receives is the next visible one.
        b.update(&public, json!({ "name": "Protection WG" })).await;
        for (client, id) in [(&mut as_viewer, "v"), (&mut as_partner, "p")] {
            let next = client.event(id).await["mapChanged"].clone();
            assert_eq!(next["recordId"], public.json());
            assert_eq!(next["operation"], "UPDATED");
        }
        let by_admin = app
            .data(
                "query($f: ChangeFilter) { changes(filter: $f) { edges { node { recordId } } } }",
                json!({ "f": filter }),
            )
            .await;
        assert!(by_admin
            .to_string()
            .contains(confidential.json().as_str().unwrap()));
        // The confidential read of an administrator's event is in the audit log.
        let mut as_admin = Client::connect(&app.address, Some(&app.admin)).await;
        as_admin
            .subscribe(
                "c",
                "subscription($after: String) { mapChanged(after: $after, filter: { recordTypes: [\"Forum\"] }) { recordId record { id } } }",
                json!({ "after": start }),
            )
            .await;
        let seen = as_admin.event("c").await["mapChanged"].clone();
        assert_eq!(seen["recordId"], confidential.json());
        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation } }",
                json!({ "id": confidential.json() }),
            )
            .await;
        assert!(
            log.to_string().contains("\"READ\"") || log.to_string().contains("\"read\""),
            "{log}"
        );
    }
);

both_backends!(
    a_write_through_one_server_reaches_the_subscribers_of_another,
    |app| async move {
        let replica = app.replica().await;
        let mut client = Client::connect(&replica, Some(&app.admin)).await;
        let start = last_cursor(&app).await;
        client
            .subscribe(
                "r",
                MAP_CHANGED,
                json!({ "filter": { "recordTypes": ["Organization"] }, "after": start }),
            )
            .await;
        let id = app
            .data(
                "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }",
                json!({ "i": { "code": "REPLICA", "name": "Written elsewhere", "kind": "INTERNATIONAL_NGO" } }),
            )
            .await["createOrganization"]["id"]
            .clone();
        let change = client.event("r").await["mapChanged"].clone();
        assert_eq!(change["recordId"], id);
    }
);

both_backends!(
    a_revoked_token_is_disconnected,
    settings = |s| s.subscriptions.subscription_recheck_ms = 50,
    |app| async move {
        let b = Build::new(&app);
        let ngo = b.organization("NGO", "An NGO").await;
        let created = app
            .data(
                "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id } } }",
                json!({ "i": { "name": "partner", "organizationId": ngo.json(), "clearance": "INTERNAL",
                               "expiresAt": "2099-01-01T00:00:00Z" } }),
            )
            .await;
        let secret = created["createApiToken"]["secret"].as_str().unwrap();
        let mut client = Client::connect(&app.address, Some(&bearer(secret))).await;
        client.subscribe("t", MAP_CHANGED, json!({})).await;
        app.data(
            "mutation($id: ID!) { revokeApiToken(id: $id) { id } }",
            json!({ "id": created["createApiToken"]["token"]["id"] }),
        )
        .await;
        let (code, reason) = client.closed().await;
        assert_eq!(code, 4401, "{reason}");
        assert!(reason.starts_with("UNAUTHENTICATED"), "{reason}");
    }
);

both_backends!(
    a_bad_credential_or_a_wrong_message_closes_with_its_code,
    |app| async move {
        let mut client = Client::open(&app.address).await;
        client.init(Some("Bearer not-a-token")).await;
        let (code, reason) = client.closed().await;
        assert_eq!(code, 4401, "{reason}");

        let mut client = Client::open(&app.address).await;
        client.subscribe("early", MAP_CHANGED, json!({})).await;
        assert_eq!(client.closed().await.0, 4401, "subscribe before init");

        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        client.send(json!({ "type": "connection_init" })).await;
        assert_eq!(client.closed().await.0, 4429, "a second init");

        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        client.send(json!({ "type": "nonsense" })).await;
        assert_eq!(client.closed().await.0, 4400);

        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        client.subscribe("x", MAP_CHANGED, json!({})).await;
        client.subscribe("x", MAP_CHANGED, json!({})).await;
        assert_eq!(client.closed().await.0, 4409, "an id already running");
    }
);

both_backends!(
    only_subscriptions_run_over_websocket_and_only_there,
    |app| async move {
        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        client
            .subscribe("q", "{ missions { totalCount } }", json!({}))
            .await;
        let refused = client.message().await;
        assert_eq!(refused["type"], "error", "{refused}");
        assert_eq!(refused["id"], "q");
        assert_eq!(refused["payload"][0]["extensions"]["code"], "BAD_REQUEST");
        // A bad argument is refused with its code, like over HTTP.
        client
            .subscribe(
                "f",
                MAP_CHANGED,
                json!({ "filter": { "missions": ["NOPE"] } }),
            )
            .await;
        let refused = client.message().await;
        assert_eq!(refused["type"], "error", "{refused}");
        assert_eq!(refused["payload"][0]["extensions"]["code"], "NOT_FOUND");
        // Over HTTP a subscription is refused.
        let body = app.graphql(MAP_CHANGED, json!({})).await;
        assert_eq!(error_code(&body), "BAD_REQUEST", "{body}");
        // A WebSocket without the protocol is refused at the upgrade.
        let request = ws_url(&app.address).into_client_request().expect("request");
        let refused = tokio_tungstenite::connect_async(request).await;
        assert!(refused.is_err());
    }
);

both_backends!(
    a_caller_holds_a_bounded_number_of_subscriptions,
    settings = |s| s.subscriptions.subscription_max_per_caller = 2,
    |app| async move {
        // Each subscription receives a change made before it, so it is known to run.
        let start = last_cursor(&app).await;
        app.data(
            "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }",
            json!({ "i": { "code": "FIRST", "name": "First", "kind": "INTERNATIONAL_NGO" } }),
        )
        .await;
        let mut first = Client::connect(&app.address, Some(&app.admin)).await;
        for id in ["1", "2"] {
            first
                .subscribe(id, MAP_CHANGED, json!({ "after": start }))
                .await;
            first.event(id).await;
        }
        // Over two connections, the same caller.
        let mut second = Client::connect(&app.address, Some(&app.admin)).await;
        second.subscribe("3", MAP_CHANGED, json!({})).await;
        let refused = second.message().await;
        assert_eq!(refused["type"], "error", "{refused}");
        assert_eq!(refused["payload"][0]["extensions"]["code"], "RATE_LIMITED");
        // Completing one frees its place: a subscription admitted again receives the change
        // made before it (a refused one gets an error at once).
        first.send(json!({ "id": "1", "type": "complete" })).await;
        let mut admitted = false;
        for attempt in 0..200 {
            let id = format!("again-{attempt}");
            second
                .subscribe(&id, MAP_CHANGED, json!({ "after": start }))
                .await;
            let answer = second.message().await;
            if answer["type"] == "next" {
                admitted = true;
                break;
            }
            assert_eq!(
                answer["payload"][0]["extensions"]["code"], "RATE_LIMITED",
                "{answer}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(admitted, "the completed subscription's place was freed");
    }
);

both_backends!(
    a_slow_consumer_is_closed_and_resumes_from_its_cursor,
    settings = |s| {
        s.subscriptions.subscription_buffer = 2;
        s.subscriptions.subscription_send_timeout_ms = 100;
        s.traffic.max_body_bytes = 16 << 20;
    },
    |app| async move {
        // More than the network and the server's buffers hold (loopback's are megabytes).
        const COUNT: usize = 4_000;
        let start = last_cursor(&app).await;
        import(&app, organisations("SLOW", COUNT, 600)).await;
        // A client that reads nothing, through a small receive buffer.
        let mut client = Client::with_small_buffer(&app.address, &app.admin).await;
        let everything = r#"subscription($after: String) {
          mapChanged(after: $after, filter: { recordTypes: ["Organization"] }) { cursor fields { field before after } }
        }"#;
        client
            .subscribe("s", everything, json!({ "after": start }))
            .await;
        // The server fills what the network holds, waits for the reader, then gives up.
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        let mut received: Vec<String> = Vec::new();
        let code = loop {
            assert!(
                received.len() < COUNT,
                "a consumer that read nothing for seconds was not closed"
            );
            let frame = tokio::time::timeout(PATIENCE, client.ws.next())
                .await
                .expect("in time");
            match frame {
                Some(Ok(Message::Text(text))) => {
                    let message: Value = serde_json::from_str(&text).unwrap();
                    if message["type"] == "next" {
                        received.push(
                            message["payload"]["data"]["mapChanged"]["cursor"]
                                .as_str()
                                .unwrap()
                                .to_owned(),
                        );
                    }
                }
                Some(Ok(Message::Close(Some(close)))) => break u16::from(close.code),
                Some(Ok(_)) => {}
                other => panic!("not closed with a code: {other:?}"),
            }
        };
        assert_eq!(code, 4008);
        // It resumes from the last cursor it received and gets the rest, each once.
        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        client
            .subscribe(
                "r",
                MAP_CHANGED,
                json!({ "filter": { "recordTypes": ["Organization"] }, "after": received.last() }),
            )
            .await;
        for _ in received.len()..COUNT {
            let change = client.event("r").await["mapChanged"].clone();
            assert!(!received.contains(&change["cursor"].as_str().unwrap().to_owned()));
        }
    }
);

both_backends!(
    decision_rights_are_followed_per_mission_and_area,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let other = b.mission("UNMIS").from("2005-03-24").await;
        let ngo = b.organization("NGO", "An NGO").await;
        let poc = b.decision_area("POC_STRATEGY", "POC strategy").await;
        let access = b
            .decision_area("HUMANITARIAN_ACCESS", "Humanitarian access")
            .await;
        let start = last_cursor(&app).await;
        let mut client = Client::connect(&app.address, Some(&app.admin)).await;
        client
            .subscribe(
                "d",
                "subscription($after: String) { decisionRightsChanged(mission: \"MONUC\", area: \"POC_STRATEGY\", after: $after) { recordType recordId operation } }",
                json!({ "after": start }),
            )
            .await;
        // Another area of the mission, and the same area in another mission: not followed.
        b.right(&access, &ngo, "CONSULTED").mission(&monuc).await;
        b.right(&poc, &ngo, "CONSULTED").mission(&other).await;
        let followed = b.right(&poc, &ngo, "DECIDES").mission(&monuc).await;
        let change = client.event("d").await["decisionRightsChanged"].clone();
        assert_eq!(change["recordId"], followed.json());
        assert_eq!(change["recordType"], "DecisionRight");
        assert_eq!(change["operation"], "CREATED");
        // An area unknown to the caller is refused like an unknown one.
        client
            .subscribe(
                "u",
                "subscription { decisionRightsChanged(mission: \"MONUC\", area: \"NOPE\") { recordId } }",
                json!({}),
            )
            .await;
        let refused = client.message().await;
        assert_eq!(refused["type"], "error", "{refused}");
        assert_eq!(refused["payload"][0]["extensions"]["code"], "NOT_FOUND");
        // Bad arguments are named as the subscription names them.
        let cases = [
            (
                "subscription { membershipChanged(mission: \"\") { recordId } }",
                "mission",
                "`mission` is empty: give the mission's ID or acronym",
            ),
            (
                "subscription { decisionRightsChanged(mission: \"MONUC\", area: \" \") { recordId } }",
                "area",
                "`area` is empty: give the decision area's ID or code",
            ),
            (
                "subscription { membershipChanged(mission: \"MONUC\", organization: \"NGO\") { recordId } }",
                "forum",
                "give exactly one of `forum`, `organization` and `mission`",
            ),
        ];
        for (n, (query, field, message)) in cases.into_iter().enumerate() {
            let payload = refusal(&mut client, &format!("bad-{n}"), query, json!({})).await;
            assert_eq!(
                payload[0]["extensions"]["code"], "BAD_USER_INPUT",
                "{payload}"
            );
            assert_eq!(payload[0]["extensions"]["field"], field, "{payload}");
            assert_eq!(payload[0]["message"], message, "{payload}");
        }
    }
);

/// The refusals of `query` given a hidden record's `hidden` ID or key and an `unknown` one as
/// `$v`, asked by `client` as subscription `id`: alike in every part (code, message, field),
/// each given value written `<given>` where the payload repeats it, and NOT_FOUND.
async fn refused_alike(client: &mut Client, id: &str, query: &str, hidden: &str, unknown: &str) {
    let as_given = |payload: Value, value: &str| -> Value {
        serde_json::from_str(&payload.to_string().replace(value, "<given>")).expect("JSON")
    };
    let seen = refusal(
        client,
        &format!("{id}-hidden"),
        query,
        json!({ "v": hidden }),
    )
    .await;
    let missing = refusal(
        client,
        &format!("{id}-unknown"),
        query,
        json!({ "v": unknown }),
    )
    .await;
    assert_eq!(seen[0]["extensions"]["code"], "NOT_FOUND", "{id}: {seen}");
    assert_eq!(
        as_given(seen, hidden),
        as_given(missing, unknown),
        "{id}: {query} given {hidden}"
    );
}

both_backends!(
    a_hidden_forum_organisation_mission_or_area_is_refused_as_an_unknown_one,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let unmis = b.mission("UNMIS").from("2005-03-24").await;
        let secret_mission = b.mission("SECRETM").from("2005-03-24").confidential().await;
        let ngo = b.organization("NGO", "An NGO").await;
        let secret_organisation = b
            .organization("SECRETO", "A confidential organisation")
            .confidential()
            .await;
        let secret = b
            .forum("Protection of civilians cell", "CRISIS_CELL")
            .mission(&monuc)
            .confidential()
            .await;
        let area = b
            .decision_area("ARMED_GROUP_ENGAGEMENT", "Armed group engagement")
            .confidential()
            .await;
        // Each hidden record exists: an administrator's filter by it is answered.
        for filter in [
            json!({ "forum": secret.json() }),
            json!({ "organization": secret_organisation.json() }),
            json!({ "organization": "SECRETO" }),
            json!({ "missions": [secret_mission.json(), "SECRETM", unmis.json(), "UNMIS"] }),
        ] {
            let body = app
                .graphql(
                    "query($f: ChangeFilter) { changes(filter: $f) { edges { cursor } } }",
                    json!({ "f": filter }),
                )
                .await;
            assert!(body.get("errors").is_none(), "{filter}: {body}");
        }
        let forum = "subscription($v: ID) { membershipChanged(forum: $v) { recordId } }";
        let organisation =
            "subscription($v: String) { membershipChanged(organization: $v) { recordId } }";
        let mission = "subscription($v: String) { membershipChanged(mission: $v) { recordId } }";
        let rights_of =
            "subscription($v: String!) { decisionRightsChanged(mission: $v) { recordId } }";
        let rights = "subscription($v: String) { decisionRightsChanged(mission: \"MONUC\", area: $v) { recordId } }";
        let (no_forum, no_organisation, no_mission, no_area) = (
            crate::hidden::unknown("Forum"),
            crate::hidden::unknown("Organization"),
            crate::hidden::unknown("Mission"),
            crate::hidden::unknown("DecisionArea"),
        );

        // A VIEWER: confidential records, by ID and by code or acronym.
        let viewer = bearer(&user_token("viewer", "VIEWER", &[], &[]));
        let mut client = Client::connect(&app.address, Some(&viewer)).await;
        let by_viewer = [
            ("forum", forum, secret.as_str(), no_forum.as_str()),
            (
                "organisation",
                organisation,
                secret_organisation.as_str(),
                &no_organisation,
            ),
            ("organisation-code", organisation, "SECRETO", "NO-SUCH-CODE"),
            ("mission", mission, secret_mission.as_str(), &no_mission),
            ("mission-acronym", mission, "SECRETM", "NO-SUCH-ACRONYM"),
            (
                "rights-mission",
                rights_of,
                secret_mission.as_str(),
                &no_mission,
            ),
            ("area", rights, area.as_str(), &no_area),
            (
                "area-code",
                rights,
                "ARMED_GROUP_ENGAGEMENT",
                "NO_SUCH_CODE",
            ),
        ];
        for (id, query, hidden, unknown) in by_viewer {
            refused_alike(&mut client, id, query, hidden, unknown).await;
        }

        // A partner token scoped to MONUC at INTERNAL: another mission, public but out of its
        // scope, and an organisation above its clearance.
        let partner = partner_token(&app, &ngo.json(), json!([monuc.json()])).await;
        let mut client = Client::connect(&app.address, Some(&partner)).await;
        let by_partner = [
            ("mission", mission, unmis.as_str(), no_mission.as_str()),
            ("mission-acronym", mission, "UNMIS", "NO-SUCH-ACRONYM"),
            ("rights-mission", rights_of, "UNMIS", "NO-SUCH-ACRONYM"),
            (
                "organisation",
                organisation,
                secret_organisation.as_str(),
                &no_organisation,
            ),
            ("organisation-code", organisation, "SECRETO", "NO-SUCH-CODE"),
        ];
        for (id, query, hidden, unknown) in by_partner {
            refused_alike(&mut client, id, query, hidden, unknown).await;
        }
    }
);
