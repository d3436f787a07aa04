//! Every preset exports; the file list is stable (snapshot) and the archive
//! is deterministic. Set `EXPORT_DIR` to also write the trees there for the
//! external validators (`scripts/validate-export`).

use std::path::PathBuf;

use design::presets::PRESETS;
use design::ValidDesign;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

fn bundle(slug: &str) -> export::Bundle {
    let design = design::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default();
    let valid = ValidDesign::new(design).unwrap_or_else(|e| panic!("{slug} invalid: {e:?}"));
    export::export(&valid, &today()).unwrap_or_else(|e| panic!("{slug}: {e}"))
}

#[test]
fn every_preset_exports_and_matches_its_file_list_snapshot() {
    let snapshots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for preset in PRESETS {
        let bundle = bundle(preset.slug);
        let listing: String = bundle
            .files
            .iter()
            .map(|f| format!("{}\n", f.path))
            .collect();
        let path = snapshots.join(format!("{}.files", preset.slug));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&snapshots).expect("snapshot dir");
            std::fs::write(&path, &listing).expect("write snapshot");
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_SNAPSHOTS=1", path.display()));
        assert_eq!(listing, expected, "file list of {} changed", preset.slug);
        if let Some(dir) = std::env::var_os("EXPORT_DIR") {
            let out = PathBuf::from(dir).join(preset.slug);
            let _ = std::fs::remove_dir_all(&out);
            bundle.write_to(&out).expect("write export");
        }
    }
}

#[test]
fn the_same_design_gives_a_byte_identical_archive_that_reads_back() {
    let first = bundle("fintech-eks").zip();
    let second = bundle("fintech-eks").zip();
    assert_eq!(first, second);
    let bundle = bundle("fintech-eks");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(first)).expect("readable zip");
    assert_eq!(archive.len(), bundle.files.len());
    let mut entry = archive
        .by_name("fintech-platform-on-eks/platform-design.yaml")
        .expect("design file in the archive");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).expect("utf-8");
    assert_eq!(
        text,
        bundle.file("platform-design.yaml").expect("file").content
    );
}

#[test]
fn the_exported_design_file_imports_back_to_the_same_design() {
    for preset in PRESETS {
        let bundle = bundle(preset.slug);
        let text = &bundle
            .file("platform-design.yaml")
            .expect("design file")
            .content;
        let imported = design::file::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(imported, preset.design(), "{}", preset.slug);
    }
}

#[test]
fn only_the_chosen_layout_and_provider_are_rendered() {
    let argo = bundle("fintech-eks");
    assert!(argo.file("bootstrap/platform-prod/root.yaml").is_some());
    assert!(argo
        .file("bootstrap/platform-prod/platform/karpenter.yaml")
        .is_some());
    assert!(argo.file("platform/karpenter/values.yaml").is_some());
    assert!(argo.files.iter().all(|f| !f.path.starts_with("clusters/")));
    assert!(argo
        .files
        .iter()
        .all(|f| !f.path.starts_with("terraform/aks/")));
    let flux = bundle("startup-gke");
    assert!(flux.file("clusters/startup/infrastructure.yaml").is_some());
    assert!(flux
        .file("infrastructure/controllers/flagger/release.yaml")
        .is_some());
    assert!(flux.files.iter().all(|f| !f.path.starts_with("bootstrap/")));
    assert!(flux.file("terraform/gke/main.tf").is_some());
}

#[test]
fn promotion_by_branches_points_each_environment_at_its_branch() {
    let mut design = design::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    design.spec.gitops.promotion = design::choices::Promotion::Branches;
    design.spec.gitops.layout = design::choices::RepoLayout::MultiRepo;
    let valid = ValidDesign::new(design).expect("valid");
    let bundle = export::export(&valid, &today()).expect("export");
    let apps = &bundle
        .file("bootstrap/platform-non-prod/applications.yaml")
        .expect("file")
        .content;
    assert!(apps.contains("path: \"applications/overlays/staging/java-services\"\n"));
    assert!(apps.contains("targetRevision: \"staging\""), "{apps}");
    assert!(!apps.contains("targetRevision: \"main\""), "{apps}");
    let readme = &bundle.file("README.md").expect("readme").content;
    assert!(readme.contains("## Promotion") && readme.contains("## Splitting into repositories"));
}

/// The controllers that act on a cluster (load balancers, node autoscaling)
/// get that cluster's own name, the one Terraform gives it, in both layouts.
/// The Flux variant (promoting by branches, so the validators see Flux
/// follow one branch per environment) is also written for the external
/// validators.
#[test]
fn every_cluster_names_itself_in_its_controllers_values() {
    let mut design = design::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    let argo = export::export(&ValidDesign::new(design.clone()).expect("valid"), &today())
        .expect("export");
    design.spec.gitops.tool = design::choices::GitopsTool::Flux;
    design.spec.gitops.promotion = design::choices::Promotion::Branches;
    let flux = export::export(&ValidDesign::new(design).expect("valid"), &today()).expect("export");
    let terraform = &argo.file("terraform/eks/main.tf").expect("main.tf").content;
    for cluster in ["platform-non-prod", "platform-prod"] {
        assert!(terraform.contains(&format!("name               = \"{cluster}\"")));
        let karpenter = &argo
            .file(&format!("bootstrap/{cluster}/platform/karpenter.yaml"))
            .expect("karpenter app")
            .content;
        assert!(
            karpenter.contains(&format!("clusterName: \"{cluster}\"")),
            "{karpenter}"
        );
        let configs = &argo
            .file(&format!("bootstrap/{cluster}/configs.yaml"))
            .expect("configs app")
            .content;
        assert!(
            configs.contains(&format!("value: \"{cluster}-nodes\"")),
            "{configs}"
        );
        let infra = &flux
            .file(&format!("clusters/{cluster}/infrastructure.yaml"))
            .expect("flux infrastructure")
            .content;
        for doc in serde_norway::Deserializer::from_str(infra) {
            let value = <serde_norway::Value as serde::Deserialize>::deserialize(doc);
            assert!(value.is_ok(), "{infra}");
        }
        assert_eq!(
            infra
                .matches(&format!("clusterName: \"{cluster}\""))
                .count(),
            2,
            "the load balancer controller and Karpenter: {infra}"
        );
        assert!(infra.contains(&format!("interruptionQueue: \"{cluster}\"")));
        assert!(
            infra.contains(&format!("value: \"{cluster}-nodes\"")),
            "{infra}"
        );
    }
    assert!(!flux
        .file("infrastructure/controllers/karpenter/values.yaml")
        .expect("values")
        .content
        .contains("clusterName:"));
    if let Some(dir) = std::env::var_os("EXPORT_DIR") {
        let out = PathBuf::from(dir).join("fintech-eks-flux");
        let _ = std::fs::remove_dir_all(&out);
        flux.write_to(&out).expect("write export");
    }
}

/// Strict Istio mTLS refuses a scraper outside the mesh on the app port:
/// services are scraped on the sidecar's merged metrics port instead, and
/// only then.
#[test]
fn strict_istio_mtls_scrapes_the_merged_metrics_port() {
    let mut design = design::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    let scrape = |design: &design::PlatformDesign| {
        let bundle = export::export(&ValidDesign::new(design.clone()).expect("valid"), &today())
            .expect("export");
        let first = |suffix: &str| {
            bundle
                .files
                .iter()
                .find(|f| f.path.ends_with(suffix))
                .map(|f| f.content.clone())
                .unwrap_or_else(|| panic!("no {suffix}"))
        };
        (first("/servicemonitor.yaml"), first("/service.yaml"))
    };
    let (monitor, service) = scrape(&design);
    assert!(monitor.contains("port: http-metrics"), "{monitor}");
    assert!(service.contains("port: 15020"), "{service}");
    design.spec.security.mtls = design::choices::MtlsMode::Permissive;
    let (monitor, service) = scrape(&design);
    assert!(monitor.contains("- port: http\n"), "{monitor}");
    assert!(!service.contains("15020"), "{service}");
}

/// Argo CD in an air-gapped design: charts and the Gateway API definitions
/// come from the mirror (an OCI source for plain manifests). Written to
/// `EXPORT_DIR` as `enterprise-aks-mirror` for the external validators.
#[test]
fn an_air_gapped_argo_cd_design_takes_every_source_from_the_mirror() {
    let mut design = design::presets::find("enterprise-aks")
        .map(|p| p.design())
        .unwrap_or_default();
    design.spec.cluster.mirror = "mirror.corp.example".into();
    let bundle =
        export::export(&ValidDesign::new(design).expect("valid"), &today()).expect("export");
    let gateway = &bundle
        .file("bootstrap/enterprise-prod/platform/gateway-api.yaml")
        .expect("the Gateway API application")
        .content;
    assert!(
        gateway.contains("repoURL: \"oci://mirror.corp.example/manifests/gateway-api\""),
        "{gateway}"
    );
    for file in bundle
        .files
        .iter()
        .filter(|f| f.path.starts_with("bootstrap/"))
    {
        for line in file.content.lines().filter(|l| l.contains("repoURL:")) {
            assert!(
                line.contains("mirror.corp.example") || line.contains("dev.azure.com/enterprise"),
                "{}: {line}",
                file.path
            );
        }
    }
    if let Some(dir) = std::env::var_os("EXPORT_DIR") {
        let out = PathBuf::from(dir).join("enterprise-aks-mirror");
        let _ = std::fs::remove_dir_all(&out);
        bundle.write_to(&out).expect("write export");
    }
}
