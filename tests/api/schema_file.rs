//! The checked-in `schema.graphql` must be exactly what the code builds.

#[test]
fn schema_graphql_is_in_sync_with_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let built = coordmap_api::graphql::sdl();
    assert!(
        committed == built,
        "schema.graphql is out of date with the code; regenerate it with \
         `cargo run -- export-schema` and commit the result"
    );
}

/// Every record type carries the common fields, whatever order the schema registers types in.
#[test]
fn every_record_type_has_the_common_fields() {
    let sdl = coordmap_api::graphql::sdl();
    let fields_of = |ty: &str| -> Vec<String> {
        let start = sdl
            .find(&format!("\ntype {ty} "))
            .unwrap_or_else(|| panic!("type {ty} is in the schema"));
        let body = &sdl[start..];
        let end = body.find("\n}").unwrap_or(body.len());
        body[..end]
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let name: String = l.chars().take_while(|c| c.is_alphanumeric()).collect();
                (!name.is_empty()
                    && (l[name.len()..].starts_with(':') || l[name.len()..].starts_with('(')))
                .then_some(name)
            })
            .collect()
    };
    // Each kind of the registry, whether it is archived and whether it holds over a period.
    macro_rules! has {
        (_) => {
            false
        };
        ($($column:tt)+) => {
            true
        };
    }
    macro_rules! kinds {
        (() $($module:ident $kind:ident $table:ident
            { archived: $archived:tt, validity: $validity:tt, mission: $mission:tt })*) => {
            [$((stringify!($kind), has!($archived), has!($validity))),*]
        };
    }
    for (ty, archived, validity) in entity::for_each_record!(kinds) {
        let fields = fields_of(ty);
        let mut expected = vec!["id", "sensitivity", "createdAt", "updatedAt", "version"];
        if ty != "SourceCitation" {
            expected.push("sources");
        }
        if archived {
            expected.push("archivedAt");
        }
        if validity {
            expected.extend(["validFrom", "validTo"]);
        }
        for field in expected {
            assert!(fields.iter().any(|f| f == field), "{ty} lacks `{field}`");
        }
    }
}
