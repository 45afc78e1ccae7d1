//! Bulk import and export: a lossless, versioned JSON document of every table, and CSV sheets
//! with an HXL hashtag row for the tables people keep in spreadsheets.
//!
//! Pure parts (no database): [`tables`] (what the formats know of each table), [`rows`] (checks
//! of one row), [`json`] and [`hxl`] (reading and writing the formats, streaming; [`legacy`] reads documents of format 1), [`checks`]
//! (cycles and overlaps across rows), [`report`], [`snapshot`] (what an export holds, and writing it). Database parts: [`import`] (one transaction,
//! batches, dry run), [`sheets`] (natural keys of sheets), [`verify`] (checks across a loaded
//! table), [`export`] (loading what the caller may read), [`store`] (rows in and out of any table), [`files`] (paths to import from).

pub mod checks;
mod drafts;
pub mod export;
pub mod files;
pub mod hxl;
pub mod import;
pub mod json;
mod keys;
pub mod legacy;
pub mod report;
pub mod rows;
mod run;
mod sheets;
pub mod snapshot;
mod store;
pub mod tables;
mod verify;
