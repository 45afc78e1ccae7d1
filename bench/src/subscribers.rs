//! `coordmap-bench subscribers`: many subscribers of `mapChanged` on one or two servers while a
//! writer creates organisations at a steady rate; reports how long each change took to reach each
//! subscriber, from the write's request and from its commit, and whether any subscriber missed
//! one.
//! `bench/subscribers.sh` starts the servers and reads their memory (docs/BENCHMARKS.md).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Args;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

/// Arguments of `subscribers`.
#[derive(Debug, Clone, Args)]
pub struct SubscribersArgs {
    /// Base URLs of the servers the subscribers connect to, in turn (`http://127.0.0.1:8080`).
    #[arg(long = "subscribe-to", required = true)]
    pub subscribe_to: Vec<String>,

    /// Base URL of the server the writer writes through.
    #[arg(long = "write-to")]
    pub write_to: String,

    /// The `Authorization` header of every connection and write.
    #[arg(long)]
    pub authorization: String,

    /// Subscribers (one connection each).
    #[arg(long, default_value_t = 2_000)]
    pub subscribers: usize,

    /// Writes per second.
    #[arg(long, default_value_t = 50)]
    pub writes_per_sec: u32,

    /// Seconds of writing.
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
}

const SUBSCRIPTION: &str = r#"subscription($after: String) {
  mapChanged(after: $after, filter: { recordTypes: ["Organization"] }) { cursor occurredAt fields { field after } }
}"#;

/// A message of the server, read no further than the figures need.
#[derive(serde::Deserialize)]
struct Incoming<'a> {
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
    #[serde(default, borrow)]
    payload: Option<Payload<'a>>,
}

#[derive(serde::Deserialize)]
struct Payload<'a> {
    #[serde(borrow)]
    data: Data<'a>,
}

#[derive(serde::Deserialize)]
struct Data<'a> {
    #[serde(rename = "mapChanged", borrow)]
    map_changed: Change<'a>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Change<'a> {
    #[serde(borrow)]
    occurred_at: std::borrow::Cow<'a, str>,
    fields: Vec<Field<'a>>,
}

#[derive(serde::Deserialize)]
struct Field<'a> {
    #[serde(borrow)]
    field: std::borrow::Cow<'a, str>,
    after: Value,
}

/// The delays of one delivery: from the write's request, and from the change's commit (its
/// `occurredAt`, stamped by the server in the write's transaction, on the same clock).
type Delays = (Duration, Duration);

/// When each write was asked for, by the code of the organisation it creates.
type Sent = Arc<Mutex<std::collections::HashMap<String, Instant>>>;

/// Runs the benchmark and prints its figures.
pub async fn run(args: SubscribersArgs) -> Result<(), Box<dyn std::error::Error>> {
    let http = reqwest::Client::new();
    let start = last_cursor(&http, &args).await?;
    let sent: Sent = Arc::default();
    let done = Arc::new(AtomicBool::new(false));
    let connected = Arc::new(tokio::sync::Semaphore::new(0));
    let mut subscribers = Vec::with_capacity(args.subscribers);
    let opened = Instant::now();
    for n in 0..args.subscribers {
        let base = args.subscribe_to[n % args.subscribe_to.len()].clone();
        let auth = args.authorization.clone();
        let start = start.clone();
        let sent = sent.clone();
        let done = done.clone();
        let connected = connected.clone();
        subscribers.push(tokio::spawn(async move {
            subscriber(&base, &auth, &start, sent, done, connected).await
        }));
    }
    // Every subscriber connected and subscribed before the first write.
    let ready = connected.acquire_many(args.subscribers as u32).await?;
    ready.forget();
    eprintln!(
        "{} subscribers connected in {:.1} s",
        args.subscribers,
        opened.elapsed().as_secs_f64()
    );
    let writes = write(&http, &args, &sent).await?;
    // Deliveries of the last writes.
    tokio::time::sleep(Duration::from_secs(5)).await;
    done.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut complete = 0;
    for subscriber in subscribers {
        let received = subscriber.await?.map_err(|err| err.to_string())?;
        if received.len() == writes {
            complete += 1;
        }
        latencies.extend(received);
    }
    let mut from_request: Vec<Duration> = latencies.iter().map(|d| d.0).collect();
    let mut from_commit: Vec<Duration> = latencies.iter().map(|d| d.1).collect();
    from_request.sort_unstable();
    from_commit.sort_unstable();
    let at = |sorted: &[Duration], q: f64| {
        sorted
            .get(((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1)))
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    let max = |sorted: &[Duration]| sorted.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
    println!(
        "subscribers={} writes={} per_sec={} deliveries={} expected={} complete_subscribers={} \
         from_request_p50_ms={:.1} p99_ms={:.1} max_ms={:.1} \
         from_commit_p50_ms={:.1} p99_ms={:.1} max_ms={:.1}",
        args.subscribers,
        writes,
        args.writes_per_sec,
        from_request.len(),
        writes * args.subscribers,
        complete,
        at(&from_request, 0.50),
        at(&from_request, 0.99),
        max(&from_request),
        at(&from_commit, 0.50),
        at(&from_commit, 0.99),
        max(&from_commit),
    );
    Ok(())
}

/// The cursor of the last change so far (`change:0` when none).
async fn last_cursor(
    http: &reqwest::Client,
    args: &SubscribersArgs,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut after: Option<String> = None;
    loop {
        let body: Value = http
            .post(format!("{}/graphql", args.write_to))
            .header("Authorization", &args.authorization)
            .json(&json!({
                "query": "query($a: String) { changes(first: 100, after: $a) { pageInfo { hasNextPage endCursor } } }",
                "variables": { "a": after },
            }))
            .send()
            .await?
            .json()
            .await?;
        let info = &body["data"]["changes"]["pageInfo"];
        let end = info["endCursor"].as_str().map(str::to_owned);
        if end.is_some() {
            after = end;
        }
        if info["hasNextPage"] != true {
            return Ok(after.unwrap_or_else(|| "Y2hhbmdlOjA".to_owned()));
        }
    }
}

/// Creates organisations at the rate asked for; answers how many.
async fn write(
    http: &reqwest::Client,
    args: &SubscribersArgs,
    sent: &Sent,
) -> Result<usize, Box<dyn std::error::Error>> {
    let count = args.seconds as usize * args.writes_per_sec as usize;
    let mut tick = tokio::time::interval(Duration::from_secs(1) / args.writes_per_sec.max(1));
    let mut writes = Vec::with_capacity(count);
    let run = uuid::Uuid::now_v7().simple().to_string();
    for n in 0..count {
        tick.tick().await;
        // Upper case, as the server stores codes.
        let code = format!("B{}-{n}", &run[20..]).to_uppercase();
        sent.lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(code.clone(), Instant::now());
        let request = http
            .post(format!("{}/graphql", args.write_to))
            .header("Authorization", &args.authorization)
            .json(&json!({
                "query": "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }",
                "variables": { "i": { "code": code, "name": code, "kind": "INTERNATIONAL_NGO" } },
            }));
        writes.push(tokio::spawn(async move {
            let body: Value = request.send().await?.json().await?;
            if body.get("errors").is_some() {
                return Err(format!("a write failed: {body}").into());
            }
            Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
        }));
    }
    for write in writes {
        write.await?.map_err(|err| err.to_string())?;
    }
    Ok(count)
}

/// One subscriber: the latency of each change it received, from its write's request.
async fn subscriber(
    base: &str,
    authorization: &str,
    after: &str,
    sent: Sent,
    done: Arc<AtomicBool>,
    connected: Arc<tokio::sync::Semaphore>,
) -> Result<Vec<Delays>, Box<dyn std::error::Error + Send + Sync>> {
    let url = format!("{}/graphql", base.replacen("http://", "ws://", 1));
    let mut request = url.into_client_request()?;
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse()?);
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await?;
    let send = |message: Value| Message::text(message.to_string());
    ws.send(send(
        json!({ "type": "connection_init", "payload": { "Authorization": authorization } }),
    ))
    .await?;
    ws.send(send(json!({ "id": "1", "type": "subscribe", "payload": { "query": SUBSCRIPTION, "variables": { "after": after } } })))
        .await?;
    connected.add_permits(1);
    let mut latencies = Vec::new();
    loop {
        let frame = match tokio::time::timeout(Duration::from_millis(500), ws.next()).await {
            Ok(Some(frame)) => frame?,
            Ok(None) => return Err("the server closed a subscriber".into()),
            Err(_) if done.load(Ordering::Relaxed) => return Ok(latencies),
            Err(_) => continue,
        };
        let received = Instant::now();
        let Message::Text(text) = frame else {
            if let Message::Close(close) = frame {
                return Err(format!("closed: {close:?}").into());
            }
            continue;
        };
        let message: Incoming = serde_json::from_str(&text)?;
        match message.kind.as_ref() {
            "ping" => ws.send(send(json!({ "type": "pong" }))).await?,
            "next" => {
                let Some(change) = message.payload.map(|p| p.data.map_changed) else {
                    return Err(format!("a next message without a change: {text}").into());
                };
                let code = change
                    .fields
                    .iter()
                    .find(|f| f.field == "code")
                    .and_then(|f| f.after.as_str())
                    .unwrap_or_default();
                let at = sent
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(code)
                    .copied();
                let committed = chrono::DateTime::parse_from_rfc3339(&change.occurred_at)?;
                let since_commit = (chrono::Utc::now() - committed.with_timezone(&chrono::Utc))
                    .to_std()
                    .unwrap_or_default();
                if let Some(at) = at {
                    latencies.push((received.duration_since(at), since_commit));
                }
            }
            "connection_ack" => {}
            _ => return Err(format!("unexpected: {text}").into()),
        }
    }
}
