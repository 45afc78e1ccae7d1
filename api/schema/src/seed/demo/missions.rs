//! The missions, their mandates over time, their protection-relevant components, the posts
//! (DSRSGs above all) and the reporting lines between them, and a few mandated tasks.
//!
//! The seeds name components and a few posts; the senior posts most missions need to be
//! readable (SRSG, Force Commander, Police Commissioner) are illustrative and say so.
//!
//! Mandates: each mission's first mandate starts with it; a later one starts on the date of the
//! Security Council resolution that changed an attribute (or the day it took effect). The seeds
//! state some of these changes (SCR 1856 and SCR 1906 for MONUC [004 ¶8, ¶43]); the dates of the
//! resolutions, and the attributes the seeds do not state, are marked illustrative with a note.
//! No seed rates a risk environment: each rating cites the paragraphs describing the violence it
//! rests on, and is marked illustrative.

use entity::enums::ComponentKind::{Joint, Military, Police};
use entity::enums::ComponentSpecialty as Sp;
use entity::enums::Hat::{self, *};
use entity::enums::MandatedTaskCategory;
use entity::enums::MissionKind::{Hybrid, Peacekeeping, SpecialPolitical};
use entity::enums::ReportingLineKind::{Coordination, Functional, Line as LineKind};
use entity::enums::RiskEnvironment;
use entity::enums::StructureLevel;

use crate::domain::mandates::Attributes;
use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

/// A multidimensional peacekeeping operation with a Chapter VII mandate to protect civilians.
const PEACEKEEPING: Attributes = Attributes {
    poc_mandate: true,
    poc_first_priority: false,
    chapter_vii: true,
    human_rights_mandate: true,
    supports_host_government: false,
    offensive_operations: false,
    integrated_presence: true,
    risk_environment: None,
};

const RISK_NOTE_MONUC: &str = "No seed rates the risk environment: HIGH is illustrative, from the large-scale violence against civilians in the DRC the seeds describe (¶29, ¶54) and the mission's joint operations with the FARDC (¶9).";

/// MONUC, then MONUSCO: from an observer mission (SCR 1279) to a Chapter VII protection mandate
/// (SCR 1291), joint operations with the FARDC (SCR 1856), protection of civilians as the first
/// priority (SCR 1906), the MONUSCO mandate (SCR 1925) and the Intervention Brigade (SCR 2098).
static MONUC_MANDATES: &[Mandate] = &[
    Mandate {
        from: "1999-11-30",
        resolution: Some("S/RES/1279 (1999)"),
        attributes: Attributes {
            poc_mandate: false,
            chapter_vii: false,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some("Established as a United Nations observer mission in the DRC."),
        src: &[
            quote(S003, "§2.2", "MONUC (now MONUSCO)"),
            illustrative(
                S003,
                "§2.2",
                "Not stated in the seeds: MONUC was established by S/RES/1279 of 30 November 1999 without a Chapter VII mandate to protect civilians; its human-rights mandate and integrated presence before 2009 are illustrative.",
            ),
            illustrative(S004, "¶29", RISK_NOTE_MONUC),
        ],
    },
    Mandate {
        from: "2000-02-24",
        resolution: Some("S/RES/1291 (2000)"),
        attributes: Attributes {
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "Acting under Chapter VII, the Council authorised MONUC to protect civilians under imminent threat of physical violence.",
        ),
        src: &[
            cite(S004, "¶6"),
            illustrative(
                S004,
                "¶6",
                "Not stated in the seeds: S/RES/1291 of 24 February 2000 gave MONUC its Chapter VII mandate to protect civilians under imminent threat of physical violence.",
            ),
            illustrative(S004, "¶29", RISK_NOTE_MONUC),
        ],
    },
    Mandate {
        from: "2008-12-22",
        resolution: Some("S/RES/1856 (2008)"),
        attributes: Attributes {
            supports_host_government: true,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "Placed the emphasis on the protection of civilians and mandated support to operations of the national army (FARDC).",
        ),
        src: &[
            quote(
                S004,
                "¶43",
                "Created in early 2009 in response to the POC emphasis in the Security Council resolution 1856 (2008)",
            ),
            noted(
                S004,
                "¶9",
                "Mandated to undertake joint operations with the national army (FARDC): it supports the host government.",
            ),
            quote(
                S004,
                "¶43",
                "This is obviously facilitated as it is an integrated mission.",
            ),
            illustrative(
                S004,
                "¶43",
                "The day (S/RES/1856 was adopted on 22 December 2008) is the resolution's, not stated in the seeds; that the support to the FARDC began with it is illustrative (¶9 describes it under the mandate of 2009).",
            ),
            illustrative(S004, "¶29", RISK_NOTE_MONUC),
        ],
    },
    Mandate {
        from: "2009-12-23",
        resolution: Some("S/RES/1906 (2009)"),
        attributes: Attributes {
            poc_first_priority: true,
            supports_host_government: true,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "Operative paragraph 5 (a) makes the protection of civilians the mission's first priority.",
        ),
        src: &[
            quote(
                S004,
                "¶8",
                "The present Security Council Resolution for MONUC [S/RES/1906 (2009)], explicitly makes the protection of civilians the first priority, in its operative paragraph 5 (a).",
            ),
            noted(
                S004,
                "¶9",
                "While being mandated to prioritize protection efforts, the mission has also been mandated to undertake joint operations with the national army.",
            ),
            illustrative(
                S004,
                "¶8",
                "The day (S/RES/1906 was adopted on 23 December 2009) is the resolution's; the seeds give the year.",
            ),
            illustrative(S004, "¶29", RISK_NOTE_MONUC),
        ],
    },
    Mandate {
        from: "2010-07-01",
        resolution: Some("S/RES/1925 (2010)"),
        attributes: Attributes {
            poc_first_priority: true,
            supports_host_government: true,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "MONUSCO's mandate: the protection of civilians stays the priority; the mission takes its new name on 1 July 2010.",
        ),
        src: &[
            quote(S003, "§2.2", "MONUC (now MONUSCO)"),
            quote(
                S000,
                "fn19",
                "MONUSCO and the UNCT have a UN wide protection strategy",
            ),
            illustrative(
                S003,
                "§2.2",
                "Not stated in the seeds: S/RES/1925 of 28 May 2010 renamed the mission MONUSCO from 1 July 2010 and kept the protection of civilians as its priority.",
            ),
            illustrative(S004, "¶29", RISK_NOTE_MONUC),
        ],
    },
    Mandate {
        from: "2013-03-28",
        resolution: Some("S/RES/2098 (2013)"),
        attributes: Attributes {
            poc_first_priority: true,
            supports_host_government: true,
            offensive_operations: true,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "An Intervention Brigade carries out targeted offensive operations against armed groups.",
        ),
        src: &[
            noted(
                S001,
                "¶15",
                "An enforcement mandate whereby the force becomes party to the conflict 'as in the Democratic Republic of Congo': offensive operations.",
            ),
            cite(S001, "¶16"),
            illustrative(
                S001,
                "¶15",
                "Not stated in the seeds: the Intervention Brigade was created by S/RES/2098 of 28 March 2013.",
            ),
            illustrative(S004, "¶29", RISK_NOTE_MONUC),
        ],
    },
];

static UNMIS_MANDATES: &[Mandate] = &[Mandate {
    from: "2005-03-24",
    resolution: Some("S/RES/1590 (2005)"),
    attributes: Attributes {
        risk_environment: Some(RiskEnvironment::High),
        ..PEACEKEEPING
    },
    note: None,
    src: &[
        cite(S004, "¶10"),
        quote(
            S004,
            "¶45",
            "Following the Abyei violence in May 2008, a lesson for UNMIS was that the lack of a joint operations room at Sector VI Headquarters hindered the mission's response.",
        ),
        quote(
            S004,
            "¶60",
            "after fighting erupted in Malakal early 2009, leaving 60 dead and 103 injured",
        ),
        illustrative(
            S004,
            "¶10",
            "Not stated in the seeds: the mandate (S/RES/1590 of 24 March 2005), its Chapter VII basis, its human-rights mandate and the integrated presence. No seed rates the risk environment: HIGH is illustrative, from the violence in Abyei and Malakal (¶45, ¶60).",
        ),
    ],
}];

static UNAMID_MANDATES: &[Mandate] = &[Mandate {
    from: "2007-07-31",
    resolution: Some("S/RES/1769 (2007)"),
    attributes: Attributes {
        integrated_presence: false,
        risk_environment: Some(RiskEnvironment::VeryHigh),
        ..PEACEKEEPING
    },
    note: None,
    src: &[
        cite(S004, "¶19"),
        quote(
            S004,
            "¶62",
            "ongoing clashes and intense aerial bombardment of the South Darfur town of Muhajiriya",
        ),
        cite(S004, "¶29"),
        illustrative(
            S003,
            "Summary",
            "Not stated in the seeds: the mandate (S/RES/1769 of 31 July 2007), its Chapter VII basis, and that the hybrid operation has no integrated presence. No seed rates the risk environment: VERY_HIGH is illustrative, from the aerial bombardment and clashes around its team sites (¶62) and the large-scale violence in Darfur (¶29).",
        ),
    ],
}];

static UNOCI_MANDATES: &[Mandate] = &[Mandate {
    from: "2004-04-04",
    resolution: Some("S/RES/1528 (2004)"),
    attributes: Attributes {
        risk_environment: Some(RiskEnvironment::Medium),
        ..PEACEKEEPING
    },
    note: None,
    src: &[
        cite(S004, "¶37"),
        quote(
            S000,
            "fn10",
            "DPKO is the lead department for UN peacekeeping operations in 9 countries: Cote d'Ivoire",
        ),
        illustrative(
            S003,
            "Summary",
            "Not stated in the seeds: the mandate (S/RES/1528 of 27 February 2004, deployed 4 April 2004), its Chapter VII basis and its human-rights mandate. No seed describes the violence in Côte d'Ivoire: the risk environment MEDIUM is illustrative.",
        ),
    ],
}];

static MINUSTAH_MANDATES: &[Mandate] = &[Mandate {
    from: "2004-06-01",
    resolution: Some("S/RES/1542 (2004)"),
    attributes: Attributes {
        risk_environment: Some(RiskEnvironment::Medium),
        ..PEACEKEEPING
    },
    note: None,
    src: &[
        cite(S004, "¶37"),
        quote(
            S000,
            "fn10",
            "DPKO is the lead department for UN peacekeeping operations in 9 countries: Cote d'Ivoire, DRC, Liberia, Mali, South Sudan, Sudan (Darfur), Afghanistan, Kosovo and Haiti.",
        ),
        illustrative(
            S003,
            "Summary",
            "Not stated in the seeds: the mandate (S/RES/1542 of 30 April 2004, deployed 1 June 2004), its protection mandate under Chapter VII and its human-rights mandate. No seed describes the violence in Haiti: the risk environment MEDIUM is illustrative.",
        ),
    ],
}];

static UNAMA_MANDATES: &[Mandate] = &[Mandate {
    from: "2002-03-28",
    resolution: Some("S/RES/1401 (2002)"),
    attributes: Attributes {
        poc_mandate: false,
        chapter_vii: false,
        risk_environment: Some(RiskEnvironment::High),
        ..PEACEKEEPING
    },
    note: None,
    src: &[
        noted(
            S000,
            "§B (POC under imminent threat)",
            "Special political missions have no military peacekeepers and are not mandated to intervene militarily: no POC mandate in the peacekeeping sense.",
        ),
        quote(
            S001,
            "¶24",
            "UNAMA's public PoC reports are an important advocacy tool for getting parties to the conflict to improve their directives and practices",
        ),
        quote(
            S000,
            "fn10",
            "DPKO is the lead department for UN peacekeeping operations in 9 countries: Cote d'Ivoire, DRC, Liberia, Mali, South Sudan, Sudan (Darfur), Afghanistan, Kosovo and Haiti.",
        ),
        illustrative(
            S000,
            "fn8",
            "Not stated in the seeds: the mandate (S/RES/1401 of 28 March 2002). No seed rates the risk environment: HIGH is illustrative, from the armed conflict whose parties UNAMA reports on (001 ¶24).",
        ),
    ],
}];

const RISK_NOTE_MINURCAT: &str = "No seed rates the risk environment: HIGH is illustrative, from the security concerns in eastern Chad (¶67).";

/// MINURCAT: a police and civilian mission supporting the Chadian DIS (SCR 1778), given a
/// military component and a Chapter VII mandate to protect civilians when it took over from the
/// European force (SCR 1861).
static MINURCAT_MANDATES: &[Mandate] = &[
    Mandate {
        from: "2007-09-25",
        resolution: Some("S/RES/1778 (2007)"),
        attributes: Attributes {
            poc_mandate: false,
            chapter_vii: false,
            supports_host_government: true,
            integrated_presence: false,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "A police and civilian mission; the Council authorised a European force, not MINURCAT, under Chapter VII.",
        ),
        src: &[
            quote(
                S004,
                "¶66",
                "the Détachement intégré de sécurité (DIS) [endorsed by the Security Council in S/RES/1778 (2007)]",
            ),
            quote(
                S004,
                "¶65",
                "The MINURCAT mandate underscores this by tasking the mission to assist in the establishment of a dedicated national security force to protect civilians at risk.",
            ),
            quote(
                S004,
                "¶67",
                "The co-location is generally limited to daytime, however, due to security concerns.",
            ),
            illustrative(
                S004,
                "¶66",
                "Not stated in the seeds: the date of S/RES/1778 (25 September 2007), that its Chapter VII authorisation went to the European force, and MINURCAT's human-rights mandate.",
            ),
            illustrative(S004, "¶67", RISK_NOTE_MINURCAT),
        ],
    },
    Mandate {
        from: "2009-03-15",
        resolution: Some("S/RES/1861 (2009)"),
        attributes: Attributes {
            supports_host_government: true,
            integrated_presence: false,
            risk_environment: Some(RiskEnvironment::High),
            ..PEACEKEEPING
        },
        note: Some(
            "A military component takes over from the European force, with a Chapter VII mandate to protect civilians in danger.",
        ),
        src: &[
            quote(
                S004,
                "¶66",
                "In April 2009, the Government of Chad, with the support of MINURCAT, completed the full deployment of the Détachement intégré de sécurité",
            ),
            illustrative(S004, "¶67", RISK_NOTE_MINURCAT),
            illustrative(
                S004,
                "¶66",
                "Not stated in the seeds: S/RES/1861 of 14 January 2009 gave MINURCAT a military component and a Chapter VII mandate to protect civilians from 15 March 2009, when it took over from the European force.",
            ),
        ],
    },
];

pub static MISSIONS: &[Mission] = &[
    Mission {
        acronym: "MONUC",
        name: "United Nations Organization Mission in the Democratic Republic of the Congo",
        kind: Peacekeeping,
        country: "COD",
        lead: "DPKO",
        description: Some(
            "Peacekeeping operation in the DRC, renamed MONUSCO on 1 July 2010. Security Council resolution 1906 (2009) made the protection of civilians its first priority.",
        ),
        from: "1999-11-30",
        to: None,
        rename: Some(Rename {
            acronym: "MONUSCO",
            name: "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
            on: "2010-07-01",
            src: &[
                quote(S003, "§2.2", "MONUC (now MONUSCO)"),
                cite(S003, "fn2"),
                illustrative(
                    S003,
                    "§2.2",
                    "The period of the name MONUC (30 November 1999 to 1 July 2010, SCR 1279 and SCR 1925) is not stated in the seeds.",
                ),
            ],
        }),
        mandates: MONUC_MANDATES,
        src: &[
            quote(S003, "§2.2", "MONUC (now MONUSCO)"),
            quote(
                S003,
                "Summary",
                "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo – MONUSCO",
            ),
            cite(S004, "¶8"),
            cite(S000, "fn8"),
            illustrative(
                S003,
                "§2.2",
                "Not stated in the seeds: the mission's start (established by SCR 1279 on 30 November 1999).",
            ),
        ],
    },
    Mission {
        acronym: "UNMIS",
        name: "United Nations Mission in Sudan",
        kind: Peacekeeping,
        country: "SDN",
        lead: "DPKO",
        description: Some(
            "Peacekeeping operation supporting the Comprehensive Peace Agreement in Sudan.",
        ),
        from: "2005-03-24",
        to: Some("2011-07-09"),
        rename: None,
        mandates: UNMIS_MANDATES,
        src: &[
            quote(S003, "Summary", "United Nations Mission in Sudan – UNMIS"),
            quote(
                S003,
                "§2.2",
                "both UNMIS and UNAMID had developed protection strategies focused solely on the peacekeeping operation",
            ),
            cite(S004, "¶10"),
            illustrative(
                S003,
                "Summary",
                "Not stated in the seeds: the dates (SCR 1590 of 24 March 2005; closed 9 July 2011).",
            ),
        ],
    },
    Mission {
        acronym: "UNAMID",
        name: "African Union/United Nations Hybrid Operation in Darfur",
        kind: Hybrid,
        country: "SDN",
        lead: "DPKO",
        description: Some("AU-UN hybrid peacekeeping operation in Darfur."),
        from: "2007-07-31",
        to: Some("2020-12-31"),
        rename: None,
        mandates: UNAMID_MANDATES,
        src: &[
            quote(
                S003,
                "Summary",
                "the African Union/United Nations Hybrid Operation in Darfur – UNAMID",
            ),
            cite(S000, "fn8"),
            quote(
                S000,
                "fn19",
                "As of June 2013, UNAMID, UNMISS and UNOCI have mission-wide PoC strategies",
            ),
            cite(S004, "¶19"),
            illustrative(
                S003,
                "Summary",
                "Not stated in the seeds: the dates (SCR 1769 of 31 July 2007; closed 31 December 2020).",
            ),
        ],
    },
    Mission {
        acronym: "UNOCI",
        name: "United Nations Operation in Côte d'Ivoire",
        kind: Peacekeeping,
        country: "CIV",
        lead: "DPKO",
        description: Some("Peacekeeping operation in Côte d'Ivoire (French acronym ONUCI)."),
        from: "2004-04-04",
        to: Some("2017-06-30"),
        rename: None,
        mandates: UNOCI_MANDATES,
        src: &[
            quote(
                S003,
                "Summary",
                "United Nations Operation in Côte d'Ivoire – ONUCI",
            ),
            quote(S004, "¶48", "UNOCI's Human Rights Division"),
            cite(S000, "fn8"),
            cite(S000, "fn19"),
            cite(S004, "¶37"),
            illustrative(
                S003,
                "Summary",
                "Not stated in the seeds: the dates (SCR 1528; deployed 4 April 2004, closed 30 June 2017).",
            ),
        ],
    },
    Mission {
        acronym: "MINUSTAH",
        name: "United Nations Stabilization Mission in Haiti",
        kind: Peacekeeping,
        country: "HTI",
        lead: "DPKO",
        description: None,
        from: "2004-06-01",
        to: Some("2017-10-15"),
        rename: None,
        mandates: MINUSTAH_MANDATES,
        src: &[
            quote(
                S003,
                "Summary",
                "United Nations Stabilization Mission in Haiti – MINUSTAH",
            ),
            cite(S000, "fn8"),
            cite(S003, "§8.2.1"),
            illustrative(
                S003,
                "Summary",
                "Not stated in the seeds: the dates (SCR 1542; deployed 1 June 2004, closed 15 October 2017).",
            ),
        ],
    },
    Mission {
        acronym: "UNAMA",
        name: "United Nations Assistance Mission in Afghanistan",
        kind: SpecialPolitical,
        country: "AFG",
        lead: "DPKO",
        description: Some(
            "Special political mission in Afghanistan; its human rights component tracks and publicly reports on the protection of civilians.",
        ),
        from: "2002-03-28",
        to: None,
        rename: None,
        mandates: UNAMA_MANDATES,
        src: &[
            quote(S000, "fn8", "UNAMA (Afghanistan)"),
            quote(
                S000,
                "fn10",
                "DPKO is the lead department for UN peacekeeping operations in 9 countries: Cote d'Ivoire, DRC, Liberia, Mali, South Sudan, Sudan (Darfur), Afghanistan, Kosovo and Haiti.",
            ),
            noted(
                S000,
                "§B (POC under imminent threat)",
                "Special political missions have no military peacekeepers and are not mandated to intervene militarily: no POC mandate in the peacekeeping sense.",
            ),
            cite(S001, "¶24"),
            illustrative(
                S000,
                "fn8",
                "Not stated in the seeds: the dates (SCR 1401 of 28 March 2002; still running).",
            ),
        ],
    },
    Mission {
        acronym: "MINURCAT",
        name: "United Nations Mission in the Central African Republic and Chad",
        kind: Peacekeeping,
        country: "TCD",
        lead: "DPKO",
        description: Some(
            "Peacekeeping operation in eastern Chad and the Central African Republic; supported the Chadian Détachement intégré de sécurité.",
        ),
        from: "2007-09-25",
        to: Some("2010-12-31"),
        rename: None,
        mandates: MINURCAT_MANDATES,
        src: &[
            quote(
                S003,
                "Summary",
                "United Nations Mission in the Central African Republic and Chad – MINURCAT",
            ),
            quote(
                S004,
                "¶65",
                "The MINURCAT mandate underscores this by tasking the mission to assist in the establishment of a dedicated national security force to protect civilians at risk.",
            ),
            illustrative(
                S003,
                "Summary",
                "Not stated in the seeds: the dates (SCR 1778 of 25 September 2007; closed 31 December 2010).",
            ),
        ],
    },
];

const PARTICIPANTS: &str = "Annex (participants)";
const UNIT_NAME_NOTE: &str =
    "The seeds name the function, not the unit: the unit's title is illustrative.";

pub static COMPONENTS: &[Component] = &[
    // MONUC / MONUSCO: the members of the Early Warning and Rapid Response Cell [004 ¶59] and of
    // the Joint Protection Teams [004 ¶43].
    Component {
        key: "MONUC/FORCE",
        mission: "MONUC",
        name: "Force (military component)",
        kind: Military,
        specialty: Some(Sp::Force),
        src: &[
            quote(S004, "¶59", "including the military component"),
            cite(S004, "¶53"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/POLICE",
        mission: "MONUC",
        name: "Police component",
        acronym: Some("UNPOL"),
        kind: Police,
        specialty: Some(Sp::Police),
        src: &[
            cite(S004, "¶59"),
            quote(S003, PARTICIPANTS, "Chief of Operations, UNPOL MONUC"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/HRD",
        mission: "MONUC",
        name: "Human Rights Division",
        specialty: Some(Sp::HumanRights),
        src: &[quote(S004, "¶59", "the human rights division")],
        ..COMPONENT
    },
    Component {
        key: "MONUC/CA",
        mission: "MONUC",
        name: "Civil Affairs Section",
        specialty: Some(Sp::CivilAffairs),
        src: &[
            quote(
                S004,
                "¶43",
                "driven in large part by the Civil Affairs section and the DSRSG/RC/HC's office",
            ),
            cite(S003, "§8.2.1"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/CP",
        mission: "MONUC",
        name: "Child Protection Section",
        specialty: Some(Sp::ChildProtection),
        src: &[
            cite(S004, "¶59"),
            cite(S004, "¶43"),
            illustrative(S004, "¶59", UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/PA",
        mission: "MONUC",
        name: "Political Affairs Division",
        specialty: Some(Sp::PoliticalAffairs),
        src: &[
            quote(
                S004,
                "¶43",
                "Composed of staff from the offices of Civil Affairs, human rights, political affairs, child protection, public information",
            ),
            illustrative(S004, "¶43", UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/JMAC",
        mission: "MONUC",
        name: "Joint Mission Analysis Cell",
        acronym: Some("JMAC"),
        kind: Joint,
        specialty: Some(Sp::JointAnalysis),
        src: &[
            quote(S004, "¶59", "the Joint Mission Analysis Cell"),
            quote(S003, PARTICIPANTS, "Information Analyst (JMAC) MONUC"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/PIO",
        mission: "MONUC",
        name: "Public Information Office",
        specialty: Some(Sp::PublicInformation),
        src: &[quote(S004, "¶59", "The MONUC public information office")],
        ..COMPONENT
    },
    Component {
        key: "MONUC/DDRRR",
        mission: "MONUC",
        name: "Disarmament, Demobilization, Repatriation, Resettlement and Reintegration Section",
        acronym: Some("DDRRR"),
        specialty: Some(Sp::Ddr),
        src: &[
            quote(
                S004,
                "¶69",
                "MONUC's Disarmament, Demobilization, Repatriation, Resettlement and Reintegration (DDRRR) program",
            ),
            cite(S004, "¶43"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MONUC/MINE",
        mission: "MONUC",
        name: "Mine Action",
        specialty: Some(Sp::MineAction),
        src: &[
            quote(
                S004,
                "¶71",
                "In MONUC too, the current mine action effort is focused largely on area clearance and minimizing the threat to civilians",
            ),
            illustrative(S004, "¶71", UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    // UNMIS
    Component {
        key: "UNMIS/POC",
        mission: "UNMIS",
        name: "Protection of Civilians Section",
        specialty: Some(Sp::ProtectionOfCivilians),
        src: &[
            quote(
                S003,
                "§8.2.1",
                "to the Protection of Civilians Section in UNMIS",
            ),
            quote(
                S004,
                "¶49",
                "under UNMIS protection of civilians unit's lead",
            ),
            noted(
                S003,
                "fn4",
                "In 2010 the section was being disbanded and POC mainstreamed across the mission; no date is given, so the section is shown to the mission's end.",
            ),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/POC-SOUTH",
        mission: "UNMIS",
        parent: Some("UNMIS/POC"),
        name: "Protection of Civilians Section, Southern Sudan",
        specialty: Some(Sp::ProtectionOfCivilians),
        level: StructureLevel::Regional,
        place: Some("SDN/SOUTH"),
        src: &[
            quote(S003, PARTICIPANTS, "Head of Protection South Sudan UNMIS"),
            illustrative(
                S003,
                PARTICIPANTS,
                "A Southern Sudan unit of the POC Section is inferred from this title; its name is illustrative.",
            ),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/HR",
        mission: "UNMIS",
        name: "Human Rights Section",
        specialty: Some(Sp::HumanRights),
        src: &[
            quote(
                S000,
                "§C (Advocacy and Communication)",
                "UNMIS Protection of Civilians and Human Rights",
            ),
            illustrative(S000, "§C (Advocacy and Communication)", UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/CP",
        mission: "UNMIS",
        name: "Child Protection Unit",
        specialty: Some(Sp::ChildProtection),
        src: &[
            quote(S003, PARTICIPANTS, "Senior Child Protection Officer UNMIS"),
            illustrative(S003, PARTICIPANTS, UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/CA",
        mission: "UNMIS",
        name: "Civil Affairs Section",
        specialty: Some(Sp::CivilAffairs),
        src: &[
            quote(S003, PARTICIPANTS, "Civil Affairs Officer UNMIS"),
            illustrative(S003, PARTICIPANTS, UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/FORCE",
        mission: "UNMIS",
        name: "Force (military component)",
        kind: Military,
        specialty: Some(Sp::Force),
        src: &[
            quote(S003, PARTICIPANTS, "Chief of Operations, Military UNMIS"),
            cite(S004, "¶45"),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/POLICE",
        mission: "UNMIS",
        name: "Police component",
        acronym: Some("UNPOL"),
        kind: Police,
        specialty: Some(Sp::Police),
        src: &[quote(
            S004,
            "¶61",
            "In Sudan, UN police and UNDP have worked with the authorities",
        )],
        ..COMPONENT
    },
    Component {
        key: "UNMIS/PIO",
        mission: "UNMIS",
        name: "Public Information Office",
        specialty: Some(Sp::PublicInformation),
        src: &[quote(
            S004,
            "¶31",
            "Role of [public information office] and media-handling guidelines in situations involving 'protection of civilians under imminent threat'",
        )],
        ..COMPONENT
    },
    // UNAMID
    Component {
        key: "UNAMID/HLS",
        mission: "UNAMID",
        name: "Humanitarian Liaison Section",
        specialty: Some(Sp::HumanitarianLiaison),
        src: &[quote(
            S003,
            "§8.2.1",
            "this role has been assigned to the Humanitarian Liaison Section in UNAMID",
        )],
        ..COMPONENT
    },
    Component {
        key: "UNAMID/CA",
        mission: "UNAMID",
        name: "Civil Affairs Section",
        specialty: Some(Sp::CivilAffairs),
        src: &[quote(
            S004,
            "¶58",
            "UNAMID's Civil Affairs section has mapped migration routes as part of a conflict prevention strategy",
        )],
        ..COMPONENT
    },
    Component {
        key: "UNAMID/HR",
        mission: "UNAMID",
        name: "Human Rights Section",
        specialty: Some(Sp::HumanRights),
        src: &[
            quote(S003, PARTICIPANTS, "Senior Human Rights Officer UNAMID"),
            illustrative(S003, PARTICIPANTS, UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNAMID/FORCE",
        mission: "UNAMID",
        name: "Force (military component)",
        kind: Military,
        specialty: Some(Sp::Force),
        src: &[cite(S003, PARTICIPANTS), cite(S004, "¶19")],
        ..COMPONENT
    },
    Component {
        key: "UNAMID/POLICE",
        mission: "UNAMID",
        name: "Police component (with Formed Police Units)",
        acronym: Some("UNPOL"),
        kind: Police,
        specialty: Some(Sp::Police),
        src: &[quote(
            S004,
            "¶64",
            "UNAMID police and Formed Police Units set up lights and cameras around the perimeter of camps",
        )],
        ..COMPONENT
    },
    // UNOCI
    Component {
        key: "UNOCI/HRD",
        mission: "UNOCI",
        name: "Human Rights Division",
        specialty: Some(Sp::HumanRights),
        src: &[
            quote(S004, "¶48", "UNOCI's Human Rights Division"),
            quote(S003, PARTICIPANTS, "Human Rights Officer ONUCI"),
            cite(S003, "§8.2.1"),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNOCI/CP",
        mission: "UNOCI",
        name: "Child Protection Unit",
        specialty: Some(Sp::ChildProtection),
        src: &[quote(
            S004,
            "¶48",
            "advisers from the Child Protection and Gender units",
        )],
        ..COMPONENT
    },
    Component {
        key: "UNOCI/GENDER",
        mission: "UNOCI",
        name: "Gender Unit",
        specialty: Some(Sp::Gender),
        src: &[
            quote(
                S004,
                "¶48",
                "advisers from the Child Protection and Gender units",
            ),
            quote(S003, PARTICIPANTS, "Gender Advisor OIC ONUCI"),
        ],
        ..COMPONENT
    },
    Component {
        key: "UNOCI/FORCE",
        mission: "UNOCI",
        name: "Force (military component)",
        kind: Military,
        specialty: Some(Sp::Force),
        src: &[quote(S004, "¶36", "UNOCI (2004; 2006)")],
        ..COMPONENT
    },
    Component {
        key: "UNOCI/POLICE",
        mission: "UNOCI",
        name: "Police component",
        acronym: Some("UNPOL"),
        kind: Police,
        specialty: Some(Sp::Police),
        src: &[quote(S003, PARTICIPANTS, "Chief OPS/UNPOL ONUCI")],
        ..COMPONENT
    },
    // MINUSTAH
    Component {
        key: "MINUSTAH/HRS",
        mission: "MINUSTAH",
        name: "Human Rights Section",
        specialty: Some(Sp::HumanRights),
        src: &[
            quote(S003, "§8.2.1", "and to Human Rights in MINUSTAH and ONUCI"),
            quote(S003, PARTICIPANTS, "Deputy Chief Human Rights Section MINUSTAH"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MINUSTAH/FORCE",
        mission: "MINUSTAH",
        name: "Force (military component)",
        kind: Military,
        specialty: Some(Sp::Force),
        src: &[
            quote(S004, "¶36", "MINUSTAH (2004; 2005; 2008)"),
            quote(S003, PARTICIPANTS, "Chief U9 MINUSTAH"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MINUSTAH/POLICE",
        mission: "MINUSTAH",
        name: "Police component",
        acronym: Some("UNPOL"),
        kind: Police,
        specialty: Some(Sp::Police),
        src: &[quote(S003, PARTICIPANTS, "UN POL Chief of Staff MINUSTAH")],
        ..COMPONENT
    },
    // UNAMA
    Component {
        key: "UNAMA/HR",
        mission: "UNAMA",
        name: "Human Rights Unit",
        specialty: Some(Sp::HumanRights),
        src: &[
            quote(
                S001,
                "¶24",
                "the model for PoC tracking developed by the Human Rights component of the UN Assistance Mission in Afghanistan (UNAMA)",
            ),
            illustrative(S001, "¶24", UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
    // MINURCAT
    Component {
        key: "MINURCAT/POLICE",
        mission: "MINURCAT",
        name: "Police component",
        acronym: Some("UNPOL"),
        kind: Police,
        specialty: Some(Sp::Police),
        src: &[
            quote(
                S004,
                "¶67",
                "MINURCAT police are currently monitoring, mentoring and providing technical advice to DIS",
            ),
            quote(S003, PARTICIPANTS, "UNPOL MINURCAT"),
        ],
        ..COMPONENT
    },
    Component {
        key: "MINURCAT/HR",
        mission: "MINURCAT",
        name: "Human Rights Section",
        specialty: Some(Sp::HumanRights),
        src: &[
            quote(S003, PARTICIPANTS, "Human Rights Officer MINURCAT"),
            illustrative(S003, PARTICIPANTS, UNIT_NAME_NOTE),
        ],
        ..COMPONENT
    },
];

const SRSG_NOTE: &str = "The seeds say the Head of Mission is usually the SRSG; this mission's post is shown on that basis.";
const DSRSG_RC_HC_NOTE: &str = "Not stated in the seeds for this mission: its triple-hatted DSRSG/RC/HC is shown for illustration.";
const FC_NOTE: &str = "The seeds give the Force Commander the authority to use force to protect civilians; the post is shown for this mission on that basis.";
const POLCOM_NOTE: &str = "The seeds name the Head of Police Component; the post is shown for this mission on that basis.";

const SRSG: &[Hat] = &[Srsg, HeadOfMission];
const DSRSG_RC_HC: &[Hat] = &[Dsrsg, ResidentCoordinator, HumanitarianCoordinator];
const DSRSG_RC_HC_TITLE: &str = "Deputy Special Representative of the Secretary-General, Resident Coordinator and Humanitarian Coordinator";
const SRSG_TITLE: &str = "Special Representative of the Secretary-General (Head of Mission)";
const FC_TITLE: &str = "Force Commander";
const POLCOM_TITLE: &str = "Police Commissioner (Head of Police Component)";
const G17: &str = "template G ¶17";

pub static POSTS: &[Post] = &[
    // Posts of organisations, the ends of functional lines.
    Post {
        key: "OHCHR/HC",
        of: Of::Org("OHCHR"),
        title: "United Nations High Commissioner for Human Rights",
        when: When::From("1993-12-20"),
        src: &[
            quote(
                S000,
                "§C (Advocacy and Communication)",
                "the High Commissioner for Human Rights herself (given that the head of human rights components is also the in-country representative of the High Commissioner)",
            ),
            illustrative(
                S000,
                "§C (Advocacy and Communication)",
                "The post's start (General Assembly resolution 48/141, 20 December 1993) is not stated in the seeds.",
            ),
        ],
        ..POST
    },
    Post {
        key: "OCHA/ERC",
        of: Of::Org("OCHA"),
        title: "Emergency Relief Coordinator",
        when: When::From("1991-12-19"),
        src: &[
            quote(S004, "¶48", "the Emergency Relief Coordinator"),
            quote(
                S000,
                "§B (Principle of Integration)",
                "elements reflecting this are included in their compacts with the Emergency Response Coordinator",
            ),
            illustrative(
                S004,
                "¶48",
                "The post's start (General Assembly resolution 46/182, 19 December 1991) is not stated in the seeds.",
            ),
        ],
        ..POST
    },
    // MONUC / MONUSCO
    Post {
        key: "MONUC/SRSG",
        of: Of::Mission("MONUC"),
        title: SRSG_TITLE,
        hats: SRSG,
        src: &[
            illustrative(S002, G17, SRSG_NOTE),
            quote(
                S000,
                "§A",
                "Who are the decision makers within the mission on protection, in addition to the SRSG?",
            ),
        ],
        ..POST
    },
    Post {
        key: "MONUC/DSRSG-ROL",
        of: Of::Mission("MONUC"),
        title: "Deputy Special Representative of the Secretary-General (Rule of Law)",
        hats: &[Dsrsg, DsrsgRuleOfLaw],
        src: &[quote(
            S004,
            "¶59",
            "The DSRSG-RoL in MONUC, for example, has established an Early Warning and Rapid Response Cell",
        )],
        ..POST
    },
    Post {
        key: "MONUC/DSRSG-RC-HC",
        of: Of::Mission("MONUC"),
        title: DSRSG_RC_HC_TITLE,
        hats: DSRSG_RC_HC,
        src: &[quote(
            S004,
            "¶43",
            "driven in large part by the Civil Affairs section and the DSRSG/RC/HC's office",
        )],
        ..POST
    },
    Post {
        key: "MONUC/FC",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/FORCE"),
        title: FC_TITLE,
        head: true,
        hats: &[ForceCommander],
        src: &[illustrative(S002, G17, FC_NOTE)],
        ..POST
    },
    Post {
        key: "MONUC/POLCOM",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/POLICE"),
        title: POLCOM_TITLE,
        head: true,
        hats: &[PoliceCommissioner],
        src: &[illustrative(S002, G17, POLCOM_NOTE)],
        ..POST
    },
    Post {
        key: "MONUC/DMS",
        of: Of::Mission("MONUC"),
        title: "Director of Mission Support",
        hats: &[DirectorMissionSupport],
        src: &[illustrative(
            S002,
            "template H ¶20",
            "The Framework lists the Director or Chiefs of Mission Support in the Senior Management Group; MONUC's post is shown on that basis.",
        )],
        ..POST
    },
    Post {
        key: "MONUC/HHR",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/HRD"),
        title: "Director, Human Rights Division",
        head: true,
        hats: &[HeadOfComponent, OhchrRepresentative],
        src: &[
            quote(
                S000,
                "§B (Broader mandated tasks)",
                "whose Head is the in-country representative of the High Commissioner for Human Rights",
            ),
            illustrative(
                S004,
                "¶59",
                "The title of the head of MONUC's human rights division is not stated in the seeds.",
            ),
        ],
        ..POST
    },
    Post {
        key: "MONUC/CP-HEAD",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/CP"),
        title: "Senior Child Protection Adviser",
        head: true,
        hats: &[HeadOfComponent],
        src: &[
            noted(
                S000,
                "§B (Broader mandated tasks)",
                "Many missions have Child Protection Advisors.",
            ),
            illustrative(
                S004,
                "¶59",
                "The post heading MONUC's child protection office is not named in the seeds.",
            ),
        ],
        ..POST
    },
    Post {
        key: "MONUC/CA-COORD",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/CA"),
        title: "Civil Affairs Coordinator",
        src: &[quote(S003, PARTICIPANTS, "Civil Affairs Coordinator MONUC")],
        ..POST
    },
    Post {
        key: "MONUC/UNPOL-OPS",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/POLICE"),
        title: "Chief of Operations, UNPOL",
        src: &[quote(S003, PARTICIPANTS, "Chief of Operations, UNPOL MONUC")],
        ..POST
    },
    Post {
        key: "MONUC/JMAC-ANALYST",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/JMAC"),
        title: "Information Analyst",
        src: &[quote(S003, PARTICIPANTS, "Information Analyst (JMAC) MONUC")],
        ..POST
    },
    // UNMIS
    Post {
        key: "UNMIS/SRSG",
        of: Of::Mission("UNMIS"),
        title: SRSG_TITLE,
        hats: SRSG,
        src: &[illustrative(S002, G17, SRSG_NOTE)],
        ..POST
    },
    Post {
        key: "UNMIS/DSRSG-RC-HC",
        of: Of::Mission("UNMIS"),
        title: DSRSG_RC_HC_TITLE,
        hats: DSRSG_RC_HC,
        src: &[illustrative(S002, G17, DSRSG_RC_HC_NOTE)],
        ..POST
    },
    Post {
        key: "UNMIS/FC",
        of: Of::Mission("UNMIS"),
        component: Some("UNMIS/FORCE"),
        title: FC_TITLE,
        head: true,
        hats: &[ForceCommander],
        src: &[illustrative(S002, G17, FC_NOTE)],
        ..POST
    },
    Post {
        key: "UNMIS/POLCOM",
        of: Of::Mission("UNMIS"),
        component: Some("UNMIS/POLICE"),
        title: POLCOM_TITLE,
        head: true,
        hats: &[PoliceCommissioner],
        src: &[illustrative(S002, G17, POLCOM_NOTE)],
        ..POST
    },
    Post {
        key: "UNMIS/POC-SOUTH-HEAD",
        of: Of::Mission("UNMIS"),
        component: Some("UNMIS/POC-SOUTH"),
        title: "Head of Protection, Southern Sudan",
        head: true,
        hats: &[HeadOfComponent],
        src: &[quote(S003, PARTICIPANTS, "Head of Protection South Sudan UNMIS")],
        ..POST
    },
    Post {
        key: "UNMIS/SCPO",
        of: Of::Mission("UNMIS"),
        component: Some("UNMIS/CP"),
        title: "Senior Child Protection Officer",
        src: &[quote(S003, PARTICIPANTS, "Senior Child Protection Officer UNMIS")],
        ..POST
    },
    // UNAMID
    Post {
        key: "UNAMID/JSR",
        of: Of::Mission("UNAMID"),
        title: "Joint Special Representative (Head of Mission)",
        hats: &[HeadOfMission],
        src: &[illustrative(
            S002,
            G17,
            "UNAMID, an AU-UN hybrid, is headed by a Joint Special Representative; the post is not stated in the seeds.",
        )],
        ..POST
    },
    Post {
        key: "UNAMID/DJSR",
        of: Of::Mission("UNAMID"),
        title: "Deputy Joint Special Representative",
        hats: &[Dsrsg],
        src: &[illustrative(
            S002,
            G17,
            "UNAMID's deputy head is not stated in the seeds; the post is shown for illustration.",
        )],
        ..POST
    },
    Post {
        key: "UNAMID/FC",
        of: Of::Mission("UNAMID"),
        component: Some("UNAMID/FORCE"),
        title: FC_TITLE,
        head: true,
        hats: &[ForceCommander],
        src: &[illustrative(S002, G17, FC_NOTE)],
        ..POST
    },
    Post {
        key: "UNAMID/POLCOM",
        of: Of::Mission("UNAMID"),
        component: Some("UNAMID/POLICE"),
        title: POLCOM_TITLE,
        head: true,
        hats: &[PoliceCommissioner],
        src: &[illustrative(S002, G17, POLCOM_NOTE)],
        ..POST
    },
    // UNOCI
    Post {
        key: "UNOCI/SRSG",
        of: Of::Mission("UNOCI"),
        title: SRSG_TITLE,
        hats: SRSG,
        src: &[
            illustrative(S002, G17, SRSG_NOTE),
            quote(
                S004,
                "¶48",
                "the Special Representative of the Secretary-General",
            ),
        ],
        ..POST
    },
    Post {
        key: "UNOCI/DSRSG-POL",
        of: Of::Mission("UNOCI"),
        title: "Deputy Special Representative of the Secretary-General (Political)",
        hats: &[Dsrsg, DsrsgPolitical],
        src: &[illustrative(
            S000,
            "§B (Principle of Integration)",
            "UNOCI's DSRSG posts are not stated in the seeds; a DSRSG Political is shown for illustration.",
        )],
        ..POST
    },
    Post {
        key: "UNOCI/FC",
        of: Of::Mission("UNOCI"),
        component: Some("UNOCI/FORCE"),
        title: FC_TITLE,
        head: true,
        hats: &[ForceCommander],
        src: &[illustrative(S002, G17, FC_NOTE)],
        ..POST
    },
    Post {
        key: "UNOCI/POLCOM",
        of: Of::Mission("UNOCI"),
        component: Some("UNOCI/POLICE"),
        title: POLCOM_TITLE,
        head: true,
        hats: &[PoliceCommissioner],
        src: &[illustrative(S002, G17, POLCOM_NOTE)],
        ..POST
    },
    // MINUSTAH
    Post {
        key: "MINUSTAH/SRSG",
        of: Of::Mission("MINUSTAH"),
        title: SRSG_TITLE,
        hats: SRSG,
        src: &[illustrative(S002, G17, SRSG_NOTE)],
        ..POST
    },
    Post {
        key: "MINUSTAH/DSRSG-RC-HC",
        of: Of::Mission("MINUSTAH"),
        title: DSRSG_RC_HC_TITLE,
        hats: DSRSG_RC_HC,
        src: &[illustrative(S002, G17, DSRSG_RC_HC_NOTE)],
        ..POST
    },
    Post {
        key: "MINUSTAH/FC",
        of: Of::Mission("MINUSTAH"),
        component: Some("MINUSTAH/FORCE"),
        title: FC_TITLE,
        head: true,
        hats: &[ForceCommander],
        src: &[illustrative(S002, G17, FC_NOTE)],
        ..POST
    },
    Post {
        key: "MINUSTAH/POLCOM",
        of: Of::Mission("MINUSTAH"),
        component: Some("MINUSTAH/POLICE"),
        title: POLCOM_TITLE,
        head: true,
        hats: &[PoliceCommissioner],
        src: &[illustrative(S002, G17, POLCOM_NOTE)],
        ..POST
    },
    Post {
        key: "MINUSTAH/HRS-DEPUTY",
        of: Of::Mission("MINUSTAH"),
        component: Some("MINUSTAH/HRS"),
        title: "Deputy Chief, Human Rights Section",
        src: &[quote(S003, PARTICIPANTS, "Deputy Chief Human Rights Section MINUSTAH")],
        ..POST
    },
    // UNAMA
    Post {
        key: "UNAMA/SRSG",
        of: Of::Mission("UNAMA"),
        title: SRSG_TITLE,
        hats: SRSG,
        src: &[illustrative(S002, G17, SRSG_NOTE)],
        ..POST
    },
    Post {
        key: "UNAMA/DSRSG-POL",
        of: Of::Mission("UNAMA"),
        title: "Deputy Special Representative of the Secretary-General (Political)",
        hats: &[Dsrsg, DsrsgPolitical],
        src: &[illustrative(
            S000,
            "§B (Principle of Integration)",
            "UNAMA's DSRSG posts are not stated in the seeds; a DSRSG Political is shown for illustration.",
        )],
        ..POST
    },
    Post {
        key: "UNAMA/DSRSG-RC-HC",
        of: Of::Mission("UNAMA"),
        title: DSRSG_RC_HC_TITLE,
        hats: DSRSG_RC_HC,
        src: &[illustrative(S002, G17, DSRSG_RC_HC_NOTE)],
        ..POST
    },
    // MINURCAT
    Post {
        key: "MINURCAT/SRSG",
        of: Of::Mission("MINURCAT"),
        title: SRSG_TITLE,
        hats: SRSG,
        src: &[illustrative(S002, G17, SRSG_NOTE)],
        ..POST
    },
    Post {
        key: "MINURCAT/POLCOM",
        of: Of::Mission("MINURCAT"),
        component: Some("MINURCAT/POLICE"),
        title: POLCOM_TITLE,
        head: true,
        hats: &[PoliceCommissioner],
        src: &[illustrative(S002, G17, POLCOM_NOTE)],
        ..POST
    },
];

const DSRSG_PATTERN: Src = quote(
    S000,
    "§B (Principle of Integration)",
    "some UN mission staff with protection roles, such as Human Rights and Child Protection Officers, often report to the DSRSG Political or Rule of Law",
);
const THROUGH_DSRSGS: Src = quote(
    S002,
    G17,
    "S/he shall delegate the operational and technical aspects of POC implementation to the heads of components through the DSRSGs",
);
const HOM_DIRECTS: Src = quote(
    S002,
    "fn6",
    "he/she leads and directs the heads of all mission components",
);
const ILLUSTRATIVE_DSRSG_LINE: Src = illustrative(
    S002,
    G17,
    "The seeds state the pattern, not this mission's line: which DSRSG the component reports to is illustrative.",
);

const fn line(from: LineFrom, to: LineTo, src: &'static [Src]) -> Line {
    Line {
        from,
        to,
        kind: LineKind,
        note: None,
        when: When::Parent,
        src,
    }
}

pub static LINES: &[Line] = &[
    // MONUC / MONUSCO
    line(
        LineFrom::Component("MONUC/HRD"),
        LineTo::Post("MONUC/DSRSG-ROL"),
        &[DSRSG_PATTERN, cite(S002, G17), ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Component("MONUC/CP"),
        LineTo::Post("MONUC/DSRSG-ROL"),
        &[DSRSG_PATTERN, cite(S002, G17), ILLUSTRATIVE_DSRSG_LINE],
    ),
    Line {
        from: LineFrom::Component("MONUC/CA"),
        to: LineTo::Post("MONUC/DSRSG-RC-HC"),
        kind: Coordination,
        note: Some("Together they drove the Joint Protection Team concept."),
        when: When::Parent,
        src: &[
            quote(
                S004,
                "¶43",
                "driven in large part by the Civil Affairs section and the DSRSG/RC/HC's office",
            ),
            illustrative(
                S004,
                "¶43",
                "The seed says the two drove the JPT concept together; a coordination line is shown for illustration.",
            ),
        ],
    },
    line(
        LineFrom::Post("MONUC/DSRSG-ROL"),
        LineTo::Post("MONUC/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("MONUC/DSRSG-RC-HC"),
        LineTo::Post("MONUC/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("MONUC/FC"),
        LineTo::Post("MONUC/SRSG"),
        &[HOM_DIRECTS],
    ),
    line(
        LineFrom::Post("MONUC/POLCOM"),
        LineTo::Post("MONUC/SRSG"),
        &[HOM_DIRECTS],
    ),
    line(
        LineFrom::Post("MONUC/DMS"),
        LineTo::Post("MONUC/SRSG"),
        &[HOM_DIRECTS],
    ),
    Line {
        from: LineFrom::Post("MONUC/HHR"),
        to: LineTo::Post("OHCHR/HC"),
        kind: Functional,
        note: Some("The head of the human rights component represents the High Commissioner in the country."),
        when: When::Parent,
        src: &[quote(
            S000,
            "§B (Broader mandated tasks)",
            "whose Head is the in-country representative of the High Commissioner for Human Rights",
        )],
    },
    Line {
        from: LineFrom::Post("MONUC/DSRSG-RC-HC"),
        to: LineTo::Post("OCHA/ERC"),
        kind: Functional,
        note: Some("As Humanitarian Coordinator, under a compact with the Emergency Relief Coordinator."),
        when: When::Parent,
        src: &[quote(
            S000,
            "§B (Principle of Integration)",
            "This remains the case where an HC also functions as a Deputy Special Representatives of the Secretary General (DSRSG) for a UN mission.",
        )],
    },
    // UNMIS
    line(
        LineFrom::Component("UNMIS/POC"),
        LineTo::Post("UNMIS/DSRSG-RC-HC"),
        &[cite(S004, "¶49"), ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Post("UNMIS/DSRSG-RC-HC"),
        LineTo::Post("UNMIS/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("UNMIS/FC"),
        LineTo::Post("UNMIS/SRSG"),
        &[HOM_DIRECTS],
    ),
    line(
        LineFrom::Post("UNMIS/POLCOM"),
        LineTo::Post("UNMIS/SRSG"),
        &[HOM_DIRECTS],
    ),
    // UNAMID
    line(
        LineFrom::Component("UNAMID/HLS"),
        LineTo::Post("UNAMID/DJSR"),
        &[cite(S003, "§8.2.1"), ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Component("UNAMID/HR"),
        LineTo::Post("UNAMID/DJSR"),
        &[DSRSG_PATTERN, ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Post("UNAMID/DJSR"),
        LineTo::Post("UNAMID/JSR"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("UNAMID/FC"),
        LineTo::Post("UNAMID/JSR"),
        &[HOM_DIRECTS],
    ),
    line(
        LineFrom::Post("UNAMID/POLCOM"),
        LineTo::Post("UNAMID/JSR"),
        &[HOM_DIRECTS],
    ),
    // UNOCI
    line(
        LineFrom::Component("UNOCI/HRD"),
        LineTo::Post("UNOCI/DSRSG-POL"),
        &[DSRSG_PATTERN, ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Component("UNOCI/CP"),
        LineTo::Post("UNOCI/DSRSG-POL"),
        &[DSRSG_PATTERN, ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Post("UNOCI/DSRSG-POL"),
        LineTo::Post("UNOCI/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("UNOCI/FC"),
        LineTo::Post("UNOCI/SRSG"),
        &[HOM_DIRECTS],
    ),
    line(
        LineFrom::Post("UNOCI/POLCOM"),
        LineTo::Post("UNOCI/SRSG"),
        &[HOM_DIRECTS],
    ),
    // MINUSTAH
    line(
        LineFrom::Component("MINUSTAH/HRS"),
        LineTo::Post("MINUSTAH/DSRSG-RC-HC"),
        &[DSRSG_PATTERN, ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Post("MINUSTAH/DSRSG-RC-HC"),
        LineTo::Post("MINUSTAH/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("MINUSTAH/FC"),
        LineTo::Post("MINUSTAH/SRSG"),
        &[HOM_DIRECTS],
    ),
    line(
        LineFrom::Post("MINUSTAH/POLCOM"),
        LineTo::Post("MINUSTAH/SRSG"),
        &[HOM_DIRECTS],
    ),
    // UNAMA
    line(
        LineFrom::Component("UNAMA/HR"),
        LineTo::Post("UNAMA/DSRSG-POL"),
        &[DSRSG_PATTERN, ILLUSTRATIVE_DSRSG_LINE],
    ),
    line(
        LineFrom::Post("UNAMA/DSRSG-POL"),
        LineTo::Post("UNAMA/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    line(
        LineFrom::Post("UNAMA/DSRSG-RC-HC"),
        LineTo::Post("UNAMA/SRSG"),
        &[THROUGH_DSRSGS],
    ),
    // MINURCAT
    line(
        LineFrom::Post("MINURCAT/POLCOM"),
        LineTo::Post("MINURCAT/SRSG"),
        &[HOM_DIRECTS],
    ),
];

pub static TASKS: &[Task] = &[
    Task {
        mission: "MONUC",
        category: MandatedTaskCategory::ProtectionOfCivilians,
        title: "Protect civilians under imminent threat of physical violence, as the first priority",
        description: Some("The first mission whose mandate made the protection of civilians its first priority."),
        resolution: Some("S/RES/1906 (2009)"),
        tier: Some(2),
        lead: None,
        when: When::From("2009-12-23"),
        src: &[
            quote(
                S004,
                "¶8",
                "explicitly makes the protection of civilians the first priority, in its operative paragraph 5 (a)",
            ),
            illustrative(
                S004,
                "¶8",
                "The resolution's date (23 December 2009) is not stated in the seeds.",
            ),
        ],
    },
    Task {
        mission: "MONUC",
        category: MandatedTaskCategory::Ddr,
        title: "Disarmament, demobilization, repatriation, resettlement and reintegration of foreign armed groups",
        description: None,
        resolution: None,
        tier: None,
        lead: Some("MONUC/DDRRR"),
        when: When::Parent,
        src: &[quote(
            S004,
            "¶69",
            "contributed directly to POC by repatriating approximately 3,800 elements of the Democratic Liberation Forces of Rwanda (FDLR)",
        )],
    },
    Task {
        mission: "MINURCAT",
        category: MandatedTaskCategory::Ssr,
        title: "Assist the establishment of the Détachement intégré de sécurité protecting civilians in eastern Chad",
        description: None,
        resolution: Some("S/RES/1778 (2007)"),
        tier: None,
        lead: Some("MINURCAT/POLICE"),
        when: When::Parent,
        src: &[
            quote(S004, "¶66", "endorsed by the Security Council in S/RES/1778 (2007)"),
            cite(S004, "¶65"),
            cite(S004, "¶67"),
        ],
    },
    Task {
        mission: "UNAMA",
        category: MandatedTaskCategory::HumanRights,
        title: "Monitor and publicly report on the protection of civilians",
        description: None,
        resolution: None,
        tier: None,
        lead: Some("UNAMA/HR"),
        when: When::Parent,
        src: &[
            quote(
                S001,
                "¶24",
                "UNAMA's public PoC reports are an important advocacy tool",
            ),
            cite(S000, "fn8"),
        ],
    },
];
