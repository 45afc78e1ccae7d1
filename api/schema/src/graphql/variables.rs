//! Input values checked before a query runs: variables coerced against their declared types, and
//! strings (literal or variable) free of the NUL character.
//!
//! A variable that does not fit its type is the client's mistake and is refused as
//! `BAD_USER_INPUT`, naming the variable and the path inside it (`input.name`), before
//! validation or execution. A NUL character cannot be stored by PostgreSQL and means nothing in
//! any field of this API, so it is refused the same way on every database, wherever it appears.

use async_graphql::parser::types::{
    BaseType, DocumentOperations, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
    Type, VariableDefinition,
};
use async_graphql::registry::{MetaType, Registry};
use async_graphql::{Name, Positioned, Value, Variables};

/// An input value that cannot be used, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The variable or argument path, e.g. `input.name` or `filter.activeOn`.
    pub field: String,
    pub message: String,
}

fn invalid(field: &str, message: impl Into<String>) -> Invalid {
    Invalid {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// The operation a request will run: the named one, or the only one.
pub fn selected_operation<'a>(
    document: &'a ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'a Positioned<OperationDefinition>> {
    match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    }
}

/// Checks the request's variables against the operation's declarations.
pub fn check_variables(
    registry: &Registry,
    definitions: &[Positioned<VariableDefinition>],
    variables: &Variables,
) -> Result<(), Invalid> {
    for definition in definitions {
        let name = definition.node.name.node.as_str();
        let ty = &definition.node.var_type.node;
        match variables.get(&Name::new(name)) {
            None | Some(Value::Null) if !ty.nullable && definition.node.default_value.is_none() => {
                return Err(invalid(
                    name,
                    format!("variable ${name} of type {ty} is required"),
                ));
            }
            None => {}
            Some(value) => check_value(registry, ty, value, name)?,
        }
    }
    Ok(())
}

fn check_value(registry: &Registry, ty: &Type, value: &Value, path: &str) -> Result<(), Invalid> {
    if let Value::String(s) = value {
        if s.contains('\0') {
            return Err(nul(path));
        }
    }
    if *value == Value::Null {
        return if ty.nullable {
            Ok(())
        } else {
            Err(invalid(path, format!("{path} must not be null ({ty})")))
        };
    }
    match &ty.base {
        BaseType::List(item) => match value {
            Value::List(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, v)| check_value(registry, item, v, &format!("{path}.{i}"))),
            // A single value stands for a list of one.
            single => check_value(registry, item, single, path),
        },
        BaseType::Named(name) => check_named(registry, name, value, path),
    }
}

fn check_named(registry: &Registry, name: &str, value: &Value, path: &str) -> Result<(), Invalid> {
    let expected = || invalid(path, format!("{path} must be of type {name}, not {value}"));
    match registry.types.get(name) {
        Some(MetaType::Scalar { is_valid, .. }) => {
            no_nul_inside(value, path)?;
            match is_valid {
                Some(valid) if !valid(value) => Err(expected()),
                _ => Ok(()),
            }
        }
        Some(MetaType::Enum { enum_values, .. }) => match value {
            Value::String(s) if enum_values.contains_key(s.as_str()) => Ok(()),
            Value::Enum(s) if enum_values.contains_key(s.as_str()) => Ok(()),
            _ => {
                let allowed: Vec<&str> = enum_values.keys().map(String::as_str).collect();
                Err(invalid(
                    path,
                    format!("{path} must be one of {}, not {value}", allowed.join(", ")),
                ))
            }
        },
        Some(MetaType::InputObject { input_fields, .. }) => {
            let Value::Object(fields) = value else {
                return Err(expected());
            };
            for key in fields.keys() {
                if !input_fields.contains_key(key.as_str()) {
                    return Err(invalid(
                        &format!("{path}.{key}"),
                        format!("{key} is not a field of {name}"),
                    ));
                }
            }
            for (field_name, field) in input_fields {
                let field_path = format!("{path}.{field_name}");
                let Some(field_ty) = Type::new(&field.ty) else {
                    continue;
                };
                match fields.get(field_name.as_str()) {
                    None if !field_ty.nullable && field.default_value.is_none() => {
                        return Err(invalid(
                            &field_path,
                            format!("{field_path} is required ({})", field.ty),
                        ));
                    }
                    None => {}
                    Some(v) => check_value(registry, &field_ty, v, &field_path)?,
                }
            }
            Ok(())
        }
        // Not an input type: validation reports it.
        _ => Ok(()),
    }
}

fn nul(path: &str) -> Invalid {
    invalid(path, format!("{path} must not contain the NUL character"))
}

/// Strings anywhere inside a value (a JSON scalar holds objects and lists).
fn no_nul_inside(value: &Value, path: &str) -> Result<(), Invalid> {
    match value {
        Value::String(s) if s.contains('\0') => Err(nul(path)),
        Value::List(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| no_nul_inside(v, &format!("{path}.{i}"))),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(k, v)| no_nul_inside(v, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}

/// Refuses a NUL character in any string literal of the document (arguments of fields and
/// directives, default values of variables).
pub fn check_literals(document: &ExecutableDocument) -> Result<(), Invalid> {
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(op) => vec![op],
        DocumentOperations::Multiple(ops) => ops.values().collect(),
    };
    for operation in operations {
        for definition in &operation.node.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                no_nul_inside(&default.node, definition.node.name.node.as_str())?;
            }
        }
        selection_set(&operation.node.selection_set)?;
    }
    for fragment in document.fragments.values() {
        selection_set(&fragment.node.selection_set)?;
    }
    Ok(())
}

fn selection_set(set: &Positioned<SelectionSet>) -> Result<(), Invalid> {
    for item in &set.node.items {
        match &item.node {
            Selection::Field(field) => {
                for (name, value) in &field.node.arguments {
                    no_nul_in_literal(&value.node, name.node.as_str())?;
                }
                for directive in &field.node.directives {
                    for (name, value) in &directive.node.arguments {
                        no_nul_in_literal(&value.node, name.node.as_str())?;
                    }
                }
                selection_set(&field.node.selection_set)?;
            }
            Selection::InlineFragment(fragment) => selection_set(&fragment.node.selection_set)?,
            Selection::FragmentSpread(_) => {}
        }
    }
    Ok(())
}

fn no_nul_in_literal(value: &async_graphql_value::Value, path: &str) -> Result<(), Invalid> {
    use async_graphql_value::Value as Literal;
    match value {
        Literal::String(s) if s.contains('\0') => Err(nul(path)),
        Literal::List(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| no_nul_in_literal(v, &format!("{path}.{i}"))),
        Literal::Object(fields) => fields
            .iter()
            .try_for_each(|(k, v)| no_nul_in_literal(v, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;
    use async_graphql::registry::Registry;
    use async_graphql::{Enum, InputObject, InputType, ID};
    use serde_json::json;

    #[derive(Enum, Copy, Clone, PartialEq, Eq)]
    enum Kind {
        Chair,
        Member,
    }

    #[derive(InputObject)]
    struct Filter {
        search: Option<String>,
        kinds: Option<Vec<Kind>>,
        on: Option<crate::graphql::scalars::Date>,
    }

    #[derive(InputObject)]
    struct Input {
        name: String,
        filter: Option<Filter>,
    }

    fn check(query: &str, variables: serde_json::Value) -> Result<(), Invalid> {
        let mut registry = Registry::default();
        <Option<i32> as InputType>::create_type_info(&mut registry);
        <Option<Vec<ID>> as InputType>::create_type_info(&mut registry);
        <Option<Input> as InputType>::create_type_info(&mut registry);
        let document = parse_query(query).expect("parses");
        check_literals(&document)?;
        let operation = selected_operation(&document, None).expect("one operation");
        check_variables(
            &registry,
            &operation.node.variable_definitions,
            &Variables::from_json(variables),
        )
    }

    const Q: &str =
        "query($f: Int, $i: Input, $ids: [ID!]) { find(first: $f, input: $i, ids: $ids) }";

    #[test]
    fn each_bad_variable_names_its_path() {
        let cases = [
            (json!({ "f": "one" }), "f"),
            (json!({ "f": 1.5 }), "f"),
            (json!({ "i": { "name": "a\u{0}b" } }), "i.name"),
            (json!({ "i": {} }), "i.name"),
            (json!({ "i": { "name": "x", "nope": 1 } }), "i.nope"),
            (
                json!({ "i": { "name": "x", "filter": { "on": "2023-02-29" } } }),
                "i.filter.on",
            ),
            (
                json!({ "i": { "name": "x", "filter": { "kinds": ["CHAIR", "BOSS"] } } }),
                "i.filter.kinds.1",
            ),
            (
                json!({ "i": { "name": "x", "filter": { "search": "\u{0}" } } }),
                "i.filter.search",
            ),
            (json!({ "ids": [null] }), "ids.0"),
            (json!({ "i": "text" }), "i"),
        ];
        for (variables, field) in cases {
            let err = check(Q, variables.clone()).expect_err(&variables.to_string());
            assert_eq!(err.field, field, "{variables}: {}", err.message);
        }
    }

    #[test]
    fn good_variables_pass() {
        let cases = [
            json!({}),
            json!({ "f": 3, "ids": "one-id" }),
            json!({ "i": { "name": "x", "filter": { "kinds": "CHAIR", "on": "2024-02-29" } } }),
            json!({ "f": null }),
        ];
        for variables in cases {
            assert_eq!(check(Q, variables.clone()), Ok(()), "{variables}");
        }
    }

    #[test]
    fn a_required_variable_must_be_given() {
        let err = check("query($f: Int!) { find(first: $f) }", json!({})).unwrap_err();
        assert_eq!(err.field, "f");
        assert!(err.message.contains("required"), "{}", err.message);
    }

    #[test]
    fn nul_in_a_literal_names_its_argument() {
        let err = check(r#"{ find(input: { name: "a\u0000b" }) }"#, json!({})).unwrap_err();
        assert_eq!(err.field, "input.name");
        let err = check(r#"{ find(ids: ["x", "\u0000"]) }"#, json!({})).unwrap_err();
        assert_eq!(err.field, "ids.1");
    }
}
