//! The monthly cost estimate: a breakdown by line, the savings each choice
//! brings, and what the configured nodes cost beyond what the load needs.
//! Prices come from the compiled-in table ([`crate::pricing`]); quantities the
//! design does not state (traffic bytes, metric series) are estimates and
//! marked as such.

use serde::Serialize;

use crate::capacity::{capacity_of, HOURS_PER_MONTH};
use crate::choices::{LogStack, MetricsStack, Provider, Purchase};
use crate::model::PlatformDesign;
use crate::plan::Plan;
use crate::pricing;

/// Average bytes moved per request (request plus response), for transfer estimates.
const BYTES_PER_REQUEST: f64 = 20_000.0;
/// Share of request bytes that leave through NAT (calls to outside APIs).
const NAT_SHARE: f64 = 0.10;
/// Block storage per GB-month (gp3 list price; estimate for other providers).
const STORAGE_USD_PER_GB_MONTH: f64 = 0.08;
/// Active series one service replica exposes, and bytes per stored sample.
const SERIES_PER_REPLICA: f64 = 1_000.0;
const BYTES_PER_SAMPLE: f64 = 2.0;
const SAMPLES_PER_SERIES_PER_DAY: f64 = 2_880.0; // a 30-second scrape
/// Log bytes written per request.
const LOG_BYTES_PER_REQUEST: f64 = 500.0;
const GB: f64 = 1e9;

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
    /// Metrics and log storage of the platform itself.
    Observability,
}

/// One line of the monthly bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostLine {
    /// What it is, e.g. "Node pool general (9 × m6i.xlarge, reserved)".
    pub label: String,
    /// Its category.
    pub category: Category,
    /// US dollars per month.
    pub monthly_usd: f64,
    /// Whether a quantity behind it is estimated rather than taken from the design.
    pub estimate: bool,
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

/// The whole estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostEstimate {
    /// Always `USD`.
    pub currency: &'static str,
    /// When the prices were gathered.
    pub prices_as_of: &'static str,
    /// The bill, line by line.
    pub lines: Vec<CostLine>,
    /// Sum of the lines, per month.
    pub total_monthly_usd: f64,
    /// Savings taken and available.
    pub savings: Vec<Saving>,
    /// Nodes at desired size minus what the load needs at the target utilisation, in money (negative: short).
    pub over_provisioned_monthly_usd: f64,
    /// The total split over environments by their share of requested CPU.
    pub per_environment: Vec<EnvironmentCost>,
    /// The design's budget, for comparison.
    pub budget_monthly_usd: f64,
    /// The alert threshold, in dollars.
    pub budget_alert_usd: f64,
}

struct Fees {
    control_plane: f64,
    load_balancer: f64,
    nat_hour: f64,
    nat_gb: f64,
    cross_zone_gb: f64,
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
        },
        Provider::Aks => Fees {
            control_plane: fee("azure", "aks-control-plane-standard-tier-per-cluster-hour"),
            load_balancer: fee("azure", "standard-load-balancer-first-5-rules-per-hour"),
            nat_hour: fee("azure", "nat-gateway-per-hour"),
            nat_gb: fee("azure", "nat-gateway-data-processed-per-GB"),
            cross_zone_gb: fee("azure", "cross-az-data-transfer-per-GB"),
        },
        Provider::Gke => Fees {
            control_plane: fee("gcp", "gke-cluster-management-fee-per-cluster-hour"),
            load_balancer: fee("gcp", "lb-forwarding-rule-first-5-per-hour"),
            nat_hour: fee("gcp", "cloud-nat-external-ip-per-hour"),
            nat_gb: fee("gcp", "cloud-nat-data-processed-per-GiB"),
            cross_zone_gb: fee("gcp", "cross-zone-data-transfer-per-GB"),
        },
        Provider::Kubeadm => return None,
    })
}

/// Estimates the monthly cost of `design`.
pub fn estimate(design: &PlatformDesign) -> CostEstimate {
    let plan = Plan::of(design);
    let cluster = &design.spec.cluster;
    // Every cluster of the plan runs every node pool.
    let cluster_count = plan.clusters.len().max(1) as f64;
    let key = cluster.provider.pricing_key();
    let mut lines = Vec::new();
    let mut savings = Vec::new();
    let mut configured_usd = 0.0;
    let mut usd_per_vcpu = Vec::new();

    for pool in &cluster.node_pools {
        let Some(row) = key.and_then(|key| pricing::instance(key, &pool.instance_type)) else {
            continue;
        };
        let nodes = f64::from(pool.desired_nodes) * cluster_count;
        let on_demand = nodes * row.usd_per_hour * HOURS_PER_MONTH;
        let discount = match pool.purchase {
            Purchase::OnDemand => 0.0,
            Purchase::Spot => row.spot_discount.unwrap_or(0.0),
            Purchase::Reserved => row.reserved_discount.unwrap_or(0.0),
        };
        let cost = on_demand * (1.0 - discount);
        configured_usd += cost;
        if let Some(vcpu) = row.vcpu {
            usd_per_vcpu.push(cost / (f64::from(vcpu) * nodes.max(1.0)));
        }
        lines.push(CostLine {
            label: format!(
                "Node pool {} ({} × {}{}, {})",
                pool.name,
                pool.desired_nodes,
                pool.instance_type,
                if plan.clusters.len() > 1 {
                    format!(" in each of {} clusters", plan.clusters.len())
                } else {
                    String::new()
                },
                crate::choices::Choice::label(pool.purchase)
            ),
            category: Category::Compute,
            monthly_usd: cost,
            estimate: false,
        });
        match pool.purchase {
            Purchase::OnDemand => {
                if let Some(reserved) = row.reserved_discount.filter(|_| pool.min_nodes > 0) {
                    let baseline = f64::from(pool.min_nodes)
                        * cluster_count
                        * row.usd_per_hour
                        * HOURS_PER_MONTH;
                    savings.push(Saving {
                        label: format!(
                            "Reserve the {} baseline nodes of {}",
                            pool.min_nodes, pool.name
                        ),
                        monthly_usd: baseline * reserved,
                        taken: false,
                    });
                }
            }
            Purchase::Spot | Purchase::Reserved => savings.push(Saving {
                label: format!(
                    "{} on {}",
                    crate::choices::Choice::label(pool.purchase),
                    pool.name
                ),
                monthly_usd: on_demand - cost,
                taken: true,
            }),
        }
    }

    if let Some(fees) = fees(cluster.provider) {
        let clusters = cluster_count;
        lines.push(CostLine {
            label: format!("Control plane ({clusters:.0} cluster(s))"),
            category: Category::ControlPlane,
            monthly_usd: clusters * fees.control_plane * HOURS_PER_MONTH,
            estimate: false,
        });
        lines.push(CostLine {
            label: format!("Ingress load balancer ({clusters:.0})"),
            category: Category::LoadBalancers,
            monthly_usd: clusters * fees.load_balancer * HOURS_PER_MONTH,
            estimate: true,
        });
        let monthly_gb =
            design.spec.workload.traffic.requests_per_day as f64 * 30.0 * BYTES_PER_REQUEST / GB;
        let gateways = clusters * f64::from(cluster.zones.max(1));
        lines.push(CostLine {
            label: format!(
                "NAT ({gateways:.0} gateway(s), ~{:.0} GB processed)",
                monthly_gb * NAT_SHARE
            ),
            category: Category::Nat,
            monthly_usd: gateways * fees.nat_hour * HOURS_PER_MONTH
                + monthly_gb * NAT_SHARE * fees.nat_gb,
            estimate: true,
        });
        let zones = f64::from(cluster.zones.max(1));
        let crossing = monthly_gb * (zones - 1.0) / zones;
        lines.push(CostLine {
            label: format!("Cross-zone traffic (~{crossing:.0} GB)"),
            category: Category::CrossZone,
            monthly_usd: crossing * fees.cross_zone_gb,
            estimate: true,
        });
    }

    let obs = &design.spec.observability;
    let replicas: f64 = plan
        .services
        .iter()
        .flat_map(|s| {
            s.environments
                .iter()
                .map(move |e| f64::from(s.count) * f64::from(e.min_replicas))
        })
        .sum();
    let metrics_gb = if obs.metrics == MetricsStack::None {
        0.0
    } else {
        replicas
            * SERIES_PER_REPLICA
            * BYTES_PER_SAMPLE
            * SAMPLES_PER_SERIES_PER_DAY
            * f64::from(obs.metrics_retention_days)
            / GB
    };
    let logs_gb = if obs.logs == LogStack::None {
        0.0
    } else {
        design.spec.workload.traffic.requests_per_day as f64
            * LOG_BYTES_PER_REQUEST
            * f64::from(obs.log_retention_days)
            / GB
    };
    lines.push(CostLine {
        label: format!("Metrics and log storage (~{metrics_gb:.0} GB + ~{logs_gb:.0} GB)"),
        category: Category::Observability,
        monthly_usd: (metrics_gb + logs_gb) * STORAGE_USD_PER_GB_MONTH,
        estimate: true,
    });

    // Right-sizing: capacity at desired size beyond what the load needs.
    let c = capacity_of(design, &plan);
    let average_usd_per_vcpu = if usd_per_vcpu.is_empty() {
        0.0
    } else {
        usd_per_vcpu.iter().sum::<f64>() / usd_per_vcpu.len() as f64
    };
    let over_provisioned_monthly_usd = (c.configured_vcpu - c.needed_vcpu) * average_usd_per_vcpu;
    if over_provisioned_monthly_usd > 0.0 && configured_usd > 0.0 {
        savings.push(Saving {
            label: format!(
                "Right-size to the {} % target ({:.0} vCPU configured, {:.0} needed)",
                design.spec.cost.target_utilisation_percent, c.configured_vcpu, c.needed_vcpu
            ),
            monthly_usd: over_provisioned_monthly_usd,
            taken: false,
        });
    }

    let total_monthly_usd: f64 = lines.iter().map(|l| l.monthly_usd).sum();
    let requests = plan.requests_per_environment();
    let all_cpu = requests
        .iter()
        .fold(0u64, |total, (_, r)| total.saturating_add(r.cpu_millicores));
    let per_environment = requests
        .into_iter()
        .map(|(environment, r)| EnvironmentCost {
            environment,
            monthly_usd: if all_cpu == 0 {
                0.0
            } else {
                total_monthly_usd * r.cpu_millicores as f64 / all_cpu as f64
            },
        })
        .collect();
    let budget = f64::from(design.spec.cost.monthly_budget_usd);
    CostEstimate {
        currency: "USD",
        prices_as_of: pricing::PRICES_AS_OF,
        lines,
        total_monthly_usd,
        savings,
        over_provisioned_monthly_usd,
        per_environment,
        budget_monthly_usd: budget,
        budget_alert_usd: budget * f64::from(design.spec.cost.budget_alert_percent) / 100.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(estimate: &CostEstimate, category: Category) -> f64 {
        estimate
            .lines
            .iter()
            .filter(|l| l.category == category)
            .map(|l| l.monthly_usd)
            .sum()
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 0.01
    }

    #[test]
    fn the_default_design_costs_what_the_hand_computation_says() {
        let e = estimate(&PlatformDesign::default());
        // 3 × m6i.xlarge on demand in each of the two clusters: 2 × 3 × $0.192 × 730 h.
        assert!(close(line(&e, Category::Compute), 840.96));
        // Two EKS clusters (prod + non-prod) at $0.10/h.
        assert!(close(line(&e, Category::ControlPlane), 146.0));
        // One ALB per cluster: ($0.0225 + one LCU at $0.008) × 730 h × 2.
        assert!(close(line(&e, Category::LoadBalancers), 44.53));
        // 1M req/day × 30 days × 20 kB = 600 GB; 6 gateways (2 clusters × 3 zones) at $0.045/h, 10 % of 600 GB at $0.045.
        assert!(close(
            line(&e, Category::Nat),
            6.0 * 0.045 * 730.0 + 60.0 * 0.045
        ));
        // Two thirds of 600 GB cross a zone, at $0.01 each way.
        assert!(close(line(&e, Category::CrossZone), 400.0 * 0.02));
        // Metrics: 6 replicas (2 in each environment) × 1000 series × 2 B × 2880 × 15 days;
        // logs: 1M × 500 B × 30 days; $0.08/GB.
        assert!(close(
            line(&e, Category::Observability),
            (0.5184 + 15.0) * 0.08
        ));
        assert!(close(
            e.total_monthly_usd,
            840.96 + 146.0 + 44.53 + 199.8 + 8.0 + 15.5184 * 0.08
        ));
        assert_eq!((e.currency, e.prices_as_of), ("USD", "2026-11"));
    }

    #[test]
    fn each_preset_prices_its_pools_and_control_planes_as_computed_by_hand() {
        let cases: [(&str, f64, f64); 4] = [
            // 9 × m6i.xlarge reserved (−37 %), 4 × c6i.2xlarge on demand, 4 × m6i.large spot (−65 %),
            // in each of 2 EKS clusters.
            (
                "fintech-eks",
                2.0 * (9.0 * 0.192 * 730.0 * 0.63
                    + 4.0 * 0.34 * 730.0
                    + 4.0 * 0.096 * 730.0 * 0.35),
                146.0,
            ),
            // 2 × e2-standard-4 on demand, 1 spot (−70 %); one GKE cluster.
            (
                "startup-gke",
                2.0 * 0.134012 * 730.0 + 0.134012 * 730.0 * 0.3,
                73.0,
            ),
            // Self-managed hardware is not in the price table.
            ("regulated-kubeadm", 0.0, 0.0),
            // 3 × D4s_v5 and 10 × D8s_v5 reserved (−38 %), 2 × D8s_v5 spot (−70 %), in each of
            // 3 AKS clusters (one per environment).
            (
                "enterprise-aks",
                3.0 * (3.0 * 0.192 * 730.0 * 0.62
                    + 10.0 * 0.384 * 730.0 * 0.62
                    + 2.0 * 0.384 * 730.0 * 0.3),
                219.0,
            ),
        ];
        for (slug, compute, control_plane) in cases {
            let design = crate::presets::find(slug)
                .map(|p| p.design())
                .unwrap_or_default();
            let e = estimate(&design);
            assert!(
                close(line(&e, Category::Compute), compute),
                "{slug}: compute {}",
                line(&e, Category::Compute)
            );
            assert!(
                close(line(&e, Category::ControlPlane), control_plane),
                "{slug}: control plane"
            );
        }
    }

    #[test]
    fn purchase_choices_show_as_savings_taken_and_available() {
        let mut design = PlatformDesign::default();
        let available = estimate(&design);
        let reserve = available
            .savings
            .iter()
            .find(|s| s.label.starts_with("Reserve"))
            .map(|s| s.monthly_usd);
        // 3 baseline nodes in each of 2 clusters × $0.192 × 730 × 37 %.
        let saved = 2.0 * 3.0 * 0.192 * 730.0 * 0.37;
        assert!(reserve.is_some_and(|usd| close(usd, saved)));
        design.spec.cluster.node_pools[0].purchase = Purchase::Reserved;
        let taken = estimate(&design);
        assert!(taken
            .savings
            .iter()
            .any(|s| s.taken && close(s.monthly_usd, saved)));
        assert!(close(
            available.total_monthly_usd - taken.total_monthly_usd,
            saved
        ));
    }

    #[test]
    fn nodes_beyond_the_need_are_priced_as_right_sizing() {
        let mut design = PlatformDesign::default();
        design.spec.cluster.node_pools[0].desired_nodes = 9;
        let e = estimate(&design);
        // 36 vCPU configured; 2 × 0.25 vCPU ÷ 70 % ≈ 0.71 needed; $0.048 per vCPU-hour.
        assert!(
            e.over_provisioned_monthly_usd > 1_000.0,
            "{}",
            e.over_provisioned_monthly_usd
        );
        assert!(e
            .savings
            .iter()
            .any(|s| s.label.starts_with("Right-size") && !s.taken));
    }

    #[test]
    fn self_managed_clusters_show_only_what_is_known() {
        let mut design = PlatformDesign::default();
        crate::edits::switch_provider(&mut design, Provider::Kubeadm);
        let e = estimate(&design);
        assert_eq!(line(&e, Category::Compute), 0.0);
        assert_eq!(
            e.lines.iter().map(|l| l.category).collect::<Vec<_>>(),
            [Category::Observability]
        );
    }

    #[test]
    fn the_total_is_split_over_environments_by_requested_cpu() {
        let mut design = PlatformDesign::default();
        design.spec.workload.services[0].min_replicas = 4;
        design.spec.workload.services[0].max_replicas = 8;
        let e = estimate(&design);
        // dev and staging run 2 replicas (as their overlays say), prod 4: shares 1/4, 1/4, 2/4.
        let shares: Vec<f64> = e
            .per_environment
            .iter()
            .map(|c| c.monthly_usd / e.total_monthly_usd)
            .collect();
        assert!(
            close(shares[0], 0.25) && close(shares[1], 0.25) && close(shares[2], 0.5),
            "{shares:?}"
        );
        assert!(close(
            e.per_environment.iter().map(|c| c.monthly_usd).sum::<f64>(),
            e.total_monthly_usd
        ));
    }

    #[test]
    fn the_budget_and_alert_are_reported() {
        let e = estimate(&PlatformDesign::default());
        assert_eq!(
            (e.budget_monthly_usd, e.budget_alert_usd),
            (5_000.0, 4_000.0)
        );
    }
}
