use super::*;
use crate::choices::Topology;

fn total(estimate: &CostEstimate, cluster: Option<&str>, category: Category) -> f64 {
    estimate
        .lines_of(cluster)
        .filter(|l| l.category == category)
        .map(|l| l.monthly_usd)
        .sum()
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 0.01
}

fn preset(slug: &str) -> PlatformDesign {
    crate::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default()
}

#[test]
fn the_default_design_costs_what_the_hand_computation_says_per_cluster() {
    let e = estimate(&PlatformDesign::default());
    let (prod, non_prod) = (Some("platform-prod"), Some("platform-non-prod"));
    // Each cluster: 3 × m6i.xlarge on demand, 3 × 730 h × $0.192.
    for c in [prod, non_prod] {
        assert!(close(total(&e, c, Category::Compute), 3.0 * 730.0 * 0.192));
        // One EKS control plane at $0.10/h, one ALB with one LCU.
        assert!(close(total(&e, c, Category::ControlPlane), 73.0));
        assert!(close(total(&e, c, Category::LoadBalancers), 730.0 * 0.0305));
        // Two Prometheus volumes of 20 GiB (the least: 15 days of a few
        // thousand series) and six Loki volumes of 10 GiB on gp3 at $0.08/GB-month.
        assert!(close(
            total(&e, c, Category::Volumes),
            100.0 * GIB_IN_GB * 0.08
        ));
    }
    // Production carries 1M requests a day: 600 GB a month; NAT: 3 gateways
    // × 730 h × $0.045 plus 10 % of 600 GB at $0.045; two thirds cross a zone at $0.02.
    assert!(close(
        total(&e, prod, Category::Nat),
        3.0 * 730.0 * 0.045 + 60.0 * 0.045
    ));
    assert!(close(total(&e, prod, Category::CrossZone), 400.0 * 0.02));
    // Non-production carries 5 % of it: 30 GB.
    assert!(close(
        total(&e, non_prod, Category::Nat),
        3.0 * 730.0 * 0.045 + 3.0 * 0.045
    ));
    assert!(close(total(&e, non_prod, Category::CrossZone), 20.0 * 0.02));
    // The default service is public: its responses leave at $0.09/GB.
    assert!(close(total(&e, prod, Category::Egress), 600.0 * 0.09));
    // Loki keeps 30 days of 1.05M requests × 500 B in S3 at $0.023.
    assert!(close(
        total(&e, None, Category::Observability),
        15.75 * 0.023
    ));
    // The design names managed databases: shown, not priced.
    let data: Vec<&CostLine> = e
        .lines_of(None)
        .filter(|l| l.category == Category::DataServices)
        .collect();
    assert!(data.len() == 1 && !data[0].priced && data[0].monthly_usd == 0.0);
    // The clusters and the shared lines add up to the total.
    let sum: f64 = e.per_cluster.iter().map(|c| c.monthly_usd).sum::<f64>()
        + e.lines_of(None).map(|l| l.monthly_usd).sum::<f64>();
    assert!(close(sum, e.total_monthly_usd));
    assert_eq!((e.currency, e.prices_as_of), ("USD", "2026-11"));
}

#[test]
fn every_line_says_how_it_was_derived() {
    for p in crate::presets::PRESETS {
        let e = estimate(&p.design());
        for l in &e.lines {
            assert!(!l.derivation.is_empty(), "{}: {}", p.slug, l.label);
            if l.priced {
                assert!(
                    close(l.quantity * l.unit_usd, l.monthly_usd) || l.category == Category::Nat,
                    "{}: {}",
                    p.slug,
                    l.label
                );
            } else {
                assert_eq!(l.monthly_usd, 0.0, "{}: {}", p.slug, l.label);
            }
        }
    }
}

#[test]
fn each_preset_prices_its_clusters_pools_as_computed_by_hand() {
    // (preset, cluster, compute per month, control plane per month)
    let cases: [(&str, &str, f64, f64); 7] = [
        // Production: 13 × m6i.2xlarge reserved (−37 %) and 4 × c6i.2xlarge on demand;
        // the spot pool (6 × m6i.2xlarge, −65 %) runs in non-production only.
        (
            "fintech-eks",
            "platform-prod",
            730.0 * (13.0 * 0.384 * 0.63 + 4.0 * 0.34),
            73.0,
        ),
        (
            "fintech-eks",
            "platform-non-prod",
            730.0 * (13.0 * 0.384 * 0.63 + 4.0 * 0.34 + 6.0 * 0.384 * 0.35),
            73.0,
        ),
        // One GKE cluster: 2 × e2-standard-4 on demand, 1 spot (−70 %).
        (
            "startup-gke",
            "startup",
            730.0 * (2.0 * 0.134012 + 0.134012 * 0.3),
            73.0,
        ),
        // Self-managed hardware is not in the price table.
        ("regulated-kubeadm", "clinic-prod", 0.0, 0.0),
        // 3 × D4s_v5 and 17 × D8s_v5 reserved (−38 %), 2 × D8s_v5 spot (−70 %) in each AKS cluster.
        (
            "enterprise-aks",
            "enterprise-dev",
            730.0 * (3.0 * 0.192 * 0.62 + 17.0 * 0.384 * 0.62 + 2.0 * 0.384 * 0.3),
            73.0,
        ),
        (
            "enterprise-aks",
            "enterprise-staging",
            730.0 * (3.0 * 0.192 * 0.62 + 17.0 * 0.384 * 0.62 + 2.0 * 0.384 * 0.3),
            73.0,
        ),
        (
            "enterprise-aks",
            "enterprise-prod",
            730.0 * (3.0 * 0.192 * 0.62 + 17.0 * 0.384 * 0.62 + 2.0 * 0.384 * 0.3),
            73.0,
        ),
    ];
    for (slug, cluster, compute, control_plane) in cases {
        let e = estimate(&preset(slug));
        let c = Some(cluster);
        assert!(
            e.per_cluster.iter().any(|p| p.cluster == cluster),
            "{slug}: no {cluster} in {:?}",
            e.per_cluster
        );
        assert!(
            close(total(&e, c, Category::Compute), compute),
            "{slug} {cluster}: compute {}",
            total(&e, c, Category::Compute)
        );
        assert!(
            close(total(&e, c, Category::ControlPlane), control_plane),
            "{slug} {cluster}: control plane"
        );
    }
}

#[test]
fn self_managed_pools_are_listed_as_not_priced() {
    let e = estimate(&preset("regulated-kubeadm"));
    let compute: Vec<&CostLine> = e
        .lines
        .iter()
        .filter(|l| l.category == Category::Compute)
        .collect();
    assert!(!compute.is_empty());
    assert!(compute.iter().all(|l| !l.priced && l.monthly_usd == 0.0));
    assert_eq!(e.total_monthly_usd, 0.0);
}

#[test]
fn purchase_choices_show_as_savings_taken_and_available() {
    let mut design = PlatformDesign::default();
    let available = estimate(&design);
    let reserve: f64 = available
        .savings
        .iter()
        .filter(|s| s.label.starts_with("Reserve"))
        .map(|s| s.monthly_usd)
        .sum();
    // 3 baseline nodes in each of 2 clusters × $0.192 × 730 × 37 %.
    let saved = 2.0 * 3.0 * 0.192 * 730.0 * 0.37;
    assert!(close(reserve, saved), "{reserve}");
    design.spec.cluster.node_pools[0].purchase = Purchase::Reserved;
    let taken = estimate(&design);
    let taken_sum: f64 = taken
        .savings
        .iter()
        .filter(|s| s.taken)
        .map(|s| s.monthly_usd)
        .sum();
    assert!(close(taken_sum, saved));
    assert!(close(
        available.total_monthly_usd - taken.total_monthly_usd,
        saved
    ));
}

#[test]
fn nodes_beyond_the_need_are_priced_as_right_sizing() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.node_pools[0].desired_nodes = 12;
    let e = estimate(&design);
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
fn the_total_is_split_over_environments_within_each_cluster() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.topology = Topology::Single;
    design.spec.workload.services[0].min_replicas = 4;
    design.spec.workload.services[0].max_replicas = 8;
    let e = estimate(&design);
    // One cluster: dev and staging run 2 replicas (as their overlays say), prod 4.
    let shares: Vec<f64> = e
        .per_environment
        .iter()
        .map(|c| c.monthly_usd / e.total_monthly_usd)
        .collect();
    assert!(
        close(shares[0], 0.25) && close(shares[1], 0.25) && close(shares[2], 0.5),
        "{shares:?}"
    );
    // Two clusters: prod pays for its own cluster.
    let e = estimate(&PlatformDesign::default());
    let prod = e
        .per_environment
        .iter()
        .find(|c| c.environment == "prod")
        .map(|c| c.monthly_usd);
    let prod_cluster = e
        .per_cluster
        .iter()
        .find(|c| c.production)
        .map(|c| c.monthly_usd);
    let shared: f64 = e.lines_of(None).map(|l| l.monthly_usd).sum();
    assert!(prod
        .zip(prod_cluster)
        .is_some_and(|(p, c)| p > c && p < c + shared));
    assert!(close(
        e.per_environment.iter().map(|c| c.monthly_usd).sum::<f64>(),
        e.total_monthly_usd
    ));
}

#[test]
fn sensitivity_names_the_inputs_that_move_the_total_most() {
    let design = preset("fintech-eks");
    let e = estimate(&design);
    assert_eq!(e.sensitivity.len(), 3);
    // The reserved general pool is the largest line: 10 % more of it costs
    // 10 % of both clusters' general pools.
    assert_eq!(e.sensitivity[0].input, "Nodes of pool general");
    assert!(close(
        e.sensitivity[0].monthly_usd,
        0.1 * 2.0 * 13.0 * 730.0 * 0.384 * 0.63
    ));
    assert!(e
        .sensitivity
        .windows(2)
        .all(|w| w[0].monthly_usd >= w[1].monthly_usd));
}

#[test]
fn the_budget_and_alert_are_reported() {
    let e = estimate(&PlatformDesign::default());
    assert_eq!(
        (e.budget_monthly_usd, e.budget_alert_usd),
        (5_000.0, 4_000.0)
    );
}

#[test]
fn a_standby_region_costs_its_clusters_but_serves_no_traffic() {
    let d = crate::presets::find("enterprise-aks")
        .expect("preset")
        .design();
    let bill = crate::estimate::bill(&d);
    let standby: Vec<_> = bill
        .lines
        .iter()
        .filter(|l| l.cluster.as_deref() == Some("enterprise-prod-northeurope"))
        .collect();
    assert!(
        standby.iter().any(|l| l.monthly_usd > 0.0),
        "its nodes are billed"
    );
    // No traffic, so no cross-zone or internet transfer lines.
    assert!(!standby
        .iter()
        .any(|l| l.label.starts_with("Cross-zone") || l.label.starts_with("Internet egress")));
    let mut single = d.clone();
    single.spec.cluster.multi_region = None;
    let serving = |b: &crate::estimate::CostEstimate| -> f64 {
        b.lines
            .iter()
            .filter(|l| {
                l.cluster.as_deref() == Some("enterprise-prod")
                    && l.label.starts_with("Internet egress")
            })
            .map(|l| l.monthly_usd)
            .sum()
    };
    // The primary still carries all of production's traffic.
    assert_eq!(serving(&bill), serving(&crate::estimate::bill(&single)));
    assert!(bill.total_monthly_usd > crate::estimate::bill(&single).total_monthly_usd);
}
