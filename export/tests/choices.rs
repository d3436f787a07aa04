//! Every choice does what it names: for each option of each closed choice,
//! the generated repository (leaving aside the documents that only describe
//! the design) differs from the one every other option gives. Choices that
//! only inform the critique and the documents are listed, with why.

use std::collections::BTreeMap;

use design::choices::*;
use design::{PlatformDesign, ValidDesign};

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

/// The repository without the files that restate the design
/// (`docs/`, the design file, the README's decision summary).
fn manifests(design: &PlatformDesign) -> Option<BTreeMap<String, String>> {
    let valid = ValidDesign::new(design.clone()).ok()?;
    let bundle = export::export(&valid, &today()).ok()?;
    Some(
        bundle
            .files
            .into_iter()
            .filter(|f| !f.path.starts_with("docs/") && f.path != "platform-design.yaml")
            .map(|f| (f.path, f.content))
            .collect(),
    )
}

/// Sets every option of one choice on `base` and checks that each gives its
/// own repository; returns the options that did not.
fn same_as_another<C: Choice + std::fmt::Debug>(
    base: &PlatformDesign,
    set: impl Fn(&mut PlatformDesign, C),
) -> Vec<String> {
    let mut seen: Vec<(C, BTreeMap<String, String>)> = Vec::new();
    let mut clashes = Vec::new();
    for &option in C::ALL {
        let mut d = base.clone();
        set(&mut d, option);
        let Some(files) = manifests(&d) else {
            clashes.push(format!("{option:?}: not exportable on this base"));
            continue;
        };
        for (other, other_files) in &seen {
            if *other_files == files {
                clashes.push(format!("{option:?} exports what {other:?} does"));
            }
        }
        seen.push((option, files));
    }
    clashes
}

/// The kubeadm preset runs Cilium as its mesh, which decides the CNI.
fn without_cilium_mesh(mut d: PlatformDesign) -> PlatformDesign {
    d.spec.security.mesh = Mesh::None;
    d
}

/// A long-term store needs a metrics stack (and Thanos needs Prometheus).
fn without_long_term_store(mut d: PlatformDesign) -> PlatformDesign {
    d.spec.observability.long_term_store = LongTermStore::None;
    d
}

/// Gatekeeper cannot verify signatures, so the engines are compared without.
fn without_signatures(mut d: PlatformDesign) -> PlatformDesign {
    d.spec.security.policies.verify_signatures = false;
    d
}

/// The purchase options that change the cluster: reserved capacity is bought
/// on-demand nodes under a billing commitment, priced by the estimate only.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PurchaseInCluster(Purchase);

impl Choice for PurchaseInCluster {
    const ALL: &'static [Self] = &[
        PurchaseInCluster(Purchase::OnDemand),
        PurchaseInCluster(Purchase::Spot),
    ];
    const WIRES: &'static [&'static str] = &["on-demand", "spot"];
    fn wire(self) -> &'static str {
        self.0.wire()
    }
    fn label(self) -> &'static str {
        self.0.label()
    }
}

fn preset(slug: &str) -> PlatformDesign {
    design::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default()
}

macro_rules! each_option_changes_the_export {
    ($($name:ident: $base:expr, $ty:ty, |$d:ident, $v:ident| $set:expr;)+) => {$(
        #[test]
        fn $name() {
            let clashes = same_as_another::<$ty>(&$base, |$d, $v| $set);
            assert!(clashes.is_empty(), "{clashes:#?}");
        }
    )+};
}

each_option_changes_the_export! {
    provider: preset("fintech-eks"), Provider, |d, v| design::edits::switch_provider(d, v);
    topology: preset("fintech-eks"), Topology, |d, v| d.spec.cluster.topology = v;
    node_autoscaler: preset("fintech-eks"), NodeAutoscaler, |d, v| d.spec.cluster.node_autoscaler = v;
    vpa: preset("fintech-eks"), VpaMode, |d, v| d.spec.cluster.workload_autoscaling.vpa = v;
    cni_on_eks: preset("fintech-eks"), Cni, |d, v| d.spec.cluster.cni = v;
    cni_on_aks: preset("enterprise-aks"), Cni, |d, v| d.spec.cluster.cni = v;
    cni_on_gke: preset("startup-gke"), Cni, |d, v| d.spec.cluster.cni = v;
    cni_on_kubeadm: without_cilium_mesh(preset("regulated-kubeadm")), Cni, |d, v| d.spec.cluster.cni = v;
    ingress: preset("fintech-eks"), Ingress, |d, v| d.spec.cluster.ingress = v;
    gitops_tool: preset("fintech-eks"), GitopsTool, |d, v| d.spec.gitops.tool = v;
    layout: preset("fintech-eks"), RepoLayout, |d, v| d.spec.gitops.layout = v;
    promotion: preset("fintech-eks"), Promotion, |d, v| d.spec.gitops.promotion = v;
    secrets: preset("fintech-eks"), SecretsBackend, |d, v| d.spec.gitops.secrets = v;
    delivery: preset("fintech-eks"), DeliveryTool, |d, v| d.spec.gitops.progressive_delivery.tool = v;
    strategy: preset("fintech-eks"), DeliveryStrategy, |d, v| d.spec.gitops.progressive_delivery.strategy = v;
    pod_security: preset("fintech-eks"), PodSecurity, |d, v| d.spec.security.pod_security = v;
    mesh: preset("fintech-eks"), Mesh, |d, v| d.spec.security.mesh = v;
    mtls: preset("fintech-eks"), MtlsMode, |d, v| d.spec.security.mtls = v;
    policy_engine: without_signatures(preset("fintech-eks")), PolicyEngine, |d, v| d.spec.security.policy_engine = v;
    rbac: preset("fintech-eks"), RbacModel, |d, v| d.spec.security.rbac = v;
    metrics: without_long_term_store(preset("fintech-eks")), MetricsStack, |d, v| d.spec.observability.metrics = v;
    long_term_store: preset("fintech-eks"), LongTermStore, |d, v| d.spec.observability.long_term_store = v;
    logs: preset("fintech-eks"), LogStack, |d, v| d.spec.observability.logs = v;
    tracing: preset("fintech-eks"), TracingBackend, |d, v| d.spec.observability.tracing = v;
    on_call: preset("fintech-eks"), OnCall, |d, v| d.spec.observability.on_call = v;
    // Reserved capacity is a billing commitment made outside the cluster: the
    // nodes are on-demand nodes, so only spot changes what is generated.
    purchase: preset("fintech-eks"), PurchaseInCluster, |d, v| d.spec.cluster.node_pools[0].purchase = v.0;
    right_sizing: preset("fintech-eks"), RightSizing, |d, v| d.spec.cost.right_sizing = v;
    runtime: preset("fintech-eks"), Runtime, |d, v| d.spec.workload.services[0].runtime = v;
    service_kind: preset("fintech-eks"), ServiceKind, |d, v| d.spec.workload.services[0].kind = v;
    exposure: preset("fintech-eks"), Exposure, |d, v| d.spec.workload.services[0].exposure = v;
    availability: preset("fintech-eks"), Availability, |d, v| d.spec.workload.availability = v;
}

/// Two designs that take the options the presets leave out (Calico,
/// Elasticsearch logs, Mimir, right-sizing, shared RBAC, on-call routing,
/// services nobody calls, a mirror with Argo CD); with `EXPORT_DIR` set they are written there so
/// the external validators check what those options generate.
#[test]
fn the_options_presets_leave_out_export_complete_repositories() {
    let mut a = preset("fintech-eks");
    let s = &mut a.spec;
    s.cluster.cni = Cni::Calico;
    s.security.mesh = Mesh::None;
    s.observability.logs = LogStack::Elasticsearch;
    s.observability.long_term_store = LongTermStore::Mimir;
    s.observability.on_call = OnCall::Opsgenie;
    s.cost.right_sizing = RightSizing::Automatic;
    s.security.rbac = RbacModel::Shared;
    s.workload.services[0].exposure = Exposure::None;
    // Argo CD pulling everything from a mirror (the regulated preset does it with Flux).
    s.cluster.mirror = "mirror.fintech.internal:5000".into();
    // Production serving from two regions at once.
    s.cluster.multi_region = Some(design::model::MultiRegion {
        regions: vec!["us-west-2".into()],
        mode: RegionMode::ActiveActive,
        global_traffic: GlobalTraffic::GlobalLoadBalancer,
        data_replication: DataReplication::Synchronous,
    });

    let mut b = preset("startup-gke");
    let s = &mut b.spec;
    s.cluster.cni = Cni::Calico;
    s.observability.metrics = MetricsStack::VictoriaMetrics;
    s.observability.long_term_store = LongTermStore::Mimir;
    s.observability.logs = LogStack::CloudNative;
    s.observability.on_call = OnCall::Grafana;
    s.cost.right_sizing = RightSizing::Recommend;
    // A standby region, and two declared teams that Flux applies apart.
    s.cluster.multi_region = Some(design::model::MultiRegion {
        regions: vec!["us-east1".into()],
        ..Default::default()
    });
    for _ in 0..2 {
        design::edits::add_tenant(&mut b);
    }
    let web = design::ServiceName::parse("web").expect("name");
    design::edits::set_owner(&mut b, 1, &web, true);
    for t in &mut b.spec.workload.tenants {
        t.owner = "owner@startup.example".into();
        t.cost_centre = format!("cc-{}", t.name);
    }

    for (name, design) in [("options-eks", a), ("options-gke", b)] {
        let files = manifests(&design).unwrap_or_else(|| panic!("{name} does not export"));
        let has = |path: &str| files.contains_key(path);
        assert!(files.keys().any(|p| p.ends_with("/vpa.yaml")), "{name}");
        assert!(
            has("platform/configs/on-call.yaml") || has("infrastructure/configs/on-call.yaml"),
            "{name}"
        );
        assert!(
            has("platform/mimir/values.yaml")
                || has("infrastructure/controllers/mimir/values.yaml"),
            "{name}"
        );
        if let Some(dir) = std::env::var_os("EXPORT_DIR") {
            let valid = ValidDesign::new(design).expect("valid");
            let bundle = export::export(&valid, &today()).expect("export");
            let out = std::path::PathBuf::from(dir).join(name);
            let _ = std::fs::remove_dir_all(&out);
            bundle.write_to(&out).expect("write export");
        }
    }
}
