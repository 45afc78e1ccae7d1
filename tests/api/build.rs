//! The fixture builder: a test's records made through the public mutations, naming only what
//! the test cares about.
//!
//! ```ignore
//! let b = Build::new(&app);
//! let monuc = b.monuc().poc().await;
//! let civil_affairs = b.component(&monuc, "Civil Affairs").specialty("CIVIL_AFFAIRS").await;
//! let head = b.post(&civil_affairs, "Head of Office").head().await;
//! let smg = b.forum("Senior Management Group", "SENIOR_MANAGEMENT_GROUP").mission(&monuc).await;
//! b.membership(&smg, &head).capacity("CHAIR").await;
//! let area = b.decision_area("USE_OF_FORCE", "Use of force").await;
//! b.right(&area, &head, "DECIDES").mission(&monuc).from("2008-01-01").await;
//! ```
//!
//! - Each method of [`Build`] starts one record and answers a [`Pending`] write: the methods on
//!   it set what the test cares about, and awaiting it sends the mutation, as an administrator,
//!   and answers the new record's typed [`Id`] (`PostId`, `ForumId`, ...), which is what the
//!   methods taking another record accept: a post cannot be passed where a component is asked.
//!   Every record goes through its mutation, so the write rules hold and the audit log has it;
//!   a refused write fails the test with the server's answer. An `Id` equals the same global ID
//!   in an answer (`assert_eq!(answer["id"], post)`); `.json()` puts it in variables.
//! - Defaults: the input type's own defaults, plus a kind where one is required (a component is
//!   CIVILIAN, an organisation a UN_AGENCY, a cluster a FIELD protection cluster, a forum sits
//!   at MISSION_HQ, a membership is MEMBER, a reporting line is LINE, a forum link REPORTS_TO).
//! - Dates: a dated record starts, unless `.from(date)` says otherwise, on the latest start of
//!   the records it refers to (a post on its component's, a membership on the later of its
//!   forum's and its member's); one that refers to no dated record needs `.from(date)`.
//!   `b.starting(date)` is the same builder with `date` as that default instead, for records
//!   that all start on one day (the seats of 2008).
//! - `.set(field, value)` sets any other input field; `.input()` answers the input a write would
//!   send without sending it, for a test of the mutation itself.
//! - [`Build::all`] sends several writes of one kind in one request (aliased mutations, run in
//!   order) and answers their IDs as an array, so a long scenario is fewer round trips;
//!   [`Build::update`], [`Build::end`] and [`Build::rename`] change a record made before,
//!   reading its current version first.
//! - [`Build::monuc`], [`Build::monusco`], [`Build::gpc`] and [`Build::agency`] are the
//!   missions, the global cluster and the UN entities several scenarios share, named once.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::helpers::TestApp;

/// What the builder needs to know of a kind of record: its GraphQL type's name, which also
/// names its mutations (`endForumMembership`) and the input fields referring to it
/// (`memberPostId`, `clusterId`).
pub trait Kind {
    const TYPE: &'static str;
}

/// The kinds of records, one marker type each, and the roles they may play.
pub mod kind {
    use super::Kind;

    macro_rules! kinds {
        ($($marker:ident),* $(,)?) => {$(
            #[derive(Debug)]
            pub enum $marker {}
            impl Kind for $marker {
                const TYPE: &'static str = stringify!($marker);
            }
        )*};
    }
    kinds!(
        Mission,
        MissionMandate,
        Organization,
        GeographicArea,
        Component,
        Post,
        PostHat,
        Person,
        Assignment,
        ReportingLine,
        MandatedTask,
        Cluster,
        AreaOfResponsibility,
        LeadAgency,
        Forum,
        ForumLink,
        ForumMembership,
        DecisionArea,
        DecisionRight,
        Document,
        SourceCitation,
    );

    /// What a post belongs to: a mission, a component of one, or an organisation.
    pub trait PostOwner: Kind {}
    /// What a reporting line starts from.
    pub trait LineFrom: Kind {}
    /// What a reporting line leads to.
    pub trait LineTo: Kind {}
    /// What sits in a forum.
    pub trait Member: Kind {}
    /// What holds a decision right.
    pub trait Holder: Kind {}
    /// What leads a cluster or an AoR.
    pub trait Leader: Kind {}
    /// What a lead agency leads.
    pub trait Led: Kind {}

    macro_rules! roles {
        ($($role:ident: $($marker:ident),+;)*) => {$($(impl $role for $marker {})+)*};
    }
    roles! {
        PostOwner: Mission, Component, Organization;
        LineFrom: Post, Component;
        LineTo: Post, Organization;
        Member: Post, Component, Organization;
        Holder: Post, Component, Forum, Organization;
        Leader: Organization, Component;
        Led: Cluster, AreaOfResponsibility;
    }
}

/// The global ID of a record the builder made, typed by its kind.
pub struct Id<K> {
    gid: String,
    /// When the record starts (`validFrom`), for the records referring to it.
    starts: Option<String>,
    /// The mission a component or post belongs to, for the posts placed in it.
    mission: Option<String>,
    kind: PhantomData<fn() -> K>,
}

pub type MissionId = Id<kind::Mission>;
pub type OrganizationId = Id<kind::Organization>;
pub type ComponentId = Id<kind::Component>;
pub type PostId = Id<kind::Post>;
pub type HatId = Id<kind::PostHat>;
pub type PersonId = Id<kind::Person>;
pub type ClusterId = Id<kind::Cluster>;
pub type AorId = Id<kind::AreaOfResponsibility>;
pub type LeadId = Id<kind::LeadAgency>;
pub type ForumId = Id<kind::Forum>;
pub type AreaId = Id<kind::DecisionArea>;
pub type RightId = Id<kind::DecisionRight>;
pub type DocumentId = Id<kind::Document>;

impl<K> Id<K> {
    /// The global ID.
    pub fn as_str(&self) -> &str {
        &self.gid
    }

    /// The global ID as a JSON string, for variables and expected answers.
    pub fn json(&self) -> Value {
        Value::String(self.gid.clone())
    }

    /// The row's key behind the global ID, to arrange rows straight in the database.
    pub fn uuid(&self) -> Uuid {
        coordmap_api::graphql::ids::decode_any(&self.gid, "id")
            .expect("a global ID")
            .1
    }
}

impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        Self {
            gid: self.gid.clone(),
            starts: self.starts.clone(),
            mission: self.mission.clone(),
            kind: PhantomData,
        }
    }
}

impl<K> fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.gid)
    }
}

impl<K> fmt::Display for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.gid)
    }
}

impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.gid == other.gid
    }
}

impl<K> PartialEq<Value> for Id<K> {
    fn eq(&self, other: &Value) -> bool {
        other.as_str() == Some(self.gid.as_str())
    }
}

impl<K> PartialEq<Id<K>> for Value {
    fn eq(&self, other: &Id<K>) -> bool {
        other == self
    }
}

/// Starts the records of one test's database; cheap to copy.
#[derive(Clone, Copy)]
pub struct Build<'a> {
    app: &'a TestApp,
    /// The start of the dated records it begins, unless a write says otherwise.
    starting: Option<&'a str>,
}

/// One write not sent yet: set what matters, then `.await` it for the new record's [`Id`].
#[must_use = "nothing is written until the write is awaited"]
pub struct Pending<'a, K> {
    app: &'a TestApp,
    operation: &'static str,
    input_type: &'static str,
    input: Map<String, Value>,
    /// Whether the input has a period (`validFrom`).
    dated: bool,
    /// The builder's start for it ([`Build::starting`]).
    starting: Option<&'a str>,
    /// The latest start of the records the input refers to: its `validFrom` unless set.
    starts: Option<String>,
    mission: Option<String>,
    kind: PhantomData<fn() -> K>,
}

/// The UN entities several scenarios seat, lead or report to: code, name, kind.
#[rustfmt::skip]
const AGENCIES: &[(&str, &str, &str)] = &[
    ("DPKO", "Department of Peacekeeping Operations", "UN_SECRETARIAT"),
    ("OCHA", "Office for the Coordination of Humanitarian Affairs", "UN_SECRETARIAT"),
    ("OHCHR", "Office of the High Commissioner for Human Rights", "UN_SECRETARIAT"),
    ("UNMAS", "United Nations Mine Action Service", "UN_SECRETARIAT"),
    ("UNHCR", "Office of the UN High Commissioner for Refugees", "UN_AGENCY"),
    ("UNICEF", "United Nations Children's Fund", "UN_AGENCY"),
    ("UNFPA", "United Nations Population Fund", "UN_AGENCY"),
    ("ICRC", "International Committee of the Red Cross", "RED_CROSS_MOVEMENT"),
    ("UNSC", "Security Council", "UN_INTERGOVERNMENTAL_BODY"),
];

impl<'a> Build<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            starting: None,
        }
    }

    /// The same builder, whose dated records start on `date` unless `.from(..)` says otherwise
    /// (instead of with what they refer to): for a scenario whose seats or rights all date
    /// from one day.
    pub fn starting(&self, date: &'a str) -> Self {
        Self {
            starting: Some(date),
            ..*self
        }
    }

    fn start<K>(&self, operation: &'static str, input_type: &'static str) -> Pending<'a, K> {
        Pending {
            app: self.app,
            operation,
            input_type,
            input: Map::new(),
            dated: true,
            starting: self.starting,
            starts: None,
            mission: None,
            kind: PhantomData,
        }
    }

    /// A mission, PEACEKEEPING, named by its acronym unless `.named(..)`; needs `.from(date)`.
    pub fn mission(&self, acronym: &str) -> Pending<'a, kind::Mission> {
        self.start("createMission", "CreateMissionInput")
            .set("acronym", acronym)
            .set("name", acronym)
            .set("kind", "PEACEKEEPING")
    }

    /// MONUC in the DRC from 1999-11-30, without a mandate until the test gives one.
    pub fn monuc(&self) -> Pending<'a, kind::Mission> {
        self.mission("MONUC")
            .named("United Nations Organization Mission in the Democratic Republic of the Congo")
            .country("COD")
            .from("1999-11-30")
    }

    /// MONUSCO, from 1999-11-30 (the date MONUC began), without a country or a mandate.
    pub fn monusco(&self) -> Pending<'a, kind::Mission> {
        self.mission("MONUSCO")
            .named("UN Organization Stabilization Mission in the DRC")
            .from("1999-11-30")
    }

    /// Another period of a mission's mandate (`recordMissionMandate`).
    pub fn mandate(&self, mission: &MissionId) -> Pending<'a, kind::MissionMandate> {
        self.start("recordMissionMandate", "RecordMissionMandateInput")
            .refer("missionId", mission)
    }

    /// An organisation, a UN_AGENCY unless `.kind(..)`.
    pub fn organization(&self, code: &str, name: &str) -> Pending<'a, kind::Organization> {
        self.start("createOrganization", "CreateOrganizationInput")
            .set("code", code)
            .set("name", name)
            .set("kind", "UN_AGENCY")
            .undated()
    }

    /// One of the UN entities the scenarios share ([`AGENCIES`]), by its code.
    pub fn agency(&self, code: &str) -> Pending<'a, kind::Organization> {
        let (code, name, kind) = AGENCIES
            .iter()
            .find(|(known, _, _)| *known == code)
            .unwrap_or_else(|| panic!("{code} is not one of the builder's agencies"));
        self.organization(code, name).kind(*kind)
    }

    /// A province, district or other place, undated.
    pub fn geographic_area(&self, name: &str, level: &str) -> Pending<'a, kind::GeographicArea> {
        self.start("createGeographicArea", "CreateGeographicAreaInput")
            .set("name", name)
            .set("level", level)
            .undated()
    }

    /// A component of `mission`, CIVILIAN unless `.kind(..)`.
    pub fn component(&self, mission: &MissionId, name: &str) -> Pending<'a, kind::Component> {
        let mut pending = self
            .start("createComponent", "CreateComponentInput")
            .refer("missionId", mission)
            .set("name", name)
            .set("kind", "CIVILIAN");
        pending.mission = Some(mission.gid.clone());
        pending
    }

    /// A post of a mission, of a component of one (in its mission) or of an organisation.
    pub fn post<O: kind::PostOwner>(&self, owner: &Id<O>, title: &str) -> Pending<'a, kind::Post> {
        let mut pending = self
            .start("createPost", "CreatePostInput")
            .set("title", title)
            .refer(&field_of::<O>(""), owner);
        if let Some(mission) = &owner.mission {
            pending = pending.set("missionId", mission.as_str());
        }
        pending.mission = pending
            .input
            .get("missionId")
            .and_then(Value::as_str)
            .map(Into::into);
        pending
    }

    /// A hat (`SRSG`, `HUMANITARIAN_COORDINATOR`) worn by `post`.
    pub fn hat(&self, post: &PostId, hat: &str) -> Pending<'a, kind::PostHat> {
        self.start("addPostHat", "AddPostHatInput")
            .refer("postId", post)
            .set("hat", hat)
    }

    /// A person, undated.
    pub fn person(&self, full_name: &str) -> Pending<'a, kind::Person> {
        self.start("createPerson", "CreatePersonInput")
            .set("fullName", full_name)
            .undated()
    }

    /// `person` holding `post`, substantively unless `.acting()`.
    pub fn assign(&self, person: &PersonId, post: &PostId) -> Pending<'a, kind::Assignment> {
        self.start("assignPerson", "AssignPersonInput")
            .refer("personId", person)
            .refer("postId", post)
    }

    /// A reporting line from a post or component to a post or organisation, LINE unless
    /// `.kind(..)`.
    pub fn line<F: kind::LineFrom, T: kind::LineTo>(
        &self,
        from: &Id<F>,
        to: &Id<T>,
    ) -> Pending<'a, kind::ReportingLine> {
        self.start("setReportingLine", "SetReportingLineInput")
            .refer(&format!("from{}Id", F::TYPE), from)
            .refer(&format!("to{}Id", T::TYPE), to)
            .set("kind", "LINE")
    }

    /// A task of `mission`'s mandate, of a `category` (`PROTECTION_OF_CIVILIANS`).
    pub fn task(
        &self,
        mission: &MissionId,
        category: &str,
        title: &str,
    ) -> Pending<'a, kind::MandatedTask> {
        self.start("createMandatedTask", "CreateMandatedTaskInput")
            .refer("missionId", mission)
            .set("category", category)
            .set("title", title)
    }

    /// A FIELD protection cluster unless `.global()`; another sector is `.set("sector", ..)`.
    pub fn cluster(&self, code: &str, name: &str) -> Pending<'a, kind::Cluster> {
        self.start("createCluster", "CreateClusterInput")
            .set("code", code)
            .set("name", name)
            .set("scope", "FIELD")
            .set("sector", "PROTECTION")
    }

    /// The Global Protection Cluster, from 2005-12-01.
    pub fn gpc(&self) -> Pending<'a, kind::Cluster> {
        self.cluster("GPC", "Global Protection Cluster")
            .global()
            .from("2005-12-01")
    }

    /// An Area of Responsibility of `cluster`, on a `theme` (`CHILD_PROTECTION`).
    pub fn aor(
        &self,
        cluster: &ClusterId,
        name: &str,
        theme: &str,
    ) -> Pending<'a, kind::AreaOfResponsibility> {
        self.start(
            "createAreaOfResponsibility",
            "CreateAreaOfResponsibilityInput",
        )
        .refer("clusterId", cluster)
        .set("name", name)
        .set("theme", theme)
    }

    /// `leader` leading a cluster or an AoR, as LEAD unless `.role(..)`.
    pub fn lead<T: kind::Led, L: kind::Leader>(
        &self,
        target: &Id<T>,
        leader: &Id<L>,
    ) -> Pending<'a, kind::LeadAgency> {
        self.start("setLeadAgency", "SetLeadAgencyInput")
            .refer(&field_of::<T>(""), target)
            .refer(&field_of::<L>(""), leader)
    }

    /// A forum of a `kind` (`SENIOR_MANAGEMENT_GROUP`), at MISSION_HQ unless `.level(..)`; its
    /// home is `.mission(..)`, `.cluster(..)` and/or `.aor(..)`.
    pub fn forum(&self, name: &str, kind: &str) -> Pending<'a, kind::Forum> {
        self.start("createForum", "CreateForumInput")
            .set("name", name)
            .set("kind", kind)
            .set("level", "MISSION_HQ")
    }

    /// `forum` reporting to `target` (another kind of link is `.set("kind", ..)`).
    pub fn link(&self, forum: &ForumId, target: &ForumId) -> Pending<'a, kind::ForumLink> {
        self.start("linkForum", "LinkForumInput")
            .refer("forumId", forum)
            .refer("targetForumId", target)
            .set("kind", "REPORTS_TO")
    }

    /// A seat of a post, component or organisation in `forum`, MEMBER unless `.capacity(..)`.
    pub fn membership<M: kind::Member>(
        &self,
        forum: &ForumId,
        member: &Id<M>,
    ) -> Pending<'a, kind::ForumMembership> {
        self.start("addForumMembership", "AddForumMembershipInput")
            .refer("forumId", forum)
            .refer(&field_of::<M>("member"), member)
            .set("capacity", "MEMBER")
    }

    /// A decision area, undated.
    pub fn decision_area(&self, code: &str, name: &str) -> Pending<'a, kind::DecisionArea> {
        self.start("createDecisionArea", "CreateDecisionAreaInput")
            .set("code", code)
            .set("name", name)
            .undated()
    }

    /// A right of `holder` on `area` of a `kind` (`DECIDES`): in `.mission(..)`, or a global
    /// default without one.
    pub fn right<H: kind::Holder>(
        &self,
        area: &AreaId,
        holder: &Id<H>,
        kind: &str,
    ) -> Pending<'a, kind::DecisionRight> {
        self.start("grantDecisionRight", "GrantDecisionRightInput")
            .refer("decisionAreaId", area)
            .refer(&field_of::<H>("holder"), holder)
            .set("kind", kind)
    }

    /// `right` delegated to `holder`, of the right's kind unless `.kind(..)`.
    pub fn delegate<H: kind::Holder>(
        &self,
        right: &RightId,
        holder: &Id<H>,
    ) -> Pending<'a, kind::DecisionRight> {
        self.start("delegateDecisionRight", "DelegateDecisionRightInput")
            .refer("fromRightId", right)
            .refer(&field_of::<H>("holder"), holder)
    }

    /// A document of a `kind` (`GUIDANCE`, `REPORT`), undated.
    pub fn document(&self, title: &str, kind: &str) -> Pending<'a, kind::Document> {
        self.start("createDocument", "DocumentFields")
            .set("title", title)
            .set("kind", kind)
            .undated()
    }

    /// `document` cited for `record`, at `locator` (`¶59`).
    pub fn cite<R: Kind>(
        &self,
        record: &Id<R>,
        document: &DocumentId,
        locator: &str,
    ) -> Pending<'a, kind::SourceCitation> {
        self.start("citeSource", "CiteSourceInput")
            .refer("recordId", record)
            .refer("documentId", document)
            .set("locator", locator)
            .undated()
    }

    /// Sends `writes` in one request, in order, and answers their records' IDs in that order.
    pub async fn all<K: Kind, const N: usize>(&self, writes: [Pending<'a, K>; N]) -> [Id<K>; N] {
        let made = send(self.app, writes.into()).await;
        made.try_into().expect("one record per write")
    }

    /// Changes fields of `record` (`update<Type>`) at its current version.
    pub async fn update<K: Kind>(&self, record: &Id<K>, changes: Value) {
        let mut input = changes;
        input["id"] = record.json();
        input["version"] = self.version(record).await;
        self.change(&format!("update{}", K::TYPE), input).await;
    }

    /// Ends `record` (`end<Type>`) on `on`, at its current version.
    pub async fn end<K: Kind>(&self, record: &Id<K>, on: &str) {
        let version = self.version(record).await;
        let input = json!({ "id": record.json(), "version": version, "on": on });
        self.change(&format!("end{}", K::TYPE), input).await;
    }

    /// Renames `mission` to `acronym` and `name` on `on`; the old ones become a former name.
    pub async fn rename(&self, mission: &MissionId, acronym: &str, name: &str, on: &str) {
        let version = self.version(mission).await;
        let input = json!({ "id": mission.json(), "version": version, "acronym": acronym,
                            "name": name, "on": on });
        self.change("renameMission", input).await;
    }

    async fn version<K: Kind>(&self, record: &Id<K>) -> Value {
        let query = format!(
            "query($id: ID!) {{ node(id: $id) {{ ... on {} {{ version }} }} }}",
            K::TYPE
        );
        let data = self.app.data(&query, json!({ "id": record.json() })).await;
        data["node"]["version"].clone()
    }

    async fn change(&self, operation: &str, input: Value) {
        let input_type = if operation.starts_with("end") {
            "EndInput".to_owned()
        } else {
            let mut name = operation.to_owned();
            name[..1].make_ascii_uppercase();
            format!("{name}Input")
        };
        let query = format!(
            "mutation($input: {input_type}!) {{ {operation}(input: $input) {{ __typename }} }}"
        );
        let body = self.app.graphql(&query, json!({ "input": input })).await;
        assert!(body.get("errors").is_none(), "{operation} failed: {body:#}");
    }
}

/// The input field naming a record of kind `K` in a role: `memberPostId` for ("member", Post),
/// `clusterId` for ("", Cluster).
fn field_of<K: Kind>(role: &str) -> String {
    if role.is_empty() {
        let mut field = K::TYPE.to_owned();
        field[..1].make_ascii_lowercase();
        format!("{field}Id")
    } else {
        format!("{role}{}Id", K::TYPE)
    }
}

impl<'a, K: Kind> Pending<'a, K> {
    /// Sets any input field.
    pub fn set(mut self, field: &str, value: impl Into<Value>) -> Self {
        self.input.insert(field.to_owned(), value.into());
        self
    }

    /// A record without a period.
    fn undated(mut self) -> Self {
        self.dated = false;
        self
    }

    /// Sets a field referring to `record`; the write starts no earlier than it does.
    fn refer<R>(mut self, field: &str, record: &Id<R>) -> Self {
        if let Some(starts) = &record.starts {
            if self.starts.as_ref().is_none_or(|s| s < starts) {
                self.starts = Some(starts.clone());
            }
        }
        self.set(field, record.json())
    }

    /// The first day (`validFrom`).
    pub fn from(self, date: &str) -> Self {
        self.set("validFrom", date)
    }

    /// The day it ends (`validTo`, exclusive).
    pub fn to(self, date: &str) -> Self {
        self.set("validTo", date)
    }

    pub fn sensitivity(self, sensitivity: &str) -> Self {
        self.set("sensitivity", sensitivity)
    }

    pub fn confidential(self) -> Self {
        self.sensitivity("CONFIDENTIAL")
    }

    pub fn note(self, note: &str) -> Self {
        self.set("note", note)
    }

    /// The input the write sends, defaults applied, without sending it.
    pub fn input(self) -> Value {
        self.prepare().0
    }

    fn prepare(mut self) -> (Value, Option<String>) {
        if self.dated && !self.input.contains_key("validFrom") {
            let inherited = self.starts.clone();
            let starts = self
                .starting
                .map(Into::into)
                .or(inherited)
                .unwrap_or_else(|| {
                    panic!(
                        "{} needs .from(date): it refers to no record with a start",
                        self.operation
                    )
                });
            self.input.insert("validFrom".into(), starts.into());
        }
        let starts = self
            .input
            .get("validFrom")
            .and_then(Value::as_str)
            .map(Into::into);
        (Value::Object(self.input), starts)
    }
}

impl<'a, K: Kind + 'static> IntoFuture for Pending<'a, K> {
    type Output = Id<K>;
    type IntoFuture = Pin<Box<dyn Future<Output = Id<K>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let app = self.app;
            send(app, vec![self]).await.remove(0)
        })
    }
}

/// Sends `writes` as one request of aliased mutations, which GraphQL runs one after the other.
async fn send<K: Kind>(app: &TestApp, writes: Vec<Pending<'_, K>>) -> Vec<Id<K>> {
    if writes.is_empty() {
        return Vec::new();
    }
    let mut declarations = Vec::new();
    let mut fields = Vec::new();
    let mut variables = Map::new();
    let mut made = Vec::new();
    for (i, write) in writes.into_iter().enumerate() {
        declarations.push(format!("$i{i}: {}!", write.input_type));
        fields.push(format!("w{i}: {}(input: $i{i}) {{ id }}", write.operation));
        let (operation, mission) = (write.operation, write.mission.clone());
        let (input, starts) = write.prepare();
        variables.insert(format!("i{i}"), input);
        made.push((operation, starts, mission));
    }
    let query = format!(
        "mutation({}) {{ {} }}",
        declarations.join(", "),
        fields.join(" ")
    );
    let body = app.graphql(&query, Value::Object(variables)).await;
    assert!(
        body.get("errors").is_none(),
        "{} failed: {body:#}",
        made.iter().map(|m| m.0).collect::<Vec<_>>().join(", ")
    );
    made.into_iter()
        .enumerate()
        .map(|(i, (_, starts, mission))| Id {
            gid: body["data"][format!("w{i}")]["id"]
                .as_str()
                .expect("the new record's id")
                .to_owned(),
            starts,
            mission,
            kind: PhantomData,
        })
        .collect()
}

/// The setters of each kind of write, one input field each: `name(value) => "field"` sets it to
/// the value given, `name(&Kind) => "field"` to the ID of a record of that kind (which the
/// write then starts no earlier than), `name() => "field": value` to a fixed value.
macro_rules! setters {
    ($($marker:ident {
        $($(#[$doc:meta])* $name:ident $args:tt => $field:literal $(: $fixed:expr)?;)*
    })*) => {$(
        impl<'a> Pending<'a, kind::$marker> {
            $(setters!(@fn [$(#[$doc])*] $name $args $field $($fixed)?);)*
        }
    )*};
    (@fn [$($doc:tt)*] $name:ident (value) $field:literal) => {
        $($doc)*
        pub fn $name(self, value: impl Into<Value>) -> Self {
            self.set($field, value)
        }
    };
    (@fn [$($doc:tt)*] $name:ident (&$target:ident) $field:literal) => {
        $($doc)*
        pub fn $name(self, record: &Id<kind::$target>) -> Self {
            self.refer($field, record)
        }
    };
    (@fn [$($doc:tt)*] $name:ident () $field:literal $fixed:expr) => {
        $($doc)*
        pub fn $name(self) -> Self {
            self.set($field, $fixed)
        }
    };
}

setters! {
    Mission {
        named(value) => "name";
        /// `PEACEKEEPING` (the default), `SPECIAL_POLITICAL`, ...
        kind(value) => "kind";
        country(value) => "countryCode";
        lead_department(&Organization) => "leadDepartmentId";
        /// A mandate to protect civilians.
        poc() => "pocMandate": true;
        chapter_vii() => "chapterVii": true;
        human_rights() => "humanRightsMandate": true;
        integrated() => "integratedPresence": true;
        /// `LOW`, `MEDIUM` or `HIGH`.
        risk(value) => "riskEnvironment";
    }
    Organization {
        named(value) => "name";
        kind(value) => "kind";
        parent(&Organization) => "parentId";
    }
    GeographicArea {
        code(value) => "code";
        country(value) => "countryCode";
    }
    Component {
        /// `CIVILIAN` (the default), `MILITARY`, `POLICE` or `JOINT`.
        kind(value) => "kind";
        specialty(value) => "specialty";
        acronym(value) => "acronym";
        /// `HQ` (the default) or `FIELD`.
        level(value) => "level";
        /// The component it is part of.
        under(&Component) => "parentId";
    }
    Post {
        /// The post heads its component.
        head() => "isComponentHead": true;
    }
    Person {
        email(value) => "email";
        phone(value) => "phone";
    }
    Assignment {
        acting() => "acting": true;
    }
    ReportingLine {
        /// `LINE` (the default), `FUNCTIONAL`, `COMMAND`, ...
        kind(value) => "kind";
    }
    MandatedTask {
        resolution(value) => "resolution";
        /// The component leading the task.
        lead(&Component) => "leadComponentId";
        poc_tier(value) => "pocTier";
    }
    Cluster {
        global() => "scope": "GLOBAL";
        country(value) => "countryCode";
        /// The global cluster it belongs to.
        parent(&Cluster) => "parentId";
    }
    AreaOfResponsibility {
        /// The mission component working on the same theme.
        counterpart(&Component) => "counterpartComponentId";
    }
    LeadAgency {
        /// `LEAD` (the default) or `CO_LEAD`.
        role(value) => "role";
    }
    Forum {
        acronym(value) => "acronym";
        /// `MISSION_HQ` (the default), `REGIONAL`, `LOCAL`, ...
        level(value) => "level";
        mission(&Mission) => "missionId";
        cluster(&Cluster) => "clusterId";
        aor(&AreaOfResponsibility) => "areaOfResponsibilityId";
        established_by(&Post) => "establishedByPostId";
        /// Open to actors outside the UN.
        open() => "openToExternal": true;
        meets(value) => "meetingFrequency";
        purpose(value) => "purpose";
    }
    ForumMembership {
        /// `CHAIR`, `MEMBER` (the default), `OBSERVER`, `PRESENT_WITHOUT_MEMBERSHIP`, ...
        capacity(value) => "capacity";
    }
    DecisionArea {
        description(value) => "description";
    }
    DecisionRight {
        /// The mission the right holds in (a grant); without it, a global default.
        mission(&Mission) => "missionId";
        /// The kind of right (a delegation's, when it differs from the delegator's).
        kind(value) => "kind";
        scope(value) => "scope";
        non_delegable() => "nonDelegable": true;
    }
    SourceCitation {
        quote(value) => "quote";
    }
}
