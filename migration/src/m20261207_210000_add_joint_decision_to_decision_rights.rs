//! Adds `decision_rights.joint_decision`: a label naming a decision several holders take
//! together. Rights of one decision area and mission (or global defaults) with the same kind,
//! scope and label are one joint decision, e.g. the three core protection agencies agreeing on
//! the country's cluster lead agency. A label rather than a reference to another right, so that
//! no right is the "first" of a joint decision and rows load in any order. `down` drops the
//! column again.

use sea_orm_migration::prelude::*;

use crate::columns::short;
use crate::m20261123_140006_create_decision_rights::DecisionRights;

/// Longest label, as for decision area codes.
const LABEL_LEN: u32 = 64;

#[derive(DeriveIden)]
enum Added {
    JointDecision,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(DecisionRights::Table)
                    .add_column(short(Added::JointDecision, LABEL_LEN))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(DecisionRights::Table)
                    .drop_column(Added::JointDecision)
                    .to_owned(),
            )
            .await
    }
}
