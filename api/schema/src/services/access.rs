//! Who is calling and what they may see: every read goes through [`Viewer::visible`].
//!
//! A record above the caller's clearance does not exist for that caller: lists, counts, lookups
//! and relations all apply the same condition in SQL, so nothing reveals how many were left out.

use std::collections::HashSet;
use std::sync::Arc;

use entity::enums::Sensitivity;
use sea_orm::{ColumnTrait, Condition};
use uuid::Uuid;

use super::record::{Record, RecordKind};

/// The roles of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Editor,
    Analyst,
    Viewer,
    Partner,
    Anonymous,
}

impl Role {
    /// The highest sensitivity the role may read.
    pub fn clearance(self) -> Sensitivity {
        match self {
            Self::Admin => Sensitivity::StrictlyConfidential,
            Self::Editor | Self::Analyst => Sensitivity::Confidential,
            Self::Viewer => Sensitivity::Internal,
            Self::Partner | Self::Anonymous => Sensitivity::Public,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Admin => "ADMIN",
            Self::Editor => "EDITOR",
            Self::Analyst => "ANALYST",
            Self::Viewer => "VIEWER",
            Self::Partner => "PARTNER",
            Self::Anonymous => "ANONYMOUS",
        }
    }
}

/// What a partner token opens beyond PUBLIC records: INTERNAL records of the forums, clusters
/// and AoRs its organisation belongs to (up to the token's clearance), within its mission scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerScope {
    pub organization_id: Uuid,
    pub clearance: Sensitivity,
    pub forums: HashSet<Uuid>,
    pub clusters: HashSet<Uuid>,
    pub areas_of_responsibility: HashSet<Uuid>,
    /// `None`: every mission.
    pub missions: Option<HashSet<Uuid>>,
}

/// The missions and clusters an editor may change.
#[derive(Debug, Clone, Default)]
pub struct EditScope {
    pub missions: HashSet<Uuid>,
    pub clusters: HashSet<Uuid>,
}

/// The caller of one request.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Stable identifier for the audit log: `user:alice`, `token:<id>`, `anonymous`, `system`.
    pub actor: String,
    pub role: Role,
    pub partner: Option<Arc<PartnerScope>>,
    pub edit_scope: Option<Arc<EditScope>>,
}

impl Viewer {
    /// Whether `other` may read exactly what this caller may: the same caller, role and partner
    /// scope (a connection that lives on checks its credential again and compares).
    pub fn reads_as(&self, other: &Viewer) -> bool {
        self.actor == other.actor
            && self.role == other.role
            && self.partner.as_deref() == other.partner.as_deref()
    }
}

/// The wire name of a sensitivity level.
pub fn sensitivity_name(level: Sensitivity) -> &'static str {
    match level {
        Sensitivity::Public => "PUBLIC",
        Sensitivity::Internal => "INTERNAL",
        Sensitivity::Confidential => "CONFIDENTIAL",
        Sensitivity::StrictlyConfidential => "STRICTLY_CONFIDENTIAL",
    }
}

/// Sensitivities at or below `max`.
fn levels_up_to(max: Sensitivity) -> Vec<Sensitivity> {
    [
        Sensitivity::Public,
        Sensitivity::Internal,
        Sensitivity::Confidential,
        Sensitivity::StrictlyConfidential,
    ]
    .into_iter()
    .filter(|s| *s <= max)
    .collect()
}

impl Viewer {
    /// The server itself (migrations, seeding, the CLI): sees and may do everything.
    pub fn system() -> Self {
        Self {
            actor: "system".into(),
            role: Role::Admin,
            partner: None,
            edit_scope: None,
        }
    }

    /// A caller without a credential (where anonymous reads are allowed).
    pub fn anonymous() -> Self {
        Self {
            actor: "anonymous".into(),
            role: Role::Anonymous,
            partner: None,
            edit_scope: None,
        }
    }

    /// Everything about the caller that can change what a query answers, as one string: two
    /// callers with the same identity see the same answer to the same query at the same version
    /// of the map. Sets are sorted, so the string does not depend on their order.
    pub fn identity(&self) -> String {
        format!("{}|{}", self.actor, self.sight())
    }

    /// What the caller may see, as one string: its role and its partner and edit scopes, the
    /// whole of what visibility filters by (the caller's name only says whose reads are logged).
    /// Callers with the same sight are shown the same changes of the feed, resolved the same
    /// way, so subscribers with the same sight asking the same share one reader
    /// (`api/src/subscriptions/feeds.rs`), each logged for its own reads.
    pub fn sight(&self) -> String {
        fn sorted(ids: &HashSet<Uuid>) -> String {
            let mut ids: Vec<String> = ids.iter().map(|id| id.simple().to_string()).collect();
            ids.sort_unstable();
            ids.join(",")
        }
        let mut out = self.role.name().to_owned();
        if let Some(scope) = &self.partner {
            out.push_str(&format!(
                "|partner:{}:{}:f[{}]:c[{}]:a[{}]:m[{}]",
                scope.organization_id.simple(),
                sensitivity_name(scope.clearance),
                sorted(&scope.forums),
                sorted(&scope.clusters),
                sorted(&scope.areas_of_responsibility),
                scope
                    .missions
                    .as_ref()
                    .map_or_else(|| "*".to_owned(), sorted),
            ));
        }
        if let Some(scope) = &self.edit_scope {
            out.push_str(&format!(
                "|edit:m[{}]:c[{}]",
                sorted(&scope.missions),
                sorted(&scope.clusters)
            ));
        }
        out
    }

    /// Whether the caller is restricted to the smaller query budget.
    pub fn is_restricted(&self) -> bool {
        matches!(self.role, Role::Anonymous | Role::Partner)
    }

    pub fn clearance(&self) -> Sensitivity {
        self.role.clearance()
    }

    /// The SQL condition selecting the rows of `E` this caller may see. A mission's mandates
    /// follow the mission: a caller sees a mandate only if it may see both the mandate and its
    /// mission.
    pub fn visible<E: Record>(&self) -> Condition {
        let own = self.visible_by_own_sensitivity::<E>();
        match (E::KIND, E::MISSION) {
            (RecordKind::MissionMandate, Some(column)) => {
                use entity::mission;
                use sea_orm::{EntityTrait, QueryFilter, QuerySelect, QueryTrait};
                let missions = mission::Entity::find()
                    .select_only()
                    .column(mission::Column::Id)
                    .filter(self.visible::<mission::Entity>())
                    .into_query();
                own.add(column.in_subquery(missions))
            }
            _ => own,
        }
    }

    /// The rows of `E` this caller may see by their own sensitivity (and a partner's scope).
    fn visible_by_own_sensitivity<E: Record>(&self) -> Condition {
        let Some(scope) = &self.partner else {
            return Condition::all().add(E::SENSITIVITY.is_in(levels_up_to(self.clearance())));
        };
        let mut visible = Condition::all();
        if let (Some(missions), Some(column)) = (&scope.missions, E::MISSION) {
            visible = visible.add(
                Condition::any()
                    .add(column.is_null())
                    .add(column.is_in(missions.iter().copied())),
            );
        }
        let public = E::SENSITIVITY.eq(Sensitivity::Public);
        let internal = match partner_internal_condition::<E>(scope) {
            Some(cond) if scope.clearance >= Sensitivity::Internal => Condition::all()
                .add(E::SENSITIVITY.eq(Sensitivity::Internal))
                .add(cond),
            _ => return visible.add(public),
        };
        visible.add(Condition::any().add(public).add(internal))
    }

    /// Whether a loaded row is visible, for records reached without SQL filtering.
    pub fn can_see(&self, sensitivity: Sensitivity) -> bool {
        match &self.partner {
            None => sensitivity <= self.clearance(),
            Some(_) => sensitivity == Sensitivity::Public,
        }
    }
}

/// Which INTERNAL rows of `E` a partner's organisation opens.
fn partner_internal_condition<E: Record>(scope: &PartnerScope) -> Option<Condition> {
    use entity::{
        area_of_responsibility as aor, cluster, forum, forum_link, forum_membership, lead_agency,
    };
    let ids = |set: &HashSet<Uuid>| set.iter().copied().collect::<Vec<_>>();
    let by_name = |name: &str| -> Option<E::Column> { name.parse().ok() };
    let cond = match E::KIND {
        RecordKind::Forum => Condition::all()
            .add(by_name(forum::Column::Id.as_str_name())?.is_in(ids(&scope.forums))),
        RecordKind::ForumMembership => Condition::all().add(
            by_name(forum_membership::Column::ForumId.as_str_name())?.is_in(ids(&scope.forums)),
        ),
        RecordKind::ForumLink => Condition::all()
            .add(by_name(forum_link::Column::ForumId.as_str_name())?.is_in(ids(&scope.forums))),
        RecordKind::Cluster => Condition::all()
            .add(by_name(cluster::Column::Id.as_str_name())?.is_in(ids(&scope.clusters))),
        RecordKind::AreaOfResponsibility => Condition::any()
            .add(by_name(aor::Column::Id.as_str_name())?.is_in(ids(&scope.areas_of_responsibility)))
            .add(by_name(aor::Column::ClusterId.as_str_name())?.is_in(ids(&scope.clusters))),
        RecordKind::LeadAgency => Condition::any()
            .add(by_name(lead_agency::Column::ClusterId.as_str_name())?.is_in(ids(&scope.clusters)))
            .add(
                by_name(lead_agency::Column::AreaOfResponsibilityId.as_str_name())?
                    .is_in(ids(&scope.areas_of_responsibility)),
            ),
        _ => return None,
    };
    Some(cond)
}

/// Column names as plain strings (the generic code matches columns across tables by name).
trait ColumnName {
    fn as_str_name(&self) -> &'static str;
}

impl<T: sea_orm::IdenStatic> ColumnName for T {
    fn as_str_name(&self) -> &'static str {
        self.as_str()
    }
}
