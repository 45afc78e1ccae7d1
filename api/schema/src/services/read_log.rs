//! The log of confidential reads, written in groups.
//!
//! Every answer that holds confidential records is logged: who read which record, and when. A
//! dashboard polled by an administrator holds a hundred of them, and one `INSERT` of a hundred
//! rows per answer made the audit log the slowest part of serving it. So requests hand their
//! reads to the process's writer and wait until they are written (an answer never leaves before
//! its reads are in the log); the writer writes everything that arrived while it was busy in
//! one transaction, one entry per caller and record. Its `after` holds the record's sensitivity
//! when it was read, so the log's readers are filtered by it like by any other entry's snapshot
//! (`audit::list`), and when several answers in the group held the same record for the same
//! caller, how many: `{"sensitivity": "CONFIDENTIAL", "reads": n}`. Nothing is kept between
//! groups, so the writer holds no state a replica depends on.

use std::collections::HashMap;

use entity::enums::Sensitivity;
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use super::access::Viewer;
use super::audit;
use super::record::RecordKind;
use crate::error::{AppError, AppResult};
use crate::grouped::Grouped;

/// Answers whose reads are written together, at most.
const MAX_GROUP: usize = 256;

/// A confidential record an answer held, with its sensitivity when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    pub kind: RecordKind,
    pub id: Uuid,
    pub sensitivity: Sensitivity,
}

/// The confidential records one answer held, for one caller.
type Reads = (Viewer, Vec<Read>);

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

    /// Answers whose reads wait to be written (queued, or in the group being written).
    pub fn pending(&self) -> usize {
        self.writer.pending()
    }

    /// [`Self::append`] for an answer already given: a failure is logged, not returned (the
    /// caller has its answer, and losing it would not make the log complete).
    pub async fn record(&self, viewer: &Viewer, reads: &[Read]) {
        if let Err(err) = self.append(viewer, reads).await {
            tracing::error!(error = ?err, "could not log confidential reads");
        }
    }

    /// Logs that `viewer` read these confidential records; returns once they are written.
    pub async fn append(&self, viewer: &Viewer, reads: &[Read]) -> AppResult<()> {
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
            .map(|(read, answers)| {
                let mut after = serde_json::json!({ "sensitivity": read.sensitivity });
                if answers > 1 {
                    after["reads"] = answers.into();
                }
                audit::Entry {
                    operation: audit::READ,
                    kind: Some(read.kind),
                    record_id: Some(read.id),
                    before: None,
                    after: Some(after),
                }
            })
            .collect();
        audit::append_many(&tx, viewer, entries).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A record one caller read (at the highest sensitivity any answer saw it at), and in how many
/// answers of the group.
type CountedRead = (Read, u32);

/// The reads of a group, per caller in order of arrival: each record once, with the number of
/// answers that held it.
fn coalesce<'a>(
    answers: impl IntoIterator<Item = (&'a Viewer, &'a [Read])>,
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
            let key = (read.kind, read.id);
            let first_in_answer = seen_in_answer.insert(key);
            let entries = &mut callers[at].1;
            match record_index[at].get(&key) {
                Some(&i) => {
                    let (held, answers) = &mut entries[i];
                    held.sensitivity = held.sensitivity.max(read.sensitivity);
                    if first_in_answer {
                        *answers += 1;
                    }
                }
                None => {
                    record_index[at].insert(key, entries.len());
                    entries.push((read, 1));
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

    const C: Sensitivity = Sensitivity::Confidential;
    const SC: Sensitivity = Sensitivity::StrictlyConfidential;

    fn read(kind: RecordKind, n: u128, sensitivity: Sensitivity) -> Read {
        Read {
            kind,
            id: Uuid::from_u128(n),
            sensitivity,
        }
    }

    #[test]
    fn a_group_logs_each_record_once_per_caller_with_the_number_of_answers() {
        let admin = Viewer::system();
        let mut analyst = Viewer::system();
        analyst.actor = "user:ana".into();
        analyst.role = Role::Analyst;
        let m = RecordKind::Mission;
        let f = RecordKind::Forum;
        let first = [read(m, 1, C), read(f, 2, C), read(m, 1, C)];
        let second = [read(f, 2, C), read(m, 3, C)];
        let third = [read(m, 1, C)];
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
            vec![(read(m, 1, C), 1), (read(f, 2, C), 2), (read(m, 3, C), 1)]
        );
        assert_eq!(group[1].0.actor, "user:ana");
        assert_eq!(group[1].1, vec![(read(m, 1, C), 1)]);
    }

    #[test]
    fn a_record_read_at_two_levels_is_logged_at_the_higher() {
        let admin = Viewer::system();
        let p = RecordKind::Person;
        let first = [read(p, 1, C), read(p, 1, SC)];
        let second = [read(p, 2, SC)];
        let third = [read(p, 2, C)];
        let group = coalesce([
            (&admin, &first[..]),
            (&admin, &second[..]),
            (&admin, &third[..]),
        ]);
        assert_eq!(group[0].1, vec![(read(p, 1, SC), 1), (read(p, 2, SC), 2)]);
    }

    #[test]
    fn the_same_actor_under_another_role_is_another_caller() {
        let admin = Viewer::system();
        let mut demoted = Viewer::system();
        demoted.role = Role::Viewer;
        let reads = [read(RecordKind::Mission, 1, C)];
        let group = coalesce([(&admin, &reads[..]), (&demoted, &reads[..])]);
        assert_eq!(group.len(), 2);
        assert!(group
            .iter()
            .all(|(_, r)| r == &vec![(read(RecordKind::Mission, 1, C), 1)]));
    }

    #[test]
    fn nothing_read_is_nothing_logged() {
        let admin = Viewer::system();
        assert_eq!(coalesce([(&admin, &[][..])])[0].1, vec![]);
        assert!(coalesce(std::iter::empty()).is_empty());
    }
}
