//! Organisations the seeds name: the UN Secretariat, its departments and agencies, the Security
//! Council, the ICRC, host governments and forces, a non-UN force and an armed group. Parents
//! come first.

use entity::enums::OrganizationKind::*;

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

pub static ORGANIZATIONS: &[Org] = &[
    Org {
        code: "UN-SECRETARIAT",
        name: "United Nations Secretariat",
        kind: UnSecretariat,
        description: Some(
            "Headed by the Secretary-General, who reports to the Security Council on each mission.",
        ),
        src: &[
            quote(
                S000,
                "§B (Principle of Integration)",
                "The Secretary-General's 2008 Policy Committee Decision on Integration reaffirmed integration as the guiding principle",
            ),
            quote(
                S003,
                "§8.9.2",
                "Missions should, in the Secretary-General's reports to the Security Council, report on the degree to which protection considerations have improved",
            ),
        ],
        ..ORG
    },
    Org {
        code: "DPKO",
        name: "Department of Peacekeeping Operations",
        kind: UnSecretariat,
        description: Some("Lead department for UN peacekeeping operations."),
        src: &[
            quote(
                S000,
                "fn10",
                "DPKO is the lead department for UN peacekeeping operations in 9 countries",
            ),
            cite(S002, "¶3"),
        ],
        ..ORG
    },
    Org {
        code: "DPA",
        name: "Department of Political Affairs",
        kind: UnSecretariat,
        description: Some("Lead department for UN special political missions."),
        src: &[quote(
            S000,
            "fn10",
            "DPA is the lead department for UN special political missions in 9 countries",
        )],
        ..ORG
    },
    Org {
        code: "DFS",
        name: "Department of Field Support",
        kind: UnSecretariat,
        src: &[quote(
            S003,
            "§1.3",
            "the DPKO and the Department of Field Support (DFS) developed a lessons learned note",
        )],
        ..ORG
    },
    Org {
        code: "OCHA",
        name: "Office for the Coordination of Humanitarian Affairs",
        kind: UnSecretariat,
        src: &[
            quote(
                S004,
                "¶48",
                "A protection 'network' was established by the UN Office for the Coordination of Humanitarian Affairs (OCHA) in Côte d'Ivoire",
            ),
            cite(S003, "Summary"),
        ],
        ..ORG
    },
    Org {
        code: "OHCHR",
        name: "Office of the United Nations High Commissioner for Human Rights",
        kind: UnSecretariat,
        description: Some(
            "A core protection-mandated agency; the head of a mission's human rights component is the High Commissioner's in-country representative.",
        ),
        src: &[
            cite(S001, "fn4"),
            quote(
                S000,
                "§B (Broader mandated tasks)",
                "Core human rights functions are undertaken by UN Missions' Human Rights Components, whose Head is the in-country representative of the High Commissioner for Human Rights.",
            ),
        ],
        ..ORG
    },
    Org {
        code: "UNHCR",
        name: "Office of the United Nations High Commissioner for Refugees",
        kind: UnAgency,
        description: Some("Cluster Lead Agency of the Global Protection Cluster."),
        src: &[
            quote(
                S001,
                "fn4",
                "UNHCR is the Cluster Lead Agency of the Global Protection Cluster.",
            ),
            cite(S003, "§4.4"),
        ],
        ..ORG
    },
    Org {
        code: "UNICEF",
        name: "United Nations Children's Fund",
        kind: UnAgency,
        src: &[
            cite(S001, "fn4"),
            noted(
                S000,
                "§B (Broader mandated tasks)",
                "Child Protection Advisors monitor and report on grave violations against children under the SCR 1612 MRM in coordination with UNICEF.",
            ),
        ],
        ..ORG
    },
    Org {
        code: "UNFPA",
        name: "United Nations Population Fund",
        kind: UnAgency,
        src: &[quote(
            S000,
            "§C (Advocacy and Communication)",
            "Darfur Protection Working Group, UNMIS Protection of Civilians and Human Rights and UNFPA engagement with the Government of Sudan",
        )],
        ..ORG
    },
    Org {
        code: "UNMAS",
        name: "United Nations Mine Action Service",
        kind: UnSecretariat,
        src: &[quote(
            S004,
            "¶71",
            "UNMAS received the UNHCR Nansen award in 2008 for its cluster munitions clean-up operations",
        )],
        ..ORG
    },
    Org {
        code: "UNDP",
        name: "United Nations Development Programme",
        kind: UnAgency,
        src: &[quote(
            S004,
            "¶61",
            "In Sudan, UN police and UNDP have worked with the authorities to help empower the IDPs",
        )],
        ..ORG
    },
    Org {
        code: "UN-HABITAT",
        name: "United Nations Human Settlements Programme",
        kind: UnAgency,
        src: &[illustrative(
            S000,
            "Introduction",
            "Not named in the seeds: added as the lead of the Housing, Land and Property AoR the seeds list, for illustration.",
        )],
        ..ORG
    },
    Org {
        code: "UNSC",
        name: "United Nations Security Council",
        kind: UnIntergovernmentalBody,
        src: &[
            quote(
                S004,
                "¶12",
                "the mission must raise its concerns to the level of the UN Headquarters and/or the Security Council",
            ),
            cite(S002, "¶9"),
        ],
        ..ORG
    },
    Org {
        code: "ICRC",
        name: "International Committee of the Red Cross",
        kind: RedCrossMovement,
        src: &[
            quote(
                S004,
                "¶48",
                "International Committee of the Red Cross in its customary 'observer' role",
            ),
            cite(S003, "Summary"),
        ],
        ..ORG
    },
    Org {
        code: "AU",
        name: "African Union",
        kind: RegionalOrganization,
        src: &[quote(
            S003,
            "Summary",
            "the African Union/United Nations Hybrid Operation in Darfur – UNAMID",
        )],
        ..ORG
    },
    Org {
        code: "GOV-COD",
        name: "Government of the Democratic Republic of the Congo",
        kind: HostGovernment,
        country: Some("COD"),
        src: &[cite(S004, "¶9"), cite(S002, "¶9")],
        ..ORG
    },
    Org {
        code: "FARDC",
        name: "Armed Forces of the Democratic Republic of the Congo (FARDC)",
        kind: HostSecurityForce,
        parent: Some("GOV-COD"),
        country: Some("COD"),
        src: &[quote(
            S004,
            "¶9",
            "the mission has also been mandated to undertake joint operations with the national army, the FARDC, in the eastern part of the DRC",
        )],
        ..ORG
    },
    Org {
        code: "FDLR",
        name: "Democratic Forces for the Liberation of Rwanda (FDLR)",
        kind: NonStateArmedGroup,
        description: Some("A foreign armed group operating in the eastern DRC."),
        src: &[quote(
            S004,
            "¶69",
            "a foreign armed group operating illegally in the DRC, and whose members have been committing acts of violence against local civilian populations",
        )],
        ..ORG
    },
    Org {
        code: "GOV-SDN",
        name: "Government of Sudan",
        kind: HostGovernment,
        country: Some("SDN"),
        src: &[cite(S000, "§C (Advocacy and Communication)"), cite(S004, "¶74")],
        ..ORG
    },
    Org {
        code: "GOV-TCD",
        name: "Government of Chad",
        kind: HostGovernment,
        country: Some("TCD"),
        src: &[cite(S004, "¶66")],
        ..ORG
    },
    Org {
        code: "DIS",
        name: "Détachement intégré de sécurité (DIS)",
        kind: HostSecurityForce,
        parent: Some("GOV-TCD"),
        country: Some("TCD"),
        description: Some(
            "Chadian force protecting refugee camps and humanitarian actors in eastern Chad, supported by MINURCAT.",
        ),
        src: &[
            quote(
                S004,
                "¶66",
                "From October 2008 to May 2009, DIS provided more than 2,600 security escorts to humanitarian actors",
            ),
            cite(S004, "¶65"),
        ],
    },
    Org {
        code: "ISAF",
        name: "International Security Assistance Force",
        kind: NonUnForce,
        country: Some("AFG"),
        src: &[quote(
            S000,
            "§C (Advocacy and Communication)",
            "Afghanistan Protection Cluster and UNAMA engagement with ISAF",
        )],
        ..ORG
    },
];
