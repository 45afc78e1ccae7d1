//! Writing the structure: updates, the rules every mutation enforces, stale versions and paging.

use serde_json::{json, Value};

use crate::fixtures::insert_mission;
use crate::helpers::{assert_refused, error_code, error_message, TestApp};
use crate::in_process;
use crate::structure::{build_mission, mutate};

const CREATE_COMPONENT: &str = r#"mutation($input: CreateComponentInput!) {
  createComponent(input: $input) { id }
}"#;
const UPDATE_COMPONENT: &str = r#"mutation($input: UpdateComponentInput!) {
  updateComponent(input: $input) { id version name acronym parent { name } }
}"#;
const CREATE_POST: &str =
    r#"mutation($input: CreatePostInput!) { createPost(input: $input) { id } }"#;
const UPDATE_POST: &str = r#"mutation($input: UpdatePostInput!) {
  updatePost(input: $input) { id version title component { name } organization { code } validTo }
}"#;
const ADD_HAT: &str =
    r#"mutation($input: AddPostHatInput!) { addPostHat(input: $input) { id hat } }"#;
const CREATE_PERSON: &str =
    r#"mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }"#;
const UPDATE_PERSON: &str = r#"mutation($input: UpdatePersonInput!) {
  updatePerson(input: $input) { version fullName email phone organization { code } }
}"#;
const ASSIGN: &str =
    r#"mutation($input: AssignPersonInput!) { assignPerson(input: $input) { id acting } }"#;
const SET_LINE: &str = r#"mutation($input: SetReportingLineInput!) {
  setReportingLine(input: $input) { id kind validFrom }
}"#;

const SRSG: &str = "Special Representative of the Secretary-General";
/// A well-formed global ID of a component that does not exist.
const NO_COMPONENT: &str = "Q29tcG9uZW50OjAxOTNiNmU4LTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA";
/// A well-formed global ID of a post that does not exist.
const NO_POST: &str = "UG9zdDowMTkzYjZlOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA";

async fn version(app: &TestApp, id: &Value) -> Value {
    app.data(
        "query($id: ID!) { node(id: $id) { ... on Component { version } ... on Post { version } ... on Person { version } ... on PostHat { version } ... on Assignment { version } ... on ReportingLine { version } } }",
        json!({ "id": id }),
    )
    .await["node"]["version"]
    .clone()
}

/// `base` with the keys of `patch` replaced, as the `input` variable.
fn input(base: &Value, patch: Value) -> Value {
    let mut out = base.clone();
    for (k, v) in patch.as_object().unwrap() {
        out[k] = v.clone();
    }
    json!({ "input": out })
}

/// A second mission with one component, to refer across missions.
async fn other_mission_component(app: &TestApp) -> Value {
    insert_mission(
        app.db(),
        "UNMISS",
        "UN Mission in South Sudan",
        "2011-07-09",
    )
    .await;
    let mission = app
        .data(r#"{ mission(acronym: "UNMISS") { id } }"#, json!({}))
        .await["mission"]["id"]
        .clone();
    mutate(
        app,
        "createComponent",
        "CreateComponentInput",
        json!({ "missionId": mission, "name": "Human Rights Division", "kind": "CIVILIAN", "validFrom": "2011-07-09" }),
    )
    .await["id"]
    .clone()
}

in_process!(
    bad_component_inputs_are_refused_and_change_nothing,
    |app| async move {
        let s = build_mission(&app).await;
        let foreign = other_mission_component(&app).await;
        let archived = mutate(
            &app,
            "createComponent",
            "CreateComponentInput",
            json!({ "missionId": s.mission.json(), "name": "Closed Unit", "kind": "CIVILIAN", "validFrom": "2010-07-01" }),
        )
        .await;
        app.data(
            "mutation($input: ArchiveInput!) { archiveComponent(input: $input) { id } }",
            json!({ "input": { "id": archived["id"], "version": 1 } }),
        )
        .await;
        let base = json!({ "missionId": s.mission.json(), "name": "Gender Unit", "kind": "CIVILIAN", "validFrom": "2010-07-01" });
        assert_refused(&app, CREATE_COMPONENT, &[
            (input(&base, json!({ "name": " " })), "BAD_USER_INPUT", "input.name", "`input.name` must not be empty"),
            (input(&base, json!({ "acronym": "G U" })), "BAD_USER_INPUT", "input.acronym",
                "`input.acronym` must be 2 to 32 letters, digits or hyphens starting with a letter, e.g. MONUSCO; got `G U`"),
            (input(&base, json!({ "validTo": "2010-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2010-01-01) must not be before validFrom (2010-07-01)"),
            (input(&base, json!({ "missionId": s.srsg.json() })), "BAD_USER_INPUT", "input.missionId",
                "`input.missionId` must identify a record of type Mission, but identifies one of type Post"),
            (input(&base, json!({ "missionId": "TWlzc2lvbjowMTkzYjZlOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA" })),
                "BAD_USER_INPUT", "input.missionId", "`input.missionId` refers to no mission"),
            (input(&base, json!({ "parentId": foreign })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` must be a component of the same mission; Human Rights Division belongs to another mission"),
            (input(&base, json!({ "parentId": archived["id"] })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` refers to an archived component"),
            (input(&base, json!({ "parentId": NO_COMPONENT })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` refers to no component"),
        ]).await;

        // Moving a component inside itself or its own descendant would loop the tree.
        let v = version(&app, &s.human_rights.json()).await;
        let update = json!({ "id": s.human_rights.json(), "version": v });
        assert_refused(&app, UPDATE_COMPONENT, &[
            (input(&update, json!({ "parentId": s.monitoring_unit.json() })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` would make the component part of itself: Human Rights Monitoring Unit, Goma → UN Joint Human Rights Office → Human Rights Monitoring Unit, Goma (each is part of the next)"),
            (input(&update, json!({ "parentId": s.human_rights.json() })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` would make the component part of itself: UN Joint Human Rights Office → UN Joint Human Rights Office (each is part of the next)"),
            (input(&update, json!({ "parentId": foreign })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` must be a component of the same mission; Human Rights Division belongs to another mission"),
            (input(&update, json!({ "validTo": "2009-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2009-01-01) must not be before validFrom (2010-07-01)"),
            (input(&update, json!({ "version": 7 })), "CONFLICT", "",
                "the component was changed by someone else: you sent version 7, the current version is 1; read it again and retry"),
        ]).await;
    }
);

in_process!(
    a_component_is_moved_renamed_and_its_fields_cleared,
    |app| async move {
        let s = build_mission(&app).await;
        // The field unit moves under Child Protection, then back to the top level.
        let moved = app
            .data(
                UPDATE_COMPONENT,
                json!({ "input": { "id": s.monitoring_unit.json(), "version": 1, "parentId": s.child_protection.json(), "acronym": "hrmu-goma" } }),
            )
            .await["updateComponent"]
            .clone();
        assert_eq!(moved["parent"]["name"], "Child Protection Section");
        assert_eq!(moved["acronym"], "HRMU-GOMA");
        assert_eq!(moved["version"], 2);
        let top = app
            .data(
                UPDATE_COMPONENT,
                json!({ "input": { "id": s.monitoring_unit.json(), "version": 2, "parentId": null, "acronym": null, "name": "Goma Field Office" } }),
            )
            .await["updateComponent"]
            .clone();
        assert_eq!(
            top,
            json!({ "id": s.monitoring_unit.json(), "version": 3, "name": "Goma Field Office", "acronym": null, "parent": null })
        );
        // Once the unit is out of Human Rights, Human Rights may go under it.
        let under = app
            .data(
                UPDATE_COMPONENT,
                json!({ "input": { "id": s.human_rights.json(), "version": 1, "parentId": s.monitoring_unit.json() } }),
            )
            .await["updateComponent"]
            .clone();
        assert_eq!(under["parent"]["name"], "Goma Field Office");
        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation } }",
                json!({ "id": s.monitoring_unit.json() }),
            )
            .await["auditLog"]
            .clone();
        assert_eq!(
            log,
            json!([{ "operation": "createComponent" }, { "operation": "updateComponent" }, { "operation": "updateComponent" }])
        );
        let _ = (&s.force, &s.office_of_srsg);
    }
);

in_process!(
    bad_post_and_hat_inputs_are_refused_and_change_nothing,
    |app| async move {
        let s = build_mission(&app).await;
        let foreign = other_mission_component(&app).await;
        let base = json!({ "missionId": s.mission.json(), "title": "Chief of Staff", "validFrom": "2010-07-01" });
        assert_refused(&app, CREATE_POST, &[
            (input(&base, json!({ "missionId": null })), "BAD_USER_INPUT", "input.missionId",
                "a post belongs to a mission or an organization: give `input.missionId` or `input.organizationId`"),
            (input(&base, json!({ "title": "" })), "BAD_USER_INPUT", "input.title", "`input.title` must not be empty"),
            (input(&base, json!({ "componentId": foreign })), "BAD_USER_INPUT", "input.componentId",
                "`input.componentId` must be a component of the post's mission; Human Rights Division belongs to another mission"),
            (input(&base, json!({ "missionId": null, "organizationId": s.ohchr.json(), "componentId": s.human_rights.json() })),
                "BAD_USER_INPUT", "input.componentId",
                "`input.componentId` must be a component of the post's mission, and the post has no mission: give `input.missionId`"),
            (input(&base, json!({ "isComponentHead": true })), "BAD_USER_INPUT", "input.isComponentHead",
                "a post can head a component only if it sits in one: give `input.componentId`"),
            (input(&base, json!({ "componentId": s.human_rights.json(), "isComponentHead": true })), "BAD_USER_INPUT", "input.isComponentHead",
                "`input.isComponentHead` is refused: UN Joint Human Rights Office already has a head post from 2010-07-01; a component has one head at a time"),
            (input(&base, json!({ "organizationId": s.mission.json() })), "BAD_USER_INPUT", "input.organizationId",
                "`input.organizationId` must identify a record of type Organization, but identifies one of type Mission"),
        ]).await;

        let hat = json!({ "postId": s.srsg.json(), "hat": "SRSG", "validFrom": "2011-01-01" });
        assert_refused(&app, ADD_HAT, &[
            (input(&hat, json!({})), "BAD_USER_INPUT", "input.hat",
                "`input.hat` SRSG is already carried by this post from 2010-07-01; end that hat first or choose dates that do not overlap"),
            (input(&hat, json!({ "hat": "CHIEF_OF_STAFF", "validFrom": "2009-01-01" })), "BAD_USER_INPUT", "input.validFrom",
                &format!("`input.validFrom` falls outside the period of the post {SRSG} (from 2010-07-01)")),
            (input(&hat, json!({ "hat": "CHIEF_OF_STAFF", "validTo": "2010-12-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2010-12-01) must not be before validFrom (2011-01-01)"),
            (input(&hat, json!({ "postId": NO_POST })), "BAD_USER_INPUT", "input.postId", "`input.postId` refers to no post"),
        ]).await;

        // Shrinking a post's period must not strand its hats or assignments.
        let post = json!({ "id": s.srsg.json(), "version": 1 });
        assert_refused(&app, UPDATE_POST, &[
            (input(&post, json!({ "validTo": "2011-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` would leave the post's HEAD_OF_MISSION hat (from 2010-07-01) outside the post's own period; end the hat first"),
            (input(&post, json!({ "missionId": null })), "BAD_USER_INPUT", "input.missionId",
                "a post belongs to a mission or an organization: give `input.missionId` or `input.organizationId`"),
            (input(&post, json!({ "componentId": s.human_rights.json() })), "BAD_USER_INPUT", "input.isComponentHead",
                "`input.isComponentHead` is refused: UN Joint Human Rights Office already has a head post from 2010-07-01; a component has one head at a time"),
            (input(&post, json!({ "version": 3 })), "CONFLICT", "",
                "the post was changed by someone else: you sent version 3, the current version is 1; read it again and retry"),
        ]).await;

        // A hat ended can be put on again later; ending needs a sensible date.
        let hc_version = version(&app, &s.hc_hat.json()).await;
        assert_refused(
            &app,
            "mutation($input: EndInput!) { endPostHat(input: $input) { id } }",
            &[(
                json!({ "input": { "id": s.hc_hat.json(), "version": hc_version, "on": "2009-01-01" } }),
                "BAD_USER_INPUT",
                "input.on",
                "`on` (2009-01-01) must not be before the start of the post hat (2010-07-01)",
            )],
        )
        .await;
        app.data(
            "mutation($input: EndInput!) { endPostHat(input: $input) { id } }",
            json!({ "input": { "id": s.hc_hat.json(), "version": hc_version, "on": "2012-01-01" } }),
        )
        .await;
        let again = app
            .data(
                ADD_HAT,
                json!({ "input": { "postId": s.triple_hatted.json(), "hat": "HUMANITARIAN_COORDINATOR", "validFrom": "2014-01-01" } }),
            )
            .await;
        assert_eq!(again["addPostHat"]["hat"], "HUMANITARIAN_COORDINATOR");
        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation } }",
                json!({ "id": s.hc_hat.json() }),
            )
            .await["auditLog"]
            .clone();
        assert_eq!(
            log,
            json!([{ "operation": "addPostHat" }, { "operation": "endPostHat" }])
        );
    }
);

in_process!(
    a_post_moves_between_components_and_into_an_organization,
    |app| async move {
        let s = build_mission(&app).await;
        let created = app
            .data(
                CREATE_POST,
                json!({ "input": { "missionId": s.mission.json(), "componentId": s.human_rights.json(), "title": "Human Rights Officer", "validFrom": "2011-01-01" } }),
            )
            .await["createPost"]["id"]
            .clone();
        let moved = app
            .data(
                UPDATE_POST,
                json!({ "input": { "id": created, "version": 1, "componentId": s.child_protection.json(), "title": "Child Protection Officer", "validTo": "2013-01-01" } }),
            )
            .await["updatePost"]
            .clone();
        assert_eq!(moved["component"]["name"], "Child Protection Section");
        assert_eq!(moved["title"], "Child Protection Officer");
        assert_eq!(moved["validTo"], "2013-01-01");
        let seconded = app
            .data(
                UPDATE_POST,
                json!({ "input": { "id": created, "version": 2, "componentId": null, "organizationId": s.ohchr.json(), "validTo": null } }),
            )
            .await["updatePost"]
            .clone();
        assert_eq!(seconded["component"], Value::Null);
        assert_eq!(seconded["organization"]["code"], "OHCHR");
        assert_eq!(seconded["validTo"], Value::Null);
        assert_eq!(seconded["version"], 3);
        let archived = app
            .data(
                "mutation($input: ArchiveInput!) { archivePost(input: $input) { archivedAt } }",
                json!({ "input": { "id": created, "version": 3 } }),
            )
            .await;
        assert!(archived["archivePost"]["archivedAt"].is_string());
        let again = app
            .graphql(
                "mutation($input: ArchiveInput!) { archivePost(input: $input) { archivedAt } }",
                json!({ "input": { "id": created, "version": 4 } }),
            )
            .await;
        assert_eq!(error_code(&again), "BAD_USER_INPUT");
        assert_eq!(error_message(&again), "the post is already archived");

        // A post keeps being editable when its component is archived; it cannot move into one.
        app.data(
            "mutation($input: ArchiveInput!) { archiveComponent(input: $input) { id } }",
            json!({ "input": { "id": s.force.json(), "version": 1 } }),
        )
        .await;
        let renamed = app
            .data(
                UPDATE_POST,
                json!({ "input": { "id": s.force_commander.json(), "version": 1, "title": "Force Commander (acting HQ)" } }),
            )
            .await;
        assert_eq!(renamed["updatePost"]["component"]["name"], "Force");
        assert_refused(&app, UPDATE_POST, &[
            (json!({ "input": { "id": s.chief_child_protection.json(), "version": 1, "componentId": s.force.json(), "isComponentHead": false } }),
                "BAD_USER_INPUT", "input.componentId", "`input.componentId` refers to an archived component"),
        ]).await;
    }
);

in_process!(
    bad_person_and_assignment_inputs_are_refused_and_change_nothing,
    |app| async move {
        let s = build_mission(&app).await;
        let base = json!({ "fullName": "Dana Doe" });
        assert_refused(&app, CREATE_PERSON, &[
            (input(&base, json!({ "fullName": "  " })), "BAD_USER_INPUT", "input.fullName", "`input.fullName` must not be empty"),
            (input(&base, json!({ "email": "dana@" })), "BAD_USER_INPUT", "input.email",
                "`input.email` must be an e-mail address such as name@un.org; got `dana@`"),
            (input(&base, json!({ "email": "dana doe@un.org" })), "BAD_USER_INPUT", "input.email",
                "`input.email` must be an e-mail address such as name@un.org; got `dana doe@un.org`"),
            (input(&base, json!({ "phone": "call me" })), "BAD_USER_INPUT", "input.phone",
                "`input.phone` must be a telephone number of digits, spaces and `+-.()`, such as +243 81 555 0100; got `call me`"),
            (input(&base, json!({ "organizationId": s.srsg.json() })), "BAD_USER_INPUT", "input.organizationId",
                "`input.organizationId` must identify a record of type Organization, but identifies one of type Post"),
        ]).await;

        let dana =
            app.data(CREATE_PERSON, json!({ "input": base })).await["createPerson"]["id"].clone();
        let assign =
            json!({ "personId": dana, "postId": s.srsg.json(), "validFrom": "2012-01-01" });
        assert_refused(&app, ASSIGN, &[
            (input(&assign, json!({})), "BAD_USER_INPUT", "input.postId",
                &format!("`input.postId` ({SRSG}) already has a holder, Amina Example, from 2010-07-01; end that assignment first or assign as acting")),
            (input(&assign, json!({ "personId": s.srsg_person.json(), "acting": true })), "BAD_USER_INPUT", "input.personId",
                &format!("`input.personId` already holds this post ({SRSG}) from 2010-07-01; end that assignment first or choose dates that do not overlap")),
            (input(&assign, json!({ "postId": s.force_commander.json(), "validFrom": "2010-01-01" })), "BAD_USER_INPUT", "input.validFrom",
                "`input.validFrom` falls outside the period of the post Force Commander (from 2010-07-01)"),
            (input(&assign, json!({ "personId": s.srsg.json() })), "BAD_USER_INPUT", "input.personId",
                "`input.personId` must identify a record of type Person, but identifies one of type Post"),
            (input(&assign, json!({ "postId": NO_POST })), "BAD_USER_INPUT", "input.postId", "`input.postId` refers to no post"),
        ]).await;

        // Acting alongside the holder is allowed; so is a successor once the holder leaves.
        let acting = app
            .data(
                ASSIGN,
                json!({ "input": input(&assign, json!({ "acting": true }))["input"] }),
            )
            .await;
        assert_eq!(acting["assignPerson"]["acting"], true);
        let holder = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Post { assignments(asOf: "2010-07-01") { id version } } } }"#,
                json!({ "id": s.srsg.json() }),
            )
            .await["node"]["assignments"][0]
            .clone();
        app.data(
            "mutation($input: EndInput!) { endAssignment(input: $input) { validTo } }",
            json!({ "input": { "id": holder["id"], "version": holder["version"], "on": "2014-01-01" } }),
        )
        .await;
        let successor = app
            .data(
                ASSIGN,
                json!({ "input": { "personId": s.acting_dsrsg_person.json(), "postId": s.srsg.json(), "validFrom": "2014-01-01" } }),
            )
            .await;
        assert_eq!(successor["assignPerson"]["acting"], false);
        let ended_twice = app
            .graphql(
                "mutation($input: EndInput!) { endAssignment(input: $input) { validTo } }",
                json!({ "input": { "id": holder["id"], "version": 2, "on": "2015-01-01" } }),
            )
            .await;
        assert_eq!(error_code(&ended_twice), "BAD_USER_INPUT");
        assert_eq!(
            error_message(&ended_twice),
            "the assignment already ended on 2014-01-01"
        );
    }
);

in_process!(
    a_person_is_updated_and_a_stale_version_is_a_conflict,
    |app| async move {
        let s = build_mission(&app).await;
        let updated = app
            .data(
                UPDATE_PERSON,
                json!({ "input": { "id": s.srsg_person.json(), "version": 1, "email": null, "phone": "+1 212 963 1234", "organizationId": s.ohchr.json() } }),
            )
            .await["updatePerson"]
            .clone();
        assert_eq!(
            updated,
            json!({ "version": 2, "fullName": "Amina Example", "email": null, "phone": "+1 212 963 1234", "organization": { "code": "OHCHR" } })
        );
        let people = app
            .data(
                "query($o: ID) { persons(filter: { organizationId: $o }) { nodes { fullName } } }",
                json!({ "o": s.ohchr.json() }),
            )
            .await;
        assert_eq!(
            people["persons"]["nodes"],
            json!([{ "fullName": "Amina Example" }])
        );
        assert_refused(&app, UPDATE_PERSON, &[
            (json!({ "input": { "id": s.srsg_person.json(), "version": 1, "fullName": "Someone Else" } }), "CONFLICT", "",
                "the person was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
            (json!({ "input": { "id": s.srsg_person.json(), "version": 2, "email": "not-an-address" } }), "BAD_USER_INPUT", "input.email",
                "`input.email` must be an e-mail address such as name@un.org; got `not-an-address`"),
        ]).await;
        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation before after } }",
                json!({ "id": s.srsg_person.json() }),
            )
            .await["auditLog"]
            .clone();
        assert_eq!(log[1]["operation"], "updatePerson");
        assert_eq!(log[1]["before"]["email"], "amina.example@un.org");
        assert_eq!(log[1]["after"]["email"], Value::Null);
    }
);

in_process!(
    bad_reporting_lines_are_refused_with_the_field_and_the_cycle,
    |app| async move {
        let s = build_mission(&app).await;
        let line = json!({ "fromPostId": s.srsg.json(), "toPostId": s.head_of_human_rights.json(), "kind": "LINE", "validFrom": "2011-01-01" });
        assert_refused(&app, SET_LINE, &[
            (input(&line, json!({ "fromPostId": null })), "BAD_USER_INPUT", "input.fromPostId",
                "give exactly one of `input.fromPostId` and `input.fromComponentId`; got neither"),
            (input(&line, json!({ "fromComponentId": s.human_rights.json() })), "BAD_USER_INPUT", "input.fromPostId",
                "give exactly one of `input.fromPostId` and `input.fromComponentId`; got both"),
            (input(&line, json!({ "toPostId": null })), "BAD_USER_INPUT", "input.toPostId",
                "give exactly one of `input.toPostId` and `input.toOrganizationId`; got neither"),
            (input(&line, json!({ "toOrganizationId": s.ohchr.json() })), "BAD_USER_INPUT", "input.toPostId",
                "give exactly one of `input.toPostId` and `input.toOrganizationId`; got both"),
            (input(&line, json!({ "validTo": "2010-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2010-01-01) must not be before validFrom (2011-01-01)"),
            (input(&line, json!({ "toPostId": NO_POST })), "BAD_USER_INPUT", "input.toPostId", "`input.toPostId` refers to no post"),
            (input(&line, json!({ "fromComponentId": NO_COMPONENT, "fromPostId": null })), "BAD_USER_INPUT", "input.fromComponentId",
                "`input.fromComponentId` refers to no component"),
            (input(&line, json!({ "fromPostId": s.head_of_human_rights.json(), "toPostId": s.dsrsg_political.json() })), "BAD_USER_INPUT", "input.toPostId",
                "an identical LINE reporting line from Director, Human Rights to Deputy SRSG (Political) already holds from 2010-07-01; end it first or choose dates that do not overlap"),
            (input(&line, json!({ "fromPostId": null, "fromComponentId": s.human_rights.json(), "toPostId": null, "toOrganizationId": s.ohchr.json(), "kind": "FUNCTIONAL", "validFrom": "2015-01-01" })),
                "BAD_USER_INPUT", "input.toOrganizationId",
                "an identical FUNCTIONAL reporting line from UN Joint Human Rights Office to OHCHR already holds from 2010-07-01; end it first or choose dates that do not overlap"),
            (input(&line, json!({})), "BAD_USER_INPUT", "input.toPostId",
                &format!("`input.toPostId` would close a cycle of LINE reporting lines on 2011-01-01: {SRSG} → Director, Human Rights → Deputy SRSG (Political) → {SRSG} (each reports to the next)")),
            (input(&line, json!({ "toPostId": s.srsg.json() })), "BAD_USER_INPUT", "input.toPostId",
                &format!("`input.toPostId` would close a cycle of LINE reporting lines on 2011-01-01: {SRSG} → {SRSG} (each reports to the next)")),
        ]).await;
    }
);

in_process!(
    reporting_lines_may_cross_in_other_kinds_and_at_other_times,
    |app| async move {
        let s = build_mission(&app).await;
        // The same two ends in another kind are not a cycle of LINE reporting.
        let coordination = app
            .data(
                SET_LINE,
                json!({ "input": { "fromPostId": s.srsg.json(), "toPostId": s.head_of_human_rights.json(), "kind": "COORDINATION", "validFrom": "2011-01-01" } }),
            )
            .await;
        assert_eq!(coordination["setReportingLine"]["kind"], "COORDINATION");

        // Once the DSRSG Political no longer reports to the SRSG, the SRSG may report (LINE)
        // to the Head of Human Rights from then on, but not before.
        let up = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Post { reportingLinesUp(kinds: [LINE]) { id version } } } }"#,
                json!({ "id": s.dsrsg_political.json() }),
            )
            .await["node"]["reportingLinesUp"][0]
            .clone();
        let ended = app
            .data(
                "mutation($input: EndInput!) { endReportingLine(input: $input) { validTo version } }",
                json!({ "input": { "id": up["id"], "version": up["version"], "on": "2013-01-01" } }),
            )
            .await;
        assert_eq!(ended["endReportingLine"]["validTo"], "2013-01-01");
        let early = json!({ "input": { "fromPostId": s.srsg.json(), "toPostId": s.head_of_human_rights.json(), "kind": "LINE", "validFrom": "2012-01-01" } });
        assert_refused(&app, SET_LINE, &[
            (early, "BAD_USER_INPUT", "input.toPostId",
                &format!("`input.toPostId` would close a cycle of LINE reporting lines on 2012-01-01: {SRSG} → Director, Human Rights → Deputy SRSG (Political) → {SRSG} (each reports to the next)")),
        ]).await;
        let later = app
            .data(
                SET_LINE,
                json!({ "input": { "fromPostId": s.srsg.json(), "toPostId": s.head_of_human_rights.json(), "kind": "LINE", "validFrom": "2013-01-01" } }),
            )
            .await;
        assert_eq!(later["setReportingLine"]["validFrom"], "2013-01-01");
        let superiors = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Post { then: superiors(asOf: "2012-06-01", kinds: [LINE]) { title } now: superiors(kinds: [LINE]) { title } } } }"#,
                json!({ "id": s.dsrsg_political.json() }),
            )
            .await["node"]
            .clone();
        assert_eq!(superiors["then"], json!([{ "title": SRSG }]));
        assert_eq!(superiors["now"], json!([]));
    }
);

in_process!(
    component_post_and_person_lists_page_with_cursors,
    |app| async move {
        let s = build_mission(&app).await;
        let query = r#"query($after: String, $before: String, $first: Int, $last: Int) {
            components(first: $first, after: $after) { totalCount nodes { name } pageInfo { endCursor hasNextPage } }
            posts(last: $last, before: $before, orderBy: TITLE_ASC) { totalCount nodes { title } pageInfo { startCursor hasPreviousPage } }
            persons(first: $first, after: $after, orderBy: FULL_NAME_DESC) { nodes { fullName } }
        }"#;
        let first = app.data(query, json!({ "first": 2, "last": 3 })).await;
        assert_eq!(first["components"]["totalCount"], 5);
        assert_eq!(
            first["components"]["nodes"],
            json!([{ "name": "Child Protection Section" }, { "name": "Force" }])
        );
        assert_eq!(first["components"]["pageInfo"]["hasNextPage"], true);
        assert_eq!(first["posts"]["totalCount"], 7);
        assert_eq!(
            first["posts"]["nodes"],
            json!([{ "title": "High Commissioner for Human Rights" }, { "title": "Senior Child Protection Adviser" }, { "title": SRSG }])
        );
        assert_eq!(
            first["persons"]["nodes"],
            json!([{ "fullName": "Bruno Sample" }, { "fullName": "Amina Example" }])
        );
        let components = app
            .data(
                r#"query($after: String) { components(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage } } }"#,
                json!({ "after": first["components"]["pageInfo"]["endCursor"] }),
            )
            .await;
        assert_eq!(
            components["components"]["nodes"],
            json!([{ "name": "Human Rights Monitoring Unit, Goma" }, { "name": "Office of the SRSG" }])
        );
        let posts = app
            .data(
                r#"query($before: String) { posts(last: 3, before: $before) { nodes { title } pageInfo { hasPreviousPage } } }"#,
                json!({ "before": first["posts"]["pageInfo"]["startCursor"] }),
            )
            .await;
        assert_eq!(
            posts["posts"]["nodes"],
            json!([{ "title": "Deputy SRSG / Resident Coordinator / Humanitarian Coordinator" }, { "title": "Director, Human Rights" }, { "title": "Force Commander" }])
        );
        assert_eq!(posts["posts"]["pageInfo"]["hasPreviousPage"], true);
        let wrong_ordering = app
            .graphql(
                r#"query($after: String) { persons(first: 1, after: $after) { nodes { fullName } } }"#,
                json!({ "after": first["components"]["pageInfo"]["endCursor"] }),
            )
            .await;
        assert_eq!(error_code(&wrong_ordering), "BAD_USER_INPUT");
        assert_eq!(
            error_message(&wrong_ordering),
            "`after` is a cursor for ordering NAME_ASC, not FULL_NAME_ASC; restart paging from the first page"
        );
        let _ = &s.mission;
    }
);
