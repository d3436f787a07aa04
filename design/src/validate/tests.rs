use super::*;
use crate::choices::Compliance;
use crate::model::{Environment, NodePool};
use crate::names::{EnvName, PoolName};

fn paths(design: &PlatformDesign) -> Vec<String> {
    validate(design).into_iter().map(|e| e.path).collect()
}

#[test]
fn a_new_design_is_valid() {
    assert_eq!(validate(&PlatformDesign::default()), vec![]);
}

#[test]
fn an_empty_title_is_refused() {
    let design = PlatformDesign::named("   ");
    assert_eq!(paths(&design), ["metadata.name"]);
}

#[test]
fn a_title_over_100_characters_is_refused() {
    assert_eq!(
        paths(&PlatformDesign::named("x".repeat(101))),
        ["metadata.name"]
    );
}

#[test]
fn limits_below_requests_are_refused_with_the_request_named() {
    let mut design = PlatformDesign::default();
    design.spec.workload.services[0].cpu_limit_millicores = 100;
    design.spec.workload.services[0].memory_limit_mebibytes = 1;
    let errors = validate(&design);
    assert_eq!(
        errors[0].path,
        "spec.workload.services[0].cpuLimitMillicores"
    );
    assert!(errors[0].message.contains("250 m"), "{}", errors[0].message);
    assert_eq!(
        errors[1].path,
        "spec.workload.services[0].memoryLimitMebibytes"
    );
}

#[test]
fn max_replicas_below_min_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.workload.services[0].max_replicas = 1;
    assert_eq!(paths(&design), ["spec.workload.services[0].maxReplicas"]);
}

#[test]
fn duplicate_service_names_are_refused_on_the_second() {
    let mut design = PlatformDesign::default();
    let copy = design.spec.workload.services[0].clone();
    design.spec.workload.services.push(copy);
    assert_eq!(paths(&design), ["spec.workload.services[1].name"]);
}

#[test]
fn a_peak_factor_below_one_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.workload.traffic.peak_factor = 0.5;
    assert_eq!(paths(&design), ["spec.workload.traffic.peakFactor"]);
    design.spec.workload.traffic.peak_factor = f64::NAN;
    assert_eq!(paths(&design), ["spec.workload.traffic.peakFactor"]);
}

#[test]
fn a_regime_listed_twice_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.workload.compliance = vec![Compliance::PciDss, Compliance::PciDss];
    assert_eq!(paths(&design), ["spec.workload.compliance[1]"]);
}

#[test]
fn a_design_without_production_is_refused() {
    let mut design = PlatformDesign::default();
    for env in &mut design.spec.cluster.environments {
        env.production = false;
    }
    assert_eq!(paths(&design), ["spec.cluster.environments"]);
}

#[test]
fn duplicate_environments_are_refused() {
    let mut design = PlatformDesign::default();
    design
        .spec
        .cluster
        .environments
        .push(Environment::new(EnvName::known("dev"), false));
    assert_eq!(paths(&design), ["spec.cluster.environments[3].name"]);
}

#[test]
fn zones_beyond_the_region_are_refused() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.zones = 7;
    assert_eq!(paths(&design), ["spec.cluster.zones"]);
    design.spec.cluster.zones = 0;
    assert_eq!(paths(&design), ["spec.cluster.zones"]);
    design.spec.cluster.zones = 6;
    assert_eq!(paths(&design), Vec::<String>::new());
}

#[test]
fn node_counts_must_rise_from_min_to_desired_to_max() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.node_pools[0].desired_nodes = 2;
    assert_eq!(paths(&design), ["spec.cluster.nodePools[0].desiredNodes"]);
    design.spec.cluster.node_pools[0].desired_nodes = 10;
    assert_eq!(paths(&design), ["spec.cluster.nodePools[0].maxNodes"]);
}

#[test]
fn an_unknown_instance_type_lists_the_known_ones() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.node_pools[0].instance_type = "m99.huge".into();
    let errors = validate(&design);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("m6i.large"),
        "{}",
        errors[0].message
    );
}

#[test]
fn self_managed_clusters_accept_any_machine_description() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.provider = crate::choices::Provider::Kubeadm;
    design.spec.cluster.node_pools[0].instance_type = "8-vcpu-32gb".into();
    assert_eq!(validate(&design), vec![]);
}

#[test]
fn duplicate_pools_are_refused() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.node_pools.push(NodePool {
        name: PoolName::known("general"),
        ..NodePool::default()
    });
    assert_eq!(paths(&design), ["spec.cluster.nodePools[1].name"]);
}

#[test]
fn a_kubernetes_version_must_be_major_dot_minor() {
    let mut design = PlatformDesign::default();
    for bad in ["1", "v1.35", "1.35.2", "1.x"] {
        design.spec.cluster.kubernetes_version = bad.into();
        assert_eq!(paths(&design), ["spec.cluster.kubernetesVersion"], "{bad}");
    }
}

#[test]
fn a_repository_url_needs_a_git_scheme() {
    let mut design = PlatformDesign::default();
    design.spec.gitops.repo_url = "ftp://example.com/repo".into();
    assert_eq!(paths(&design), ["spec.gitops.repoUrl"]);
}

#[test]
fn a_branch_with_spaces_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.gitops.branch = "my branch".into();
    assert_eq!(paths(&design), ["spec.gitops.branch"]);
}

#[test]
fn canary_weights_must_rise() {
    let mut design = PlatformDesign::default();
    design.spec.gitops.progressive_delivery.canary_steps_percent = vec![10, 50, 25];
    assert_eq!(
        paths(&design),
        ["spec.gitops.progressiveDelivery.canaryStepsPercent[2]"]
    );
}

#[test]
fn sampling_outside_a_percentage_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.observability.trace_sampling_percent = 150.0;
    assert_eq!(paths(&design), ["spec.observability.traceSamplingPercent"]);
}

#[test]
fn zero_day_retention_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.observability.log_retention_days = 0;
    assert_eq!(paths(&design), ["spec.observability.logRetentionDays"]);
}

#[test]
fn utilisation_outside_10_to_95_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.cost.target_utilisation_percent = 99;
    assert_eq!(paths(&design), ["spec.cost.targetUtilisationPercent"]);
}

#[test]
fn the_design_round_trips_through_json() {
    let design = PlatformDesign::default();
    let text = serde_json::to_string(&design).unwrap_or_default();
    assert!(
        text.contains("\"apiVersion\":\"slipway.dev/v1alpha1\""),
        "{text}"
    );
    let back: Result<PlatformDesign, _> = serde_json::from_str(&text);
    assert_eq!(back.ok(), Some(design));
}

#[test]
fn unknown_fields_and_versions_are_rejected() {
    let mut value = serde_json::to_value(PlatformDesign::default()).unwrap_or_default();
    value["spec"]["cluster"]["colour"] = "blue".into();
    assert!(serde_json::from_value::<PlatformDesign>(value.clone()).is_err());
    let mut value = serde_json::to_value(PlatformDesign::default()).unwrap_or_default();
    value["apiVersion"] = "slipway.dev/v2".into();
    assert!(serde_json::from_value::<PlatformDesign>(value).is_err());
}

#[test]
fn only_a_valid_design_becomes_a_valid_design() {
    assert!(ValidDesign::new(PlatformDesign::default()).is_ok());
    let errors = ValidDesign::new(PlatformDesign::named(""))
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
}

#[test]
fn an_exemption_needs_a_known_rule_a_reason_and_an_owner() {
    let mut design = PlatformDesign::default();
    design.spec.exemptions.push(crate::critique::Exemption {
        rule: "SEC-999".into(),
        reason: " ".into(),
        owner: String::new(),
        expires: None,
    });
    assert_eq!(
        paths(&design),
        [
            "spec.exemptions[0].rule",
            "spec.exemptions[0].reason",
            "spec.exemptions[0].owner",
        ]
    );
}

#[test]
fn node_labels_and_taints_must_be_kubernetes_syntax() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.node_pools[0].labels = vec!["tier=web".into(), "a: b".into()];
    design.spec.cluster.node_pools[0].taints = vec!["tier=web:Maybe".into()];
    assert_eq!(
        paths(&design),
        [
            "spec.cluster.nodePools[0].labels",
            "spec.cluster.nodePools[0].taints"
        ]
    );
}

#[test]
fn only_kubernetes_releases_the_export_knows_are_accepted() {
    let mut design = PlatformDesign::default();
    for (version, ok) in [
        ("1.35", true),
        ("1.29", true),
        ("1.37", true),
        ("1.28", false),
        ("999.999", false),
        ("2.0", false),
    ] {
        design.spec.cluster.kubernetes_version = version.into();
        assert_eq!(paths(&design).is_empty(), ok, "{version}");
    }
    design.spec.cluster.kubernetes_version = "1.40".into();
    assert!(validate(&design)[0].message.contains("1.29 to 1.37"));
}

#[test]
fn a_mirror_is_a_registry_host_with_an_optional_port() {
    let mut design = PlatformDesign::default();
    for good in ["registry.example.internal", "mirror.corp.example:5000"] {
        design.spec.cluster.mirror = good.into();
        assert!(
            !paths(&design).contains(&"spec.cluster.mirror".to_owned()),
            "{good}"
        );
    }
    for bad in [
        "https://registry.example.internal",
        "registry.example.internal/charts",
        "Registry.Example.Internal",
        "localhost",
        "mirror.example:0",
        "mirror.example:99999",
        "mirror.example:",
    ] {
        design.spec.cluster.mirror = bad.into();
        assert!(
            paths(&design).contains(&"spec.cluster.mirror".to_owned()),
            "{bad}"
        );
    }
}

#[test]
fn teams_need_an_owner_a_cost_centre_label_groups_and_a_service_group() {
    use crate::model::Tenant;
    use crate::names::TeamName;
    let mut d = PlatformDesign::default();
    crate::edits::add_tenant(&mut d);
    d.spec.workload.tenants[0].owner = "lead@example.com".into();
    d.spec.workload.tenants[0].cost_centre = "cc-1042".into();
    assert!(validate(&d).is_empty(), "{:?}", validate(&d));
    d.spec.workload.tenants.push(Tenant {
        name: TeamName::parse("team").expect("name"),
        cost_centre: "cost centre #1".into(),
        ..Tenant::default()
    });
    let paths: Vec<(String, String)> = validate(&d)
        .into_iter()
        .filter(|e| e.path.starts_with("spec.workload.tenants[1]"))
        .map(|e| (e.path, e.message))
        .collect();
    let at = |field: &str| {
        paths
            .iter()
            .find(|(p, _)| p == &format!("spec.workload.tenants[1].{field}"))
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    };
    assert!(at("name").contains("already called 'team'"));
    assert!(at("owner").contains("Name who answers"));
    assert!(at("costCentre").contains("label value"));
    assert!(at("developersGroup").contains("identity-provider group"));
    assert!(at("onCallGroup").contains("identity-provider group"));
    assert!(at("services").contains("at least one service group"));
    d.spec.workload.tenants[1].developers_group = d.spec.workload.tenants[0].on_call_group.clone();
    assert!(validate(&d)
        .iter()
        .any(|e| e.path == "spec.workload.tenants[1].developersGroup"
            && e.message
                .contains("Team 'team' already signs in with 'team-on-call'")));
    d.spec.workload.tenants[1].cost_centre = String::new();
    assert!(validate(&d)
        .iter()
        .any(|e| e.path == "spec.workload.tenants[1].costCentre" && e.message.contains("cc-1042")));
}
