//! Clusters, their namespaces and node pools, as bootstrap folders and
//! Terraform see them. Names come from the plan, already checked.

use std::collections::BTreeMap;

use design::choices::Purchase;
use design::plan::{catalog, Plan, PlannedPool};
use design::PlatformDesign;
use serde::Serialize;

/// One cluster and what runs in it.
#[derive(Debug, Serialize)]
pub struct ClusterCtx {
    /// Full name: the bootstrap folder, the Terraform cluster, the controllers' values.
    pub name: String,
    /// The name as a Terraform identifier.
    pub tf_id: String,
    pub envs: Vec<String>,
    pub production: bool,
    pub namespaces: Vec<NamespaceCtx>,
    /// The teams with namespaces here, each with its GitOps project.
    pub tenants: Vec<TenantCtx>,
    /// Whether any namespace has a public host name (the gateway's HTTPS listeners).
    pub has_hosts: bool,
    pub pools: Vec<PoolCtx>,
    /// Design pools placed elsewhere: their Karpenter NodePools are deleted here.
    pub absent_pools: Vec<String>,
    /// Per catalogue key, the chart values only this cluster has (its name,
    /// mostly); `null` for charts that need none.
    pub values: BTreeMap<&'static str, serde_json::Value>,
    /// Self-managed clusters: the API server's DNS name.
    pub api_host: String,
    /// The IAM role Karpenter's nodes take in this cluster.
    pub karpenter_node_role: String,
    /// The region it runs in, and whether that is a further region than the
    /// primary one (its own provider alias and network inputs in Terraform).
    pub region: String,
    pub secondary: bool,
    /// The region as a Terraform identifier (`us_west_2`).
    pub region_id: String,
    /// A production copy that stands by until failover (active-passive).
    pub standby: bool,
}

/// Chart values that name the cluster: the controllers that call the
/// cloud's API for it must know which cluster they serve.
fn cluster_values(
    plan: &Plan,
    cluster: &str,
    api_host: Option<&str>,
) -> BTreeMap<&'static str, serde_json::Value> {
    catalog::ALL
        .iter()
        .map(|chart| {
            let values = if !plan.has(chart.key) {
                serde_json::Value::Null
            } else if chart.key == catalog::AWS_LB.key {
                serde_json::json!({ "clusterName": cluster })
            } else if chart.key == catalog::CLUSTER_AUTOSCALER.key {
                serde_json::json!({ "autoDiscovery": { "clusterName": cluster } })
            } else if let (true, Some(host)) = (chart.key == catalog::CILIUM.key, api_host) {
                // Without kube-proxy, Cilium reaches the API server directly.
                serde_json::json!({ "k8sServiceHost": host, "k8sServicePort": 6443 })
            } else if chart.key == catalog::KARPENTER.key {
                serde_json::json!({
                    "settings": { "clusterName": cluster, "interruptionQueue": cluster }
                })
            } else {
                serde_json::Value::Null
            };
            (chart.key, values)
        })
        .collect()
}

/// A team in one cluster: its namespaces and the applications it may sync.
#[derive(Debug, Clone, Serialize)]
pub struct TenantCtx {
    pub name: String,
    pub owner: String,
    pub cost_centre: String,
    pub developers_group: String,
    pub on_call_group: String,
    /// Its application namespaces in this cluster.
    pub namespaces: Vec<String>,
    /// Its Argo CD applications in this cluster (`<service>-<env>`).
    pub applications: Vec<String>,
    /// Those it syncs itself (environments it may sync).
    pub syncs: Vec<String>,
}

/// An application namespace: one service group in one environment.
#[derive(Debug, Clone, Serialize)]
pub struct NamespaceCtx {
    pub name: String,
    pub env: String,
    pub service: String,
    /// The owning team, its cost centre and groups.
    pub team: String,
    pub cost_centre: String,
    pub developers_group: String,
    pub on_call_group: String,
    /// The team's developers may change workloads here directly (else they
    /// read; production changes arrive through Git).
    pub developers_write: bool,
    /// Reachable from the internet: the gateway may send traffic in.
    pub public: bool,
    /// A production environment's namespace.
    pub production: bool,
    /// The public host name, once the design names a domain.
    pub host: Option<String>,
    /// Services of the group, and the quota: all of them at their maximum
    /// replicas and limits (the plan's figures for this environment).
    pub count: u32,
    pub limits_cpu: String,
    pub limits_memory: String,
}

/// A node pool as the provider's objects need it.
#[derive(Debug, Clone, Serialize)]
pub struct PoolCtx {
    pub name: String,
    /// The name the provider's API gets (AKS: letters and digits, at most 12).
    pub provider_name: String,
    pub instance_type: String,
    /// Bought as spot capacity (reserved capacity is bought on-demand).
    pub spot: bool,
    /// `on-demand` or `spot`.
    pub capacity_type: &'static str,
    pub min_nodes: u32,
    pub desired_nodes: u32,
    pub max_nodes: u32,
    pub labels: Vec<(String, String)>,
    pub taints: Vec<TaintCtx>,
}

/// A node taint.
#[derive(Debug, Clone, Serialize)]
pub struct TaintCtx {
    pub key: String,
    pub value: String,
    pub effect: &'static str,
    /// The effect as the EKS API spells it (`NO_SCHEDULE`).
    pub eks_effect: &'static str,
}

fn pool_ctx(pool: &PlannedPool) -> PoolCtx {
    let spot = pool.purchase == Purchase::Spot;
    PoolCtx {
        name: pool.name.to_string(),
        provider_name: pool.provider_name.clone(),
        instance_type: pool.instance_type.clone(),
        spot,
        capacity_type: if spot { "spot" } else { "on-demand" },
        min_nodes: pool.min_nodes,
        desired_nodes: pool.desired_nodes,
        max_nodes: pool.max_nodes,
        labels: pool
            .labels
            .iter()
            .map(|l| (l.key.clone(), l.value.clone()))
            .collect(),
        taints: pool
            .taints
            .iter()
            .map(|t| TaintCtx {
                key: t.key.clone(),
                value: t.value.clone(),
                effect: t.effect.as_str(),
                eks_effect: t.effect.eks(),
            })
            .collect(),
    }
}

pub(super) fn clusters(design: &PlatformDesign, plan: &Plan) -> Vec<ClusterCtx> {
    let groups = &design.spec.workload.services;
    plan.clusters
        .iter()
        .map(|c| {
            let mut namespaces = Vec::new();
            for env in &c.environments {
                for (s, g) in plan.services.iter().zip(groups) {
                    if let Some(e) = s.environments.iter().find(|e| &e.env == env) {
                        let production = plan
                            .environments
                            .iter()
                            .any(|pe| pe.name == *env && pe.production);
                        let Some(tenant) = plan.tenant_of(s.name.as_str()) else {
                            continue;
                        };
                        namespaces.push(NamespaceCtx {
                            name: e.namespace.to_string(),
                            env: env.to_string(),
                            service: s.name.to_string(),
                            team: tenant.name.clone(),
                            cost_centre: tenant.cost_centre.clone(),
                            developers_group: tenant.developers_group.clone(),
                            on_call_group: tenant.on_call_group.clone(),
                            developers_write: !production
                                || (tenant.writes_production && tenant.syncs(env.as_str())),
                            public: g.exposure == design::choices::Exposure::Public,
                            production,
                            host: e.host.clone(),
                            count: s.count,
                            limits_cpu: super::services::cpu(e.limits.cpu_millicores),
                            limits_memory: super::services::memory(e.limits.memory_mebibytes),
                        });
                    }
                }
            }
            let tenants = plan
                .tenants
                .iter()
                .filter_map(|t| {
                    let mine: Vec<&NamespaceCtx> =
                        namespaces.iter().filter(|n| n.team == t.name).collect();
                    (!mine.is_empty()).then(|| TenantCtx {
                        name: t.name.clone(),
                        owner: t.owner.clone(),
                        cost_centre: t.cost_centre.clone(),
                        developers_group: t.developers_group.clone(),
                        on_call_group: t.on_call_group.clone(),
                        namespaces: mine.iter().map(|n| n.name.clone()).collect(),
                        applications: mine
                            .iter()
                            .map(|n| format!("{}-{}", n.service, n.env))
                            .collect(),
                        syncs: mine
                            .iter()
                            .filter(|n| t.syncs(&n.env))
                            .map(|n| format!("{}-{}", n.service, n.env))
                            .collect(),
                    })
                })
                .collect();
            ClusterCtx {
                name: c.name.clone(),
                tenants,
                tf_id: c.tf_id.clone(),
                envs: c.environments.iter().map(|e| e.to_string()).collect(),
                production: c.production,
                has_hosts: namespaces.iter().any(|n| n.host.is_some()),
                namespaces,
                pools: c.node_pools.iter().map(pool_ctx).collect(),
                absent_pools: design
                    .spec
                    .cluster
                    .node_pools
                    .iter()
                    .filter(|p| !c.node_pools.iter().any(|q| q.name == p.name))
                    .map(|p| p.name.to_string())
                    .collect(),
                values: cluster_values(plan, &c.name, c.api_host.as_deref()),
                api_host: c.api_host.clone().unwrap_or_default(),
                karpenter_node_role: format!("{}-nodes", c.name),
                secondary: c.region != design.spec.cluster.region,
                region_id: c.region.replace('-', "_"),
                region: c.region.clone(),
                standby: c.standby,
            }
        })
        .collect()
}
