//! Content snapshots of the files a reviewer reads first, per preset: the
//! root of the bootstrap, one component release, one application overlay and
//! the Terraform. A change of output shows up as a diff of these files in
//! review (`UPDATE_SNAPSHOTS=1` rewrites them after a deliberate change).

use std::path::PathBuf;

use design::presets::PRESETS;
use design::ValidDesign;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

/// The key files of a bundle: those whose path matches one of the patterns
/// (`*` stands for one path segment), first match per pattern.
fn key_files(bundle: &export::Bundle) -> Vec<&export::File> {
    const PATTERNS: &[&str] = &[
        "bootstrap/*/root.yaml",
        "bootstrap/*/platform/kube-prometheus-stack.yaml",
        "clusters/*/infrastructure.yaml",
        "infrastructure/controllers/kube-prometheus-stack/release.yaml",
        "applications/overlays/*/*/kustomization.yaml",
        "apps/*/*/kustomization.yaml",
        "terraform/*/main.tf",
        "terraform/kubeadm/*/kubeadm-config.yaml",
    ];
    let matches = |pattern: &str, path: &str| {
        let (p, f): (Vec<_>, Vec<_>) = (pattern.split('/').collect(), path.split('/').collect());
        // Overlays, not the bases beside them.
        p.len() == f.len()
            && f.get(1) != Some(&"base")
            && p.iter().zip(&f).all(|(p, f)| *p == "*" || p == f)
    };
    PATTERNS
        .iter()
        .filter_map(|pattern| bundle.files.iter().find(|f| matches(pattern, &f.path)))
        .collect()
}

#[test]
fn the_key_files_of_every_preset_match_their_snapshots() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/content");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut compared = 0;
    for preset in PRESETS {
        let valid = ValidDesign::new(preset.design()).expect("valid preset");
        let bundle = export::export(&valid, &today()).expect("export");
        let dir = root.join(preset.slug);
        let files = key_files(&bundle);
        assert!(
            files.len() >= 4,
            "{}: only {} key files",
            preset.slug,
            files.len()
        );
        for file in files {
            let path = dir.join(file.path.replace('/', "__"));
            if update {
                std::fs::create_dir_all(&dir).expect("snapshot dir");
                std::fs::write(&path, &file.content).expect("write snapshot");
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!("missing {}; run with UPDATE_SNAPSHOTS=1", path.display())
            });
            assert_eq!(
                file.content, expected,
                "{} {} changed",
                preset.slug, file.path
            );
            compared += 1;
        }
    }
    assert!(compared >= 16);
}
