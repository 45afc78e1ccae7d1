//! Bridges between the mission and the humanitarian coordination system: the actors
//! (organisations, components, posts) that sit both in mission forums and in cluster or AoR
//! forums, and the forums two actors share.
//!
//! A forum attached to a cluster or an AoR counts on the cluster side even if it also names the
//! mission, so that sitting in one such forum never makes an actor a bridge on its own. The
//! cluster side is the mission's country: without a cluster asked for, only the forums of the
//! clusters (and their AoRs) of the mission's country count, so that an agency chairing clusters
//! in several countries bridges a mission to its own country's cluster only; global clusters and
//! a mission without a country have no cluster side then.

use std::collections::{BTreeMap, HashMap};

use crate::enums::Capacity;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::snapshot::{rank, Forum, Member, Membership, Snapshot};

/// A seat in one forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Seat {
    pub forum_id: Uuid,
    pub membership_id: Uuid,
    pub capacity: Capacity,
    pub since: NaiveDate,
}

/// An actor sitting on both sides, with its seats on each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bridge {
    pub actor: Member,
    pub mission_seats: Vec<Seat>,
    pub cluster_seats: Vec<Seat>,
}

/// A forum two actors share, with the seats of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommonForum {
    pub forum_id: Uuid,
    pub a_seats: Vec<Seat>,
    pub b_seats: Vec<Seat>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Mission,
    Cluster,
}

/// Which clusters' forums count on the cluster side.
#[derive(Clone, Copy)]
enum ClusterSide<'a> {
    /// This cluster and its AoRs.
    Cluster(Uuid),
    /// The clusters of this country (a cluster missing from the snapshot has no known country
    /// and does not count).
    Country(&'a HashMap<Uuid, Option<&'a str>>, Option<&'a str>),
}

impl ClusterSide<'_> {
    fn counts(self, cluster: Option<Uuid>) -> bool {
        match self {
            Self::Cluster(wanted) => cluster == Some(wanted),
            Self::Country(countries, country) => cluster
                .and_then(|c| countries.get(&c).copied().flatten())
                .is_some_and(|c| Some(c) == country),
        }
    }
}

/// The actors sitting on `as_of` both in forums of `mission_id` and in cluster or AoR forums: of
/// `cluster_id` and its AoRs when given, else of the clusters of the mission's country and their
/// AoRs. Ordered by actor.
pub fn bridges(
    mission_id: Uuid,
    cluster_id: Option<Uuid>,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> Vec<Bridge> {
    let aor_cluster: HashMap<Uuid, Uuid> = snapshot
        .areas_of_responsibility
        .iter()
        .map(|a| (a.id, a.cluster_id))
        .collect();
    let countries: HashMap<Uuid, Option<&str>> = snapshot
        .clusters
        .iter()
        .map(|c| (c.id, c.country_code.as_deref()))
        .collect();
    let cluster_side = match cluster_id {
        Some(wanted) => ClusterSide::Cluster(wanted),
        None => ClusterSide::Country(
            &countries,
            snapshot
                .missions
                .iter()
                .find(|m| m.id == mission_id)
                .and_then(|m| m.country_code.as_deref()),
        ),
    };
    let sides: HashMap<Uuid, Side> = snapshot
        .forums
        .iter()
        .filter(|f| f.validity.contains(as_of))
        .filter_map(|f| Some((f.id, side(f, mission_id, cluster_side, &aor_cluster)?)))
        .collect();
    let mut by_actor: BTreeMap<Member, (Vec<Seat>, Vec<Seat>)> = BTreeMap::new();
    for m in snapshot
        .memberships
        .iter()
        .filter(|m| m.validity.contains(as_of))
    {
        let Some(&side) = sides.get(&m.forum_id) else {
            continue;
        };
        let entry = by_actor.entry(m.member).or_default();
        match side {
            Side::Mission => entry.0.push(seat(m)),
            Side::Cluster => entry.1.push(seat(m)),
        }
    }
    by_actor
        .into_iter()
        .filter(|(_, (mission, cluster))| !mission.is_empty() && !cluster.is_empty())
        .map(|(actor, (mut mission_seats, mut cluster_seats))| {
            sort_seats(&mut mission_seats);
            sort_seats(&mut cluster_seats);
            Bridge {
                actor,
                mission_seats,
                cluster_seats,
            }
        })
        .collect()
}

/// The forums (valid on `as_of`) in which both `a` and `b` sit on `as_of`, ordered by forum.
pub fn common_forums(
    a: Member,
    b: Member,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> Vec<CommonForum> {
    let mut by_forum: BTreeMap<Uuid, (Vec<Seat>, Vec<Seat>)> = BTreeMap::new();
    for m in snapshot
        .memberships
        .iter()
        .filter(|m| (m.member == a || m.member == b) && m.validity.contains(as_of))
    {
        let entry = by_forum.entry(m.forum_id).or_default();
        if m.member == a {
            entry.0.push(seat(m));
        }
        if m.member == b {
            entry.1.push(seat(m));
        }
    }
    by_forum.retain(|_, (x, y)| !x.is_empty() && !y.is_empty());
    if by_forum.is_empty() {
        return Vec::new();
    }
    let live: std::collections::HashSet<Uuid> = snapshot
        .forums
        .iter()
        .filter(|f| f.validity.contains(as_of) && by_forum.contains_key(&f.id))
        .map(|f| f.id)
        .collect();
    by_forum
        .into_iter()
        .filter(|(forum, _)| live.contains(forum))
        .map(|(forum_id, (mut a_seats, mut b_seats))| {
            sort_seats(&mut a_seats);
            sort_seats(&mut b_seats);
            CommonForum {
                forum_id,
                a_seats,
                b_seats,
            }
        })
        .collect()
}

fn side(
    forum: &Forum,
    mission_id: Uuid,
    cluster_side: ClusterSide<'_>,
    aor_cluster: &HashMap<Uuid, Uuid>,
) -> Option<Side> {
    if forum.cluster_id.is_some() || forum.area_of_responsibility_id.is_some() {
        let cluster = forum.cluster_id.or_else(|| {
            forum
                .area_of_responsibility_id
                .and_then(|a| aor_cluster.get(&a).copied())
        });
        return cluster_side.counts(cluster).then_some(Side::Cluster);
    }
    (forum.mission_id == Some(mission_id)).then_some(Side::Mission)
}

fn seat(m: &Membership) -> Seat {
    Seat {
        forum_id: m.forum_id,
        membership_id: m.id,
        capacity: m.capacity,
        since: m.validity.from,
    }
}

fn sort_seats(seats: &mut [Seat]) {
    seats.sort_by_key(|s| (s.forum_id, rank::capacity(s.capacity), s.membership_id));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::{self, *};

    #[test]
    fn actors_in_both_mission_and_cluster_forums_are_bridges_with_their_capacities() {
        let snap = fixture::mission();
        let got = bridges(MISSION, None, fixture::day(2012, 3, 1), &snap);
        let actors: Vec<Member> = got.iter().map(|b| b.actor).collect();
        // UNICEF sits in the UNCT and chairs the CP AoR, but the UNCT is not a mission forum;
        // the DSRSG/RC/HC sits in the SMG and chairs the UNCT, which is not a cluster forum.
        assert_eq!(
            actors,
            vec![
                Member::Organization(UNHCR),
                Member::Organization(OCHA),
                Member::Component(HUMAN_RIGHTS),
                Member::Component(CHILD_PROTECTION),
            ]
        );
        let unhcr = &got[0];
        assert_eq!(unhcr.mission_seats[0].membership_id, SMG_UNHCR_SEAT);
        assert_eq!(unhcr.mission_seats[0].capacity, Capacity::Observer);
        assert_eq!(unhcr.cluster_seats[0].membership_id, PC_UNHCR_SEAT);
        assert_eq!(unhcr.cluster_seats[0].capacity, Capacity::Chair);
        let cp = &got[3];
        assert_eq!(cp.mission_seats[0].forum_id, POC_WG);
        assert_eq!(cp.cluster_seats[0].forum_id, CP_AOR_FORUM);
        assert_eq!(cp.cluster_seats[0].capacity, Capacity::CoChair);
    }

    #[test]
    fn the_cluster_filter_keeps_its_aors_and_drops_other_clusters() {
        let snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        assert_eq!(
            bridges(MISSION, Some(PROTECTION_CLUSTER), as_of, &snap).len(),
            4
        );
        assert!(bridges(MISSION, Some(fixture::id(4242)), as_of, &snap).is_empty());
        assert!(bridges(fixture::id(4243), None, as_of, &snap).is_empty());
    }

    /// UNHCR chairs the Protection Cluster of the mission's country and the cluster of another
    /// country; a global cluster's forum seats the mission's Human Rights too.
    fn with_other_clusters() -> (Snapshot, Uuid, Uuid) {
        let mut snap = fixture::mission();
        let (abroad, global) = (fixture::id(5001), fixture::id(5002));
        let (abroad_forum, global_forum) = (fixture::id(5011), fixture::id(5012));
        for (cluster, country) in [(abroad, Some("CIV")), (global, None)] {
            snap.clusters.push(crate::analysis::snapshot::Cluster {
                id: cluster,
                code: format!("PC-{cluster}"),
                name: "Another cluster".to_owned(),
                scope: crate::enums::ClusterScope::Field,
                country_code: country.map(str::to_owned),
                validity: fixture::always(),
                leads: Vec::new(),
            });
        }
        for (forum, cluster) in [(abroad_forum, abroad), (global_forum, global)] {
            let mut f = snap.forums[0].clone();
            f.id = forum;
            f.mission_id = None;
            f.cluster_id = Some(cluster);
            f.links = Vec::new();
            snap.forums.push(f);
        }
        snap.memberships.push(fixture::seat(
            fixture::id(5021),
            abroad_forum,
            Member::Organization(UNHCR),
            Capacity::Chair,
        ));
        snap.memberships.push(fixture::seat(
            fixture::id(5022),
            global_forum,
            Member::Component(HUMAN_RIGHTS),
            Capacity::Member,
        ));
        (snap, abroad, abroad_forum)
    }

    #[test]
    fn without_a_cluster_only_the_missions_country_counts() {
        let (snap, abroad, abroad_forum) = with_other_clusters();
        let as_of = fixture::day(2012, 3, 1);
        let got = bridges(MISSION, None, as_of, &snap);
        let unhcr = got
            .iter()
            .find(|b| b.actor == Member::Organization(UNHCR))
            .expect("UNHCR bridges");
        let forums: Vec<Uuid> = unhcr.cluster_seats.iter().map(|s| s.forum_id).collect();
        assert_eq!(
            forums,
            vec![PC_FORUM],
            "only the mission's country's cluster"
        );
        let hr = got
            .iter()
            .find(|b| b.actor == Member::Component(HUMAN_RIGHTS))
            .expect("Human Rights bridges");
        assert_eq!(
            hr.cluster_seats.len(),
            1,
            "the global cluster does not count"
        );
        assert_eq!(
            got.iter().map(|b| b.actor).collect::<Vec<_>>(),
            bridges(MISSION, None, as_of, &fixture::mission())
                .iter()
                .map(|b| b.actor)
                .collect::<Vec<_>>()
        );

        // Asked for by id, the other country's cluster is the cluster side.
        let asked = bridges(MISSION, Some(abroad), as_of, &snap);
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].actor, Member::Organization(UNHCR));
        assert_eq!(asked[0].cluster_seats[0].forum_id, abroad_forum);

        // A mission without a country has no cluster side unless one is asked for.
        let mut stateless = snap.clone();
        stateless.missions[0].country_code = None;
        assert!(bridges(MISSION, None, as_of, &stateless).is_empty());
        assert_eq!(bridges(MISSION, Some(abroad), as_of, &stateless).len(), 1);
    }

    #[test]
    fn ended_seats_do_not_bridge() {
        let mut snap = fixture::mission();
        for m in &mut snap.memberships {
            if m.id == PC_HR_SEAT {
                m.validity.to = Some(fixture::day(2011, 1, 1));
            }
        }
        let actors = |d| -> Vec<Member> {
            bridges(MISSION, None, d, &snap)
                .iter()
                .map(|b| b.actor)
                .collect()
        };
        assert!(actors(fixture::day(2010, 12, 31)).contains(&Member::Component(HUMAN_RIGHTS)));
        assert!(!actors(fixture::day(2011, 1, 1)).contains(&Member::Component(HUMAN_RIGHTS)));
        assert!(actors(fixture::day(2007, 1, 1)).is_empty());
    }

    #[test]
    fn common_forums_lists_the_forums_two_actors_share() {
        let snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        let got = common_forums(
            Member::Organization(UNHCR),
            Member::Post(DSRSG_RC_HC),
            as_of,
            &snap,
        );
        let forums: Vec<Uuid> = got.iter().map(|c| c.forum_id).collect();
        assert_eq!(forums, vec![SMG, UNCT]);
        assert_eq!(got[1].a_seats[0].capacity, Capacity::Member);
        assert_eq!(got[1].b_seats[0].capacity, Capacity::Chair);
        assert!(
            common_forums(Member::Organization(ICRC), Member::Post(SRSG), as_of, &snap).is_empty()
        );
    }
}
