//! `deploy/` is Slipway's own platform, designed in Slipway: the design file,
//! the repository exported from it, and the Containerfile. These tests fail
//! when the repository is stale (regenerate with
//! `slipway export deploy/platform-design.yaml --dir deploy`, after removing
//! the old files) or when the design scores below 90 on Slipway's critique.
//! The export validators check `deploy/` in `make validate-export`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files in `deploy/` that the export does not write.
const HAND_WRITTEN: &[&str] = &["Containerfile"];

fn deploy() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy")
}

fn slipway(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_slipway"))
        .args(args)
        .output()
        .expect("slipway runs")
}

/// Every file under `root`, as paths relative to it.
fn files(root: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("readable directory") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("under root");
                out.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    out
}

/// What differs between the committed tree and a fresh export of its design.
fn staleness(committed: &Path, fresh: &Path) -> Vec<String> {
    let committed_files: BTreeSet<String> = files(committed)
        .into_iter()
        .filter(|path| !HAND_WRITTEN.contains(&path.as_str()))
        .collect();
    let fresh_files = files(fresh);
    let mut problems = Vec::new();
    for path in fresh_files.difference(&committed_files) {
        problems.push(format!("{path}: exported but not committed"));
    }
    for path in committed_files.difference(&fresh_files) {
        problems.push(format!("{path}: committed but no longer exported"));
    }
    for path in fresh_files.intersection(&committed_files) {
        let (a, b) = (
            std::fs::read(committed.join(path)).expect("committed file"),
            std::fs::read(fresh.join(path)).expect("fresh file"),
        );
        if a != b {
            problems.push(format!("{path}: differs from a fresh export"));
        }
    }
    problems
}

fn fresh_export(into: &Path) {
    let design = deploy().join("platform-design.yaml");
    let output = slipway(&[
        "export",
        &design.to_string_lossy(),
        "--dir",
        &into.to_string_lossy(),
    ]);
    assert!(
        output.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn deploy_is_the_export_of_its_own_design() {
    let dir = tempfile::tempdir().expect("dir");
    fresh_export(dir.path());
    let problems = staleness(&deploy(), dir.path());
    assert!(
        problems.is_empty(),
        "deploy/ is stale: {problems:#?}\nregenerate: rm -rf deploy/* deploy/.[!.]* except the Containerfile, then `slipway export deploy/platform-design.yaml --dir deploy`"
    );
    for hand_written in HAND_WRITTEN {
        assert!(
            deploy().join(hand_written).is_file(),
            "deploy/{hand_written} is missing"
        );
    }
}

#[test]
fn the_staleness_check_sees_an_edit_a_missing_file_and_a_leftover() {
    let dir = tempfile::tempdir().expect("dir");
    let (committed, fresh) = (dir.path().join("committed"), dir.path().join("fresh"));
    fresh_export(&committed);
    fresh_export(&fresh);
    assert!(staleness(&committed, &fresh).is_empty());
    std::fs::write(committed.join("README.md"), "edited by hand\n").expect("edit");
    std::fs::remove_file(committed.join("platform-design.yaml")).expect("remove");
    std::fs::write(committed.join("leftover.yaml"), "kind: ConfigMap\n").expect("leftover");
    assert_eq!(
        staleness(&committed, &fresh),
        vec![
            "platform-design.yaml: exported but not committed".to_owned(),
            "leftover.yaml: committed but no longer exported".to_owned(),
            "README.md: differs from a fresh export".to_owned(),
        ]
    );
}

#[test]
fn slipways_own_design_scores_at_least_90_and_runs_the_studio_as_it_is_built() {
    let design = deploy().join("platform-design.yaml");
    let output = slipway(&["critique", &design.to_string_lossy(), "--fail-below", "90"]);
    assert!(
        output.status.success(),
        "critique below 90: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // The image and the exported Deployment agree: port, user, probes, the
    // secret the database URL is read from.
    let containerfile =
        std::fs::read_to_string(deploy().join("Containerfile")).expect("Containerfile");
    let deployment = std::fs::read_to_string(deploy().join("apps/base/studio/deployment.yaml"))
        .expect("the studio's Deployment");
    for (image, manifest) in [
        ("SLIPWAY_ADDR=0.0.0.0:8080", "containerPort: 8080"),
        ("USER 10001:10001", "runAsUser: 10001"),
        (
            "SLIPWAY_DATABASE_URL_FILE=/var/run/secrets/app/database-url",
            "mountPath: /var/run/secrets/app",
        ),
        ("/healthz and /ready", "path: /healthz"),
        ("/healthz and /ready", "path: /ready"),
        ("read-only root filesystem", "readOnlyRootFilesystem: true"),
    ] {
        assert!(containerfile.contains(image), "Containerfile lacks {image}");
        assert!(deployment.contains(manifest), "Deployment lacks {manifest}");
    } // The image's assets are compressed once, at build time.
    assert!(
        containerfile.contains("cargo leptos build --release --precompress --split"),
        "the image builds without precompressed assets"
    );
}
