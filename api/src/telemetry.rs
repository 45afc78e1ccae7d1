//! Logs and traces, both through `tracing`.
//!
//! Logs go to standard error, filtered by `RUST_LOG` (default `info`). Traces: when a collector
//! is configured (`COORDMAP_OTLP_ENDPOINT`, or the standard `OTEL_EXPORTER_OTLP_ENDPOINT`), the
//! spans of the server, the schema and the database driver also become OpenTelemetry spans
//! (`tracing-opentelemetry`) and are posted in batches, in protobuf, to `<endpoint>/v1/traces`
//! from a thread of their own. Without a collector no span is recorded and nothing is exported;
//! requests still get a trace id (`crate::observe`).
//!
//! Sampling is decided once per request, when its server span opens ([`samples`]: a client's
//! `traceparent` decides for the trace it continues, any other request is recorded with the
//! probability `COORDMAP_TRACE_SAMPLE_RATIO`). A recorded request's server span has the target
//! [`TRACED_REQUEST`]; the spans and events below it become OpenTelemetry spans, those of any
//! other request never reach the exporter's layer at all, so a request that is not recorded
//! costs what it costs without a collector.
//!
//! What goes to the collector is chosen apart from what is logged: `RUST_LOG=warn` keeps the
//! log short without cutting the traces.

use std::io::IsTerminal;
use std::sync::OnceLock;

use opentelemetry::trace::{SpanContext, TraceId, TracerProvider as _};
use opentelemetry::KeyValue;
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::{Sampler, SdkTracerProvider};
use opentelemetry_sdk::Resource;
use tracing::subscriber::Interest;
use tracing::Level;
use tracing_subscriber::filter::{DynFilterFn, LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

use crate::config::{LogFormat, TraceSettings};
use crate::startup_error::StartupError;

/// The standard variables that name a collector when `COORDMAP_OTLP_ENDPOINT` does not.
const STANDARD_ENDPOINTS: [&str; 2] = [
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
];

/// The setting named in errors.
const ENDPOINT_SETTING: &str = "OTLP endpoint (--otlp-endpoint / COORDMAP_OTLP_ENDPOINT)";

/// The crates whose spans (and the events inside them) become OpenTelemetry spans: the server and
/// the schema. Nothing else (the HTTP client exporting the spans least of all) is traced, but
/// the statements: see [`traced`].
const TRACED_CRATES: [&str; 2] = ["coordmap_api", "coordmap_schema"];

/// SeaORM's span per SQL statement.
const STATEMENTS: &str = "sea_orm";

/// The target of the server span of a request whose trace is recorded (`crate::observe`); the
/// span of any other request has its module's target. Below the module's target, so a log
/// filter naming `coordmap_api::observe` applies to both.
pub const TRACED_REQUEST: &str = "coordmap_api::observe::traced";

/// The share of new traces recorded, once a collector is configured (unset: none recorded).
static SAMPLE_RATIO: OnceLock<f64> = OnceLock::new();

/// Whether a request is recorded: the client's decision when it continues a valid `remote`
/// trace context, otherwise `fresh` (a new random trace id) falls under the configured ratio.
/// Never without a collector.
pub fn samples(remote: &SpanContext, fresh: TraceId) -> bool {
    SAMPLE_RATIO
        .get()
        .is_some_and(|ratio| decide(*ratio, remote, fresh))
}

/// The sampling rule: parent-based, then the ratio applied to the low 64 bits of the trace id
/// (random in a new id), as OpenTelemetry's `TraceIdRatioBased` does.
fn decide(ratio: f64, remote: &SpanContext, fresh: TraceId) -> bool {
    if remote.is_valid() {
        return remote.is_sampled();
    }
    if ratio >= 1.0 {
        return true;
    }
    let bytes = fresh.to_bytes();
    let low = u64::from_be_bytes(bytes[8..].try_into().expect("8 bytes"));
    // Compared in 63 bits, as `TraceIdRatioBased` does.
    (low >> 1) < (ratio.max(0.0) * (1u64 << 63) as f64) as u64
}

/// Whether a span or event goes to the collector: the server span of a recorded request
/// ([`TRACED_REQUEST`]), and below it the spans and events of [`TRACED_CRATES`] at `info` and
/// above and SeaORM's statements. Below means inside a span this filter let through, so the
/// spans of a request that is not recorded, and the statements of the shared workers (the read
/// log's writer, the version reader, which serve many requests at once), are never seen by the
/// exporter's layer.
fn traced<S>() -> impl tracing_subscriber::layer::Filter<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    let ours = TRACED_CRATES
        .iter()
        .fold(Targets::new(), |t, name| t.with_target(*name, Level::INFO));
    let below = move |meta: &tracing::Metadata<'_>| {
        if meta.target().starts_with(STATEMENTS) {
            meta.is_span() && *meta.level() <= Level::INFO
        } else {
            ours.would_enable(meta.target(), meta.level())
        }
    };
    let callsites = below.clone();
    DynFilterFn::new(move |meta, cx| {
        // The context looks up the innermost span this filter enabled.
        meta.target() == TRACED_REQUEST || (below(meta) && cx.lookup_current().is_some())
    })
    // Decided once per callsite where the context plays no part, so the spans and events of
    // every other crate (and every `debug!` and `trace!`) cost nothing on the hot path: a
    // filter that decides each call anew would make every callsite of the process ask it.
    .with_callsite_filter(move |meta| {
        if meta.target() == TRACED_REQUEST {
            Interest::always()
        } else if callsites(meta) {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    })
    .with_max_level_hint(LevelFilter::INFO)
}

/// What the process exports to; [`Telemetry::shutdown`] sends what is still buffered.
#[derive(Debug, Default)]
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Whether spans are exported.
    pub fn exports(&self) -> bool {
        self.provider.is_some()
    }

    /// Sends the spans still buffered and stops the exporter (blocks until the collector
    /// answers or the export times out).
    pub fn shutdown(self) {
        if let Some(provider) = self.provider {
            if let Err(err) = provider.shutdown() {
                tracing::warn!(error = %err, "the last spans could not be exported");
            }
        }
    }
}

/// Where spans are posted: the URL given, or the one the standard variables give (the
/// exporter reads them itself, with `OTEL_EXPORTER_OTLP_HEADERS` and the others).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Endpoint {
    Given(String),
    Standard,
}

/// The endpoint `settings` and the environment configure, if any.
fn endpoint(
    settings: &TraceSettings,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Endpoint>, StartupError> {
    if let Some(url) = settings
        .otlp_endpoint
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        if !url.starts_with("http://") {
            return Err(StartupError::setting(
                ENDPOINT_SETTING,
                format!(
                    "`{url}` is not an http:// URL; spans are sent over plain HTTP, to a \
                     collector on the same host or network (which may forward them over TLS)"
                ),
            ));
        }
        return Ok(Some(Endpoint::Given(format!(
            "{}/v1/traces",
            url.trim_end_matches('/')
        ))));
    }
    let standard = STANDARD_ENDPOINTS
        .iter()
        .any(|name| env(name).is_some_and(|v| !v.trim().is_empty()));
    Ok(standard.then_some(Endpoint::Standard))
}

/// The tracer provider exporting to `endpoint`.
fn provider(endpoint: Endpoint) -> Result<SdkTracerProvider, StartupError> {
    let builder = opentelemetry_otlp::SpanExporter::builder().with_http();
    let builder = match endpoint {
        Endpoint::Given(url) => builder.with_endpoint(url),
        Endpoint::Standard => builder,
    };
    let exporter = builder.build().map_err(|err| {
        StartupError::setting(
            ENDPOINT_SETTING,
            format!("cannot export spans there: {err}"),
        )
    })?;
    let mut resource = Resource::builder()
        .with_attribute(KeyValue::new("service.version", env!("CARGO_PKG_VERSION")));
    if std::env::var_os("OTEL_SERVICE_NAME").is_none() {
        resource = resource.with_service_name("coordmap");
    }
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        // Every span the exporter's layer sees belongs to a request already sampled
        // ([`samples`]).
        .with_sampler(Sampler::AlwaysOn)
        .with_resource(resource.build())
        .build())
}

/// Installs the global subscriber: the log, and the exporter of spans when `traces` configure
/// a collector (`None`: a command that serves no request). A second call installs nothing
/// (tests spawn many servers) and exports nothing.
///
/// Logs go to standard error, coloured only when standard error is a terminal: a log written to
/// a file or a pipe carries no escape codes. A line that can no longer be written (the pipe's
/// reader is gone) is dropped: reporting the failure would write to the same closed stream,
/// which ends the process.
pub fn init(format: LogFormat, traces: Option<&TraceSettings>) -> Result<Telemetry, StartupError> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let log = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .log_internal_errors(false);
    let log = match format {
        LogFormat::Text => log.with_filter(filter).boxed(),
        LogFormat::Json => log.json().with_filter(filter).boxed(),
    };
    let configured = match traces {
        Some(settings) => endpoint(settings, |name| std::env::var(name).ok())?
            .map(|endpoint| (endpoint, settings.trace_sample_ratio)),
        None => None,
    };
    let provider = configured
        .as_ref()
        .map(|(endpoint, _)| provider(endpoint.clone()))
        .transpose()?;
    let spans = provider.as_ref().map(|provider| {
        // A span starts when its context is first needed (the request's, at once, for its trace
        // id; the others when a child is created, or when they close), so a name recorded after
        // the span was created (the operation's, once its document is parsed) is its name.
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer("coordmap"))
            .with_context_activation(false)
            .with_filter(traced())
    });
    let installed = tracing_subscriber::registry()
        .with(log)
        .with(spans)
        .try_init()
        .is_ok();
    match (provider, configured) {
        (Some(provider), Some((_, ratio))) if installed => {
            let _ = SAMPLE_RATIO.set(ratio);
            Ok(Telemetry {
                provider: Some(provider),
            })
        }
        (Some(provider), _) => {
            let _ = provider.shutdown();
            Ok(Telemetry::default())
        }
        (None, _) => Ok(Telemetry::default()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use opentelemetry::trace::{SpanId, TraceFlags, TraceState};
    use opentelemetry_sdk::trace::{IdGenerator, RandomIdGenerator};
    use tracing_subscriber::registry::LookupSpan;

    use super::*;

    fn remote(flags: TraceFlags) -> SpanContext {
        SpanContext::new(
            TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736").unwrap(),
            SpanId::from_hex("00f067aa0ba902b7").unwrap(),
            flags,
            true,
            TraceState::default(),
        )
    }

    #[test]
    fn a_client_decides_for_its_trace_and_the_ratio_for_new_ones() {
        let ids = RandomIdGenerator::default();
        for ratio in [0.0, 0.01, 1.0] {
            assert!(decide(
                ratio,
                &remote(TraceFlags::SAMPLED),
                ids.new_trace_id()
            ));
            assert!(!decide(
                ratio,
                &remote(TraceFlags::default()),
                ids.new_trace_id()
            ));
        }
        let none = SpanContext::empty_context();
        let low = |bits: u64| {
            TraceId::from_bytes([[0xab; 8], bits.to_be_bytes()].concat().try_into().unwrap())
        };
        assert!(!decide(0.0, &none, low(0)));
        assert!(decide(1.0, &none, low(u64::MAX)));
        assert!(decide(0.5, &none, low(0)));
        assert!(decide(0.5, &none, low((1 << 63) - 2)));
        assert!(!decide(0.5, &none, low(1 << 63)));
        assert!(!decide(0.5, &none, low(u64::MAX)));
        // About 1 % of random ids (the expected 100 of 10,000, within five deviations).
        let taken = (0..10_000)
            .filter(|_| decide(0.01, &none, ids.new_trace_id()))
            .count();
        assert!((50..=150).contains(&taken), "{taken}");
    }

    /// The names of the spans and events a layer behind [`traced`] is given.
    #[derive(Clone, Default)]
    struct Seen(Arc<Mutex<Vec<String>>>);

    impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Seen {
        fn on_new_span(
            &self,
            attrs: &tracing::span::Attributes<'_>,
            _: &tracing::span::Id,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            self.0
                .lock()
                .unwrap()
                .push(attrs.metadata().name().to_owned());
        }

        fn on_event(
            &self,
            event: &tracing::Event<'_>,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            self.0
                .lock()
                .unwrap()
                .push(format!("event {}", event.metadata().target()));
        }
    }

    #[test]
    fn only_what_runs_inside_a_recorded_request_reaches_the_exporter() {
        let seen = Seen::default();
        let subscriber = tracing_subscriber::registry().with(seen.clone().with_filter(traced()));
        tracing::subscriber::with_default(subscriber, || {
            // A request not recorded: nothing of it, not even its statements.
            let request = tracing::info_span!(target: "coordmap_api::observe", "unrecorded");
            request.in_scope(|| {
                let _admission =
                    tracing::info_span!(target: "coordmap_api::http", "hidden authenticate")
                        .entered();
                let _statement =
                    tracing::info_span!(target: "sea_orm::driver", "hidden statement").entered();
                tracing::warn!(target: "coordmap_schema::services", "hidden warning");
            });
            // A shared worker's statement, in no request.
            tracing::info_span!(target: "sea_orm::driver", "worker statement").in_scope(|| {});
            // A recorded request: its spans of the server, the schema and SeaORM at `info`.
            let request = tracing::info_span!(target: TRACED_REQUEST, "request");
            request.in_scope(|| {
                let _operation = tracing::info_span!(target: "coordmap_schema::graphql::trace", "graphql.operation").entered();
                tracing::info_span!(target: "sea_orm::driver", "statement").in_scope(|| {});
                tracing::debug_span!(target: "coordmap_api::http", "debug detail").in_scope(|| {});
                tracing::info_span!(target: "hyper::proto", "another crate").in_scope(|| {});
                tracing::warn!(target: "coordmap_schema::services", "a warning");
            });
        });
        assert_eq!(
            *seen.0.lock().unwrap(),
            [
                "request",
                "graphql.operation",
                "statement",
                "event coordmap_schema::services"
            ]
        );
    }

    fn settings(url: Option<&str>) -> TraceSettings {
        TraceSettings {
            otlp_endpoint: url.map(str::to_owned),
            ..TraceSettings::default()
        }
    }

    #[test]
    fn the_endpoint_is_ours_then_the_standard_one_then_none() {
        let none = |_: &str| None;
        assert_eq!(endpoint(&settings(None), none).expect("valid"), None);
        assert_eq!(endpoint(&settings(Some("  ")), none).expect("valid"), None);
        assert_eq!(
            endpoint(&settings(Some("http://collector:4318/")), none).expect("valid"),
            Some(Endpoint::Given("http://collector:4318/v1/traces".into()))
        );
        let standard = |name: &str| {
            (name == "OTEL_EXPORTER_OTLP_ENDPOINT").then(|| "http://otel:4318".to_owned())
        };
        assert_eq!(
            endpoint(&settings(None), standard).expect("valid"),
            Some(Endpoint::Standard)
        );
        assert_eq!(
            endpoint(&settings(Some("http://mine:4318")), standard).expect("valid"),
            Some(Endpoint::Given("http://mine:4318/v1/traces".into()))
        );
    }

    #[test]
    fn an_endpoint_that_is_not_plain_http_is_refused_with_the_setting_named() {
        for url in ["https://collector:4318", "collector:4318", "grpc://c:4317"] {
            let err = endpoint(&settings(Some(url)), |_| None).expect_err(url);
            let message = err.to_string();
            assert!(message.contains("COORDMAP_OTLP_ENDPOINT"), "{message}");
            assert!(message.contains(url), "{message}");
        }
    }
}
