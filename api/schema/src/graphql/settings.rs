//! The settings of the GraphQL layer: limits that keep a single query from overloading the
//! server. Read from the command line and the environment with the server's other settings
//! (`coordmap_api::config`).

use clap::{Args, FromArgMatches, ValueEnum};

/// Settings of the GraphQL layer: limits that keep a single query from overloading the server.
#[derive(Debug, Clone, Args)]
pub struct GraphqlSettings {
    /// Largest page a connection field returns (`first`/`last`).
    #[arg(long, env = "COORDMAP_MAX_PAGE_SIZE", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_page_size: u32,

    /// Maximum nesting depth of a query by a signed-in user.
    #[arg(long, env = "COORDMAP_MAX_DEPTH", default_value_t = 15)]
    pub max_depth: usize,

    /// Maximum complexity (cost) of a query by a signed-in user.
    #[arg(long, env = "COORDMAP_MAX_COMPLEXITY", default_value_t = 250_000)]
    pub max_complexity: usize,

    /// Maximum nesting depth of a query by an anonymous caller or a partner token.
    #[arg(long, env = "COORDMAP_RESTRICTED_MAX_DEPTH", default_value_t = 10)]
    pub restricted_max_depth: usize,

    /// Maximum complexity of a query by an anonymous caller or a partner token.
    #[arg(
        long,
        env = "COORDMAP_RESTRICTED_MAX_COMPLEXITY",
        default_value_t = 5_000
    )]
    pub restricted_max_complexity: usize,

    /// Exports (`exportData` answers and `GET /export` downloads) built at once per process; an
    /// export asked for while they all run is refused with RATE_LIMITED (it never waits holding
    /// a query slot).
    #[arg(long, env = "COORDMAP_MAX_CONCURRENT_EXPORTS", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub max_concurrent_exports: u32,

    /// Who may run introspection queries.
    #[arg(
        long,
        env = "COORDMAP_INTROSPECTION",
        value_enum,
        default_value = "all"
    )]
    pub introspection: Introspection,
}

impl Default for GraphqlSettings {
    fn default() -> Self {
        defaults()
    }
}

/// Who may introspect the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Introspection {
    /// Everyone, anonymous callers included.
    All,
    /// Only callers with a credential.
    Authenticated,
}

/// The settings of `T` as the command line leaves them when given no flag, ignoring the
/// environment: each default is written once, in its `#[arg(default_value..)]`, and the
/// `Default` impls (here and in `coordmap_api::config`) read it from there.
pub fn defaults<T: Args + FromArgMatches>() -> T {
    let command = T::augment_args(clap::Command::new("defaults"))
        .mut_args(|arg| arg.env(None::<&'static str>));
    command
        .try_get_matches_from(["defaults"])
        .and_then(|matches| T::from_arg_matches(&matches))
        .expect("every setting without a flag has a default")
}
