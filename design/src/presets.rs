//! Complete, valid designs to start from.

use crate::choices::*;
use crate::model::*;
use crate::names::{EnvName, PoolName, ServiceName};

/// A named starting point.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Stable identifier used by the API (`fintech-eks`).
    pub slug: &'static str,
    /// Title for people.
    pub title: &'static str,
    /// One sentence on who it suits.
    pub summary: &'static str,
    build: Build,
}

/// Which design a preset builds. A tag rather than a function pointer, so
/// a program that lists the presets without building them (the home page
/// in the browser) does not carry their designs.
#[derive(Debug, Clone, Copy)]
enum Build {
    FintechEks,
    StartupGke,
    RegulatedKubeadm,
    EnterpriseAks,
}

impl Preset {
    /// A fresh copy of the preset's design.
    pub fn design(&self) -> PlatformDesign {
        match self.build {
            Build::FintechEks => fintech_eks(),
            Build::StartupGke => startup_gke(),
            Build::RegulatedKubeadm => regulated_kubeadm(),
            Build::EnterpriseAks => enterprise_aks(),
        }
    }
}

/// Every preset, in the order the home page offers them.
pub const PRESETS: &[Preset] = &[
    Preset {
        slug: "fintech-eks",
        title: "Fintech on EKS",
        summary: "50 Java and Python services, 10M requests a day, PCI-DSS, 99.9 %, tripling in a year; 15 developers new to Kubernetes.",
        build: Build::FintechEks,
    },
    Preset {
        slug: "startup-gke",
        title: "Small startup on GKE",
        summary: "Six services, half a million requests a day, one cluster, a two-person team that wants few moving parts.",
        build: Build::StartupGke,
    },
    Preset {
        slug: "regulated-kubeadm",
        title: "Regulated on-prem (kubeadm, air-gapped)",
        summary: "Health data under HIPAA and GDPR in the customer's data centre: no internet, signed images, runtime detection.",
        build: Build::RegulatedKubeadm,
    },
    Preset {
        slug: "enterprise-aks",
        title: "Multi-tenant enterprise on AKS",
        summary: "120 .NET and Java services from many teams, SOC 2 and EU residency, one cluster per environment.",
        build: Build::EnterpriseAks,
    },
];

/// The preset with this slug.
pub fn find(slug: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.slug == slug)
}

#[allow(
    clippy::too_many_arguments,
    reason = "a table row of the preset definitions reads best flat"
)]
fn group(
    name: &'static str,
    runtime: Runtime,
    count: u32,
    kind: ServiceKind,
    cpu: (u32, u32),
    memory: (u32, u32),
    replicas: (u32, u32),
    exposure: Exposure,
) -> ServiceGroup {
    ServiceGroup {
        name: ServiceName::known(name),
        runtime,
        count,
        kind,
        stateful: false,
        cpu_request_millicores: cpu.0,
        cpu_limit_millicores: cpu.1,
        memory_request_mebibytes: memory.0,
        memory_limit_mebibytes: memory.1,
        min_replicas: replicas.0,
        max_replicas: replicas.1,
        exposure,
    }
}

fn pool(
    name: &'static str,
    instance_type: &str,
    nodes: (u32, u32, u32),
    purchase: Purchase,
) -> NodePool {
    NodePool {
        name: PoolName::known(name),
        instance_type: instance_type.into(),
        min_nodes: nodes.0,
        desired_nodes: nodes.1,
        max_nodes: nodes.2,
        purchase,
        runs_in: PoolPlacement::All,
        labels: Vec::new(),
        taints: Vec::new(),
    }
}

fn environments(names: &[(&'static str, bool)]) -> Vec<Environment> {
    names
        .iter()
        .map(|(name, production)| Environment::new(EnvName::known(name), *production))
        .collect()
}

fn fintech_eks() -> PlatformDesign {
    let mut d = PlatformDesign::named("Fintech platform on EKS");
    d.metadata.description =
        "Payments APIs under PCI-DSS: separate production cluster, strict mTLS, canary releases."
            .into();
    let w = &mut d.spec.workload;
    w.services = vec![
        group(
            "java-services",
            Runtime::JavaSpring,
            30,
            ServiceKind::Api,
            (500, 1000),
            (1536, 2048),
            (3, 10),
            Exposure::Internal,
        ),
        group(
            "python-services",
            Runtime::PythonFastapi,
            20,
            ServiceKind::Api,
            (250, 500),
            (512, 1024),
            (3, 8),
            Exposure::Internal,
        ),
    ];
    w.traffic = Traffic {
        requests_per_day: 10_000_000,
        peak_factor: 3.0,
        growth_factor_12_months: 3.0,
    };
    w.compliance = vec![Compliance::PciDss];
    w.availability = Availability::P99_9;
    w.p99_latency_ms = 500;
    w.team = Team {
        developers: 15,
        kubernetes_experience: Experience::Limited,
        platform_team_size: 3,
        golden_path: false,
    };
    let c = &mut d.spec.cluster;
    c.provider = Provider::Eks;
    c.region = "us-east-1".into();
    c.zones = 3;
    c.topology = Topology::ProdAndNonProd;
    let mut compute = pool("compute", "c6i.2xlarge", (2, 4, 10), Purchase::OnDemand);
    compute.labels = vec!["workload-type=compute".into()];
    // Java services want about 3 GiB per vCPU: memory-rich general nodes.
    // Non-production runs on spot alongside the reserved baseline.
    let mut spot = pool("non-prod-spot", "m6i.2xlarge", (2, 6, 20), Purchase::Spot);
    spot.runs_in = PoolPlacement::NonProduction;
    c.node_pools = vec![
        pool("general", "m6i.2xlarge", (6, 13, 30), Purchase::Reserved),
        compute,
        spot,
    ];
    c.node_autoscaler = NodeAutoscaler::Karpenter;
    let s = &mut d.spec.security;
    s.mesh = Mesh::Istio;
    s.mtls = MtlsMode::Strict;
    s.policy_engine = PolicyEngine::Kyverno;
    s.policies.allowed_registries = vec!["123456789012.dkr.ecr.us-east-1.amazonaws.com".into()];
    s.policies.verify_signatures = true;
    s.supply_chain = SupplyChain {
        image_scanning: true,
        image_signing: true,
        sbom: true,
    };
    s.runtime_detection = true;
    let o = &mut d.spec.observability;
    o.long_term_store = LongTermStore::Thanos;
    o.audit_log_retention_days = 365;
    o.on_call = OnCall::PagerDuty;
    d.spec.gitops.repo_url = "https://github.com/fintech/platform-gitops.git".into();
    d.spec.gitops.sync.manual_prod_gate = true;
    d.spec.cost.monthly_budget_usd = 25_000;
    d
}

fn startup_gke() -> PlatformDesign {
    let mut d = PlatformDesign::named("Startup platform on GKE");
    d.metadata.description =
        "A small product team shipping daily; cost and simplicity first.".into();
    let w = &mut d.spec.workload;
    w.services = vec![
        group(
            "web",
            Runtime::Node,
            2,
            ServiceKind::Web,
            (100, 500),
            (256, 512),
            (2, 6),
            Exposure::Public,
        ),
        group(
            "api",
            Runtime::Go,
            3,
            ServiceKind::Api,
            (100, 500),
            (128, 256),
            (2, 6),
            Exposure::Public,
        ),
        group(
            "worker",
            Runtime::PythonFastapi,
            1,
            ServiceKind::Worker,
            (250, 1000),
            (512, 1024),
            (1, 4),
            Exposure::None,
        ),
    ];
    w.traffic = Traffic {
        requests_per_day: 500_000,
        peak_factor: 4.0,
        growth_factor_12_months: 2.0,
    };
    w.availability = Availability::P99_5;
    w.p99_latency_ms = 400;
    w.team = Team {
        developers: 4,
        kubernetes_experience: Experience::Limited,
        platform_team_size: 1,
        golden_path: false,
    };
    let c = &mut d.spec.cluster;
    c.name = crate::names::ClusterName::known("startup");
    c.provider = Provider::Gke;
    c.region = "us-central1".into();
    c.zones = 2;
    c.topology = Topology::Single;
    c.environments = environments(&[("staging", false), ("prod", true)]);
    c.node_pools = vec![
        pool("general", "e2-standard-4", (2, 2, 6), Purchase::OnDemand),
        pool("spot", "e2-standard-4", (0, 1, 6), Purchase::Spot),
    ];
    c.node_autoscaler = NodeAutoscaler::ClusterAutoscaler;
    c.ingress = Ingress::GatewayApi;
    let g = &mut d.spec.gitops;
    g.tool = GitopsTool::Flux;
    g.secrets = SecretsBackend::ExternalSecrets;
    g.progressive_delivery.tool = DeliveryTool::Flagger;
    g.repo_url = "https://github.com/acme-startup/platform.git".into();
    d.spec.security.policy_engine = PolicyEngine::Kyverno;
    let o = &mut d.spec.observability;
    o.audit_log_retention_days = 90;
    o.trace_sampling_percent = 20.0;
    o.on_call = OnCall::Grafana;
    d.spec.cost.monthly_budget_usd = 1_500;
    d.spec.cost.storage_class = "standard-rwo".into();
    d
}

fn regulated_kubeadm() -> PlatformDesign {
    let mut d = PlatformDesign::named("Regulated on-prem platform");
    d.metadata.description = "Patient-data services in an air-gapped data centre; every image signed, every action audited.".into();
    let w = &mut d.spec.workload;
    let mut records = group(
        "records",
        Runtime::JavaSpring,
        12,
        ServiceKind::Api,
        (500, 1000),
        (1024, 2048),
        (3, 6),
        Exposure::Internal,
    );
    records.stateful = false;
    let mut store = group(
        "document-store",
        Runtime::Go,
        2,
        ServiceKind::Api,
        (1000, 2000),
        (4096, 4096),
        (3, 3),
        Exposure::Internal,
    );
    store.stateful = true;
    w.services = vec![
        records,
        store,
        group(
            "reports",
            Runtime::PythonFastapi,
            4,
            ServiceKind::Batch,
            (500, 2000),
            (1024, 2048),
            (1, 4),
            Exposure::None,
        ),
    ];
    w.traffic = Traffic {
        requests_per_day: 2_000_000,
        peak_factor: 2.5,
        growth_factor_12_months: 1.2,
    };
    w.data = DataNeeds {
        external_managed_databases: false,
        in_cluster_state: true,
        backups: true,
        rto_minutes: 240,
        rpo_minutes: 15,
        dr_plan: true,
    };
    w.migration_planned = true;
    w.compliance = vec![Compliance::Hipaa, Compliance::GdprResidency];
    w.availability = Availability::P99_95;
    w.team = Team {
        developers: 25,
        kubernetes_experience: Experience::Experienced,
        platform_team_size: 5,
        golden_path: false,
    };
    let c = &mut d.spec.cluster;
    c.name = crate::names::ClusterName::known("clinic");
    c.provider = Provider::Kubeadm;
    c.region = "dc-frankfurt-1".into();
    // Air-gapped: every chart and image comes through the clinic's own registry.
    c.mirror = "registry.clinic.internal".into();
    c.zones = 3;
    c.topology = Topology::PerEnvironment;
    // Production gets its own racks; dev and staging share smaller ones.
    let mut general = pool("general", "16-vcpu-64gb", (6, 6, 12), Purchase::Reserved);
    general.runs_in = PoolPlacement::Production;
    let mut storage = pool("storage", "8-vcpu-64gb-nvme", (3, 3, 6), Purchase::Reserved);
    storage.runs_in = PoolPlacement::Production;
    let mut shared = pool("shared", "16-vcpu-64gb", (3, 3, 6), Purchase::Reserved);
    shared.runs_in = PoolPlacement::NonProduction;
    c.node_pools = vec![general, storage, shared];
    c.node_autoscaler = NodeAutoscaler::None;
    c.cni = Cni::Cilium;
    c.ingress = Ingress::GatewayApi;
    let g = &mut d.spec.gitops;
    g.tool = GitopsTool::Flux;
    g.secrets = SecretsBackend::Vault;
    g.repo_url = "ssh://git@git.clinic.internal/platform/gitops.git".into();
    g.sync.manual_prod_gate = true;
    g.progressive_delivery.tool = DeliveryTool::Flagger;
    g.progressive_delivery.strategy = DeliveryStrategy::BlueGreen;
    let s = &mut d.spec.security;
    s.mesh = Mesh::Cilium;
    s.mtls = MtlsMode::Strict;
    s.policy_engine = PolicyEngine::Kyverno;
    s.policies.allowed_registries = vec!["registry.clinic.internal".into()];
    s.policies.verify_signatures = true;
    s.supply_chain = SupplyChain {
        image_scanning: true,
        image_signing: true,
        sbom: true,
    };
    s.runtime_detection = true;
    s.egress_allow_list = vec![
        "registry.clinic.internal".into(),
        "vault.clinic.internal".into(),
    ];
    let o = &mut d.spec.observability;
    o.long_term_store = LongTermStore::Thanos;
    o.metrics_retention_days = 30;
    o.audit_log_retention_days = 2_190;
    o.on_call = OnCall::Opsgenie;
    d.spec.cost.monthly_budget_usd = 18_000;
    d.spec.cost.storage_class = "ceph-rbd".into();
    d
}

fn enterprise_aks() -> PlatformDesign {
    let mut d = PlatformDesign::named("Enterprise platform on AKS");
    d.metadata.description = "Shared platform for many product teams, each in its own namespaces, with a self-service golden path.".into();
    let w = &mut d.spec.workload;
    w.services = vec![
        group(
            "dotnet-services",
            Runtime::Dotnet,
            70,
            ServiceKind::Api,
            (250, 1000),
            (512, 1024),
            (2, 10),
            Exposure::Internal,
        ),
        group(
            "java-services",
            Runtime::JavaSpring,
            40,
            ServiceKind::Api,
            (500, 1000),
            (1024, 2048),
            (2, 10),
            Exposure::Internal,
        ),
        group(
            "portals",
            Runtime::Node,
            10,
            ServiceKind::Web,
            (200, 500),
            (256, 512),
            (2, 8),
            Exposure::Public,
        ),
    ];
    w.traffic = Traffic {
        requests_per_day: 40_000_000,
        peak_factor: 3.0,
        growth_factor_12_months: 1.5,
    };
    w.compliance = vec![Compliance::Soc2, Compliance::GdprResidency];
    w.availability = Availability::P99_95;
    w.p99_latency_ms = 300;
    w.team = Team {
        developers: 60,
        kubernetes_experience: Experience::Experienced,
        platform_team_size: 8,
        golden_path: false,
    };
    // Three product teams, each charged to its own cost centre; the web team
    // syncs only dev itself, the others dev and staging.
    w.tenants = [
        (
            "commerce",
            "cc-4100",
            "dotnet-services",
            &["dev", "staging"][..],
        ),
        (
            "insights",
            "cc-4200",
            "java-services",
            &["dev", "staging"][..],
        ),
        ("digital", "cc-4300", "portals", &["dev"][..]),
    ]
    .into_iter()
    .map(|(team, cost_centre, group, sync)| Tenant {
        name: crate::names::TeamName::known(team),
        owner: format!("{team}-leads@enterprise.example"),
        cost_centre: cost_centre.into(),
        developers_group: format!("aad-k8s-{team}-developers"),
        on_call_group: format!("aad-k8s-{team}-on-call"),
        services: vec![ServiceName::known(group)],
        sync_environments: Some(sync.iter().map(|e| EnvName::known(e)).collect()),
    })
    .collect();
    let c = &mut d.spec.cluster;
    c.name = crate::names::ClusterName::known("enterprise");
    c.provider = Provider::Aks;
    c.region = "westeurope".into();
    c.zones = 3;
    c.topology = Topology::PerEnvironment;
    c.node_pools = vec![
        pool("addons", "Standard_D4s_v5", (3, 3, 5), Purchase::Reserved),
        pool("apps", "Standard_D8s_v5", (6, 17, 40), Purchase::Reserved),
        pool("burst", "Standard_D8s_v5", (0, 2, 20), Purchase::Spot),
    ];
    c.node_autoscaler = NodeAutoscaler::ClusterAutoscaler;
    c.workload_autoscaling.keda = true;
    c.cni = Cni::Cilium;
    // Production also stands by in North Europe, behind one global entry.
    c.multi_region = Some(MultiRegion {
        regions: vec!["northeurope".into()],
        mode: RegionMode::ActivePassive,
        global_traffic: GlobalTraffic::GlobalLoadBalancer,
        data_replication: DataReplication::Asynchronous,
    });
    let g = &mut d.spec.gitops;
    g.layout = RepoLayout::MonoRepoApplicationSet;
    g.progressive_delivery.tool = DeliveryTool::Flagger;
    g.repo_url = "https://dev.azure.com/enterprise/platform/_git/gitops".into();
    g.sync.manual_prod_gate = true;
    let s = &mut d.spec.security;
    s.mesh = Mesh::Linkerd;
    s.mtls = MtlsMode::Strict;
    s.policy_engine = PolicyEngine::Gatekeeper;
    s.policies.allowed_registries = vec!["enterprise.azurecr.io".into()];
    s.supply_chain = SupplyChain {
        image_scanning: true,
        image_signing: true,
        sbom: true,
    };
    s.runtime_detection = true;
    let o = &mut d.spec.observability;
    o.long_term_store = LongTermStore::Mimir;
    o.logs = LogStack::Loki;
    o.audit_log_retention_days = 365;
    o.on_call = OnCall::PagerDuty;
    d.spec.cost.monthly_budget_usd = 60_000;
    d.spec.cost.storage_class = "managed-csi".into();
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn every_preset_is_a_valid_design() {
        for preset in PRESETS {
            assert_eq!(validate(&preset.design()), vec![], "{}", preset.slug);
        }
    }

    #[test]
    fn the_fintech_preset_is_the_briefs_case() {
        let design = find("fintech-eks").map(Preset::design).unwrap_or_default();
        let w = &design.spec.workload;
        assert_eq!(w.services.iter().map(|g| g.count).sum::<u32>(), 50);
        assert_eq!(w.traffic.requests_per_day, 10_000_000);
        assert_eq!(w.traffic.growth_factor_12_months, 3.0);
        assert_eq!(w.compliance, vec![Compliance::PciDss]);
        assert_eq!(w.availability, Availability::P99_9);
        assert_eq!(
            (w.team.developers, w.team.kubernetes_experience),
            (15, Experience::Limited)
        );
        assert_eq!(design.spec.cluster.provider, Provider::Eks);
    }

    #[test]
    fn slugs_are_unique_and_found() {
        for preset in PRESETS {
            assert_eq!(find(preset.slug).map(|p| p.slug), Some(preset.slug));
        }
        assert!(find("nope").is_none());
    }
}
