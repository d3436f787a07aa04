//! Step 1: the workload the platform carries.

use serde::{Deserialize, Serialize};

use crate::choices::{Availability, Compliance, Experience, Exposure, Runtime, ServiceKind};
use crate::names::{EnvName, ServiceName, TeamName};

/// What runs on the platform and what it must promise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Workload {
    /// Groups of similar services.
    pub services: Vec<ServiceGroup>,
    /// Request volume and growth.
    pub traffic: Traffic,
    /// Where data lives and whether it is backed up.
    pub data: DataNeeds,
    /// Compliance regimes in scope; empty means none.
    pub compliance: Vec<Compliance>,
    /// Monthly availability target.
    pub availability: Availability,
    /// 99th-percentile latency target in milliseconds.
    pub p99_latency_ms: u32,
    /// Who builds and runs the platform.
    pub team: Team,
    /// Moving existing services onto the platform is planned in phases.
    #[serde(default)]
    pub migration_planned: bool,
    /// The teams that own the service groups (the platform's tenants); empty:
    /// every service group is its own team, named after it.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub tenants: Vec<Tenant>,
}

impl Default for Workload {
    fn default() -> Self {
        Self {
            services: vec![ServiceGroup::default()],
            traffic: Traffic::default(),
            data: DataNeeds::default(),
            compliance: Vec::new(),
            availability: Availability::P99_9,
            p99_latency_ms: 300,
            team: Team::default(),
            migration_planned: false,
            tenants: Vec::new(),
        }
    }
}

/// A group of services that share a runtime and a resource profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceGroup {
    /// DNS-1123 name of the group.
    pub name: ServiceName,
    /// Language and framework.
    pub runtime: Runtime,
    /// How many services the group holds.
    pub count: u32,
    /// What the services do.
    pub kind: ServiceKind,
    /// Whether the services keep state on local volumes.
    pub stateful: bool,
    /// CPU request per replica, in millicores.
    pub cpu_request_millicores: u32,
    /// CPU limit per replica, in millicores.
    pub cpu_limit_millicores: u32,
    /// Memory request per replica, in MiB.
    pub memory_request_mebibytes: u32,
    /// Memory limit per replica, in MiB.
    pub memory_limit_mebibytes: u32,
    /// Fewest replicas per service in production.
    pub min_replicas: u32,
    /// Most replicas per service in production.
    pub max_replicas: u32,
    /// Who can reach the services.
    pub exposure: Exposure,
}

impl Default for ServiceGroup {
    fn default() -> Self {
        Self {
            name: ServiceName::known("api"),
            runtime: Runtime::Go,
            count: 1,
            kind: ServiceKind::Api,
            stateful: false,
            cpu_request_millicores: 250,
            cpu_limit_millicores: 500,
            memory_request_mebibytes: 256,
            memory_limit_mebibytes: 512,
            min_replicas: 2,
            max_replicas: 6,
            exposure: Exposure::Public,
        }
    }
}

/// Request volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Traffic {
    /// Requests per day today.
    pub requests_per_day: u64,
    /// Peak rate divided by the average rate (≥ 1).
    pub peak_factor: f64,
    /// Expected traffic in 12 months divided by today's (1 = no growth).
    pub growth_factor_12_months: f64,
}

impl Default for Traffic {
    fn default() -> Self {
        Self {
            requests_per_day: 1_000_000,
            peak_factor: 3.0,
            growth_factor_12_months: 1.5,
        }
    }
}

/// Where data lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataNeeds {
    /// Databases run as managed cloud services outside the cluster.
    pub external_managed_databases: bool,
    /// Some state lives in the cluster (StatefulSets, volumes).
    pub in_cluster_state: bool,
    /// Cluster state and volumes are backed up (e.g. with Velero).
    pub backups: bool,
    /// Recovery time objective in minutes.
    pub rto_minutes: u32,
    /// Recovery point objective in minutes.
    pub rpo_minutes: u32,
    /// A disaster-recovery plan exists (restore runbook, rehearsed).
    #[serde(default)]
    pub dr_plan: bool,
}

impl Default for DataNeeds {
    fn default() -> Self {
        Self {
            external_managed_databases: true,
            in_cluster_state: false,
            backups: true,
            rto_minutes: 60,
            rpo_minutes: 15,
            dr_plan: false,
        }
    }
}

/// Who builds on and runs the platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Team {
    /// Application developers using the platform.
    pub developers: u32,
    /// Their Kubernetes experience.
    pub kubernetes_experience: Experience,
    /// People running the platform itself.
    pub platform_team_size: u32,
    /// Developers get service templates and a written guide (a golden path).
    #[serde(default)]
    pub golden_path: bool,
}

impl Default for Team {
    fn default() -> Self {
        Self {
            developers: 8,
            kubernetes_experience: Experience::Limited,
            platform_team_size: 2,
            golden_path: false,
        }
    }
}

/// A team that owns service groups: a tenant of the platform, with its own
/// namespaces, roles and GitOps project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tenant {
    /// DNS-1123 name of the team.
    pub name: TeamName,
    /// Who answers for the team's services (a person or a mailbox).
    pub owner: String,
    /// Cost centre its spend is charged to; a Kubernetes label value.
    pub cost_centre: String,
    /// Identity-provider group of the team's developers.
    pub developers_group: String,
    /// Identity-provider group of the team's on-call rota.
    pub on_call_group: String,
    /// The service groups the team owns, by name.
    pub services: Vec<ServiceName>,
    /// Environments the team may sync itself; unset: every environment that
    /// is not production (production waits for the platform's promotion).
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub sync_environments: Option<Vec<EnvName>>,
}

impl Default for Tenant {
    fn default() -> Self {
        Self {
            name: TeamName::known("team"),
            owner: String::new(),
            cost_centre: String::new(),
            developers_group: String::new(),
            on_call_group: String::new(),
            services: Vec::new(),
            sync_environments: None,
        }
    }
}
