//! The forums the seeds describe, which reports to which, and who sits in them in which
//! capacity: MONUC's Early Warning and Rapid Response Cell and Joint Protection Teams [004 ¶59,
//! ¶43], UNMIS's protection working groups [004 ¶49], the OCHA protection network in Côte
//! d'Ivoire with the ICRC as observer [004 ¶48], and the cluster forums.

use entity::enums::Capacity::*;
use entity::enums::ForumKind;
use entity::enums::ForumLevel::{Global, Local, MissionHq, Regional};
use entity::enums::ForumLinkKind::{ReportsTo, SubgroupOf};
use entity::enums::Sensitivity;

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;
use MemberRef::{Component as C, Org as O, Post as P};

const EWRRC_MEMBERS: Src = quote(
    S004,
    "¶59",
    "a forum that brings together the full spectrum of protection actors inside MONUC, including the military component, police, the human rights division, civil affairs, child protection, and the Joint Mission Analysis Cell",
);
const JPT_STAFF: Src = quote(
    S004,
    "¶43",
    "Composed of staff from the offices of Civil Affairs, human rights, political affairs, child protection, public information",
);
const PWG_UNDER_POC: Src = quote(
    S004,
    "¶49",
    "a network of some 15 inter-agency Protection Working Groups were established country-wide under UNMIS protection of civilians unit's lead",
);
const POC_LEAD_AS_CHAIR: Src = illustrative(
    S004,
    "¶49",
    "The POC unit's lead of the network is shown as chairing this group.",
);
const CIV_SUBGROUPS: Src = quote(
    S004,
    "¶48",
    "The network included two subgroups, the Child Protection Forum as of March 2006 and the IDP Protection Cluster as of April 2006.",
);
const SMG_COMPOSITION: Src = quote(
    S002,
    "template H ¶20",
    "This group has generally been composed of the HOM, the Deputy SRSGs, the Heads of Military and Police components, the Director or Chiefs of Mission Support and other relevant heads of mission components",
);
const SMG_OBSERVERS: Src = quote(
    S000,
    "§C (Participation in coordination forums)",
    "the Protection Cluster lead agency and OCHA generally participate as observers and can serve as a bridge for the field Protection Cluster",
);
const SMG_NOTE: Src = illustrative(
    S002,
    "template H ¶20",
    "MONUC's seats are shown from the Framework's general composition of such groups.",
);
const MISSION_STAFF_IN_CLUSTER: Src = quote(
    S001,
    "¶7",
    "Participation in protection clusters of relevant UN civilian mission staff, such as Human Rights Officers and Child Protection and Women Protection Advisors, is also to be encouraged.",
);
const LEAD_CHAIRS: Src = illustrative(
    S002,
    "fn12",
    "The cluster's lead agency (itself illustrative) is shown chairing its meetings.",
);

pub static FORUMS: &[Forum] = &[
    Forum {
        key: "MONUC/SMG",
        name: "Senior Management Group on POC",
        acronym: Some("SMG"),
        kind: ForumKind::SeniorManagementGroup,
        level: MissionHq,
        mission: Some("MONUC"),
        purpose: Some(
            "Discusses strategic POC issues: the prioritisation of POC tasks against other mandated tasks, anchoring POC in the political process, and a transparent, agreed allocation of resources.",
        ),
        src: &[
            quote(
                S004,
                "¶59",
                "The cell meets regularly and reports to the Senior Management Group",
            ),
            quote(
                S002,
                "template H ¶20",
                "The objectives of the group – which some missions have termed the Senior Management Group on POC – are to discuss strategic issues",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "MONUC/EWRRC",
        name: "Early Warning and Rapid Response Cell",
        kind: ForumKind::EarlyWarningCell,
        level: MissionHq,
        mission: Some("MONUC"),
        established_by: Some(By::Post("MONUC/DSRSG-ROL")),
        frequency: Some("Meets regularly"),
        purpose: Some(
            "Brings together the full spectrum of protection actors inside the mission; gives the Senior Management Group updates on emerging threats and suggestions for possible action.",
        ),
        src: &[
            quote(
                S004,
                "¶59",
                "The DSRSG-RoL in MONUC, for example, has established an Early Warning and Rapid Response Cell",
            ),
            cite(S002, "template E ¶9"),
        ],
        ..FORUM
    },
    Forum {
        key: "MONUC/JPT",
        name: "Joint Protection Teams",
        acronym: Some("JPT"),
        kind: ForumKind::JointProtectionTeam,
        level: Local,
        mission: Some("MONUC"),
        established_by: Some(By::Post("MONUC/DSRSG-RC-HC")),
        open: true,
        standing: false,
        purpose: Some(
            "Deployed for short periods to help military outposts (Company Operating Bases) understand the socio-political context and the threats to civilians, design civil and military protection measures and liaise with local authorities.",
        ),
        when: When::From("2009-01-01"),
        src: &[
            quote(
                S004,
                "¶43",
                "Created in early 2009 in response to the POC emphasis in the Security Council resolution 1856 (2008)",
            ),
            quote(
                S004,
                "¶41",
                "the Joint Protection Teams, which are now widely used in MONUC",
            ),
            cite(S004, "¶56"),
            illustrative(
                S004,
                "¶43",
                "'Early 2009' is shown as 1 January 2009; the DSRSG/RC/HC's office, which drove the concept with Civil Affairs, is shown as having established the teams.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "DRC/UNCT",
        name: "UN Country Team (DRC)",
        acronym: Some("UNCT"),
        kind: ForumKind::UnCountryTeam,
        level: MissionHq,
        place: Some("COD"),
        when: When::From("1999-11-30"),
        src: &[
            quote(
                S002,
                "¶11",
                "Once finalized the strategy should be endorsed by the Head of Mission and the UNCT.",
            ),
            cite(S000, "fn16"),
            illustrative(
                S000,
                "fn16",
                "The seeds do not date the DRC UN Country Team; it is shown from MONUC's start.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "DRC/PC",
        name: "Protection Cluster (DRC, national)",
        kind: ForumKind::ProtectionCluster,
        level: MissionHq,
        cluster: Some("PC-DRC"),
        place: Some("COD"),
        open: true,
        when: When::Parent,
        src: &[
            quote(
                S004,
                "¶47",
                "The Protection Cluster is the standard forum through which the humanitarian community coordinates on protection issues.",
            ),
            cite(S000, "§C (Protection Assessments)"),
        ],
        ..FORUM
    },
    Forum {
        key: "DRC/PC-NK",
        name: "Protection Cluster (North Kivu)",
        kind: ForumKind::ProtectionCluster,
        level: Regional,
        cluster: Some("PC-DRC"),
        place: Some("COD/NORTH-KIVU"),
        open: true,
        purpose: Some(
            "Keeps the protection matrix the mission uses to prioritise the deployment of its peacekeepers.",
        ),
        when: When::From("2008-01-01"),
        src: &[
            quote(
                S004,
                "¶47",
                "in North Kivu in DRC, the peacekeeping mission has used since 2008 a protection matrix developed and regularly updated by the Protection Cluster",
            ),
            illustrative(
                S004,
                "¶47",
                "The provincial cluster is shown from 1 January 2008; the seed says its matrix has been used since 2008.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "UNMIS/PSG",
        name: "Protection Steering Group",
        acronym: Some("PSG"),
        kind: ForumKind::SteeringGroup,
        level: MissionHq,
        mission: Some("UNMIS"),
        open: true,
        purpose: Some(
            "Supports, at the central level, the country-wide network of inter-agency Protection Working Groups.",
        ),
        when: When::Parent,
        src: &[quote(
            S004,
            "¶49",
            "with the support of the inter-agency Protection Steering Group at the central level",
        )],
        ..FORUM
    },
    Forum {
        key: "UNMIS/PWG-JUBA",
        name: "Regional Protection Working Group (Juba)",
        kind: ForumKind::ProtectionWorkingGroup,
        level: Regional,
        mission: Some("UNMIS"),
        place: Some("SDN/JUBA"),
        open: true,
        when: When::Parent,
        src: &[quote(
            S004,
            "¶49",
            "under the Regional protection working group in Juba",
        )],
        ..FORUM
    },
    Forum {
        key: "UNMIS/PWG-MALAKAL",
        name: "Protection Working Group (Malakal)",
        kind: ForumKind::ProtectionWorkingGroup,
        level: Local,
        mission: Some("UNMIS"),
        place: Some("SDN/MALAKAL"),
        open: true,
        purpose: Some(
            "Organises field assessments, follows up individual protection cases, monitors returnees, helps identify threats from uncontrolled armed groups and supports the release of child soldiers.",
        ),
        when: When::Parent,
        src: &[
            PWG_UNDER_POC,
            illustrative(
                S004,
                "¶49",
                "One of the some 15 working groups; the seeds do not name their locations, so Malakal (004 ¶60) is illustrative.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "UNMIS/PWG-ABYEI",
        name: "Protection Working Group (Abyei)",
        kind: ForumKind::ProtectionWorkingGroup,
        level: Local,
        mission: Some("UNMIS"),
        place: Some("SDN/ABYEI"),
        open: true,
        purpose: Some(
            "Organises field assessments, follows up individual protection cases, monitors returnees, helps identify threats from uncontrolled armed groups and supports the release of child soldiers.",
        ),
        when: When::Parent,
        src: &[
            PWG_UNDER_POC,
            illustrative(
                S004,
                "¶49",
                "One of the some 15 working groups; the seeds do not name their locations, so Abyei (004 ¶45) is illustrative.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "UNMIS/CCC",
        name: "Crisis Coordination Center",
        acronym: Some("CCC"),
        kind: ForumKind::CrisisCell,
        level: MissionHq,
        mission: Some("UNMIS"),
        frequency: Some("24 hours a day"),
        purpose: Some(
            "Coordinates information to better analyse and respond to early information received across the mission's components.",
        ),
        when: When::From("2009-03-01"),
        sensitivity: Sensitivity::Internal,
        src: &[
            quote(
                S004,
                "¶60",
                "The mission also established a 24 hour Crisis Coordination Center for coordinating information to better analyse and respond to early information received across UNMIS components.",
            ),
            illustrative(
                S004,
                "¶60",
                "Set up after the Malakal fighting of early 2009; the date shown (1 March 2009) is illustrative, and so is its INTERNAL sensitivity.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "CIV/NETWORK",
        name: "Protection network (Côte d'Ivoire)",
        kind: ForumKind::ProtectionNetwork,
        level: MissionHq,
        place: Some("CIV"),
        established_by: Some(By::Org("OCHA")),
        open: true,
        purpose: Some(
            "To 'respond more systematically and coherently' to the protection needs of the civilian population: collects and validates protection information and provides analysis for early warning action, advocacy and denunciation.",
        ),
        when: When::From("2005-06-01"),
        src: &[
            quote(
                S004,
                "¶48",
                "A protection 'network' was established by the UN Office for the Coordination of Humanitarian Affairs (OCHA) in Côte d'Ivoire in June 2005",
            ),
            illustrative(S004, "¶48", "'June 2005' is shown as 1 June 2005."),
        ],
        ..FORUM
    },
    Forum {
        key: "CIV/CPF",
        name: "Child Protection Forum (Côte d'Ivoire)",
        kind: ForumKind::ProtectionWorkingGroup,
        level: MissionHq,
        place: Some("CIV"),
        open: true,
        when: When::From("2006-03-01"),
        src: &[
            CIV_SUBGROUPS,
            illustrative(S004, "¶48", "'March 2006' is shown as 1 March 2006."),
        ],
        ..FORUM
    },
    Forum {
        key: "CIV/IDP-PC",
        name: "IDP Protection Cluster (Côte d'Ivoire)",
        kind: ForumKind::ProtectionCluster,
        level: MissionHq,
        cluster: Some("PC-CIV"),
        place: Some("CIV"),
        open: true,
        when: When::From("2006-04-01"),
        src: &[
            CIV_SUBGROUPS,
            illustrative(S004, "¶48", "'April 2006' is shown as 1 April 2006."),
        ],
        ..FORUM
    },
    Forum {
        key: "MONUC/NK-PWG",
        name: "Protection working group (MONUC, North Kivu)",
        kind: ForumKind::PocWorkingGroup,
        level: Regional,
        mission: Some("MONUC"),
        place: Some("COD/NORTH-KIVU"),
        established_by: Some(By::Post("MONUC/NK-HOO")),
        purpose: Some(
            "Coordinates protection activities in the province, as the local counterpart of the mission HQ's POC forum.",
        ),
        src: &[
            quote(
                S003,
                "§8.8.2",
                "At the level of field offices, a protection working group, under the direction of the Head of Office or Sub-Office, could coordinate protection activities in their areas of responsibility (AoR).",
            ),
            quote(S002, H21, "as a counterpart to the working group in mission HQ"),
            illustrative(
                S003,
                "§8.8.2",
                "The seeds recommend such groups generally; MONUC's in North Kivu is shown on that basis.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "UNOCI/POC-WG",
        name: "POC Working Group (UNOCI)",
        kind: ForumKind::PocWorkingGroup,
        level: MissionHq,
        mission: Some("UNOCI"),
        purpose: Some(
            "Brings the mission's components together on the protection of civilians at mission headquarters.",
        ),
        src: &[
            quote(S002, H21, "as a counterpart to the working group in mission HQ"),
            quote(
                S000,
                "fn19",
                "As of June 2013, UNAMID, UNMISS and UNOCI have mission-wide PoC strategies",
            ),
            illustrative(
                S002,
                H21,
                "The Framework recommends a working group at mission HQ; UNOCI's is shown on that basis.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "SDN/DARFUR-PWG",
        name: "Darfur Protection Working Group",
        kind: ForumKind::ProtectionWorkingGroup,
        level: Regional,
        cluster: Some("PWG-DARFUR"),
        place: Some("SDN/DARFUR"),
        open: true,
        when: When::Parent,
        src: &[
            quote(
                S000,
                "§C (Advocacy and Communication)",
                "Darfur Protection Working Group",
            ),
            noted(
                S004,
                "¶49",
                "The cluster-like working group of Darfur; it is not one of the some 15 UNMIS groups, of which the seeds name only the regional group in Juba.",
            ),
        ],
        ..FORUM
    },
    Forum {
        key: "IASC",
        name: "Inter-Agency Standing Committee",
        acronym: Some("IASC"),
        kind: ForumKind::Other,
        level: Global,
        when: When::From("1992-06-01"),
        src: &[
            quote(
                S001,
                "fn4",
                "See IASC Reference Module for Cluster Coordination at the Country Level",
            ),
            cite(S003, "§6.2"),
            illustrative(
                S003,
                "§6.2",
                "The IASC's start (June 1992) is not stated in the seeds.",
            ),
        ],
        ..FORUM
    },
];

const fn link(from: &'static str, to: &'static str, src: &'static [Src]) -> Link {
    Link {
        from,
        to,
        kind: ReportsTo,
        when: When::Parent,
        src,
    }
}

pub static LINKS: &[Link] = &[
    link(
        "MONUC/EWRRC",
        "MONUC/SMG",
        &[quote(
            S004,
            "¶59",
            "The cell meets regularly and reports to the Senior Management Group, providing both updates on emerging threats and suggestions for possible action.",
        )],
    ),
    link(
        "DRC/PC-NK",
        "DRC/PC",
        &[illustrative(
            S004,
            "¶47",
            "The provincial cluster is shown reporting to the national one for illustration.",
        )],
    ),
    link(
        "UNMIS/PWG-JUBA",
        "UNMIS/PSG",
        &[
            cite(S004, "¶49"),
            illustrative(
                S004,
                "¶49",
                "The seed says the network had the Steering Group's support; a reporting link is shown for illustration.",
            ),
        ],
    ),
    link(
        "UNMIS/PWG-MALAKAL",
        "UNMIS/PWG-JUBA",
        &[quote(
            S004,
            "¶49",
            "under the Regional protection working group in Juba",
        )],
    ),
    link(
        "UNMIS/PWG-ABYEI",
        "UNMIS/PSG",
        &[
            cite(S004, "¶49"),
            illustrative(
                S004,
                "¶49",
                "Abyei lies outside Southern Sudan; its group is shown reporting to the central Steering Group.",
            ),
        ],
    ),
    link(
        "MONUC/NK-PWG",
        "MONUC/SMG",
        &[
            quote(S002, H21, "as a counterpart to the working group in mission HQ"),
            illustrative(
                S002,
                H21,
                "The provincial group is shown reporting to the Senior Management Group on POC at mission HQ.",
            ),
        ],
    ),
    Link {
        from: "CIV/CPF",
        to: "CIV/NETWORK",
        kind: SubgroupOf,
        when: When::Parent,
        src: &[CIV_SUBGROUPS],
    },
    Link {
        from: "CIV/IDP-PC",
        to: "CIV/NETWORK",
        kind: SubgroupOf,
        when: When::Parent,
        src: &[CIV_SUBGROUPS],
    },
];

const fn seat(
    forum: &'static str,
    member: MemberRef,
    capacity: entity::enums::Capacity,
    src: &'static [Src],
) -> Seat {
    Seat {
        forum,
        member,
        capacity,
        note: None,
        when: When::Parent,
        src,
    }
}

pub static SEATS: &[Seat] = &[
    // MONUC's Senior Management Group on POC
    seat(
        "MONUC/SMG",
        P("MONUC/SRSG"),
        Chair,
        &[
            cite(S002, "template H ¶20"),
            illustrative(
                S002,
                "template H ¶20",
                "The Framework lists the HOM first; that MONUC's SRSG chairs the group is illustrative.",
            ),
        ],
    ),
    seat("MONUC/SMG", P("MONUC/DSRSG-ROL"), Member, &[SMG_COMPOSITION, SMG_NOTE]),
    seat("MONUC/SMG", P("MONUC/DSRSG-RC-HC"), Member, &[SMG_COMPOSITION, SMG_NOTE]),
    seat("MONUC/SMG", P("MONUC/FC"), Member, &[SMG_COMPOSITION, SMG_NOTE]),
    seat("MONUC/SMG", P("MONUC/POLCOM"), Member, &[SMG_COMPOSITION, SMG_NOTE]),
    seat("MONUC/SMG", P("MONUC/DMS"), Member, &[SMG_COMPOSITION, SMG_NOTE]),
    Seat {
        forum: "MONUC/SMG",
        member: O("UNHCR"),
        capacity: Observer,
        note: Some("As the Protection Cluster lead agency, a bridge to the cluster."),
        when: When::Parent,
        src: &[SMG_OBSERVERS, SMG_NOTE],
    },
    Seat {
        forum: "MONUC/SMG",
        member: O("OCHA"),
        capacity: Observer,
        note: Some("A bridge to the humanitarian community."),
        when: When::Parent,
        src: &[SMG_OBSERVERS, SMG_NOTE],
    },
    // MONUC's Early Warning and Rapid Response Cell [004 ¶59]
    seat("MONUC/EWRRC", C("MONUC/FORCE"), Member, &[EWRRC_MEMBERS]),
    seat("MONUC/EWRRC", C("MONUC/POLICE"), Member, &[EWRRC_MEMBERS]),
    seat("MONUC/EWRRC", C("MONUC/HRD"), Member, &[EWRRC_MEMBERS]),
    seat("MONUC/EWRRC", C("MONUC/CA"), Member, &[EWRRC_MEMBERS]),
    seat("MONUC/EWRRC", C("MONUC/CP"), Member, &[EWRRC_MEMBERS]),
    seat("MONUC/EWRRC", C("MONUC/JMAC"), Member, &[EWRRC_MEMBERS]),
    Seat {
        forum: "MONUC/EWRRC",
        member: C("MONUC/PIO"),
        capacity: PresentWithoutMembership,
        note: Some("Present to help with any needs to communicate on the protection mandates and activities."),
        when: When::Parent,
        src: &[quote(
            S004,
            "¶59",
            "The MONUC public information office is also present to help with any needs to communicate on the protection mandates and activities.",
        )],
    },
    // MONUC's Joint Protection Teams [004 ¶43]
    Seat {
        forum: "MONUC/JPT",
        member: C("MONUC/CA"),
        capacity: Chair,
        note: Some("Organises the teams and drafts the protection planning matrices with protection partners."),
        when: When::Parent,
        src: &[
            quote(S004, "¶43", "Civil Affairs plays a key role in organizing JPTs"),
            illustrative(S004, "¶43", "Organising the teams is shown as chairing them."),
        ],
    },
    seat("MONUC/JPT", C("MONUC/HRD"), Member, &[JPT_STAFF]),
    seat("MONUC/JPT", C("MONUC/PA"), Member, &[JPT_STAFF]),
    seat("MONUC/JPT", C("MONUC/CP"), Member, &[JPT_STAFF]),
    seat("MONUC/JPT", C("MONUC/PIO"), Member, &[JPT_STAFF]),
    Seat {
        forum: "MONUC/JPT",
        member: C("MONUC/DDRRR"),
        capacity: Member,
        note: Some("Sometimes."),
        when: When::Parent,
        src: &[quote(
            S004,
            "¶43",
            "and sometimes the Disarmament, Demobilization, Repatriation, Resettlement and Reintegration (DDRRR) Section",
        )],
    },
    // The DRC UN Country Team
    seat(
        "DRC/UNCT",
        P("MONUC/DSRSG-RC-HC"),
        Chair,
        &[
            quote(
                S000,
                "fn16",
                "all representatives of UN system organisations in the country will report to the RC on matters related to the working of the UNCT",
            ),
            illustrative(
                S000,
                "fn16",
                "That the Resident Coordinator chairs the UN Country Team is shown for illustration.",
            ),
        ],
    ),
    seat("DRC/UNCT", O("UNHCR"), Member, &[UNCT_MEMBER_NOTE]),
    seat("DRC/UNCT", O("UNICEF"), Member, &[UNCT_MEMBER_NOTE]),
    seat("DRC/UNCT", O("UNFPA"), Member, &[UNCT_MEMBER_NOTE]),
    seat("DRC/UNCT", O("UNDP"), Member, &[UNCT_MEMBER_NOTE]),
    // The DRC Protection Cluster, national and North Kivu
    seat("DRC/PC", O("UNHCR"), Chair, &[LEAD_CHAIRS]),
    seat(
        "DRC/PC",
        O("UNICEF"),
        Member,
        &[illustrative(
            S002,
            "¶9",
            "The Protection Cluster's sub-working groups on child protection are named in 002 ¶9; UNICEF's seat is illustrative.",
        )],
    ),
    seat(
        "DRC/PC",
        C("MONUC/HRD"),
        Member,
        &[
            MISSION_STAFF_IN_CLUSTER,
            illustrative(
                S000,
                "§C (Participation in coordination forums)",
                "MONUC's seat in the DRC cluster is shown for illustration.",
            ),
        ],
    ),
    seat("DRC/PC-NK", O("UNHCR"), Chair, &[LEAD_CHAIRS]),
    Seat {
        forum: "DRC/PC-NK",
        member: C("MONUC/CA"),
        capacity: Liaison,
        note: Some("Mission staff attend the cluster at provincial level."),
        when: When::Parent,
        src: &[
            quote(
                S002,
                "template H ¶22",
                "mission staff should regularly attend the Protection Cluster at the state level and regional/local level",
            ),
            illustrative(
                S002,
                "template H ¶22",
                "Which MONUC component attends in North Kivu is illustrative.",
            ),
        ],
    },
    // UNMIS's protection working groups [004 ¶49]
    seat(
        "UNMIS/PSG",
        C("UNMIS/POC"),
        Chair,
        &[PWG_UNDER_POC, POC_LEAD_AS_CHAIR],
    ),
    seat("UNMIS/PSG", O("UNHCR"), Member, &[PSG_MEMBER_NOTE]),
    seat("UNMIS/PSG", O("UNICEF"), Member, &[PSG_MEMBER_NOTE]),
    seat("UNMIS/PSG", O("OCHA"), Member, &[PSG_MEMBER_NOTE]),
    seat(
        "UNMIS/PWG-JUBA",
        C("UNMIS/POC-SOUTH"),
        Chair,
        &[PWG_UNDER_POC, POC_LEAD_AS_CHAIR],
    ),
    seat(
        "UNMIS/PWG-JUBA",
        O("UNHCR"),
        Member,
        &[
            quote(
                S003,
                "Annex (participants)",
                "Protection Officer Juba, South Sudan UNHCR",
            ),
            JUBA_MEMBER_NOTE,
        ],
    ),
    seat(
        "UNMIS/PWG-JUBA",
        O("OCHA"),
        Member,
        &[
            quote(
                S003,
                "Annex (participants)",
                "Head of Office Southern Sudan, Juba OCHA",
            ),
            JUBA_MEMBER_NOTE,
        ],
    ),
    seat(
        "UNMIS/PWG-MALAKAL",
        C("UNMIS/POC"),
        Chair,
        &[PWG_UNDER_POC, POC_LEAD_AS_CHAIR],
    ),
    seat(
        "UNMIS/PWG-ABYEI",
        C("UNMIS/POC"),
        Chair,
        &[PWG_UNDER_POC, POC_LEAD_AS_CHAIR],
    ),
    // The OCHA protection network in Côte d'Ivoire [004 ¶48]
    seat(
        "CIV/NETWORK",
        O("OCHA"),
        Chair,
        &[
            quote(
                S004,
                "¶48",
                "A protection 'network' was established by the UN Office for the Coordination of Humanitarian Affairs (OCHA)",
            ),
            illustrative(
                S004,
                "¶48",
                "That OCHA, which established the network, chairs it is illustrative.",
            ),
        ],
    ),
    seat(
        "CIV/NETWORK",
        C("UNOCI/HRD"),
        Member,
        &[quote(S004, "¶48", "UNOCI's Human Rights Division")],
    ),
    seat("CIV/NETWORK", C("UNOCI/CP"), Member, &[CIV_ADVISERS]),
    seat("CIV/NETWORK", C("UNOCI/GENDER"), Member, &[CIV_ADVISERS]),
    Seat {
        forum: "CIV/NETWORK",
        member: O("ICRC"),
        capacity: Observer,
        note: Some("In its customary observer role."),
        when: When::Parent,
        src: &[quote(
            S004,
            "¶48",
            "as well as International Committee of the Red Cross in its customary 'observer' role",
        )],
    },
    seat("CIV/NETWORK", O("UNHCR"), Member, &[CIV_AGENCIES, CIV_AGENCIES_NOTE]),
    seat("CIV/NETWORK", O("UNICEF"), Member, &[CIV_AGENCIES, CIV_AGENCIES_NOTE]),
    seat("CIV/IDP-PC", O("UNHCR"), Chair, &[LEAD_CHAIRS]),
    seat(
        "CIV/CPF",
        O("UNICEF"),
        Chair,
        &[
            CIV_SUBGROUPS,
            illustrative(
                S004,
                "¶48",
                "Who chairs the Child Protection Forum is not stated; UNICEF is shown for illustration.",
            ),
        ],
    ),
    // MONUC's protection working group in North Kivu [003 §8.8.2]
    seat(
        "MONUC/NK-PWG",
        P("MONUC/NK-HOO"),
        Chair,
        &[
            quote(
                S003,
                "§8.8.2",
                "under the direction of the Head of Office or Sub-Office",
            ),
            NK_NOTE,
        ],
    ),
    seat("MONUC/NK-PWG", C("MONUC/FORCE"), Member, &[NK_MEMBERS, NK_NOTE]),
    seat("MONUC/NK-PWG", C("MONUC/CA"), Member, &[NK_MEMBERS, NK_NOTE]),
    seat("MONUC/NK-PWG", C("MONUC/HRD"), Member, &[NK_MEMBERS, NK_NOTE]),
    seat("MONUC/NK-PWG", O("UNHCR"), Observer, &[SMG_OBSERVERS, NK_NOTE]),
    // UNOCI's POC working group at mission HQ [002 template H ¶20]
    seat(
        "UNOCI/POC-WG",
        P("UNOCI/DSRSG-POL"),
        Chair,
        &[
            quote(
                S002,
                "template G ¶17",
                "especially in cases where protection actors (e.g. Human Rights Section and Child Protection) may be reporting to him/her",
            ),
            illustrative(
                S002,
                "template G ¶17",
                "That UNOCI's DSRSG Political, to whom its protection components report in the demo, chairs the group is illustrative.",
            ),
        ],
    ),
    seat(
        "UNOCI/POC-WG",
        C("UNOCI/HRD"),
        Member,
        &[
            quote(S003, "§8.2.1", "and to Human Rights in MINUSTAH and ONUCI"),
            UNOCI_NOTE,
        ],
    ),
    seat("UNOCI/POC-WG", C("UNOCI/CP"), Member, &[SMG_COMPOSITION, UNOCI_NOTE]),
    seat("UNOCI/POC-WG", C("UNOCI/FORCE"), Member, &[SMG_COMPOSITION, UNOCI_NOTE]),
    seat("UNOCI/POC-WG", C("UNOCI/POLICE"), Member, &[SMG_COMPOSITION, UNOCI_NOTE]),
    Seat {
        forum: "UNOCI/POC-WG",
        member: O("UNHCR"),
        capacity: Observer,
        note: Some("As the Protection Cluster lead agency, a bridge to the cluster."),
        when: When::Parent,
        src: &[SMG_OBSERVERS, UNOCI_NOTE],
    },
    Seat {
        forum: "UNOCI/POC-WG",
        member: O("OCHA"),
        capacity: Observer,
        note: Some("A bridge to the humanitarian community."),
        when: When::Parent,
        src: &[SMG_OBSERVERS, UNOCI_NOTE],
    },
    // The Darfur Protection Working Group [000 §C]
    seat("SDN/DARFUR-PWG", O("UNHCR"), Chair, &[LEAD_CHAIRS]),
    seat(
        "SDN/DARFUR-PWG",
        C("UNAMID/HR"),
        Member,
        &[
            MISSION_STAFF_IN_CLUSTER,
            illustrative(
                S000,
                "§C (Participation in coordination forums)",
                "UNAMID's seat in the Darfur group is shown for illustration.",
            ),
        ],
    ),
    // The IASC
    seat(
        "IASC",
        P("OCHA/ERC"),
        Chair,
        &[illustrative(
            S001,
            "fn4",
            "That the Emergency Relief Coordinator chairs the IASC is not stated in the seeds.",
        )],
    ),
    seat("IASC", O("UNHCR"), Member, &[IASC_MEMBER_NOTE]),
    seat("IASC", O("UNICEF"), Member, &[IASC_MEMBER_NOTE]),
];

const UNCT_MEMBER_NOTE: Src = illustrative(
    S000,
    "fn16",
    "Which agencies sit in the DRC UN Country Team is not stated in the seeds.",
);
const PSG_MEMBER_NOTE: Src = illustrative(
    S004,
    "¶49",
    "The Steering Group was inter-agency; which agencies sat in it is not stated.",
);
const JUBA_MEMBER_NOTE: Src = illustrative(
    S004,
    "¶49",
    "The agency had protection staff in Juba; its seat in the regional group is illustrative.",
);
const CIV_ADVISERS: Src = quote(
    S004,
    "¶48",
    "advisers from the Child Protection and Gender units",
);
const CIV_AGENCIES: Src = quote(S004, "¶48", "mandated UN protection agencies");
const CIV_AGENCIES_NOTE: Src = illustrative(
    S004,
    "¶48",
    "The seed does not name the mandated agencies; UNHCR and UNICEF (001 fn4) are shown for illustration.",
);
const IASC_MEMBER_NOTE: Src = illustrative(
    S001,
    "fn4",
    "The IASC's membership is not stated in the seeds.",
);

const H21: &str = "template H ¶21";
const NK_MEMBERS: Src = quote(
    S002,
    H21,
    "include all relevant mission stakeholders, as well as other non-mission stakeholders as appropriate",
);
const NK_NOTE: Src = illustrative(
    S002,
    H21,
    "Who sits in MONUC's North Kivu group is not stated in the seeds.",
);
const UNOCI_NOTE: Src = illustrative(
    S002,
    "template H ¶20",
    "Who sits in UNOCI's working group is not stated in the seeds; its seats follow the Framework's general composition of such groups.",
);
