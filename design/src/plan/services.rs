//! Environments and service groups as they run: namespaces, replicas and
//! requests per environment, the workload kind, and the object names derived
//! from a group's name, each checked against its Kubernetes limit.

use serde::Serialize;

use crate::choices::{DeliveryTool, Exposure, GitopsTool, Promotion, ServiceKind};
use crate::model::{PlatformDesign, ServiceGroup};
use crate::names::{check_dns_label, EnvName, ServiceName};
use crate::validate::FieldError;

use super::clusters::PlannedCluster;

/// A validated application namespace: a DNS-1123 label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Namespace(String);

impl Namespace {
    /// The namespace name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Namespace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// CPU and memory requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Requests {
    /// CPU in millicores.
    pub cpu_millicores: u64,
    /// Memory in MiB.
    pub memory_mebibytes: u64,
}

impl Requests {
    /// Nothing requested.
    pub const ZERO: Self = Self {
        cpu_millicores: 0,
        memory_mebibytes: 0,
    };

    /// The sum of two requests (saturating: bounds keep real designs far away).
    pub fn plus(self, other: Self) -> Self {
        Self {
            cpu_millicores: self.cpu_millicores.saturating_add(other.cpu_millicores),
            memory_mebibytes: self.memory_mebibytes.saturating_add(other.memory_mebibytes),
        }
    }

    /// CPU in vCPU.
    pub fn vcpu(self) -> f64 {
        self.cpu_millicores as f64 / 1000.0
    }

    /// Memory in GiB.
    pub fn memory_gib(self) -> f64 {
        self.memory_mebibytes as f64 / 1024.0
    }
}

/// What Kubernetes object runs a service group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WorkloadKind {
    /// A plain Deployment (rolling update, or Flagger's canary).
    Deployment,
    /// An Argo Rollouts `Rollout`.
    Rollout,
    /// A StatefulSet with volumes.
    StatefulSet,
    /// A CronJob.
    CronJob,
}

impl WorkloadKind {
    /// The kind as the manifest spells it.
    pub fn kind(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::Rollout => "Rollout",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::CronJob => "CronJob",
        }
    }

    /// Longest object name the kind takes: controllers append suffixes to
    /// build label values (63 at most), e.g. a StatefulSet's revision hash.
    fn name_limit(self) -> usize {
        match self {
            WorkloadKind::StatefulSet | WorkloadKind::CronJob => 52,
            WorkloadKind::Deployment | WorkloadKind::Rollout => 63,
        }
    }

    fn of(group: &ServiceGroup, delivery: DeliveryTool) -> Self {
        match (group.kind, group.stateful, delivery) {
            (ServiceKind::Batch, _, _) => WorkloadKind::CronJob,
            (_, true, _) => WorkloadKind::StatefulSet,
            (ServiceKind::Api | ServiceKind::Web, false, DeliveryTool::ArgoRollouts) => {
                WorkloadKind::Rollout
            }
            _ => WorkloadKind::Deployment,
        }
    }
}

/// An environment and where it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedEnvironment {
    /// Its name.
    pub name: EnvName,
    /// Whether customers depend on it.
    pub production: bool,
    /// The full name of the cluster that hosts it.
    pub cluster: String,
    /// Whether Git changes apply without a person (the production gate turns it off).
    pub auto_sync: bool,
    /// The Git revision it follows: the main branch with overlays, its own
    /// branch when promotion is by branches.
    pub revision: String,
}

/// A service group in one environment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceInEnvironment {
    /// The environment.
    pub env: EnvName,
    /// The namespace it runs in.
    pub namespace: Namespace,
    /// Fewest replicas of each service.
    pub min_replicas: u32,
    /// Most replicas of each service.
    pub max_replicas: u32,
    /// What the group requests there: every service at its minimum replicas.
    pub requests: Requests,
    /// What the group may use there: every service at its maximum replicas and
    /// limits, with the mesh proxy's limits in each pod (the namespace quota).
    pub limits: Requests,
    /// The host name it answers at from the internet: `<group>.<domain>` in
    /// production, `<group>-<env>.<domain>` elsewhere. `None` when the group
    /// is not public, the job has no Service, or the design names no domain yet.
    pub host: Option<String>,
}

/// A service group as it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedService {
    /// The group's name (also its workload's and Service's name).
    pub name: ServiceName,
    /// Services in the group.
    pub count: u32,
    /// The object that runs it.
    pub workload: WorkloadKind,
    /// Whether Flagger runs canaries for it.
    pub canary: bool,
    /// Per environment, in promotion order.
    pub environments: Vec<ServiceInEnvironment>,
}

impl PlannedService {
    /// Pods the group runs at minimum replicas in the environments for which
    /// `hosted` holds (every service of the group, saturating).
    pub fn pods_where(&self, hosted: impl Fn(&EnvName) -> bool) -> u64 {
        self.environments
            .iter()
            .filter(|e| hosted(&e.env))
            .map(|e| u64::from(self.count) * u64::from(e.min_replicas))
            .fold(0, u64::saturating_add)
    }
}

/// Replica bounds in an environment: production takes the design's; other
/// environments run at most two at the minimum and half the maximum.
pub fn replicas_in(group: &ServiceGroup, production: bool) -> (u32, u32) {
    if production {
        (group.min_replicas, group.max_replicas)
    } else {
        let min = group.min_replicas.min(2);
        (min, (group.max_replicas / 2).max(min))
    }
}

pub(super) fn environments(
    design: &PlatformDesign,
    clusters: &[PlannedCluster],
) -> Vec<PlannedEnvironment> {
    let s = &design.spec;
    s.cluster
        .environments
        .iter()
        .map(|e| PlannedEnvironment {
            name: e.name.clone(),
            production: e.production,
            cluster: clusters
                .iter()
                .find(|c| c.environments.contains(&e.name))
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            auto_sync: s.gitops.sync.auto_sync && !(e.production && s.gitops.sync.manual_prod_gate),
            revision: match s.gitops.promotion {
                Promotion::KustomizeOverlays => s.gitops.branch.clone(),
                Promotion::Branches => e.name.to_string(),
            },
        })
        .collect()
}

fn times(a: u32, b: u32, c: u32) -> u64 {
    u64::from(a)
        .saturating_mul(u64::from(b))
        .saturating_mul(u64::from(c))
}

pub(super) fn services(
    design: &PlatformDesign,
    environments: &[PlannedEnvironment],
    env_suffixed: bool,
    problems: &mut Vec<FieldError>,
) -> Vec<PlannedService> {
    let s = &design.spec;
    let delivery = s.gitops.progressive_delivery.tool;
    let flux = s.gitops.tool == GitopsTool::Flux;
    let mut out = Vec::new();
    for (i, g) in s.workload.services.iter().enumerate() {
        let name = g.name.as_str();
        // The path is spelt only when there is a problem: this runs at every keystroke.
        let mut problem = |message: String| {
            problems.push(FieldError::new(
                format!("spec.workload.services[{i}].name"),
                message,
            ))
        };
        let workload = WorkloadKind::of(g, delivery);
        let serving_kind = matches!(g.kind, ServiceKind::Api | ServiceKind::Web);
        let canary = delivery == DeliveryTool::Flagger
            && workload == WorkloadKind::Deployment
            && (serving_kind || g.exposure != Exposure::None);
        // Every long-running group gets a Service (DNS-1035: a letter first).
        if workload != WorkloadKind::CronJob && !name.starts_with(|c: char| c.is_ascii_lowercase())
        {
            problem(format!(
                "'{name}' names a Kubernetes Service, which must start with a letter."
            ));
        }
        let limit = workload.name_limit();
        if name.len() > limit {
            problem(format!(
                "A {} name holds at most {limit} characters; '{name}' has {}.",
                workload.kind(),
                name.len()
            ));
        }
        // The canary and primary Services progressive delivery adds.
        let extra = match delivery {
            DeliveryTool::Flagger if canary => Some("-primary"),
            DeliveryTool::ArgoRollouts if workload == WorkloadKind::Rollout => Some("-canary"),
            _ => None,
        };
        if let Some(suffix) = extra {
            if name.len() + suffix.len() > 63 {
                problem(format!(
                    "Progressive delivery adds a Service '{name}{suffix}', longer than 63 characters: keep the name to {} characters.",
                    63 - suffix.len()
                ));
            }
        }
        let mut per_env = Vec::new();
        for e in environments {
            let namespace = if env_suffixed {
                format!("{name}-{}", e.name)
            } else {
                name.to_owned()
            };
            if let Err(why) = check_dns_label(&namespace) {
                problem(format!(
                    "In {} the namespace would be '{namespace}', which {why}: shorten the service group or environment name.",
                    e.name
                ));
            }
            // Argo CD names each application `<service>-<env>` and labels
            // what it deploys with that name.
            if !flux && !env_suffixed && name.len() + 1 + e.name.as_str().len() > 63 {
                problem(format!(
                    "The Argo CD application '{name}-{}' would be longer than 63 characters: shorten the service group or environment name.",
                    e.name
                ));
            }
            let (min_replicas, max_replicas) = replicas_in(g, e.production);
            let domain = s.cluster.public_domain.as_str();
            let host = (g.exposure == Exposure::Public
                && workload != WorkloadKind::CronJob
                && !domain.is_empty())
            .then(|| {
                let label = if e.production {
                    name.to_owned()
                } else {
                    format!("{name}-{}", e.name)
                };
                if label.len() > 63 {
                    problem(format!(
                        "The host name '{label}.{domain}' has a first label longer than 63 characters: shorten the service group or environment name."
                    ));
                }
                format!("{label}.{domain}")
            });
            per_env.push(ServiceInEnvironment {
                env: e.name.clone(),
                namespace: Namespace(namespace),
                min_replicas,
                max_replicas,
                requests: Requests {
                    cpu_millicores: times(g.count, min_replicas, g.cpu_request_millicores),
                    memory_mebibytes: times(g.count, min_replicas, g.memory_request_mebibytes),
                },
                limits: Requests {
                    cpu_millicores: times(g.count, max_replicas, g.cpu_limit_millicores),
                    memory_mebibytes: times(g.count, max_replicas, g.memory_limit_mebibytes),
                },
                host,
            });
        }
        out.push(PlannedService {
            name: g.name.clone(),
            count: g.count,
            workload,
            canary,
            environments: per_env,
        });
    }
    if flux {
        for (i, e) in environments.iter().enumerate() {
            let kustomization = format!("apps-{}", e.name);
            if kustomization.len() > 63 {
                problems.push(FieldError::new(
                    format!("spec.cluster.environments[{i}].name"),
                    format!(
                        "Flux names this environment's Kustomization '{kustomization}' and labels objects with it, so keep the environment name to 58 characters."
                    ),
                ));
            }
        }
    }
    out
}
