//! Structured logging with `tracing`. The filter comes from `RUST_LOG` (default `info`).

use std::io::IsTerminal;

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

/// Installs the global subscriber; a second call is a no-op (tests spawn many servers).
///
/// Logs go to standard error, coloured only when standard error is a terminal: a log written to
/// a file or a pipe carries no escape codes. A line that can no longer be written (the pipe's
/// reader is gone) is dropped: reporting the failure would write to the same closed stream,
/// which ends the process.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .log_internal_errors(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
