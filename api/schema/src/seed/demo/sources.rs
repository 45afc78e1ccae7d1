//! The five seed documents (`../shared/seeds/README.md`), each loaded as a Document that every
//! other record cites.

use entity::enums::DocumentKind;

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

pub static SOURCES: &[SourceDoc] = &[
    SourceDoc {
        file: S000,
        stem: "000_61da9f8f51553b79",
        kind: DocumentKind::Guidance,
        title: "Global Protection Cluster, Diagnostic Tool and Guidance on the Interaction between field Protection Clusters and UN Missions (draft, July 2013)",
        drafted_by: None,
        url: Some("http://goo.gl/hGFAUv"),
        src: &[quote(
            S001,
            "Annex 3",
            "GPC: Diagnostic Tool and Guidance on the Interaction between field Protection Clusters and UN Missions, July 2013, http://goo.gl/hGFAUv (English)",
        )],
    },
    SourceDoc {
        file: S001,
        stem: "001_da9ef9bf626d93e0",
        kind: DocumentKind::Report,
        title: "Global Protection Cluster, Partner contributions to the Independent High Level Panel on Peace Operations",
        drafted_by: None,
        url: None,
        src: &[quote(
            S001,
            "title",
            "Global Protection Cluster PARTNER CONTRIBUTIONS TO THE INDEPENDENT HIGH LEVEL PANEL ON PEACE OPERATIONS",
        )],
    },
    SourceDoc {
        file: S002,
        stem: "002_1c29a2fd4700211c",
        kind: DocumentKind::Guidance,
        title: "DPKO/DFS, Framework for Drafting Comprehensive Protection of Civilians (POC) Strategies in UN Peacekeeping Operations",
        drafted_by: Some("DPKO"),
        url: Some("http://www.globalprotectioncluster.org/_assets/files/tools_and_guidance/protection_of_civilians/Framework_Comprehensive_PoC_Strategies_EN.pdf"),
        src: &[
            quote(
                S002,
                "title",
                "Framework for Drafting Comprehensive Protection of Civilians (POC) Strategies in UN Peacekeeping Operations",
            ),
            quote(
                S000,
                "§C (Strategy Development)",
                "The DPKO/DFS Framework for Drafting Comprehensive Protection of Civilians (POC) Strategies in UN Peacekeeping Operations provides a template for this.",
            ),
            noted(
                S000,
                "Annex I (Peacekeeping)",
                "The address is the one 000 gives for the DPKO/DFS Framework (2011).",
            ),
        ],
    },
    SourceDoc {
        file: S003,
        stem: "003_ae050209052994a7",
        kind: DocumentKind::Report,
        title: "NUPI/ACCORD, Report of the Workshop on Mission-Wide Protection Strategies on the Protection of Civilians in UN Peacekeeping Operations (Addis Ababa, 2010)",
        drafted_by: None,
        url: None,
        src: &[quote(
            S003,
            "title",
            "Report of the Workshop on Mission-Wide Protection Strategies on the Protection of Civilians in United Nations Peacekeeping Operations 31 May–1 June 2010, Addis Ababa, Ethiopia",
        )],
    },
    SourceDoc {
        file: S004,
        stem: "004_13127277ac77d4df",
        kind: DocumentKind::Report,
        title: "DPKO/DFS, Lessons Learned Note on the Protection of Civilians in UN Peacekeeping Operations: Dilemmas, Emerging Practices and Lessons",
        drafted_by: Some("DPKO"),
        url: None,
        src: &[
            quote(
                S004,
                "title",
                "DPKO/DFS Lessons Learned Note on the Protection of Civilians In UN Peacekeeping Operations: Dilemmas, Emerging Practices and Lessons",
            ),
            quote(
                S002,
                "Annex II",
                "DPKO/DFS Lessons Learned Note on the Protection of Civilians in UN Peacekeeping Operations, April 2010",
            ),
        ],
    },
];
