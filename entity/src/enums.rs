//! The enumerations of the data model, defined once in `coordmap_domain::enums` and re-exported
//! here so entities and callers keep naming them `entity::enums::...`. This crate enables the
//! domain crate's `sea-orm` feature, which derives `ActiveEnum` on them (stored as upper-case
//! strings in `varchar(40)` columns).

pub use coordmap_domain::enums::*;

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable};
    use serde::Serialize;

    /// The string stored in the database, the JSON (serde) name and the `strum` name of every
    /// variant are one and the same.
    fn check<E>()
    where
        E: ActiveEnum<Value = String> + Iterable + Serialize + Into<&'static str>,
    {
        for variant in E::iter() {
            let stored = variant.to_value();
            assert_eq!(
                serde_json::to_value(&variant).ok(),
                Some(serde_json::Value::String(stored.clone())),
            );
            assert_eq!(
                E::try_from_value(&stored).ok().map(|v| v.to_value()),
                Some(stored.clone())
            );
            assert_eq!(variant.into(), stored.as_str());
        }
    }

    #[test]
    fn stored_serde_and_strum_names_agree() {
        check::<Sensitivity>();
        check::<MissionKind>();
        check::<RiskEnvironment>();
        check::<OrganizationKind>();
        check::<GeographicLevel>();
        check::<ComponentKind>();
        check::<ComponentSpecialty>();
        check::<StructureLevel>();
        check::<Hat>();
        check::<ReportingLineKind>();
        check::<MandatedTaskCategory>();
        check::<ClusterScope>();
        check::<ClusterSector>();
        check::<AorTheme>();
        check::<LeadRole>();
        check::<ForumKind>();
        check::<ForumLevel>();
        check::<ForumLinkKind>();
        check::<Capacity>();
        check::<RightKind>();
        check::<DocumentKind>();
        check::<DocumentCoverage>();
    }
}
