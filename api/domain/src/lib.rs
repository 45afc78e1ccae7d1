//! Pure domain logic of coordmap: no database, no GraphQL, no HTTP. Services load what these
//! functions need and hand it over; the functions are unit- and property-tested on in-memory data.
//!
//! The crate's `Cargo.toml` is the wall: it depends on neither `sea-orm` (except behind the
//! optional `sea-orm` feature, which only derives the storage traits of [`enums`]) nor
//! `async-graphql` nor `actix-web`. `cargo check -p coordmap-domain` builds it without features.

pub mod analysis;
pub mod cycles;
pub mod delegation;
pub mod enums;
pub mod mandates;
pub mod membership_history;
pub mod validity;
