//! The enumerations of the data model: their one definition. They are stored as upper-case
//! strings (`varchar(40)`), so adding a value needs no schema change.
//!
//! Each is a plain Rust enum whose string (`HUMANITARIAN_COORDINATOR`) comes from `strum`
//! (`IntoStaticStr`, `EnumString`) and `serde`, both spelling the variant in
//! `SCREAMING_SNAKE_CASE`. With the `sea-orm` feature (enabled by the `entity` crate, which stores
//! them) each also derives SeaORM's `DeriveActiveEnum` with the same spelling; the trait can only
//! be implemented here, beside the type, because of the orphan rule. Without the feature this
//! crate has no database dependency at all, which `.ci/run` checks.

use serde::{Deserialize, Serialize};

/// Declares a stored enumeration with the derives every one of them shares. `EnumIter` is
/// `strum`'s, the same trait as `sea_orm::Iterable`, so `Kind::iter()` works with either import.
macro_rules! stored_enum {
    ($(#[$attr:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$attr])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            Serialize,
            Deserialize,
            strum::EnumIter,
            strum::IntoStaticStr,
            strum::EnumString,
        )]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        #[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
        #[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveActiveEnum))]
        #[cfg_attr(
            feature = "sea-orm",
            sea_orm(
                rs_type = "String",
                db_type = "String(sea_orm::sea_query::StringLen::N(40))",
                rename_all = "SCREAMING_SNAKE_CASE"
            )
        )]
        pub enum $name {
            $($variant),+
        }
    };
}

stored_enum! {
    /// How sensitive a record is; governs who may read it (ordered from least to most sensitive).
    #[derive(PartialOrd, Ord)]
    Sensitivity {
        Public,
        Internal,
        Confidential,
        StrictlyConfidential,
    }
}

stored_enum! {
    /// Kind of UN mission.
    MissionKind {
        Peacekeeping,
        SpecialPolitical,
        Hybrid,
    }
}

stored_enum! {
    /// Security risk environment a mission operates in.
    RiskEnvironment {
        Low,
        Medium,
        High,
        VeryHigh,
    }
}

stored_enum! {
    /// Kind of organisation outside the mission structure.
    OrganizationKind {
        UnSecretariat,
        UnAgency,
        UnIntergovernmentalBody,
        InternationalNgo,
        NationalNgo,
        RedCrossMovement,
        HostGovernment,
        HostSecurityForce,
        NonUnForce,
        RegionalOrganization,
        NonStateArmedGroup,
        CivilSociety,
        MemberState,
        Donor,
        Other,
    }
}

stored_enum! {
    /// Level of a geographic area in the country → state/province → sector → locality hierarchy.
    GeographicLevel {
        Country,
        Region,
        State,
        Sector,
        Locality,
    }
}

stored_enum! {
    /// Kind of mission component (civilian, uniformed, support or joint).
    ComponentKind {
        Civilian,
        Military,
        Police,
        Support,
        Joint,
    }
}

stored_enum! {
    /// Substantive specialty of a mission component.
    ComponentSpecialty {
        HumanRights,
        ChildProtection,
        WomenProtection,
        Gender,
        CivilAffairs,
        PoliticalAffairs,
        RuleOfLaw,
        Ddr,
        MineAction,
        PublicInformation,
        HumanitarianLiaison,
        ProtectionOfCivilians,
        JointOperations,
        JointAnalysis,
        Force,
        Police,
        MissionSupport,
        ExecutiveOffice,
        Other,
    }
}

stored_enum! {
    /// Level of a mission component in the mission structure.
    StructureLevel {
        Hq,
        Regional,
        Field,
    }
}

stored_enum! {
    /// A role a post carries; one post can carry several hats.
    Hat {
        HeadOfMission,
        Srsg,
        Dsrsg,
        DsrsgPolitical,
        DsrsgRuleOfLaw,
        ResidentCoordinator,
        HumanitarianCoordinator,
        ForceCommander,
        PoliceCommissioner,
        DirectorMissionSupport,
        ChiefOfStaff,
        HeadOfOffice,
        HeadOfComponent,
        OhchrRepresentative,
        ClusterCoordinator,
        Other,
    }
}

stored_enum! {
    /// Kind of reporting line between posts, components and organisations.
    ReportingLineKind {
        Line,
        Functional,
        Command,
        Coordination,
    }
}

stored_enum! {
    /// Category of a task mandated by the Security Council.
    MandatedTaskCategory {
        ProtectionOfCivilians,
        HumanRights,
        ChildrenAndArmedConflict,
        ConflictRelatedSexualViolence,
        HumanitarianConditions,
        ReturnOfDisplaced,
        RuleOfLaw,
        Ddr,
        Ssr,
        MineAction,
        SupportToNonUnForces,
        ElectoralSupport,
        Other,
    }
}

stored_enum! {
    /// Whether a cluster is global or deployed in the field.
    ClusterScope {
        Global,
        Field,
    }
}

stored_enum! {
    /// Humanitarian sector of a cluster.
    ClusterSector {
        Protection,
        CampCoordination,
        EarlyRecovery,
        Education,
        Shelter,
        EmergencyTelecommunications,
        FoodSecurity,
        Health,
        Logistics,
        Nutrition,
        Wash,
        Other,
    }
}

stored_enum! {
    /// Theme of an area of responsibility (sub-cluster) of a Protection Cluster.
    AorTheme {
        ChildProtection,
        GenderBasedViolence,
        MineAction,
        HousingLandProperty,
        RuleOfLawJustice,
        Other,
    }
}

stored_enum! {
    /// Role of an agency leading a cluster or an area of responsibility.
    LeadRole {
        Lead,
        CoLead,
    }
}

stored_enum! {
    /// Kind of coordination forum.
    ForumKind {
        SeniorManagementGroup,
        PocWorkingGroup,
        ProtectionCluster,
        AorCoordination,
        ProtectionWorkingGroup,
        EarlyWarningCell,
        CrisisCell,
        JointOperationsCentre,
        JointProtectionTeam,
        HumanitarianCountryTeam,
        UnCountryTeam,
        SeniorPlanningGroup,
        CivilMilitaryCoordination,
        ProtectionNetwork,
        SteeringGroup,
        Other,
    }
}

stored_enum! {
    /// Level at which a forum meets.
    ForumLevel {
        Global,
        MissionHq,
        Regional,
        Local,
    }
}

stored_enum! {
    /// Kind of link from one forum to another.
    ForumLinkKind {
        ReportsTo,
        SubgroupOf,
    }
}

stored_enum! {
    /// Capacity in which a member sits in a forum.
    Capacity {
        Chair,
        CoChair,
        Secretariat,
        Member,
        Observer,
        PresentWithoutMembership,
        Liaison,
    }
}

stored_enum! {
    /// Kind of right a holder has over a decision area.
    RightKind {
        Decides,
        Approves,
        Endorses,
        Recommends,
        Consulted,
        Informed,
        Executes,
    }
}

stored_enum! {
    /// Kind of document.
    DocumentKind {
        PocStrategy,
        IntegratedStrategicFramework,
        Conops,
        RulesOfEngagement,
        DirectiveOnUseOfForce,
        InformationSharingProtocol,
        Sop,
        SecurityCouncilResolution,
        Guidance,
        Report,
        Other,
    }
}

stored_enum! {
    /// Whether a document binds only the mission or the whole UN system in the country.
    DocumentCoverage {
        MissionOnly,
        SystemWide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn sensitivity_is_ordered_from_public_to_strictly_confidential() {
        let all: Vec<Sensitivity> = Sensitivity::iter().collect();
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(all, sorted);
        assert!(Sensitivity::Public < Sensitivity::Internal);
        assert!(Sensitivity::Internal < Sensitivity::Confidential);
        assert!(Sensitivity::Confidential < Sensitivity::StrictlyConfidential);
    }

    #[test]
    fn strings_parse_back() {
        for hat in Hat::iter() {
            let name: &'static str = hat.into();
            assert_eq!(name.parse::<Hat>().ok(), Some(hat));
        }
        assert_eq!(<&str>::from(Hat::DsrsgRuleOfLaw), "DSRSG_RULE_OF_LAW");
    }
}
