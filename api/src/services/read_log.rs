//! The log of confidential reads, written in groups.
//!
//! Every answer that holds confidential records is logged: who read which record, and when. A
//! dashboard polled by an administrator holds a hundred of them, and one `INSERT` of a hundred
//! rows per answer made the audit log the slowest part of serving it. So requests hand their
//! reads to the process's writer and wait until they are written (an answer never leaves before
//! its reads are in the log); the writer writes everything that arrived while it was busy in
//! one transaction, one entry per caller and record. When several answers in the group held the
//! same record for the same caller, its entry says how many in `after`: `{"reads": n}`. Nothing
//! is kept between groups, so the writer holds no state a replica depends on.

use std::collections::HashMap;

use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use super::access::Viewer;
use super::audit;
use super::record::RecordKind;
use crate::error::{AppError, AppResult};
use crate::grouped::Grouped;

/// Answers whose reads are written together, at most.
const MAX_GROUP: usize = 256;

/// The confidential records one answer held, for one caller.
type Reads = (Viewer, Vec<(RecordKind, Uuid)>);

/// The process's writer of confidential reads.
#[derive(Debug)]
pub struct ReadLog {
    writer: Grouped<Reads, ()>,
}

impl ReadLog {
    /// Starts the writer on the current Tokio runtime.
    pub fn start(db: DatabaseConnection) -> std::sync::Arc<Self> {
        let writer = Grouped::start(MAX_GROUP, move |group: Vec<Reads>| {
            let db = db.clone();
            async move {
                write_group(&db, &group)
                    .await
                    .map_err(|err| format!("could not log confidential reads: {err:?}"))
            }
        });
        std::sync::Arc::new(Self { writer })
    }

    /// Logs that `viewer` read these confidential records; returns once they are written.
    pub async fn append(&self, viewer: &Viewer, reads: &[(RecordKind, Uuid)]) -> AppResult<()> {
        if reads.is_empty() {
            return Ok(());
        }
        self.writer
            .submit((viewer.clone(), reads.to_vec()))
            .await
            .map_err(|message| AppError::internal(anyhow::anyhow!(message)))
    }
}

async fn write_group(db: &DatabaseConnection, group: &[Reads]) -> AppResult<()> {
    let tx = db.begin().await?;
    for (viewer, reads) in coalesce(group.iter().map(|(v, r)| (v, r.as_slice()))) {
        let entries = reads
            .into_iter()
            .map(|(kind, id, answers)| audit::Entry {
                operation: "read",
                kind: Some(kind),
                record_id: Some(id),
                before: None,
                after: (answers > 1).then(|| serde_json::json!({ "reads": answers })),
            })
            .collect();
        audit::append_many(&tx, viewer, entries).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A record one caller read, and in how many answers of the group.
type CountedRead = (RecordKind, Uuid, u32);

/// The reads of a group, per caller in order of arrival: each record once, with the number of
/// answers that held it.
fn coalesce<'a>(
    answers: impl IntoIterator<Item = (&'a Viewer, &'a [(RecordKind, Uuid)])>,
) -> Vec<(&'a Viewer, Vec<CountedRead>)> {
    let mut callers: Vec<(&'a Viewer, Vec<CountedRead>)> = Vec::new();
    let mut caller_index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut record_index: Vec<HashMap<(RecordKind, Uuid), usize>> = Vec::new();
    for (viewer, reads) in answers {
        let key = (viewer.actor.as_str(), viewer.role.name());
        let at = *caller_index.entry(key).or_insert_with(|| {
            callers.push((viewer, Vec::new()));
            record_index.push(HashMap::new());
            callers.len() - 1
        });
        let mut seen_in_answer = std::collections::HashSet::new();
        for &read in reads {
            if !seen_in_answer.insert(read) {
                continue;
            }
            let entries = &mut callers[at].1;
            match record_index[at].get(&read) {
                Some(&i) => entries[i].2 += 1,
                None => {
                    record_index[at].insert(read, entries.len());
                    entries.push((read.0, read.1, 1));
                }
            }
        }
    }
    callers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::access::Role;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_group_logs_each_record_once_per_caller_with_the_number_of_answers() {
        let admin = Viewer::system();
        let mut analyst = Viewer::system();
        analyst.actor = "user:ana".into();
        analyst.role = Role::Analyst;
        let m = RecordKind::Mission;
        let f = RecordKind::Forum;
        let first = [(m, id(1)), (f, id(2)), (m, id(1))];
        let second = [(f, id(2)), (m, id(3))];
        let third = [(m, id(1))];
        let group = coalesce([
            (&admin, &first[..]),
            (&analyst, &third[..]),
            (&admin, &second[..]),
        ]);
        assert_eq!(group.len(), 2);
        assert_eq!(group[0].0.actor, "system");
        // A record read twice in one answer counts once; across answers, once per answer.
        assert_eq!(
            group[0].1,
            vec![(m, id(1), 1), (f, id(2), 2), (m, id(3), 1)]
        );
        assert_eq!(group[1].0.actor, "user:ana");
        assert_eq!(group[1].1, vec![(m, id(1), 1)]);
    }

    #[test]
    fn the_same_actor_under_another_role_is_another_caller() {
        let admin = Viewer::system();
        let mut demoted = Viewer::system();
        demoted.role = Role::Viewer;
        let reads = [(RecordKind::Mission, id(1))];
        let group = coalesce([(&admin, &reads[..]), (&demoted, &reads[..])]);
        assert_eq!(group.len(), 2);
        assert!(group
            .iter()
            .all(|(_, r)| r == &vec![(RecordKind::Mission, id(1), 1)]));
    }

    #[test]
    fn nothing_read_is_nothing_logged() {
        let admin = Viewer::system();
        assert_eq!(coalesce([(&admin, &[][..])])[0].1, vec![]);
        assert!(coalesce(std::iter::empty()).is_empty());
    }
}
