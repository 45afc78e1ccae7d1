//! Bulk import and export: a lossless, versioned JSON document of every table, and CSV sheets
//! with an HXL hashtag row for the tables people keep in spreadsheets.
//!
//! Pure parts (no database): [`tables`] (what the formats know of each table), [`rows`] (checks
//! of one row), [`json`] and [`hxl`] (reading and writing the formats, streaming; [`legacy`] reads
//! documents of format 1), `drafts` (a sheet row read into a draft with unresolved natural keys),
//! [`checks`] (cycles and overlaps across rows), [`report`], [`snapshot`] (what an export holds,
//! and writing it). Database parts: [`import`] (one transaction, batches, dry run; it drives the
//! others, none calls back into it), [`keys`] (the one resolver of natural keys), `sheets`
//! (matching sheet rows to their records), `verify` (checks across a loaded table, with the
//! services' record rules), [`export`] (loading what the caller may read), `store` (rows in and
//! out of any table), [`files`] (paths to import from); `run` is the state of one table being
//! imported, shared by the engine, the sheets and the checks.

pub mod checks;
mod drafts;
pub mod export;
pub mod files;
pub mod hxl;
pub mod import;
pub mod json;
pub mod keys;
pub mod legacy;
pub mod report;
pub mod rows;
mod run;
mod sheets;
pub mod snapshot;
mod store;
pub mod tables;
mod verify;
