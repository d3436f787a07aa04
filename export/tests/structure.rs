//! User text cannot change the structure of a generated document, and
//! property-generated designs export files that parse.

use design::choices::*;
use design::critique::Exemption;
use design::{PlatformDesign, ValidDesign};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_norway::Value;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}
const NASTY: &str = "a: b # c {d} [e] | > 'f' \"g\" \\ ${h} %{i}\n---\n- j: k";
const NASTY_WORD: &str = "x:#{}[]|>'\"---";

fn export(design: PlatformDesign) -> export::Bundle {
    let valid = ValidDesign::new(design).unwrap_or_else(|e| panic!("invalid design: {e:?}"));
    export::export(&valid, &today()).unwrap_or_else(|e| panic!("{e}"))
}

/// A document's shape: structure and value types, not the text.
fn shape(value: &Value) -> String {
    match value {
        Value::Mapping(map) => {
            let mut inner: Vec<String> = map.values().map(shape).collect();
            inner.sort();
            format!("{{{}}}", inner.join(","))
        }
        Value::Sequence(items) => {
            format!(
                "[{}]",
                items.iter().map(shape).collect::<Vec<_>>().join(",")
            )
        }
        Value::String(_) => "s".into(),
        Value::Number(_) => "n".into(),
        Value::Bool(_) => "b".into(),
        Value::Null => "~".into(),
        Value::Tagged(_) => "!".into(),
    }
}

fn yaml_shapes(bundle: &export::Bundle) -> Vec<(String, Vec<String>)> {
    bundle
        .files
        .iter()
        .filter(|f| f.path.ends_with(".yaml"))
        .map(|f| {
            let docs = serde_norway::Deserializer::from_str(&f.content)
                .map(|doc| {
                    Value::deserialize(doc)
                        .map(|v| shape(&v))
                        .unwrap_or_else(|e| panic!("{} does not parse: {e}", f.path))
                })
                .collect();
            (f.path.clone(), docs)
        })
        .collect()
}

use serde::Deserialize;

fn with_user_text(mut d: PlatformDesign, text: &str, word: &str) -> PlatformDesign {
    d.metadata.description = text.into();
    d.spec.cluster.region = text.replace('\n', " ").chars().take(40).collect();
    d.spec.gitops.branch = word.into();
    d.spec.gitops.repo_url = format!("https://git.example.com/{word}.git");
    d.spec.security.egress_allow_list = vec![word.into()];
    d.spec.security.policies.allowed_registries = vec![word.into(), format!("{word}/team")];
    d.spec.security.policies.disallow_latest_tag = false;
    d.spec.exemptions = vec![Exemption {
        rule: "SEC-005".into(),
        reason: text.into(),
        owner: text.replace('\n', " "),
        expires: Some("2027-01-31".parse().expect("date")),
    }];
    d
}

#[test]
fn yaml_metacharacters_in_user_text_leave_every_document_unchanged() {
    for slug in [
        "fintech-eks",
        "regulated-kubeadm",
        "startup-gke",
        "enterprise-aks",
    ] {
        let preset = design::presets::find(slug)
            .map(|p| p.design())
            .unwrap_or_default();
        let plain = export(with_user_text(preset.clone(), "plain text", "plain"));
        let nasty = export(with_user_text(preset, NASTY, NASTY_WORD));
        let plain_shapes = yaml_shapes(&plain);
        let nasty_shapes = yaml_shapes(&nasty);
        assert_eq!(plain_shapes.len(), nasty_shapes.len(), "{slug}: file count");
        for ((path, a), (_, b)) in plain_shapes.iter().zip(&nasty_shapes) {
            assert_eq!(a, b, "{slug}: structure of {path} changed");
        }
        // The text itself arrives intact where it is used.
        let exceptions = nasty.files.iter().find(|f| {
            f.path.ends_with("exceptions.yaml") || f.path.ends_with("gatekeeper-constraints.yaml")
        });
        if let Some(file) = exceptions {
            let found = serde_norway::Deserializer::from_str(&file.content).any(|doc| {
                let v = Value::deserialize(doc).unwrap_or(Value::Null);
                v["metadata"]["annotations"]["slipway.dev/reason"].as_str() == Some(NASTY)
            });
            assert!(found, "{slug}: the exemption reason is carried verbatim");
        }
        if let Some(dir) = std::env::var_os("EXPORT_DIR") {
            let out = std::path::PathBuf::from(dir).join(format!("metacharacters-{slug}"));
            let _ = std::fs::remove_dir_all(&out);
            nasty.write_to(&out).expect("write export");
        }
    }
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

prop_compose! {
    fn designs()(
        preset in 0..design::presets::PRESETS.len(),
        tool in pick(GitopsTool::ALL),
        layout in pick(RepoLayout::ALL),
        secrets in pick(SecretsBackend::ALL),
        delivery in pick(DeliveryTool::ALL),
        strategy in pick(DeliveryStrategy::ALL),
        mesh in pick(Mesh::ALL),
        engine in pick(PolicyEngine::ALL),
        metrics in pick(MetricsStack::ALL),
        logs in pick(LogStack::ALL),
        tracing in pick(TracingBackend::ALL),
        topology in pick(Topology::ALL),
        ingress in pick(Ingress::ALL),
        cni in pick(Cni::ALL),
        flags in proptest::array::uniform6(any::<bool>()),
    ) -> PlatformDesign {
        let mut d = design::presets::PRESETS[preset].design();
        let s = &mut d.spec;
        s.gitops.tool = tool;
        s.gitops.layout = layout;
        s.gitops.secrets = secrets;
        s.gitops.progressive_delivery.tool = delivery;
        s.gitops.progressive_delivery.strategy = strategy;
        s.security.mesh = mesh;
        s.security.policy_engine = engine;
        s.observability.metrics = metrics;
        s.observability.logs = logs;
        s.observability.tracing = tracing;
        s.cluster.topology = topology;
        s.cluster.ingress = ingress;
        s.cluster.cni = cni;
        s.cluster.workload_autoscaling.hpa = flags[0];
        s.cluster.workload_autoscaling.keda = flags[1];
        s.workload.data.backups = flags[2];
        s.security.default_deny_network = flags[3];
        s.observability.slo_alerting = flags[4];
        s.gitops.sync.manual_prod_gate = flags[5];
        d
    }
}

/// Every `resources:` entry of every kustomization names a generated file or directory.
fn kustomizations_are_complete(bundle: &export::Bundle) -> Result<(), String> {
    for file in bundle
        .files
        .iter()
        .filter(|f| f.path.ends_with("kustomization.yaml"))
    {
        let dir = file.path.trim_end_matches("kustomization.yaml");
        let doc: Value = serde_norway::from_str(&file.content).map_err(|e| e.to_string())?;
        for resource in doc["resources"].as_sequence().into_iter().flatten() {
            let name = resource.as_str().unwrap_or_default();
            let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
            for segment in name.split('/') {
                if segment == ".." {
                    parts.pop();
                } else {
                    parts.push(segment);
                }
            }
            let target = parts.join("/");
            let exists = bundle.file(&target).is_some()
                || bundle
                    .files
                    .iter()
                    .any(|f| f.path.starts_with(&format!("{target}/")));
            if !exists {
                return Err(format!(
                    "{} lists {name}, which is not generated",
                    file.path
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_designs_export_parseable_complete_repositories(d in designs()) {
        let Ok(valid) = ValidDesign::new(d) else { return Ok(()) };
        let bundle = export::export(&valid, &today()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        yaml_shapes(&bundle);
        kustomizations_are_complete(&bundle).map_err(TestCaseError::fail)?;
        prop_assert_eq!(bundle.zip(), export::export(&valid, &today()).map(|b| b.zip()).unwrap_or_default());
    }
}

/// A fixed sample of generated designs: each exports a complete repository;
/// with `EXPORT_DIR` set they are also written there for the external
/// validators (`make validate-export`).
#[test]
fn a_fixed_sample_of_generated_designs_exports_complete_repositories() {
    let dir = std::env::var_os("EXPORT_DIR");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = designs();
    let mut written = 0;
    while written < 6 {
        let d = strategy.new_tree(&mut runner).expect("tree").current();
        let Ok(valid) = ValidDesign::new(d) else {
            continue;
        };
        let bundle = export::export(&valid, &today()).unwrap_or_else(|e| panic!("{e}"));
        yaml_shapes(&bundle);
        kustomizations_are_complete(&bundle).unwrap_or_else(|e| panic!("{e}"));
        assert!(bundle.files.iter().all(|f| !f.content.trim().is_empty()));
        if let Some(dir) = &dir {
            let out = std::path::PathBuf::from(dir).join(format!("generated-{written}"));
            let _ = std::fs::remove_dir_all(&out);
            bundle.write_to(&out).expect("write export");
        }
        written += 1;
    }
}
