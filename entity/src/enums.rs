//! The enumerations of the data model. They are stored as upper-case strings (`varchar(40)`), so
//! adding a value needs no schema change.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How sensitive a record is; governs who may read it (ordered from least to most sensitive).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Sensitivity {
    #[sea_orm(string_value = "PUBLIC")]
    Public,
    #[sea_orm(string_value = "INTERNAL")]
    Internal,
    #[sea_orm(string_value = "CONFIDENTIAL")]
    Confidential,
    #[sea_orm(string_value = "STRICTLY_CONFIDENTIAL")]
    StrictlyConfidential,
}

/// Kind of UN mission.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MissionKind {
    #[sea_orm(string_value = "PEACEKEEPING")]
    Peacekeeping,
    #[sea_orm(string_value = "SPECIAL_POLITICAL")]
    SpecialPolitical,
    #[sea_orm(string_value = "HYBRID")]
    Hybrid,
}

/// Security risk environment a mission operates in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RiskEnvironment {
    #[sea_orm(string_value = "LOW")]
    Low,
    #[sea_orm(string_value = "MEDIUM")]
    Medium,
    #[sea_orm(string_value = "HIGH")]
    High,
    #[sea_orm(string_value = "VERY_HIGH")]
    VeryHigh,
}

/// Kind of organisation outside the mission structure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrganizationKind {
    #[sea_orm(string_value = "UN_SECRETARIAT")]
    UnSecretariat,
    #[sea_orm(string_value = "UN_AGENCY")]
    UnAgency,
    #[sea_orm(string_value = "UN_INTERGOVERNMENTAL_BODY")]
    UnIntergovernmentalBody,
    #[sea_orm(string_value = "INTERNATIONAL_NGO")]
    InternationalNgo,
    #[sea_orm(string_value = "NATIONAL_NGO")]
    NationalNgo,
    #[sea_orm(string_value = "RED_CROSS_MOVEMENT")]
    RedCrossMovement,
    #[sea_orm(string_value = "HOST_GOVERNMENT")]
    HostGovernment,
    #[sea_orm(string_value = "HOST_SECURITY_FORCE")]
    HostSecurityForce,
    #[sea_orm(string_value = "NON_UN_FORCE")]
    NonUnForce,
    #[sea_orm(string_value = "REGIONAL_ORGANIZATION")]
    RegionalOrganization,
    #[sea_orm(string_value = "NON_STATE_ARMED_GROUP")]
    NonStateArmedGroup,
    #[sea_orm(string_value = "CIVIL_SOCIETY")]
    CivilSociety,
    #[sea_orm(string_value = "MEMBER_STATE")]
    MemberState,
    #[sea_orm(string_value = "DONOR")]
    Donor,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Level of a geographic area in the country → state/province → sector → locality hierarchy.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GeographicLevel {
    #[sea_orm(string_value = "COUNTRY")]
    Country,
    #[sea_orm(string_value = "REGION")]
    Region,
    #[sea_orm(string_value = "STATE")]
    State,
    #[sea_orm(string_value = "SECTOR")]
    Sector,
    #[sea_orm(string_value = "LOCALITY")]
    Locality,
}

/// Kind of mission component (civilian, uniformed, support or joint).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ComponentKind {
    #[sea_orm(string_value = "CIVILIAN")]
    Civilian,
    #[sea_orm(string_value = "MILITARY")]
    Military,
    #[sea_orm(string_value = "POLICE")]
    Police,
    #[sea_orm(string_value = "SUPPORT")]
    Support,
    #[sea_orm(string_value = "JOINT")]
    Joint,
}

/// Substantive specialty of a mission component.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ComponentSpecialty {
    #[sea_orm(string_value = "HUMAN_RIGHTS")]
    HumanRights,
    #[sea_orm(string_value = "CHILD_PROTECTION")]
    ChildProtection,
    #[sea_orm(string_value = "WOMEN_PROTECTION")]
    WomenProtection,
    #[sea_orm(string_value = "GENDER")]
    Gender,
    #[sea_orm(string_value = "CIVIL_AFFAIRS")]
    CivilAffairs,
    #[sea_orm(string_value = "POLITICAL_AFFAIRS")]
    PoliticalAffairs,
    #[sea_orm(string_value = "RULE_OF_LAW")]
    RuleOfLaw,
    #[sea_orm(string_value = "DDR")]
    Ddr,
    #[sea_orm(string_value = "MINE_ACTION")]
    MineAction,
    #[sea_orm(string_value = "PUBLIC_INFORMATION")]
    PublicInformation,
    #[sea_orm(string_value = "HUMANITARIAN_LIAISON")]
    HumanitarianLiaison,
    #[sea_orm(string_value = "PROTECTION_OF_CIVILIANS")]
    ProtectionOfCivilians,
    #[sea_orm(string_value = "JOINT_OPERATIONS")]
    JointOperations,
    #[sea_orm(string_value = "JOINT_ANALYSIS")]
    JointAnalysis,
    #[sea_orm(string_value = "FORCE")]
    Force,
    #[sea_orm(string_value = "POLICE")]
    Police,
    #[sea_orm(string_value = "MISSION_SUPPORT")]
    MissionSupport,
    #[sea_orm(string_value = "EXECUTIVE_OFFICE")]
    ExecutiveOffice,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Level of a mission component in the mission structure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StructureLevel {
    #[sea_orm(string_value = "HQ")]
    Hq,
    #[sea_orm(string_value = "REGIONAL")]
    Regional,
    #[sea_orm(string_value = "FIELD")]
    Field,
}

/// A role a post carries; one post can carry several hats.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Hat {
    #[sea_orm(string_value = "HEAD_OF_MISSION")]
    HeadOfMission,
    #[sea_orm(string_value = "SRSG")]
    Srsg,
    #[sea_orm(string_value = "DSRSG")]
    Dsrsg,
    #[sea_orm(string_value = "DSRSG_POLITICAL")]
    DsrsgPolitical,
    #[sea_orm(string_value = "DSRSG_RULE_OF_LAW")]
    DsrsgRuleOfLaw,
    #[sea_orm(string_value = "RESIDENT_COORDINATOR")]
    ResidentCoordinator,
    #[sea_orm(string_value = "HUMANITARIAN_COORDINATOR")]
    HumanitarianCoordinator,
    #[sea_orm(string_value = "FORCE_COMMANDER")]
    ForceCommander,
    #[sea_orm(string_value = "POLICE_COMMISSIONER")]
    PoliceCommissioner,
    #[sea_orm(string_value = "DIRECTOR_MISSION_SUPPORT")]
    DirectorMissionSupport,
    #[sea_orm(string_value = "CHIEF_OF_STAFF")]
    ChiefOfStaff,
    #[sea_orm(string_value = "HEAD_OF_OFFICE")]
    HeadOfOffice,
    #[sea_orm(string_value = "HEAD_OF_COMPONENT")]
    HeadOfComponent,
    #[sea_orm(string_value = "OHCHR_REPRESENTATIVE")]
    OhchrRepresentative,
    #[sea_orm(string_value = "CLUSTER_COORDINATOR")]
    ClusterCoordinator,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Kind of reporting line between posts, components and organisations.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportingLineKind {
    #[sea_orm(string_value = "LINE")]
    Line,
    #[sea_orm(string_value = "FUNCTIONAL")]
    Functional,
    #[sea_orm(string_value = "COMMAND")]
    Command,
    #[sea_orm(string_value = "COORDINATION")]
    Coordination,
}

/// Category of a task mandated by the Security Council.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MandatedTaskCategory {
    #[sea_orm(string_value = "PROTECTION_OF_CIVILIANS")]
    ProtectionOfCivilians,
    #[sea_orm(string_value = "HUMAN_RIGHTS")]
    HumanRights,
    #[sea_orm(string_value = "CHILDREN_AND_ARMED_CONFLICT")]
    ChildrenAndArmedConflict,
    #[sea_orm(string_value = "CONFLICT_RELATED_SEXUAL_VIOLENCE")]
    ConflictRelatedSexualViolence,
    #[sea_orm(string_value = "HUMANITARIAN_CONDITIONS")]
    HumanitarianConditions,
    #[sea_orm(string_value = "RETURN_OF_DISPLACED")]
    ReturnOfDisplaced,
    #[sea_orm(string_value = "RULE_OF_LAW")]
    RuleOfLaw,
    #[sea_orm(string_value = "DDR")]
    Ddr,
    #[sea_orm(string_value = "SSR")]
    Ssr,
    #[sea_orm(string_value = "MINE_ACTION")]
    MineAction,
    #[sea_orm(string_value = "SUPPORT_TO_NON_UN_FORCES")]
    SupportToNonUnForces,
    #[sea_orm(string_value = "ELECTORAL_SUPPORT")]
    ElectoralSupport,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Whether a cluster is global or deployed in the field.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterScope {
    #[sea_orm(string_value = "GLOBAL")]
    Global,
    #[sea_orm(string_value = "FIELD")]
    Field,
}

/// Humanitarian sector of a cluster.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterSector {
    #[sea_orm(string_value = "PROTECTION")]
    Protection,
    #[sea_orm(string_value = "CAMP_COORDINATION")]
    CampCoordination,
    #[sea_orm(string_value = "EARLY_RECOVERY")]
    EarlyRecovery,
    #[sea_orm(string_value = "EDUCATION")]
    Education,
    #[sea_orm(string_value = "SHELTER")]
    Shelter,
    #[sea_orm(string_value = "EMERGENCY_TELECOMMUNICATIONS")]
    EmergencyTelecommunications,
    #[sea_orm(string_value = "FOOD_SECURITY")]
    FoodSecurity,
    #[sea_orm(string_value = "HEALTH")]
    Health,
    #[sea_orm(string_value = "LOGISTICS")]
    Logistics,
    #[sea_orm(string_value = "NUTRITION")]
    Nutrition,
    #[sea_orm(string_value = "WASH")]
    Wash,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Theme of an area of responsibility (sub-cluster) of a Protection Cluster.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AorTheme {
    #[sea_orm(string_value = "CHILD_PROTECTION")]
    ChildProtection,
    #[sea_orm(string_value = "GENDER_BASED_VIOLENCE")]
    GenderBasedViolence,
    #[sea_orm(string_value = "MINE_ACTION")]
    MineAction,
    #[sea_orm(string_value = "HOUSING_LAND_PROPERTY")]
    HousingLandProperty,
    #[sea_orm(string_value = "RULE_OF_LAW_JUSTICE")]
    RuleOfLawJustice,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Role of an agency leading a cluster or an area of responsibility.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeadRole {
    #[sea_orm(string_value = "LEAD")]
    Lead,
    #[sea_orm(string_value = "CO_LEAD")]
    CoLead,
}

/// Kind of coordination forum.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ForumKind {
    #[sea_orm(string_value = "SENIOR_MANAGEMENT_GROUP")]
    SeniorManagementGroup,
    #[sea_orm(string_value = "POC_WORKING_GROUP")]
    PocWorkingGroup,
    #[sea_orm(string_value = "PROTECTION_CLUSTER")]
    ProtectionCluster,
    #[sea_orm(string_value = "AOR_COORDINATION")]
    AorCoordination,
    #[sea_orm(string_value = "PROTECTION_WORKING_GROUP")]
    ProtectionWorkingGroup,
    #[sea_orm(string_value = "EARLY_WARNING_CELL")]
    EarlyWarningCell,
    #[sea_orm(string_value = "CRISIS_CELL")]
    CrisisCell,
    #[sea_orm(string_value = "JOINT_OPERATIONS_CENTRE")]
    JointOperationsCentre,
    #[sea_orm(string_value = "JOINT_PROTECTION_TEAM")]
    JointProtectionTeam,
    #[sea_orm(string_value = "HUMANITARIAN_COUNTRY_TEAM")]
    HumanitarianCountryTeam,
    #[sea_orm(string_value = "UN_COUNTRY_TEAM")]
    UnCountryTeam,
    #[sea_orm(string_value = "SENIOR_PLANNING_GROUP")]
    SeniorPlanningGroup,
    #[sea_orm(string_value = "CIVIL_MILITARY_COORDINATION")]
    CivilMilitaryCoordination,
    #[sea_orm(string_value = "PROTECTION_NETWORK")]
    ProtectionNetwork,
    #[sea_orm(string_value = "STEERING_GROUP")]
    SteeringGroup,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Level at which a forum meets.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ForumLevel {
    #[sea_orm(string_value = "GLOBAL")]
    Global,
    #[sea_orm(string_value = "MISSION_HQ")]
    MissionHq,
    #[sea_orm(string_value = "REGIONAL")]
    Regional,
    #[sea_orm(string_value = "LOCAL")]
    Local,
}

/// Kind of link from one forum to another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ForumLinkKind {
    #[sea_orm(string_value = "REPORTS_TO")]
    ReportsTo,
    #[sea_orm(string_value = "SUBGROUP_OF")]
    SubgroupOf,
}

/// Capacity in which a member sits in a forum.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Capacity {
    #[sea_orm(string_value = "CHAIR")]
    Chair,
    #[sea_orm(string_value = "CO_CHAIR")]
    CoChair,
    #[sea_orm(string_value = "SECRETARIAT")]
    Secretariat,
    #[sea_orm(string_value = "MEMBER")]
    Member,
    #[sea_orm(string_value = "OBSERVER")]
    Observer,
    #[sea_orm(string_value = "PRESENT_WITHOUT_MEMBERSHIP")]
    PresentWithoutMembership,
    #[sea_orm(string_value = "LIAISON")]
    Liaison,
}

/// Kind of right a holder has over a decision area.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RightKind {
    #[sea_orm(string_value = "DECIDES")]
    Decides,
    #[sea_orm(string_value = "APPROVES")]
    Approves,
    #[sea_orm(string_value = "ENDORSES")]
    Endorses,
    #[sea_orm(string_value = "RECOMMENDS")]
    Recommends,
    #[sea_orm(string_value = "CONSULTED")]
    Consulted,
    #[sea_orm(string_value = "INFORMED")]
    Informed,
    #[sea_orm(string_value = "EXECUTES")]
    Executes,
}

/// Kind of document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    #[sea_orm(string_value = "POC_STRATEGY")]
    PocStrategy,
    #[sea_orm(string_value = "INTEGRATED_STRATEGIC_FRAMEWORK")]
    IntegratedStrategicFramework,
    #[sea_orm(string_value = "CONOPS")]
    Conops,
    #[sea_orm(string_value = "RULES_OF_ENGAGEMENT")]
    RulesOfEngagement,
    #[sea_orm(string_value = "DIRECTIVE_ON_USE_OF_FORCE")]
    DirectiveOnUseOfForce,
    #[sea_orm(string_value = "INFORMATION_SHARING_PROTOCOL")]
    InformationSharingProtocol,
    #[sea_orm(string_value = "SOP")]
    Sop,
    #[sea_orm(string_value = "SECURITY_COUNCIL_RESOLUTION")]
    SecurityCouncilResolution,
    #[sea_orm(string_value = "GUIDANCE")]
    Guidance,
    #[sea_orm(string_value = "REPORT")]
    Report,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Whether a document binds only the mission or the whole UN system in the country.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentCoverage {
    #[sea_orm(string_value = "MISSION_ONLY")]
    MissionOnly,
    #[sea_orm(string_value = "SYSTEM_WIDE")]
    SystemWide,
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable};

    /// The JSON (serde) name of every variant is the string stored in the database.
    fn check<E>()
    where
        E: ActiveEnum<Value = String> + Iterable + Serialize,
    {
        for variant in E::iter() {
            let stored = variant.to_value();
            assert_eq!(
                serde_json::to_value(&variant).ok(),
                Some(serde_json::Value::String(stored.clone())),
            );
            assert_eq!(
                E::try_from_value(&stored).ok().map(|v| v.to_value()),
                Some(stored)
            );
        }
    }

    #[test]
    fn serde_names_are_the_stored_values() {
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
}
