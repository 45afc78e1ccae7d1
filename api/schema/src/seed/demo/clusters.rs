//! The Global Protection Cluster led by UNHCR, field Protection Clusters alongside the missions,
//! their Areas of Responsibility and who leads them.
//!
//! The seeds name the AoRs but not their lead agencies, and name UNHCR as lead of the global
//! cluster only: field and AoR leads follow the IASC arrangement and are marked illustrative.

use entity::enums::AorTheme::*;
use entity::enums::ClusterScope::{Field, Global};
use entity::enums::ClusterSector::Protection;
use entity::enums::LeadRole::{CoLead, Lead as LeadKind};

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

const AORS_NAMED: Src = quote(
    S000,
    "Introduction",
    "the Areas of Responsibility (AoRs) on Child Protection, Gender-based Violence, Mine Action and Housing, Land and Property",
);
const FIVE_AORS: Src = quote(
    S003,
    "fn3",
    "The five AoRs are gender-based violence; child protection; housing, land and property; rule of law and justice; and mine action",
);
const LEAD_CAN_BE: Src = quote(
    S002,
    "fn12",
    "The lead agency of the Protection Cluster can be UNHCR, or other protection mandated agencies/entities such as OHCHR or UNICEF.",
);
const AOR_LEAD_NOTE: Src = illustrative(
    S000,
    "Introduction",
    "The seeds do not name AoR lead agencies; the IASC arrangement is shown for illustration.",
);
const FIELD_LEAD_NOTE: Src = illustrative(
    S002,
    "fn12",
    "The seeds do not name this cluster's lead agency; UNHCR is shown for illustration.",
);
const DRC_AOR_NOTE: Src = illustrative(
    S000,
    "Introduction",
    "The seeds name the AoRs of Protection Clusters generally; that the DRC cluster has this one is illustrative.",
);
const COUNTERPART_NOTE: Src = illustrative(
    S000,
    "§C (Participation in coordination forums)",
    "Mission staff take part in the cluster and its AoRs; which component is this AoR's counterpart is illustrative.",
);

pub static CLUSTERS: &[Cluster] = &[
    Cluster {
        code: "GPC",
        name: "Global Protection Cluster",
        scope: Global,
        sector: Protection,
        cluster_like: false,
        parent: None,
        country: None,
        when: When::From("2006-01-01"),
        src: &[
            cite(S000, "The Role of the Global Protection Cluster"),
            quote(
                S001,
                "fn4",
                "UNHCR is the Cluster Lead Agency of the Global Protection Cluster.",
            ),
            illustrative(
                S000,
                "Introduction",
                "The seeds do not date the Global Protection Cluster; it is shown from 2006, when the cluster approach began.",
            ),
        ],
    },
    Cluster {
        code: "PC-DRC",
        name: "Protection Cluster (Democratic Republic of the Congo)",
        scope: Field,
        sector: Protection,
        cluster_like: false,
        parent: Some("GPC"),
        country: Some("COD"),
        when: When::From("2006-01-01"),
        src: &[
            cite(S000, "fn1"),
            quote(
                S000,
                "§C (Protection Assessments)",
                "DRC Protection Cluster “Must/Should/Could” prioritizations shared with MONUSCO",
            ),
            cite(S004, "¶47"),
            cite(S004, "¶24"),
            illustrative(
                S000,
                "fn1",
                "The seeds do not date the DRC Protection Cluster; it is shown from 2006.",
            ),
        ],
    },
    Cluster {
        code: "PC-CIV",
        name: "IDP Protection Cluster (Côte d'Ivoire)",
        scope: Field,
        sector: Protection,
        cluster_like: false,
        parent: Some("GPC"),
        country: Some("CIV"),
        when: When::From("2006-04-01"),
        src: &[
            quote(S004, "¶48", "the IDP Protection Cluster as of April 2006"),
            cite(S000, "fn1"),
        ],
    },
    Cluster {
        code: "PWG-DARFUR",
        name: "Darfur Protection Working Group",
        scope: Field,
        sector: Protection,
        cluster_like: true,
        parent: Some("GPC"),
        country: Some("SDN"),
        when: When::From("2007-07-31"),
        src: &[
            quote(
                S000,
                "§C (Advocacy and Communication)",
                "Darfur Protection Working Group",
            ),
            quote(
                S000,
                "Objective and Scope",
                "situations where Protection Clusters have not been activated but where similar protection sectoral coordination is taking place alongside UN missions",
            ),
            illustrative(
                S000,
                "§C (Advocacy and Communication)",
                "The seeds do not date the working group; it is shown from UNAMID's start.",
            ),
        ],
    },
    Cluster {
        code: "PC-AFG",
        name: "Protection Cluster (Afghanistan)",
        scope: Field,
        sector: Protection,
        cluster_like: false,
        parent: Some("GPC"),
        country: Some("AFG"),
        when: When::From("2008-01-01"),
        src: &[
            cite(S000, "fn1"),
            quote(
                S000,
                "§C (Advocacy and Communication)",
                "Afghanistan Protection Cluster and UNAMA engagement with ISAF",
            ),
            illustrative(
                S000,
                "fn1",
                "The seeds do not date the Afghanistan Protection Cluster; it is shown from 2008.",
            ),
        ],
    },
    Cluster {
        code: "PC-HTI",
        name: "Protection Cluster (Haiti)",
        scope: Field,
        sector: Protection,
        cluster_like: false,
        parent: Some("GPC"),
        country: Some("HTI"),
        when: When::From("2010-01-13"),
        src: &[
            cite(S000, "fn1"),
            quote(
                S000,
                "§C (Advocacy and Communication)",
                "Haiti Protection Cluster engagement with MINUSTAH following the 2011 earthquake",
            ),
            illustrative(
                S000,
                "§C (Advocacy and Communication)",
                "The seeds do not date the Haiti Protection Cluster (the earthquake they mention struck on 12 January 2010); its lead agency is not stated and is left unset.",
            ),
        ],
    },
];

const fn global_aor(key: &'static str, name: &'static str, theme: entity::enums::AorTheme) -> Aor {
    Aor {
        key,
        cluster: "GPC",
        name,
        theme,
        counterpart: None,
        when: When::Parent,
        src: &[AORS_NAMED],
    }
}

pub static AORS: &[Aor] = &[
    global_aor("GPC/CP", "Child Protection AoR", ChildProtection),
    global_aor("GPC/GBV", "Gender-Based Violence AoR", GenderBasedViolence),
    global_aor("GPC/MA", "Mine Action AoR", MineAction),
    global_aor(
        "GPC/HLP",
        "Housing, Land and Property AoR",
        HousingLandProperty,
    ),
    Aor {
        key: "GPC/ROLJ",
        cluster: "GPC",
        name: "Rule of Law and Justice AoR",
        theme: RuleOfLawJustice,
        counterpart: None,
        when: When::Parent,
        src: &[FIVE_AORS],
    },
    Aor {
        key: "PC-DRC/CP",
        cluster: "PC-DRC",
        name: "Child Protection AoR (DRC)",
        theme: ChildProtection,
        counterpart: Some("MONUC/CP"),
        when: When::Parent,
        src: &[AORS_NAMED, DRC_AOR_NOTE, COUNTERPART_NOTE],
    },
    Aor {
        key: "PC-DRC/GBV",
        cluster: "PC-DRC",
        name: "Gender-Based Violence AoR (DRC)",
        theme: GenderBasedViolence,
        counterpart: Some("MONUC/HRD"),
        when: When::Parent,
        src: &[AORS_NAMED, DRC_AOR_NOTE, COUNTERPART_NOTE],
    },
    Aor {
        key: "PC-DRC/MA",
        cluster: "PC-DRC",
        name: "Mine Action AoR (DRC)",
        theme: MineAction,
        counterpart: Some("MONUC/MINE"),
        when: When::Parent,
        src: &[
            AORS_NAMED,
            cite(S004, "¶71"),
            DRC_AOR_NOTE,
            COUNTERPART_NOTE,
        ],
    },
    Aor {
        key: "PC-DRC/HLP",
        cluster: "PC-DRC",
        name: "Housing, Land and Property AoR (DRC)",
        theme: HousingLandProperty,
        counterpart: None,
        when: When::Parent,
        src: &[AORS_NAMED, DRC_AOR_NOTE],
    },
];

const fn lead(led: LedRef, org: &'static str, src: &'static [Src]) -> Lead {
    Lead {
        led,
        leader: LeaderRef::Org(org),
        role: LeadKind,
        when: When::Parent,
        src,
    }
}

pub static LEADS: &[Lead] = &[
    lead(
        LedRef::Cluster("GPC"),
        "UNHCR",
        &[quote(
            S001,
            "fn4",
            "UNHCR is the Cluster Lead Agency of the Global Protection Cluster.",
        )],
    ),
    lead(LedRef::Aor("GPC/CP"), "UNICEF", &[AOR_LEAD_NOTE]),
    lead(LedRef::Aor("GPC/GBV"), "UNFPA", &[AOR_LEAD_NOTE]),
    lead(LedRef::Aor("GPC/MA"), "UNMAS", &[AOR_LEAD_NOTE]),
    lead(LedRef::Aor("GPC/HLP"), "UN-HABITAT", &[AOR_LEAD_NOTE]),
    Lead {
        led: LedRef::Aor("GPC/ROLJ"),
        leader: LeaderRef::Org("OHCHR"),
        role: CoLead,
        when: When::Parent,
        src: &[FIVE_AORS, AOR_LEAD_NOTE],
    },
    Lead {
        led: LedRef::Aor("GPC/ROLJ"),
        leader: LeaderRef::Org("UNDP"),
        role: CoLead,
        when: When::Parent,
        src: &[FIVE_AORS, AOR_LEAD_NOTE],
    },
    lead(
        LedRef::Cluster("PC-DRC"),
        "UNHCR",
        &[LEAD_CAN_BE, FIELD_LEAD_NOTE],
    ),
    lead(LedRef::Aor("PC-DRC/CP"), "UNICEF", &[AOR_LEAD_NOTE]),
    lead(LedRef::Aor("PC-DRC/GBV"), "UNFPA", &[AOR_LEAD_NOTE]),
    lead(
        LedRef::Aor("PC-DRC/MA"),
        "UNMAS",
        &[cite(S004, "¶71"), AOR_LEAD_NOTE],
    ),
    lead(LedRef::Aor("PC-DRC/HLP"), "UN-HABITAT", &[AOR_LEAD_NOTE]),
    lead(
        LedRef::Cluster("PC-CIV"),
        "UNHCR",
        &[LEAD_CAN_BE, FIELD_LEAD_NOTE],
    ),
    lead(
        LedRef::Cluster("PWG-DARFUR"),
        "UNHCR",
        &[
            quote(
                S003,
                "Annex (participants)",
                "Head of Operations, Darfur UNHCR",
            ),
            FIELD_LEAD_NOTE,
        ],
    ),
    lead(
        LedRef::Cluster("PC-AFG"),
        "UNHCR",
        &[LEAD_CAN_BE, FIELD_LEAD_NOTE],
    ),
];
