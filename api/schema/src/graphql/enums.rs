//! GraphQL enumerations. Each mirrors an enumeration of the `entity` crate; the conversions are
//! exhaustive matches, so a value added on one side and not the other fails to compile.

use entity::enums as db;

macro_rules! mirror_enum {
    ($(#[$doc:meta])* $name:ident => $db:ident { $($(#[$vdoc:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl From<db::$db> for $name {
            fn from(value: db::$db) -> Self {
                match value {
                    $(db::$db::$variant => Self::$variant),+
                }
            }
        }

        impl From<$name> for db::$db {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => Self::$variant),+
                }
            }
        }
    };
}

mirror_enum! {
    /// How sensitive a record is. A caller sees a record only up to its clearance.
    Sensitivity => Sensitivity {
        /// Anyone may see it, including anonymous callers where allowed.
        Public,
        /// Staff of the organisations involved.
        Internal,
        /// Named roles only (editors, analysts, administrators).
        Confidential,
        /// Administrators only.
        StrictlyConfidential,
    }
}

mirror_enum! {
    /// The kind of a UN mission.
    MissionKind => MissionKind {
        /// A peacekeeping operation (led by DPKO).
        Peacekeeping,
        /// A special political mission (led by DPA).
        SpecialPolitical,
        /// A hybrid operation with a regional organisation (e.g. AU/UN in Darfur).
        Hybrid,
    }
}

mirror_enum! {
    /// The security risk of the environment a mission works in. The IASC urges caution with
    /// structural integration in high-risk environments.
    RiskEnvironment => RiskEnvironment {
        /// Low risk.
        Low,
        /// Medium risk.
        Medium,
        /// High risk.
        High,
        /// Very high risk, e.g. active hostilities.
        VeryHigh,
    }
}

mirror_enum! {
    /// The kind of an organisation outside the mission structure.
    OrganizationKind => OrganizationKind {
        /// A department or office of the UN Secretariat (DPKO, DPA, OCHA, OHCHR).
        UnSecretariat,
        /// A UN agency, fund or programme (UNHCR, UNICEF, UNFPA).
        UnAgency,
        /// A UN intergovernmental body (the Security Council).
        UnIntergovernmentalBody,
        /// An international non-governmental organisation.
        InternationalNgo,
        /// A national non-governmental organisation.
        NationalNgo,
        /// The ICRC, IFRC or a national society.
        RedCrossMovement,
        /// The host government or one of its ministries.
        HostGovernment,
        /// The host state's army, police or other security forces.
        HostSecurityForce,
        /// An international or regional force outside the UN.
        NonUnForce,
        /// A regional organisation (AU, ECOWAS, EU).
        RegionalOrganization,
        /// A non-state armed group.
        NonStateArmedGroup,
        /// Civil society and community structures.
        CivilSociety,
        /// A member state, e.g. a troop- or police-contributing country.
        MemberState,
        /// A donor.
        Donor,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// The level of a geographic area.
    GeographicLevel => GeographicLevel {
        /// A country.
        Country,
        /// A region spanning several states or provinces.
        Region,
        /// A state or province.
        State,
        /// A mission sector.
        Sector,
        /// A town or locality.
        Locality,
    }
}

mirror_enum! {
    /// The kind of a mission component.
    ComponentKind => ComponentKind {
        /// A civilian component or section.
        Civilian,
        /// The military component (the Force) or one of its units.
        Military,
        /// The police component or one of its units.
        Police,
        /// Mission support.
        Support,
        /// A joint structure staffed by several components (JOC, JMAC).
        Joint,
    }
}

mirror_enum! {
    /// What a component works on.
    ComponentSpecialty => ComponentSpecialty {
        /// Human rights; its head also represents the High Commissioner for Human Rights.
        HumanRights,
        /// Child protection advisers.
        ChildProtection,
        /// Women protection advisers.
        WomenProtection,
        /// Gender.
        Gender,
        /// Civil affairs.
        CivilAffairs,
        /// Political affairs.
        PoliticalAffairs,
        /// Rule of law, justice and corrections.
        RuleOfLaw,
        /// Disarmament, demobilisation and reintegration (incl. DDRRR).
        Ddr,
        /// Mine action.
        MineAction,
        /// Public information.
        PublicInformation,
        /// Humanitarian liaison.
        HumanitarianLiaison,
        /// A protection of civilians unit or section.
        ProtectionOfCivilians,
        /// Joint operations centre.
        JointOperations,
        /// Joint mission analysis centre.
        JointAnalysis,
        /// The Force.
        Force,
        /// The police.
        Police,
        /// Mission support.
        MissionSupport,
        /// The office of the head of mission.
        ExecutiveOffice,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// Where in a mission's structure a component or post sits.
    StructureLevel => StructureLevel {
        /// Mission headquarters.
        Hq,
        /// Regional or sector level.
        Regional,
        /// A field office.
        Field,
    }
}

mirror_enum! {
    /// A role a post carries. One post can carry several hats (DSRSG + RC + HC).
    Hat => Hat {
        /// Head of Mission.
        HeadOfMission,
        /// Special Representative of the Secretary-General.
        Srsg,
        /// Deputy SRSG.
        Dsrsg,
        /// Deputy SRSG for political affairs.
        DsrsgPolitical,
        /// Deputy SRSG for rule of law.
        DsrsgRuleOfLaw,
        /// UN Resident Coordinator.
        ResidentCoordinator,
        /// Humanitarian Coordinator.
        HumanitarianCoordinator,
        /// Force Commander.
        ForceCommander,
        /// Police Commissioner (Head of Police Component).
        PoliceCommissioner,
        /// Director of Mission Support.
        DirectorMissionSupport,
        /// Chief of Staff.
        ChiefOfStaff,
        /// Head of a (field) office.
        HeadOfOffice,
        /// Head of a component or section.
        HeadOfComponent,
        /// Representative of the High Commissioner for Human Rights.
        OhchrRepresentative,
        /// Cluster coordinator.
        ClusterCoordinator,
        /// Any other role.
        Other,
    }
}

mirror_enum! {
    /// The kind of a reporting line.
    ReportingLineKind => ReportingLineKind {
        /// Line (hierarchical) reporting.
        Line,
        /// Functional or technical reporting (e.g. Head of Human Rights to the High Commissioner).
        Functional,
        /// Military or police command.
        Command,
        /// Coordination without authority.
        Coordination,
    }
}

mirror_enum! {
    /// A category of mandated task.
    MandatedTaskCategory => MandatedTaskCategory {
        /// Protection of civilians.
        ProtectionOfCivilians,
        /// Human rights monitoring, reporting and promotion.
        HumanRights,
        /// Children and armed conflict (SCR 1612 monitoring and reporting).
        ChildrenAndArmedConflict,
        /// Conflict-related sexual violence (SCR 1960 arrangements).
        ConflictRelatedSexualViolence,
        /// Creating conditions for humanitarian operations.
        HumanitarianConditions,
        /// Return of displaced people and refugees.
        ReturnOfDisplaced,
        /// Rule of law.
        RuleOfLaw,
        /// Disarmament, demobilisation and reintegration.
        Ddr,
        /// Security sector reform.
        Ssr,
        /// Mine action.
        MineAction,
        /// Support to non-UN security forces.
        SupportToNonUnForces,
        /// Electoral support.
        ElectoralSupport,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// Whether a cluster is global or field-level.
    ClusterScope => ClusterScope {
        /// A global cluster (e.g. the Global Protection Cluster).
        Global,
        /// A cluster in one country.
        Field,
    }
}

mirror_enum! {
    /// The humanitarian sector of a cluster.
    ClusterSector => ClusterSector {
        /// Protection.
        Protection,
        /// Camp coordination and camp management.
        CampCoordination,
        /// Early recovery.
        EarlyRecovery,
        /// Education.
        Education,
        /// Shelter.
        Shelter,
        /// Emergency telecommunications.
        EmergencyTelecommunications,
        /// Food security.
        FoodSecurity,
        /// Health.
        Health,
        /// Logistics.
        Logistics,
        /// Nutrition.
        Nutrition,
        /// Water, sanitation and hygiene.
        Wash,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// The theme of an Area of Responsibility of the Protection Cluster.
    AorTheme => AorTheme {
        /// Child protection.
        ChildProtection,
        /// Gender-based violence.
        GenderBasedViolence,
        /// Mine action.
        MineAction,
        /// Housing, land and property.
        HousingLandProperty,
        /// Rule of law and justice.
        RuleOfLawJustice,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// The role of a lead agency.
    LeadRole => LeadRole {
        /// Lead.
        Lead,
        /// Co-lead.
        CoLead,
    }
}

mirror_enum! {
    /// The kind of a coordination forum.
    ForumKind => ForumKind {
        /// Senior Management Group (e.g. on POC).
        SeniorManagementGroup,
        /// A POC working group at HQ or local level.
        PocWorkingGroup,
        /// A Protection Cluster meeting.
        ProtectionCluster,
        /// An AoR coordination meeting.
        AorCoordination,
        /// A Protection Working Group.
        ProtectionWorkingGroup,
        /// An early warning (and rapid response) cell.
        EarlyWarningCell,
        /// A crisis cell.
        CrisisCell,
        /// A Joint Operations Centre.
        JointOperationsCentre,
        /// A Joint Protection Team.
        JointProtectionTeam,
        /// The Humanitarian Country Team.
        HumanitarianCountryTeam,
        /// The UN Country Team.
        UnCountryTeam,
        /// An integrated Senior Planning Group.
        SeniorPlanningGroup,
        /// Civil-military coordination.
        CivilMilitaryCoordination,
        /// A protection network (e.g. OCHA's in Côte d'Ivoire).
        ProtectionNetwork,
        /// A steering group.
        SteeringGroup,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// The level at which a forum works.
    ForumLevel => ForumLevel {
        /// Global (headquarters of the UN or of clusters).
        Global,
        /// Mission headquarters.
        MissionHq,
        /// Regional or sector level.
        Regional,
        /// Local level.
        Local,
    }
}

mirror_enum! {
    /// How one forum relates to another.
    ForumLinkKind => ForumLinkKind {
        /// The forum reports to the target forum.
        ReportsTo,
        /// The forum is a subgroup of the target forum.
        SubgroupOf,
    }
}

mirror_enum! {
    /// The capacity in which a member sits in a forum.
    Capacity => Capacity {
        /// Chairs (convenes) the forum.
        Chair,
        /// Co-chairs the forum.
        CoChair,
        /// Provides the secretariat.
        Secretariat,
        /// A member (participant).
        Member,
        /// An observer, e.g. the Protection Cluster lead agency in mission POC forums.
        Observer,
        /// Present without membership, e.g. a public information office.
        PresentWithoutMembership,
        /// A liaison.
        Liaison,
    }
}

mirror_enum! {
    /// The kind of a decision right (after RACI/RAPID).
    RightKind => RightKind {
        /// Takes the decision and is accountable for it.
        Decides,
        /// Approves a decision taken by another.
        Approves,
        /// Endorses (signs off) a decision or document.
        Endorses,
        /// Recommends a decision.
        Recommends,
        /// Must be consulted before the decision.
        Consulted,
        /// Is informed of the decision.
        Informed,
        /// Carries the decision out.
        Executes,
    }
}

mirror_enum! {
    /// The kind of a document.
    DocumentKind => DocumentKind {
        /// A protection of civilians strategy.
        PocStrategy,
        /// An Integrated Strategic Framework.
        IntegratedStrategicFramework,
        /// A concept of operations.
        Conops,
        /// Rules of engagement.
        RulesOfEngagement,
        /// A directive on the use of force.
        DirectiveOnUseOfForce,
        /// An information-sharing protocol.
        InformationSharingProtocol,
        /// A standard operating procedure.
        Sop,
        /// A Security Council resolution.
        SecurityCouncilResolution,
        /// Policy guidance.
        Guidance,
        /// A report.
        Report,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// Whom a strategy covers.
    DocumentCoverage => DocumentCoverage {
        /// The mission only.
        MissionOnly,
        /// The whole UN system in the country.
        SystemWide,
    }
}
