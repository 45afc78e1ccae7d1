//! Documents the seeds name: the missions' POC strategies with the office that drafted each
//! [003 §8.2.1], integrated strategic frameworks, resolutions, a handbook, and one illustrative
//! CONFIDENTIAL information-sharing protocol.

use entity::enums::DocumentCoverage::{MissionOnly, SystemWide};
use entity::enums::DocumentKind::*;
use entity::enums::Sensitivity;

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

pub static DOCUMENTS: &[Doc] = &[
    Doc {
        key: "MONUC/POC-STRATEGY",
        kind: PocStrategy,
        title: "MONUC system-wide protection strategy",
        coverage: Some(SystemWide),
        mission: Some("MONUC"),
        drafted_by: Some(By::Component("MONUC/CA")),
        src: &[
            quote(
                S003,
                "§2.2",
                "MONUC, for example, had developed a system-wide protection strategy which integrated the protection work of the peacekeeping mission and the other UN agencies into one overarching protection strategy",
            ),
            quote(S003, "§8.2.1", "to Civil Affairs in MONUC"),
            quote(
                S003,
                "§8.3.4",
                "MONUC, for example, has drafted a three-year protection strategy, and drafts annual action plans",
            ),
            quote(
                S000,
                "fn19",
                "MONUSCO and the UNCT have a UN wide protection strategy",
            ),
        ],
        ..DOC
    },
    Doc {
        key: "UNMIS/POC-STRATEGY",
        kind: PocStrategy,
        title: "UNMIS POC Strategy – Security Concept",
        coverage: Some(MissionOnly),
        mission: Some("UNMIS"),
        drafted_by: Some(By::Component("UNMIS/POC")),
        src: &[
            quote(
                S003,
                "§2.2",
                "both UNMIS and UNAMID had developed protection strategies focused solely on the peacekeeping operation",
            ),
            quote(
                S003,
                "§8.2.1",
                "to the Protection of Civilians Section in UNMIS",
            ),
            quote(
                S004,
                "¶31",
                "This concept consists of the security concept itself and ten annexes.",
            ),
        ],
        ..DOC
    },
    Doc {
        key: "UNAMID/POC-STRATEGY",
        kind: PocStrategy,
        title: "UNAMID protection of civilians strategy",
        coverage: Some(MissionOnly),
        mission: Some("UNAMID"),
        drafted_by: Some(By::Component("UNAMID/HLS")),
        src: &[
            quote(
                S003,
                "§2.2",
                "both UNMIS and UNAMID had developed protection strategies focused solely on the peacekeeping operation",
            ),
            quote(
                S003,
                "§8.2.1",
                "this role has been assigned to the Humanitarian Liaison Section in UNAMID",
            ),
            cite(S000, "fn19"),
        ],
        ..DOC
    },
    Doc {
        key: "MINUSTAH/POC-STRATEGY",
        kind: PocStrategy,
        title: "MINUSTAH protection strategy",
        mission: Some("MINUSTAH"),
        drafted_by: Some(By::Component("MINUSTAH/HRS")),
        src: &[
            quote(S003, "§8.2.1", "and to Human Rights in MINUSTAH and ONUCI"),
            quote(
                S003,
                "Annex (programme)",
                "Presentation of the MONUC and MINUSTAH strategies",
            ),
        ],
        ..DOC
    },
    Doc {
        key: "UNOCI/POC-STRATEGY",
        kind: PocStrategy,
        title: "UNOCI protection of civilians strategy",
        coverage: Some(MissionOnly),
        mission: Some("UNOCI"),
        drafted_by: Some(By::Component("UNOCI/HRD")),
        src: &[
            quote(S003, "§8.2.1", "and to Human Rights in MINUSTAH and ONUCI"),
            quote(
                S000,
                "fn19",
                "As of June 2013, UNAMID, UNMISS and UNOCI have mission-wide PoC strategies",
            ),
        ],
        ..DOC
    },
    Doc {
        key: "UNOCI/ISF",
        kind: IntegratedStrategicFramework,
        title: "Integrated Strategic Framework for Côte d'Ivoire",
        mission: Some("UNOCI"),
        src: &[
            quote(
                S004,
                "¶37",
                "protection of civilians has been covered in the Integrated Strategic Frameworks for Cote d'Ivoire (as a stand-alone priority)",
            ),
            cite(S004, "¶42"),
        ],
        ..DOC
    },
    Doc {
        key: "MONUC/ISF",
        kind: IntegratedStrategicFramework,
        title: "Integrated Strategic Framework for the Democratic Republic of the Congo",
        mission: Some("MONUC"),
        src: &[
            quote(S004, "¶37", "and in DRC (mainstreamed across the priorities)"),
            cite(S004, "¶42"),
        ],
        ..DOC
    },
    Doc {
        key: "SCR-1906",
        kind: SecurityCouncilResolution,
        title: "Security Council resolution 1906 (2009) on MONUC",
        symbol: Some("S/RES/1906 (2009)"),
        mission: Some("MONUC"),
        src: &[quote(
            S004,
            "¶8",
            "The present Security Council Resolution for MONUC [S/RES/1906 (2009)], explicitly makes the protection of civilians the first priority, in its operative paragraph 5 (a).",
        )],
        ..DOC
    },
    Doc {
        key: "SCR-1894",
        kind: SecurityCouncilResolution,
        title: "Security Council resolution 1894 (2009) on the protection of civilians in armed conflict",
        symbol: Some("S/RES/1894 (2009)"),
        src: &[
            quote(
                S002,
                "fn1",
                "Security Council resolution 1894 (operative paragraph 24) calls for missions with POC mandates to develop comprehensive POC strategies",
            ),
            cite(S000, "§C (Strategy Development)"),
        ],
        ..DOC
    },
    Doc {
        key: "MONUC/HANDBOOK",
        kind: Guidance,
        title: "Protection in Practice: Practical Protection Handbook for Peacekeepers",
        mission: Some("MONUC"),
        src: &[quote(
            S004,
            "¶24",
            "MONUC and the Protection Cluster developed an 11-page booklet entitled “Protection in Practice: Practical Protection Handbook for Peacekeepers”",
        )],
        ..DOC
    },
    Doc {
        key: "MONUC/INFO-PROTOCOL",
        kind: InformationSharingProtocol,
        title: "Information-sharing protocol between the DRC Protection Cluster and MONUSCO (case-level information)",
        mission: Some("MONUC"),
        sensitivity: Sensitivity::Confidential,
        src: &[
            quote(
                S000,
                "§C (Information Sharing)",
                "a field level protocol for information sharing with or including the UN mission that outlines basic rules and responsibilities of members and modalities for information sharing",
            ),
            illustrative(
                S000,
                "§C (Information Sharing)",
                "The seeds recommend such a protocol; this one is illustrative, not a known document, and CONFIDENTIAL because it governs case-level data.",
            ),
        ],
        ..DOC
    },
];
