//! GraphQL types of humanitarian clusters, their Areas of Responsibility and lead agencies.

use std::cmp::Ordering;

use crate::graphql::enums::{AorTheme, ClusterScope, ClusterSector, LeadRole};
use crate::graphql::forum::Forum;
use crate::graphql::organization::Organization;
use crate::graphql::record_object::record_object;
use crate::graphql::structure::Component;

record_object! {
    /// A humanitarian coordination group for one sector, global (the Global Protection Cluster) or
    /// in one country, or a cluster-like working group where no cluster is activated.
    pub struct Cluster(entity::cluster) is temporal;

    fields {
        /// Short unique code, e.g. `GPC`, `PC-COD`.
        async fn code(&self) -> &str {
            &self.0.code
        }

        /// Full name.
        async fn name(&self) -> &str {
            &self.0.name
        }

        /// Global or field.
        async fn scope(&self) -> ClusterScope {
            self.0.scope.into()
        }

        /// The humanitarian sector.
        async fn sector(&self) -> ClusterSector {
            self.0.sector.into()
        }

        /// Whether it is a cluster-like working group rather than an activated cluster.
        async fn is_cluster_like(&self) -> bool {
            self.0.is_cluster_like
        }

        /// ISO 3166-1 alpha-3 code of the country, for field clusters.
        async fn country_code(&self) -> Option<&str> {
            self.0.country_code.as_deref()
        }
    }

    /// The global cluster a field cluster belongs to.
    parent: one Cluster(parent_id);
    /// The clusters under this one on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended): the field clusters of a global cluster, by code.
    children: many Cluster(cluster::ParentId),
        as_of "The date to read the clusters on (default `defaultAsOf`: today, or the last day once ended).",
        order |a, b| a.code.cmp(&b.code);
    /// The cluster's Areas of Responsibility on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended), by name.
    areas_of_responsibility: many AreaOfResponsibility(area_of_responsibility::ClusterId),
        as_of "The date to read the AoRs on (default `defaultAsOf`: today, or the last day once ended).",
        order |a, b| a.name.cmp(&b.name);
    /// Who leads and co-leads the cluster on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended): the LEAD first.
    lead_agencies: many LeadAgency(lead_agency::ClusterId),
        as_of "The date to read the leads on (default `defaultAsOf`: today, or the last day once ended).",
        order leads_first;
    /// The cluster's coordination forums on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), by name.
    forums: many Forum(forum::ClusterId),
        as_of "The date to read the forums on (default `defaultAsOf`: today, or the last day once ended).",
        order |a, b| a.name.cmp(&b.name);
}

record_object! {
    /// A thematic Area of Responsibility of a Protection Cluster: Child Protection, Gender-Based
    /// Violence, Mine Action, Housing Land and Property.
    pub struct AreaOfResponsibility(entity::area_of_responsibility) is temporal;

    fields {
        /// Name of the AoR.
        async fn name(&self) -> &str {
            &self.0.name
        }

        /// Its theme.
        async fn theme(&self) -> AorTheme {
            self.0.theme.into()
        }
    }

    /// The cluster it belongs to.
    cluster: one Cluster(cluster_id);
    /// The mission component that is its counterpart.
    counterpart_component: one Component(counterpart_component_id);
    /// Who leads and co-leads the AoR on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended): the LEAD first.
    lead_agencies: many LeadAgency(lead_agency::AreaOfResponsibilityId),
        as_of "The date to read the leads on (default `defaultAsOf`: today, or the last day once ended).",
        order leads_first;
    /// The AoR's coordination forums on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended), by name.
    forums: many Forum(forum::AreaOfResponsibilityId),
        as_of "The date to read the forums on (default `defaultAsOf`: today, or the last day once ended).",
        order |a, b| a.name.cmp(&b.name);
}

record_object! {
    /// An organisation or component leading or co-leading a cluster or AoR over a period.
    pub struct LeadAgency(entity::lead_agency) is relationship;

    fields {
        /// Lead or co-lead.
        async fn role(&self) -> LeadRole {
            self.0.role.into()
        }
    }

    /// The cluster led (or null when an AoR is led).
    cluster: one Cluster(cluster_id);
    /// The AoR led (or null when a cluster is led).
    area_of_responsibility: one AreaOfResponsibility(area_of_responsibility_id);
    /// The leading organisation (or null when a component leads).
    organization: one Organization(organization_id);
    /// The leading mission component (or null when an organisation leads).
    component: one Component(component_id);
}

/// The LEAD before co-leads, then the longest-standing first.
fn leads_first(a: &entity::lead_agency::Model, b: &entity::lead_agency::Model) -> Ordering {
    let key = |l: &entity::lead_agency::Model| {
        (l.role != entity::enums::LeadRole::Lead, l.valid_from, l.id)
    };
    key(a).cmp(&key(b))
}
