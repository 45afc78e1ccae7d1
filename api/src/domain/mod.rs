//! Pure domain logic: no database, no GraphQL. Services load what these functions need and hand
//! it over; the functions are unit- and property-tested on in-memory data.

pub mod analysis;
pub mod cycles;
pub mod delegation;
pub mod mandates;
pub mod membership_history;
pub mod validity;
