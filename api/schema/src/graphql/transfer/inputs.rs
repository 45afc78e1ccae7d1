//! Inputs of the import and export.

use async_graphql::{Enum, InputObject};

/// A bulk format.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferFormat {
    /// The lossless JSON document of every table (`format_version` 1): ids, validity,
    /// sensitivity, sources, versions and timestamps.
    Json,
    /// CSV sheets with an HXL hashtag row, one per table people keep in spreadsheets
    /// (organisations, posts, reporting lines, forums, forum links, memberships, cluster and AoR
    /// leads); see docs/HXL.md.
    Hxl,
}

/// What to import.
#[derive(InputObject)]
pub struct ImportDataInput {
    /// The format of `content`.
    pub format: TransferFormat,
    /// The document (JSON) or one sheet (HXL CSV), as text.
    pub content: String,
    /// The file name messages use. For a sheet, a name such as `forum_memberships.csv` says
    /// which sheet it is; otherwise the sheet is recognised by its hashtags.
    pub file_name: Option<String>,
    /// Count what the import would do without writing anything.
    #[graphql(default)]
    pub dry_run: bool,
}
