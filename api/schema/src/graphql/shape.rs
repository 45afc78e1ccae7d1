//! The shape of a GraphQL document as it will execute, measured before anything else looks at it.
//!
//! A document can spread fragments into each other (`fragment F0 on QueryRoot { ...F1 ...F1 }`,
//! `F1` spreading `F2` twice, and so on): a kilobyte of text then expands to millions of fields,
//! and everything that walks the expanded tree (validation, cost, execution) takes exponential
//! time. Here each fragment is measured once and its measure reused at every spread, so the
//! whole document is measured in time linear in its text, and counts saturate instead of
//! overflowing. The budget refuses a document on this measure before validation expands it.
//!
//! Introspection (`__schema`, `__type`) is measured on its own terms: client tools send a
//! standard introspection query about 13 levels deep, deeper than data queries of restricted
//! callers may go, but its lists nest at most three times (types, their fields, their
//! arguments). Data depth leaves introspection subtrees out; introspection is bounded by its own
//! depth and by how many of its list fields nest, which bounds the size of its answer.
//!
//! Pure: no schema, no database. Unit- and property-tested below.

use std::collections::HashMap;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Pos, Positioned};

/// Introspection fields whose value is a list: each one nested in another multiplies the size
/// of the answer by the size of a schema list (types, fields, arguments, ...).
const INTROSPECTION_LISTS: [&str; 8] = [
    "types",
    "directives",
    "fields",
    "interfaces",
    "possibleTypes",
    "enumValues",
    "inputFields",
    "args",
];

/// How deep an introspection subtree may go (type references nest `ofType` about ten times).
pub const INTROSPECTION_MAX_DEPTH: usize = 24;

/// How many introspection list fields may nest on one path (`types { fields { args } }`).
pub const INTROSPECTION_MAX_LISTS: usize = 3;

/// The measure of a document (or of one selection set), fragments expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Deepest path of fields outside introspection subtrees (a field at the root is 1 deep).
    pub depth: usize,
    /// Fields as they will execute, introspection included; saturates at `u64::MAX`.
    pub fields: u64,
    /// Deepest introspection path, counting `__schema`/`__type` as 1.
    pub introspection_depth: usize,
    /// Most introspection list fields nested on one path.
    pub introspection_lists: usize,
}

impl Shape {
    /// Two selections side by side.
    fn beside(self, other: Shape) -> Shape {
        Shape {
            depth: self.depth.max(other.depth),
            fields: self.fields.saturating_add(other.fields),
            introspection_depth: self.introspection_depth.max(other.introspection_depth),
            introspection_lists: self.introspection_lists.max(other.introspection_lists),
        }
    }
}

/// Why a document cannot be measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// A fragment spreads itself, directly or through others: it would never end.
    FragmentCycle { fragment: String, pos: Pos },
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::FragmentCycle { fragment, .. } => {
                write!(f, "fragment \"{fragment}\" spreads itself")
            }
        }
    }
}

/// Measures every operation of a document (validation walks them all, so all are bounded).
/// Fragments no operation spreads are not expanded by anyone and are not measured.
pub fn measure(document: &ExecutableDocument) -> Result<Shape, ShapeError> {
    let mut measurer = Measurer {
        fragments: &document.fragments,
        done: HashMap::new(),
        in_progress: Vec::new(),
    };
    let mut total = Shape::default();
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(op) => vec![op],
        DocumentOperations::Multiple(ops) => ops.values().collect(),
    };
    for operation in operations {
        let shape = measurer.selection_set(&operation.node.selection_set, Mode::Data)?;
        total = total.beside(shape);
    }
    Ok(total)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Mode {
    /// Outside introspection.
    Data,
    /// Inside a `__schema` or `__type` subtree.
    Introspection,
}

struct Measurer<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    /// Fragments already measured, per mode.
    done: HashMap<(&'a str, Mode), Shape>,
    /// The chain of fragments being measured, to find cycles.
    in_progress: Vec<&'a str>,
}

impl<'a> Measurer<'a> {
    fn fragment(&mut self, name: &'a Name, mode: Mode, at: Pos) -> Result<Shape, ShapeError> {
        let key = (name.as_str(), mode);
        if let Some(shape) = self.done.get(&key) {
            return Ok(*shape);
        }
        if self.in_progress.contains(&name.as_str()) {
            return Err(ShapeError::FragmentCycle {
                fragment: name.to_string(),
                pos: at,
            });
        }
        // An unknown fragment measures nothing; validation reports it.
        let Some(definition) = self.fragments.get(name) else {
            return Ok(Shape::default());
        };
        self.in_progress.push(name.as_str());
        let shape = self.selection_set(&definition.node.selection_set, mode);
        self.in_progress.pop();
        let shape = shape?;
        self.done.insert(key, shape);
        Ok(shape)
    }

    fn selection_set(
        &mut self,
        set: &'a Positioned<SelectionSet>,
        mode: Mode,
    ) -> Result<Shape, ShapeError> {
        let mut shape = Shape::default();
        for item in &set.node.items {
            let measured = match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let entering = mode == Mode::Data && (name == "__schema" || name == "__type");
                    let inner_mode = if entering { Mode::Introspection } else { mode };
                    let children = self.selection_set(&field.node.selection_set, inner_mode)?;
                    let fields = children.fields.saturating_add(1);
                    match inner_mode {
                        Mode::Data => Shape {
                            depth: children.depth + 1,
                            fields,
                            ..children
                        },
                        Mode::Introspection => Shape {
                            depth: 0,
                            fields,
                            introspection_depth: children.introspection_depth + 1,
                            introspection_lists: children.introspection_lists
                                + usize::from(INTROSPECTION_LISTS.contains(&name)),
                        },
                    }
                }
                Selection::InlineFragment(fragment) => {
                    self.selection_set(&fragment.node.selection_set, mode)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, mode, spread.pos)?
                }
            };
            shape = shape.beside(measured);
        }
        Ok(shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;
    use proptest::prelude::*;

    fn shape(query: &str) -> Result<Shape, ShapeError> {
        measure(&parse_query(query).expect("parses"))
    }

    /// A document of `n` fragments, each spreading the next twice.
    fn bomb(n: usize) -> String {
        let mut text = String::from("query { ...F0 }\n");
        for i in 0..n {
            text.push_str(&format!(
                "fragment F{i} on QueryRoot {{ ...F{} ...F{} }}\n",
                i + 1,
                i + 1
            ));
        }
        text.push_str(&format!("fragment F{n} on QueryRoot {{ __typename }}\n"));
        text
    }

    #[test]
    fn plain_fields_count_and_nest() {
        let s = shape("{ missions { nodes { acronym name } } __typename }").unwrap();
        assert_eq!(s.depth, 3);
        assert_eq!(s.fields, 5);
        assert_eq!(s.introspection_depth, 0);
    }

    #[test]
    fn fragments_count_where_they_are_spread() {
        let s = shape(
            "{ a: missions { ...M } b: missions { ...M } } fragment M on MissionConnection { nodes { acronym } }",
        )
        .unwrap();
        assert_eq!(s.fields, 2 * 3);
        assert_eq!(s.depth, 3);
    }

    #[test]
    fn inline_fragments_count_too() {
        let s =
            shape("{ node(id: \"x\") { ... on Mission { acronym forums { nodes { name } } } } }")
                .unwrap();
        assert_eq!(s.depth, 4);
        assert_eq!(s.fields, 5);
    }

    #[test]
    fn an_exponential_document_saturates_instead_of_expanding() {
        let s = shape(&bomb(24)).unwrap();
        assert_eq!(s.fields, 1 << 24);
        let s = shape(&bomb(200)).unwrap();
        assert_eq!(s.fields, u64::MAX);
        assert_eq!(s.depth, 1);
    }

    #[test]
    fn cycles_are_refused_with_the_fragment_named() {
        let err =
            shape("{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }")
                .unwrap_err();
        let ShapeError::FragmentCycle { fragment, .. } = err;
        assert!(fragment == "A" || fragment == "B", "{fragment}");
        assert!(shape("{ ...A } fragment A on QueryRoot { ...A }").is_err());
    }

    #[test]
    fn introspection_is_measured_apart_from_data() {
        let s = shape(
            "{ __schema { types { name fields { name args { name type { kind ofType { kind ofType { name } } } } } } } missions { totalCount } }",
        )
        .unwrap();
        assert_eq!(s.depth, 2, "only missions.totalCount counts as data");
        assert_eq!(s.introspection_depth, 8);
        assert_eq!(s.introspection_lists, 3);
        let nested =
            shape("{ __schema { types { fields { type { fields { name } } } } } }").unwrap();
        assert_eq!(nested.introspection_lists, 3);
        let deeper =
            shape("{ __schema { types { fields { type { fields { args { name } } } } } } }")
                .unwrap();
        assert_eq!(deeper.introspection_lists, 4);
    }

    #[test]
    fn the_standard_introspection_query_fits_its_bounds() {
        let s = shape(STANDARD_INTROSPECTION).unwrap();
        assert_eq!(s.depth, 0);
        assert!(s.introspection_depth <= INTROSPECTION_MAX_DEPTH, "{s:?}");
        assert!(s.introspection_lists <= INTROSPECTION_MAX_LISTS, "{s:?}");
        assert!(s.introspection_depth > 10, "{s:?}");
    }

    /// The query GraphiQL and code generators send (graphql-js `getIntrospectionQuery`).
    const STANDARD_INTROSPECTION: &str =
        include_str!("../../../../tests/fixtures/introspection.graphql");

    proptest! {
        /// Measuring is linear: a chain of `n` doubling fragments measures 2^n fields (capped)
        /// without expanding them, and a document's measure equals its expansion's.
        #[test]
        fn doubling_chains_measure_exactly(n in 0usize..70) {
            let s = shape(&bomb(n)).unwrap();
            let expected = if n >= 64 { u64::MAX } else { 1u64 << n };
            prop_assert_eq!(s.fields, expected);
        }

        /// Spreading a fragment counts exactly as writing its fields in place.
        #[test]
        fn spreading_equals_inlining(width in 1usize..6, copies in 1usize..6, depth in 1usize..5) {
            let mut body: String = (0..width).map(|i| format!("f{i}: __typename ")).collect();
            for level in 1..depth {
                body = format!("n{level}: missions {{ {body} }}");
            }
            let spreads = vec!["...F"; copies].join(" ");
            let spread = shape(&format!("{{ {spreads} }} fragment F on QueryRoot {{ {body} }}")).unwrap();
            let inlined: Vec<String> = (0..copies).map(|c| body.replace("f", &format!("c{c}f"))).collect();
            let inlined = shape(&format!("{{ {} }}", inlined.join(" "))).unwrap();
            prop_assert_eq!(spread.fields, inlined.fields);
            prop_assert_eq!(spread.depth, inlined.depth);
            prop_assert_eq!(spread.depth, depth);
        }
    }
}
