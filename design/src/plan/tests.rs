use super::*;
use crate::choices::{Cni, DeliveryTool, GitopsTool, Mesh, Provider, ServiceKind, Topology};
use crate::model::{Environment, NodePool};
use crate::names::{ClusterName, EnvName, PoolName, ServiceName};

fn preset(slug: &str) -> PlatformDesign {
    crate::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default()
}

fn cluster_names(plan: &Plan) -> Vec<&str> {
    plan.clusters.iter().map(|c| c.name.as_str()).collect()
}

fn paths(plan: &Plan) -> Vec<&str> {
    plan.problems().iter().map(|p| p.path.as_str()).collect()
}

#[test]
fn prod_and_non_prod_clusters_carry_the_base_name() {
    let plan = Plan::of(&PlatformDesign::default());
    assert_eq!(cluster_names(&plan), ["platform-non-prod", "platform-prod"]);
    let hosted: Vec<_> = plan.clusters[0]
        .environments
        .iter()
        .map(|e| e.as_str())
        .collect();
    assert_eq!(hosted, ["dev", "staging"]);
    assert!(plan.env_suffixed_namespaces);
    assert_eq!(
        plan.cluster_of("prod").map(|c| c.name.as_str()),
        Some("platform-prod")
    );
}

#[test]
fn a_single_cluster_is_called_by_the_cluster_name_alone() {
    // The startup preset once exported a GKE cluster called `startup-startup`.
    let plan = Plan::of(&preset("startup-gke"));
    assert_eq!(cluster_names(&plan), ["startup"]);
}

#[test]
fn prod_and_non_prod_without_non_production_environments_is_one_cluster() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.environments = vec![Environment::new(EnvName::known("prod"), true)];
    let plan = Plan::of(&design);
    assert_eq!(cluster_names(&plan), ["platform-prod"]);
    assert!(!plan.env_suffixed_namespaces);
    assert_eq!(plan.services[0].environments[0].namespace.as_str(), "api");
}

#[test]
fn one_cluster_per_environment_keeps_plain_namespaces() {
    let plan = Plan::of(&preset("regulated-kubeadm"));
    assert!(plan.clusters.iter().all(|c| c.environments.len() == 1));
    assert!(!plan.env_suffixed_namespaces);
    assert_eq!(
        plan.services[0].environments[0].namespace.as_str(),
        "records"
    );
}

#[test]
fn pools_land_in_the_clusters_they_are_placed_in() {
    let plan = Plan::of(&preset("fintech-eks"));
    let pools = |cluster: &PlannedCluster| -> Vec<String> {
        cluster
            .node_pools
            .iter()
            .map(|p| p.name.to_string())
            .collect()
    };
    // The spot pool is for non-production only.
    assert_eq!(
        pools(&plan.clusters[0]),
        ["general", "compute", "non-prod-spot"]
    );
    assert_eq!(pools(&plan.clusters[1]), ["general", "compute"]);
    assert!(plan.problems().is_empty());
    // With one cluster, a pool for either kind lands in it.
    let mut single = preset("fintech-eks");
    single.spec.cluster.topology = crate::choices::Topology::Single;
    assert_eq!(pools(&Plan::of(&single).clusters[0]).len(), 3);
}

#[test]
fn a_cluster_left_without_pools_is_a_field_error() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.node_pools[0].runs_in = crate::choices::PoolPlacement::Production;
    let plan = Plan::of(&design);
    let problem = plan
        .problems()
        .iter()
        .find(|p| p.path == "spec.cluster.nodePools");
    assert!(
        problem.is_some_and(|p| p.message.contains("'platform-non-prod' gets no node pool")),
        "{:?}",
        plan.problems()
    );
}

#[test]
fn outside_production_services_run_at_most_two_replicas_at_half_the_maximum() {
    let mut design = PlatformDesign::default();
    let g = &mut design.spec.workload.services[0];
    g.count = 4;
    g.min_replicas = 3;
    g.max_replicas = 10;
    g.cpu_request_millicores = 100;
    let plan = Plan::of(&design);
    let dev = &plan.services[0].environments[0];
    let prod = &plan.services[0].environments[2];
    assert_eq!((dev.min_replicas, dev.max_replicas), (2, 5));
    assert_eq!((prod.min_replicas, prod.max_replicas), (3, 10));
    assert_eq!(dev.requests.cpu_millicores, 4 * 2 * 100);
    assert_eq!(plan.requests_in("prod").cpu_millicores, 4 * 3 * 100);
    let per_cluster = plan.requests_per_cluster();
    assert_eq!(per_cluster[0].1.cpu_millicores, 2 * 4 * 2 * 100);
}

#[test]
fn a_cluster_name_too_long_for_gke_is_a_field_error_with_the_room_left() {
    let mut design = preset("startup-gke");
    design.spec.cluster.topology = Topology::ProdAndNonProd;
    design.spec.cluster.name = ClusterName::parse("a".repeat(35)).expect("label");
    let plan = Plan::of(&design);
    assert_eq!(paths(&plan), ["spec.cluster.name"]);
    let message = &plan.problems()[0].message;
    assert!(message.contains("40"), "{message}");
    assert!(message.contains("31 characters or fewer"), "{message}");
}

#[test]
fn a_namespace_longer_than_a_label_is_an_error_on_the_service_name() {
    let mut design = PlatformDesign::default();
    design.spec.workload.services[0].name = ServiceName::parse("s".repeat(60)).expect("label");
    let plan = Plan::of(&design);
    assert!(paths(&plan).contains(&"spec.workload.services[0].name"));
    assert!(
        plan.problems()
            .iter()
            .any(|p| p.message.contains("namespace would be")),
        "{:?}",
        plan.problems()
    );
}

#[test]
fn a_service_starting_with_a_digit_is_refused() {
    let mut design = PlatformDesign::default();
    design.spec.workload.services[0].name = ServiceName::parse("1api").expect("label");
    assert_eq!(
        paths(&Plan::of(&design)),
        ["spec.workload.services[0].name"]
    );
}

#[test]
fn long_cronjob_and_canary_names_are_refused() {
    let mut design = PlatformDesign::default();
    design.spec.cluster.topology = Topology::PerEnvironment;
    design.spec.workload.services[0].name = ServiceName::parse("b".repeat(53)).expect("label");
    design.spec.workload.services[0].kind = ServiceKind::Batch;
    assert!(Plan::of(&design).problems()[0].message.contains("CronJob"));

    design.spec.workload.services[0].kind = ServiceKind::Api;
    design.spec.gitops.progressive_delivery.tool = DeliveryTool::Flagger;
    design.spec.workload.services[0].name = ServiceName::parse("c".repeat(56)).expect("label");
    let plan = Plan::of(&design);
    assert!(
        plan.problems()[0].message.contains("-primary"),
        "{:?}",
        plan.problems()
    );
}

#[test]
fn flux_environment_names_must_leave_room_for_the_apps_prefix() {
    let mut design = PlatformDesign::default();
    design.spec.gitops.tool = GitopsTool::Flux;
    design.spec.cluster.topology = Topology::PerEnvironment;
    design.spec.cluster.environments[0].name = EnvName::parse("e".repeat(60)).expect("label");
    design.spec.cluster.name = ClusterName::parse("p").expect("label");
    design.spec.cluster.provider = Provider::Kubeadm;
    design.spec.cluster.node_pools[0].instance_type = "4-vcpu-16gb".into();
    let plan = Plan::of(&design);
    assert!(
        paths(&plan).contains(&"spec.cluster.environments[0].name"),
        "{:?}",
        plan.problems()
    );
}

#[test]
fn aks_pools_that_collide_or_take_the_system_name_are_refused() {
    let mut design = preset("enterprise-aks");
    let mut pool = NodePool {
        name: PoolName::parse("general-purpose-a").expect("label"),
        ..design.spec.cluster.node_pools[0].clone()
    };
    design.spec.cluster.node_pools = vec![pool.clone()];
    pool.name = PoolName::parse("general-purpose-b").expect("label");
    design.spec.cluster.node_pools.push(pool.clone());
    pool.name = PoolName::parse("system").expect("label");
    design.spec.cluster.node_pools.push(pool);
    let plan = Plan::of(&design);
    assert_eq!(
        paths(&plan),
        [
            "spec.cluster.nodePools[1].name",
            "spec.cluster.nodePools[2].name"
        ]
    );
}

#[test]
fn presets_have_no_plan_problems() {
    for p in crate::presets::PRESETS {
        assert_eq!(Plan::of(&p.design()).problems(), [], "{}", p.slug);
    }
}

#[test]
fn choices_that_cannot_go_together_are_errors_on_the_field_to_change() {
    use crate::choices::{LogStack, LongTermStore, MetricsStack};
    let mut design = preset("regulated-kubeadm");
    design.spec.observability.logs = LogStack::CloudNative;
    assert_eq!(paths(&Plan::of(&design)), ["spec.observability.logs"]);

    let mut design = PlatformDesign::default();
    design.spec.observability.metrics = MetricsStack::VictoriaMetrics;
    design.spec.observability.long_term_store = LongTermStore::Thanos;
    assert_eq!(
        paths(&Plan::of(&design)),
        ["spec.observability.longTermStore"]
    );
    design.spec.observability.long_term_store = LongTermStore::Mimir;
    assert!(Plan::of(&design).has("mimir"));
    design.spec.observability.metrics = MetricsStack::None;
    assert_eq!(
        paths(&Plan::of(&design)),
        ["spec.observability.longTermStore"]
    );
}

#[test]
fn calico_is_installed_where_the_provider_does_not_run_it() {
    use crate::choices::Cni;
    let mut eks = PlatformDesign::default();
    eks.spec.cluster.cni = Cni::Calico;
    assert!(Plan::of(&eks).has("tigera-operator") && Plan::of(&eks).dataplane.calico);
    let mut gke = preset("startup-gke");
    gke.spec.cluster.cni = Cni::Calico;
    // GKE runs Calico itself once Terraform turns network policy on.
    assert!(!Plan::of(&gke).has("tigera-operator") && Plan::of(&gke).dataplane.calico);
}

#[test]
fn aks_runs_keda_as_its_add_on_not_as_a_chart() {
    let mut aks = preset("enterprise-aks");
    aks.spec.cluster.workload_autoscaling.keda = true;
    assert!(!Plan::of(&aks).has("keda"));
    let mut eks = PlatformDesign::default();
    eks.spec.cluster.workload_autoscaling.keda = true;
    assert!(Plan::of(&eks).has("keda"));
}

#[test]
fn self_managed_clusters_name_their_api_endpoint() {
    let plan = Plan::of(&preset("regulated-kubeadm"));
    assert_eq!(
        plan.clusters[0].api_host.as_deref(),
        Some("clinic-dev-api.internal")
    );
    assert!(Plan::of(&PlatformDesign::default()).clusters[0]
        .api_host
        .is_none());
}

#[test]
fn self_managed_clusters_get_their_cni_by_hand_before_gitops() {
    let kubeadm = Plan::of(&preset("regulated-kubeadm"));
    let keys: Vec<_> = kubeadm.by_hand.iter().map(|c| c.key).collect();
    // Cilium serves the Gateway API there, so its definitions come first.
    assert_eq!(keys, ["gateway-api", "cilium"]);
    let mut calico = preset("regulated-kubeadm");
    calico.spec.cluster.cni = Cni::Calico;
    calico.spec.security.mesh = Mesh::None;
    let keys: Vec<_> = Plan::of(&calico).by_hand.iter().map(|c| c.key).collect();
    assert!(keys.ends_with(&["tigera-operator"]), "{keys:?}");
    // Managed clusters come with a pod network.
    assert!(Plan::of(&preset("fintech-eks")).by_hand.is_empty());
}

fn two_regions(mode: crate::choices::RegionMode) -> PlatformDesign {
    let mut d = PlatformDesign::default();
    d.spec.cluster.multi_region = Some(crate::model::MultiRegion {
        regions: vec!["us-west-2".into()],
        mode,
        ..crate::model::MultiRegion::default()
    });
    d
}

#[test]
fn a_further_region_gets_a_copy_of_each_production_cluster() {
    use crate::choices::RegionMode;
    let d = two_regions(RegionMode::ActivePassive);
    let plan = Plan::of(&d);
    assert_eq!(
        cluster_names(&plan),
        [
            "platform-non-prod",
            "platform-prod",
            "platform-prod-us-west-2"
        ]
    );
    let copy = &plan.clusters[2];
    assert_eq!(copy.region, "us-west-2");
    assert!(copy.production && copy.standby);
    assert_eq!(copy.environments, [EnvName::known("prod")]);
    // The standby runs the same pools: its applications run there too.
    assert_eq!(copy.node_pools, plan.clusters[1].node_pools);
    assert_eq!(plan.clusters[1].region, "us-east-1");
    assert!(!plan.clusters[1].standby);
    assert_eq!(plan.problems(), []);
    // Active-active: the copy serves.
    let d = two_regions(RegionMode::ActiveActive);
    let plan = Plan::of(&d);
    assert!(!plan.clusters[2].standby);
    // The environment's own cluster stays the primary one.
    assert_eq!(
        plan.cluster_of("prod").map(|c| c.name.as_str()),
        Some("platform-prod")
    );
}

#[test]
fn a_region_that_makes_a_cluster_name_too_long_is_its_field_error() {
    let mut d = two_regions(crate::choices::RegionMode::ActivePassive);
    d.spec.cluster.name = ClusterName::known("payments-platform");
    d.spec
        .cluster
        .multi_region
        .as_mut()
        .expect("regions")
        .regions = vec!["ap-southeast-2".into()];
    // payments-platform-prod-ap-southeast-2: 37 characters, EKS allows 30.
    let plan = Plan::of(&d);
    assert_eq!(paths(&plan), ["spec.cluster.multiRegion.regions[0]"]);
}

#[test]
fn regions_are_listed_once_and_spelt_as_names() {
    let mut d = two_regions(crate::choices::RegionMode::ActivePassive);
    d.spec
        .cluster
        .multi_region
        .as_mut()
        .expect("regions")
        .regions = vec!["us-east-1".into(), "US West".into()];
    let errors = crate::validate(&d);
    assert!(errors
        .iter()
        .any(|e| e.path == "spec.cluster.multiRegion.regions[0]"
            && e.message.contains("already one of the design's regions")));
    assert!(errors
        .iter()
        .any(|e| e.path == "spec.cluster.multiRegion.regions[1]"
            && e.message.contains("as the provider spells it")));
    d.spec
        .cluster
        .multi_region
        .as_mut()
        .expect("regions")
        .regions
        .clear();
    assert!(crate::validate(&d)
        .iter()
        .any(|e| e.path == "spec.cluster.multiRegion.regions"));
}

#[test]
fn a_second_region_answers_the_9999_rule_and_active_active_needs_replication() {
    use crate::choices::{Availability, DataReplication, RegionMode};
    let fired = |d: &PlatformDesign, id: &str| crate::critique::failing_rules(d).contains(&id);
    let mut one = PlatformDesign::default();
    one.spec.workload.availability = Availability::P99_99;
    assert!(fired(&one, "REL-009"));
    let mut two = two_regions(RegionMode::ActiveActive);
    two.spec.workload.availability = Availability::P99_99;
    assert!(!fired(&two, "REL-009"));
    assert!(!fired(&two, "REL-010"));
    two.spec
        .cluster
        .multi_region
        .as_mut()
        .expect("regions")
        .data_replication = DataReplication::None;
    assert!(fired(&two, "REL-010"));
}
