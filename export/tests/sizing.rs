//! The platform footprint that capacity and cost count is what the exported
//! repository installs: for every sized workload, the values each chart is
//! installed with — `values.yaml` merged with `sizing.yaml`, in the order the
//! Argo CD Application or Flux HelmRelease lists them — hold exactly the
//! plan's requests, replicas and volume sizes, and `values.yaml` sets none of
//! them itself. Each check has a fixture that makes it fail.

use design::choices::GitopsTool;
use design::plan::footprint::{Layout, SetBy, Spread};
use design::plan::{Plan, Requests};
use design::{PlatformDesign, ValidDesign};
use serde_norway::Value;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

fn designs() -> Vec<(String, PlatformDesign)> {
    let mut out: Vec<(String, PlatformDesign)> = design::presets::PRESETS
        .iter()
        .map(|p| (p.slug.to_owned(), p.design()))
        .collect();
    let mut flux = design::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    flux.spec.gitops.tool = GitopsTool::Flux;
    out.push(("fintech-eks-flux".into(), flux));
    out.push(("default".into(), PlatformDesign::default()));
    // Linkerd as the mesh with istiod for an Istio gateway, on Flux.
    let mut both = design::presets::find("enterprise-aks")
        .map(|p| p.design())
        .unwrap_or_default();
    both.spec.gitops.tool = GitopsTool::Flux;
    both.spec.cluster.ingress = design::choices::Ingress::GatewayApi;
    both.spec.cluster.cni = design::choices::Cni::ProviderDefault;
    let plan = Plan::of(&both);
    assert!(plan.has("istiod") && plan.has("linkerd-control-plane"));
    out.push(("linkerd-with-istio-gateway".into(), both));
    out
}

fn export(design: &PlatformDesign) -> export::Bundle {
    let valid = ValidDesign::new(design.clone()).unwrap_or_else(|e| panic!("invalid: {e:?}"));
    export::export(&valid, &today()).unwrap_or_else(|e| panic!("{e}"))
}

fn file<'a>(bundle: &'a export::Bundle, path: &str) -> Option<&'a str> {
    bundle
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.content.as_str())
}

fn parse(text: &str) -> Value {
    serde_norway::from_str(text).unwrap_or(Value::Null)
}

fn get<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |node, key| node.get(key))
}

/// `over` merged into `base` as Helm merges value files: maps deeply, the rest replaced.
fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

fn expected_resources(requests: Requests, limit: u64, layout: Layout) -> Value {
    let text = match layout {
        Layout::Kubernetes => format!(
            "requests: {{cpu: {}m, memory: {}Mi}}\nlimits: {{memory: {limit}Mi}}",
            requests.cpu_millicores, requests.memory_mebibytes
        ),
        Layout::Linkerd => format!(
            "cpu: {{request: {}m}}\nmemory: {{request: {}Mi, limit: {limit}Mi}}",
            requests.cpu_millicores, requests.memory_mebibytes
        ),
    };
    parse(&text)
}

/// What one chart's values must hold: (path, value) pairs.
fn expectations(plan: &Plan, component: &str) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for w in plan.footprint.of(component) {
        if w.set_by != SetBy::Export {
            continue;
        }
        if let Some(at) = w.resources_at {
            out.push((
                at,
                expected_resources(w.requests, w.memory_limit_mebibytes, w.layout),
            ));
        }
        if let (Some(at), Spread::Replicas(n)) = (w.replicas_at, w.spread) {
            out.push((at, Value::from(u64::from(n))));
        }
        if let Some(v) = w.volume {
            out.push((v.at, Value::from(format!("{}Gi", v.gib))));
        }
        for (at, value) in &w.settings {
            out.push((at, Value::from(*value)));
        }
    }
    if let Some(s) = plan
        .footprint
        .sidecar
        .as_ref()
        .filter(|s| s.component == component)
    {
        let mut proxy = expected_resources(s.requests, s.memory_limit_mebibytes, s.layout);
        let cpu = Value::from(format!("{}m", s.cpu_limit_millicores));
        let (outer, inner) = match s.layout {
            Layout::Kubernetes => ("limits", "cpu"),
            Layout::Linkerd => ("cpu", "limit"),
        };
        if let Some(Value::Mapping(m)) = proxy.get_mut(outer) {
            m.insert(Value::from(inner), cpu);
        }
        out.push((s.resources_at, proxy));
    }
    out
}

/// The value files a component is installed with, in order, as repository paths.
fn value_files(
    bundle: &export::Bundle,
    design: &PlatformDesign,
    plan: &Plan,
    key: &str,
    problems: &mut Vec<String>,
) -> Vec<Vec<String>> {
    match design.spec.gitops.tool {
        GitopsTool::ArgoCd => plan
            .clusters
            .iter()
            .map(|c| {
                let path = if key == "argo-cd" {
                    format!("bootstrap/{}/argo-cd.yaml", c.name)
                } else {
                    format!("bootstrap/{}/platform/{key}.yaml", c.name)
                };
                let app = file(bundle, &path).map(parse).unwrap_or(Value::Null);
                let files: Vec<String> = get(&app, "spec.sources")
                    .and_then(Value::as_sequence)
                    .into_iter()
                    .flatten()
                    .filter_map(|s| get(s, "helm.valueFiles").and_then(Value::as_sequence))
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(|f| f.trim_start_matches("$values/").to_owned())
                    .collect();
                if files.is_empty() {
                    problems.push(format!("{path}: no value files"));
                }
                files
            })
            .collect(),
        GitopsTool::Flux => {
            let dir = format!("infrastructure/controllers/{key}");
            let release = file(bundle, &format!("{dir}/release.yaml"))
                .map(parse)
                .unwrap_or(Value::Null);
            let kustomization = file(bundle, &format!("{dir}/kustomization.yaml"))
                .map(parse)
                .unwrap_or(Value::Null);
            let generated: Vec<&str> = get(&kustomization, "configMapGenerator")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(|g| g.get("files").and_then(Value::as_sequence))
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let files: Vec<String> = get(&release, "spec.valuesFrom")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(|v| v.get("valuesKey").and_then(Value::as_str))
                .map(|k| {
                    if !generated.contains(&k) {
                        problems.push(format!(
                            "{dir}: the HelmRelease reads {k}, which the ConfigMap does not hold"
                        ));
                    }
                    format!("{dir}/{k}")
                })
                .collect();
            vec![files]
        }
    }
}

/// Every disagreement between the plan's footprint and what the repository installs.
fn check(bundle: &export::Bundle, design: &PlatformDesign) -> Vec<String> {
    let plan = Plan::of(design);
    let mut problems = Vec::new();
    let mut keys: Vec<&str> = plan
        .footprint
        .workloads
        .iter()
        .filter(|w| w.set_by == SetBy::Export)
        .map(|w| w.component)
        .collect();
    keys.dedup();
    for key in keys {
        let expected = expectations(&plan, key);
        for files in value_files(bundle, design, &plan, key, &mut problems) {
            let Some(values_path) = files.first() else {
                continue;
            };
            let own = file(bundle, values_path).map(parse).unwrap_or(Value::Null);
            for (path, _) in &expected {
                if get(&own, path).is_some() {
                    problems.push(format!(
                        "{values_path} sets {path} itself; the sizing file is the one source"
                    ));
                }
            }
            let mut merged = Value::Mapping(Default::default());
            for f in &files {
                match file(bundle, f) {
                    Some(text) => merge(&mut merged, &parse(text)),
                    None => {
                        problems.push(format!("{key}: {f} is listed but not in the repository"))
                    }
                }
            }
            for (path, value) in &expected {
                match get(&merged, path) {
                    Some(actual) if actual == value => {}
                    Some(actual) => problems.push(format!(
                        "{key}: {path} is {actual:?} as installed, the plan counts {value:?}"
                    )),
                    None => problems.push(format!(
                        "{key}: {path} is not set in {files:?}; the plan counts {value:?}"
                    )),
                }
            }
        }
    }
    problems
}

#[test]
fn the_installed_values_hold_the_footprint_capacity_and_cost_count() {
    for (name, design) in designs() {
        let bundle = export(&design);
        let problems = check(&bundle, &design);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
        // Every component the plan sizes was checked somewhere.
        let plan = Plan::of(&design);
        assert!(
            plan.footprint
                .workloads
                .iter()
                .any(|w| w.set_by == SetBy::Export),
            "{name}"
        );
    }
}

fn edit(bundle: &mut export::Bundle, path: &str, change: impl Fn(&str) -> String) {
    let f = bundle
        .files
        .iter_mut()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} missing"));
    f.content = change(&f.content);
}

#[test]
fn a_replica_count_set_in_values_yaml_is_caught() {
    let design = PlatformDesign::default();
    let mut bundle = export(&design);
    edit(&mut bundle, "platform/kyverno/values.yaml", |t| {
        format!("{t}\nadmissionController:\n  replicas: 1\n")
    });
    let problems = check(&bundle, &design);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("sets admissionController.replicas itself")),
        "{problems:?}"
    );
}

#[test]
fn a_sizing_file_the_application_does_not_list_is_caught() {
    let design = PlatformDesign::default();
    let mut bundle = export(&design);
    edit(
        &mut bundle,
        "bootstrap/platform-prod/platform/kyverno.yaml",
        |t| {
            t.lines()
                .filter(|l| !l.contains("kyverno/sizing.yaml"))
                .collect::<Vec<_>>()
                .join("\n")
        },
    );
    let problems = check(&bundle, &design);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("kyverno: admissionController.container.resources is not set")),
        "{problems:?}"
    );
}

#[test]
fn a_request_that_differs_from_the_plan_is_caught() {
    let mut design = PlatformDesign::default();
    design.spec.gitops.tool = GitopsTool::Flux;
    let mut bundle = export(&design);
    edit(
        &mut bundle,
        "infrastructure/controllers/kyverno/sizing.yaml",
        |t| t.replacen("cpu: \"100m\"", "cpu: \"10m\"", 1),
    );
    let problems = check(&bundle, &design);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("as installed, the plan counts")),
        "{problems:?}"
    );
    // And a HelmRelease reading a key its ConfigMap lacks.
    let mut bundle = export(&design);
    edit(
        &mut bundle,
        "infrastructure/controllers/kyverno/kustomization.yaml",
        |t| t.replace("      - sizing.yaml\n", ""),
    );
    let problems = check(&bundle, &design);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("which the ConfigMap does not hold")),
        "{problems:?}"
    );
}

/// CPU in millicores or memory in MiB from a Kubernetes quantity.
fn quantity(text: &str) -> Option<u64> {
    let number = |t: &str| t.parse::<f64>().ok();
    let value = if let Some(m) = text.strip_suffix('m') {
        number(m)?
    } else if let Some(mi) = text.strip_suffix("Mi") {
        number(mi)?
    } else if let Some(gi) = text.strip_suffix("Gi") {
        number(gi)? * 1024.0
    } else {
        number(text)? * 1000.0
    };
    Some(value.round() as u64)
}

/// Each application namespace's quota holds its services at maximum replicas
/// with the limits of their containers and of the proxy the mesh injects
/// (read from the chart's sizing file).
fn quota_problems(bundle: &export::Bundle, design: &PlatformDesign) -> Vec<String> {
    let plan = Plan::of(design);
    let mut problems = Vec::new();
    let Some(sidecar) = &plan.footprint.sidecar else {
        return problems;
    };
    let dir = match design.spec.gitops.tool {
        GitopsTool::ArgoCd => "platform",
        GitopsTool::Flux => "infrastructure/controllers",
    };
    let sizing = file(bundle, &format!("{dir}/{}/sizing.yaml", sidecar.component))
        .map(parse)
        .unwrap_or(Value::Null);
    let proxy = get(&sizing, sidecar.resources_at)
        .cloned()
        .unwrap_or(Value::Null);
    let (cpu_at, memory_at) = match sidecar.layout {
        Layout::Kubernetes => ("limits.cpu", "limits.memory"),
        Layout::Linkerd => ("cpu.limit", "memory.limit"),
    };
    let limit = |path: &str| get(&proxy, path).and_then(Value::as_str).and_then(quantity);
    let (Some(proxy_cpu), Some(proxy_memory)) = (limit(cpu_at), limit(memory_at)) else {
        problems.push(format!(
            "{}: the injected proxy declares no CPU and memory limits",
            sidecar.component
        ));
        return problems;
    };
    for c in &plan.clusters {
        let path = format!("policies/clusters/{}/quotas.yaml", c.name);
        let text = file(bundle, &path).unwrap_or_default();
        let quotas: Vec<Value> = serde_norway::Deserializer::from_str(text)
            .filter_map(|d| serde::Deserialize::deserialize(d).ok())
            .filter(|d: &Value| get(d, "kind").and_then(Value::as_str) == Some("ResourceQuota"))
            .collect();
        for (s, group) in plan.services.iter().zip(&design.spec.workload.services) {
            for e in s
                .environments
                .iter()
                .filter(|e| c.environments.contains(&e.env))
            {
                let Some(q) = quotas.iter().find(|q| {
                    get(q, "metadata.namespace").and_then(Value::as_str)
                        == Some(e.namespace.as_str())
                }) else {
                    problems.push(format!("{path}: no quota for {}", e.namespace));
                    continue;
                };
                let hard = |key: &str| {
                    q.get("spec")
                        .and_then(|s| s.get("hard"))
                        .and_then(|h| h.get(key))
                        .and_then(|v| {
                            v.as_str()
                                .map(str::to_owned)
                                .or_else(|| v.as_u64().map(|n| n.to_string()))
                        })
                        .and_then(|t| quantity(&t))
                        .unwrap_or(0)
                };
                let pods = u64::from(s.count) * u64::from(e.max_replicas);
                let cpu = pods * (u64::from(group.cpu_limit_millicores) + proxy_cpu);
                let memory = pods * (u64::from(group.memory_limit_mebibytes) + proxy_memory);
                if hard("limits.cpu") < cpu || hard("limits.memory") < memory {
                    problems.push(format!(
                        "{path}: {} allows limits of {} m CPU and {} MiB, but {pods} pods with their proxies need {cpu} m and {memory} MiB",
                        e.namespace,
                        hard("limits.cpu"),
                        hard("limits.memory")
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn every_quota_holds_its_pods_at_maximum_with_their_proxies() {
    let mut checked = 0;
    for (name, design) in designs() {
        let bundle = export(&design);
        let problems = quota_problems(&bundle, &design);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
        // The proxy counted is the one the chosen mesh injects.
        let injects = match design.spec.security.mesh {
            design::choices::Mesh::Istio => Some("istiod"),
            design::choices::Mesh::Linkerd => Some("linkerd-control-plane"),
            _ => None,
        };
        let plan = Plan::of(&design);
        assert_eq!(
            plan.footprint.sidecar.as_ref().map(|s| s.component),
            injects,
            "{name}"
        );
        checked += usize::from(plan.footprint.sidecar.is_some());
    }
    // Istio (fintech, on Argo CD and Flux) and Linkerd (enterprise) were checked.
    assert!(checked >= 3, "{checked}");
}

#[test]
fn a_proxy_limit_the_quota_does_not_count_is_caught() {
    let design = design::presets::find("enterprise-aks")
        .map(|p| p.design())
        .unwrap_or_default();
    let mut bundle = export(&design);
    edit(
        &mut bundle,
        "platform/linkerd-control-plane/sizing.yaml",
        |t| t.replacen("limit: \"1000m\"", "limit: \"4000m\"", 1),
    );
    let problems = quota_problems(&bundle, &design);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("with their proxies need")),
        "{problems:?}"
    );
    let mut bundle = export(&design);
    edit(
        &mut bundle,
        "platform/linkerd-control-plane/sizing.yaml",
        |t| t.replacen("limit: \"1000m\"\n", "", 1),
    );
    let problems = quota_problems(&bundle, &design);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("declares no CPU and memory limits")),
        "{problems:?}"
    );
}
