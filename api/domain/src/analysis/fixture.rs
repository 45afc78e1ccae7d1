//! A small, realistic mission for the tests, built from the seeds: an SRSG who is Head of
//! Mission, a DSRSG Political with Human Rights and Child Protection under it, a triple-hatted
//! DSRSG/RC/HC with Civil Affairs under it, a Force Commander, a Police Commissioner, the Senior
//! Management Group on POC, the Early Warning and Rapid Response Cell, a POC working group, the
//! UNCT, the Protection Cluster with its Child Protection and GBV AoRs, and the decision rights the
//! seeds state (use of force, POC strategy, early warning). Ids are small numbers so failures read
//! easily.

use crate::enums::{
    AorTheme, Capacity, ClusterScope, ComponentKind, ComponentSpecialty, ForumKind, ForumLevel,
    ForumLinkKind, Hat, LeadRole, MandatedTaskCategory, OrganizationKind, ReportingLineKind,
    RightKind, RiskEnvironment,
};
use chrono::NaiveDate;
use uuid::Uuid;

use super::snapshot::*;
use crate::mandates::Attributes;
use crate::validity::Validity;

pub(crate) const fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub(crate) const MISSION: Uuid = id(1);

pub(crate) const SECURITY_COUNCIL: Uuid = id(10);
pub(crate) const DPKO: Uuid = id(11);
pub(crate) const OHCHR: Uuid = id(12);
pub(crate) const UNHCR: Uuid = id(13);
pub(crate) const UNICEF: Uuid = id(14);
pub(crate) const OCHA: Uuid = id(15);
pub(crate) const ICRC: Uuid = id(16);
pub(crate) const OLD_NGO: Uuid = id(17);
pub(crate) const LOCAL_NGO: Uuid = id(18);

pub(crate) const OFFICE_SRSG: Uuid = id(20);
pub(crate) const FORCE: Uuid = id(21);
pub(crate) const POLICE: Uuid = id(22);
pub(crate) const HUMAN_RIGHTS: Uuid = id(23);
pub(crate) const CHILD_PROTECTION: Uuid = id(24);
pub(crate) const CIVIL_AFFAIRS: Uuid = id(25);
pub(crate) const WOMEN_PROTECTION_UNIT: Uuid = id(26);
pub(crate) const POC_UNIT: Uuid = id(27);

pub(crate) const SRSG: Uuid = id(30);
pub(crate) const DSRSG_POL: Uuid = id(31);
pub(crate) const DSRSG_RC_HC: Uuid = id(32);
pub(crate) const FORCE_COMMANDER: Uuid = id(33);
pub(crate) const POLICE_COMMISSIONER: Uuid = id(34);
pub(crate) const HEAD_HR: Uuid = id(35);
pub(crate) const SENIOR_CPA: Uuid = id(36);
pub(crate) const HEAD_CA: Uuid = id(37);
pub(crate) const HEAD_POC: Uuid = id(38);
pub(crate) const SECTOR_COMMANDER: Uuid = id(39);

pub(crate) const LINE_HEAD_HR_TO_DSRSG_POL: Uuid = id(44);
pub(crate) const LINE_HEAD_CA_TO_DSRSG_RC_HC: Uuid = id(47);

pub(crate) const PROTECTION_CLUSTER: Uuid = id(80);
pub(crate) const CP_AOR: Uuid = id(82);
pub(crate) const GBV_AOR: Uuid = id(84);

pub(crate) const SMG: Uuid = id(90);
pub(crate) const UNCT: Uuid = id(91);
pub(crate) const PC_FORUM: Uuid = id(92);
pub(crate) const CP_AOR_FORUM: Uuid = id(93);
pub(crate) const EWRRC: Uuid = id(94);
pub(crate) const POC_WG: Uuid = id(96);

pub(crate) const SMG_CHAIR_SEAT: Uuid = id(100);
pub(crate) const SMG_UNHCR_SEAT: Uuid = id(104);
pub(crate) const SMG_OCHA_SEAT: Uuid = id(105);
pub(crate) const SMG_HR_SEAT: Uuid = id(106);
pub(crate) const PC_UNHCR_SEAT: Uuid = id(110);
pub(crate) const PC_HR_SEAT: Uuid = id(111);
pub(crate) const PC_OLD_NGO_SEAT: Uuid = id(113);
pub(crate) const POC_WG_ICRC_SEAT: Uuid = id(117);

pub(crate) const USE_OF_FORCE: Uuid = id(130);
pub(crate) const POC_STRATEGY: Uuid = id(131);
pub(crate) const EARLY_WARNING: Uuid = id(132);
pub(crate) const MILITARY_ASSETS: Uuid = id(133);
pub(crate) const CLUSTER_LEAD_AGENCY: Uuid = id(134);

pub(crate) const FC_DECIDES_FORCE: Uuid = id(140);
pub(crate) const PC_DECIDES_POLICE: Uuid = id(141);
pub(crate) const SECTOR_DECIDES_FORCE: Uuid = id(142);
pub(crate) const SRSG_DECIDES_POC: Uuid = id(144);
pub(crate) const SRSG_ENDORSES_POC: Uuid = id(145);
pub(crate) const UNCT_ENDORSES_POC: Uuid = id(146);
pub(crate) const CLUSTER_CONSULTED_POC: Uuid = id(147);
pub(crate) const CLUSTER_INFORMED_POC: Uuid = id(148);
pub(crate) const SMG_DESIGNATES_DRAFTER: Uuid = id(149);
pub(crate) const EWRRC_RECOMMENDS: Uuid = id(150);
pub(crate) const DPKO_DECIDES_ASSETS: Uuid = id(152);
pub(crate) const DPKO_DECIDES_FORCE_GLOBAL: Uuid = id(153);

pub(crate) const TASK_MINE_ACTION: Uuid = id(173);

pub(crate) const HAT_HC: Uuid = id(185);

pub(crate) const MANDATE_1291: Uuid = id(190);
pub(crate) const MANDATE_1906: Uuid = id(191);
pub(crate) const NAME_MONUC: Uuid = id(192);

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `days` after 2010-01-01, for generated data.
pub(crate) fn offset(days: i64) -> NaiveDate {
    day(2010, 1, 1) + chrono::Duration::days(days)
}

pub(crate) fn always() -> Validity {
    Validity::new(day(2000, 1, 1), None)
}

pub(crate) fn since(y: i32, m: u32, d: u32) -> Validity {
    Validity::new(day(y, m, d), None)
}

/// A LINE-style reporting line from post to post.
pub(crate) fn line(
    n: u128,
    from: Uuid,
    to: Uuid,
    kind: ReportingLineKind,
    validity: Validity,
) -> ReportingLine {
    ReportingLine {
        id: id(n),
        from: LineSource::Post(from),
        to: LineTarget::Post(to),
        kind,
        validity,
    }
}

fn line_to_org(n: u128, from: Uuid, to: Uuid, kind: ReportingLineKind) -> ReportingLine {
    ReportingLine {
        id: id(n),
        from: LineSource::Post(from),
        to: LineTarget::Organization(to),
        kind,
        validity: always(),
    }
}

fn org(n: Uuid, code: &str, kind: OrganizationKind) -> Organization {
    Organization {
        id: n,
        code: code.to_owned(),
        name: code.to_owned(),
        kind,
        archived: false,
    }
}

fn component(
    n: Uuid,
    name: &str,
    kind: ComponentKind,
    specialty: ComponentSpecialty,
    parent: Option<Uuid>,
) -> Component {
    Component {
        id: n,
        mission_id: MISSION,
        parent_id: parent,
        name: name.to_owned(),
        kind,
        specialty: Some(specialty),
        validity: since(2008, 1, 1),
    }
}

/// A post of the mission; `hats` as (hat id, hat); filled (assigned) posts get a person whose id
/// is the post id + 1000.
fn post(n: Uuid, title: &str, comp: Option<Uuid>, hats: &[(u128, Hat)], filled: bool) -> Post {
    Post {
        id: n,
        title: title.to_owned(),
        mission_id: Some(MISSION),
        organization_id: None,
        component_id: comp,
        is_component_head: comp.is_some(),
        validity: since(2008, 1, 1),
        hats: hats
            .iter()
            .map(|&(h, hat)| PostHat {
                id: id(h),
                hat,
                validity: since(2008, 1, 1),
            })
            .collect(),
        assignments: if filled {
            vec![Assignment {
                id: id(n.as_u128() + 2000),
                person_id: id(n.as_u128() + 1000),
                acting: false,
                validity: since(2008, 1, 1),
            }]
        } else {
            Vec::new()
        },
    }
}

fn forum(n: Uuid, name: &str, kind: ForumKind, level: ForumLevel, mission: Option<Uuid>) -> Forum {
    Forum {
        id: n,
        name: name.to_owned(),
        kind,
        level,
        mission_id: mission,
        cluster_id: None,
        area_of_responsibility_id: None,
        validity: since(2008, 1, 1),
        links: Vec::new(),
    }
}

pub(crate) fn seat(n: Uuid, forum: Uuid, member: Member, capacity: Capacity) -> Membership {
    Membership {
        id: n,
        forum_id: forum,
        member,
        capacity,
        validity: since(2008, 1, 1),
    }
}

pub(crate) fn right(
    n: Uuid,
    area: Uuid,
    mission: Option<Uuid>,
    holder: Holder,
    kind: RightKind,
) -> DecisionRight {
    DecisionRight {
        id: n,
        area_id: area,
        mission_id: mission,
        holder,
        kind,
        scope: None,
        delegated_from: None,
        non_delegable: false,
        joint_decision: None,
        validity: since(2008, 1, 1),
        sources: Vec::new(),
    }
}

fn source(n: u128, title: &str, locator: &str) -> Source {
    Source {
        document_id: id(n),
        title: title.to_owned(),
        locator: Some(locator.to_owned()),
    }
}

fn lead(n: u128, org: Uuid) -> LeadAgency {
    LeadAgency {
        id: id(n),
        lead: Lead::Organization(org),
        role: LeadRole::Lead,
        validity: since(2008, 1, 1),
    }
}

/// The three core protection agencies' rights to decide the country's cluster lead, as rights
/// 9101 (UNHCR), 9102 (UNICEF) and 9103 (OHCHR), each citing its own paragraph, with the joint
/// decision `label` or none [001 fn4].
pub(crate) fn add_cluster_lead_agreement(snap: &mut Snapshot, label: Option<&str>) {
    for (n, agency) in [(9101, UNHCR), (9102, UNICEF), (9103, OHCHR)] {
        snap.rights.push(DecisionRight {
            scope: Some("the country's lead agency".to_owned()),
            joint_decision: label.map(str::to_owned),
            sources: vec![source(9200, "GPC", &format!("fn4 ({n})"))],
            ..right(
                id(n),
                CLUSTER_LEAD_AGENCY,
                Some(MISSION),
                Holder::Organization(agency),
                RightKind::Decides,
            )
        });
    }
}

/// The mission described at the top of this module.
pub(crate) fn mission() -> Snapshot {
    use ComponentKind as K;
    use ComponentSpecialty as S;
    use OrganizationKind as O;
    use ReportingLineKind::{Command, Functional, Line};
    use RightKind as R;

    let organizations = vec![
        org(SECURITY_COUNCIL, "UNSC", O::UnIntergovernmentalBody),
        org(DPKO, "DPKO", O::UnSecretariat),
        org(OHCHR, "OHCHR", O::UnSecretariat),
        org(UNHCR, "UNHCR", O::UnAgency),
        org(UNICEF, "UNICEF", O::UnAgency),
        org(OCHA, "OCHA", O::UnSecretariat),
        org(ICRC, "ICRC", O::RedCrossMovement),
        Organization {
            archived: true,
            ..org(OLD_NGO, "Old NGO", O::InternationalNgo)
        },
        org(LOCAL_NGO, "Local NGO", O::NationalNgo),
    ];
    let components = vec![
        component(
            OFFICE_SRSG,
            "Office of the SRSG",
            K::Civilian,
            S::ExecutiveOffice,
            None,
        ),
        component(FORCE, "Force", K::Military, S::Force, None),
        component(POLICE, "Police", K::Police, S::Police, None),
        component(
            HUMAN_RIGHTS,
            "Human Rights Division",
            K::Civilian,
            S::HumanRights,
            None,
        ),
        component(
            CHILD_PROTECTION,
            "Child Protection Section",
            K::Civilian,
            S::ChildProtection,
            None,
        ),
        component(
            CIVIL_AFFAIRS,
            "Civil Affairs Section",
            K::Civilian,
            S::CivilAffairs,
            None,
        ),
        component(
            WOMEN_PROTECTION_UNIT,
            "Women Protection Advisers",
            K::Civilian,
            S::WomenProtection,
            Some(HUMAN_RIGHTS),
        ),
        component(
            POC_UNIT,
            "POC Unit",
            K::Civilian,
            S::ProtectionOfCivilians,
            None,
        ),
    ];
    let posts = vec![
        post(
            SRSG,
            "SRSG",
            Some(OFFICE_SRSG),
            &[(180, Hat::Srsg), (181, Hat::HeadOfMission)],
            true,
        ),
        post(
            DSRSG_POL,
            "DSRSG Political",
            None,
            &[(182, Hat::DsrsgPolitical)],
            true,
        ),
        post(
            DSRSG_RC_HC,
            "DSRSG/RC/HC",
            None,
            &[
                (183, Hat::Dsrsg),
                (184, Hat::ResidentCoordinator),
                (185, Hat::HumanitarianCoordinator),
            ],
            true,
        ),
        post(
            FORCE_COMMANDER,
            "Force Commander",
            Some(FORCE),
            &[(186, Hat::ForceCommander)],
            true,
        ),
        post(
            POLICE_COMMISSIONER,
            "Police Commissioner",
            Some(POLICE),
            &[(187, Hat::PoliceCommissioner)],
            true,
        ),
        post(
            HEAD_HR,
            "Director of Human Rights",
            Some(HUMAN_RIGHTS),
            &[(188, Hat::HeadOfComponent), (189, Hat::OhchrRepresentative)],
            true,
        ),
        post(
            SENIOR_CPA,
            "Senior Child Protection Adviser",
            Some(CHILD_PROTECTION),
            &[(190, Hat::HeadOfComponent)],
            true,
        ),
        post(
            HEAD_CA,
            "Chief of Civil Affairs",
            Some(CIVIL_AFFAIRS),
            &[(191, Hat::HeadOfComponent)],
            true,
        ),
        post(
            HEAD_POC,
            "Senior POC Adviser",
            Some(POC_UNIT),
            &[(192, Hat::HeadOfComponent)],
            true,
        ),
        // Held from 2011 until September 2011, vacant since: a recorded vacancy.
        Post {
            is_component_head: false,
            assignments: vec![Assignment {
                id: id(2039),
                person_id: id(1039),
                acting: false,
                validity: Validity::new(day(2011, 1, 1), Some(day(2011, 9, 1))),
            }],
            ..post(
                SECTOR_COMMANDER,
                "Sector North Commander",
                Some(FORCE),
                &[],
                false,
            )
        },
    ];
    let reporting_lines = vec![
        line(40, DSRSG_POL, SRSG, Line, always()),
        line(41, DSRSG_RC_HC, SRSG, Line, always()),
        line(42, FORCE_COMMANDER, SRSG, Line, always()),
        line(43, POLICE_COMMISSIONER, SRSG, Line, always()),
        line(44, HEAD_HR, DSRSG_POL, Line, always()),
        line_to_org(45, HEAD_HR, OHCHR, Functional),
        ReportingLine {
            id: id(46),
            from: LineSource::Component(CHILD_PROTECTION),
            to: LineTarget::Post(DSRSG_POL),
            kind: Line,
            validity: always(),
        },
        line(47, HEAD_CA, DSRSG_RC_HC, Line, since(2010, 1, 1)),
        line(48, HEAD_POC, SRSG, Line, always()),
        line_to_org(49, SRSG, DPKO, Line),
        line(50, SECTOR_COMMANDER, FORCE_COMMANDER, Command, always()),
        line_to_org(52, DSRSG_RC_HC, OCHA, Functional),
    ];
    let mut forums = vec![
        forum(
            SMG,
            "Senior Management Group on POC",
            ForumKind::SeniorManagementGroup,
            ForumLevel::MissionHq,
            Some(MISSION),
        ),
        forum(
            UNCT,
            "UN Country Team",
            ForumKind::UnCountryTeam,
            ForumLevel::MissionHq,
            None,
        ),
        Forum {
            cluster_id: Some(PROTECTION_CLUSTER),
            ..forum(
                PC_FORUM,
                "Protection Cluster",
                ForumKind::ProtectionCluster,
                ForumLevel::MissionHq,
                None,
            )
        },
        Forum {
            area_of_responsibility_id: Some(CP_AOR),
            ..forum(
                CP_AOR_FORUM,
                "Child Protection AoR",
                ForumKind::AorCoordination,
                ForumLevel::MissionHq,
                None,
            )
        },
        forum(
            EWRRC,
            "Early Warning and Rapid Response Cell",
            ForumKind::EarlyWarningCell,
            ForumLevel::MissionHq,
            Some(MISSION),
        ),
        forum(
            POC_WG,
            "POC Working Group",
            ForumKind::PocWorkingGroup,
            ForumLevel::MissionHq,
            Some(MISSION),
        ),
    ];
    forums[4].links.push(ForumLink {
        id: id(95),
        target_forum_id: SMG,
        kind: ForumLinkKind::ReportsTo,
        validity: always(),
    });
    let memberships = vec![
        seat(SMG_CHAIR_SEAT, SMG, Member::Post(SRSG), Capacity::Chair),
        seat(id(101), SMG, Member::Post(DSRSG_POL), Capacity::Member),
        seat(id(102), SMG, Member::Post(DSRSG_RC_HC), Capacity::Member),
        seat(
            id(103),
            SMG,
            Member::Post(FORCE_COMMANDER),
            Capacity::Member,
        ),
        seat(
            SMG_UNHCR_SEAT,
            SMG,
            Member::Organization(UNHCR),
            Capacity::Observer,
        ),
        seat(
            SMG_OCHA_SEAT,
            SMG,
            Member::Organization(OCHA),
            Capacity::Observer,
        ),
        seat(
            SMG_HR_SEAT,
            SMG,
            Member::Component(HUMAN_RIGHTS),
            Capacity::Member,
        ),
        seat(id(107), UNCT, Member::Post(DSRSG_RC_HC), Capacity::Chair),
        seat(id(108), UNCT, Member::Organization(UNHCR), Capacity::Member),
        seat(
            id(109),
            UNCT,
            Member::Organization(UNICEF),
            Capacity::Member,
        ),
        seat(
            PC_UNHCR_SEAT,
            PC_FORUM,
            Member::Organization(UNHCR),
            Capacity::Chair,
        ),
        seat(
            PC_HR_SEAT,
            PC_FORUM,
            Member::Component(HUMAN_RIGHTS),
            Capacity::Member,
        ),
        seat(
            id(112),
            PC_FORUM,
            Member::Organization(OCHA),
            Capacity::Member,
        ),
        seat(
            PC_OLD_NGO_SEAT,
            PC_FORUM,
            Member::Organization(OLD_NGO),
            Capacity::Member,
        ),
        seat(
            id(114),
            CP_AOR_FORUM,
            Member::Organization(UNICEF),
            Capacity::Chair,
        ),
        seat(
            id(115),
            CP_AOR_FORUM,
            Member::Component(CHILD_PROTECTION),
            Capacity::CoChair,
        ),
        seat(id(116), POC_WG, Member::Post(HEAD_POC), Capacity::Chair),
        seat(
            POC_WG_ICRC_SEAT,
            POC_WG,
            Member::Organization(ICRC),
            Capacity::Observer,
        ),
        seat(
            id(118),
            POC_WG,
            Member::Component(CHILD_PROTECTION),
            Capacity::Member,
        ),
        seat(id(119), EWRRC, Member::Post(HEAD_POC), Capacity::Member),
        seat(
            id(120),
            POC_WG,
            Member::Organization(LOCAL_NGO),
            Capacity::Member,
        ),
    ];
    let clusters = vec![Cluster {
        id: PROTECTION_CLUSTER,
        code: "PC-COD".to_owned(),
        name: "Protection Cluster".to_owned(),
        scope: ClusterScope::Field,
        country_code: Some("COD".to_owned()),
        validity: since(2008, 1, 1),
        leads: vec![lead(81, UNHCR)],
    }];
    let areas_of_responsibility = vec![
        AreaOfResponsibility {
            id: CP_AOR,
            cluster_id: PROTECTION_CLUSTER,
            name: "Child Protection".to_owned(),
            theme: AorTheme::ChildProtection,
            counterpart_component_id: Some(CHILD_PROTECTION),
            validity: since(2008, 1, 1),
            leads: vec![lead(83, UNICEF)],
        },
        AreaOfResponsibility {
            id: GBV_AOR,
            cluster_id: PROTECTION_CLUSTER,
            name: "Gender-Based Violence".to_owned(),
            theme: AorTheme::GenderBasedViolence,
            counterpart_component_id: None,
            validity: since(2008, 1, 1),
            leads: Vec::new(),
        },
    ];
    let decision_areas = [
        (USE_OF_FORCE, "USE_OF_FORCE"),
        (POC_STRATEGY, "POC_STRATEGY"),
        (EARLY_WARNING, "EARLY_WARNING"),
        (MILITARY_ASSETS, "MILITARY_ASSETS"),
        (CLUSTER_LEAD_AGENCY, "CLUSTER_LEAD_AGENCY"),
    ]
    .into_iter()
    .map(|(n, code)| DecisionArea {
        id: n,
        code: code.to_owned(),
        name: code.to_lowercase().replace('_', " "),
    })
    .collect();
    let m = Some(MISSION);
    let rights = vec![
        DecisionRight {
            sources: vec![source(200, "POC strategy template", "G ¶17")],
            ..right(
                FC_DECIDES_FORCE,
                USE_OF_FORCE,
                m,
                Holder::Post(FORCE_COMMANDER),
                R::Decides,
            )
        },
        DecisionRight {
            scope: Some("police units".to_owned()),
            ..right(
                PC_DECIDES_POLICE,
                USE_OF_FORCE,
                m,
                Holder::Post(POLICE_COMMISSIONER),
                R::Decides,
            )
        },
        DecisionRight {
            delegated_from: Some(FC_DECIDES_FORCE),
            validity: since(2011, 1, 1),
            ..right(
                SECTOR_DECIDES_FORCE,
                USE_OF_FORCE,
                m,
                Holder::Post(SECTOR_COMMANDER),
                R::Decides,
            )
        },
        right(id(143), USE_OF_FORCE, m, Holder::Post(SRSG), R::Informed),
        DecisionRight {
            non_delegable: true,
            joint_decision: None,
            sources: vec![
                source(201, "Protection of Civilians Handbook", "§8.7.1"),
                source(202, "POC strategy framework", "¶7"),
            ],
            ..right(
                SRSG_DECIDES_POC,
                POC_STRATEGY,
                m,
                Holder::Post(SRSG),
                R::Decides,
            )
        },
        right(
            SRSG_ENDORSES_POC,
            POC_STRATEGY,
            m,
            Holder::Post(SRSG),
            R::Endorses,
        ),
        right(
            UNCT_ENDORSES_POC,
            POC_STRATEGY,
            m,
            Holder::Forum(UNCT),
            R::Endorses,
        ),
        right(
            CLUSTER_CONSULTED_POC,
            POC_STRATEGY,
            m,
            Holder::Forum(PC_FORUM),
            R::Consulted,
        ),
        right(
            CLUSTER_INFORMED_POC,
            POC_STRATEGY,
            m,
            Holder::Forum(PC_FORUM),
            R::Informed,
        ),
        DecisionRight {
            scope: Some("designation of the drafting office".to_owned()),
            ..right(
                SMG_DESIGNATES_DRAFTER,
                POC_STRATEGY,
                m,
                Holder::Forum(SMG),
                R::Decides,
            )
        },
        right(
            EWRRC_RECOMMENDS,
            EARLY_WARNING,
            m,
            Holder::Forum(EWRRC),
            R::Recommends,
        ),
        right(id(151), EARLY_WARNING, m, Holder::Forum(SMG), R::Informed),
        right(
            DPKO_DECIDES_ASSETS,
            MILITARY_ASSETS,
            None,
            Holder::Organization(DPKO),
            R::Decides,
        ),
        right(
            DPKO_DECIDES_FORCE_GLOBAL,
            USE_OF_FORCE,
            None,
            Holder::Organization(DPKO),
            R::Decides,
        ),
    ];
    let task = |n: u128, category, title: &str, lead| MandatedTask {
        id: id(n),
        mission_id: MISSION,
        category,
        title: title.to_owned(),
        lead_component_id: lead,
        validity: since(2008, 1, 1),
    };
    let mandated_tasks = vec![
        task(
            170,
            MandatedTaskCategory::ProtectionOfCivilians,
            "Protect civilians under imminent threat",
            Some(POC_UNIT),
        ),
        task(
            171,
            MandatedTaskCategory::HumanRights,
            "Monitor and report on human rights",
            Some(HUMAN_RIGHTS),
        ),
        task(
            172,
            MandatedTaskCategory::ChildrenAndArmedConflict,
            "SCR 1612 monitoring and reporting",
            Some(CHILD_PROTECTION),
        ),
        task(173, MandatedTaskCategory::MineAction, "Mine action", None),
    ];
    Snapshot {
        missions: vec![Mission {
            id: MISSION,
            acronym: "MONUSCO".to_owned(),
            name: "United Nations Organization Stabilization Mission in the DRC".to_owned(),
            mandates: vec![
                Mandate {
                    id: MANDATE_1291,
                    attributes: Attributes {
                        poc_mandate: true,
                        chapter_vii: true,
                        integrated_presence: true,
                        risk_environment: Some(RiskEnvironment::High),
                        ..Attributes::default()
                    },
                    resolution: Some("S/RES/1291 (2000)".to_owned()),
                    validity: Validity::new(day(2000, 1, 1), Some(day(2009, 12, 23))),
                },
                Mandate {
                    id: MANDATE_1906,
                    attributes: Attributes {
                        poc_mandate: true,
                        poc_first_priority: true,
                        chapter_vii: true,
                        integrated_presence: true,
                        risk_environment: Some(RiskEnvironment::High),
                        ..Attributes::default()
                    },
                    resolution: Some("S/RES/1906 (2009)".to_owned()),
                    validity: since(2009, 12, 23),
                },
            ],
            former_names: vec![FormerName {
                id: NAME_MONUC,
                acronym: "MONUC".to_owned(),
                name: "United Nations Organization Mission in the DRC".to_owned(),
                validity: Validity::new(day(2000, 1, 1), Some(day(2010, 7, 1))),
            }],
            country_code: Some("COD".to_owned()),
        }],
        organizations,
        components,
        posts,
        reporting_lines,
        forums,
        memberships,
        clusters,
        areas_of_responsibility,
        decision_areas,
        rights,
        mandated_tasks,
    }
}

/// Random reporting lines for property tests: `(from, to, kind, start day, length)`, where posts
/// are numbered 0..12 and `to == 12` means an organisation (UN HQ).
pub(crate) fn random_lines(raw: &[(u8, u8, u8, i64, Option<i64>)]) -> Snapshot {
    let kinds = [
        ReportingLineKind::Line,
        ReportingLineKind::Functional,
        ReportingLineKind::Command,
        ReportingLineKind::Coordination,
    ];
    let reporting_lines = raw
        .iter()
        .enumerate()
        .map(|(i, &(from, to, kind, start, len))| ReportingLine {
            id: id(10_000 + i as u128),
            from: LineSource::Post(id(from.into())),
            to: if to == 12 {
                LineTarget::Organization(id(500))
            } else {
                LineTarget::Post(id(to.into()))
            },
            kind: kinds[usize::from(kind) % 4],
            validity: Validity::new(offset(start), len.map(|l| offset(start + l))),
        })
        .collect();
    Snapshot {
        reporting_lines,
        ..Snapshot::default()
    }
}
