//! The response cache: answers to read-only queries, kept in memory and served again while the
//! map has not changed.
//!
//! Dashboards poll the same queries, and partners fetch the same maps; rebuilding an answer of
//! a thousand objects for each of them costs far more than checking that nothing changed. An
//! answer is stored under everything that can change it:
//!
//! - the caller's [`Viewer::identity`] (who, role, clearance, partner and edit scopes: what
//!   visibility filters by), after authentication, which runs on every request;
//! - the date "today" means for the request (the default of every `asOf`);
//! - the query text, the operation name and the variables;
//!
//! and it carries the version of the map it was built on (`data_version`, moved forward by
//! triggers in the same transaction as every write to a tracked table). Each request reads the
//! current version, one indexed single-row statement; an entry built on another version is not
//! served. Writes made through any replica, an import or plain SQL are therefore seen at once by
//! every replica: the cache is a copy, never the source of truth, and a replica that restarts
//! empty only answers more slowly.
//!
//! Only single queries whose root fields are all in [`CACHEABLE_ROOT_FIELDS`] are cached, and
//! only clean answers (no error). Fields whose answers change on reads (the audit log, tokens)
//! or that are large one-off downloads (`exportData`) are left out. An answer that held
//! confidential records keeps the list of them, so a cached answer is logged in the audit log
//! exactly as a fresh one.

use std::sync::Arc;

use actix_web::web::Bytes;
use async_graphql::parser::types::{DocumentOperations, OperationType, Selection};
use chrono::NaiveDate;

use crate::services::access::Viewer;
use crate::services::read_log::Read;

/// The root fields of `Query` whose answers may be cached: reads of the map and analyses of it,
/// which depend only on the caller's identity, the date, the arguments and the map itself.
pub const CACHEABLE_ROOT_FIELDS: &[&str] = &[
    "__typename",
    "__schema",
    "__type",
    "areasOfResponsibility",
    "bridges",
    "changes",
    "changesBetween",
    "cluster",
    "clusters",
    "commonForums",
    "components",
    "decisionArea",
    "decisionAreas",
    "documents",
    "forumMembershipHistory",
    "forums",
    "geographicAreas",
    "governanceGaps",
    "integrationProfile",
    "mission",
    "missions",
    "node",
    "nodes",
    "organization",
    "organizations",
    "persons",
    "posts",
    "reportingChain",
    "stakeholderGraph",
    "whoDecides",
];

/// The root fields never cached: their answers change when the map is read (`auditLog`,
/// `apiTokens` with their last use) or are one-off downloads (`exportData`).
pub const UNCACHED_ROOT_FIELDS: &[&str] = &["apiTokens", "auditLog", "exportData"];

/// One cached answer.
#[derive(Debug)]
pub struct Entry {
    /// The version of the map the answer was built on.
    pub version: i64,
    /// The serialized GraphQL response.
    pub body: Bytes,
    /// The confidential records the answer holds, logged again each time it is served.
    pub reads: Vec<Read>,
    /// The name of the operation it answers, counted again each time it is served.
    pub operation: Option<String>,
}

#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Arc<Entry>> for Weight {
    fn weight(&self, key: &String, entry: &Arc<Entry>) -> u64 {
        weight(key, entry)
    }
}

/// The bytes an entry holds.
fn weight(key: &str, entry: &Entry) -> u64 {
    let reads = entry.reads.len() * std::mem::size_of::<Read>();
    let operation = entry.operation.as_ref().map_or(0, String::len);
    (key.len() + entry.body.len() + reads + operation) as u64
}

/// Counts the entries evicted to make room (`coordmap_response_cache_evictions_total`).
#[derive(Clone, Default)]
struct Evictions;

impl quick_cache::Lifecycle<String, Arc<Entry>> for Evictions {
    type RequestState = ();

    fn begin_request(&self) -> Self::RequestState {}

    fn on_evict(&self, _: &mut Self::RequestState, _: String, _: Arc<Entry>) {
        crate::metrics::cache_evicted();
    }
}

type Entries = quick_cache::sync::Cache<
    String,
    Arc<Entry>,
    Weight,
    quick_cache::DefaultHashBuilder,
    Evictions,
>;

/// Answers by key, bounded in bytes; the least recently useful are evicted first.
pub struct ResponseCache {
    entries: Entries,
    /// Whether each query text seen (with its operation name) may be cached: parsing a large
    /// query costs more than serving its cached answer, and clients send the same few texts.
    shapes: quick_cache::sync::Cache<(String, Option<String>), bool>,
    /// Larger answers are not kept: one of them would push out many smaller ones.
    max_entry_bytes: u64,
}

impl std::fmt::Debug for ResponseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseCache")
            .field("entries", &self.entries.len())
            .field("bytes", &self.entries.weight())
            .field("capacity", &self.entries.capacity())
            .finish()
    }
}

impl ResponseCache {
    /// A cache of at most `capacity_bytes` (answers, keys and their lists of reads).
    pub fn new(capacity_bytes: u64) -> Self {
        // A typical answer is tens of kilobytes; the estimate only sizes the initial tables.
        let estimated_items = usize::try_from(capacity_bytes / 16_384)
            .unwrap_or(usize::MAX)
            .max(16);
        Self {
            entries: Entries::with(
                estimated_items,
                capacity_bytes,
                Weight,
                quick_cache::DefaultHashBuilder::default(),
                Evictions,
            ),
            max_entry_bytes: capacity_bytes / 8,
            shapes: quick_cache::sync::Cache::new(1_024),
        }
    }

    /// The cache key of `request` for `viewer` on `today` (see `key_with`), remembering which
    /// query texts may be cached.
    pub fn key(
        &self,
        viewer: &Viewer,
        today: NaiveDate,
        request: &async_graphql::Request,
    ) -> Option<String> {
        key_with(viewer, today, request, |query, operation_name| {
            let shape = (query.to_owned(), operation_name.map(str::to_owned));
            if let Some(cacheable) = self.shapes.get(&shape) {
                return cacheable;
            }
            let cacheable = cacheable_operation(query, operation_name);
            self.shapes.insert(shape, cacheable);
            cacheable
        })
    }

    /// Bytes the cache holds.
    pub fn weight(&self) -> u64 {
        self.entries.weight()
    }

    /// The answer stored under `key`, if it was built on `version`.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<Entry>> {
        self.entries
            .get(key)
            .filter(|entry| entry.version == version)
    }

    /// Stores an answer, replacing any older one under the same key.
    pub fn put(&self, key: String, entry: Entry) {
        if weight(&key, &entry) > self.max_entry_bytes {
            self.entries.remove(&key);
            return;
        }
        self.entries.insert(key, Arc::new(entry));
    }
}

/// The cache key of `request` for `viewer` on `today`, or `None` when its answer must not be
/// cached (a mutation or subscription, a root field outside [`CACHEABLE_ROOT_FIELDS`], a
/// fragment at the root, request extensions, or a document the executor will refuse anyway).
/// `cacheable` says whether a query text and operation name may be cached.
fn key_with(
    viewer: &Viewer,
    today: NaiveDate,
    request: &async_graphql::Request,
    cacheable: impl FnOnce(&str, Option<&str>) -> bool,
) -> Option<String> {
    if !request.extensions.is_empty() || !request.uploads.is_empty() {
        return None;
    }
    if !cacheable(&request.query, request.operation_name.as_deref()) {
        return None;
    }
    let variables = serde_json::to_string(&request.variables).ok()?;
    Some(format!(
        "{}\n{today}\n{}\n{variables}\n{}",
        viewer.identity(),
        request.operation_name.as_deref().unwrap_or(""),
        request.query
    ))
}

/// Whether the operation `operation_name` of `query` is a query of cacheable root fields only.
fn cacheable_operation(query: &str, operation_name: Option<&str>) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), None) => operation,
        (DocumentOperations::Single(_), Some(_)) => return false,
        (DocumentOperations::Multiple(operations), Some(name)) => match operations.get(name) {
            Some(operation) => operation,
            None => return false,
        },
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            match operations.values().next() {
                Some(operation) => operation,
                None => return false,
            }
        }
        (DocumentOperations::Multiple(_), None) => return false,
    };
    operation.node.ty == OperationType::Query
        && operation
            .node
            .selection_set
            .node
            .items
            .iter()
            .all(|item| match &item.node {
                Selection::Field(field) => {
                    CACHEABLE_ROOT_FIELDS.contains(&field.node.name.node.as_str())
                }
                Selection::FragmentSpread(_) | Selection::InlineFragment(_) => false,
            })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::access::Role;

    /// The key, parsing the query every time.
    fn key(viewer: &Viewer, today: NaiveDate, request: &async_graphql::Request) -> Option<String> {
        key_with(viewer, today, request, cacheable_operation)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date")
    }

    fn request(query: &str) -> async_graphql::Request {
        async_graphql::Request::new(query)
    }

    #[test]
    fn every_root_field_of_the_schema_is_classified() {
        let sdl = crate::graphql::sdl();
        let schema = async_graphql::parser::parse_schema(&sdl).expect("the schema parses");
        let mut fields = Vec::new();
        for definition in &schema.definitions {
            if let async_graphql::parser::types::TypeSystemDefinition::Type(ty) = definition {
                if ty.node.name.node == "QueryRoot" {
                    if let async_graphql::parser::types::TypeKind::Object(object) = &ty.node.kind {
                        fields.extend(object.fields.iter().map(|f| f.node.name.node.to_string()));
                    }
                }
            }
        }
        assert!(fields.len() > 20, "the Query fields were found: {fields:?}");
        for field in &fields {
            let cached = CACHEABLE_ROOT_FIELDS.contains(&field.as_str());
            let uncached = UNCACHED_ROOT_FIELDS.contains(&field.as_str());
            assert!(
                cached != uncached,
                "Query.{field} must be listed in exactly one of CACHEABLE_ROOT_FIELDS and \
                 UNCACHED_ROOT_FIELDS"
            );
        }
    }

    #[test]
    fn reads_of_the_map_have_a_key_and_other_requests_none() {
        let viewer = Viewer::anonymous();
        let cases = [
            ("{ missions(first: 5) { totalCount } }", true),
            ("query M { mission(acronym: \"X\") { name } whoDecides(mission: \"1\", area: \"A\") { __typename } }", true),
            ("{ __typename }", true),
            ("{ auditLog { occurredAt } }", false),
            ("{ missions { totalCount } apiTokens { id } }", false),
            ("{ exportData(format: JSON) }", false),
            ("mutation { archiveMission(input: {}) { id } }", false),
            ("{ ...F } fragment F on Query { missions { totalCount } }", false),
            ("{ ... on Query { missions { totalCount } } }", false),
            ("{ missions { ", false),
            ("query A { missions { totalCount } } query B { auditLog { id } }", false),
        ];
        for (query, cacheable) in cases {
            assert_eq!(
                key(&viewer, today(), &request(query)).is_some(),
                cacheable,
                "{query}"
            );
        }
    }

    #[test]
    fn the_operation_named_decides() {
        let viewer = Viewer::anonymous();
        let query = "query A { missions { totalCount } } query B { auditLog { id } }";
        let a = request(query).operation_name("A");
        let b = request(query).operation_name("B");
        let c = request(query).operation_name("C");
        assert!(key(&viewer, today(), &a).is_some());
        assert!(key(&viewer, today(), &b).is_none());
        assert!(key(&viewer, today(), &c).is_none());
    }

    #[test]
    fn the_key_changes_with_the_caller_the_date_and_the_variables() {
        let query = "query M($a: String!) { mission(acronym: $a) { name } }";
        let vars = |a: &str| async_graphql::Variables::from_json(serde_json::json!({ "a": a }));
        let anonymous = Viewer::anonymous();
        let admin = Viewer::system();
        let mut analyst = Viewer::system();
        analyst.role = Role::Analyst;
        let base = key(&anonymous, today(), &request(query).variables(vars("X")));
        assert!(base.is_some());
        let others = [
            key(&admin, today(), &request(query).variables(vars("X"))),
            key(&analyst, today(), &request(query).variables(vars("X"))),
            key(
                &anonymous,
                today().succ_opt().expect("a date"),
                &request(query).variables(vars("X")),
            ),
            key(&anonymous, today(), &request(query).variables(vars("Y"))),
        ];
        for other in others {
            assert!(other.is_some());
            assert_ne!(base, other);
        }
        assert_eq!(
            base,
            key(&anonymous, today(), &request(query).variables(vars("X")))
        );
    }

    fn entry(version: i64, bytes: usize) -> Entry {
        Entry {
            version,
            body: Bytes::from(vec![b'x'; bytes]),
            reads: Vec::new(),
            operation: None,
        }
    }

    #[test]
    fn the_cache_remembers_which_queries_may_be_cached() {
        let cache = ResponseCache::new(1 << 20);
        let viewer = Viewer::anonymous();
        for _ in 0..2 {
            for (query, cacheable) in [
                ("{ missions { totalCount } }", true),
                ("{ auditLog { id } }", false),
            ] {
                assert_eq!(
                    cache.key(&viewer, today(), &request(query)),
                    key(&viewer, today(), &request(query))
                );
                assert_eq!(
                    cache.key(&viewer, today(), &request(query)).is_some(),
                    cacheable
                );
            }
        }
        assert_eq!(cache.shapes.len(), 2);
        // The operation name is part of the shape.
        let two = "query A { missions { totalCount } } query B { auditLog { id } }";
        assert!(cache
            .key(&viewer, today(), &request(two).operation_name("A"))
            .is_some());
        assert!(cache
            .key(&viewer, today(), &request(two).operation_name("B"))
            .is_none());
    }

    #[test]
    fn an_entry_is_served_only_on_its_version() {
        let cache = ResponseCache::new(1 << 20);
        cache.put("k".into(), entry(3, 10));
        assert!(cache.get("k", 3).is_some());
        assert!(cache.get("k", 4).is_none());
        assert!(cache.get("other", 3).is_none());
        cache.put("k".into(), entry(4, 10));
        assert!(cache.get("k", 3).is_none());
        assert!(cache.get("k", 4).is_some());
    }

    #[test]
    fn the_cache_stays_within_its_capacity() {
        let cache = ResponseCache::new(100_000);
        for i in 0..100 {
            cache.put(format!("k{i}"), entry(1, 5_000));
        }
        assert!(cache.entries.weight() <= 100_000);
        assert!(cache.entries.len() < 100);
        // An answer larger than an eighth of the capacity is not kept, and drops an older one.
        cache.put("k99".into(), entry(2, 20_000));
        assert!(cache.get("k99", 1).is_none());
        assert!(cache.get("k99", 2).is_none());
    }
}
