//! The design, its plan and every view of it agree: over every preset and a
//! few hundred generated designs (names of every length, every provider,
//! topology and layout), a design that validates exports; its clusters have
//! the same names and environments in the plan, the diagram, the estimate,
//! Terraform, the bootstrap folders and the controllers' values; each
//! environment's replicas and requests in the Cost step equal its overlays';
//! the exported design file reads back unchanged; and every object name and
//! label value is one the API server (or the cloud) accepts.

use std::collections::BTreeSet;

use design::choices::*;
use design::model::{Environment, ServiceGroup};
use design::names::{ClusterName, EnvName, PoolName, ServiceName};
use design::plan::{Plan, WorkloadKind, CLUSTER_NAME_LIMITS};
use design::{validate, PlatformDesign};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_norway::Value;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

/// Any characters at all, controls and separators included.
fn chars() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..30).prop_map(String::from_iter)
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

/// A DNS label, mostly short, sometimes long enough to break a derived name.
fn label(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9]{0,6}".prop_map(String::from),
        1 => proptest::string::string_regex(&format!("[a-z0-9][a-z0-9-]{{0,{}}}[a-z0-9]", max.saturating_sub(2)))
            .expect("regex"),
    ]
}

prop_compose! {
    fn designs()(
        preset in 0..design::presets::PRESETS.len(),
        provider in pick(Provider::ALL),
        topology in pick(Topology::ALL),
        tool in pick(GitopsTool::ALL),
        delivery in pick(DeliveryTool::ALL),
        mesh in pick(Mesh::ALL),
        ingress in pick(Ingress::ALL),
        autoscaler in pick(NodeAutoscaler::ALL),
        hpa in any::<bool>(),
        cluster in label(45),
        services in proptest::collection::vec(
            (label(60), pick(ServiceKind::ALL), any::<bool>(), 1u32..5, 1u32..6, pick(Exposure::ALL)),
            1..4,
        ),
        envs in proptest::collection::vec(label(40), 1..4),
        // Mostly in every cluster; now and then production or non-production only.
        pools in proptest::collection::vec((label(20), 0usize..8), 1..3),
        // Extra declared teams (the enterprise preset has its own).
        teams in 0usize..3,
        // Now and then production in a further region, standing by or serving.
        regions in 0usize..4,
    ) -> PlatformDesign {
        let mut d = design::presets::PRESETS[preset].design();
        design::edits::switch_provider(&mut d, provider);
        let s = &mut d.spec;
        s.cluster.topology = topology;
        s.gitops.tool = tool;
        s.gitops.progressive_delivery.tool = delivery;
        s.security.mesh = mesh;
        s.cluster.ingress = ingress;
        s.cluster.node_autoscaler = autoscaler;
        s.cluster.workload_autoscaling.hpa = hpa;
        if let Ok(name) = ClusterName::parse(cluster) {
            s.cluster.name = name;
        }
        let template = s.workload.services[0].clone();
        s.workload.services = services
            .into_iter()
            .filter_map(|(name, kind, stateful, count, min, exposure)| {
                Some(ServiceGroup {
                    name: ServiceName::parse(name).ok()?,
                    kind,
                    stateful,
                    count,
                    min_replicas: min,
                    max_replicas: min * 3,
                    exposure,
                    ..template.clone()
                })
            })
            .collect();
        let count = envs.len();
        s.cluster.environments = envs
            .into_iter()
            .enumerate()
            .filter_map(|(i, name)| Some(Environment::new(EnvName::parse(name).ok()?, i + 1 == count)))
            .collect();
        let pool = s.cluster.node_pools[0].clone();
        s.cluster.node_pools = pools
            .into_iter()
            .filter_map(|(name, place)| {
                let runs_in = match place {
                    6 => design::choices::PoolPlacement::Production,
                    7 => design::choices::PoolPlacement::NonProduction,
                    _ => design::choices::PoolPlacement::All,
                };
                Some(design::model::NodePool { name: PoolName::parse(name).ok()?, runs_in, ..pool.clone() })
            })
            .collect();
        if d.spec.workload.tenants.is_empty() && teams > 0 {
            for _ in 0..teams {
                design::edits::add_tenant(&mut d);
            }
            for t in &mut d.spec.workload.tenants {
                t.owner = "owner@example.com".into();
                t.cost_centre = format!("cc-{}", t.name);
                t.services.clear();
            }
        }
        design::edits::share_unowned_groups(&mut d);
        if regions > 0 && d.spec.cluster.multi_region.is_none() {
            d.spec.cluster.multi_region = Some(design::model::MultiRegion {
                regions: vec!["xr2".into()],
                mode: if regions == 1 { RegionMode::ActiveActive } else { RegionMode::ActivePassive },
                ..Default::default()
            });
        }
        d
    }
}

fn docs(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .filter_map(|doc| serde::Deserialize::deserialize(doc).ok())
        .collect()
}

fn is_label(text: &str) -> bool {
    design::names::check_dns_label(text).is_ok()
}

/// DNS-1123 subdomain as Kubernetes checks it: 253 characters, parts
/// without a length of their own.
fn is_subdomain(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

fn is_label_value(text: &str) -> bool {
    text.is_empty()
        || (text.len() <= 63
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && text.starts_with(|c: char| c.is_ascii_alphanumeric())
            && text.ends_with(|c: char| c.is_ascii_alphanumeric()))
}

fn check_labels(value: &Value, path: &str, problems: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if matches!(key, "labels" | "matchLabels") {
                    if let Value::Mapping(labels) = child {
                        for (k, v) in labels {
                            let (k, v) = (
                                k.as_str().unwrap_or_default(),
                                v.as_str().unwrap_or_default(),
                            );
                            let name = k.rsplit('/').next().unwrap_or_default();
                            if !is_label_value(name) || name.is_empty() || !is_label_value(v) {
                                problems.push(format!("{path}: label {k}={v}"));
                            }
                        }
                    }
                }
                check_labels(child, path, problems);
            }
        }
        Value::Sequence(items) => items.iter().for_each(|i| check_labels(i, path, problems)),
        _ => {}
    }
}

/// Names and label values every API server would refuse.
fn refused_names(bundle: &export::Bundle) -> Vec<String> {
    let mut problems = Vec::new();
    for file in bundle.files.iter().filter(|f| f.path.ends_with(".yaml")) {
        for doc in docs(&file.content) {
            // Kubernetes objects only (not the design file, CI workflows, lint settings).
            let api = doc["apiVersion"].as_str().unwrap_or_default();
            if api.is_empty() || api.starts_with("slipway.dev/") {
                continue;
            }
            let kind = doc["kind"].as_str().unwrap_or_default();
            if kind == "ApplicationSet" {
                // Its template's labels are Go templates the controller fills
                // in per element; the elements are names checked elsewhere.
                let mut shell = doc.clone();
                if let Some(spec) = shell.get_mut("spec").and_then(Value::as_mapping_mut) {
                    spec.remove("template");
                }
                check_labels(&shell, &file.path, &mut problems);
            } else {
                check_labels(&doc, &file.path, &mut problems);
            }
            let Some(name) = doc["metadata"]["name"].as_str() else {
                continue;
            };
            let ok = match kind {
                "Service" => is_label(name) && name.starts_with(|c: char| c.is_ascii_lowercase()),
                // Both become label values (Argo CD's instance label, Flux's name label).
                "Namespace" | "Application" | "Kustomization" => is_label(name),
                "HelmRelease" => is_label(name) && name.len() <= 53,
                "StatefulSet" | "CronJob" => is_label(name) && name.len() <= 52,
                _ => is_subdomain(name),
            };
            if !ok {
                problems.push(format!("{}: {kind} {name}", file.path));
            }
            if let Some(ns) = doc["metadata"]["namespace"].as_str() {
                if !is_label(ns) {
                    problems.push(format!("{}: namespace {ns}", file.path));
                }
            }
        }
    }
    problems
}

/// Cluster names as Terraform (or kubeadm) creates them.
fn terraform_clusters(bundle: &export::Bundle, provider: Provider) -> Vec<String> {
    if provider == Provider::Kubeadm {
        return bundle
            .files
            .iter()
            .filter(|f| f.path.ends_with("/kubeadm-config.yaml"))
            .filter_map(|f| {
                docs(&f.content).first()?["clusterName"]
                    .as_str()
                    .map(String::from)
            })
            .collect();
    }
    let main = &bundle
        .file(&format!("terraform/{}/main.tf", provider.wire()))
        .expect("main.tf")
        .content;
    let mut names = Vec::new();
    let mut in_cluster = false;
    for line in main.lines() {
        if line.starts_with("module \"eks_")
            || line.starts_with("module \"gke_")
            || line.starts_with("resource \"azurerm_kubernetes_cluster\" ")
        {
            in_cluster = true;
        } else if in_cluster && line.trim_start().starts_with("name ") {
            let value = line
                .split('=')
                .nth(1)
                .unwrap_or_default()
                .trim()
                .trim_matches('"');
            names.push(value.to_owned());
            in_cluster = false;
        }
    }
    names
}

/// AKS pool names as Terraform creates them.
fn aks_pools(bundle: &export::Bundle) -> Vec<String> {
    let main = &bundle
        .file("terraform/aks/main.tf")
        .expect("main.tf")
        .content;
    let mut names = Vec::new();
    let mut in_pool = false;
    for line in main.lines() {
        if line.starts_with("resource \"azurerm_kubernetes_cluster_node_pool\"") {
            in_pool = true;
        } else if in_pool && line.trim_start().starts_with("name ") {
            names.push(
                line.split('=')
                    .nth(1)
                    .unwrap_or_default()
                    .trim()
                    .trim_matches('"')
                    .to_owned(),
            );
            in_pool = false;
        }
    }
    names
}

/// The EKS managed node groups of each cluster module, in order.
fn eks_node_groups(bundle: &export::Bundle) -> Vec<(String, Vec<String>)> {
    let main = &bundle
        .file("terraform/eks/main.tf")
        .expect("main.tf")
        .content;
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_groups = false;
    for line in main.lines() {
        if let Some(rest) = line.strip_prefix("module \"eks_") {
            out.push((rest.trim_end_matches("\" {").to_owned(), Vec::new()));
        } else if line.trim_start().starts_with("eks_managed_node_groups = {") {
            in_groups = true;
        } else if in_groups && line == "  }" {
            in_groups = false;
        } else if in_groups && line.starts_with("    \"") && line.ends_with("= {") {
            if let Some((_, groups)) = out.last_mut() {
                groups.push(line.trim().split('"').nth(1).unwrap_or_default().to_owned());
            }
        }
    }
    out
}

/// The Karpenter NodePools a cluster's bootstrap deletes from the shared configs.
fn karpenter_deleted(bundle: &export::Bundle, cluster: &str) -> Vec<String> {
    // Argo CD patches the configs Application; Flux the infrastructure Kustomization.
    let text = [
        format!("bootstrap/{cluster}/configs.yaml"),
        format!("clusters/{cluster}/infrastructure.yaml"),
    ]
    .iter()
    .filter_map(|p| bundle.file(p))
    .map(|f| f.content.clone())
    .collect::<Vec<_>>()
    .join("\n");
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "kind: NodePool" {
            if let Some(name) = lines.peek().and_then(|l| l.trim().strip_prefix("name: ")) {
                out.push(name.trim_matches('"').to_owned());
            }
        }
    }
    out.dedup();
    out
}

/// The first `value:` after `path`, as a number, in an overlay's patches.
fn patched(overlay: &str, path: &str) -> Option<u32> {
    let after = overlay.split(&format!("path: {path}\n")).nth(1)?;
    after
        .lines()
        .next()?
        .trim()
        .strip_prefix("value: ")?
        .parse()
        .ok()
}

/// Everything the views must agree on, for one valid design.
fn check_consistency(design: &PlatformDesign) -> Result<(), String> {
    let valid = design::ValidDesign::new(design.clone()).map_err(|e| format!("invalid: {e:?}"))?;
    let bundle = export::export(&valid, &today())
        .map_err(|e| format!("a valid design did not export: {e}"))?;
    check_bundle(design, &bundle)
}

/// What [`check_consistency`] checks of a design's exported repository.
fn check_bundle(design: &PlatformDesign, bundle: &export::Bundle) -> Result<(), String> {
    let plan = Plan::of(design);
    let provider = design.spec.cluster.provider;
    let argo = design.spec.gitops.tool == GitopsTool::ArgoCd;
    let names: Vec<String> = plan.clusters.iter().map(|c| c.name.clone()).collect();

    // Terraform and the bootstrap folders.
    let mut terraform = terraform_clusters(bundle, provider);
    terraform.sort();
    let mut expected = names.clone();
    expected.sort();
    if terraform != expected {
        return Err(format!(
            "Terraform makes {terraform:?}, the plan {expected:?}"
        ));
    }
    let (root, entry) = if argo {
        ("bootstrap", "root.yaml")
    } else {
        ("clusters", "infrastructure.yaml")
    };
    let folders: BTreeSet<&str> = bundle
        .files
        .iter()
        .filter_map(|f| f.path.strip_prefix(&format!("{root}/"))?.split('/').next())
        .collect();
    if folders != expected.iter().map(String::as_str).collect() {
        return Err(format!("{root}/ holds {folders:?}, the plan {expected:?}"));
    }
    let (limit, ..) = CLUSTER_NAME_LIMITS
        .iter()
        .find(|(p, ..)| *p == provider)
        .map(|(_, l, w)| (*l, *w))
        .unwrap_or((63, ""));
    for c in &plan.clusters {
        if c.name.len() > limit || !is_label(&c.name) {
            return Err(format!("cluster {} breaks {provider:?}'s limit", c.name));
        }
        bundle
            .file(&format!("{root}/{}/{entry}", c.name))
            .ok_or(format!("no {root}/{}/{entry}", c.name))?;
        // The controllers acting on the cluster know its name.
        if plan.has("aws-load-balancer-controller") {
            let text = if argo {
                bundle
                    .file(&format!(
                        "bootstrap/{}/platform/aws-load-balancer-controller.yaml",
                        c.name
                    ))
                    .map(|f| f.content.clone())
            } else {
                bundle
                    .file(&format!("clusters/{}/infrastructure.yaml", c.name))
                    .map(|f| f.content.clone())
            }
            .unwrap_or_default();
            if !text.contains(&format!("clusterName: \"{}\"", c.name)) {
                return Err(format!(
                    "the load balancer controller of {} is not told its name",
                    c.name
                ));
            }
        }
        // Each environment's applications sync in the cluster the plan puts it in.
        for env in &plan.environments {
            let apps = if argo {
                bundle.file(&format!("bootstrap/{}/applications.yaml", c.name))
            } else {
                bundle.file(&format!("clusters/{}/apps.yaml", c.name))
            }
            .map(|f| f.content.as_str())
            .unwrap_or_default();
            // An Application per service, or an ApplicationSet's list element.
            let markers = if argo {
                vec![
                    format!("overlays/{}/", env.name),
                    format!("env: \"{}\"", env.name),
                ]
            } else {
                vec![format!("\"./tenants/{}/", env.name)]
            };
            // (Further regions host copies of the production environments.)
            if markers.iter().any(|m| apps.contains(m)) != c.environments.contains(&env.name) {
                return Err(format!(
                    "environment {} syncs in the wrong cluster ({})",
                    env.name, c.name
                ));
            }
        }
    }

    // The diagram draws one card per cluster, titled with its name.
    let svg = design::diagram::svg(design);
    if svg.matches(r#"class="node cluster""#).count() != plan.clusters.len() {
        return Err("the diagram draws another number of clusters".into());
    }
    for c in &plan.clusters {
        let shown: String = format!("Cluster {}", c.name).chars().take(20).collect();
        if !svg.contains(&format!(">{shown}")) {
            return Err(format!("the diagram does not name {}", c.name));
        }
    }

    // The estimate counts the same clusters.
    let estimate = design::estimate::estimate(design);
    let priced: Vec<&str> = estimate
        .per_cluster
        .iter()
        .map(|c| c.cluster.as_str())
        .collect();
    let planned: Vec<&str> = plan.clusters.iter().map(|c| c.name.as_str()).collect();
    if priced != planned {
        return Err(format!(
            "the estimate prices {priced:?}, the plan has {planned:?}"
        ));
    }
    for c in &plan.clusters {
        let has = |category| {
            estimate
                .lines_of(Some(c.name.as_str()))
                .any(|l| l.category == category)
        };
        if provider != Provider::Kubeadm && !has(design::estimate::Category::ControlPlane) {
            return Err(format!("the estimate has no control plane for {}", c.name));
        }
        let pools = estimate
            .lines_of(Some(c.name.as_str()))
            .filter(|l| l.category == design::estimate::Category::Compute)
            .count();
        if pools != c.node_pools.len() {
            return Err(format!(
                "the estimate prices {pools} pools in {}, the plan places {}",
                c.name,
                c.node_pools.len()
            ));
        }
    }

    // The Cost step's requests per environment are the overlays' replicas × requests.
    let per_env = design::capacity::requests_per_environment(design);
    for ((env, requests), planned) in per_env.iter().zip(&plan.environments) {
        let mut cpu = 0u64;
        for (s, g) in plan.services.iter().zip(&design.spec.workload.services) {
            let e = s
                .environments
                .iter()
                .find(|e| e.env == planned.name)
                .ok_or("missing env")?;
            if s.workload != WorkloadKind::CronJob {
                let dir = if argo {
                    "applications/overlays"
                } else {
                    "apps"
                };
                let overlay = &bundle
                    .file(&format!("{dir}/{env}/{}/kustomization.yaml", s.name))
                    .ok_or(format!("no overlay for {} in {env}", s.name))?
                    .content;
                let replicas = if design.spec.cluster.workload_autoscaling.hpa {
                    patched(overlay, "/spec/minReplicas")
                } else {
                    patched(overlay, "/spec/replicas")
                };
                if replicas != Some(e.min_replicas) {
                    return Err(format!(
                        "{} in {env}: overlay {replicas:?}, plan {}",
                        s.name, e.min_replicas
                    ));
                }
                if !overlay.contains(&format!("namespace: \"{}\"", e.namespace)) {
                    return Err(format!(
                        "{} in {env}: overlay namespace differs from {}",
                        s.name, e.namespace
                    ));
                }
            }
            cpu += u64::from(g.count)
                * u64::from(e.min_replicas)
                * u64::from(g.cpu_request_millicores);
        }
        if requests.cpu_millicores != cpu {
            return Err(format!(
                "Cost step asks {} m in {env}, the overlays {cpu} m",
                requests.cpu_millicores
            ));
        }
    }

    // Re-import.
    let file = &bundle
        .file("platform-design.yaml")
        .ok_or("no design file")?
        .content;
    let back = design::file::parse(file)
        .map_err(|e| format!("the exported design does not import: {e:?}"))?;
    if &back != design {
        return Err("the exported design imports as another design".into());
    }

    // Names the API server and the cloud accept.
    let refused = refused_names(bundle);
    if !refused.is_empty() {
        return Err(format!("refused names: {refused:?}"));
    }
    if provider == Provider::Eks {
        // Terraform creates in each cluster the pools the plan places there.
        let groups = eks_node_groups(bundle);
        let expected: Vec<(String, Vec<String>)> = plan
            .clusters
            .iter()
            .map(|c| {
                (
                    c.tf_id.clone(),
                    c.node_pools.iter().map(|p| p.name.to_string()).collect(),
                )
            })
            .collect();
        if groups != expected {
            return Err(format!("EKS node groups {groups:?}, the plan {expected:?}"));
        }
        // Karpenter's NodePools are shared configuration: each cluster deletes those placed elsewhere.
        if plan.has("karpenter") {
            for c in &plan.clusters {
                let deleted = karpenter_deleted(bundle, &c.name);
                let elsewhere: Vec<String> = design
                    .spec
                    .cluster
                    .node_pools
                    .iter()
                    .filter(|p| !c.node_pools.iter().any(|q| q.name == p.name))
                    .map(|p| p.name.to_string())
                    .collect();
                if deleted != elsewhere {
                    return Err(format!("{} deletes Karpenter NodePools {deleted:?}, the plan places {elsewhere:?} elsewhere", c.name));
                }
            }
        }
    }
    if provider == Provider::Aks {
        let pools = aks_pools(bundle);
        let expected: Vec<String> = plan
            .clusters
            .iter()
            .flat_map(|c| c.node_pools.iter().map(|p| p.provider_name.clone()))
            .collect();
        let well_formed = pools.iter().all(|p| {
            p.len() <= 12
                && p.starts_with(|c: char| c.is_ascii_lowercase())
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && p != "system"
        });
        let mut rest = pools.as_slice();
        let mut unique = true;
        for c in &plan.clusters {
            let (chunk, tail) = rest.split_at(c.node_pools.len().min(rest.len()));
            unique &= chunk.iter().collect::<BTreeSet<_>>().len() == chunk.len();
            rest = tail;
        }
        if !well_formed || !unique || pools != expected {
            return Err(format!("AKS pools {pools:?}, the plan {expected:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_preset_is_consistent_across_its_views() {
    for preset in design::presets::PRESETS {
        check_consistency(&preset.design()).unwrap_or_else(|e| panic!("{}: {e}", preset.slug));
    }
}

#[test]
fn generated_designs_are_consistent_across_their_views() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = designs();
    let (mut valid, mut refused) = (0, 0);
    for _ in 0..320 {
        let d = strategy.new_tree(&mut runner).expect("tree").current();
        if validate(&d).is_empty() {
            valid += 1;
            if let Err(e) = check_consistency(&d) {
                panic!("{e}\n{}", design::file::to_yaml(&d));
            }
        } else {
            refused += 1;
        }
    }
    // Enough of both kinds for the test to mean something.
    eprintln!("{valid} valid, {refused} refused");
    assert!(valid >= 200, "only {valid} valid designs");
    assert!(refused >= 10, "only {refused} refused designs");
}

fn tampered(
    slug: &str,
    path: &str,
    edit: impl Fn(&str) -> String,
) -> (PlatformDesign, export::Bundle) {
    let d = design::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default();
    let mut bundle = export::export(
        &design::ValidDesign::new(d.clone()).expect("valid"),
        &today(),
    )
    .expect("export");
    let file = bundle
        .files
        .iter_mut()
        .find(|f| f.path == path)
        .expect("file");
    file.content = edit(&file.content);
    (d, bundle)
}

/// The checks are not vacuous: each disagreement is caught.
#[test]
fn each_disagreement_between_the_views_is_caught() {
    let (d, ok) = tampered("fintech-eks", "README.md", str::to_owned);
    assert_eq!(check_bundle(&d, &ok), Ok(()));
    let cases = [
        (
            "fintech-eks",
            "terraform/eks/main.tf",
            "\"platform-prod\"",
            "\"platform\"",
            "Terraform",
        ),
        (
            "startup-gke",
            "apps/base/worker/service.yaml",
            "name: \"worker\"",
            "name: \"1worker\"",
            "refused names",
        ),
        (
            "startup-gke",
            "apps/base/worker/deployment.yaml",
            "app.kubernetes.io/part-of: \"",
            "app.kubernetes.io/part-of: \"-",
            "refused names",
        ),
        (
            "fintech-eks",
            "applications/overlays/dev/java-services/kustomization.yaml",
            "value: 2\n",
            "value: 1\n",
            "overlay",
        ),
        (
            "fintech-eks",
            "bootstrap/platform-prod/applications.yaml",
            "overlays/prod/",
            "overlays/staging/",
            "wrong cluster",
        ),
        (
            "fintech-eks",
            "bootstrap/platform-prod/platform/aws-load-balancer-controller.yaml",
            "clusterName: \"platform-prod\"",
            "clusterName: \"platform\"",
            "not told its name",
        ),
        (
            "fintech-eks",
            "terraform/eks/main.tf",
            "    \"compute\" = {",
            "    \"non-prod-spot\" = {",
            "EKS node groups",
        ),
        (
            "fintech-eks",
            "bootstrap/platform-prod/configs.yaml",
            "name: \"non-prod-spot\"\n  ",
            "name: \"general\"\n  ",
            "deletes Karpenter NodePools",
        ),
        (
            "enterprise-aks",
            "terraform/aks/main.tf",
            "name                    = \"apps\"",
            "name                    = \"addons\"",
            "AKS pools",
        ),
    ];
    for (slug, path, from, to, expected) in cases {
        let (d, bundle) = tampered(slug, path, |text| {
            assert!(text.contains(from), "{path} lacks {from}");
            text.replacen(from, to, 1)
        });
        let outcome = check_bundle(&d, &bundle);
        assert!(
            outcome.as_ref().is_err_and(|e| e.contains(expected)),
            "{slug} {path}: {outcome:?}"
        );
    }
}

/// Mostly printable text, sometimes anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![3 => "\\PC{0,30}".prop_map(String::from), 1 => chars()]
}

/// Whatever free text validation accepts, the exported design file reads
/// back unchanged (the export writes it with its own YAML emitter).
#[test]
fn accepted_free_text_survives_the_export() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (text(), text(), text(), text());
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..240 {
        let (title, description, region, reason) =
            strategy.new_tree(&mut runner).expect("tree").current();
        let mut d = design::presets::find("fintech-eks")
            .map(|p| p.design())
            .unwrap_or_default();
        d.metadata.name = format!("x{title}");
        d.metadata.description = description;
        d.spec.cluster.region = format!("r{region}");
        d.spec.exemptions = vec![design::critique::Exemption {
            rule: "SEC-013".into(),
            reason: format!("because {reason}"),
            owner: "platform team".into(),
            expires: None,
        }];
        let Ok(valid) = design::ValidDesign::new(d.clone()) else {
            refused += 1;
            continue;
        };
        accepted += 1;
        let bundle = export::export(&valid, &today()).expect("export");
        let file = &bundle
            .file("platform-design.yaml")
            .expect("design file")
            .content;
        assert_eq!(design::file::parse(file), Ok(d));
    }
    assert!(
        accepted >= 60 && refused >= 10,
        "{accepted} accepted, {refused} refused"
    );
}
