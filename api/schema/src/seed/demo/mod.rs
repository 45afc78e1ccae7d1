//! The demo dataset: what the five seed documents say about missions, their components and
//! DSRSGs, the reporting chains up to UN Headquarters and the Security Council, forums and who
//! sits in them, clusters and AoRs, POC strategies and who decides what.
//! Each record cites its seed paragraphs; structure the seeds do not state is marked
//! illustrative in its citation note.

pub mod clusters;
pub mod decisions;
pub mod documents;
pub mod forums;
pub mod missions;
pub mod organizations;
pub mod places;
pub mod reporting;
pub mod sources;
