//! Logs and traces, both through `tracing`.
//!
//! Logs go to standard error, filtered by `RUST_LOG` (default `info`). Traces: when a collector
//! is configured (`COORDMAP_OTLP_ENDPOINT`, or the standard `OTEL_EXPORTER_OTLP_ENDPOINT`), the
//! spans of the server, the schema and the database driver also become OpenTelemetry spans
//! (`tracing-opentelemetry`), sampled by `COORDMAP_TRACE_SAMPLE_RATIO` (parent-based: a client's
//! `traceparent` decides for the trace it continues) and posted in batches, in protobuf, to
//! `<endpoint>/v1/traces` from a thread of their own. Without a collector no span is recorded
//! and nothing is exported; requests still get a trace id (`crate::observe`).
//!
//! What goes to the collector is chosen apart from what is logged: `RUST_LOG=warn` keeps the
//! log short without cutting the traces.

use std::io::IsTerminal;

use opentelemetry::trace::TracerProvider as _;
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

/// Whether a span or event goes to the collector: those of [`TRACED_CRATES`] at `info` and
/// above, and SeaORM's statements when they run for a request (inside one of its spans). The
/// statements of the shared workers (the read log's writer, the version reader), which serve
/// many requests at once, would each start a trace of one span.
fn traced<S>() -> impl tracing_subscriber::layer::Filter<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    let ours = TRACED_CRATES
        .iter()
        .fold(Targets::new(), |t, name| t.with_target(*name, Level::INFO));
    let statement = |meta: &tracing::Metadata<'_>| {
        meta.target().starts_with(STATEMENTS) && meta.is_span() && *meta.level() <= Level::INFO
    };
    let callsites = ours.clone();
    DynFilterFn::new(move |meta, cx| {
        if meta.target().starts_with(STATEMENTS) {
            statement(meta) && cx.lookup_current().is_some()
        } else {
            ours.would_enable(meta.target(), meta.level())
        }
    })
    // Decided once per callsite where the context plays no part, so the spans and events of
    // every other crate (and every `debug!` and `trace!`) cost nothing on the hot path: a
    // filter that decides each call anew would make every callsite of the process ask it.
    .with_callsite_filter(move |meta| {
        if statement(meta) {
            Interest::sometimes()
        } else if callsites.would_enable(meta.target(), meta.level()) {
            Interest::always()
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

/// The tracer provider exporting to `endpoint`, sampling `ratio` of new traces.
fn provider(endpoint: Endpoint, ratio: f64) -> Result<SdkTracerProvider, StartupError> {
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
        .with_sampler(Sampler::ParentBased(Box::new(Sampler::TraceIdRatioBased(
            ratio,
        ))))
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
        .map(|(endpoint, ratio)| provider(endpoint, ratio))
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
    match provider {
        Some(provider) if installed => Ok(Telemetry {
            provider: Some(provider),
        }),
        Some(provider) => {
            let _ = provider.shutdown();
            Ok(Telemetry::default())
        }
        None => Ok(Telemetry::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
