//! Generated queries and mutations against the demo dataset: whatever a client sends, the server
//! answers without a 5xx, without INTERNAL, and with a code on every error.
//!
//! The generator reads the schema by introspection and builds random operations from it: root
//! fields with arguments of the right type, of the wrong type, missing or null, strings with NUL
//! characters or of odd lengths, impossible dates, unknown and malformed ids, nested selections,
//! fragments, aliases and variables. It is seeded, so a failure names the case that can be run
//! again; `COORDMAP_FUZZ_CASES` runs more cases (300 per backend by default).

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, TestApp};

const INTROSPECTION: &str = include_str!("../fixtures/introspection.graphql");

/// The schema, as introspection gives it: type name -> type.
struct Schema {
    types: HashMap<String, Value>,
    query: String,
    mutation: String,
}

impl Schema {
    fn of(introspection: &Value) -> Self {
        let schema = &introspection["data"]["__schema"];
        let types = schema["types"]
            .as_array()
            .expect("types")
            .iter()
            .map(|t| (t["name"].as_str().unwrap_or_default().to_owned(), t.clone()))
            .collect();
        Self {
            types,
            query: schema["queryType"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            mutation: schema["mutationType"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        }
    }
}

/// The named type under NON_NULL and LIST wrappers.
fn named(type_ref: &Value) -> &str {
    match type_ref["ofType"].is_object() {
        true => named(&type_ref["ofType"]),
        false => type_ref["name"].as_str().unwrap_or_default(),
    }
}

/// The type reference in GraphQL syntax (`[ID!]!`).
fn type_text(type_ref: &Value) -> String {
    match type_ref["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_text(&type_ref["ofType"])),
        Some("LIST") => format!("[{}]", type_text(&type_ref["ofType"])),
        _ => type_ref["name"].as_str().unwrap_or_default().to_owned(),
    }
}

struct Generator<'a> {
    rng: StdRng,
    schema: &'a Schema,
    /// Ids seen in earlier answers, so some arguments name real records.
    ids: Vec<String>,
    fragments: Vec<String>,
}

const STRINGS: [&str; 9] = [
    "MONUC",
    "UNHCR",
    "",
    "a\u{0}b",
    "🙂 protection",
    "' OR 1=1 --",
    "%",
    "GPC",
    "MONUSCO",
];

impl Generator<'_> {
    fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.rng.random_range(0..items.len())]
    }

    /// A JSON value for an input type: usually fitting, sometimes not.
    fn value(&mut self, type_ref: &Value, depth: usize) -> Value {
        if type_ref["kind"] == "NON_NULL" {
            if self.rng.random_bool(0.03) {
                return Value::Null;
            }
            return self.value(&type_ref["ofType"], depth);
        }
        if self.rng.random_bool(0.05) {
            return Value::Null;
        }
        if type_ref["kind"] == "LIST" {
            let n = self.rng.random_range(0..3);
            return Value::Array(
                (0..n)
                    .map(|_| self.value(&type_ref["ofType"], depth))
                    .collect(),
            );
        }
        let name = named(type_ref).to_owned();
        let wrong = self.rng.random_bool(0.08);
        match name.as_str() {
            "Int" if wrong => json!(self.pick(&["ten", "2147483648", "1.5"]).to_string()),
            "Int" => json!(*self.pick(&[0, 1, 2, 5, 100, -1, 1000, 2_147_483_647])),
            "Float" => json!(*self.pick(&[0.0, 1.5, -3.25])),
            "Boolean" if wrong => json!("yes"),
            "Boolean" => json!(self.rng.random_bool(0.5)),
            "Date" => json!(*self.pick(&[
                "2010-07-01",
                "2008-01-01",
                "2023-02-29",
                "2010-7-1",
                "tomorrow"
            ])),
            "DateTime" => json!(*self.pick(&["2010-07-01T00:00:00Z", "2010-07-01", "x"])),
            "ID" => {
                if !self.ids.is_empty() && self.rng.random_bool(0.6) {
                    let ids = self.ids.clone();
                    json!(self.pick(&ids))
                } else {
                    json!(*self.pick(&[
                        "",
                        "x",
                        "TWlzc2lvbjox",
                        "TWlzc2lvbjowMTkzYzJkNi0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA=",
                        "a\u{0}"
                    ]))
                }
            }
            "String" if self.rng.random_bool(0.05) => {
                json!("x".repeat(self.rng.random_range(200..3000)))
            }
            "String" => json!(*self.pick(&STRINGS)),
            "JSON" => json!({ "a": [1, "b\u{0}"] }),
            _ => {
                let ty = self.schema.types.get(&name).cloned().unwrap_or(Value::Null);
                match ty["kind"].as_str() {
                    Some("ENUM") => {
                        let values: Vec<String> = ty["enumValues"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|v| v["name"].as_str().map(str::to_owned))
                            .collect();
                        if wrong || values.is_empty() {
                            json!("NOT_A_VALUE")
                        } else {
                            json!(self.pick(&values))
                        }
                    }
                    Some("INPUT_OBJECT") if depth < 4 => {
                        let mut object = serde_json::Map::new();
                        for field in ty["inputFields"].as_array().into_iter().flatten() {
                            let required = field["type"]["kind"] == "NON_NULL";
                            if required || self.rng.random_bool(0.3) {
                                let name = field["name"].as_str().unwrap_or_default().to_owned();
                                object.insert(name, self.value(&field["type"], depth + 1));
                            }
                        }
                        if wrong {
                            object.insert("notAField".into(), json!(1));
                        }
                        Value::Object(object)
                    }
                    _ => json!("?"),
                }
            }
        }
    }

    /// A selection set for an output type, or nothing for a leaf.
    fn selection(&mut self, type_name: &str, depth: usize) -> String {
        let Some(ty) = self.schema.types.get(type_name).cloned() else {
            return String::new();
        };
        match ty["kind"].as_str() {
            Some("OBJECT") | Some("INTERFACE") => {
                let fields = ty["fields"].as_array().cloned().unwrap_or_default();
                if fields.is_empty() || depth > 4 {
                    return "{ __typename }".into();
                }
                let mut items = vec!["__typename".to_owned()];
                for i in 0..self.rng.random_range(1..4) {
                    let field = self.pick(&fields).clone();
                    let leaf = self.selection(named(&field["type"]), depth + 1);
                    let alias = if self.rng.random_bool(0.2) {
                        format!("a{i}: ")
                    } else {
                        String::new()
                    };
                    let args = self.arguments(&field, &mut Vec::new(), depth);
                    items.push(format!(
                        "{alias}{}{args} {leaf}",
                        field["name"].as_str().unwrap_or_default()
                    ));
                }
                if self.rng.random_bool(0.1) {
                    let name = format!("F{}", self.fragments.len());
                    let body = items.join(" ");
                    self.fragments
                        .push(format!("fragment {name} on {type_name} {{ {body} }}"));
                    return format!("{{ ...{name} }}");
                }
                format!("{{ {} }}", items.join(" "))
            }
            Some("UNION") => {
                let possible = ty["possibleTypes"].as_array().cloned().unwrap_or_default();
                let member = self.pick(&possible)["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let inner = self.selection(&member, depth + 1);
                format!("{{ __typename ... on {member} {inner} }}")
            }
            _ => String::new(),
        }
    }

    /// Arguments of a field, inline or as variables (declared into `variables`).
    fn arguments(
        &mut self,
        field: &Value,
        variables: &mut Vec<(String, String, Value)>,
        depth: usize,
    ) -> String {
        let mut args = Vec::new();
        for arg in field["args"].as_array().into_iter().flatten() {
            let required = arg["type"]["kind"] == "NON_NULL";
            if !required && !self.rng.random_bool(0.3) {
                continue;
            }
            if required && self.rng.random_bool(0.02) {
                continue; // a missing required argument
            }
            let name = arg["name"].as_str().unwrap_or_default().to_owned();
            let value = self.value(&arg["type"], depth);
            if depth == 0 && self.rng.random_bool(0.4) {
                let variable = format!("v{}", variables.len());
                args.push(format!("{name}: ${variable}"));
                variables.push((variable, type_text(&arg["type"]), value));
            } else {
                args.push(format!("{name}: {}", literal(&value)));
            }
        }
        if args.is_empty() {
            String::new()
        } else {
            format!("({})", args.join(", "))
        }
    }

    /// One request body: an operation on a random root field.
    fn operation(&mut self, mutation: bool) -> Value {
        self.fragments.clear();
        let root = if mutation {
            self.schema.mutation.clone()
        } else {
            self.schema.query.clone()
        };
        let fields = self.schema.types[&root]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let field = self.pick(&fields).clone();
        let mut variables = Vec::new();
        let args = self.arguments(&field, &mut variables, 0);
        let selection = self.selection(named(&field["type"]), 1);
        let declared: Vec<String> = variables
            .iter()
            .map(|(n, t, _)| format!("${n}: {t}"))
            .collect();
        let declared = if declared.is_empty() {
            String::new()
        } else {
            format!("({})", declared.join(", "))
        };
        let keyword = if mutation { "mutation" } else { "query" };
        let query = format!(
            "{keyword} Fuzz{declared} {{ {}{args} {selection} }} {}",
            field["name"].as_str().unwrap_or_default(),
            self.fragments.join(" ")
        );
        let values: serde_json::Map<String, Value> =
            variables.into_iter().map(|(n, _, v)| (n, v)).collect();
        json!({ "query": query, "variables": values })
    }
}

/// A JSON value written as a GraphQL literal (enum values are unquoted upper-case words).
fn literal(value: &Value) -> String {
    match value {
        Value::String(s)
            if !s.is_empty()
                && s.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                && s.len() > 3 =>
        {
            s.clone()
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// Ids in an answer, to reuse as arguments.
fn collect_ids(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                match (key.as_str(), v) {
                    ("id", Value::String(id)) if into.len() < 200 => into.push(id.clone()),
                    _ => collect_ids(v, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, into)),
        _ => {}
    }
}

async fn run(app: TestApp) {
    coordmap_api::seed::load_demo(app.db())
        .await
        .expect("the demo dataset loads");
    let introspection = app.graphql(INTROSPECTION, json!({})).await;
    let schema = Schema::of(&introspection);
    let cases: usize = std::env::var("COORDMAP_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut seed_ids = Vec::new();
    collect_ids(&app.data("{ missions(first: 20) { nodes { id forums { id } components { id } } } organizations(first: 20) { nodes { id } } }", json!({})).await, &mut seed_ids);
    let mut generator = Generator {
        rng: StdRng::seed_from_u64(20261207),
        schema: &schema,
        ids: seed_ids,
        fragments: Vec::new(),
    };
    let mut codes: HashMap<String, usize> = HashMap::new();
    for case in 0..cases {
        let mutation = generator.rng.random_bool(0.3);
        let anonymous = !mutation && generator.rng.random_bool(0.4);
        let body = generator.operation(mutation);
        let authorization = if anonymous {
            None
        } else {
            Some(app.admin.as_str())
        };
        let response = app.post_as(authorization, &body).await;
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        assert!(
            status < 500,
            "case {case}: HTTP {status} for {body}: {text}"
        );
        let answer: Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("case {case}: not JSON: {text}"));
        for error in answer["errors"].as_array().into_iter().flatten() {
            let code = error["extensions"]["code"].as_str();
            assert!(
                code.is_some(),
                "case {case}: an error without a code for {body}: {error}"
            );
            assert_ne!(
                code,
                Some("INTERNAL"),
                "case {case}: INTERNAL for {body}: {error}"
            );
            *codes
                .entry(code.unwrap_or_default().to_owned())
                .or_default() += 1;
        }
        collect_ids(&answer["data"], &mut generator.ids);
    }
    // The run exercised both answers and refusals, or it proved little.
    assert!(codes.len() >= 3, "too few kinds of outcome: {codes:?}");
    eprintln!("fuzz: {cases} cases, error codes seen: {codes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_requests_never_fail_without_a_code_on_sqlite() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.auth.allow_anonymous = true)
        .await
        .expect("SQLite always runs");
    run(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_requests_never_fail_without_a_code_on_postgres() {
    if let Some(app) = spawn_app_with(Backend::Postgres, |s| s.auth.allow_anonymous = true).await {
        run(app).await;
    }
}
