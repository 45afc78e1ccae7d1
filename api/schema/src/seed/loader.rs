//! Writes a dataset through the services, as the system, so every validation rule applies and
//! every write is in the audit log; then cites each record's sources.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use entity::enums::{DocumentKind, Sensitivity};
use entity::{mission_mandate, mission_name};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::spec::{
    self, By, HolderRef, LeaderRef, LedRef, LineFrom, LineTo, MemberRef, Of, SeedFile, Src, When,
};
use super::{SeedError, Summary};
use crate::services;
use crate::services::access::Viewer;
use crate::services::forum::{link as forum_link, membership};
use crate::services::record::RecordKind;
use crate::services::{
    cluster, component, decision, document, forum, geography, mandate, mission, organization, post,
    reporting_line,
};
use crate::transfer::keys::{Key, Resolver};

/// The seeds describe missions as of 2009–2010; records dated `When::Described` start here.
const DESCRIBED_FROM: &str = "2009-01-01";

#[derive(Debug, Clone, Copy)]
struct Period {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

impl Period {
    /// The part of this period inside `outer`, if any.
    fn within(self, outer: Period) -> Option<Period> {
        let from = self.from.max(outer.from);
        let to = match (self.to, outer.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        to.is_none_or(|to| from < to).then_some(Period { from, to })
    }
}

/// Whether an end (`None`: open) comes before another.
fn ends_before(end: Option<NaiveDate>, other: Option<NaiveDate>) -> bool {
    match (end, other) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// A loaded record others refer to by key.
#[derive(Debug, Clone, Copy)]
struct Loaded {
    id: Uuid,
    period: Period,
    sensitivity: Sensitivity,
}

/// The parent whose period a record takes, and how notes name it.
#[derive(Debug, Clone, Copy)]
struct Parent {
    period: Period,
    noun: &'static str,
}

fn date(text: &str) -> Result<NaiveDate, SeedError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|err| SeedError::broken(format!("the date `{text}` is not YYYY-MM-DD: {err}")))
}

/// The period of a record and, when the seeds do not state it, the note saying so.
fn resolve(when: When, parent: Option<Parent>) -> Result<(Period, Option<String>), SeedError> {
    let parent_end = parent.and_then(|p| p.period.to);
    match when {
        When::Parent => {
            let parent = parent.ok_or_else(|| {
                SeedError::broken("a record dated by its parent has no parent".to_owned())
            })?;
            Ok((
                parent.period,
                Some(format!(
                    "Dates not stated in the seeds: the period shown is the {}'s.",
                    parent.noun
                )),
            ))
        }
        When::Described => {
            let mut from = date(DESCRIBED_FROM)?;
            if let Some(p) = parent {
                from = from.max(p.period.from);
            }
            Ok((
                Period {
                    from,
                    to: parent_end,
                },
                Some(format!(
                    "The seeds describe this as of 2009–2010; the start date shown ({from}) is illustrative."
                )),
            ))
        }
        When::From(text) => {
            let from = date(text)?;
            if parent_end.is_some_and(|end| end <= from) {
                return Err(SeedError::broken(format!(
                    "starts on {from}, after its parent ended"
                )));
            }
            Ok((
                Period {
                    from,
                    to: parent_end,
                },
                None,
            ))
        }
        When::Between(from, to) => Ok((
            Period {
                from: date(from)?,
                to: Some(date(to)?),
            },
            None,
        )),
    }
}

/// The resolution and note of a mandate, as the services take them.
fn mandate_text(m: &spec::Mandate) -> services::mission_mandate::MandateText {
    services::mission_mandate::MandateText {
        resolution: m.resolution.map(str::to_owned),
        note: m.note.map(str::to_owned),
    }
}

/// Looks a key up in one of the loader's tables; a miss is a broken dataset.
fn find<T: Copy>(table: &HashMap<&'static str, T>, what: &str, key: &str) -> Result<T, SeedError> {
    table
        .get(key)
        .copied()
        .ok_or_else(|| SeedError::broken(format!("no {what} has the key `{key}`")))
}

pub(super) struct Loader<'a> {
    db: &'a DatabaseConnection,
    viewer: Viewer,
    sources: HashMap<SeedFile, Uuid>,
    /// Natural keys (mission acronyms; organisation, cluster and decision area codes) resolved
    /// to what the load wrote, by the resolver the import uses.
    keys: Resolver,
    /// The periods the load gave the records named by natural key that others take their
    /// period from (missions and clusters), by id: what the resolver answers is the id only.
    periods: HashMap<Uuid, Period>,
    // The dataset names the records below by its own keys (`MONUC/HRD`, `MONUC/SMG`), not by
    // natural key (places have no code, rights no key at all), and their dependants take the
    // period and sensitivity the load gave them, which the resolver does not answer: so the
    // loader keeps them by the dataset's keys.
    places: HashMap<&'static str, Uuid>,
    components: HashMap<&'static str, Loaded>,
    posts: HashMap<&'static str, Loaded>,
    aors: HashMap<&'static str, Loaded>,
    forums: HashMap<&'static str, Loaded>,
    rights: HashMap<&'static str, Uuid>,
    records: BTreeMap<RecordKind, usize>,
    citations: usize,
}

impl<'a> Loader<'a> {
    pub(super) fn new(db: &'a DatabaseConnection) -> Self {
        Self {
            db,
            viewer: Viewer::system(),
            sources: HashMap::new(),
            keys: Resolver::default(),
            periods: HashMap::new(),
            places: HashMap::new(),
            components: HashMap::new(),
            posts: HashMap::new(),
            aors: HashMap::new(),
            forums: HashMap::new(),
            rights: HashMap::new(),
            records: BTreeMap::new(),
            citations: 0,
        }
    }

    pub(super) fn summary(self) -> Summary {
        Summary {
            records: self.records,
            citations: self.citations,
        }
    }

    /// The record `key` names (`what`, for messages), through the resolver of natural keys the
    /// import uses.
    async fn named(&mut self, key: Key, what: String) -> Result<Uuid, SeedError> {
        self.keys
            .resolve(self.db, &self.viewer, &key)
            .await
            .map_err(SeedError::at(what))?
            .map_err(SeedError::broken)
    }

    /// The organisation with `code`.
    async fn org(&mut self, code: &str) -> Result<Uuid, SeedError> {
        self.named(Key::organization(code), format!("the organization {code}"))
            .await
    }

    /// A record named by natural key that the load wrote, with the period it gave it (missions
    /// and clusters are public).
    async fn written(&mut self, key: Key, what: String) -> Result<Loaded, SeedError> {
        let id = self.named(key, what.clone()).await?;
        let period = self
            .periods
            .get(&id)
            .copied()
            .ok_or_else(|| SeedError::broken(format!("{what} is not one the load wrote")))?;
        Ok(Loaded {
            id,
            period,
            sensitivity: Sensitivity::Public,
        })
    }

    /// The mission with `acronym`.
    async fn mission(&mut self, acronym: &str) -> Result<Loaded, SeedError> {
        self.written(Key::mission(acronym), format!("the mission {acronym}"))
            .await
    }

    /// The cluster with `code`.
    async fn cluster(&mut self, code: &str) -> Result<Loaded, SeedError> {
        self.written(Key::cluster(code), format!("the cluster {code}"))
            .await
    }

    async fn optional_org(&mut self, code: Option<&str>) -> Result<Option<Uuid>, SeedError> {
        match code {
            Some(code) => Ok(Some(self.org(code).await?)),
            None => Ok(None),
        }
    }

    fn counted(&mut self, kind: RecordKind) {
        *self.records.entry(kind).or_default() += 1;
    }

    /// Cites every source of a record, then (if its period is not stated) a note saying so.
    async fn cite(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        sources: &[Src],
        period_note: Option<String>,
        sensitivity: Sensitivity,
        what: &str,
    ) -> Result<(), SeedError> {
        self.counted(kind);
        let first = sources
            .first()
            .ok_or_else(|| SeedError::broken(format!("{what} cites no source")))?;
        let mut entries: Vec<(Src, Option<String>)> = sources
            .iter()
            .map(|s| (*s, s.note.map(str::to_owned)))
            .collect();
        if let Some(note) = period_note {
            let dated = Src {
                quote: None,
                note: None,
                illustrative: true,
                ..*first
            };
            entries.push((dated, Some(note)));
        }
        for (src, note) in entries {
            let document_id = find_source(&self.sources, src.file)?;
            document::cite(
                self.db,
                &self.viewer,
                kind,
                id,
                document_id,
                document::CitationFields {
                    locator: Some(src.at.to_owned()),
                    quote: src.quote.map(str::to_owned),
                    note,
                    illustrative: src.illustrative,
                    sensitivity,
                },
            )
            .await
            .map_err(SeedError::at(format!(
                "the citation {} {} of {what}",
                src.file.prefix(),
                src.at
            )))?;
            self.citations += 1;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------

    pub(super) async fn organizations(&mut self, rows: &[spec::Org]) -> Result<(), SeedError> {
        for o in rows {
            let parent_id = self.optional_org(o.parent).await?;
            organization::create(
                self.db,
                &self.viewer,
                organization::NewOrganization {
                    code: o.code.to_owned(),
                    name: o.name.to_owned(),
                    kind: o.kind,
                    parent_id,
                    country_code: o.country.map(str::to_owned),
                    description: o.description.map(str::to_owned),
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the organization {}", o.code)))?;
        }
        Ok(())
    }

    /// The seed documents (each citing where the seeds name it), then the organisations' sources,
    /// which had to wait for the documents.
    pub(super) async fn sources(
        &mut self,
        docs: &[spec::SourceDoc],
        orgs: &[spec::Org],
    ) -> Result<(), SeedError> {
        for d in docs {
            let drafted_by_organization_id = self.optional_org(d.drafted_by).await?;
            let row = document::create(
                self.db,
                &self.viewer,
                document::DocumentFields {
                    kind: d.kind,
                    title: d.title.to_owned(),
                    symbol: Some(d.stem.to_owned()),
                    issued_on: None,
                    coverage: None,
                    mission_id: None,
                    drafted_by_component_id: None,
                    drafted_by_organization_id,
                    url: d.url.map(str::to_owned),
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the source document {}", d.stem)))?;
            self.sources.insert(d.file, row.id);
        }
        for d in docs {
            let id = find_source(&self.sources, d.file)?;
            self.cite(
                RecordKind::Document,
                id,
                d.src,
                None,
                Sensitivity::Public,
                d.stem,
            )
            .await?;
        }
        for o in orgs {
            let id = self.org(o.code).await?;
            self.cite(
                RecordKind::Organization,
                id,
                o.src,
                None,
                Sensitivity::Public,
                o.code,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn places(&mut self, rows: &[spec::Place]) -> Result<(), SeedError> {
        for p in rows {
            let parent_id = p
                .parent
                .map(|k| find(&self.places, "place", k))
                .transpose()?;
            let row = geography::create(
                self.db,
                &self.viewer,
                geography::AreaFields {
                    name: p.name.to_owned(),
                    level: p.level,
                    code: None,
                    country_code: Some(p.country.to_owned()),
                    parent_id,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the place {}", p.key)))?;
            self.places.insert(p.key, row.id);
            self.cite(
                RecordKind::GeographicArea,
                row.id,
                p.src,
                None,
                Sensitivity::Public,
                p.key,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn missions(&mut self, rows: &[spec::Mission]) -> Result<(), SeedError> {
        for m in rows {
            let what = format!("the mission {}", m.acronym);
            let from = date(m.from)?;
            let to = m.to.map(date).transpose()?;
            let (first, later) = m
                .mandates
                .split_first()
                .ok_or_else(|| SeedError::broken(format!("{what} has no mandate")))?;
            if date(first.from)? != from {
                return Err(SeedError::broken(format!(
                    "the first mandate of {what} starts on {}, not with the mission",
                    first.from
                )));
            }
            let lead_department_id = Some(self.org(m.lead).await?);
            let created = mission::create(
                self.db,
                &self.viewer,
                mission::NewMission {
                    acronym: m.acronym.to_owned(),
                    name: m.name.to_owned(),
                    kind: m.kind,
                    country_code: Some(m.country.to_owned()),
                    description: m.description.map(str::to_owned),
                    attributes: first.attributes,
                    mandate: mandate_text(first),
                    lead_department_id,
                    valid_from: from,
                    valid_to: to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(what.clone()))?;
            self.periods.insert(created.id, Period { from, to });
            self.cite(
                RecordKind::Mission,
                created.id,
                m.src,
                None,
                Sensitivity::Public,
                &what,
            )
            .await?;
            self.mandates(created.id, first, later, &what).await?;
            if let Some(rename) = m.rename {
                mission::rename(
                    self.db,
                    &self.viewer,
                    created.id,
                    created.version,
                    rename.acronym,
                    rename.name,
                    date(rename.on)?,
                )
                .await
                .map_err(SeedError::at(format!(
                    "the rename of {} to {}",
                    m.acronym, rename.acronym
                )))?;
                let former = mission_name::Entity::find()
                    .filter(mission_name::Column::MissionId.eq(created.id))
                    .one(self.db)
                    .await
                    .map_err(|e| SeedError::Record {
                        what: what.clone(),
                        cause: e.into(),
                    })?
                    .ok_or_else(|| {
                        SeedError::broken(format!("{what} has no former name after its rename"))
                    })?;
                self.cite(
                    RecordKind::MissionName,
                    former.id,
                    rename.src,
                    None,
                    Sensitivity::Public,
                    &format!("the former name {}", m.acronym),
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Cites the first mandate (created with its mission), then records the later ones, each
    /// ending the one before, and cites them.
    async fn mandates(
        &mut self,
        mission_id: Uuid,
        first: &spec::Mandate,
        later: &[spec::Mandate],
        what: &str,
    ) -> Result<(), SeedError> {
        let created = mission_mandate::Entity::find()
            .filter(mission_mandate::Column::MissionId.eq(mission_id))
            .one(self.db)
            .await
            .map_err(|e| SeedError::Record {
                what: what.to_owned(),
                cause: e.into(),
            })?
            .ok_or_else(|| SeedError::broken(format!("{what} has no first mandate")))?;
        let label = |m: &spec::Mandate| format!("the mandate of {what} from {}", m.from);
        self.cite(
            RecordKind::MissionMandate,
            created.id,
            first.src,
            None,
            Sensitivity::Public,
            &label(first),
        )
        .await?;
        for m in later {
            let recorded = services::mission_mandate::record(
                self.db,
                &self.viewer,
                services::mission_mandate::NewMandate {
                    mission_id,
                    valid_from: date(m.from)?,
                    valid_to: None,
                    changes: m.attributes.into(),
                    text: mandate_text(m),
                    sensitivity: None,
                },
            )
            .await
            .map_err(SeedError::at(label(m)))?;
            self.cite(
                RecordKind::MissionMandate,
                recorded.id,
                m.src,
                None,
                Sensitivity::Public,
                &label(m),
            )
            .await?;
        }
        Ok(())
    }

    async fn mission_parent(&mut self, acronym: &str) -> Result<(Loaded, Parent), SeedError> {
        let m = self.mission(acronym).await?;
        Ok((
            m,
            Parent {
                period: m.period,
                noun: "mission",
            },
        ))
    }

    pub(super) async fn components(&mut self, rows: &[spec::Component]) -> Result<(), SeedError> {
        for c in rows {
            let (mission, parent) = self.mission_parent(c.mission).await?;
            let (period, note) = resolve(c.when, Some(parent))?;
            let parent_id = c
                .parent
                .map(|k| find(&self.components, "component", k).map(|l| l.id))
                .transpose()?;
            let place = c
                .place
                .map(|k| find(&self.places, "place", k))
                .transpose()?;
            let row = component::create(
                self.db,
                &self.viewer,
                component::NewComponent {
                    mission_id: mission.id,
                    parent_id,
                    name: c.name.to_owned(),
                    acronym: c.acronym.map(str::to_owned),
                    kind: c.kind,
                    specialty: c.specialty,
                    level: c.level,
                    geographic_area_id: place,
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the component {}", c.key)))?;
            self.components.insert(
                c.key,
                Loaded {
                    id: row.id,
                    period,
                    sensitivity: Sensitivity::Public,
                },
            );
            self.cite(
                RecordKind::Component,
                row.id,
                c.src,
                note,
                Sensitivity::Public,
                c.key,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn posts(&mut self, rows: &[spec::Post]) -> Result<(), SeedError> {
        for p in rows {
            let (mission_id, organization_id, parent) = match p.of {
                Of::Mission(key) => {
                    let (m, parent) = self.mission_parent(key).await?;
                    (Some(m.id), None, Some(parent))
                }
                Of::Org(code) => (None, Some(self.org(code).await?), None),
            };
            let (period, note) = resolve(p.when, parent)?;
            let component_id = p
                .component
                .map(|k| find(&self.components, "component", k).map(|l| l.id))
                .transpose()?;
            let row = post::create(
                self.db,
                &self.viewer,
                post::NewPost {
                    mission_id,
                    organization_id,
                    component_id,
                    title: p.title.to_owned(),
                    is_component_head: p.head,
                    geographic_area_id: None,
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the post {}", p.key)))?;
            self.posts.insert(
                p.key,
                Loaded {
                    id: row.id,
                    period,
                    sensitivity: Sensitivity::Public,
                },
            );
            self.cite(
                RecordKind::Post,
                row.id,
                p.src,
                note,
                Sensitivity::Public,
                p.key,
            )
            .await?;
            for hat in p.hats {
                let what = format!("the hat {hat:?} of {}", p.key);
                let worn = post::add_hat(
                    self.db,
                    &self.viewer,
                    post::NewPostHat {
                        post_id: row.id,
                        hat: *hat,
                        valid_from: period.from,
                        valid_to: period.to,
                        sensitivity: Sensitivity::Public,
                    },
                )
                .await
                .map_err(SeedError::at(what.clone()))?;
                let (_, note) = resolve(
                    When::Parent,
                    Some(Parent {
                        period,
                        noun: "post",
                    }),
                )?;
                self.cite(
                    RecordKind::PostHat,
                    worn.id,
                    p.src,
                    note,
                    Sensitivity::Public,
                    &what,
                )
                .await?;
            }
        }
        Ok(())
    }

    pub(super) async fn lines(&mut self, rows: &[spec::Line]) -> Result<(), SeedError> {
        for (i, l) in rows.iter().enumerate() {
            let what = format!("reporting line #{i} ({:?} → {:?})", l.from, l.to);
            let (from_post_id, from_component_id, source) = match l.from {
                LineFrom::Post(k) => {
                    let p = find(&self.posts, "post", k)?;
                    (Some(p.id), None, (p, "post"))
                }
                LineFrom::Component(k) => {
                    let c = find(&self.components, "component", k)?;
                    (None, Some(c.id), (c, "component"))
                }
            };
            let (to_post_id, to_organization_id) = match l.to {
                LineTo::Post(k) => (Some(find(&self.posts, "post", k)?.id), None),
                LineTo::Org(code) => (None, Some(self.org(code).await?)),
            };
            let (period, note) = resolve(
                l.when,
                Some(Parent {
                    period: source.0.period,
                    noun: source.1,
                }),
            )?;
            let row = reporting_line::set(
                self.db,
                &self.viewer,
                reporting_line::NewReportingLine {
                    from_post_id,
                    from_component_id,
                    to_post_id,
                    to_organization_id,
                    kind: l.kind,
                    note: l.note.map(str::to_owned),
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: source.0.sensitivity,
                },
            )
            .await
            .map_err(SeedError::at(what.clone()))?;
            self.cite(
                RecordKind::ReportingLine,
                row.id,
                l.src,
                note,
                source.0.sensitivity,
                &what,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn tasks(&mut self, rows: &[spec::Task]) -> Result<(), SeedError> {
        for t in rows {
            let what = format!("the task `{}`", t.title);
            let (mission, parent) = self.mission_parent(t.mission).await?;
            let (period, note) = resolve(t.when, Some(parent))?;
            let lead_component_id = t
                .lead
                .map(|k| find(&self.components, "component", k).map(|l| l.id))
                .transpose()?;
            let row = mandate::create(
                self.db,
                &self.viewer,
                mission.id,
                mandate::TaskFields {
                    category: t.category,
                    title: t.title.to_owned(),
                    description: t.description.map(str::to_owned),
                    resolution: t.resolution.map(str::to_owned),
                    poc_tier: t.tier,
                    lead_component_id,
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(what.clone()))?;
            self.cite(
                RecordKind::MandatedTask,
                row.id,
                t.src,
                note,
                Sensitivity::Public,
                &what,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn clusters(&mut self, rows: &[spec::Cluster]) -> Result<(), SeedError> {
        for c in rows {
            let parent = match c.parent {
                Some(code) => Some(self.cluster(code).await?),
                None => None,
            };
            let (period, note) = resolve(
                c.when,
                parent.map(|p| Parent {
                    period: p.period,
                    noun: "parent cluster",
                }),
            )?;
            let row = cluster::create_cluster(
                self.db,
                &self.viewer,
                cluster::NewCluster {
                    code: c.code.to_owned(),
                    name: c.name.to_owned(),
                    scope: c.scope,
                    sector: c.sector,
                    is_cluster_like: c.cluster_like,
                    parent_id: parent.map(|p| p.id),
                    country_code: c.country.map(str::to_owned),
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the cluster {}", c.code)))?;
            self.periods.insert(row.id, period);
            self.cite(
                RecordKind::Cluster,
                row.id,
                c.src,
                note,
                Sensitivity::Public,
                c.code,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn aors(&mut self, rows: &[spec::Aor]) -> Result<(), SeedError> {
        for a in rows {
            let cluster = self.cluster(a.cluster).await?;
            let (period, note) = resolve(
                a.when,
                Some(Parent {
                    period: cluster.period,
                    noun: "cluster",
                }),
            )?;
            let counterpart_component_id = a
                .counterpart
                .map(|k| find(&self.components, "component", k).map(|l| l.id))
                .transpose()?;
            let row = cluster::create_area(
                self.db,
                &self.viewer,
                cluster::NewAor {
                    cluster_id: cluster.id,
                    name: a.name.to_owned(),
                    theme: a.theme,
                    counterpart_component_id,
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the AoR {}", a.key)))?;
            self.aors.insert(
                a.key,
                Loaded {
                    id: row.id,
                    period,
                    sensitivity: Sensitivity::Public,
                },
            );
            self.cite(
                RecordKind::AreaOfResponsibility,
                row.id,
                a.src,
                note,
                Sensitivity::Public,
                a.key,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn leads(&mut self, rows: &[spec::Lead]) -> Result<(), SeedError> {
        for l in rows {
            let what = format!("the lead {:?} of {:?}", l.leader, l.led);
            let (led, parent) = match l.led {
                LedRef::Cluster(k) => {
                    let c = self.cluster(k).await?;
                    (cluster::Led::Cluster(c.id), (c, "cluster"))
                }
                LedRef::Aor(k) => {
                    let a = find(&self.aors, "AoR", k)?;
                    (cluster::Led::Area(a.id), (a, "AoR"))
                }
            };
            let leader = match l.leader {
                LeaderRef::Org(code) => cluster::Leader::Organization(self.org(code).await?),
                LeaderRef::Component(k) => {
                    cluster::Leader::Component(find(&self.components, "component", k)?.id)
                }
            };
            let (period, note) = resolve(
                l.when,
                Some(Parent {
                    period: parent.0.period,
                    noun: parent.1,
                }),
            )?;
            let row = cluster::set_lead_agency(
                self.db,
                &self.viewer,
                cluster::NewLeadAgency {
                    led,
                    leader,
                    role: l.role,
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(what.clone()))?;
            self.cite(
                RecordKind::LeadAgency,
                row.id,
                l.src,
                note,
                Sensitivity::Public,
                &what,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn forums(&mut self, rows: &[spec::Forum]) -> Result<(), SeedError> {
        for f in rows {
            let mission = match f.mission {
                Some(acronym) => Some(self.mission(acronym).await?),
                None => None,
            };
            let cluster = match f.cluster {
                Some(code) => Some(self.cluster(code).await?),
                None => None,
            };
            // A forum lives within its mission, or else within its cluster.
            let parent = match (mission, cluster) {
                (Some(m), _) => Some(Parent {
                    period: m.period,
                    noun: "mission",
                }),
                (None, Some(c)) => Some(Parent {
                    period: c.period,
                    noun: "cluster",
                }),
                (None, None) => None,
            };
            let (period, note) = resolve(f.when, parent)?;
            let (established_by_post_id, established_by_organization_id) = match f.established_by {
                None => (None, None),
                Some(By::Post(k)) => (Some(find(&self.posts, "post", k)?.id), None),
                Some(By::Org(code)) => (None, Some(self.org(code).await?)),
                Some(By::Component(k)) => {
                    return Err(SeedError::broken(format!(
                        "the forum {} cannot be established by the component {k}",
                        f.key
                    )))
                }
            };
            let refs = forum::ForumRefs {
                mission_id: mission.map(|m| m.id),
                cluster_id: cluster.map(|c| c.id),
                area_of_responsibility_id: f
                    .aor
                    .map(|k| find(&self.aors, "AoR", k).map(|a| a.id))
                    .transpose()?,
                geographic_area_id: f
                    .place
                    .map(|k| find(&self.places, "place", k))
                    .transpose()?,
                established_by_post_id,
                established_by_organization_id,
            };
            let row = forum::create(
                self.db,
                &self.viewer,
                forum::NewForum {
                    name: f.name.to_owned(),
                    acronym: f.acronym.map(str::to_owned),
                    kind: f.kind,
                    level: f.level,
                    refs,
                    open_to_external: f.open,
                    standing: f.standing,
                    meeting_frequency: f.frequency.map(str::to_owned),
                    purpose: f.purpose.map(str::to_owned),
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: f.sensitivity,
                },
            )
            .await
            .map_err(SeedError::at(format!("the forum {}", f.key)))?;
            self.forums.insert(
                f.key,
                Loaded {
                    id: row.id,
                    period,
                    sensitivity: f.sensitivity,
                },
            );
            self.cite(RecordKind::Forum, row.id, f.src, note, f.sensitivity, f.key)
                .await?;
        }
        Ok(())
    }

    fn forum_parent(&self, key: &str) -> Result<(Loaded, Parent), SeedError> {
        let f = find(&self.forums, "forum", key)?;
        Ok((
            f,
            Parent {
                period: f.period,
                noun: "forum",
            },
        ))
    }

    pub(super) async fn links(&mut self, rows: &[spec::Link]) -> Result<(), SeedError> {
        for l in rows {
            let what = format!("the link {} → {}", l.from, l.to);
            let (from, parent) = self.forum_parent(l.from)?;
            let to = find(&self.forums, "forum", l.to)?;
            let (period, note) = resolve(l.when, Some(parent))?;
            let sensitivity = from.sensitivity.max(to.sensitivity);
            let row = forum_link::link(
                self.db,
                &self.viewer,
                forum_link::NewLink {
                    forum_id: from.id,
                    target_forum_id: to.id,
                    kind: l.kind,
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity,
                },
            )
            .await
            .map_err(SeedError::at(what.clone()))?;
            self.cite(
                RecordKind::ForumLink,
                row.id,
                l.src,
                note,
                sensitivity,
                &what,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn seats(&mut self, rows: &[spec::Seat]) -> Result<(), SeedError> {
        for s in rows {
            let what = format!("the seat of {:?} in {}", s.member, s.forum);
            let (forum, parent) = self.forum_parent(s.forum)?;
            let (period, note) = resolve(s.when, Some(parent))?;
            let (member, member_period) = match s.member {
                MemberRef::Org(code) => (
                    membership::Member::Organization(self.org(code).await?),
                    None,
                ),
                MemberRef::Component(k) => {
                    let c = find(&self.components, "component", k)?;
                    (membership::Member::Component(c.id), Some(c.period))
                }
                MemberRef::Post(k) => {
                    let p = find(&self.posts, "post", k)?;
                    (membership::Member::Post(p.id), Some(p.period))
                }
            };
            // A component or post sits in a forum only while it exists.
            let (period, note) = match member_period {
                Some(own) if own.from > period.from || ends_before(own.to, period.to) => {
                    let within = period.within(own).ok_or_else(|| {
                        SeedError::broken(format!(
                            "{what}: the member never exists while the forum does"
                        ))
                    })?;
                    let note = note.map(|_| {
                        "Dates not stated in the seeds: the period shown is when both the forum and the member existed.".to_owned()
                    });
                    (within, note)
                }
                _ => (period, note),
            };
            let row = membership::add(
                self.db,
                &self.viewer,
                membership::NewMembership {
                    forum_id: forum.id,
                    member,
                    capacity: s.capacity,
                    note: s.note.map(str::to_owned),
                    valid_from: period.from,
                    valid_to: period.to,
                    sensitivity: forum.sensitivity,
                },
            )
            .await
            .map_err(SeedError::at(what.clone()))?;
            self.cite(
                RecordKind::ForumMembership,
                row.id,
                s.src,
                note,
                forum.sensitivity,
                &what,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn decision_areas(
        &mut self,
        rows: &[spec::DecisionArea],
    ) -> Result<(), SeedError> {
        for a in rows {
            let row = decision::create_area(
                self.db,
                &self.viewer,
                decision::NewDecisionArea {
                    code: a.code.to_owned(),
                    name: a.name.to_owned(),
                    description: Some(a.description.to_owned()),
                    sensitivity: Sensitivity::Public,
                },
            )
            .await
            .map_err(SeedError::at(format!("the decision area {}", a.code)))?;
            self.cite(
                RecordKind::DecisionArea,
                row.id,
                a.src,
                None,
                Sensitivity::Public,
                a.code,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn rights(&mut self, rows: &[spec::Right]) -> Result<(), SeedError> {
        for r in rows {
            let what = format!(
                "the right {:?} of {:?} on {} in {}",
                r.kind,
                r.holder,
                r.area,
                r.mission.unwrap_or("every mission")
            );
            let (mission_id, parent) = match r.mission {
                Some(k) => {
                    let (m, parent) = self.mission_parent(k).await?;
                    (Some(m.id), Some(parent))
                }
                None => (None, None),
            };
            let (period, note) = resolve(r.when, parent)?;
            let holder = match r.holder {
                HolderRef::Post(k) => decision::Holder::Post(find(&self.posts, "post", k)?.id),
                HolderRef::Component(k) => {
                    decision::Holder::Component(find(&self.components, "component", k)?.id)
                }
                HolderRef::Org(code) => decision::Holder::Organization(self.org(code).await?),
                HolderRef::Forum(k) => decision::Holder::Forum(find(&self.forums, "forum", k)?.id),
            };
            let area_id = self
                .named(
                    Key::decision_area(r.area),
                    format!("the decision area {}", r.area),
                )
                .await?;
            let row = match r.delegated_from {
                None => decision::grant_right(
                    self.db,
                    &self.viewer,
                    decision::NewRight {
                        decision_area_id: area_id,
                        mission_id,
                        holder,
                        kind: r.kind,
                        scope: r.scope.map(str::to_owned),
                        non_delegable: r.non_delegable,
                        joint_decision: r.joint.map(str::to_owned),
                        note: r.note.map(str::to_owned),
                        valid_from: period.from,
                        valid_to: period.to,
                        sensitivity: r.sensitivity,
                    },
                )
                .await
                .map_err(SeedError::at(what.clone()))?,
                Some(from) => decision::delegate_right(
                    self.db,
                    &self.viewer,
                    decision::NewDelegation {
                        from_right_id: find(&self.rights, "right", from)?,
                        holder,
                        kind: Some(r.kind),
                        scope: r.scope.map(str::to_owned),
                        non_delegable: r.non_delegable,
                        note: r.note.map(str::to_owned),
                        valid_from: period.from,
                        valid_to: period.to,
                        sensitivity: Some(r.sensitivity),
                    },
                )
                .await
                .map_err(SeedError::at(what.clone()))?,
            };
            if let Some(key) = r.key {
                self.rights.insert(key, row.id);
            }
            self.cite(
                RecordKind::DecisionRight,
                row.id,
                r.src,
                note,
                r.sensitivity,
                &what,
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn documents(&mut self, rows: &[spec::Doc]) -> Result<(), SeedError> {
        for d in rows {
            let (drafted_by_component_id, drafted_by_organization_id) = match d.drafted_by {
                None => (None, None),
                Some(By::Component(k)) => (Some(find(&self.components, "component", k)?.id), None),
                Some(By::Org(code)) => (None, Some(self.org(code).await?)),
                Some(By::Post(k)) => {
                    return Err(SeedError::broken(format!(
                        "the document {} cannot be drafted by the post {k}",
                        d.key
                    )))
                }
            };
            let mission_id = match d.mission {
                Some(acronym) => Some(self.mission(acronym).await?.id),
                None => None,
            };
            let row = document::create(
                self.db,
                &self.viewer,
                document::DocumentFields {
                    kind: d.kind,
                    title: d.title.to_owned(),
                    symbol: d.symbol.map(str::to_owned),
                    issued_on: None,
                    coverage: d.coverage,
                    mission_id,
                    drafted_by_component_id,
                    drafted_by_organization_id,
                    url: None,
                    sensitivity: d.sensitivity,
                },
            )
            .await
            .map_err(SeedError::at(format!("the document {}", d.key)))?;
            self.cite(
                RecordKind::Document,
                row.id,
                d.src,
                None,
                d.sensitivity,
                d.key,
            )
            .await?;
        }
        Ok(())
    }

    /// The document that marks the dataset as loaded, written last: its presence means the
    /// whole dataset is in.
    pub(super) async fn marker(&mut self, title: &str, symbol: &str) -> Result<(), SeedError> {
        let row = document::create(
            self.db,
            &self.viewer,
            document::DocumentFields {
                kind: DocumentKind::Other,
                title: title.to_owned(),
                symbol: Some(symbol.to_owned()),
                issued_on: None,
                coverage: None,
                mission_id: None,
                drafted_by_component_id: None,
                drafted_by_organization_id: None,
                url: None,
                sensitivity: Sensitivity::Public,
            },
        )
        .await
        .map_err(SeedError::at(
            "the demo dataset's marker document".to_owned(),
        ))?;
        let sources: Vec<Src> = SeedFile::ALL
            .into_iter()
            .map(|file| {
                spec::noted(
                    file,
                    "whole document",
                    "The demo dataset is built from this document; records it does not state are marked illustrative.",
                )
            })
            .collect();
        self.cite(
            RecordKind::Document,
            row.id,
            &sources,
            None,
            Sensitivity::Public,
            title,
        )
        .await
    }
}

fn find_source(sources: &HashMap<SeedFile, Uuid>, file: SeedFile) -> Result<Uuid, SeedError> {
    sources
        .get(&file)
        .copied()
        .ok_or_else(|| SeedError::broken(format!("the seed {} is not loaded", file.prefix())))
}
