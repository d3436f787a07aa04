//! Capacity per cluster: what runs there (the applications of its
//! environments, their mesh sidecars, the platform's own pods and the node
//! agents on every node), what that needs at the target utilisation, and
//! what the cluster's pools provide at their desired size once the kubelet's
//! reserve is taken off each node.

use serde::Serialize;

use crate::model::PlatformDesign;
use crate::plan::footprint::{node_reserve, times};
use crate::plan::{Plan, PlannedCluster, Requests};

pub use crate::plan::clusters_node_size as node_size;
pub use crate::plan::Requests as RequestedResources;

/// Hours in an average month (8760 / 12), as cloud bills use.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Pools at desired size provide more than this multiple of what the load
/// needs: the cluster is far over its need.
pub const FAR_OVER_FACTOR: f64 = 2.5;

/// Requests of each environment, from the plan: every service at its minimum
/// replicas there (production takes the design's minimum, other environments
/// at most two, as the exported overlays set them).
pub fn requests_per_environment(design: &PlatformDesign) -> Vec<(String, Requests)> {
    Plan::of(design).requests_per_environment()
}

/// How a cluster's pools compare with its load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    /// At desired size the pools cannot hold the load at the target utilisation.
    Short,
    /// They hold it.
    Fits,
    /// They provide more than [`FAR_OVER_FACTOR`] times what is needed.
    FarOver,
    /// Some pool's node size is unknown, so nothing can be said.
    Unknown,
}

/// One pool of a cluster, as capacity sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolCapacity {
    /// The pool's name.
    pub pool: String,
    /// Nodes at desired size.
    pub desired_nodes: u32,
    /// Most nodes.
    pub max_nodes: u32,
    /// vCPU and GiB of one node, when known.
    pub node_size: Option<(u32, u32)>,
    /// What one node offers pods: its size minus the kubelet reserve.
    pub allocatable: Option<Requests>,
    /// Whether ordinary pods may run there: a `NoSchedule` or `NoExecute`
    /// taint keeps every pod off that does not tolerate it, and nothing the
    /// export deploys tolerates a design's taints (only node agents run there).
    pub schedulable: bool,
    /// Nodes of this pool alone that would carry the cluster's whole load at
    /// the target utilisation (`None`: size unknown, or a node too small even
    /// for the node agents).
    pub nodes_needed_alone: Option<u32>,
}

/// Capacity of one cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterCapacity {
    /// The cluster's full name.
    pub cluster: String,
    /// Whether a production environment runs in it.
    pub production: bool,
    /// The environments it hosts.
    pub environments: Vec<String>,
    /// Nodes of all its pools at desired size.
    pub nodes: u32,
    /// Of those, nodes of tainted pools that carry node agents only.
    pub tainted_nodes: u32,
    /// The applications of its environments at minimum replicas.
    pub apps: Requests,
    /// Pods that carry the mesh sidecar (applications and meshed platform pods).
    pub meshed_pods: u64,
    /// The sidecars of those pods.
    pub sidecars: Requests,
    /// The platform's fixed-replica pods.
    pub platform: Requests,
    /// What the node agents request on each node.
    pub per_node_agents: Requests,
    /// Node agents on every node, times the nodes.
    pub node_agents: Requests,
    /// Everything requested: the four above.
    pub requested: Requests,
    /// vCPU nodes must offer so requests fill the target utilisation.
    pub needed_vcpu: f64,
    /// GiB likewise.
    pub needed_memory_gib: f64,
    /// vCPU the pools offer pods at desired size (after the kubelet reserve).
    pub allocatable_vcpu: f64,
    /// GiB likewise.
    pub allocatable_memory_gib: f64,
    /// vCPU the pools offer at their maximum size.
    pub max_allocatable_vcpu: f64,
    /// GiB likewise.
    pub max_allocatable_memory_gib: f64,
    /// Its pools.
    pub pools: Vec<PoolCapacity>,
    /// The verdict at desired size.
    pub fit: Fit,
}

impl ClusterCapacity {
    /// The share of what is needed that the pools provide at desired size,
    /// on the tighter of CPU and memory (1.0: exactly enough).
    pub fn coverage(&self) -> f64 {
        let cpu = ratio(self.allocatable_vcpu, self.needed_vcpu);
        let memory = ratio(self.allocatable_memory_gib, self.needed_memory_gib);
        cpu.min(memory)
    }

    /// Whether the pools at their maximum size can hold the load.
    pub fn fits_at_max(&self) -> bool {
        self.max_allocatable_vcpu >= self.needed_vcpu
            && self.max_allocatable_memory_gib >= self.needed_memory_gib
    }

    /// One sentence on how the cluster's load and pools compare.
    pub fn summary(&self) -> String {
        let verdict = match self.fit {
            Fit::Short => "short",
            Fit::Fits => "enough",
            Fit::FarOver => "far more than needed",
            Fit::Unknown => "unknown (a node size is not known)",
        };
        format!(
            "{}: requests {:.1} vCPU / {:.1} GiB (apps {:.1} vCPU, sidecars {:.1}, platform {:.1}, node agents {:.1}); at the target utilisation that needs {:.1} vCPU / {:.1} GiB; {} node(s) offer {:.1} vCPU / {:.1} GiB{}: {verdict}.",
            self.cluster,
            self.requested.vcpu(),
            self.requested.memory_gib(),
            self.apps.vcpu(),
            self.sidecars.vcpu(),
            self.platform.vcpu(),
            self.node_agents.vcpu(),
            self.needed_vcpu,
            self.needed_memory_gib,
            self.nodes.saturating_sub(self.tainted_nodes),
            self.allocatable_vcpu,
            self.allocatable_memory_gib,
            if self.tainted_nodes > 0 {
                format!(
                    " ({} more on tainted pools carry node agents only: nothing else tolerates their taints)",
                    self.tainted_nodes
                )
            } else {
                String::new()
            },
        )
    }
}

fn ratio(have: f64, need: f64) -> f64 {
    if need <= 0.0 {
        f64::INFINITY
    } else {
        have / need
    }
}

/// The plan of `design` with its capacity, shared: the critique asks for the
/// same design several times in a row (three capacity rules and the budget
/// rule), so the last answer is kept (per thread) while the design is unchanged.
pub fn derived(design: &PlatformDesign) -> std::rc::Rc<(Plan, Vec<ClusterCapacity>)> {
    type Last =
        std::cell::RefCell<Option<(PlatformDesign, std::rc::Rc<(Plan, Vec<ClusterCapacity>)>)>>;
    thread_local! {
        static LAST: Last = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        if let Some((seen, answer)) = &*last.borrow() {
            if seen == design {
                return answer.clone();
            }
        }
        let plan = Plan::of(design);
        let capacity = capacity_of(design, &plan);
        let answer = std::rc::Rc::new((plan, capacity));
        *last.borrow_mut() = Some((design.clone(), answer.clone()));
        answer
    })
}

/// Capacity of every cluster of `design`.
pub fn capacity(design: &PlatformDesign) -> Vec<ClusterCapacity> {
    derived(design).1.clone()
}

/// Capacity of every cluster, from a plan already built for `design`.
pub fn capacity_of(design: &PlatformDesign, plan: &Plan) -> Vec<ClusterCapacity> {
    let utilisation = f64::from(design.spec.cost.target_utilisation_percent.max(1)) / 100.0;
    plan.clusters
        .iter()
        .map(|c| cluster_capacity(plan, c, utilisation))
        .collect()
}

/// Application pods of `cluster` at minimum replicas.
pub fn app_pods(plan: &Plan, cluster: &PlannedCluster) -> u64 {
    plan.services
        .iter()
        .map(|s| s.pods_where(|env| cluster.environments.contains(env)))
        .fold(0u64, u64::saturating_add)
}

fn cluster_capacity(plan: &Plan, cluster: &PlannedCluster, utilisation: f64) -> ClusterCapacity {
    let f = &plan.footprint;
    let apps = cluster
        .environments
        .iter()
        .fold(Requests::ZERO, |t, e| t.plus(plan.requests_in(e.as_str())));
    let meshed_pods = match &f.sidecar {
        Some(_) => app_pods(plan, cluster).saturating_add(f.meshed_pods()),
        None => 0,
    };
    let sidecars = f
        .sidecar
        .as_ref()
        .map_or(Requests::ZERO, |s| times(s.requests, meshed_pods));
    let platform = f.replicated();
    let per_node = f.per_node();
    let schedulable = |pool: &crate::plan::PlannedPool| {
        !pool.taints.iter().any(|t| {
            matches!(
                t.effect,
                crate::names::TaintEffect::NoSchedule | crate::names::TaintEffect::NoExecute
            )
        })
    };
    let nodes: u32 = cluster
        .node_pools
        .iter()
        .map(|p| p.desired_nodes)
        .fold(0, u32::saturating_add);
    let tainted_nodes: u32 = cluster
        .node_pools
        .iter()
        .filter(|p| !schedulable(p))
        .map(|p| p.desired_nodes)
        .fold(0, u32::saturating_add);
    // Node agents on the nodes that carry everything else; those on tainted
    // nodes fit there by themselves.
    let node_agents = times(per_node, u64::from(nodes.saturating_sub(tainted_nodes)));
    let fixed = apps.plus(sidecars).plus(platform);
    let requested = fixed.plus(node_agents);
    let needed_vcpu = requested.vcpu() / utilisation;
    let needed_memory_gib = requested.memory_gib() / utilisation;

    let mut allocatable_vcpu = 0.0;
    let mut allocatable_memory_gib = 0.0;
    let mut max_allocatable_vcpu = 0.0;
    let mut max_allocatable_memory_gib = 0.0;
    let mut unknown = false;
    let pools = cluster
        .node_pools
        .iter()
        .map(|pool| {
            let allocatable = pool.node_size.map(|(vcpu, memory)| {
                let reserve = node_reserve(vcpu, memory);
                Requests {
                    cpu_millicores: (u64::from(vcpu) * 1000).saturating_sub(reserve.cpu_millicores),
                    memory_mebibytes: (u64::from(memory) * 1024)
                        .saturating_sub(reserve.memory_mebibytes),
                }
            });
            let open = schedulable(pool);
            match allocatable.filter(|_| open) {
                Some(a) => {
                    allocatable_vcpu += f64::from(pool.desired_nodes) * a.vcpu();
                    allocatable_memory_gib += f64::from(pool.desired_nodes) * a.memory_gib();
                    max_allocatable_vcpu += f64::from(pool.max_nodes) * a.vcpu();
                    max_allocatable_memory_gib += f64::from(pool.max_nodes) * a.memory_gib();
                }
                None if open => unknown = true,
                None => {}
            }
            PoolCapacity {
                pool: pool.name.to_string(),
                desired_nodes: pool.desired_nodes,
                max_nodes: pool.max_nodes,
                node_size: pool.node_size,
                allocatable,
                schedulable: open,
                nodes_needed_alone: allocatable
                    .filter(|_| open)
                    .and_then(|a| nodes_needed(fixed, per_node, a, utilisation)),
            }
        })
        .collect();
    let mut capacity = ClusterCapacity {
        cluster: cluster.name.clone(),
        production: cluster.production,
        environments: cluster
            .environments
            .iter()
            .map(ToString::to_string)
            .collect(),
        nodes,
        tainted_nodes,
        apps,
        meshed_pods,
        sidecars,
        platform,
        per_node_agents: per_node,
        node_agents,
        requested,
        needed_vcpu,
        needed_memory_gib,
        allocatable_vcpu,
        allocatable_memory_gib,
        max_allocatable_vcpu,
        max_allocatable_memory_gib,
        pools,
        fit: Fit::Unknown,
    };
    capacity.fit = if unknown {
        Fit::Unknown
    } else {
        let coverage = capacity.coverage();
        if coverage < 1.0 {
            Fit::Short
        } else if coverage > FAR_OVER_FACTOR {
            Fit::FarOver
        } else {
            Fit::Fits
        }
    };
    capacity
}

/// Nodes of one kind that carry `fixed` plus a node agent set per node:
/// the least n with `fixed + n × agents ≤ utilisation × n × allocatable`.
fn nodes_needed(
    fixed: Requests,
    agents: Requests,
    allocatable: Requests,
    utilisation: f64,
) -> Option<u32> {
    let by = |fixed: u64, agents: u64, offer: u64| -> Option<f64> {
        let room = utilisation * offer as f64 - agents as f64;
        (room > 0.0).then(|| fixed as f64 / room)
    };
    let cpu = by(
        fixed.cpu_millicores,
        agents.cpu_millicores,
        allocatable.cpu_millicores,
    )?;
    let memory = by(
        fixed.memory_mebibytes,
        agents.memory_mebibytes,
        allocatable.memory_mebibytes,
    )?;
    Some(cpu.max(memory).ceil().max(1.0) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choices::{Mesh, Topology};

    fn single(design: &mut PlatformDesign) {
        design.spec.cluster.topology = Topology::Single;
    }

    #[test]
    fn a_cluster_counts_apps_sidecars_platform_and_agents_per_node() {
        let mut design = PlatformDesign::default();
        single(&mut design);
        design.spec.security.mesh = Mesh::Istio;
        let group = &mut design.spec.workload.services[0];
        group.count = 10;
        group.min_replicas = 3;
        group.cpu_request_millicores = 350;
        group.memory_request_mebibytes = 1024;
        let plan = Plan::of(&design);
        let c = &capacity_of(&design, &plan)[0];
        // dev and staging run 2 replicas, prod 3: 10 × (2 + 2 + 3) = 70 pods.
        assert_eq!(c.apps.cpu_millicores, 70 * 350);
        assert_eq!(c.meshed_pods, 70);
        // Istio's proxy: 100 m and 128 MiB in each meshed pod.
        assert_eq!(
            c.sidecars,
            Requests {
                cpu_millicores: 7_000,
                memory_mebibytes: 70 * 128
            }
        );
        assert_eq!(c.platform, plan.footprint.replicated());
        // Three nodes of the default pool, each with every node agent.
        assert_eq!(c.nodes, 3);
        assert_eq!(
            c.node_agents.cpu_millicores,
            3 * plan.footprint.per_node().cpu_millicores
        );
        let utilisation = 0.7;
        assert!((c.needed_vcpu - c.requested.vcpu() / utilisation).abs() < 1e-9);
        // m6i.xlarge: 4 vCPU and 16 GiB, less 80 m and 2.7 GiB for the kubelet.
        assert!((c.allocatable_vcpu - 3.0 * 3.92).abs() < 1e-9);
        assert_eq!(c.fit, Fit::Short);
    }

    #[test]
    fn the_startup_cluster_adds_up_as_computed_by_hand() {
        let design = crate::presets::find("startup-gke")
            .map(|p| p.design())
            .unwrap_or_default();
        let c = &capacity(&design)[0];
        // Applications in staging and prod: web 2 × 2 replicas × 100 m, api 3 × 2 × 100 m,
        // the worker 1 × 1 × 250 m, in each environment.
        assert_eq!(c.apps.cpu_millicores, 2 * (400 + 600 + 250));
        // Platform pods (millicores × replicas): cert-manager 2×50 + 2×20 + 2×20, External
        // Secrets 2×50 + 2×20 + 20, Kyverno 3×100 + 2×100 + 2×50 + 2×100, Prometheus stack
        // 2×300 + 2×20 + 100 + 50 + Grafana 100, Flagger 10, Loki 3×100 × 3 + 20 + 100 + 50,
        // Tempo 100, OpenCost 50 + 10, Velero 100.
        let platform = 180 + 160 + 800 + 890 + 10 + 1070 + 100 + 60 + 100;
        assert_eq!(c.platform.cpu_millicores, platform);
        // On every node: node exporter 20, Loki canary 10, Fluent Bit 50, Velero's node agent
        // 100, kube-proxy 100 and GKE's agents 110 + 10 + 5; three nodes.
        assert_eq!(c.per_node_agents.cpu_millicores, 405);
        assert_eq!(c.node_agents.cpu_millicores, 3 * 405);
        // No mesh: no sidecars.
        assert_eq!((c.meshed_pods, c.sidecars), (0, Requests::ZERO));
        // 7,085 m at 70 % needs 10.1 vCPU; three e2-standard-4 offer 3 × 3.92.
        assert!((c.needed_vcpu - 7.085 / 0.7).abs() < 1e-9);
        assert!((c.allocatable_vcpu - 3.0 * 3.92).abs() < 1e-9);
        assert_eq!(c.fit, Fit::Fits);
    }

    #[test]
    fn nodes_needed_alone_solve_for_agents_on_every_node() {
        // 10 vCPU fixed; 0.5 vCPU of agents per 4-vCPU node at 50 %: 10 / (2 − 0.5) → 7 nodes.
        let fixed = Requests {
            cpu_millicores: 10_000,
            memory_mebibytes: 0,
        };
        let agents = Requests {
            cpu_millicores: 500,
            memory_mebibytes: 0,
        };
        let node = Requests {
            cpu_millicores: 4_000,
            memory_mebibytes: 16_384,
        };
        assert_eq!(nodes_needed(fixed, agents, node, 0.5), Some(7));
        // Agents that fill a node at the target leave no room at all.
        let greedy = Requests {
            cpu_millicores: 2_000,
            memory_mebibytes: 0,
        };
        assert_eq!(nodes_needed(fixed, greedy, node, 0.5), None);
    }

    #[test]
    fn each_cluster_is_judged_on_its_own_pools() {
        let design = crate::presets::find("fintech-eks")
            .map(|p| p.design())
            .unwrap_or_default();
        let c = capacity(&design);
        let names: Vec<&str> = c.iter().map(|c| c.cluster.as_str()).collect();
        assert_eq!(names, ["platform-non-prod", "platform-prod"]);
        // The spot pool is placed in non-production only.
        assert_eq!(c[0].pools.len(), 3);
        assert_eq!(c[1].pools.len(), 2);
        // Production: 50 groups' services at 3 replicas, each with a sidecar.
        assert_eq!(c[1].meshed_pods, (30 + 20) * 3);
    }

    #[test]
    fn a_tainted_pool_carries_node_agents_only() {
        let mut design = PlatformDesign::default();
        single(&mut design);
        let before = capacity(&design)[0].clone();
        crate::edits::add_node_pool(&mut design);
        design.spec.cluster.node_pools[1].taints = vec!["workload-type=compute:NoSchedule".into()];
        let c = &capacity(&design)[0];
        // Nothing the export deploys tolerates the taint: no room is added.
        assert!(!c.pools[1].schedulable && c.pools[1].nodes_needed_alone.is_none());
        assert_eq!(
            c.tainted_nodes,
            design.spec.cluster.node_pools[1].desired_nodes
        );
        assert_eq!(
            (c.allocatable_vcpu, c.requested),
            (before.allocatable_vcpu, before.requested)
        );
    }

    #[test]
    fn self_managed_sizes_come_from_the_description() {
        let mut design = PlatformDesign::default();
        design.spec.cluster.provider = crate::choices::Provider::Kubeadm;
        design.spec.cluster.node_pools[0].instance_type = "16-vcpu-64gb".into();
        assert_eq!(
            node_size(&design, &design.spec.cluster.node_pools[0]),
            Some((16, 64))
        );
        design.spec.cluster.node_pools[0].instance_type = "big box".into();
        let c = capacity(&design);
        assert_eq!(c[0].fit, Fit::Unknown);
        assert_eq!(c[0].pools[0].nodes_needed_alone, None);
    }

    #[test]
    fn requests_add_up_over_services_and_replicas() {
        let mut design = PlatformDesign::default();
        let workload = &mut design.spec.workload;
        workload.services[0].count = 10;
        workload.services[0].min_replicas = 3;
        workload.services[0].cpu_request_millicores = 100;
        workload.services[0].memory_request_mebibytes = 256;
        let prod = capacity(&design)
            .into_iter()
            .find(|c| c.production)
            .map(|c| c.apps);
        assert_eq!(
            prod,
            Some(RequestedResources {
                cpu_millicores: 3_000,
                memory_mebibytes: 7_680
            })
        );
    }
}
