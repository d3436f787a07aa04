//! Which clusters a design makes, what each is called, what it hosts and on
//! which node pools it runs.

use serde::Serialize;

use crate::choices::{Choice, PoolPlacement, Provider, Purchase, Topology};
use crate::model::{NodePool, PlatformDesign};
use crate::names::{check_dns_label, EnvName, NodeLabel, PoolName, Taint};
use crate::validate::FieldError;

/// Longest full cluster name each provider accepts, and why.
pub const CLUSTER_NAME_LIMITS: &[(Provider, usize, &str)] = &[
    (
        Provider::Eks,
        30,
        "the EKS module starts IAM role name prefixes (38 characters at most) with it",
    ),
    (
        Provider::Aks,
        54,
        "AKS uses it as the DNS prefix, which holds at most 54 characters",
    ),
    (
        Provider::Gke,
        40,
        "GKE cluster names hold at most 40 characters",
    ),
    (
        Provider::Kubeadm,
        63,
        "it is a DNS label in kubeconfig and certificates",
    ),
];

fn name_limit(provider: Provider) -> (usize, &'static str) {
    CLUSTER_NAME_LIMITS
        .iter()
        .find(|(p, ..)| *p == provider)
        .map(|(_, limit, why)| (*limit, *why))
        .unwrap_or((63, "it is a DNS label"))
}

/// Node pools AKS creates itself; a design pool may not take their names.
const AKS_RESERVED_POOLS: &[&str] = &["system", "systemtmp"];

/// One cluster of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedCluster {
    /// Its full name, the same in Terraform, the bootstrap folder, the
    /// controllers' values and the diagram, e.g. `platform-prod`.
    pub name: String,
    /// The name as a Terraform identifier.
    pub tf_id: String,
    /// The environments it hosts, in promotion order.
    pub environments: Vec<EnvName>,
    /// Whether a production environment runs in it.
    pub production: bool,
    /// Its node pools: those of the design that run in every cluster, and
    /// those placed in production or non-production clusters where it fits.
    pub node_pools: Vec<PlannedPool>,
    /// Self-managed clusters: the API server's DNS name (the load balancer in
    /// front of the control planes), which kubeadm and the CNI both use.
    pub api_host: Option<String>,
    /// The region it runs in.
    pub region: String,
    /// A production copy in another region that stands by (active-passive):
    /// it runs the applications but serves no traffic until a failover.
    pub standby: bool,
}

/// A node pool inside one cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedPool {
    /// The design's name for it.
    pub name: PoolName,
    /// The name the provider's API gets (AKS: letters and digits, at most 12).
    pub provider_name: String,
    /// Instance type.
    pub instance_type: String,
    /// Fewest nodes.
    pub min_nodes: u32,
    /// Nodes at start.
    pub desired_nodes: u32,
    /// Most nodes.
    pub max_nodes: u32,
    /// How its nodes are bought.
    pub purchase: Purchase,
    /// Which clusters get it.
    pub runs_in: PoolPlacement,
    /// vCPU and GiB of one node, when the price table or description says.
    pub node_size: Option<(u32, u32)>,
    /// Node labels, parsed (validation reports the ones that do not parse).
    pub labels: Vec<NodeLabel>,
    /// Node taints, parsed likewise.
    pub taints: Vec<Taint>,
}

/// AKS wants pool names of lowercase letters and digits, starting with a
/// letter, at most 12 long.
fn aks_pool_name(name: &str) -> String {
    let plain: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let named = if plain.starts_with(|c: char| c.is_ascii_lowercase()) {
        plain
    } else {
        format!("p{plain}")
    };
    named.chars().take(12).collect()
}

fn planned_pools(design: &PlatformDesign, problems: &mut Vec<FieldError>) -> Vec<PlannedPool> {
    let provider = design.spec.cluster.provider;
    let mut seen: Vec<String> = Vec::new();
    let mut pools = Vec::new();
    for (i, pool) in design.spec.cluster.node_pools.iter().enumerate() {
        let provider_name = match provider {
            Provider::Aks => aks_pool_name(pool.name.as_str()),
            _ => pool.name.to_string(),
        };
        let path = format!("spec.cluster.nodePools[{i}].name");
        if provider == Provider::Aks {
            if AKS_RESERVED_POOLS.contains(&provider_name.as_str()) {
                problems.push(FieldError::new(
                    path,
                    format!(
                        "AKS keeps the pool name '{provider_name}' for its own system pool; choose another name."
                    ),
                ));
            } else if seen.contains(&provider_name) {
                problems.push(FieldError::new(
                    path,
                    format!(
                        "On AKS this pool is called '{provider_name}' (letters and digits, at most 12), like another pool; make the first 12 letters and digits differ."
                    ),
                ));
            }
        }
        seen.push(provider_name.clone());
        pools.push(PlannedPool {
            name: pool.name.clone(),
            provider_name,
            instance_type: pool.instance_type.clone(),
            min_nodes: pool.min_nodes,
            desired_nodes: pool.desired_nodes,
            max_nodes: pool.max_nodes,
            purchase: pool.purchase,
            runs_in: pool.runs_in,
            node_size: node_size(design, pool),
            labels: pool
                .labels
                .iter()
                .filter_map(|l| NodeLabel::parse(l).ok())
                .collect(),
            taints: pool
                .taints
                .iter()
                .filter_map(|t| Taint::parse(t).ok())
                .collect(),
        });
    }
    pools
}

/// vCPU and GiB of one node of a pool: from the price table, or from a
/// self-managed description such as `16-vcpu-64gb`.
pub fn node_size(design: &PlatformDesign, pool: &NodePool) -> Option<(u32, u32)> {
    match design.spec.cluster.provider.pricing_key() {
        Some(key) => crate::pricing::instance(key, &pool.instance_type)
            .and_then(|row| Some((row.vcpu?, row.memory_gib?))),
        None => {
            let mut parts = pool.instance_type.split('-');
            let vcpu = parts.next()?.parse().ok()?;
            (parts.next()? == "vcpu").then_some(())?;
            let memory = parts.next()?.strip_suffix("gb")?.parse().ok()?;
            Some((vcpu, memory))
        }
    }
}

/// The clusters the topology asks for, with full names checked against the
/// provider's limits.
pub(super) fn clusters(
    design: &PlatformDesign,
    problems: &mut Vec<FieldError>,
) -> Vec<PlannedCluster> {
    let c = &design.spec.cluster;
    let base = c.name.as_str();
    let envs: Vec<(EnvName, bool)> = c
        .environments
        .iter()
        .map(|e| (e.name.clone(), e.production))
        .collect();
    let groups: Vec<(String, Vec<(EnvName, bool)>)> = match c.topology {
        Topology::Single => vec![(base.to_owned(), envs)],
        Topology::ProdAndNonProd => {
            let (prod, non_prod): (Vec<_>, Vec<_>) = envs.into_iter().partition(|(_, p)| *p);
            [("non-prod", non_prod), ("prod", prod)]
                .into_iter()
                .filter(|(_, envs)| !envs.is_empty())
                .map(|(role, envs)| (format!("{base}-{role}"), envs))
                .collect()
        }
        Topology::PerEnvironment => envs
            .into_iter()
            .map(|e| (format!("{base}-{}", e.0), vec![e]))
            .collect(),
    };
    let pools = planned_pools(design, problems);
    let (limit, why) = name_limit(c.provider);
    let mut reported = false;
    let mut unpooled = false;
    let clusters: Vec<PlannedCluster> = groups
        .into_iter()
        .map(|(name, envs)| {
            let length = name.chars().count();
            if !reported && (length > limit || check_dns_label(&name).is_err()) {
                reported = true;
                let room = limit.min(63).saturating_sub(length - base.chars().count());
                problems.push(FieldError::new(
                    "spec.cluster.name",
                    format!(
                        "With the {} topology one cluster is called '{name}' ({length} characters), but on {} {why}: shorten the cluster name to {room} characters or fewer.",
                        c.topology.label().to_ascii_lowercase(),
                        c.provider.label(),
                    ),
                ));
            }
            let production = envs.iter().any(|(_, p)| *p);
            let non_production = envs.iter().any(|(_, p)| !*p);
            let node_pools: Vec<PlannedPool> = pools
                .iter()
                .filter(|p| match p.runs_in {
                    PoolPlacement::All => true,
                    PoolPlacement::Production => production,
                    PoolPlacement::NonProduction => non_production,
                })
                .cloned()
                .collect();
            if node_pools.is_empty() && !pools.is_empty() && !unpooled {
                unpooled = true;
                problems.push(FieldError::new(
                    "spec.cluster.nodePools",
                    format!(
                        "Cluster '{name}' gets no node pool: every pool is placed in {} clusters only. Let one pool run in every cluster, or in {} clusters.",
                        if production { "non-production" } else { "production" },
                        if production { "production" } else { "non-production" },
                    ),
                ));
            }
            PlannedCluster {
                api_host: (c.provider == Provider::Kubeadm).then(|| format!("{name}-api.internal")),
                tf_id: name.replace('-', "_"),
                production,
                environments: envs.into_iter().map(|(e, _)| e).collect(),
                node_pools,
                name,
                region: c.region.clone(),
                standby: false,
            }
        })
        .collect();
    let mut all = clusters.clone();
    let standby = c
        .multi_region
        .as_ref()
        .is_some_and(|m| m.mode == crate::choices::RegionMode::ActivePassive);
    // Each further region gets a copy of every production cluster, hosting
    // the production environments only.
    for (i, region) in c
        .multi_region
        .iter()
        .flat_map(|m| m.regions.iter())
        .enumerate()
    {
        for primary in clusters.iter().filter(|p| p.production) {
            let name = format!("{}-{region}", primary.name);
            let length = name.chars().count();
            if length > limit || check_dns_label(&name).is_err() {
                problems.push(FieldError::new(
                    format!("spec.cluster.multiRegion.regions[{i}]"),
                    format!(
                        "In {region} the production cluster is called '{name}' ({length} characters), but on {} {why}: shorten the cluster name.",
                        c.provider.label(),
                    ),
                ));
            }
            let production_envs: Vec<EnvName> = primary
                .environments
                .iter()
                .filter(|e| c.environments.iter().any(|d| d.name == **e && d.production))
                .cloned()
                .collect();
            // A standby runs the same applications (at their minimum
            // replicas, as production does without traffic), so the same pools.
            let node_pools: Vec<PlannedPool> = primary
                .node_pools
                .iter()
                .filter(|p| p.runs_in != PoolPlacement::NonProduction)
                .cloned()
                .collect();
            if node_pools.is_empty() {
                problems.push(FieldError::new(
                    "spec.cluster.nodePools",
                    format!("Cluster '{name}' in {region} gets no node pool: let one pool run in production clusters."),
                ));
            }
            all.push(PlannedCluster {
                api_host: (c.provider == Provider::Kubeadm).then(|| format!("{name}-api.internal")),
                tf_id: name.replace('-', "_"),
                production: true,
                environments: production_envs,
                node_pools,
                name,
                region: region.clone(),
                standby,
            });
        }
    }
    all
}
