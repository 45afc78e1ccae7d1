//! The analysis queries over HTTP, on MONUC as the seeds describe it, built through the
//! mutations: who decides on the use of force, the POC strategy and early warning; reporting
//! chains; the integration profile and the triple-hatted DSRSG/RC/HC; bridges between the mission
//! and the Protection Cluster; governance gaps; the stakeholder graph; changes over time. Each
//! query also has a test that a VIEWER (clearance INTERNAL) does not see a CONFIDENTIAL record an
//! ADMIN sees.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::both_backends;
use crate::build::{
    Build, ClusterId, ComponentId, ForumId, HatId, MissionId, OrganizationId, PostId, RightId,
};
use crate::helpers::{error_code, error_message, user_token, TestApp};

/// The records of the MONUC scenario.
pub struct Monuc {
    pub mission: MissionId,
    pub security_council: OrganizationId,
    pub dpko: OrganizationId,
    pub ohchr: OrganizationId,
    pub ocha: OrganizationId,
    pub unhcr: OrganizationId,
    pub icrc: OrganizationId,
    pub human_rights: ComponentId,
    pub child_protection: ComponentId,
    pub civil_affairs: ComponentId,
    pub srsg: PostId,
    pub dsrsg_rol: PostId,
    pub dsrsg_rc_hc: PostId,
    pub force_commander: PostId,
    pub police_commissioner: PostId,
    pub director_hr: PostId,
    pub sector_commander: PostId,
    pub usg: PostId,
    pub hc_hat: HatId,
    pub smg: ForumId,
    pub ewrrc: ForumId,
    pub unct: ForumId,
    pub protection_cluster_forum: ForumId,
    pub crisis_cell: ForumId,
    pub cluster: ClusterId,
    pub fc_decides: RightId,
    pub hom_decides_poc: RightId,
}

/// MONUC on the seeds: the SRSG (Head of Mission) with a DSRSG Rule of Law and a triple-hatted
/// DSRSG/RC/HC under it, the Force Commander and the Police Commissioner; Human Rights, Child
/// Protection and Civil Affairs under the DSRSGs; the SRSG reporting to the USG for Peacekeeping
/// Operations, who answers to the Security Council; the Senior Management Group chaired by the
/// SRSG, the Early Warning and Rapid Response Cell reporting to it [004 ¶59], the UNCT chaired by
/// the DSRSG/RC/HC, the Protection Cluster (led by UNHCR) and its Child Protection AoR; the rights
/// the seeds state [002 G ¶17, ¶7, ¶11; 003 §8.2, §8.7.1; 004 ¶59].
///
/// CONFIDENTIAL, to check what a VIEWER sees: the Director of Human Rights' FUNCTIONAL line to
/// OHCHR, the ICRC's observer seat in the Senior Management Group, the Force Commander's
/// delegation of the use of force to the Sector Commander (from 2011) and a crisis cell in North
/// Kivu (from 2011). The Sector Commander's post is held from mid-2010 to mid-2011 and vacant
/// since.
pub async fn build_monuc(app: &TestApp) -> Monuc {
    let b = Build::new(app);
    let [security_council, dpko, ohchr, ocha, unhcr, unicef, icrc] = b
        .all(["UNSC", "DPKO", "OHCHR", "OCHA", "UNHCR", "UNICEF", "ICRC"].map(|c| b.agency(c)))
        .await;
    let mission = b
        .monuc()
        .lead_department(&dpko)
        .poc()
        .chapter_vii()
        .human_rights()
        .integrated()
        .risk("HIGH")
        .await;

    // The structure as it stands from 2000: components, their heads and the DSRSGs.
    let y2000 = b.starting("2000-01-01");
    let component = |name, kind, specialty| {
        y2000
            .component(&mission, name)
            .kind(kind)
            .specialty(specialty)
    };
    let [office, force, police, human_rights, child_protection, civil_affairs, public_information, jmac] =
        b.all([
            component("Office of the SRSG", "CIVILIAN", "EXECUTIVE_OFFICE"),
            component("Force", "MILITARY", "FORCE"),
            component("Police Component", "POLICE", "POLICE"),
            component("Human Rights Division", "CIVILIAN", "HUMAN_RIGHTS"),
            component("Child Protection Section", "CIVILIAN", "CHILD_PROTECTION"),
            component("Civil Affairs Section", "CIVILIAN", "CIVIL_AFFAIRS"),
            component(
                "Public Information Office",
                "CIVILIAN",
                "PUBLIC_INFORMATION",
            ),
            component("Joint Mission Analysis Cell", "JOINT", "JOINT_ANALYSIS"),
        ])
        .await;
    let [srsg, dsrsg_rol, dsrsg_rc_hc, force_commander, police_commissioner, director_hr, child_protection_adviser, head_civil_affairs, sector_commander, usg] =
        b.all([
            y2000
                .post(&office, "Special Representative of the Secretary-General")
                .head(),
            y2000.post(&mission, "DSRSG Rule of Law"),
            y2000.post(&mission, "DSRSG / Resident and Humanitarian Coordinator"),
            y2000.post(&force, "Force Commander").head(),
            y2000.post(&police, "Police Commissioner").head(),
            y2000
                .post(&human_rights, "Director, Human Rights Division")
                .head(),
            y2000
                .post(&child_protection, "Senior Child Protection Adviser")
                .head(),
            y2000.post(&civil_affairs, "Head of Civil Affairs").head(),
            b.post(&force, "Commander, Sector North Kivu")
                .from("2010-07-01"),
            y2000.post(&dpko, "Under-Secretary-General for Peacekeeping Operations"),
        ])
        .await;
    let [.., hc_hat, _, _, _] = b
        .all([
            b.hat(&srsg, "SRSG"),
            b.hat(&srsg, "HEAD_OF_MISSION"),
            b.hat(&dsrsg_rol, "DSRSG_RULE_OF_LAW"),
            b.hat(&dsrsg_rc_hc, "DSRSG").from("2008-01-01"),
            b.hat(&dsrsg_rc_hc, "RESIDENT_COORDINATOR")
                .from("2008-01-01"),
            b.hat(&dsrsg_rc_hc, "HUMANITARIAN_COORDINATOR")
                .from("2008-01-01"),
            b.hat(&force_commander, "FORCE_COMMANDER"),
            b.hat(&police_commissioner, "POLICE_COMMISSIONER"),
            b.hat(&director_hr, "OHCHR_REPRESENTATIVE"),
        ])
        .await;

    let [amina, rafael, lena, ines] = b
        .all(
            [
                "Amina Mensah",
                "Rafael Ortega",
                "Lena Moreau",
                "Ines Duarte",
            ]
            .map(|n| b.person(n)),
        )
        .await;
    b.all([
        b.assign(&amina, &srsg).from("2008-01-01"),
        b.assign(&rafael, &force_commander).from("2008-01-01"),
        b.assign(&lena, &police_commissioner).from("2008-01-01"),
        // The Sector Commander's post was held for its first year, then fell vacant: a recorded
        // vacancy, not a post whose holders are unknown.
        b.assign(&ines, &sector_commander).to("2011-07-01"),
    ])
    .await;

    b.all([
        b.line(&force_commander, &srsg),
        b.line(&police_commissioner, &srsg),
        b.line(&dsrsg_rol, &srsg),
        b.line(&dsrsg_rc_hc, &srsg),
        b.line(&director_hr, &dsrsg_rol),
        b.line(&child_protection_adviser, &dsrsg_rol),
        b.line(&head_civil_affairs, &dsrsg_rc_hc),
        b.line(&srsg, &usg),
        b.line(&sector_commander, &force_commander),
        b.line(&usg, &security_council),
        b.line(&director_hr, &ohchr)
            .kind("FUNCTIONAL")
            .confidential(),
    ])
    .await;

    let task = |category, title| {
        b.task(&mission, category, title)
            .resolution("S/RES/1856 (2008)")
            .from("2008-12-22")
    };
    b.all([
        task(
            "PROTECTION_OF_CIVILIANS",
            "Protect civilians under imminent threat of physical violence",
        )
        .lead(&civil_affairs),
        task(
            "HUMAN_RIGHTS",
            "Monitor and report on human rights violations",
        )
        .lead(&human_rights),
        task("MINE_ACTION", "Support mine action"),
    ])
    .await;

    let cluster = b
        .cluster("PC-COD", "Protection Cluster DRC")
        .country("COD")
        .from("2006-01-01")
        .await;
    let [cp_aor, _] = b
        .all([
            b.aor(&cluster, "Child Protection AoR", "CHILD_PROTECTION")
                .counterpart(&child_protection),
            b.aor(
                &cluster,
                "Gender-Based Violence AoR",
                "GENDER_BASED_VIOLENCE",
            ),
        ])
        .await;
    b.all([b.lead(&cluster, &unhcr), b.lead(&cp_aor, &unicef)])
        .await;

    let [smg, ewrrc, unct, protection_cluster_forum, cp_aor_forum, crisis_cell] = b
        .all([
            b.forum(
                "Senior Management Group on Protection",
                "SENIOR_MANAGEMENT_GROUP",
            )
            .acronym("SMG")
            .mission(&mission)
            .from("2007-01-01"),
            b.forum(
                "Early Warning and Rapid Response Cell",
                "EARLY_WARNING_CELL",
            )
            .acronym("EWRRC")
            .mission(&mission)
            .established_by(&dsrsg_rol)
            .from("2008-01-01"),
            b.forum("UN Country Team", "UN_COUNTRY_TEAM")
                .acronym("UNCT")
                .from("2000-01-01"),
            b.forum("Protection Cluster DRC meeting", "PROTECTION_CLUSTER")
                .cluster(&cluster)
                .open(),
            b.forum("Child Protection AoR meeting", "AOR_COORDINATION")
                .aor(&cp_aor),
            b.forum("Crisis Cell North Kivu", "CRISIS_CELL")
                .level("LOCAL")
                .mission(&mission)
                .from("2011-01-01")
                .confidential(),
        ])
        .await;
    b.link(&ewrrc, &smg).await;

    let seated = b.starting("2008-01-01");
    seated
        .all([
            seated.membership(&smg, &srsg).capacity("CHAIR"),
            seated.membership(&smg, &dsrsg_rol),
            seated.membership(&smg, &dsrsg_rc_hc),
            seated.membership(&smg, &force_commander),
            seated.membership(&smg, &police_commissioner),
            seated.membership(&smg, &unhcr).capacity("OBSERVER"),
            seated.membership(&smg, &ocha).capacity("OBSERVER"),
            seated
                .membership(&smg, &icrc)
                .capacity("OBSERVER")
                .confidential(),
            seated.membership(&ewrrc, &force),
            seated.membership(&ewrrc, &police),
            seated.membership(&ewrrc, &human_rights),
            seated.membership(&ewrrc, &civil_affairs),
            seated.membership(&ewrrc, &child_protection),
            seated.membership(&ewrrc, &jmac),
            seated
                .membership(&ewrrc, &public_information)
                .capacity("PRESENT_WITHOUT_MEMBERSHIP"),
            seated.membership(&unct, &dsrsg_rc_hc).capacity("CHAIR"),
            seated.membership(&unct, &unhcr),
            seated.membership(&unct, &unicef),
            seated
                .membership(&protection_cluster_forum, &unhcr)
                .capacity("CHAIR"),
            seated.membership(&protection_cluster_forum, &human_rights),
            seated.membership(&protection_cluster_forum, &ocha),
            seated
                .membership(&protection_cluster_forum, &icrc)
                .capacity("OBSERVER"),
            seated.membership(&cp_aor_forum, &unicef).capacity("CHAIR"),
            seated.membership(&cp_aor_forum, &child_protection),
        ])
        .await;

    let [use_of_force, poc_strategy, drafting, early_warning, assets] = b
        .all([
            b.decision_area("USE_OF_FORCE", "Use of force to protect civilians"),
            b.decision_area("POC_STRATEGY", "Mission-wide POC strategy"),
            b.decision_area(
                "POC_STRATEGY_DRAFTING",
                "Designation of the POC strategy drafting office",
            ),
            b.decision_area("EARLY_WARNING", "Response to early warning"),
            b.decision_area(
                "USE_OF_MILITARY_ASSETS",
                "Use of mission military assets by humanitarians",
            ),
        ])
        .await;
    let [framework, workshop, lessons] = b
        .all([
            b.document(
                "Framework for Drafting Comprehensive POC Strategies",
                "GUIDANCE",
            ),
            b.document(
                "Report of the Workshop on Mission-Wide Protection Strategies",
                "REPORT",
            ),
            b.document(
                "Lessons Learned Note on the Protection of Civilians",
                "REPORT",
            ),
        ])
        .await;

    // The rights, granted in the mission from 2008.
    let granted = b.starting("2008-01-01");
    let [fc_decides, police_decides, _] = b
        .all([
            granted
                .right(&use_of_force, &force_commander, "DECIDES")
                .mission(&mission),
            granted
                .right(&use_of_force, &police_commissioner, "DECIDES")
                .mission(&mission)
                .scope("police units"),
            granted
                .right(&use_of_force, &srsg, "INFORMED")
                .mission(&mission),
        ])
        .await;
    b.delegate(&fc_decides, &sector_commander)
        .scope("Sector North Kivu")
        .from("2011-01-01")
        .confidential()
        .await;
    let [hom_decides_poc, _, unct_endorses, _, _, designates, recommends, _, _] = b
        .all([
            granted
                .right(&poc_strategy, &srsg, "DECIDES")
                .mission(&mission)
                .non_delegable()
                .note("accountable; signs off"),
            granted
                .right(&poc_strategy, &srsg, "ENDORSES")
                .mission(&mission),
            granted
                .right(&poc_strategy, &unct, "ENDORSES")
                .mission(&mission),
            granted
                .right(&poc_strategy, &protection_cluster_forum, "CONSULTED")
                .mission(&mission),
            granted
                .right(&poc_strategy, &protection_cluster_forum, "INFORMED")
                .mission(&mission)
                .note("receives a copy"),
            granted
                .right(&drafting, &smg, "DECIDES")
                .mission(&mission)
                .scope("designation of the drafting office"),
            granted
                .right(&early_warning, &ewrrc, "RECOMMENDS")
                .mission(&mission),
            granted
                .right(&early_warning, &smg, "INFORMED")
                .mission(&mission),
            b.right(&assets, &dpko, "DECIDES")
                .from("2000-01-01")
                .note("principle of last resort"),
        ])
        .await;
    b.all([
        b.cite(&fc_decides, &framework, "G ¶17"),
        b.cite(&police_decides, &framework, "G ¶17"),
        b.cite(&hom_decides_poc, &framework, "¶7"),
        b.cite(&hom_decides_poc, &workshop, "§8.7.1"),
        b.cite(&unct_endorses, &workshop, "§8.2.2"),
        b.cite(&designates, &framework, "¶11"),
        b.cite(&recommends, &lessons, "¶59"),
    ])
    .await;

    Monuc {
        mission,
        security_council,
        dpko,
        ohchr,
        ocha,
        unhcr,
        icrc,
        human_rights,
        child_protection,
        civil_affairs,
        srsg,
        dsrsg_rol,
        dsrsg_rc_hc,
        force_commander,
        police_commissioner,
        director_hr,
        sector_commander,
        usg,
        hc_hat,
        smg,
        ewrrc,
        unct,
        protection_cluster_forum,
        crisis_cell,
        cluster,
        fc_decides,
        hom_decides_poc,
    }
}

/// A VIEWER's `Authorization` header: clearance INTERNAL.
pub fn viewer() -> String {
    format!("Bearer {}", user_token("viewer", "VIEWER", &[], &[]))
}

/// Runs a query as a VIEWER; it must succeed.
pub async fn data_as_viewer(app: &TestApp, query: &str, variables: Value) -> Value {
    let body = app.graphql_as(Some(&viewer()), query, variables).await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"].clone()
}

/// The `id`s of a list of objects.
pub fn ids(list: &Value) -> Vec<Value> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|v| v["id"].clone())
        .collect()
}

const WHO_DECIDES: &str = r#"query($mission: ID!, $area: String!, $asOf: Date) {
  whoDecides(mission: $mission, area: $area, asOf: $asOf) {
    area { code } mission { acronym } asOf applied
    groups {
      kind
      holders {
        right { id }
        holder { __typename ... on Post { id title } ... on Forum { id name } ... on Organization { id code } ... on Component { id name } }
        scope nonDelegable delegatorLapsed
        path {
          kind explanation validFrom validTo rightKind
          right { id } delegatedFrom { id }
          holder { ... on Post { id } ... on Forum { id } }
          forum { id } chair { ... on Post { id } ... on Organization { id } } capacity
        }
        exercisedBy { post { id title } vacant occupants { acting person { fullName } } }
        escalation {
          kind end top { __typename ... on Post { id } ... on Organization { id code } }
          steps { line { id } from { ... on Post { id } } to { ... on Post { id title } ... on Organization { id code } } }
        }
        sources { locator document { title } }
      }
    }
  }
}"#;

fn group<'a>(answer: &'a Value, kind: &str) -> &'a Vec<Value> {
    answer["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["kind"] == kind)
        .and_then(|g| g["holders"].as_array())
        .unwrap_or_else(|| panic!("no {kind} group in {answer:#}"))
}

fn holder_ids(holders: &[Value]) -> Vec<Value> {
    holders.iter().map(|h| h["holder"]["id"].clone()).collect()
}

async fn who_decides(app: &TestApp, m: &Monuc, area: &str, as_of: &str) -> Value {
    app.data(
        WHO_DECIDES,
        json!({ "mission": m.mission.json(), "area": area, "asOf": as_of }),
    )
    .await["whoDecides"]
        .clone()
}

both_backends!(
    use_of_force_the_force_commander_decides_the_police_commissioner_for_police_units_and_it_escalates_to_the_security_council,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = who_decides(&app, &m, "use_of_force", "2012-03-01").await;
        assert_eq!(answer["area"]["code"], "USE_OF_FORCE");
        assert_eq!(answer["mission"]["acronym"], "MONUC");
        assert_eq!(answer["applied"], "MISSION");
        let deciders = group(&answer, "DECIDES");
        // Unscoped first, then by scope; the delegation hangs under the Force Commander's right.
        assert_eq!(
            holder_ids(deciders),
            vec![
                m.force_commander.json(),
                m.sector_commander.json(),
                m.police_commissioner.json()
            ]
        );
        let fc = &deciders[0];
        assert_eq!(fc["right"]["id"], m.fc_decides);
        assert_eq!(fc["scope"], Value::Null);
        assert_eq!(fc["path"].as_array().unwrap().len(), 1);
        assert_eq!(fc["path"][0]["kind"], "DIRECT_GRANT");
        assert_eq!(
            fc["path"][0]["explanation"],
            "Granted directly: Force Commander DECIDES (from 2008-01-01)"
        );
        assert_eq!(fc["sources"], json!([{ "locator": "G ¶17",
            "document": { "title": "Framework for Drafting Comprehensive POC Strategies" } }]));
        assert_eq!(
            fc["exercisedBy"],
            json!([{ "post": { "id": m.force_commander.json(), "title": "Force Commander" }, "vacant": false,
                     "occupants": [{ "acting": false, "person": { "fullName": "Rafael Ortega" } }] }])
        );
        // Escalation: the line chain to the SRSG, UN HQ and the Security Council.
        let escalation = fc["escalation"].as_array().unwrap();
        assert_eq!(escalation.len(), 1);
        assert_eq!(escalation[0]["kind"], "LINE");
        assert_eq!(escalation[0]["end"], "ORGANIZATION");
        assert_eq!(escalation[0]["top"]["code"], "UNSC");
        let up: Vec<Value> = escalation[0]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["to"]["id"].clone())
            .collect();
        assert_eq!(up, vec![m.srsg.json(), m.usg.json(), m.security_council.json()]);

        let sector = &deciders[1];
        assert_eq!(sector["scope"], "Sector North Kivu");
        assert_eq!(sector["path"][0]["right"]["id"], m.fc_decides);
        assert_eq!(sector["path"][1]["kind"], "DELEGATION");
        assert_eq!(sector["path"][1]["delegatedFrom"]["id"], m.fc_decides);
        assert_eq!(sector["path"][1]["validFrom"], "2011-01-01");
        assert_eq!(
            sector["path"][1]["explanation"],
            "Delegated by Force Commander: Commander, Sector North Kivu DECIDES (from 2011-01-01)"
        );
        assert_eq!(sector["exercisedBy"][0]["vacant"], true);
        assert_eq!(sector["escalation"][0]["steps"][0]["to"]["id"], m.force_commander);

        let police = &deciders[2];
        assert_eq!(police["scope"], "police units");
        assert_eq!(police["holder"]["title"], "Police Commissioner");

        // The SRSG is informed, and only deciders escalate.
        let informed = group(&answer, "INFORMED");
        assert_eq!(holder_ids(informed), vec![m.srsg.json()]);
        assert_eq!(informed[0]["escalation"], json!([]));

        // Before the delegation, the Sector Commander does not decide.
        let before = who_decides(&app, &m, "USE_OF_FORCE", "2010-12-31").await;
        assert_eq!(
            holder_ids(group(&before, "DECIDES")),
            vec![m.force_commander.json(), m.police_commissioner.json()]
        );
    }
);

both_backends!(
    poc_strategy_the_head_of_mission_decides_without_delegating_and_endorses_with_the_unct_the_cluster_is_consulted_and_informed,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = who_decides(&app, &m, "POC_STRATEGY", "2012-03-01").await;
        assert_eq!(answer["applied"], "MISSION");
        let kinds: Vec<&str> = answer["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, vec!["DECIDES", "ENDORSES", "CONSULTED", "INFORMED"]);
        let hom = &group(&answer, "DECIDES")[0];
        assert_eq!(hom["holder"]["id"], m.srsg);
        assert_eq!(hom["nonDelegable"], true);
        let locators: Vec<&str> = hom["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["locator"].as_str().unwrap())
            .collect();
        assert_eq!(locators, vec!["¶7", "§8.7.1"]);
        assert_eq!(
            holder_ids(group(&answer, "ENDORSES")),
            vec![m.srsg.json(), m.unct.json()]
        );
        // The UNCT endorses through its chair, the triple-hatted DSRSG/RC/HC.
        let unct = &group(&answer, "ENDORSES")[1];
        assert_eq!(unct["path"][1]["kind"], "EXERCISED_BY_CHAIR");
        assert_eq!(unct["path"][1]["chair"]["id"], m.dsrsg_rc_hc);
        assert_eq!(unct["path"][1]["capacity"], "CHAIR");
        assert_eq!(unct["exercisedBy"][0]["post"]["id"], m.dsrsg_rc_hc);
        assert_eq!(unct["exercisedBy"][0]["vacant"], true);
        assert_eq!(
            holder_ids(group(&answer, "CONSULTED")),
            vec![m.protection_cluster_forum.json()]
        );
        assert_eq!(
            holder_ids(group(&answer, "INFORMED")),
            vec![m.protection_cluster_forum.json()]
        );
        // The cluster is chaired by an agency: no mission post exercises its rights.
        let consulted = &group(&answer, "CONSULTED")[0];
        assert_eq!(consulted["path"][1]["chair"]["id"], m.unhcr);
        assert_eq!(consulted["exercisedBy"], json!([]));

        // Senior mission leadership designates the drafting office: the SMG, through its chair.
        let drafting = who_decides(&app, &m, "POC_STRATEGY_DRAFTING", "2012-03-01").await;
        let smg = &group(&drafting, "DECIDES")[0];
        assert_eq!(smg["holder"]["id"], m.smg);
        assert_eq!(smg["scope"], "designation of the drafting office");
        assert_eq!(smg["path"][1]["forum"]["id"], m.smg);
        assert_eq!(smg["path"][1]["chair"]["id"], m.srsg);
        assert_eq!(
            smg["path"][1]["explanation"],
            "Exercised by Special Representative of the Secretary-General, chair of Senior Management Group on Protection (from 2008-01-01)"
        );
        assert_eq!(smg["exercisedBy"][0]["occupants"][0]["person"]["fullName"], "Amina Mensah");
        assert_eq!(smg["escalation"][0]["top"]["id"], m.security_council);

        // The Head of Mission's accountability must not be delegated to a DSRSG.
        let refused = app
            .graphql(
                "mutation($input: DelegateDecisionRightInput!) { delegateDecisionRight(input: $input) { id } }",
                json!({ "input": { "fromRightId": m.hom_decides_poc.json(), "holderPostId": m.dsrsg_rol.json(),
                                   "validFrom": "2012-01-01" } }),
            )
            .await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT");
        assert_eq!(refused["errors"][0]["extensions"]["field"], "input.fromRightId");
        assert!(error_message(&refused).contains("non-delegable"), "{refused}");
    }
);

both_backends!(
    early_warning_the_cell_recommends_and_the_senior_management_group_is_informed,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = who_decides(&app, &m, "EARLY_WARNING", "2012-03-01").await;
        let kinds: Vec<&str> = answer["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, vec!["RECOMMENDS", "INFORMED"]);
        let cell = &group(&answer, "RECOMMENDS")[0];
        assert_eq!(cell["holder"]["id"], m.ewrrc);
        assert_eq!(cell["sources"][0]["locator"], "¶59");
        // Nobody chairs the cell: its recommendation is nobody's in particular.
        assert_eq!(cell["exercisedBy"], json!([]));
        assert_eq!(holder_ids(group(&answer, "INFORMED")), vec![m.smg.json()]);
    }
);

both_backends!(
    without_a_grant_of_its_own_the_mission_falls_back_to_the_global_default_and_says_so,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = who_decides(&app, &m, "USE_OF_MILITARY_ASSETS", "2012-03-01").await;
        assert_eq!(answer["applied"], "GLOBAL");
        assert_eq!(holder_ids(group(&answer, "DECIDES")), vec![m.dpko.json()]);
        assert_eq!(group(&answer, "DECIDES")[0]["exercisedBy"], json!([]));

        // Before any grant, nothing applies.
        let early = who_decides(&app, &m, "USE_OF_FORCE", "2007-06-01").await;
        assert_eq!(early["applied"], "NO_GRANT");
        assert_eq!(early["groups"], json!([]));
    }
);

both_backends!(
    who_decides_refuses_an_unknown_area_a_hidden_mission_and_an_id_of_the_wrong_kind,
    |app| async move {
        let m = build_monuc(&app).await;
        let body = app
            .graphql(
                WHO_DECIDES,
                json!({ "mission": m.mission.json(), "area": "NO_SUCH_AREA" }),
            )
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND");
        assert_eq!(error_message(&body), "no decision area has this ID or code");

        let hidden = Build::new(&app)
            .mission("XMIS")
            .named("A confidential mission")
            .kind("SPECIAL_POLITICAL")
            .from("2010-01-01")
            .confidential()
            .await;
        let body = app
            .graphql_as(
                Some(&viewer()),
                WHO_DECIDES,
                json!({ "mission": hidden.json(), "area": "USE_OF_FORCE" }),
            )
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND");
        assert_eq!(error_message(&body), "no mission has this ID or acronym");

        let body = app
            .graphql(
                WHO_DECIDES,
                json!({ "mission": m.srsg.json(), "area": "USE_OF_FORCE" }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], "mission");
    }
);

both_backends!(
    a_viewer_does_not_see_a_confidential_delegation_among_the_deciders,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars =
            json!({ "mission": m.mission.json(), "area": "USE_OF_FORCE", "asOf": "2012-03-01" });
        let admin = app.data(WHO_DECIDES, vars.clone()).await;
        let deciders = group(&admin["whoDecides"], "DECIDES");
        assert_eq!(deciders[1]["holder"]["id"], m.sector_commander);
        // The administrator's read of the confidential right is in the audit log.
        let delegation = crate::clusters::uuid_of(&deciders[1]["right"]["id"]);
        let reads = entity::audit_entry::Entity::find()
            .filter(entity::audit_entry::Column::Operation.eq("read"))
            .filter(entity::audit_entry::Column::RecordType.eq("decision_rights"))
            .filter(entity::audit_entry::Column::RecordId.eq(delegation))
            .count(app.db())
            .await
            .expect("count reads");
        assert_eq!(reads, 1);
        let viewer = data_as_viewer(&app, WHO_DECIDES, vars).await;
        assert_eq!(
            holder_ids(group(&viewer["whoDecides"], "DECIDES")),
            vec![m.force_commander.json(), m.police_commissioner.json()]
        );
    }
);

const REPORTING_CHAIN: &str = r#"query($post: ID!, $kinds: [ReportingLineKind!], $asOf: Date) {
  reportingChain(post: $post, kinds: $kinds, asOf: $asOf) {
    start { id } asOf truncated
    chains {
      kind end
      top { ... on Post { id } ... on Organization { id code } }
      repeatedPost { id }
      steps {
        line { id kind }
        from { ... on Post { id } }
        to { __typename ... on Post { id title } ... on Organization { id code } }
        validFrom validTo
      }
    }
  }
}"#;

fn targets(chain: &Value) -> Vec<Value> {
    chain["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"]["id"].clone())
        .collect()
}

both_backends!(
    the_head_of_human_rights_has_a_line_chain_to_the_security_council_and_a_functional_chain_to_ohchr,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = app
            .data(REPORTING_CHAIN, json!({ "post": m.director_hr.json(), "asOf": "2012-03-01" }))
            .await["reportingChain"]
            .clone();
        assert_eq!(answer["start"]["id"], m.director_hr);
        assert_eq!(answer["truncated"], false);
        let chains = answer["chains"].as_array().unwrap();
        assert_eq!(chains.len(), 2);
        assert_eq!(chains[0]["kind"], "LINE");
        assert_eq!(
            targets(&chains[0]),
            vec![m.dsrsg_rol.json(), m.srsg.json(), m.usg.json(), m.security_council.json()]
        );
        assert_eq!(chains[0]["end"], "ORGANIZATION");
        assert_eq!(chains[0]["steps"][0]["from"]["id"], m.director_hr);
        assert_eq!(chains[0]["steps"][0]["line"]["kind"], "LINE");
        assert_eq!(chains[1]["kind"], "FUNCTIONAL");
        assert_eq!(targets(&chains[1]), vec![m.ohchr.json()]);

        let line_only = app
            .data(
                REPORTING_CHAIN,
                json!({ "post": m.director_hr.json(), "kinds": ["LINE"], "asOf": "2012-03-01" }),
            )
            .await;
        let chains = line_only["reportingChain"]["chains"].as_array().unwrap();
        assert_eq!(chains.len(), 1);
        assert_eq!(chains[0]["kind"], "LINE");

        // The Sector Commander's post and line start in mid-2010.
        let sector = app
            .data(REPORTING_CHAIN, json!({ "post": m.sector_commander.json(), "asOf": "2010-06-30" }))
            .await;
        assert_eq!(sector["reportingChain"]["chains"], json!([]));

        let body = app
            .graphql(REPORTING_CHAIN, json!({ "post": m.mission.json() }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], "post");
    }
);

both_backends!(
    a_cycle_in_bad_reporting_data_is_reported_not_followed,
    |app| async move {
        let m = build_monuc(&app).await;
        // The mutations refuse cycles; bad data can still come from an import.
        insert_line(&app, &m.usg, &m.force_commander).await;
        let answer = app
            .data(
                REPORTING_CHAIN,
                json!({ "post": m.force_commander.json(), "kinds": ["LINE"], "asOf": "2012-03-01" }),
            )
            .await["reportingChain"]
            .clone();
        let chains = answer["chains"].as_array().unwrap();
        let ends: Vec<&str> = chains.iter().map(|c| c["end"].as_str().unwrap()).collect();
        assert_eq!(ends.len(), 2);
        assert!(
            ends.contains(&"ORGANIZATION") && ends.contains(&"CYCLE"),
            "{ends:?}"
        );
        let cycle = chains.iter().find(|c| c["end"] == "CYCLE").unwrap();
        assert_eq!(cycle["repeatedPost"]["id"], m.force_commander);
        assert_eq!(
            targets(cycle),
            vec![m.srsg.json(), m.usg.json(), m.force_commander.json()]
        );
    }
);

/// A LINE reporting line written straight into the database, as an import could.
async fn insert_line(app: &TestApp, from: &PostId, to: &PostId) {
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    entity::reporting_line::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        from_post_id: Set(Some(from.uuid())),
        from_component_id: Set(None),
        to_post_id: Set(Some(to.uuid())),
        to_organization_id: Set(None),
        kind: Set(entity::enums::ReportingLineKind::Line),
        note: Set(None),
        valid_from: Set(crate::fixtures::date("2000-01-01")),
        valid_to: Set(None),
        sensitivity: Set(entity::enums::Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(app.db())
    .await
    .expect("insert reporting line");
}

both_backends!(
    a_viewer_does_not_see_a_confidential_functional_chain,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "post": m.director_hr.json(), "asOf": "2012-03-01" });
        let admin = app.data(REPORTING_CHAIN, vars.clone()).await;
        assert_eq!(
            admin["reportingChain"]["chains"].as_array().unwrap().len(),
            2
        );
        let viewer = data_as_viewer(&app, REPORTING_CHAIN, vars).await;
        let chains = viewer["reportingChain"]["chains"].as_array().unwrap();
        assert_eq!(chains.len(), 1);
        assert_eq!(chains[0]["kind"], "LINE");
    }
);

const INTEGRATION: &str = r#"query($mission: ID!, $asOf: Date) {
  integrationProfile(mission: $mission, asOf: $asOf) {
    mission { acronym } asOf
    integratedPresence { value basedOn { id } }
    structurallyIntegrated { value basedOn { __typename id } }
    tripleHattedPosts { id }
    riskEnvironment { value }
    caution { message basedOn { id } }
    components { component { id name } specialty dsrsgPosts { id } via throughComponent { id } basedOn { id } }
    humanitarianSeats {
      organization { id code } organizationKind forum { id } membership { id } capacity since basis
      basisRecord { __typename id }
    }
  }
}"#;

both_backends!(
    a_triple_hatted_dsrsg_rc_hc_makes_the_mission_structurally_integrated_until_the_hc_hat_ends,
    |app| async move {
        let m = build_monuc(&app).await;
        let profile = |date: &'static str| {
            let app = &app;
            let mission = m.mission.json();
            async move {
                app.data(INTEGRATION, json!({ "mission": mission, "asOf": date }))
                    .await["integrationProfile"]
                    .clone()
            }
        };
        let before = profile("2012-12-31").await;
        assert_eq!(before["integratedPresence"]["value"], true);
        // Based on the mandate in force: the first one, which createMission made.
        let mandate = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Mission { mandate { id } } } }",
                json!({ "id": m.mission.json() }),
            )
            .await["node"]["mandate"]["id"]
            .clone();
        assert!(mandate.is_string());
        assert_eq!(
            before["integratedPresence"]["basedOn"],
            json!([{ "id": mandate }])
        );
        assert_eq!(before["structurallyIntegrated"]["value"], true);
        assert_eq!(
            before["tripleHattedPosts"],
            json!([{ "id": m.dsrsg_rc_hc.json() }])
        );
        let basis: Vec<&str> = before["structurallyIntegrated"]["basedOn"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["__typename"].as_str().unwrap())
            .collect();
        assert_eq!(basis, vec!["Post", "PostHat", "PostHat", "PostHat"]);
        assert_eq!(before["riskEnvironment"]["value"], "HIGH");
        assert!(before["caution"]["message"]
            .as_str()
            .unwrap()
            .contains("IASC"));

        // Human rights and child protection sit under the DSRSG Rule of Law, civil affairs under
        // the DSRSG/RC/HC, each through its head's line.
        let placed: Vec<(Value, Value, Value)> = before["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["component"]["id"].clone(),
                    c["dsrsgPosts"][0]["id"].clone(),
                    c["via"].clone(),
                )
            })
            .collect();
        assert_eq!(placed.len(), 3);
        for (component, dsrsg) in [
            (&m.human_rights, &m.dsrsg_rol),
            (&m.child_protection, &m.dsrsg_rol),
            (&m.civil_affairs, &m.dsrsg_rc_hc),
        ] {
            assert!(
                placed.contains(&(component.json(), dsrsg.json(), json!("HEAD_POST_LINE"))),
                "{component} under {dsrsg}: {placed:?}"
            );
        }

        // UNHCR observes as a UN agency, OCHA as a Secretariat office sitting in the cluster, the
        // ICRC as a Red Cross body.
        let seats: Vec<(Value, Value, Value)> = before["humanitarianSeats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["organization"]["code"].clone(),
                    s["capacity"].clone(),
                    s["basis"].clone(),
                )
            })
            .collect();
        assert_eq!(seats.len(), 3, "{seats:?}");
        for seat in [
            (
                json!("UNHCR"),
                json!("OBSERVER"),
                json!("ORGANIZATION_KIND"),
            ),
            (
                json!("OCHA"),
                json!("OBSERVER"),
                json!("SITS_IN_HUMANITARIAN_FORUM"),
            ),
            (json!("ICRC"), json!("OBSERVER"), json!("ORGANIZATION_KIND")),
        ] {
            assert!(seats.contains(&seat), "{seat:?} in {seats:?}");
        }
        let ocha = before["humanitarianSeats"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["organization"]["id"] == m.ocha)
            .unwrap();
        assert_eq!(ocha["forum"]["id"], m.smg);
        assert_eq!(ocha["basisRecord"]["__typename"], "ForumMembership");

        let ended = app
            .data(
                "mutation($input: EndInput!) { endPostHat(input: $input) { validTo } }",
                json!({ "input": { "id": m.hc_hat.json(), "version": 1, "on": "2013-01-01" } }),
            )
            .await;
        assert_eq!(ended["endPostHat"]["validTo"], "2013-01-01");

        let after = profile("2013-01-01").await;
        assert_eq!(after["structurallyIntegrated"]["value"], false);
        assert_eq!(after["structurallyIntegrated"]["basedOn"], json!([]));
        assert_eq!(after["tripleHattedPosts"], json!([]));
        assert_eq!(after["caution"], Value::Null);
        assert_eq!(after["integratedPresence"]["value"], true);
        // The past is unchanged.
        assert_eq!(profile("2012-12-31").await, before);
    }
);

both_backends!(
    a_viewer_does_not_see_a_confidential_humanitarian_seat,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "asOf": "2012-03-01" });
        let codes = |answer: &Value| -> Vec<Value> {
            answer["integrationProfile"]["humanitarianSeats"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["organization"]["code"].clone())
                .collect()
        };
        let admin = app.data(INTEGRATION, vars.clone()).await;
        assert!(codes(&admin).contains(&json!("ICRC")));
        let viewer = data_as_viewer(&app, INTEGRATION, vars).await;
        assert!(!codes(&viewer).contains(&json!("ICRC")));
        assert_eq!(codes(&viewer).len(), 2);
    }
);

const BRIDGES: &str = r#"query($mission: ID!, $cluster: ID, $asOf: Date) {
  bridges(mission: $mission, cluster: $cluster, asOf: $asOf) {
    actor { __typename ... on Organization { id code } ... on Component { id name } ... on Post { id } }
    missionSeats { forum { id } membership { id } capacity since }
    clusterSeats { forum { id } capacity since }
  }
}"#;

const COMMON_FORUMS: &str = r#"query($a: ID!, $b: ID!, $asOf: Date) {
  commonForums(a: $a, b: $b, asOf: $asOf) {
    forum { id name }
    aSeats { capacity since }
    bSeats { capacity }
  }
}"#;

fn actors(answer: &Value) -> Vec<Value> {
    answer["bridges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["actor"]["id"].clone())
        .collect()
}

both_backends!(
    the_bridges_are_the_actors_in_both_mission_and_cluster_forums_with_their_capacities,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = app
            .data(
                BRIDGES,
                json!({ "mission": m.mission.json(), "asOf": "2012-03-01" }),
            )
            .await;
        let mut found = actors(&answer);
        found.sort_by_key(|v| v.to_string());
        let mut expected = vec![
            m.unhcr.json(),
            m.ocha.json(),
            m.icrc.json(),
            m.human_rights.json(),
            m.child_protection.json(),
        ];
        expected.sort_by_key(|v| v.to_string());
        assert_eq!(found, expected);
        let unhcr = answer["bridges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["actor"]["id"] == m.unhcr)
            .unwrap();
        assert_eq!(
            unhcr["missionSeats"],
            json!([{ "forum": { "id": m.smg.json() }, "membership": unhcr["missionSeats"][0]["membership"],
                     "capacity": "OBSERVER", "since": "2008-01-01" }])
        );
        assert_eq!(
            unhcr["clusterSeats"],
            json!([{ "forum": { "id": m.protection_cluster_forum.json() }, "capacity": "CHAIR", "since": "2008-01-01" }])
        );
        // Restricted to the Protection Cluster (and its AoRs): the same actors.
        let scoped = app
            .data(
                BRIDGES,
                json!({ "mission": m.mission.json(), "cluster": m.cluster.json(), "asOf": "2012-03-01" }),
            )
            .await;
        assert_eq!(actors(&scoped).len(), 5);
        // Before the seats, no bridge.
        let early = app
            .data(
                BRIDGES,
                json!({ "mission": m.mission.json(), "asOf": "2007-06-01" }),
            )
            .await;
        assert_eq!(early["bridges"], json!([]));

        // UNHCR and the ICRC share the Senior Management Group and the Protection Cluster.
        let common = app
            .data(
                COMMON_FORUMS,
                json!({ "a": m.unhcr.json(), "b": m.icrc.json(), "asOf": "2012-03-01" }),
            )
            .await;
        let forums: Vec<Value> = common["commonForums"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["forum"]["id"].clone())
            .collect();
        assert_eq!(forums.len(), 2);
        assert!(
            forums.contains(&m.smg.json()) && forums.contains(&m.protection_cluster_forum.json())
        );
        let cluster = common["commonForums"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["forum"]["id"] == m.protection_cluster_forum)
            .unwrap();
        assert_eq!(
            cluster["aSeats"],
            json!([{ "capacity": "CHAIR", "since": "2008-01-01" }])
        );
        assert_eq!(cluster["bSeats"], json!([{ "capacity": "OBSERVER" }]));

        let body = app
            .graphql(
                COMMON_FORUMS,
                json!({ "a": m.unhcr.json(), "b": m.smg.json() }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], "b");
        assert_eq!(
            error_message(&body),
            "`b` must identify an organisation, a component or a post, but identifies a forum"
        );
    }
);

both_backends!(
    a_viewer_does_not_see_a_bridge_resting_on_a_confidential_seat,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "asOf": "2012-03-01" });
        let admin = app.data(BRIDGES, vars.clone()).await;
        assert!(actors(&admin).contains(&m.icrc.json()));
        let viewer = data_as_viewer(&app, BRIDGES, vars).await;
        assert!(!actors(&viewer).contains(&m.icrc.json()));
        assert_eq!(actors(&viewer).len(), 4);
    }
);

both_backends!(
    a_viewer_does_not_see_a_forum_shared_through_a_confidential_seat,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "a": m.unhcr.json(), "b": m.icrc.json(), "asOf": "2012-03-01" });
        let forums = |answer: &Value| -> Vec<Value> {
            answer["commonForums"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["forum"]["id"].clone())
                .collect()
        };
        let admin = app.data(COMMON_FORUMS, vars.clone()).await;
        assert!(forums(&admin).contains(&m.smg.json()));
        let viewer = data_as_viewer(&app, COMMON_FORUMS, vars).await;
        assert_eq!(forums(&viewer), vec![m.protection_cluster_forum.json()]);
    }
);

const GAPS: &str = r#"query($mission: ID!, $asOf: Date) {
  governanceGaps(mission: $mission, asOf: $asOf) {
    code severity message
    records { __typename id }
  }
}"#;

fn gap_codes(answer: &Value) -> Vec<(String, Value)> {
    answer["governanceGaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["code"].as_str().unwrap().to_owned(),
                g["records"][0]["id"].clone(),
            )
        })
        .collect()
}

both_backends!(
    the_governance_gaps_name_the_records_and_what_to_do,
    |app| async move {
        let m = build_monuc(&app).await;
        let answer = app
            .data(
                GAPS,
                json!({ "mission": m.mission.json(), "asOf": "2012-03-01" }),
            )
            .await;
        let gaps = answer["governanceGaps"].as_array().unwrap();
        let codes: Vec<&str> = gaps.iter().map(|g| g["code"].as_str().unwrap()).collect();
        assert_eq!(
            codes,
            vec![
                "MANDATED_TASK_WITHOUT_LEAD",
                "VACANT_POST_HOLDS_RIGHT",
                "AREA_WITHOUT_DECIDER",
                "FORUM_WITHOUT_CHAIR",
                "FORUM_WITHOUT_CHAIR",
                "AOR_WITHOUT_LEAD",
                // The DSRSG/RC/HC in a HIGH risk environment: the IASC caution.
                "STRUCTURAL_INTEGRATION_IN_HIGH_RISK",
            ]
        );
        let severities: Vec<&str> = gaps
            .iter()
            .map(|g| g["severity"].as_str().unwrap())
            .collect();
        assert_eq!(
            severities,
            vec!["HIGH", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "MEDIUM"]
        );
        assert_eq!(gaps[0]["records"][0]["__typename"], "MandatedTask");
        assert_eq!(
            gaps[0]["message"],
            "Mandated task \u{201c}Support mine action\u{201d} has no lead component: assign one so that someone is accountable for it."
        );
        assert_eq!(gaps[1]["records"][0]["id"], m.sector_commander);
        assert_eq!(gaps[1]["records"][1]["__typename"], "DecisionRight");
        assert!(gaps[2]["message"]
            .as_str()
            .unwrap()
            .starts_with("Nobody decides on EARLY_WARNING in MONUC"));
        let chairless: Vec<Value> = gaps[3..5]
            .iter()
            .map(|g| g["records"][0]["id"].clone())
            .collect();
        assert!(chairless.contains(&m.ewrrc.json()) && chairless.contains(&m.crisis_cell.json()));
        assert_eq!(gaps[5]["records"][0]["__typename"], "AreaOfResponsibility");
        assert_eq!(gaps[5]["records"][1]["id"], m.cluster);

        // Not an ID, so an acronym: no mission has it.
        let bad = app.graphql(GAPS, json!({ "mission": "not-an-id" })).await;
        assert_eq!(error_code(&bad), "NOT_FOUND");
        assert_eq!(error_message(&bad), "no mission has this ID or acronym");
    }
);

both_backends!(
    a_viewer_does_not_see_the_gap_of_a_confidential_forum,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "asOf": "2012-03-01" });
        let admin = app.data(GAPS, vars.clone()).await;
        assert!(
            gap_codes(&admin).contains(&("FORUM_WITHOUT_CHAIR".to_owned(), m.crisis_cell.json()))
        );
        let viewer = data_as_viewer(&app, GAPS, vars).await;
        assert_eq!(
            gap_codes(&viewer)
                .iter()
                .map(|(code, _)| code.as_str())
                .collect::<Vec<_>>(),
            vec![
                "MANDATED_TASK_WITHOUT_LEAD",
                "AREA_WITHOUT_DECIDER",
                "FORUM_WITHOUT_CHAIR",
                "AOR_WITHOUT_LEAD",
                "STRUCTURAL_INTEGRATION_IN_HIGH_RISK"
            ]
        );
        assert!(!gap_codes(&viewer)
            .iter()
            .any(|(_, id)| *id == m.crisis_cell));
    }
);

const GRAPH: &str = r#"query($mission: ID, $country: String, $asOf: Date, $include: [EdgeKind!]) {
  stakeholderGraph(mission: $mission, country: $country, asOf: $asOf, include: $include) {
    asOf truncated dot mermaid
    nodes { id kind label record { __typename } }
    edges { kind from to label reportingKind capacity leadRole rightKind record { __typename } }
  }
}"#;

both_backends!(
    the_stakeholder_graph_is_drawn_the_same_every_time_as_dot_and_mermaid,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "asOf": "2012-03-01" });
        let graph = app.data(GRAPH, vars.clone()).await["stakeholderGraph"].clone();
        let dot = graph["dot"].as_str().unwrap();
        assert!(dot.starts_with("digraph stakeholders {"), "{dot}");
        assert!(dot.contains("Early Warning and Rapid Response Cell"));
        let mermaid = graph["mermaid"].as_str().unwrap();
        assert!(mermaid.starts_with("flowchart BT"), "{mermaid}");
        assert!(mermaid.contains("Protection Cluster DRC"));
        // Deterministic: the same records give the same graph and text.
        assert_eq!(app.data(GRAPH, vars).await["stakeholderGraph"], graph);

        let nodes = graph["nodes"].as_array().unwrap();
        let node_ids: Vec<Value> = nodes.iter().map(|n| n["id"].clone()).collect();
        for record in [
            m.srsg.json(),
            m.smg.json(),
            m.cluster.json(),
            m.unhcr.json(),
            m.human_rights.json(),
        ] {
            assert!(node_ids.contains(&record), "{record} among the nodes");
        }
        let edges = graph["edges"].as_array().unwrap();
        for edge in edges {
            assert!(node_ids.contains(&edge["from"]) && node_ids.contains(&edge["to"]));
        }
        let has = |kind: &str, from: &Value, to: &Value| {
            edges
                .iter()
                .any(|e| e["kind"] == kind && e["from"] == *from && e["to"] == *to)
        };
        assert!(has("REPORTS_TO", &m.force_commander.json(), &m.srsg.json()));
        assert!(has("REPORTS_TO", &m.ewrrc.json(), &m.smg.json()));
        assert!(has("CHAIRS", &m.srsg.json(), &m.smg.json()));
        assert!(has("MEMBER_OF", &m.unhcr.json(), &m.smg.json()));
        assert!(has("LEADS", &m.unhcr.json(), &m.cluster.json()));
        assert!(edges.iter().any(|e| e["kind"] == "HOLDS_RIGHT"
            && e["from"] == m.force_commander
            && e["rightKind"] == "DECIDES"
            && e["record"]["__typename"] == "DecisionRight"));
        let observer = edges
            .iter()
            .find(|e| e["kind"] == "MEMBER_OF" && e["from"] == m.unhcr && e["to"] == m.smg)
            .unwrap();
        assert_eq!(observer["capacity"], "OBSERVER");

        // Only the reporting lines asked for.
        let lines = app
            .data(
                GRAPH,
                json!({ "mission": m.mission.json(), "asOf": "2012-03-01", "include": ["REPORTS_TO"] }),
            )
            .await;
        let edges = lines["stakeholderGraph"]["edges"].as_array().unwrap();
        assert!(!edges.is_empty());
        assert!(edges.iter().all(|e| e["kind"] == "REPORTS_TO"));

        // The country's graph holds the mission's.
        let country = app
            .data(GRAPH, json!({ "country": "cod", "asOf": "2012-03-01" }))
            .await;
        assert_eq!(country["stakeholderGraph"]["nodes"], graph["nodes"]);

        let body = app.graphql(GRAPH, json!({ "asOf": "2012-03-01" })).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        let body = app.graphql(GRAPH, json!({ "country": "Congo" })).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], "country");
    }
);

both_backends!(
    a_viewer_does_not_see_a_confidential_forum_in_the_graph_or_its_text,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "asOf": "2012-03-01" });
        let admin = app.data(GRAPH, vars.clone()).await["stakeholderGraph"].clone();
        assert!(ids(&admin["nodes"]).contains(&m.crisis_cell.json()));
        assert!(admin["dot"]
            .as_str()
            .unwrap()
            .contains("Crisis Cell North Kivu"));
        let viewer = data_as_viewer(&app, GRAPH, vars).await["stakeholderGraph"].clone();
        assert!(!ids(&viewer["nodes"]).contains(&m.crisis_cell.json()));
        assert!(!viewer["dot"].as_str().unwrap().contains("Crisis Cell"));
        assert!(!viewer["mermaid"].as_str().unwrap().contains("Crisis Cell"));
    }
);

const CHANGES: &str = r#"query($mission: ID!, $from: Date!, $to: Date!) {
  changesBetween(mission: $mission, from: $from, to: $to) {
    mission { acronym } from to truncated
    changes { date change recordKind record { __typename id } related { id } description }
  }
}"#;

fn change_list(answer: &Value) -> Vec<(String, String, String, Value)> {
    answer["changesBetween"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["date"].as_str().unwrap().to_owned(),
                c["change"].as_str().unwrap().to_owned(),
                c["recordKind"].as_str().unwrap().to_owned(),
                c["record"]["id"].clone(),
            )
        })
        .collect()
}

both_backends!(
    changes_between_two_dates_list_what_was_added_and_ended_in_order,
    |app| async move {
        let m = build_monuc(&app).await;
        Build::new(&app).end(&m.hc_hat, "2013-01-01").await;
        let answer = app
            .data(
                CHANGES,
                json!({ "mission": m.mission.json(), "from": "2012-06-01", "to": "2013-06-01" }),
            )
            .await;
        assert_eq!(answer["changesBetween"]["mission"]["acronym"], "MONUC");
        assert_eq!(
            change_list(&answer),
            vec![(
                "2013-01-01".to_owned(),
                "ENDED".to_owned(),
                "HAT".to_owned(),
                m.hc_hat.json()
            )]
        );
        let change = &answer["changesBetween"]["changes"][0];
        assert_eq!(
            change["description"],
            "Hat HUMANITARIAN_COORDINATOR ended on post \u{201c}DSRSG / Resident and Humanitarian Coordinator\u{201d}"
        );
        assert_eq!(change["related"], json!([{ "id": m.dsrsg_rc_hc.json() }]));

        // 2010-2011: the Sector Commander's post and line, then the crisis cell and the
        // delegation on 2011-01-01.
        let earlier = app
            .data(
                CHANGES,
                json!({ "mission": m.mission.json(), "from": "2010-06-01", "to": "2011-06-01" }),
            )
            .await;
        let kinds: Vec<(String, String)> = change_list(&earlier)
            .into_iter()
            .map(|(date, _, kind, _)| (date, kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("2010-07-01".to_owned(), "POST".to_owned()),
                ("2010-07-01".to_owned(), "REPORTING_LINE".to_owned()),
                ("2011-01-01".to_owned(), "FORUM".to_owned()),
                ("2011-01-01".to_owned(), "DECISION_RIGHT".to_owned()),
            ]
        );

        // An empty window and a window the wrong way round.
        let same = app
            .data(
                CHANGES,
                json!({ "mission": m.mission.json(), "from": "2011-01-01", "to": "2011-01-01" }),
            )
            .await;
        assert_eq!(same["changesBetween"]["changes"], json!([]));
        let body = app
            .graphql(
                CHANGES,
                json!({ "mission": m.mission.json(), "from": "2013-01-01", "to": "2012-01-01" }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], "to");
        assert_eq!(
            error_message(&body),
            "`to` (2012-01-01) is before `from` (2013-01-01): give the earlier date first"
        );
    }
);

both_backends!(
    a_viewer_does_not_see_confidential_changes,
    |app| async move {
        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "from": "2010-06-01", "to": "2011-06-01" });
        let admin = app.data(CHANGES, vars.clone()).await;
        let admin_records: Vec<Value> = change_list(&admin).into_iter().map(|c| c.3).collect();
        assert!(admin_records.contains(&m.crisis_cell.json()));
        let viewer = data_as_viewer(&app, CHANGES, vars).await;
        let kinds: Vec<String> = change_list(&viewer).into_iter().map(|c| c.2).collect();
        assert_eq!(kinds, vec!["POST".to_owned(), "REPORTING_LINE".to_owned()]);
    }
);

/// `count` posts of the mission under the Force Commander, each held by someone, reporting to
/// the Sector Commander, sitting in the Senior Management Group and informed on early warning:
/// a mission of thousands of posts, inserted in bulk.
async fn insert_bulk_posts(app: &TestApp, m: &Monuc, count: usize) {
    use entity::enums::{Capacity, ReportingLineKind, RightKind, Sensitivity};
    use entity::{assignment, decision_right, forum_membership, person, post, reporting_line};
    use sea_orm::{EntityTrait, Set};
    use uuid::Uuid;

    let now = chrono::Utc::now();
    let from = crate::fixtures::date("2008-01-01");
    let mission = m.mission.uuid();
    let db = app.db();
    let area = entity::decision_area::Entity::find()
        .all(db)
        .await
        .expect("areas")
        .into_iter()
        .find(|a| a.code == "EARLY_WARNING")
        .expect("EARLY_WARNING");
    let posts: Vec<Uuid> = (0..count).map(|_| Uuid::now_v7()).collect();
    let persons: Vec<Uuid> = (0..count).map(|_| Uuid::now_v7()).collect();
    // Small batches stay under SQLite's bind-parameter limit.
    for (batch, people) in posts.chunks(500).zip(persons.chunks(500)) {
        post::Entity::insert_many(batch.iter().enumerate().map(|(i, id)| post::ActiveModel {
            id: Set(*id),
            mission_id: Set(Some(mission)),
            organization_id: Set(None),
            component_id: Set(None),
            title: Set(format!("Staff officer {i}")),
            is_component_head: Set(false),
            geographic_area_id: Set(None),
            valid_from: Set(from),
            valid_to: Set(None),
            archived_at: Set(None),
            sensitivity: Set(Sensitivity::Public),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }))
        .exec(db)
        .await
        .expect("posts");
        person::Entity::insert_many(people.iter().map(|id| person::ActiveModel {
            id: Set(*id),
            full_name: Set("Staff member".into()),
            email: Set(None),
            phone: Set(None),
            organization_id: Set(None),
            archived_at: Set(None),
            sensitivity: Set(Sensitivity::Public),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }))
        .exec(db)
        .await
        .expect("persons");
        assignment::Entity::insert_many(batch.iter().zip(people).map(|(post, person)| {
            assignment::ActiveModel {
                id: Set(Uuid::now_v7()),
                person_id: Set(*person),
                post_id: Set(*post),
                acting: Set(false),
                valid_from: Set(from),
                valid_to: Set(None),
                sensitivity: Set(Sensitivity::Public),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
        }))
        .exec(db)
        .await
        .expect("assignments");
        reporting_line::Entity::insert_many(batch.iter().map(|post| reporting_line::ActiveModel {
            id: Set(Uuid::now_v7()),
            from_post_id: Set(Some(*post)),
            from_component_id: Set(None),
            to_post_id: Set(Some(m.sector_commander.uuid())),
            to_organization_id: Set(None),
            kind: Set(ReportingLineKind::Line),
            note: Set(None),
            valid_from: Set(from),
            valid_to: Set(None),
            sensitivity: Set(Sensitivity::Public),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }))
        .exec(db)
        .await
        .expect("lines");
        forum_membership::Entity::insert_many(batch.iter().map(|post| {
            forum_membership::ActiveModel {
                id: Set(Uuid::now_v7()),
                forum_id: Set(m.smg.uuid()),
                member_organization_id: Set(None),
                member_component_id: Set(None),
                member_post_id: Set(Some(*post)),
                capacity: Set(Capacity::Member),
                note: Set(None),
                valid_from: Set(from),
                valid_to: Set(None),
                sensitivity: Set(Sensitivity::Public),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
        }))
        .exec(db)
        .await
        .expect("memberships");
        decision_right::Entity::insert_many(batch.iter().map(|post| decision_right::ActiveModel {
            id: Set(Uuid::now_v7()),
            decision_area_id: Set(area.id),
            mission_id: Set(Some(mission)),
            holder_post_id: Set(Some(*post)),
            holder_component_id: Set(None),
            holder_organization_id: Set(None),
            holder_forum_id: Set(None),
            kind: Set(RightKind::Informed),
            scope: Set(None),
            delegated_from_id: Set(None),
            non_delegable: Set(false),
            joint_decision: Set(None),
            note: Set(None),
            valid_from: Set(from),
            valid_to: Set(None),
            sensitivity: Set(Sensitivity::Public),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }))
        .exec(db)
        .await
        .expect("rights");
    }
}

both_backends!(
    who_decides_in_a_mission_of_thousands_of_posts_reads_only_the_rights_holders_and_chains_it_shows,
    |app| async move {
        use coordmap_api::services::access::Viewer;
        use coordmap_api::services::analysis;
        use coordmap_api::services::record::RecordKind;
        use coordmap_api::services::reference::Reference;

        let m = build_monuc(&app).await;
        let vars = json!({ "mission": m.mission.json(), "area": "USE_OF_FORCE", "asOf": "2012-03-01" });
        let small = app.data(WHO_DECIDES, vars.clone()).await;
        insert_bulk_posts(&app, &m, 3_000).await;
        // The answer is the same...
        assert_eq!(app.data(WHO_DECIDES, vars).await, small);

        // ...and reading it touched a few dozen rows in a fixed number of statements, not the
        // thousands of posts, seats, lines and rights the mission now has.
        let mission = Reference::Id(RecordKind::Mission, m.mission.uuid());
        let as_of = analysis::AsOf {
            asked: Some(crate::fixtures::date("2012-03-01")),
            today: chrono::Utc::now().date_naive(),
        };
        let found = analysis::who_decides(
            app.db(),
            &Viewer::system(),
            &mission,
            &Reference::Key("USE_OF_FORCE".into()),
            as_of,
        )
        .await
        .expect("who decides");
        let stats = found.records.stats();
        assert!(stats.queries <= 20, "{stats:?}");
        assert!(stats.rows <= 60, "{stats:?}");
        assert!(found.records.posts.len() <= 10, "{} posts", found.records.posts.len());

        // The whole-mission answers stay bounded in statements too.
        let gaps = analysis::governance_gaps(app.db(), &Viewer::system(), &mission, as_of, 50)
        .await
        .expect("gaps");
        assert!(gaps.records.stats().queries <= 20, "{:?}", gaps.records.stats());
    }
);
