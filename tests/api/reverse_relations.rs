//! Relations read from the member's or holder's side: a post's and a component's seats and
//! rights, an organisation's posts.

use serde_json::json;

use crate::fixtures::{insert_mission, insert_mission_component, insert_mission_forum, ForumHome};
use crate::in_process;

in_process!(
    seats_and_rights_are_readable_from_the_holder,
    |app| async move {
        let mission = insert_mission(app.db(), "MONUSCO", "MONUSCO", "1999-11-30").await;
        let forum = insert_mission_forum(
            app.db(),
            ForumHome {
                mission_id: Some(mission.id),
                ..ForumHome::default()
            },
            "Senior Management Group on Protection",
            Some("SMG-P"),
            entity::enums::ForumKind::SeniorManagementGroup,
            "2009-01-01",
        )
        .await;
        let component = insert_mission_component(
            app.db(),
            mission.id,
            "Public Information",
            None,
            entity::enums::ComponentKind::Civilian,
        )
        .await;
        let gid = |kind: &str, id: uuid::Uuid| {
            use base64::Engine as _;
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
        };
        let post = app
        .data(
            "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
            json!({ "i": { "title": "SRSG", "missionId": gid("Mission", mission.id), "validFrom": "1999-11-30" } }),
        )
        .await["createPost"]["id"]
        .clone();
        for (member, capacity) in [
            (json!({ "memberPostId": post }), "CHAIR"),
            (
                json!({ "memberComponentId": gid("Component", component.id) }),
                "PRESENT_WITHOUT_MEMBERSHIP",
            ),
        ] {
            let mut input = json!({ "forumId": gid("Forum", forum.id), "capacity": capacity, "validFrom": "2009-01-01" });
            for (k, v) in member.as_object().unwrap() {
                input[k] = v.clone();
            }
            app.data(
                "mutation($i: AddForumMembershipInput!) { addForumMembership(input: $i) { id } }",
                json!({ "i": input }),
            )
            .await;
        }
        let area = app
        .data("mutation { createDecisionArea(input: { code: \"ESCALATION\", name: \"Escalation\" }) { id } }", json!({}))
        .await["createDecisionArea"]["id"]
        .clone();
        app.data(
        "mutation($i: GrantDecisionRightInput!) { grantDecisionRight(input: $i) { id } }",
        json!({ "i": { "decisionAreaId": area, "missionId": gid("Mission", mission.id), "holderPostId": post, "kind": "DECIDES", "validFrom": "2009-01-01" } }),
    )
    .await;
        let read = app
        .data(
            "query($p: ID!, $c: ID!) { p: node(id: $p) { ... on Post { memberships { capacity forum { acronym } } decisionRights { kind area { code } } } } c: node(id: $c) { ... on Component { memberships { capacity } old: memberships(asOf: \"2008-01-01\") { capacity } } } }",
            json!({ "p": post, "c": gid("Component", component.id) }),
        )
        .await;
        assert_eq!(
            read["p"]["memberships"],
            json!([{ "capacity": "CHAIR", "forum": { "acronym": "SMG-P" } }])
        );
        assert_eq!(
            read["p"]["decisionRights"],
            json!([{ "kind": "DECIDES", "area": { "code": "ESCALATION" } }])
        );
        assert_eq!(
            read["c"]["memberships"],
            json!([{ "capacity": "PRESENT_WITHOUT_MEMBERSHIP" }])
        );
        assert_eq!(read["c"]["old"], json!([]));
    }
);
