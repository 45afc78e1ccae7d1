//! Opaque global IDs for the `Node` interface.
//!
//! An ID is base64 of `Kind:uuid`. Clients must treat it as opaque; the server checks that an ID
//! passed where a mission is expected really is a mission's.

use async_graphql::ID;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
pub use crate::services::record::RecordKind as NodeKind;
use crate::services::reference::{self, Reference};

/// Encodes the global ID of a record.
pub fn encode(kind: NodeKind, id: Uuid) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{}", kind.name(), id)))
}

/// Decodes any global ID into its kind and key.
pub fn decode_any(id: &str, field: &str) -> AppResult<(NodeKind, Uuid)> {
    let invalid = || AppError::invalid(field, format!("`{field}` is not a valid ID"));
    let bytes = URL_SAFE_NO_PAD.decode(id).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (kind, uuid) = text.split_once(':').ok_or_else(invalid)?;
    let kind = NodeKind::from_name(kind).ok_or_else(invalid)?;
    let uuid = Uuid::parse_str(uuid).map_err(|_| invalid())?;
    Ok((kind, uuid))
}

/// Decodes a global ID that must be of `kind`; `field` names the argument in errors.
pub fn decode(id: &ID, kind: NodeKind, field: &str) -> AppResult<Uuid> {
    let (actual, uuid) = decode_any(id.as_str(), field)?;
    if actual != kind {
        return Err(reference::wrong_kind(field, kind.name(), actual));
    }
    Ok(uuid)
}

/// What an argument that takes an ID or a natural key names: a global ID when the text is one,
/// otherwise the text as a key (resolved by [`reference::resolve`]).
pub fn reference(text: &str) -> Reference {
    match decode_any(text, "") {
        Ok((kind, uuid)) => Reference::Id(kind, uuid),
        Err(_) => Reference::Key(text.to_owned()),
    }
}

/// [`reference`] of an optional argument.
pub fn reference_optional(text: Option<&ID>) -> Option<Reference> {
    text.map(|id| reference(id.as_str()))
}

/// Decodes an optional global ID that must be of `kind`.
pub fn decode_optional(id: Option<&ID>, kind: NodeKind, field: &str) -> AppResult<Option<Uuid>> {
    id.map(|id| decode(id, kind, field)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_id_decodes_to_what_was_encoded(raw in any::<u128>(), k in 0usize..21) {
            let kind = NodeKind::ALL[k];
            let uuid = Uuid::from_u128(raw);
            let id = encode(kind, uuid);
            prop_assert_eq!(decode(&id, kind, "id").unwrap(), uuid);
        }

        #[test]
        fn arbitrary_strings_never_panic(s in ".*") {
            let _ = decode_any(&s, "id");
        }
    }

    #[test]
    fn a_text_is_an_id_when_it_decodes_as_one_and_a_key_otherwise() {
        let uuid = Uuid::now_v7();
        let id = encode(NodeKind::Mission, uuid);
        assert_eq!(
            reference(id.as_str()),
            Reference::Id(NodeKind::Mission, uuid)
        );
        for key in ["MONUC", "monuc", "USE_OF_FORCE", "", "  ", "not an id!"] {
            assert_eq!(reference(key), Reference::Key(key.to_owned()));
        }
    }

    proptest! {
        /// Natural keys (upper-case letters, digits, `-`, `_`; matched in any case) are never
        /// read as IDs, so an acronym or code always reaches its lookup.
        #[test]
        fn natural_keys_are_never_ids(key in "[A-Za-z][A-Za-z0-9_-]{0,63}") {
            prop_assert_eq!(reference(&key), Reference::Key(key.clone()));
        }
    }

    #[test]
    fn an_id_of_the_wrong_kind_is_named_in_the_error() {
        let id = encode(NodeKind::Organization, Uuid::now_v7());
        let err = decode(&id, NodeKind::Mission, "mission").unwrap_err();
        assert_eq!(
            err.message(),
            "`mission` must identify a record of type Mission, but identifies one of type Organization"
        );
    }
}
