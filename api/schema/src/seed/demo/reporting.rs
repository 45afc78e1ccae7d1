//! The reporting chains from field and section posts up to the Security Council: UN Headquarters
//! (the Under-Secretary-General for Peacekeeping Operations and the Secretary-General), each head
//! of mission's line to Headquarters, and the posts and lines that take protection, civil affairs,
//! JMAC, police, military and field-office posts up to their DSRSG and Head of Mission.
//!
//! The seeds state the escalation ("raise its concerns to the level of the UN Headquarters and/or
//! the Security Council" [004 ¶12]), the Secretary-General's reports to the Council [002 template
//! J ¶29; 003 §8.9.2] and the pattern of protection staff reporting to a DSRSG [000 §B; 002
//! template G ¶17]. The Headquarters posts and most lines inside a mission are the usual UN
//! arrangement rather than what the seeds say of one mission: each is marked illustrative, with a
//! note saying what is assumed.

use entity::enums::Hat::*;
use entity::enums::ReportingLineKind::{Functional, Line as LineKind};
use entity::enums::StructureLevel;

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

const PARTICIPANTS: &str = "Annex (participants)";
const G17: &str = "template G ¶17";
const J29: &str = "template J ¶29";
const INTEGRATION: &str = "§B (Principle of Integration)";
const MANDATED_TASKS: &str = "§B (Broader mandated tasks)";

/// The escalation the seeds state, cited by the lines to Headquarters and the escalation rights.
pub(super) const RAISE: Src = quote(
    S004,
    "¶12",
    "the mission must raise its concerns to the level of the UN Headquarters and/or the Security Council",
);
/// The Head of Mission's delegation through the DSRSGs, cited by the DSRSGs' lines and the
/// delegated implementation of the POC strategy.
pub(super) const THROUGH_DSRSGS: Src = quote(
    S002,
    G17,
    "S/he shall delegate the operational and technical aspects of POC implementation to the heads of components through the DSRSGs",
);
const DPKO_LEADS: Src = quote(
    S000,
    "fn10",
    "DPKO is the lead department for UN peacekeeping operations in 9 countries",
);
const HOM_TO_HQ: Src = illustrative(
    S004,
    "¶12",
    "The seeds state the escalation to Headquarters, not the line: the Head of Mission is shown reporting to the Secretary-General through the Under-Secretary-General of the lead department, the usual UN arrangement.",
);
const DSRSG_PATTERN: Src = quote(
    S000,
    INTEGRATION,
    "some UN mission staff with protection roles, such as Human Rights and Child Protection Officers, often report to the DSRSG Political or Rule of Law",
);
const REPORTING_TO_DSRSG: Src = quote(
    S002,
    G17,
    "especially in cases where protection actors (e.g. Human Rights Section and Child Protection) may be reporting to him/her",
);
const ILLUSTRATIVE_DSRSG_LINE: Src = illustrative(
    S002,
    G17,
    "The seeds state the pattern, not this mission's line: which DSRSG the post or section reports to is illustrative.",
);
const WITHIN_SECTION: Src = illustrative(
    S003,
    PARTICIPANTS,
    "The seeds name the post, not its superior: a post of a section or component is shown reporting to its head.",
);
const HOM_DIRECTS: Src = quote(
    S002,
    "fn6",
    "he/she leads and directs the heads of all mission components",
);
const OHCHR_REPRESENTATIVE: Src = quote(
    S000,
    MANDATED_TASKS,
    "whose Head is the in-country representative of the High Commissioner for Human Rights",
);
const HEAD_TITLE: Src = illustrative(
    S003,
    "§8.2.1",
    "The head of this section is not named in the seeds; the post's title is illustrative.",
);

pub static COMPONENTS: &[Component] = &[Component {
    key: "MONUC/NK-OFFICE",
    mission: "MONUC",
    name: "MONUC Office, North Kivu",
    level: StructureLevel::Regional,
    place: Some("COD/NORTH-KIVU"),
    src: &[
        quote(
            S004,
            "¶43",
            "Joint teams at the sub-office and sector levels further strengthen this approach",
        ),
        quote(
            S004,
            "¶47",
            "in North Kivu in DRC, the peacekeeping mission has used since 2008 a protection matrix",
        ),
        illustrative(
            S004,
            "¶43",
            "MONUC's office in North Kivu is not named in the seeds; it is shown as the field level of the mission's structure.",
        ),
    ],
    ..COMPONENT
}];

pub static POSTS: &[Post] = &[
    // UN Headquarters, the top of every chain below the Security Council.
    Post {
        key: "UN/SG",
        of: Of::Org("UN-SECRETARIAT"),
        title: "Secretary-General of the United Nations",
        when: When::From("1946-02-02"),
        src: &[
            quote(
                S002,
                G17,
                "The HOM, usually the Special Representative of the Secretary-General",
            ),
            quote(S002, J29, "Secretary-General's country specific reports"),
            illustrative(
                S002,
                J29,
                "The post's start (2 February 1946, when the first Secretary-General took office) is not stated in the seeds.",
            ),
        ],
        ..POST
    },
    Post {
        key: "DPKO/USG",
        of: Of::Org("DPKO"),
        title: "Under-Secretary-General for Peacekeeping Operations",
        when: When::From("1992-03-01"),
        src: &[
            DPKO_LEADS,
            quote(
                S002,
                "¶9",
                "The mission shall receive strategic guidance and support from NYHQ when drafting the strategy",
            ),
            illustrative(
                S000,
                "fn10",
                "The head of the lead department is not named in the seeds; the post, and its start when DPKO was created in March 1992, are illustrative.",
            ),
        ],
        ..POST
    },
    // MONUC / MONUSCO
    Post {
        key: "MONUC/COS",
        of: Of::Mission("MONUC"),
        title: "Chief of Staff",
        hats: &[ChiefOfStaff],
        src: &[
            quote(
                S002,
                "¶9",
                "The Chief of Staff and mission planning officer shall be involved to ensure the strategy is aligned with other mission planning documents",
            ),
            illustrative(
                S002,
                "¶9",
                "The Framework names the Chief of Staff generally; MONUC's post is shown on that basis.",
            ),
        ],
        ..POST
    },
    Post {
        key: "MONUC/CA-HEAD",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/CA"),
        title: "Chief, Civil Affairs Section",
        head: true,
        hats: &[HeadOfComponent],
        src: &[
            quote(S004, "¶43", "Civil Affairs plays a key role in organizing JPTs"),
            HEAD_TITLE,
        ],
        ..POST
    },
    Post {
        key: "MONUC/JMAC-CHIEF",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/JMAC"),
        title: "Chief, Joint Mission Analysis Cell",
        head: true,
        hats: &[HeadOfComponent],
        src: &[
            quote(
                S002,
                "¶9",
                "In settings where an integrated JOC and JMAC exist, these bodies should help develop appropriate analytical and mapping tools",
            ),
            HEAD_TITLE,
        ],
        ..POST
    },
    Post {
        key: "MONUC/NK-HOO",
        of: Of::Mission("MONUC"),
        component: Some("MONUC/NK-OFFICE"),
        title: "Head of Office, North Kivu",
        head: true,
        hats: &[HeadOfOffice],
        src: &[
            quote(
                S002,
                "template H ¶21",
                "it is recommended that the structure be placed under the local Head of Office",
            ),
            illustrative(
                S002,
                "template H ¶21",
                "The Framework names local Heads of Office generally; MONUC's in North Kivu is shown on that basis.",
            ),
        ],
        ..POST
    },
    // UNMIS
    Post {
        key: "UNMIS/DSRSG-POL",
        of: Of::Mission("UNMIS"),
        title: "Deputy Special Representative of the Secretary-General (Political)",
        hats: &[Dsrsg, DsrsgPolitical],
        src: &[
            DSRSG_PATTERN,
            illustrative(
                S000,
                INTEGRATION,
                "UNMIS's DSRSG posts are not stated in the seeds; a DSRSG Political is shown for illustration.",
            ),
        ],
        ..POST
    },
    Post {
        key: "UNMIS/POC-HEAD",
        of: Of::Mission("UNMIS"),
        component: Some("UNMIS/POC"),
        title: "Chief, Protection of Civilians Section",
        head: true,
        hats: &[HeadOfComponent],
        src: &[
            quote(
                S004,
                "¶49",
                "under UNMIS protection of civilians unit's lead",
            ),
            HEAD_TITLE,
        ],
        ..POST
    },
    Post {
        key: "UNMIS/MIL-OPS",
        of: Of::Mission("UNMIS"),
        component: Some("UNMIS/FORCE"),
        title: "Chief of Operations, Military",
        src: &[quote(S003, PARTICIPANTS, "Chief of Operations, Military UNMIS")],
        ..POST
    },
    // UNAMID
    Post {
        key: "UNAMID/SHRO",
        of: Of::Mission("UNAMID"),
        component: Some("UNAMID/HR"),
        title: "Senior Human Rights Officer",
        src: &[quote(S003, PARTICIPANTS, "Senior Human Rights Officer UNAMID")],
        ..POST
    },
    // UNOCI
    Post {
        key: "UNOCI/HRD-HEAD",
        of: Of::Mission("UNOCI"),
        component: Some("UNOCI/HRD"),
        title: "Director, Human Rights Division",
        head: true,
        hats: &[HeadOfComponent, OhchrRepresentative],
        src: &[
            quote(S004, "¶48", "UNOCI's Human Rights Division"),
            OHCHR_REPRESENTATIVE,
            HEAD_TITLE,
        ],
        ..POST
    },
    Post {
        key: "UNOCI/UNPOL-OPS",
        of: Of::Mission("UNOCI"),
        component: Some("UNOCI/POLICE"),
        title: "Chief of Operations, UNPOL",
        src: &[quote(S003, PARTICIPANTS, "Chief OPS/UNPOL ONUCI")],
        ..POST
    },
    // MINUSTAH
    Post {
        key: "MINUSTAH/HRS-CHIEF",
        of: Of::Mission("MINUSTAH"),
        component: Some("MINUSTAH/HRS"),
        title: "Chief, Human Rights Section",
        head: true,
        hats: &[HeadOfComponent, OhchrRepresentative],
        src: &[
            quote(
                S003,
                PARTICIPANTS,
                "Deputy Chief Human Rights Section MINUSTAH",
            ),
            OHCHR_REPRESENTATIVE,
            HEAD_TITLE,
        ],
        ..POST
    },
    Post {
        key: "MINUSTAH/UNPOL-COS",
        of: Of::Mission("MINUSTAH"),
        component: Some("MINUSTAH/POLICE"),
        title: "Chief of Staff, UN Police",
        src: &[quote(S003, PARTICIPANTS, "UN POL Chief of Staff MINUSTAH")],
        ..POST
    },
    Post {
        key: "MINUSTAH/U9",
        of: Of::Mission("MINUSTAH"),
        component: Some("MINUSTAH/FORCE"),
        title: "Chief U9",
        src: &[quote(S003, PARTICIPANTS, "Chief U9 MINUSTAH")],
        ..POST
    },
    // UNAMA
    Post {
        key: "UNAMA/HR-HEAD",
        of: Of::Mission("UNAMA"),
        component: Some("UNAMA/HR"),
        title: "Chief, Human Rights Unit",
        head: true,
        hats: &[HeadOfComponent, OhchrRepresentative],
        src: &[
            quote(
                S001,
                "¶24",
                "the model for PoC tracking developed by the Human Rights component of the UN Assistance Mission in Afghanistan (UNAMA)",
            ),
            OHCHR_REPRESENTATIVE,
            HEAD_TITLE,
        ],
        ..POST
    },
];

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

const fn post_line(from: &'static str, to: &'static str, src: &'static [Src]) -> Line {
    line(LineFrom::Post(from), LineTo::Post(to), src)
}

const fn to_headquarters(head: &'static str) -> Line {
    post_line(head, "DPKO/USG", &[RAISE, DPKO_LEADS, HOM_TO_HQ])
}

const fn to_high_commissioner(head: &'static str) -> Line {
    Line {
        from: LineFrom::Post(head),
        to: LineTo::Post("OHCHR/HC"),
        kind: Functional,
        note: Some(
            "The head of the human rights component represents the High Commissioner in the country.",
        ),
        when: When::Parent,
        src: &[OHCHR_REPRESENTATIVE],
    }
}

const TO_DSRSG: &[Src] = &[DSRSG_PATTERN, REPORTING_TO_DSRSG, ILLUSTRATIVE_DSRSG_LINE];

pub static LINES: &[Line] = &[
    // Headquarters and the Council.
    Line {
        from: LineFrom::Post("UN/SG"),
        to: LineTo::Org("UNSC"),
        kind: LineKind,
        note: Some(
            "Reports to the Council on each mission it mandates, through the Secretary-General's country reports.",
        ),
        when: When::Parent,
        src: &[
            quote(S002, J29, "Secretary-General's country specific reports"),
            quote(
                S003,
                "§8.9.2",
                "Missions should, in the Secretary-General's reports to the Security Council, report on the degree to which protection considerations have improved",
            ),
            noted(
                S004,
                "¶12",
                "The Council mandates the missions and determines further action; the Secretary-General's reporting to it is shown as a LINE so that chains reach it.",
            ),
        ],
    },
    post_line(
        "DPKO/USG",
        "UN/SG",
        &[
            RAISE,
            illustrative(
                S004,
                "¶12",
                "Headquarters is shown as the Under-Secretary-General reporting to the Secretary-General, the usual UN arrangement, which the seeds do not state.",
            ),
        ],
    ),
    post_line(
        "OHCHR/HC",
        "UN/SG",
        &[illustrative(
            S000,
            "§C (Advocacy and Communication)",
            "The High Commissioner works under the direction and authority of the Secretary-General (General Assembly resolution 48/141), which the seeds do not state.",
        )],
    ),
    post_line(
        "OCHA/ERC",
        "UN/SG",
        &[illustrative(
            S004,
            "¶48",
            "The Emergency Relief Coordinator heads OCHA and reports to the Secretary-General, which the seeds do not state.",
        )],
    ),
    // Each head of mission to Headquarters [004 ¶12].
    to_headquarters("MONUC/SRSG"),
    to_headquarters("UNMIS/SRSG"),
    to_headquarters("UNAMID/JSR"),
    to_headquarters("UNOCI/SRSG"),
    to_headquarters("MINUSTAH/SRSG"),
    to_headquarters("UNAMA/SRSG"),
    to_headquarters("MINURCAT/SRSG"),
    line(
        LineFrom::Post("UNAMID/JSR"),
        LineTo::Org("AU"),
        &[
            quote(
                S003,
                "Summary",
                "the African Union/United Nations Hybrid Operation in Darfur – UNAMID",
            ),
            illustrative(
                S003,
                "Summary",
                "The head of a hybrid operation answers to both organisations; the line to the African Union is not stated in the seeds.",
            ),
        ],
    ),
    // MONUC / MONUSCO
    post_line("MONUC/HHR", "MONUC/DSRSG-ROL", TO_DSRSG),
    post_line("MONUC/CP-HEAD", "MONUC/DSRSG-ROL", TO_DSRSG),
    post_line(
        "MONUC/CA-HEAD",
        "MONUC/DSRSG-RC-HC",
        &[
            quote(
                S004,
                "¶43",
                "driven in large part by the Civil Affairs section and the DSRSG/RC/HC's office",
            ),
            illustrative(
                S004,
                "¶43",
                "Which DSRSG MONUC's Civil Affairs reported to is not stated; the DSRSG/RC/HC, whose office drove the JPT concept with it, is shown.",
            ),
        ],
    ),
    post_line(
        "MONUC/CA-COORD",
        "MONUC/CA-HEAD",
        &[
            quote(S003, PARTICIPANTS, "Civil Affairs Coordinator MONUC"),
            WITHIN_SECTION,
        ],
    ),
    post_line(
        "MONUC/COS",
        "MONUC/SRSG",
        &[
            HOM_DIRECTS,
            illustrative(
                S002,
                "¶9",
                "The Chief of Staff is shown reporting to the Head of Mission, the usual arrangement.",
            ),
        ],
    ),
    post_line(
        "MONUC/JMAC-CHIEF",
        "MONUC/COS",
        &[illustrative(
            S002,
            "¶9",
            "A Joint Mission Analysis Cell usually reports to the Chief of Staff; the seeds do not say so.",
        )],
    ),
    post_line(
        "MONUC/JMAC-ANALYST",
        "MONUC/JMAC-CHIEF",
        &[
            quote(S003, PARTICIPANTS, "Information Analyst (JMAC) MONUC"),
            WITHIN_SECTION,
        ],
    ),
    post_line(
        "MONUC/UNPOL-OPS",
        "MONUC/POLCOM",
        &[
            quote(S003, PARTICIPANTS, "Chief of Operations, UNPOL MONUC"),
            WITHIN_SECTION,
        ],
    ),
    post_line(
        "MONUC/NK-HOO",
        "MONUC/SRSG",
        &[
            HOM_DIRECTS,
            illustrative(
                S002,
                "template H ¶21",
                "The Head of Office in North Kivu is shown reporting to the Head of Mission; the seeds do not say to whom local Heads of Office report.",
            ),
        ],
    ),
    // UNMIS
    post_line(
        "UNMIS/DSRSG-POL",
        "UNMIS/SRSG",
        &[THROUGH_DSRSGS],
    ),
    post_line(
        "UNMIS/POC-HEAD",
        "UNMIS/DSRSG-RC-HC",
        &[cite(S004, "¶49"), ILLUSTRATIVE_DSRSG_LINE],
    ),
    post_line(
        "UNMIS/POC-SOUTH-HEAD",
        "UNMIS/POC-HEAD",
        &[
            quote(S003, PARTICIPANTS, "Head of Protection South Sudan UNMIS"),
            WITHIN_SECTION,
        ],
    ),
    post_line("UNMIS/SCPO", "UNMIS/DSRSG-POL", TO_DSRSG),
    line(
        LineFrom::Component("UNMIS/HR"),
        LineTo::Post("UNMIS/DSRSG-POL"),
        TO_DSRSG,
    ),
    line(
        LineFrom::Component("UNMIS/CP"),
        LineTo::Post("UNMIS/DSRSG-POL"),
        TO_DSRSG,
    ),
    line(
        LineFrom::Component("UNMIS/CA"),
        LineTo::Post("UNMIS/DSRSG-POL"),
        &[
            quote(S003, PARTICIPANTS, "Civil Affairs Officer UNMIS"),
            ILLUSTRATIVE_DSRSG_LINE,
        ],
    ),
    post_line(
        "UNMIS/MIL-OPS",
        "UNMIS/FC",
        &[
            quote(S003, PARTICIPANTS, "Chief of Operations, Military UNMIS"),
            WITHIN_SECTION,
        ],
    ),
    // UNAMID
    line(
        LineFrom::Component("UNAMID/CA"),
        LineTo::Post("UNAMID/DJSR"),
        &[
            quote(
                S004,
                "¶58",
                "UNAMID's Civil Affairs section has mapped migration routes as part of a conflict prevention strategy",
            ),
            ILLUSTRATIVE_DSRSG_LINE,
        ],
    ),
    post_line(
        "UNAMID/SHRO",
        "UNAMID/DJSR",
        &[
            quote(S003, PARTICIPANTS, "Senior Human Rights Officer UNAMID"),
            DSRSG_PATTERN,
            ILLUSTRATIVE_DSRSG_LINE,
        ],
    ),
    // UNOCI
    post_line("UNOCI/HRD-HEAD", "UNOCI/DSRSG-POL", TO_DSRSG),
    to_high_commissioner("UNOCI/HRD-HEAD"),
    post_line(
        "UNOCI/UNPOL-OPS",
        "UNOCI/POLCOM",
        &[quote(S003, PARTICIPANTS, "Chief OPS/UNPOL ONUCI"), WITHIN_SECTION],
    ),
    // MINUSTAH
    post_line("MINUSTAH/HRS-CHIEF", "MINUSTAH/DSRSG-RC-HC", TO_DSRSG),
    to_high_commissioner("MINUSTAH/HRS-CHIEF"),
    post_line(
        "MINUSTAH/HRS-DEPUTY",
        "MINUSTAH/HRS-CHIEF",
        &[
            quote(
                S003,
                PARTICIPANTS,
                "Deputy Chief Human Rights Section MINUSTAH",
            ),
            WITHIN_SECTION,
        ],
    ),
    post_line(
        "MINUSTAH/UNPOL-COS",
        "MINUSTAH/POLCOM",
        &[
            quote(S003, PARTICIPANTS, "UN POL Chief of Staff MINUSTAH"),
            WITHIN_SECTION,
        ],
    ),
    post_line(
        "MINUSTAH/U9",
        "MINUSTAH/FC",
        &[quote(S003, PARTICIPANTS, "Chief U9 MINUSTAH"), WITHIN_SECTION],
    ),
    // UNAMA
    post_line("UNAMA/HR-HEAD", "UNAMA/DSRSG-POL", TO_DSRSG),
    to_high_commissioner("UNAMA/HR-HEAD"),
    // MINURCAT
    line(
        LineFrom::Component("MINURCAT/HR"),
        LineTo::Post("MINURCAT/SRSG"),
        &[
            quote(S003, PARTICIPANTS, "Human Rights Officer MINURCAT"),
            HOM_DIRECTS,
            illustrative(
                S003,
                PARTICIPANTS,
                "No DSRSG of MINURCAT is shown in the demo; its human rights section is shown reporting to the Head of Mission.",
            ),
        ],
    ),
];
