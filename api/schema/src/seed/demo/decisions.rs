//! Who decides what: the decision areas and the rights the seeds state for them, with the
//! examples of DOMAIN.md ("Decision right") worked out for MONUC and the other missions.

use entity::enums::RightKind::*;
use entity::enums::Sensitivity;

use super::reporting::RAISE;
use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;
use HolderRef::{Component as C, Forum as F, Org as O, Post as P};

pub static AREAS: &[DecisionArea] = &[
    DecisionArea {
        code: "POC_STRATEGY",
        name: "POC strategy",
        description: "Development, sign-off, endorsement and execution of a mission's comprehensive protection of civilians strategy.",
        src: &[cite(S002, "¶11"), cite(S003, "§8.7.1"), cite(S002, "template A ¶2")],
    },
    DecisionArea {
        code: "POC_STRATEGY_DRAFTING",
        name: "Drafting of the POC strategy",
        description: "Designating the office that drafts the POC strategy, and drafting it.",
        src: &[cite(S002, "¶7"), cite(S003, "§8.2.1")],
    },
    DecisionArea {
        code: "USE_OF_FORCE",
        name: "Use of force to protect civilians",
        description: "Using force to protect civilians under imminent threat of physical violence, within the mandate and the rules of engagement.",
        src: &[cite(S002, "template G ¶17"), cite(S004, "fn1")],
    },
    DecisionArea {
        code: "MILITARY_ASSETS",
        name: "Use of mission military assets by humanitarians",
        description: "Armed escorts, helicopters and other mission military assets used by humanitarian actors: only as a last resort.",
        src: &[
            quote(
                S000,
                "§C (Participation in coordination forums)",
                "decisions to use mission military assets, whether armed escorts or helicopters to more easily access remote areas, need to adhere to the principle of last resort",
            ),
            cite(S000, "fn18"),
        ],
    },
    DecisionArea {
        code: "ASSET_PRIORITISATION",
        name: "Prioritisation of key mission assets",
        description: "Which areas and tasks get scarce capabilities such as aviation assets, with priority to the protection of civilians.",
        src: &[cite(S004, "¶16"), cite(S002, "template F ¶11")],
    },
    DecisionArea {
        code: "EARLY_WARNING_RESPONSE",
        name: "Response to early warning",
        description: "Acting on early warning of threats to civilians before situations escalate.",
        src: &[cite(S004, "¶59"), cite(S002, "template E ¶9")],
    },
    DecisionArea {
        code: "CLUSTER_LEAD_DESIGNATION",
        name: "Designation of the protection cluster lead agency",
        description: "Which agency leads the Protection Cluster, globally and in a country.",
        src: &[cite(S001, "fn4")],
    },
    DecisionArea {
        code: "INFORMATION_SHARING",
        name: "Information sharing between the mission and protection actors",
        description: "What protection information is shared, with whom and how: trends rather than individual cases, with the confidentiality of victims, witnesses and sources protected.",
        src: &[
            cite(S003, "§8.4.5"),
            cite(S002, "template D ¶8"),
            cite(S000, "§C (Information Sharing)"),
        ],
    },
    DecisionArea {
        code: "ESCALATION",
        name: "Escalation to UN Headquarters and the Security Council",
        description: "Raising a deteriorating protection situation beyond the mission.",
        src: &[cite(S004, "¶12")],
    },
    DecisionArea {
        code: "ARMED_GROUP_ENGAGEMENT",
        name: "Engagement with non-state armed groups on protection",
        description: "Whether and how the mission engages non-state armed groups on the protection of civilians.",
        src: &[cite(S002, "template G ¶16"), cite(S002, "¶9")],
    },
];

const NOT_DELEGATED: Src = quote(
    S003,
    "§8.7.1",
    "This responsibility should not be delegated to a Deputy Special Representative of the Secretary-General (DSRSG)",
);
const ENDORSED: Src = quote(
    S002,
    "¶11",
    "Once finalized the strategy should be endorsed by the Head of Mission and the UNCT.",
);
const DESIGNATES: Src = quote(
    S003,
    "§8.2.1",
    "It is the senior mission leadership that should ultimately designate the most appropriate section to take the lead.",
);
const HUMAN_RIGHTS_DRAFTS: &[Src] = &[quote(
    S003,
    "§8.2.1",
    "and to Human Rights in MINUSTAH and ONUCI",
)];
const DESIGNATES_SRC: &[Src] = &[DESIGNATES, cite(S002, "¶7")];
const FORCE_COMMANDER: Src = quote(
    S002,
    "template G ¶17",
    "Consistent with the rules of engagement, the Force Commander has the authority to use force to protect civilians and is accountable for such use of force by the mission.",
);
const POLICE_UNITS: Src = quote(
    S002,
    "template G ¶17",
    "the Head of Police Component may have units under his/her command that may be authorized to use force",
);
const LEAD_AGREED: Src = quote(
    S001,
    "fn4",
    "the three core protection mandated agencies (UNHCR, UNICEF and OHCHR) will consult closely and, under the overall leadership of the HC/RC, agree which agency, among the three, will assume the role of Cluster Lead Agency for protection",
);
const GLOBAL_FROM_2009: Src = illustrative(
    S004,
    "¶12",
    "The seeds state this as of 2009–2010; the start date shown (1 January 2009) is illustrative.",
);

const fn drafts(mission: &'static str, component: &'static str, src: &'static [Src]) -> Right {
    Right {
        area: "POC_STRATEGY_DRAFTING",
        mission: Some(mission),
        holder: C(component),
        kind: Executes,
        scope: Some("drafting the POC strategy"),
        src,
        ..RIGHT
    }
}

const fn designates(mission: &'static str, post: &'static str) -> Right {
    Right {
        area: "POC_STRATEGY_DRAFTING",
        mission: Some(mission),
        holder: P(post),
        kind: Decides,
        scope: Some("designating the office that drafts the strategy"),
        src: DESIGNATES_SRC,
        ..RIGHT
    }
}

const fn force(mission: &'static str, post: &'static str) -> Right {
    Right {
        area: "USE_OF_FORCE",
        mission: Some(mission),
        holder: P(post),
        kind: Decides,
        scope: Some("consistent with the rules of engagement"),
        note: Some(
            "Has the authority to use force to protect civilians and is accountable for its use.",
        ),
        when: When::Parent,
        src: &[FORCE_COMMANDER],
        ..RIGHT
    }
}

const fn police_force(mission: &'static str, post: &'static str) -> Right {
    Right {
        area: "USE_OF_FORCE",
        mission: Some(mission),
        holder: P(post),
        kind: Decides,
        scope: Some("police units under his or her command authorised to use force"),
        when: When::Parent,
        src: &[POLICE_UNITS],
        ..RIGHT
    }
}

pub static RIGHTS: &[Right] = &[
    // POC_STRATEGY in MONUC [002 ¶11, template A ¶2, template G ¶17; 003 §8.7.1, §8.2.2]
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Decides,
        non_delegable: true,
        note: Some("Accountable for the strategy and signs it off; not delegated to a DSRSG, since one component would then coordinate another."),
        src: &[
            NOT_DELEGATED,
            quote(
                S002,
                "template A ¶2",
                "compliance with the strategy is mandatory for all relevant staff within the mission, once signed off by the Head of Mission (HOM)",
            ),
            cite(S002, "template G ¶17"),
        ],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Endorses,
        src: &[ENDORSED],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: F("DRC/UNCT"),
        kind: Endorses,
        src: &[ENDORSED],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: F("DRC/PC"),
        kind: Consulted,
        note: Some("Partners are consulted; the mission endorses."),
        src: &[
            quote(
                S001,
                "¶8",
                "need to be fully informed of and systematically consulted in the drafting and revision of PoC strategies of UN missions",
            ),
            quote(
                S003,
                "§8.2.2",
                "A distinction should be made between consultation and endorsement.",
            ),
            cite(S002, "¶9"),
        ],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: F("DRC/PC"),
        kind: Informed,
        scope: Some("receives a copy of the strategy"),
        src: &[quote(
            S002,
            "¶11",
            "Key partners, such as the Protection Cluster, shall also receive a copy of the strategy.",
        )],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: O("GOV-COD"),
        kind: Consulted,
        note: Some("The host government has the primary responsibility to protect its population."),
        src: &[quote(
            S002,
            "¶9",
            "As the actor with the primary responsibility to protect its population, early engagement with the host government is critical",
        )],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: O("DPKO"),
        kind: Consulted,
        scope: Some("strategic guidance from New York Headquarters"),
        src: &[quote(
            S002,
            "¶9",
            "The mission shall receive strategic guidance and support from NYHQ when drafting the strategy",
        )],
        ..RIGHT
    },
    // The strategy's implementation: the Head of Mission delegates its operational and
    // technical aspects to the heads of components through the DSRSGs [002 template G ¶17].
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Decides,
        scope: Some(IMPLEMENTATION),
        key: Some("MONUC/SRSG-IMPLEMENTATION"),
        note: Some("Ultimately responsible for implementing the POC mandate; delegates its operational and technical aspects."),
        src: &[IMPLEMENTATION_DELEGATED],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: P("MONUC/DSRSG-ROL"),
        kind: Executes,
        scope: Some(IMPLEMENTATION),
        delegated_from: Some("MONUC/SRSG-IMPLEMENTATION"),
        note: Some("For the components reporting to the DSRSG Rule of Law (human rights, child protection)."),
        src: &[IMPLEMENTATION_DELEGATED, IMPLEMENTATION_NOTE],
        ..RIGHT
    },
    Right {
        area: "POC_STRATEGY",
        mission: Some("MONUC"),
        holder: P("MONUC/DSRSG-RC-HC"),
        kind: Executes,
        scope: Some(IMPLEMENTATION),
        delegated_from: Some("MONUC/SRSG-IMPLEMENTATION"),
        note: Some("For the components reporting to the DSRSG/RC/HC (civil affairs), and the link with the Humanitarian Country Team."),
        src: &[
            IMPLEMENTATION_DELEGATED,
            quote(
                S002,
                "template G ¶17",
                "the DSRSG/RC/HC who is responsible for coordinating the protection activities of the Humanitarian Country Team with those of the mission and vice versa",
            ),
            IMPLEMENTATION_NOTE,
        ],
        ..RIGHT
    },
    // POC_STRATEGY_DRAFTING: who designates, and who drafted [003 §8.2.1]
    designates("MONUC", "MONUC/SRSG"),
    designates("UNMIS", "UNMIS/SRSG"),
    designates("UNAMID", "UNAMID/JSR"),
    designates("UNOCI", "UNOCI/SRSG"),
    designates("MINUSTAH", "MINUSTAH/SRSG"),
    drafts(
        "MONUC",
        "MONUC/CA",
        &[quote(S003, "§8.2.1", "to Civil Affairs in MONUC")],
    ),
    drafts(
        "UNMIS",
        "UNMIS/POC",
        &[quote(
            S003,
            "§8.2.1",
            "to the Protection of Civilians Section in UNMIS",
        )],
    ),
    drafts(
        "UNAMID",
        "UNAMID/HLS",
        &[quote(
            S003,
            "§8.2.1",
            "this role has been assigned to the Humanitarian Liaison Section in UNAMID",
        )],
    ),
    drafts("MINUSTAH", "MINUSTAH/HRS", HUMAN_RIGHTS_DRAFTS),
    drafts("UNOCI", "UNOCI/HRD", HUMAN_RIGHTS_DRAFTS),
    // USE_OF_FORCE: the Council authorises; the Force Commander decides [002 template G ¶17]
    Right {
        area: "USE_OF_FORCE",
        holder: O("UNSC"),
        kind: Decides,
        scope: Some("authorising force in a mission's mandate, under Chapter VII"),
        when: When::From("1999-10-22"),
        src: &[
            quote(
                S004,
                "¶14",
                "The Security Council authorizes mandates under Chapter VII when mandating the protection of civilians",
            ),
            quote(
                S004,
                "¶6",
                "since its first adoption for UNAMSIL in 1999 (Operative paragraph 14 of Security Council Resolution 1270)",
            ),
            illustrative(
                S004,
                "¶6",
                "The date shown is that of resolution 1270 (22 October 1999), which the seeds do not give.",
            ),
        ],
        ..RIGHT
    },
    force("MONUC", "MONUC/FC"),
    police_force("MONUC", "MONUC/POLCOM"),
    Right {
        area: "USE_OF_FORCE",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Consulted,
        src: &[quote(
            S002,
            "template G ¶17",
            "regular consultations between the Force Commander, Head of Police Component, SRS, and senior civilian leadership are vital",
        )],
        ..RIGHT
    },
    force("UNMIS", "UNMIS/FC"),
    police_force("UNMIS", "UNMIS/POLCOM"),
    force("UNAMID", "UNAMID/FC"),
    Right {
        scope: Some("Formed Police Units and other police units under his or her command authorised to use force"),
        src: &[POLICE_UNITS, cite(S004, "¶64")],
        ..police_force("UNAMID", "UNAMID/POLCOM")
    },
    force("UNOCI", "UNOCI/FC"),
    police_force("UNOCI", "UNOCI/POLCOM"),
    force("MINUSTAH", "MINUSTAH/FC"),
    police_force("MINUSTAH", "MINUSTAH/POLCOM"),
    // MILITARY_ASSETS: last resort [000 §C]
    Right {
        area: "MILITARY_ASSETS",
        mission: Some("MONUC"),
        holder: F("DRC/PC"),
        kind: Decides,
        scope: Some("whether its members use mission escorts or helicopters, only as a last resort"),
        src: &[
            quote(
                S000,
                "§C (Participation in coordination forums)",
                "decisions to use mission military assets, whether armed escorts or helicopters to more easily access remote areas, need to adhere to the principle of last resort",
            ),
            illustrative(
                S000,
                "§C (Participation in coordination forums)",
                "The seed states the rule for Protection Clusters generally; it is shown for the DRC cluster.",
            ),
        ],
        ..RIGHT
    },
    Right {
        area: "MILITARY_ASSETS",
        mission: Some("MONUC"),
        holder: C("MONUC/FORCE"),
        kind: Executes,
        scope: Some("provides escorts and air assets on request"),
        src: &[
            cite(S000, "§C (Protection Assessments)"),
            illustrative(
                S000,
                "§C (Protection Assessments)",
                "That MONUC's Force provides the assets is shown for illustration.",
            ),
        ],
        ..RIGHT
    },
    Right {
        area: "MILITARY_ASSETS",
        holder: O("OCHA"),
        kind: Consulted,
        scope: Some("civil-military coordination officers advise on the principle of last resort"),
        when: When::From("2009-01-01"),
        src: &[
            quote(
                S000,
                "fn7",
                "OCHA Civil-Military Coordination (CMCoord) Officers, where available, can be a valuable resource",
            ),
            cite(S000, "fn14"),
            GLOBAL_FROM_2009,
        ],
        ..RIGHT
    },
    // ASSET_PRIORITISATION [004 ¶16, ¶47; 002 template F ¶11, H ¶20]
    Right {
        area: "ASSET_PRIORITISATION",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Decides,
        scope: Some("use of key capabilities such as aviation assets, giving priority to the protection of civilians"),
        src: &[
            quote(
                S004,
                "¶16",
                "mission leaders must therefore be prepared to make decisions on how to prioritize the use of certain key capabilities, such as aviation assets",
            ),
            quote(
                S002,
                "template F ¶11",
                "The HOM has been directed by the Security Council to prioritize the POC activities in decisions about the use of capacities and resources.",
            ),
        ],
        ..RIGHT
    },
    Right {
        area: "ASSET_PRIORITISATION",
        mission: Some("MONUC"),
        holder: F("MONUC/SMG"),
        kind: Consulted,
        scope: Some("a transparent and agreed allocation and prioritisation of resources"),
        src: &[quote(
            S002,
            "template H ¶20",
            "the allocation and prioritization of resources is transparent and agreed",
        )],
        ..RIGHT
    },
    Right {
        area: "ASSET_PRIORITISATION",
        mission: Some("MONUC"),
        holder: F("DRC/PC-NK"),
        kind: Recommends,
        scope: Some("deployment of peacekeepers to areas with known protection problems, through its protection matrix"),
        when: When::From("2008-01-01"),
        src: &[
            quote(
                S004,
                "¶47",
                "has used since 2008 a protection matrix developed and regularly updated by the Protection Cluster to help prioritize the deployment of the mission's peacekeepers",
            ),
            illustrative(S004, "¶47", "'Since 2008' is shown as from 1 January 2008."),
        ],
        ..RIGHT
    },
    Right {
        area: "ASSET_PRIORITISATION",
        mission: Some("UNAMID"),
        holder: P("UNAMID/JSR"),
        kind: Decides,
        scope: Some("use of scarce air assets"),
        src: &[
            quote(
                S004,
                "¶16",
                "mission leaders must therefore be prepared to make decisions on how to prioritize the use of certain key capabilities, such as aviation assets",
            ),
            cite(S004, "¶19"),
        ],
        ..RIGHT
    },
    // EARLY_WARNING_RESPONSE: the cell recommends, the Senior Management Group receives [004 ¶59]
    Right {
        area: "EARLY_WARNING_RESPONSE",
        mission: Some("MONUC"),
        holder: F("MONUC/EWRRC"),
        kind: Recommends,
        scope: Some("updates on emerging threats and suggestions for possible action"),
        src: &[quote(
            S004,
            "¶59",
            "reports to the Senior Management Group, providing both updates on emerging threats and suggestions for possible action",
        )],
        ..RIGHT
    },
    Right {
        area: "EARLY_WARNING_RESPONSE",
        mission: Some("MONUC"),
        holder: F("MONUC/SMG"),
        kind: Informed,
        src: &[quote(
            S004,
            "¶59",
            "The cell meets regularly and reports to the Senior Management Group",
        )],
        ..RIGHT
    },
    Right {
        area: "EARLY_WARNING_RESPONSE",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Decides,
        scope: Some("rapid decisions in a POC crisis"),
        src: &[
            quote(
                S002,
                "template E ¶9",
                "the mission shall articulate the rapid decision-making process to address POC crises",
            ),
            cite(S002, "fn8"),
            illustrative(
                S002,
                "template E ¶9",
                "The seeds do not say who decides on MONUC's response to the cell's suggestions; the Head of Mission is shown for illustration.",
            ),
        ],
        ..RIGHT
    },
    Right {
        area: "EARLY_WARNING_RESPONSE",
        mission: Some("UNOCI"),
        holder: F("CIV/NETWORK"),
        kind: Recommends,
        scope: Some("validated protection information and analysis"),
        when: When::From("2005-06-01"),
        src: &[quote(
            S004,
            "¶48",
            "to provide analysis 'on which early warning action, advocacy and denunciation can be undertaken by the Humanitarian Coordinator, the Inter-Agency Humanitarian Coordination Committee, the Emergency Relief Coordinator or the Special Representative of the Secretary-General",
        )],
        ..RIGHT
    },
    Right {
        area: "EARLY_WARNING_RESPONSE",
        mission: Some("UNOCI"),
        holder: P("UNOCI/SRSG"),
        kind: Executes,
        scope: Some("early warning action, advocacy and denunciation"),
        when: When::From("2005-06-01"),
        src: &[quote(
            S004,
            "¶48",
            "early warning action, advocacy and denunciation can be undertaken by the Humanitarian Coordinator, the Inter-Agency Humanitarian Coordination Committee, the Emergency Relief Coordinator or the Special Representative of the Secretary-General",
        )],
        ..RIGHT
    },
    Right {
        area: "EARLY_WARNING_RESPONSE",
        mission: Some("UNMIS"),
        holder: F("UNMIS/CCC"),
        kind: Executes,
        scope: Some("coordinating information to analyse and respond across the mission's components"),
        when: When::From("2009-03-01"),
        sensitivity: Sensitivity::Internal,
        src: &[
            cite(S004, "¶60"),
            illustrative(S004, "¶60", "The date shown (1 March 2009) is illustrative."),
        ],
        ..RIGHT
    },
    // CLUSTER_LEAD_DESIGNATION [001 fn4]: one agreement among the three core protection
    // agencies under the HC/RC, recorded as one joint decision of three parties.
    Right {
        area: "CLUSTER_LEAD_DESIGNATION",
        holder: F("IASC"),
        kind: Decides,
        scope: Some("lead agencies of the global clusters (UNHCR for the Global Protection Cluster)"),
        when: When::From("2006-01-01"),
        src: &[
            quote(
                S001,
                "fn4",
                "See IASC Reference Module for Cluster Coordination at the Country Level, November 2012, Footnote 7: “UNHCR is the Cluster Lead Agency of the Global Protection Cluster.",
            ),
            LEAD_FROM_2006,
        ],
        ..RIGHT
    },
    country_lead(None, "UNHCR", &[LEAD_AGREED, LEAD_FROM_2006]),
    country_lead(None, "UNICEF", &[LEAD_AGREED, LEAD_FROM_2006]),
    country_lead(None, "OHCHR", OHCHR_MAY_LEAD),
    // In the DRC the agreement is made under MONUC's DSRSG/RC/HC, who approves it.
    country_lead(Some("MONUC"), "UNHCR", DRC_AGREEMENT),
    country_lead(Some("MONUC"), "UNICEF", DRC_AGREEMENT),
    country_lead(Some("MONUC"), "OHCHR", DRC_AGREEMENT),
    Right {
        area: "CLUSTER_LEAD_DESIGNATION",
        mission: Some("MONUC"),
        holder: P("MONUC/DSRSG-RC-HC"),
        kind: Approves,
        scope: Some("the country-level designation, under the HC/RC's overall leadership"),
        src: &[LEAD_AGREED],
        ..RIGHT
    },
    // INFORMATION_SHARING in MONUC: trends are shared, cases stay confidential
    Right {
        area: "INFORMATION_SHARING",
        mission: Some("MONUC"),
        holder: F("DRC/PC"),
        kind: Informed,
        scope: Some("trends and main POC concerns"),
        src: &[
            quote(
                S002,
                "template D ¶8",
                "the trends and main POC concerns shall be discussed with relevant protection actors, in particular with the Protection Cluster",
            ),
            quote(
                S003,
                "§8.4.5",
                "peacekeeping missions and external protection actors should share general trends rather than specific individual case information",
            ),
        ],
        ..RIGHT
    },
    Right {
        area: "INFORMATION_SHARING",
        mission: Some("MONUC"),
        holder: F("DRC/PC"),
        kind: Consulted,
        scope: Some("whether and under what conditions cluster information may be passed on"),
        src: &[quote(
            S000,
            "§C (Information Sharing)",
            "agree whether and under what conditions information provided by the field Protection Cluster may be transmitted and what safeguards are appropriate",
        )],
        ..RIGHT
    },
    Right {
        area: "INFORMATION_SHARING",
        mission: Some("MONUC"),
        holder: C("MONUC/HRD"),
        kind: Decides,
        scope: Some("case-level information on victims, witnesses and sources, under the information-sharing protocol"),
        sensitivity: Sensitivity::Confidential,
        src: &[
            quote(
                S000,
                "§C (Information Sharing)",
                "the Protection Cluster should ensure confidentiality and protection of victims, witnesses, and sources of information, particularly about individual cases",
            ),
            cite(S001, "¶25"),
            illustrative(
                S003,
                "§8.4.5",
                "Who decides on case-level sharing in MONUC is not stated in the seeds; the Human Rights Division is shown for illustration, as CONFIDENTIAL.",
            ),
        ],
        ..RIGHT
    },
    // ESCALATION [004 ¶12]: MONUC's Head of Mission decides to raise a crisis beyond the
    // mission; Headquarters and the Council are informed, and the Council decides what follows.
    // The same rights hold by default for the other missions.
    Right {
        area: "ESCALATION",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Decides,
        scope: Some(RAISING),
        note: Some("Raises the mission's concerns to UN Headquarters and/or the Security Council; the escalation chain shows the way up."),
        src: &[
            RAISE,
            illustrative(
                S002,
                "template G ¶17",
                "The seed puts the duty on the mission; its Head of Mission, ultimately accountable for the POC mandate, is shown deciding when to raise it.",
            ),
        ],
        ..RIGHT
    },
    headquarters_informed(Some("MONUC")),
    council_informed(Some("MONUC")),
    council_decides(Some("MONUC")),
    headquarters_informed(None),
    council_informed(None),
    council_decides(None),
    // ARMED_GROUP_ENGAGEMENT in MONUC: INTERNAL
    Right {
        area: "ARMED_GROUP_ENGAGEMENT",
        mission: Some("MONUC"),
        holder: P("MONUC/SRSG"),
        kind: Decides,
        scope: Some("whether and how the mission engages non-state armed groups on protection"),
        sensitivity: Sensitivity::Internal,
        src: &[
            quote(
                S002,
                "template G ¶16",
                "it is critical that the mission engage with them to discuss the protection of the populations in the areas of their control",
            ),
            quote(
                S000,
                "§B (Principle of Integration)",
                "some examples where individual UN mission leaders sought to limit engagement with non-state armed groups",
            ),
            illustrative(
                S002,
                "template G ¶16",
                "Shown for MONUC for illustration, as INTERNAL: engagement with armed groups is not for every reader.",
            ),
        ],
        ..RIGHT
    },
    Right {
        area: "ARMED_GROUP_ENGAGEMENT",
        mission: Some("MONUC"),
        holder: C("MONUC/CP"),
        kind: Executes,
        scope: Some("dialogue with armed groups on action plans to end child recruitment"),
        sensitivity: Sensitivity::Internal,
        src: &[
            quote(
                S000,
                "§B (Broader mandated tasks)",
                "engaging with government and armed groups to develop action plans to end child recruitment and other grave violations",
            ),
            illustrative(
                S000,
                "§B (Broader mandated tasks)",
                "The seed describes Child Protection Advisors generally; shown for MONUC for illustration, as INTERNAL.",
            ),
        ],
        ..RIGHT
    },
];

const IMPLEMENTATION: &str = "operational and technical aspects of implementing the POC strategy";
const IMPLEMENTATION_DELEGATED: Src = super::reporting::THROUGH_DSRSGS;
const IMPLEMENTATION_NOTE: Src = illustrative(
    S002,
    "template G ¶17",
    "The Framework states the delegation generally; MONUC's, through its two DSRSGs, is shown on that basis.",
);
const COUNTRY_LEAD_SCOPE: &str = "the country-level lead, agreed among UNHCR, UNICEF and OHCHR under the HC/RC's overall leadership";
/// The label of the joint decision of the three agencies.
const COUNTRY_LEAD_AGREEMENT: &str = "COUNTRY_LEAD_AGREEMENT";
const OHCHR_MAY_LEAD: &[Src] = &[
    LEAD_AGREED,
    quote(
        S000,
        "fn12",
        "OHCHR, including when structurally integrated in multidimensional peacekeeping operations and special political missions, is a potential protection cluster lead alongside UNHCR and UNICEF",
    ),
    LEAD_FROM_2006,
];
const DRC_AGREEMENT: &[Src] = &[
    LEAD_AGREED,
    illustrative(
        S001,
        "fn4",
        "The seed states the arrangement for every country; it is shown for the DRC, where MONUC's DSRSG is the HC/RC.",
    ),
];
const RAISING: &str =
    "raising the mission's concerns to UN Headquarters and/or the Security Council";

/// One of the three agencies' part in the joint decision on the country's cluster lead.
const fn country_lead(
    mission: Option<&'static str>,
    agency: &'static str,
    src: &'static [Src],
) -> Right {
    Right {
        area: "CLUSTER_LEAD_DESIGNATION",
        mission,
        holder: O(agency),
        kind: Decides,
        scope: Some(COUNTRY_LEAD_SCOPE),
        joint: Some(COUNTRY_LEAD_AGREEMENT),
        when: match mission {
            Some(_) => When::Described,
            None => When::From("2006-01-01"),
        },
        src,
        ..RIGHT
    }
}

const fn headquarters_informed(mission: Option<&'static str>) -> Right {
    Right {
        area: "ESCALATION",
        mission,
        holder: O("DPKO"),
        kind: Informed,
        scope: Some("UN Headquarters, when a situation worsens or escalates"),
        when: escalation_period(mission),
        src: &[RAISE, GLOBAL_FROM_2009],
        ..RIGHT
    }
}

const fn council_informed(mission: Option<&'static str>) -> Right {
    Right {
        area: "ESCALATION",
        mission,
        holder: O("UNSC"),
        kind: Informed,
        scope: Some("when a situation worsens or escalates to unmanageable proportions"),
        when: escalation_period(mission),
        src: &[RAISE, GLOBAL_FROM_2009],
        ..RIGHT
    }
}

const fn council_decides(mission: Option<&'static str>) -> Right {
    Right {
        area: "ESCALATION",
        mission,
        holder: O("UNSC"),
        kind: Decides,
        scope: Some("further action if the host government withdraws its strategic consent"),
        when: escalation_period(mission),
        src: &[COUNCIL_DETERMINES, GLOBAL_FROM_2009],
        ..RIGHT
    }
}

const COUNCIL_DETERMINES: Src = quote(
    S004,
    "¶12",
    "In such circumstances, any further action by the international community would be determined by the Security Council.",
);

/// A mission's escalation rights hold as described (2009–2010); the defaults from 2009.
const fn escalation_period(mission: Option<&'static str>) -> When {
    match mission {
        Some(_) => When::Described,
        None => When::From("2009-01-01"),
    }
}
const LEAD_FROM_2006: Src = illustrative(
    S001,
    "fn4",
    "The seeds do not date the arrangement; it is shown from 2006, when the cluster approach began.",
);
