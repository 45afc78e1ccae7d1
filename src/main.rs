//! The `coordmap` binary: everything lives in the `coordmap-api` crate.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    coordmap_api::cli::run().await
}
