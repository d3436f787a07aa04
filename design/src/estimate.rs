//! The monthly cost estimate, cluster by cluster: each line says what it
//! counts and how (quantity × unit price), the savings each choice brings,
//! what the configured nodes cost beyond what the load needs, and the inputs
//! that move the total most. Prices come from the compiled-in table
//! ([`crate::pricing`]); quantities the design does not state (bytes per
//! request, series per replica) are estimates and marked as such. What the
//! design uses but the table cannot price is a line marked "not priced",
//! never left out.

use serde::Serialize;

use crate::capacity::{capacity_of, ClusterCapacity, HOURS_PER_MONTH};
use crate::choices::{Exposure, LogStack, LongTermStore, MetricsStack, Provider, Purchase};
use crate::model::PlatformDesign;
use crate::plan::{Plan, PlannedCluster};
use crate::pricing;

/// Average bytes moved per request (request plus response).
pub const BYTES_PER_REQUEST: f64 = 20_000.0;
/// Share of request bytes that leave through NAT (calls to outside APIs).
pub const NAT_SHARE: f64 = 0.10;
/// Traffic of the non-production environments, as a share of production's.
pub const NON_PRODUCTION_TRAFFIC_SHARE: f64 = 0.05;
use crate::plan::footprint::{BYTES_PER_SAMPLE, SAMPLES_PER_SERIES_PER_DAY, SERIES_PER_REPLICA};
/// Log bytes written per request.
pub const LOG_BYTES_PER_REQUEST: f64 = 500.0;
/// Days of metric blocks a long-term store holds when counted (it keeps no limit).
pub const LONG_TERM_DAYS: f64 = 365.0;
/// The volume each replica of a stateful service claims, GiB (the export writes it).
pub const STATEFUL_VOLUME_GIB: u32 = 20;
const GB: f64 = 1e9;
const GIB_IN_GB: f64 = 1.073_741_824;

/// What a line of the bill pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Worker nodes.
    Compute,
    /// The managed control plane.
    ControlPlane,
    /// Load balancers for ingress.
    LoadBalancers,
    /// NAT gateways and the data they process.
    Nat,
    /// Traffic between zones.
    CrossZone,
    /// Traffic to the internet.
    Egress,
    /// Persistent volumes (platform stores and stateful services).
    Volumes,
    /// Object storage for logs and long-term metrics.
    Observability,
    /// Managed data services outside the cluster.
    DataServices,
}

/// One line of the monthly bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostLine {
    /// The cluster it belongs to; `None` for what all clusters share.
    pub cluster: Option<String>,
    /// What it is, e.g. "Node pool general (m6i.xlarge, reserved)".
    pub label: String,
    /// Its category.
    pub category: Category,
    /// How much of the unit is bought.
    pub quantity: f64,
    /// The unit, e.g. "node-hours" or "GB-months".
    pub unit: &'static str,
    /// Price of one unit in US dollars, after any discount.
    pub unit_usd: f64,
    /// US dollars per month: quantity × unit price.
    pub monthly_usd: f64,
    /// How the quantity comes about, in words and numbers.
    pub derivation: String,
    /// Whether a quantity behind it is estimated rather than taken from the design.
    pub estimate: bool,
    /// False when the design uses it but the price table cannot price it:
    /// the amount is then 0 and must be added by hand.
    pub priced: bool,
}

/// A saving: chosen (already in the total) or available (not yet taken).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Saving {
    /// What brings it.
    pub label: String,
    /// US dollars per month.
    pub monthly_usd: f64,
    /// Already part of the design (true) or a potential (false).
    pub taken: bool,
}

/// One environment's share of the bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvironmentCost {
    /// The environment.
    pub environment: String,
    /// US dollars per month.
    pub monthly_usd: f64,
}

/// One cluster's part of the bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterCost {
    /// The cluster's full name.
    pub cluster: String,
    /// Whether production runs in it.
    pub production: bool,
    /// The sum of its lines, per month.
    pub monthly_usd: f64,
}

/// How much the total moves when one input grows by a tenth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The input, e.g. "traffic (requests a day)".
    pub input: String,
    /// Change of the monthly total for +10 % of it.
    pub monthly_usd: f64,
}

/// The whole estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostEstimate {
    /// Always `USD`.
    pub currency: &'static str,
    /// When the prices were gathered.
    pub prices_as_of: &'static str,
    /// The bill, line by line, cluster by cluster; shared lines last.
    pub lines: Vec<CostLine>,
    /// Each cluster's sum.
    pub per_cluster: Vec<ClusterCost>,
    /// Sum of the lines, per month.
    pub total_monthly_usd: f64,
    /// Savings taken and available.
    pub savings: Vec<Saving>,
    /// Nodes at desired size minus what the load needs at the target
    /// utilisation, in money, over all clusters (negative: short).
    pub over_provisioned_monthly_usd: f64,
    /// Each cluster's sum split over its environments by their requested CPU;
    /// shared lines by every environment's share.
    pub per_environment: Vec<EnvironmentCost>,
    /// The three inputs that move the total most.
    pub sensitivity: Vec<Sensitivity>,
    /// The design's budget, for comparison.
    pub budget_monthly_usd: f64,
    /// The alert threshold, in dollars.
    pub budget_alert_usd: f64,
}

impl CostEstimate {
    /// The lines of one cluster (`None`: the shared lines).
    pub fn lines_of<'a>(&'a self, cluster: Option<&'a str>) -> impl Iterator<Item = &'a CostLine> {
        self.lines
            .iter()
            .filter(move |l| l.cluster.as_deref() == cluster)
    }
}

struct Fees {
    control_plane: f64,
    load_balancer: f64,
    nat_hour: f64,
    nat_gb: f64,
    cross_zone_gb: f64,
    egress_gb: f64,
    block_gb_month: f64,
    object_gb_month: f64,
    block_name: &'static str,
    object_name: &'static str,
}

fn fee(provider: &str, item: &str) -> f64 {
    pricing::rows()
        .iter()
        .find(|row| row.provider == provider && row.item == item)
        .map(|row| row.usd_per_hour)
        .unwrap_or(0.0)
}

fn fees(provider: Provider) -> Option<Fees> {
    Some(match provider {
        Provider::Eks => Fees {
            control_plane: fee("aws", "eks-control-plane-standard-per-cluster-hour"),
            load_balancer: fee("aws", "alb-per-hour") + fee("aws", "alb-per-LCU-hour"),
            nat_hour: fee("aws", "nat-gateway-per-hour"),
            nat_gb: fee("aws", "nat-gateway-data-processed-per-GB"),
            // Charged in each direction.
            cross_zone_gb: 2.0 * fee("aws", "cross-az-data-transfer-per-GB-each-direction"),
            egress_gb: fee("aws", "internet-egress-per-GB-first-10TB"),
            block_gb_month: fee("aws", "ebs-gp3-per-GB-month"),
            object_gb_month: fee("aws", "s3-standard-per-GB-month"),
            block_name: "EBS gp3",
            object_name: "S3",
        },
        Provider::Aks => Fees {
            control_plane: fee("azure", "aks-control-plane-standard-tier-per-cluster-hour"),
            load_balancer: fee("azure", "standard-load-balancer-first-5-rules-per-hour"),
            nat_hour: fee("azure", "nat-gateway-per-hour"),
            nat_gb: fee("azure", "nat-gateway-data-processed-per-GB"),
            cross_zone_gb: fee("azure", "cross-az-data-transfer-per-GB"),
            egress_gb: fee("azure", "internet-egress-per-GB-first-10TB"),
            block_gb_month: fee("azure", "premium-ssd-per-GiB-month"),
            object_gb_month: fee("azure", "blob-hot-lrs-per-GB-month"),
            block_name: "Premium SSD",
            object_name: "Blob storage",
        },
        Provider::Gke => Fees {
            control_plane: fee("gcp", "gke-cluster-management-fee-per-cluster-hour"),
            load_balancer: fee("gcp", "lb-forwarding-rule-first-5-per-hour"),
            nat_hour: fee("gcp", "cloud-nat-external-ip-per-hour"),
            nat_gb: fee("gcp", "cloud-nat-data-processed-per-GiB"),
            cross_zone_gb: fee("gcp", "cross-zone-data-transfer-per-GB"),
            egress_gb: fee("gcp", "internet-egress-per-GB-first-1TB"),
            block_gb_month: fee("gcp", "pd-balanced-per-GB-month"),
            object_gb_month: fee("gcp", "gcs-standard-per-GB-month"),
            block_name: "Balanced PD",
            object_name: "Cloud Storage",
        },
        Provider::Kubeadm => return None,
    })
}

/// A line's derivation, written only when the estimate explains itself
/// (the critique and the sensitivity need totals alone).
macro_rules! why {
    ($scale:expr, $($arg:tt)*) => {
        if $scale.explain { format!($($arg)*) } else { String::new() }
    };
}

/// Multipliers on the inputs the total depends on (all 1.0 for the estimate itself).
#[derive(Debug, Clone, PartialEq)]
struct Scale {
    /// Write each line's derivation.
    explain: bool,
    traffic: f64,
    retention: f64,
    /// Per design pool, by index.
    pool_nodes: Vec<f64>,
}

impl Scale {
    fn none(design: &PlatformDesign) -> Self {
        Self {
            explain: true,
            traffic: 1.0,
            retention: 1.0,
            pool_nodes: vec![1.0; design.spec.cluster.node_pools.len()],
        }
    }
}

/// Requests a day that reach `cluster`: production's traffic shared by the
/// production clusters; a twentieth of it shared by the others.
fn cluster_requests_per_day(design: &PlatformDesign, plan: &Plan, cluster: &PlannedCluster) -> f64 {
    let production = design.spec.workload.traffic.requests_per_day as f64;
    // Standby regions (active-passive) serve nothing until failover.
    let count = |prod: bool| {
        plan.clusters
            .iter()
            .filter(|c| c.production == prod && !c.standby)
            .count()
            .max(1) as f64
    };
    if cluster.standby {
        0.0
    } else if cluster.production {
        production / count(true)
    } else {
        production * NON_PRODUCTION_TRAFFIC_SHARE / count(false)
    }
}

fn money(usd: f64) -> String {
    if usd >= 100.0 {
        format!("${usd:.0}")
    } else if usd >= 0.1 {
        format!("${usd:.3}").trim_end_matches('0').to_owned()
    } else {
        format!("${usd}")
    }
}

/// The monthly total alone, as [`estimate`] computes it (no derivations, no
/// sensitivity): what the critique compares with the budget.
pub fn monthly_total(design: &PlatformDesign) -> f64 {
    bill(design).total_monthly_usd
}

/// The bill's lines and total as [`estimate`] computes them, without the
/// derivations' text and without sensitivity (no extra bills): what decision
/// records compare between a choice and its alternative.
pub fn bill(design: &PlatformDesign) -> CostEstimate {
    let derived = crate::capacity::derived(design);
    let (plan, capacity) = &*derived;
    let scale = Scale {
        explain: false,
        ..Scale::none(design)
    };
    estimate_scaled(design, plan, capacity, &scale)
}

/// Estimates the monthly cost of `design`.
pub fn estimate(design: &PlatformDesign) -> CostEstimate {
    let plan = Plan::of(design);
    let capacity = capacity_of(design, &plan);
    let mut e = estimate_scaled(design, &plan, &capacity, &Scale::none(design));
    e.sensitivity = sensitivity(design, &plan, &capacity, e.total_monthly_usd);
    e
}

fn estimate_scaled(
    design: &PlatformDesign,
    plan: &Plan,
    capacity: &[ClusterCapacity],
    scale: &Scale,
) -> CostEstimate {
    let cluster = &design.spec.cluster;
    let key = cluster.provider.pricing_key();
    let fees = fees(cluster.provider);
    let mut lines = Vec::new();
    let mut savings = Vec::new();
    let mut over_provisioned_monthly_usd = 0.0;
    let public = design
        .spec
        .workload
        .services
        .iter()
        .any(|s| s.exposure == Exposure::Public);

    for (c, cap) in plan.clusters.iter().zip(capacity) {
        let name = Some(c.name.clone());
        let mut usd_per_vcpu = Vec::new();
        for pool in &c.node_pools {
            let index = cluster
                .node_pools
                .iter()
                .position(|p| p.name == pool.name)
                .unwrap_or(0);
            let nodes =
                f64::from(pool.desired_nodes) * scale.pool_nodes.get(index).copied().unwrap_or(1.0);
            let Some(row) = key.and_then(|key| pricing::instance(key, &pool.instance_type)) else {
                lines.push(CostLine {
                    cluster: name.clone(),
                    label: format!("Node pool {} ({})", pool.name, pool.instance_type),
                    category: Category::Compute,
                    quantity: nodes * HOURS_PER_MONTH,
                    unit: "node-hours",
                    unit_usd: 0.0,
                    monthly_usd: 0.0,
                    derivation: why!(
                        scale,
                        "{nodes:.0} node(s) × 730 h; {} is not in the price table (self-managed hardware is costed by its owner)",
                        pool.instance_type
                    ),
                    estimate: false,
                    priced: false,
                });
                continue;
            };
            let discount = match pool.purchase {
                Purchase::OnDemand => 0.0,
                Purchase::Spot => row.spot_discount.unwrap_or(0.0),
                Purchase::Reserved => row.reserved_discount.unwrap_or(0.0),
            };
            let unit = row.usd_per_hour * (1.0 - discount);
            let hours = nodes * HOURS_PER_MONTH;
            let cost = hours * unit;
            if let Some(vcpu) = row.vcpu {
                usd_per_vcpu.push(unit * HOURS_PER_MONTH / f64::from(vcpu));
            }
            lines.push(CostLine {
                cluster: name.clone(),
                label: format!(
                    "Node pool {} ({}, {})",
                    pool.name,
                    pool.instance_type,
                    crate::choices::Choice::label(pool.purchase).to_ascii_lowercase()
                ),
                category: Category::Compute,
                quantity: hours,
                unit: "node-hours",
                unit_usd: unit,
                monthly_usd: cost,
                derivation: if discount > 0.0 {
                    why!(
                        scale,
                        "{nodes:.0} node(s) × 730 h × {}/h × (1 − {:.0} % {})",
                        money(row.usd_per_hour),
                        discount * 100.0,
                        crate::choices::Choice::label(pool.purchase).to_ascii_lowercase()
                    )
                } else {
                    why!(
                        scale,
                        "{nodes:.0} node(s) × 730 h × {}/h",
                        money(row.usd_per_hour)
                    )
                },
                estimate: false,
                priced: true,
            });
            match pool.purchase {
                Purchase::OnDemand => {
                    if let Some(reserved) = row.reserved_discount.filter(|_| pool.min_nodes > 0) {
                        savings.push(Saving {
                            label: format!(
                                "Reserve the {} baseline nodes of {} in {}",
                                pool.min_nodes, pool.name, c.name
                            ),
                            monthly_usd: f64::from(pool.min_nodes)
                                * row.usd_per_hour
                                * HOURS_PER_MONTH
                                * reserved,
                            taken: false,
                        });
                    }
                }
                Purchase::Spot | Purchase::Reserved => savings.push(Saving {
                    label: format!(
                        "{} on {} in {}",
                        crate::choices::Choice::label(pool.purchase),
                        pool.name,
                        c.name
                    ),
                    monthly_usd: hours * row.usd_per_hour - cost,
                    taken: true,
                }),
            }
        }

        // Right-sizing: capacity at desired size beyond what the load needs.
        if !usd_per_vcpu.is_empty() && cap.fit != crate::capacity::Fit::Unknown {
            let average = usd_per_vcpu.iter().sum::<f64>() / usd_per_vcpu.len() as f64;
            let beyond = (cap.allocatable_vcpu - cap.needed_vcpu) * average;
            over_provisioned_monthly_usd += beyond;
            if beyond > 0.0 {
                savings.push(Saving {
                    label: format!(
                        "Right-size {} to the {} % target ({:.0} vCPU offered, {:.0} needed)",
                        c.name,
                        design.spec.cost.target_utilisation_percent,
                        cap.allocatable_vcpu,
                        cap.needed_vcpu
                    ),
                    monthly_usd: beyond,
                    taken: false,
                });
            }
        }

        let Some(fees) = &fees else {
            continue;
        };
        let hours = HOURS_PER_MONTH;
        lines.push(CostLine {
            cluster: name.clone(),
            label: "Control plane".into(),
            category: Category::ControlPlane,
            quantity: hours,
            unit: "cluster-hours",
            unit_usd: fees.control_plane,
            monthly_usd: hours * fees.control_plane,
            derivation: why!(scale, "1 cluster × 730 h × {}/h", money(fees.control_plane)),
            estimate: false,
            priced: true,
        });
        lines.push(CostLine {
            cluster: name.clone(),
            label: "Ingress load balancer".into(),
            category: Category::LoadBalancers,
            quantity: hours,
            unit: "load-balancer-hours",
            unit_usd: fees.load_balancer,
            monthly_usd: hours * fees.load_balancer,
            derivation: why!(
                scale,
                "1 load balancer × 730 h × {}/h (one capacity unit assumed)",
                money(fees.load_balancer)
            ),
            estimate: true,
            priced: true,
        });
        let per_day = cluster_requests_per_day(design, plan, c) * scale.traffic;
        let monthly_gb = per_day * 30.0 * BYTES_PER_REQUEST / GB;
        let gateways = f64::from(cluster.zones.max(1));
        let nat_gb = monthly_gb * NAT_SHARE;
        lines.push(CostLine {
            cluster: name.clone(),
            label: format!("NAT ({gateways:.0} gateway(s), one per zone)"),
            category: Category::Nat,
            quantity: gateways * hours,
            unit: "gateway-hours",
            unit_usd: fees.nat_hour,
            monthly_usd: gateways * hours * fees.nat_hour + nat_gb * fees.nat_gb,
            derivation: why!(
                        scale,
                "{gateways:.0} × 730 h × {}/h + {nat_gb:.0} GB × {}/GB ({:.0} % of {:.0} GB: {:.0} requests a day × 30 × 20 kB)",
                money(fees.nat_hour),
                money(fees.nat_gb),
                NAT_SHARE * 100.0,
                monthly_gb,
                per_day
            ),
            estimate: true,
            priced: true,
        });
        let zones = f64::from(cluster.zones.max(1));
        let crossing = monthly_gb * (zones - 1.0) / zones;
        if crossing > 0.0 {
            lines.push(CostLine {
                cluster: name.clone(),
                label: "Cross-zone traffic".into(),
                category: Category::CrossZone,
                quantity: crossing,
                unit: "GB",
                unit_usd: fees.cross_zone_gb,
                monthly_usd: crossing * fees.cross_zone_gb,
                derivation: why!(
                        scale,
                    "{crossing:.0} GB ({:.0} of {zones:.0} zones' share of {monthly_gb:.0} GB) × {}/GB",
                    zones - 1.0,
                    money(fees.cross_zone_gb)
                ),
                estimate: true,
                priced: true,
            });
        }
        if public && monthly_gb > 0.0 {
            lines.push(CostLine {
                cluster: name.clone(),
                label: "Internet egress (responses to the public)".into(),
                category: Category::Egress,
                quantity: monthly_gb,
                unit: "GB",
                unit_usd: fees.egress_gb,
                monthly_usd: monthly_gb * fees.egress_gb,
                derivation: why!(
                    scale,
                    "{monthly_gb:.0} GB ({per_day:.0} requests a day × 30 × 20 kB) × {}/GB",
                    money(fees.egress_gb)
                ),
                estimate: true,
                priced: true,
            });
        }
        let stateful_gib: u64 = plan
            .services
            .iter()
            .filter(|s| s.workload == crate::plan::WorkloadKind::StatefulSet)
            .map(|s| s.pods_where(|env| c.environments.contains(env)))
            .fold(0u64, u64::saturating_add)
            .saturating_mul(u64::from(STATEFUL_VOLUME_GIB));
        let platform_gib = plan.footprint.volume_gib();
        let volume_gib = stateful_gib.saturating_add(platform_gib) as f64;
        if volume_gib > 0.0 {
            let gb = volume_gib * GIB_IN_GB;
            lines.push(CostLine {
                cluster: name.clone(),
                label: format!("Volumes ({})", fees.block_name),
                category: Category::Volumes,
                quantity: gb,
                unit: "GB-months",
                unit_usd: fees.block_gb_month,
                monthly_usd: gb * fees.block_gb_month,
                derivation: why!(
                        scale,
                    "{platform_gib} GiB for the platform's stores (the metrics store {} GiB per replica for ~{} series over {} days) + {stateful_gib} GiB for stateful services ({STATEFUL_VOLUME_GIB} GiB per replica) = {gb:.0} GB × {}/GB-month",
                    plan.footprint.metrics_volume_gib,
                    plan.footprint.metrics_series,
                    design.spec.observability.metrics_retention_days,
                    money(fees.block_gb_month)
                ),
                estimate: false,
                priced: true,
            });
        }
    }

    shared_lines(design, plan, fees.as_ref(), scale, &mut lines);

    let total_monthly_usd: f64 = lines.iter().map(|l| l.monthly_usd).sum();
    let per_cluster: Vec<ClusterCost> = plan
        .clusters
        .iter()
        .map(|c| ClusterCost {
            cluster: c.name.clone(),
            production: c.production,
            monthly_usd: lines
                .iter()
                .filter(|l| l.cluster.as_deref() == Some(c.name.as_str()))
                .map(|l| l.monthly_usd)
                .sum(),
        })
        .collect();
    let per_environment = per_environment(plan, &per_cluster, &lines);
    let budget = f64::from(design.spec.cost.monthly_budget_usd);
    CostEstimate {
        currency: "USD",
        prices_as_of: pricing::PRICES_AS_OF,
        lines,
        per_cluster,
        total_monthly_usd,
        savings,
        over_provisioned_monthly_usd,
        per_environment,
        sensitivity: Vec::new(),
        budget_monthly_usd: budget,
        budget_alert_usd: budget * f64::from(design.spec.cost.budget_alert_percent) / 100.0,
    }
}

/// What all clusters share: object storage for logs and long-term metrics,
/// and the managed data services the design names.
fn shared_lines(
    design: &PlatformDesign,
    plan: &Plan,
    fees: Option<&Fees>,
    scale: &Scale,
    lines: &mut Vec<CostLine>,
) {
    let obs = &design.spec.observability;
    let replicas = plan
        .services
        .iter()
        .map(|s| s.pods_where(|_| true))
        .fold(0u64, u64::saturating_add) as f64;
    let all_requests_per_day = design.spec.workload.traffic.requests_per_day as f64
        * (1.0 + NON_PRODUCTION_TRAFFIC_SHARE)
        * scale.traffic;
    let logs_gb = if obs.logs == LogStack::Loki {
        all_requests_per_day
            * LOG_BYTES_PER_REQUEST
            * f64::from(obs.log_retention_days)
            * scale.retention
            / GB
    } else {
        0.0
    };
    let long_term = obs.metrics != MetricsStack::None && obs.long_term_store != LongTermStore::None;
    let metrics_gb = if long_term {
        replicas
            * SERIES_PER_REPLICA as f64
            * BYTES_PER_SAMPLE
            * SAMPLES_PER_SERIES_PER_DAY
            * LONG_TERM_DAYS
            * scale.retention
            / GB
    } else {
        0.0
    };
    if logs_gb + metrics_gb > 0.0 {
        let (unit_usd, store, priced) = match fees {
            Some(f) => (f.object_gb_month, f.object_name, true),
            None => (0.0, "the site's object store", false),
        };
        let mut parts = Vec::new();
        if logs_gb > 0.0 {
            parts.push(format!(
                "logs {logs_gb:.0} GB ({all_requests_per_day:.0} requests a day × 500 B × {} days)",
                obs.log_retention_days
            ));
        }
        if metrics_gb > 0.0 {
            parts.push(format!(
                "metric blocks {metrics_gb:.0} GB ({replicas:.0} replicas × 1000 series × 2 B × 2880 samples a day × 365 days)"
            ));
        }
        let gb = logs_gb + metrics_gb;
        lines.push(CostLine {
            cluster: None,
            label: format!("Logs and long-term metrics ({store})"),
            category: Category::Observability,
            quantity: gb,
            unit: "GB-months",
            unit_usd,
            monthly_usd: gb * unit_usd,
            derivation: if priced {
                why!(
                    scale,
                    "{} = {gb:.0} GB × {}/GB-month",
                    parts.join(" + "),
                    money(unit_usd)
                )
            } else {
                why!(
                    scale,
                    "{}: not priced (self-managed storage)",
                    parts.join(" + ")
                )
            },
            estimate: true,
            priced,
        });
    }
    if design.spec.workload.data.external_managed_databases {
        lines.push(CostLine {
            cluster: None,
            label: "Managed databases outside the cluster".into(),
            category: Category::DataServices,
            quantity: 0.0,
            unit: "databases",
            unit_usd: 0.0,
            monthly_usd: 0.0,
            derivation: "The design keeps its data in managed databases but does not size them; price them in the provider's calculator and add them here.".into(),
            estimate: true,
            priced: false,
        });
    }
}

fn per_environment(
    plan: &Plan,
    per_cluster: &[ClusterCost],
    lines: &[CostLine],
) -> Vec<EnvironmentCost> {
    let shared: f64 = lines
        .iter()
        .filter(|l| l.cluster.is_none())
        .map(|l| l.monthly_usd)
        .sum();
    let requests = plan.requests_per_environment();
    let all_cpu: u64 = requests
        .iter()
        .map(|(_, r)| r.cpu_millicores)
        .fold(0, u64::saturating_add);
    requests
        .iter()
        .map(|(env, r)| {
            let cluster = plan.cluster_of(env);
            let in_cluster: u64 = cluster.map_or(0, |c| {
                requests
                    .iter()
                    .filter(|(e, _)| c.environments.iter().any(|x| x.as_str() == e))
                    .map(|(_, r)| r.cpu_millicores)
                    .fold(0, u64::saturating_add)
            });
            let cluster_usd = cluster
                .and_then(|c| per_cluster.iter().find(|p| p.cluster == c.name))
                .map_or(0.0, |p| p.monthly_usd);
            let share = |part: u64, whole: u64| {
                if whole == 0 {
                    0.0
                } else {
                    part as f64 / whole as f64
                }
            };
            EnvironmentCost {
                environment: env.clone(),
                monthly_usd: cluster_usd * share(r.cpu_millicores, in_cluster)
                    + shared * share(r.cpu_millicores, all_cpu),
            }
        })
        .collect()
}

/// The three inputs whose growth by a tenth moves the total most.
fn sensitivity(
    design: &PlatformDesign,
    plan: &Plan,
    capacity: &[ClusterCapacity],
    total: f64,
) -> Vec<Sensitivity> {
    let base = Scale {
        explain: false,
        ..Scale::none(design)
    };
    let mut candidates = vec![
        (
            "Traffic (requests a day)".to_owned(),
            Scale {
                traffic: 1.1,
                ..base.clone()
            },
        ),
        (
            "Log and metric retention".to_owned(),
            Scale {
                retention: 1.1,
                ..base.clone()
            },
        ),
    ];
    for (i, pool) in design.spec.cluster.node_pools.iter().enumerate() {
        let mut scale = base.clone();
        if let Some(n) = scale.pool_nodes.get_mut(i) {
            *n = 1.1;
        }
        candidates.push((format!("Nodes of pool {}", pool.name), scale));
    }
    let mut out: Vec<Sensitivity> = candidates
        .into_iter()
        .map(|(input, scale)| Sensitivity {
            input,
            monthly_usd: estimate_scaled(design, plan, capacity, &scale).total_monthly_usd - total,
        })
        .filter(|s| s.monthly_usd > 0.005)
        .collect();
    out.sort_by(|a, b| b.monthly_usd.total_cmp(&a.monthly_usd));
    out.truncate(3);
    out
}

#[cfg(test)]
mod tests;
