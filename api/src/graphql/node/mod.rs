//! The `Node` interface and the `node`/`nodes` lookups by global ID.

use async_graphql::{Context, Interface, Object, ID};

use crate::error::{AppError, AppResult};
use crate::graphql::cluster::{AreaOfResponsibility, Cluster, LeadAgency};
use crate::graphql::context::{api, request, viewer};
use crate::graphql::decision::{DecisionArea, DecisionRight};
use crate::graphql::document::{Document, SourceCitation};
use crate::graphql::forum::{Forum, ForumLink, ForumMembership};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mission::{MandatedTask, Mission, MissionMandate, MissionName};
use crate::graphql::organization::{GeographicArea, Organization};
use crate::graphql::structure::{Assignment, Component, Person, Post, PostHat, ReportingLine};
use crate::services::crud;

/// A record with a global ID, fetchable with `node(id:)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global ID."))]
pub enum Node {
    Mission(Mission),
    MissionName(MissionName),
    MissionMandate(MissionMandate),
    MandatedTask(MandatedTask),
    Organization(Organization),
    GeographicArea(GeographicArea),
    Component(Component),
    Post(Post),
    PostHat(PostHat),
    Person(Person),
    Assignment(Assignment),
    ReportingLine(ReportingLine),
    Cluster(Cluster),
    AreaOfResponsibility(AreaOfResponsibility),
    LeadAgency(LeadAgency),
    Forum(Forum),
    ForumLink(ForumLink),
    ForumMembership(ForumMembership),
    DecisionArea(DecisionArea),
    DecisionRight(DecisionRight),
    Document(Document),
    SourceCitation(SourceCitation),
}

#[derive(Default)]
pub struct NodeQuery;

fn not_found() -> AppError {
    AppError::NotFound("no record has this ID".into())
}

/// Loads the record a global ID names, if the caller may see it.
pub async fn load(ctx: &Context<'_>, id: &ID) -> AppResult<Node> {
    let db = &api(ctx)?.db;
    let viewer = viewer(ctx)?;
    let state = request(ctx)?;
    // An ID that does not decode is reported like an unknown one: IDs are opaque, and a hidden
    // record must be indistinguishable from a missing one.
    let (kind, uuid) = ids::decode_any(id.as_str(), "id").map_err(|_| not_found())?;
    macro_rules! fetch {
        ($module:ident, $variant:ident) => {
            fetch!($module, $variant, $variant)
        };
        ($module:ident, $variant:ident, $wrap:expr) => {
            crud::find::<entity::$module::Entity, _>(db, viewer, uuid)
                .await?
                .map(|m| {
                    state.note_reads(NodeKind::$variant, std::slice::from_ref(&m));
                    Node::$variant($wrap(m))
                })
        };
    }
    let node = match kind {
        NodeKind::Mission => fetch!(mission, Mission, Mission::from),
        NodeKind::MissionName => fetch!(mission_name, MissionName),
        NodeKind::MissionMandate => fetch!(mission_mandate, MissionMandate),
        NodeKind::MandatedTask => fetch!(mandated_task, MandatedTask),
        NodeKind::Organization => fetch!(organization, Organization),
        NodeKind::GeographicArea => fetch!(geographic_area, GeographicArea),
        NodeKind::Component => fetch!(component, Component),
        NodeKind::Post => fetch!(post, Post),
        NodeKind::PostHat => fetch!(post_hat, PostHat),
        NodeKind::Person => fetch!(person, Person),
        NodeKind::Assignment => fetch!(assignment, Assignment),
        NodeKind::ReportingLine => fetch!(reporting_line, ReportingLine),
        NodeKind::Cluster => fetch!(cluster, Cluster),
        NodeKind::AreaOfResponsibility => fetch!(area_of_responsibility, AreaOfResponsibility),
        NodeKind::LeadAgency => fetch!(lead_agency, LeadAgency),
        NodeKind::Forum => fetch!(forum, Forum),
        NodeKind::ForumLink => fetch!(forum_link, ForumLink),
        NodeKind::ForumMembership => fetch!(forum_membership, ForumMembership),
        NodeKind::DecisionArea => fetch!(decision_area, DecisionArea),
        NodeKind::DecisionRight => fetch!(decision_right, DecisionRight),
        NodeKind::Document => fetch!(document, Document),
        NodeKind::SourceCitation => fetch!(source_citation, SourceCitation),
    };
    node.ok_or_else(not_found)
}

#[Object]
impl NodeQuery {
    /// Any record by its global ID. An unknown ID, and the ID of a record the caller may not
    /// see, are both NOT_FOUND.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID.")] id: ID,
    ) -> async_graphql::Result<Node> {
        Ok(load(ctx, &id).await?)
    }

    /// Several records by global ID, in the order asked; an unknown ID gives null at its
    /// position.
    #[graphql(complexity = "crate::graphql::cost::list(ids.len(), child_complexity)")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs (at most the maximum page size).")] ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<Option<Node>>> {
        let max = api(ctx)?.limits.max_page_size as usize;
        if ids.len() > max {
            return Err(AppError::invalid(
                "ids",
                format!(
                    "`ids` must hold at most {max} IDs (the maximum page size); got {}",
                    ids.len()
                ),
            )
            .into());
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in &ids {
            out.push(load(ctx, id).await.ok());
        }
        Ok(out)
    }
}
