//! Services: the SQL behind the API. Each takes `&impl ConnectionTrait`, so it works on the pool
//! and inside a transaction alike.

pub mod conditions;
pub mod mission;
pub mod organization;
pub mod pagination;
