//! The changes between two exports, as a Git patch, turn the earlier export
//! into the later one: applied by real `git apply` to A's files, the patch
//! A → B gives B's files byte for byte, for pairs of generated designs.

use std::path::Path;
use std::process::Command;

use design::choices::*;
use design::{PlatformDesign, ValidDesign};
use export::changes::{changes, patch, Fate};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

fn export(design: &PlatformDesign) -> Option<export::Bundle> {
    let valid = ValidDesign::new(design.clone()).ok()?;
    export::export(&valid, &today()).ok()
}

/// A preset with a few of its decisions changed.
fn variant() -> impl Strategy<Value = PlatformDesign> {
    (
        0..design::presets::PRESETS.len(),
        proptest::sample::select(Mesh::ALL.to_vec()),
        proptest::sample::select(GitopsTool::ALL.to_vec()),
        proptest::sample::select(Topology::ALL.to_vec()),
        7u32..60,
        1u32..40,
    )
        .prop_map(|(preset, mesh, tool, topology, retention, count)| {
            let mut d = design::presets::PRESETS[preset].design();
            let s = &mut d.spec;
            s.security.mesh = mesh;
            s.gitops.tool = tool;
            s.cluster.topology = topology;
            s.observability.log_retention_days = retention;
            s.workload.services[0].count = count;
            d
        })
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

/// Every file under `dir` (but `.git`), sorted, with its content.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir").flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read_to_string(&path).expect("text")));
            }
        }
    }
    out.sort();
    out
}

fn round_trip(a: &export::Bundle, b: &export::Bundle) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    a.write_to(dir.path()).map_err(|e| e.to_string())?;
    git(dir.path(), &["init", "-q"]);
    let text = patch(&changes(a, b));
    // Outside the tree, and one per call: tests run round trips in parallel.
    let patch_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = patch_dir.path().join("change.patch");
    std::fs::write(&file, &text).map_err(|e| e.to_string())?;
    let applied = git(
        dir.path(),
        &[
            "apply",
            "--whitespace=nowarn",
            file.to_str().unwrap_or_default(),
        ],
    );
    if !applied.status.success() {
        return Err(format!(
            "git apply refused: {}",
            String::from_utf8_lossy(&applied.stderr)
        ));
    }
    let expected: Vec<(String, String)> = b
        .files
        .iter()
        .map(|f| (f.path.clone(), f.content.clone()))
        .collect();
    let got = tree(dir.path());
    if got != expected {
        let differing: Vec<&String> = expected
            .iter()
            .filter(|e| !got.contains(e))
            .map(|(p, _)| p)
            .chain(got.iter().filter(|g| !expected.contains(g)).map(|(p, _)| p))
            .collect();
        return Err(format!("after the patch these differ: {differing:?}"));
    }
    Ok(())
}

#[test]
fn the_patch_from_a_to_b_applied_by_git_gives_b() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = variant();
    let mut tried = 0;
    for _ in 0..24 {
        let a = strategy.new_tree(&mut runner).expect("tree").current();
        let b = strategy.new_tree(&mut runner).expect("tree").current();
        let (Some(ea), Some(eb)) = (export(&a), export(&b)) else {
            continue;
        };
        tried += 1;
        round_trip(&ea, &eb).unwrap_or_else(|e| {
            panic!(
                "{e}\nA:\n{}\nB:\n{}",
                design::file::to_yaml(&a),
                design::file::to_yaml(&b)
            )
        });
    }
    assert!(tried >= 12, "only {tried} valid pairs");
}

#[test]
fn switching_the_mesh_names_the_mesh_objects_that_change() {
    let a = design::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    let mut b = a.clone();
    b.spec.security.mesh = Mesh::Linkerd;
    let (ea, eb) = (export(&a).expect("a"), export(&b).expect("b"));
    let c = changes(&ea, &eb);
    let fate = |path: &str| c.iter().find(|f| f.path == path).map(|f| f.fate);
    assert_eq!(fate("platform/istiod/values.yaml"), Some(Fate::Removed));
    assert_eq!(
        fate("platform/linkerd-control-plane/values.yaml"),
        Some(Fate::Added)
    );
    // The provenance changes with everything else; an unchanged file is not listed.
    assert_eq!(fate(".slipway/export.json"), Some(Fate::Changed));
    assert_eq!(fate("terraform/eks/variables.tf"), None);
    let namespaces = c
        .iter()
        .find(|f| f.path.ends_with("namespaces.yaml"))
        .expect("namespaces change");
    assert!(
        namespaces.diff.contains("-    istio-injection: enabled"),
        "{}",
        namespaces.diff
    );
    assert!(namespaces.removed >= 1);
    round_trip(&ea, &eb).expect("the patch applies");
}

#[test]
fn the_same_design_has_no_changes() {
    let a = design::presets::find("startup-gke")
        .map(|p| p.design())
        .unwrap_or_default();
    let e = export(&a).expect("export");
    assert!(changes(&e, &e).is_empty());
    assert_eq!(patch(&changes(&e, &e)), "");
}
