//! Resilience and disaster recovery: survive failures, restore when needed.

use super::{regulated_by, when};
use crate::capacity::{capacity, Fit};
use crate::choices::{Availability, Compliance, NodeAutoscaler, Purchase, ServiceKind, Topology};
use crate::critique::Hit;
use crate::critique::{Fix, Principle::Resilience, Rule, Severity::*};

pub const REL_001: Rule = Rule {
    id: "REL-001",
    principle: Resilience,
    severity: Critical,
    title: "Zones match the availability target",
    why: "A zone outage takes a single-zone cluster down for hours; 99.9 % allows 43 minutes a month.",
    instead: "Spread nodes over three zones for 99.9 % and above (two at the very least).",
    check: |d| {
        let zones = d.spec.cluster.zones;
        let needed = match d.spec.workload.availability {
            Availability::P99_0 => 1,
            Availability::P99_5 => 2,
            _ => 3,
        };
        when(
            zones < needed,
            "spec.cluster.zones",
            format!("{zones} zone(s) for a {} target; use {needed}.", crate::choices::Choice::label(d.spec.workload.availability)),
        )
    },
    fix: Some(Fix {
        label: "Use three zones",
        apply: |d| d.spec.cluster.zones = d.spec.cluster.zones.max(3),
    }),
};

pub const REL_002: Rule = Rule {
    id: "REL-002",
    principle: Resilience,
    severity: High,
    title: "Serving workloads run at least two replicas",
    why: "One replica means every deploy, node drain or crash is an outage.",
    instead: "Run two or more replicas of every API and web service in production, with a disruption budget.",
    check: |d| {
        d.spec
            .workload
            .services
            .iter()
            .enumerate()
            .filter(|(_, g)| matches!(g.kind, ServiceKind::Api | ServiceKind::Web) && g.min_replicas < 2)
            .map(|(i, g)| crate::critique::Hit::at(
                format!("spec.workload.services[{i}].minReplicas"),
                format!("'{}' runs a single replica.", g.name),
            ))
            .collect()
    },
    fix: Some(Fix {
        label: "Two replicas at least",
        apply: |d| {
            for group in &mut d.spec.workload.services {
                if matches!(group.kind, ServiceKind::Api | ServiceKind::Web) && group.min_replicas < 2 {
                    group.min_replicas = 2;
                    group.max_replicas = group.max_replicas.max(2);
                }
            }
        },
    }),
};

pub const REL_003: Rule = Rule {
    id: "REL-003",
    principle: Resilience,
    severity: Critical,
    title: "State in the cluster is backed up",
    why: "Volumes are not in Git; if the cluster or a volume is lost, so is the data.",
    instead: "Back up volumes and cluster state on a schedule (e.g. Velero) and rehearse restores.",
    check: |d| {
        when(
            d.spec.workload.data.in_cluster_state && !d.spec.workload.data.backups,
            "spec.workload.data.backups",
            "State lives in the cluster without backups.",
        )
    },
    fix: Some(Fix {
        label: "Back up cluster state",
        apply: |d| d.spec.workload.data.backups = true,
    }),
};

pub const REL_004: Rule = Rule {
    id: "REL-004",
    principle: Resilience,
    severity: Medium,
    title: "A restore fits in the availability budget",
    why: "If a full restore takes longer than the month's downtime allowance, one disaster breaks the target.",
    instead: "Bring the RTO under the monthly downtime budget, or accept a lower target.",
    check: |d| {
        let budget = d.spec.workload.availability.downtime_minutes_per_month();
        let rto = d.spec.workload.data.rto_minutes;
        when(
            f64::from(rto) > budget && d.spec.workload.data.in_cluster_state,
            "spec.workload.data.rtoMinutes",
            format!("A restore may take {rto} minutes; the target allows {budget:.0} minutes of downtime a month."),
        )
    },
    fix: None,
};

pub const REL_005: Rule = Rule {
    id: "REL-005",
    principle: Resilience,
    severity: High,
    title: "Regulated production runs in its own cluster",
    why: "Sharing a cluster with dev and staging puts them in audit scope and lets a test workload reach production data.",
    instead: "Separate production from non-production clusters.",
    check: |d| when(
        d.spec.cluster.topology == Topology::Single && regulated_by(d, &[Compliance::PciDss, Compliance::Hipaa]),
        "spec.cluster.topology",
        "Production shares a cluster with non-production under PCI-DSS or HIPAA.",
    ),
    fix: Some(Fix { label: "Separate prod and non-prod", apply: |d| d.spec.cluster.topology = Topology::ProdAndNonProd }),
};

pub const REL_006: Rule = Rule {
    id: "REL-006",
    principle: Resilience,
    severity: Medium,
    title: "Nodes scale with demand",
    why: "With fixed node counts a traffic peak leaves pods pending, and quiet hours pay for idle nodes.",
    instead: "Run Karpenter (EKS) or the Cluster Autoscaler.",
    check: |d| when(
        d.spec.cluster.node_autoscaler == NodeAutoscaler::None && d.spec.cluster.node_pools.iter().any(|p| p.max_nodes > p.min_nodes),
        "spec.cluster.nodeAutoscaler",
        "Pools have room to grow but nothing adds nodes.",
    ),
    fix: Some(Fix { label: "Use the Cluster Autoscaler", apply: |d| d.spec.cluster.node_autoscaler = NodeAutoscaler::ClusterAutoscaler }),
};

pub const REL_007: Rule = Rule {
    id: "REL-007",
    principle: Resilience,
    severity: High,
    title: "Production does not run on spot alone",
    why: "Spot capacity can be reclaimed all at once; if every pool is spot, a price spike is an outage.",
    instead: "Keep an on-demand or reserved base pool for production.",
    check: |d| when(
        !d.spec.cluster.node_pools.is_empty() && d.spec.cluster.node_pools.iter().all(|p| p.purchase == Purchase::Spot),
        "spec.cluster.nodePools[0].purchase",
        "Every node pool is spot.",
    ),
    fix: Some(Fix {
        label: "Make the first pool on-demand",
        apply: |d| {
            if let Some(pool) = d.spec.cluster.node_pools.first_mut() {
                pool.purchase = Purchase::OnDemand;
            }
        },
    }),
};

pub const REL_008: Rule = Rule {
    id: "REL-008",
    principle: Resilience,
    severity: High,
    title: "Each cluster's pools can hold its load at their maximum",
    why: "If a cluster's pools at their maximum cannot fit what runs there, pods stay pending at the first peak.",
    instead: "Raise the pools' maximum node counts or pick larger instance types.",
    check: |d| {
        capacity(d)
            .iter()
            .filter(|c| c.fit != Fit::Unknown && !c.fits_at_max())
            .map(|c| {
                Hit::at(
                    "spec.cluster.nodePools",
                    format!(
                        "{}: at most {:.0} vCPU and {:.0} GiB, but {:.0} vCPU and {:.0} GiB are needed at the target utilisation.",
                        c.cluster, c.max_allocatable_vcpu, c.max_allocatable_memory_gib, c.needed_vcpu, c.needed_memory_gib
                    ),
                )
            })
            .collect()
    },
    fix: None,
};

pub const REL_009: Rule = Rule {
    id: "REL-009",
    principle: Resilience,
    severity: High,
    title: "A 99.99 % target spans more than one region",
    why: "99.99 % allows four minutes of downtime a month; a regional outage of the provider lasts hours, and every zone of the region goes with it.",
    instead: "Run production in a second region (active-passive at least), with a global traffic entry and data replicated there.",
    check: |d| {
        when(
            d.spec.workload.availability == Availability::P99_99
                && d.spec.cluster.multi_region.as_ref().is_none_or(|m| m.regions.is_empty()),
            "spec.cluster.multiRegion",
            format!(
                "99.99 % from {} alone: one regional outage spends years of the error budget.",
                d.spec.cluster.region
            ),
        )
    },
    fix: None,
};

pub const REL_010: Rule = Rule {
    id: "REL-010",
    principle: Resilience,
    severity: High,
    title: "Regions that serve together share their data",
    why: "Active-active sends users to every region; without replication each region answers from different data, and a lost region loses its writes.",
    instead: "Replicate the data between regions (asynchronously at least), or run the other regions as standby.",
    check: |d| {
        when(
            d.spec.cluster.multi_region.as_ref().is_some_and(|m| {
                m.mode == crate::choices::RegionMode::ActiveActive
                    && m.data_replication == crate::choices::DataReplication::None
            }),
            "spec.cluster.multiRegion.dataReplication",
            "Active-active regions with no data replication between them.",
        )
    },
    fix: Some(Fix {
        label: "Replicate data asynchronously",
        apply: |d| {
            if let Some(m) = &mut d.spec.cluster.multi_region {
                m.data_replication = crate::choices::DataReplication::Asynchronous;
            }
        },
    }),
};
