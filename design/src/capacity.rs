//! Capacity: what the services request (per environment, from the plan),
//! what that needs at the target utilisation, and what the pools provide.

use crate::model::PlatformDesign;
use crate::plan::{Plan, Requests};

pub use crate::plan::clusters_node_size as node_size;
pub use crate::plan::Requests as RequestedResources;

/// What production requests: every service at its minimum replicas in the
/// production environments (from the plan).
pub fn production_requests(plan: &Plan) -> Requests {
    plan.environments
        .iter()
        .filter(|e| e.production)
        .fold(Requests::ZERO, |total, e| {
            total.plus(plan.requests_in(e.name.as_str()))
        })
}

/// Requests of each environment, from the plan: every service at its minimum
/// replicas there (production takes the design's minimum, other environments
/// at most two, as the exported overlays set them).
pub fn requests_per_environment(design: &PlatformDesign) -> Vec<(String, Requests)> {
    Plan::of(design).requests_per_environment()
}

/// Production capacity: what the services request, what that needs at the
/// target utilisation, and what the node pools provide at their desired size.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    /// vCPU requested by production services at minimum replicas.
    pub requested_vcpu: f64,
    /// GiB requested likewise.
    pub requested_memory_gib: f64,
    /// vCPU of nodes needed so requests fill the target utilisation.
    pub needed_vcpu: f64,
    /// GiB of nodes needed likewise.
    pub needed_memory_gib: f64,
    /// vCPU the pools provide at their desired node counts.
    pub configured_vcpu: f64,
    /// GiB the pools provide likewise.
    pub configured_memory_gib: f64,
    /// Per pool: nodes it would need to carry the whole load alone (`None` when its size is unknown).
    pub nodes_needed_alone: Vec<Option<u32>>,
}

/// Capacity figures of a design.
pub fn capacity(design: &PlatformDesign) -> Capacity {
    capacity_of(design, &Plan::of(design))
}

/// Capacity figures from a plan already built for `design`.
pub fn capacity_of(design: &PlatformDesign, plan: &Plan) -> Capacity {
    let requests = production_requests(plan);
    let requested_vcpu = requests.vcpu();
    let requested_memory_gib = requests.memory_gib();
    let utilisation = f64::from(design.spec.cost.target_utilisation_percent.max(1)) / 100.0;
    let needed_vcpu = requested_vcpu / utilisation;
    let needed_memory_gib = requested_memory_gib / utilisation;
    let mut configured_vcpu = 0.0;
    let mut configured_memory_gib = 0.0;
    let mut nodes_needed_alone = Vec::new();
    // The pools of one production cluster (every cluster gets every pool).
    let pools = plan
        .clusters
        .iter()
        .find(|c| c.production)
        .map(|c| c.node_pools.as_slice())
        .unwrap_or_default();
    for pool in pools {
        let size = pool.node_size;
        if let Some((vcpu, memory)) = size {
            configured_vcpu += f64::from(pool.desired_nodes) * f64::from(vcpu);
            configured_memory_gib += f64::from(pool.desired_nodes) * f64::from(memory);
        }
        nodes_needed_alone.push(size.map(|(vcpu, memory)| {
            let by_cpu = needed_vcpu / f64::from(vcpu.max(1));
            let by_memory = needed_memory_gib / f64::from(memory.max(1));
            by_cpu.max(by_memory).ceil() as u32
        }));
    }
    Capacity {
        requested_vcpu,
        requested_memory_gib,
        needed_vcpu,
        needed_memory_gib,
        configured_vcpu,
        configured_memory_gib,
        nodes_needed_alone,
    }
}

/// Hours in an average month (8760 / 12), as cloud bills use.
pub const HOURS_PER_MONTH: f64 = 730.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_divides_requests_by_the_target_utilisation() {
        let mut design = PlatformDesign::default();
        let group = &mut design.spec.workload.services[0];
        group.count = 10;
        group.min_replicas = 2;
        group.cpu_request_millicores = 350;
        group.memory_request_mebibytes = 1024;
        design.spec.cost.target_utilisation_percent = 70;
        // 20 pods × 0.35 vCPU = 7 vCPU; ÷ 0.7 = 10 vCPU. 20 GiB ÷ 0.7 ≈ 28.6 GiB.
        let c = capacity(&design);
        assert!((c.requested_vcpu - 7.0).abs() < 1e-9);
        assert!((c.needed_vcpu - 10.0).abs() < 1e-9);
        assert!((c.needed_memory_gib - 28.571).abs() < 0.001);
        // m6i.xlarge: 4 vCPU, 16 GiB; 3 desired nodes give 12 vCPU and 48 GiB.
        assert_eq!((c.configured_vcpu, c.configured_memory_gib), (12.0, 48.0));
        // Alone, the pool needs max(10/4, 28.6/16) = 2.5 → 3 nodes.
        assert_eq!(c.nodes_needed_alone, vec![Some(3)]);
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
        assert_eq!(capacity(&design).nodes_needed_alone, vec![None]);
    }

    #[test]
    fn requests_add_up_over_services_and_replicas() {
        let mut design = PlatformDesign::default();
        let workload = &mut design.spec.workload;
        workload.services[0].count = 10;
        workload.services[0].min_replicas = 3;
        workload.services[0].cpu_request_millicores = 100;
        workload.services[0].memory_request_mebibytes = 256;
        assert_eq!(
            production_requests(&Plan::of(&design)),
            RequestedResources {
                cpu_millicores: 3_000,
                memory_mebibytes: 7_680
            }
        );
    }
}
