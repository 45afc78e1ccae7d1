//! Places the seeds name, where forums and field structures work. Parents come first.

use entity::enums::GeographicLevel::*;

use crate::seed::spec::SeedFile::*;
use crate::seed::spec::*;

pub static PLACES: &[Place] = &[
    Place {
        key: "COD",
        name: "Democratic Republic of the Congo",
        level: Country,
        country: "COD",
        parent: None,
        src: &[cite(S000, "fn1"), cite(S004, "¶9")],
    },
    Place {
        key: "COD/NORTH-KIVU",
        name: "North Kivu",
        level: State,
        country: "COD",
        parent: Some("COD"),
        src: &[quote(S004, "¶47", "in North Kivu in DRC")],
    },
    Place {
        key: "SDN",
        name: "Sudan",
        level: Country,
        country: "SDN",
        parent: None,
        src: &[cite(S000, "fn1"), cite(S004, "¶49")],
    },
    Place {
        key: "SDN/SOUTH",
        name: "Southern Sudan",
        level: Region,
        country: "SDN",
        parent: Some("SDN"),
        src: &[
            cite(S004, "¶68"),
            quote(
                S003,
                "Annex (participants)",
                "Head of Protection South Sudan UNMIS",
            ),
        ],
    },
    Place {
        key: "SDN/JUBA",
        name: "Juba",
        level: Locality,
        country: "SDN",
        parent: Some("SDN/SOUTH"),
        src: &[quote(
            S004,
            "¶49",
            "the Regional protection working group in Juba",
        )],
    },
    Place {
        key: "SDN/MALAKAL",
        name: "Malakal",
        level: Locality,
        country: "SDN",
        parent: Some("SDN/SOUTH"),
        src: &[quote(
            S004,
            "¶60",
            "after fighting erupted in Malakal early 2009",
        )],
    },
    Place {
        key: "SDN/ABYEI",
        name: "Abyei",
        level: Locality,
        country: "SDN",
        parent: Some("SDN"),
        src: &[quote(
            S004,
            "¶45",
            "Following the Abyei violence in May 2008",
        )],
    },
    Place {
        key: "SDN/DARFUR",
        name: "Darfur",
        level: Region,
        country: "SDN",
        parent: Some("SDN"),
        src: &[cite(S000, "fn1"), cite(S004, "¶62")],
    },
    Place {
        key: "CIV",
        name: "Côte d'Ivoire",
        level: Country,
        country: "CIV",
        parent: None,
        src: &[cite(S000, "fn1"), cite(S004, "¶48")],
    },
    Place {
        key: "HTI",
        name: "Haiti",
        level: Country,
        country: "HTI",
        parent: None,
        src: &[cite(S000, "fn1")],
    },
    Place {
        key: "AFG",
        name: "Afghanistan",
        level: Country,
        country: "AFG",
        parent: None,
        src: &[cite(S000, "fn1")],
    },
    Place {
        key: "TCD",
        name: "Chad",
        level: Country,
        country: "TCD",
        parent: None,
        src: &[cite(S004, "¶66")],
    },
];
