//! The `coordmap` binary: everything lives in the `coordmap-api` crate.

use std::process::ExitCode;

// The server allocates and frees many small objects per request (a value per GraphQL field);
// under load glibc's allocator spent a third of the CPU in malloc/free and kept freed arenas
// resident. See docs/BENCHMARKS.md.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    coordmap_api::cli::run().await
}
