//! Services: the SQL behind the API. Each takes `&impl ConnectionTrait`, so it works on the pool
//! and inside a transaction alike.

pub mod access;
pub mod analysis;
pub mod audit;
pub mod authorize;
pub mod change_signal;
pub mod changes;
pub mod cluster;
pub mod component;
pub mod conditions;
pub mod crud;
pub mod data_version;
pub mod decision;
pub mod document;
pub mod exists;
pub mod forum;
pub mod geography;
pub mod mandate;
pub mod mission;
pub mod mission_mandate;
pub mod organization;
pub mod pagination;
pub mod person;
pub mod post;
pub mod projection;
pub mod read_log;
pub mod record;
pub mod reference;
pub mod reporting_line;
pub mod scopes;
pub mod tokens;
pub mod tree;
pub mod validate;
pub mod write;
