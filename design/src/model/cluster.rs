//! Step 2: clusters, environments and node pools.

use serde::{Deserialize, Serialize};

use crate::choices::{
    Cni, DataReplication, GlobalTraffic, Ingress, NodeAutoscaler, PoolPlacement, Provider,
    Purchase, RegionMode, Topology, VpaMode,
};
use crate::names::{ClusterName, EnvName, PoolName};

/// Where and on what the platform runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cluster {
    /// Base name for clusters and cloud resources.
    pub name: ClusterName,
    /// Managed service or self-managed.
    pub provider: Provider,
    /// Primary region, e.g. `us-east-1`.
    pub region: String,
    /// Availability zones used in the region.
    pub zones: u8,
    /// How clusters are split across environments.
    pub topology: Topology,
    /// Environments, in promotion order.
    pub environments: Vec<Environment>,
    /// Kubernetes minor version, e.g. `1.35`.
    pub kubernetes_version: String,
    /// Groups of identical nodes.
    pub node_pools: Vec<NodePool>,
    /// What adds and removes nodes.
    pub node_autoscaler: NodeAutoscaler,
    /// Pod-level autoscaling.
    pub workload_autoscaling: WorkloadAutoscaling,
    /// Network plugin.
    pub cni: Cni,
    /// How traffic enters.
    pub ingress: Ingress,
    /// The API server is reachable from private networks only.
    pub private_endpoint: bool,
    /// DNS domain public services are served under (`<service>.<domain>`);
    /// empty until the team names it.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub public_domain: String,
    /// Registry that mirrors every chart and image the platform pulls, for
    /// clusters without internet access (e.g. `registry.example.internal`);
    /// empty: pull from the public registries.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub mirror: String,
    /// Production in more regions than the primary one; unset: one region.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub multi_region: Option<MultiRegion>,
}

/// Production clusters in more than one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MultiRegion {
    /// Regions beyond the primary one, each with its own production clusters.
    pub regions: Vec<String>,
    /// Whether the other regions serve or stand by.
    pub mode: RegionMode,
    /// How users reach the serving region.
    pub global_traffic: GlobalTraffic,
    /// How data reaches the other regions.
    pub data_replication: DataReplication,
}

impl Default for MultiRegion {
    fn default() -> Self {
        Self {
            regions: Vec::new(),
            mode: RegionMode::ActivePassive,
            global_traffic: GlobalTraffic::DnsFailover,
            data_replication: DataReplication::Asynchronous,
        }
    }
}

impl Default for Cluster {
    fn default() -> Self {
        Self {
            name: ClusterName::known("platform"),
            provider: Provider::Eks,
            region: "us-east-1".into(),
            zones: 3,
            topology: Topology::ProdAndNonProd,
            environments: vec![
                Environment::new(EnvName::known("dev"), false),
                Environment::new(EnvName::known("staging"), false),
                Environment::new(EnvName::known("prod"), true),
            ],
            kubernetes_version: "1.35".into(),
            node_pools: vec![NodePool::default()],
            node_autoscaler: NodeAutoscaler::Karpenter,
            workload_autoscaling: WorkloadAutoscaling::default(),
            cni: Cni::ProviderDefault,
            ingress: Ingress::CloudLoadBalancer,
            private_endpoint: true,
            public_domain: String::new(),
            mirror: String::new(),
            multi_region: None,
        }
    }
}

/// One environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Environment {
    /// DNS-1123 name.
    pub name: EnvName,
    /// Whether customers depend on it.
    pub production: bool,
}

impl Default for Environment {
    fn default() -> Self {
        Self::new(EnvName::known("dev"), false)
    }
}

impl Environment {
    /// An environment with the given name.
    pub fn new(name: EnvName, production: bool) -> Self {
        Self { name, production }
    }
}

/// A group of identical nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodePool {
    /// DNS-1123 name.
    pub name: PoolName,
    /// Instance type from the pricing table, e.g. `m6i.xlarge`.
    pub instance_type: String,
    /// Fewest nodes.
    pub min_nodes: u32,
    /// Nodes at start.
    pub desired_nodes: u32,
    /// Most nodes.
    pub max_nodes: u32,
    /// How the nodes are bought.
    pub purchase: Purchase,
    /// Which clusters get this pool.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub runs_in: PoolPlacement,
    /// Node labels as `key=value`.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Node taints as `key=value:Effect`.
    #[serde(default)]
    pub taints: Vec<String>,
}

impl Default for NodePool {
    fn default() -> Self {
        Self {
            name: PoolName::known("general"),
            instance_type: "m6i.xlarge".into(),
            min_nodes: 3,
            desired_nodes: 3,
            max_nodes: 9,
            purchase: Purchase::OnDemand,
            runs_in: PoolPlacement::All,
            labels: Vec::new(),
            taints: Vec::new(),
        }
    }
}

/// Pod-level autoscaling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadAutoscaling {
    /// Horizontal Pod Autoscaler on CPU.
    pub hpa: bool,
    /// Vertical Pod Autoscaler mode.
    pub vpa: VpaMode,
    /// KEDA for event-driven scaling.
    pub keda: bool,
}

impl Default for WorkloadAutoscaling {
    fn default() -> Self {
        Self {
            hpa: true,
            vpa: VpaMode::Recommend,
            keda: false,
        }
    }
}
