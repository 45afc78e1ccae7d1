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
