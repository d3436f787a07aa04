//! `slipway export --update DIR` on real Git repositories: a checkout of the
//! export of design A, perhaps edited by the team, brought up to design B.
//! (a) no hand edits: the result is B's export; (b) an edit in a file B does
//! not change survives; (c) an edit and a generated change in different lines
//! of one file are both kept; (d) the same lines: conflict markers, exit 1,
//! nothing else lost; (e) a file B no longer generates is removed unless
//! edited. And: a dirty tree is refused, `--commit --branch` commits with the
//! trailer, a later update still merges against what was generated.

use std::path::{Path, PathBuf};
use std::process::Command;

use design::choices::Mesh;
use design::PlatformDesign;
use export::Bundle;
use server::cli::{export, Outcome};
use server::config::ExportArgs;

fn today() -> design::IsoDate {
    app::browser::today()
}

fn design_a() -> PlatformDesign {
    design::presets::PRESETS[0].design()
}

/// A with another mesh: files added, removed and changed.
fn design_b() -> PlatformDesign {
    let mut d = design_a();
    assert_eq!(
        d.spec.security.mesh,
        Mesh::Istio,
        "the preset this test assumes"
    );
    d.spec.security.mesh = Mesh::Linkerd;
    d
}

fn bundle(d: &PlatformDesign) -> Bundle {
    export::export_checked(d.clone(), &today()).expect("exports")
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Repo {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    dir: PathBuf,
}

impl Repo {
    /// A Git repository holding the export of `d` in `dir` (the root, or a
    /// subdirectory when `sub` is given), committed.
    fn of(d: &PlatformDesign, sub: Option<&str>) -> Repo {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("repo");
        let dir = sub.map_or_else(|| root.clone(), |s| root.join(s));
        std::fs::create_dir_all(&dir).expect("dir");
        git(&root, &["init", "--quiet", "-b", "main"]);
        git(&root, &["config", "user.name", "Platform Team"]);
        git(&root, &["config", "user.email", "platform@example.com"]);
        git(&root, &["config", "commit.gpgsign", "false"]);
        let file = tmp.path().join("a.yaml");
        std::fs::write(&file, design::file::to_yaml(d)).expect("design");
        let out = export(&ExportArgs {
            file,
            dir: Some(dir.clone()),
            ..ExportArgs::default()
        });
        assert!(out.ok, "{}", out.text);
        let repo = Repo {
            _tmp: tmp,
            root,
            dir,
        };
        repo.commit("Initial export");
        repo
    }

    fn commit(&self, message: &str) {
        git(&self.root, &["add", "-A"]);
        git(&self.root, &["commit", "--quiet", "-m", message]);
    }

    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.join(path)).ok()
    }

    fn write(&self, path: &str, content: &str) {
        std::fs::write(self.dir.join(path), content).expect("write");
    }

    /// `slipway export <d> --update DIR` with `flags` (`commit`, `force`, a branch).
    fn update(
        &self,
        d: &PlatformDesign,
        commit: bool,
        branch: Option<&str>,
        force: bool,
    ) -> Outcome {
        let file = self._tmp.path().join("next.yaml");
        std::fs::write(&file, design::file::to_yaml(d)).expect("design");
        export(&ExportArgs {
            file,
            update: Some(self.dir.clone()),
            commit,
            branch: branch.map(str::to_owned),
            force,
            ..ExportArgs::default()
        })
    }

    /// `slipway export <d> --update DIR --dry-run`.
    fn dry_run(&self, d: &PlatformDesign) -> Outcome {
        let file = self._tmp.path().join("next.yaml");
        std::fs::write(&file, design::file::to_yaml(d)).expect("design");
        export(&ExportArgs {
            file,
            update: Some(self.dir.clone()),
            dry_run: true,
            ..ExportArgs::default()
        })
    }

    /// Every file of the tree (not `.git`), by path relative to `dir`.
    fn files(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![self.dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("dir").flatten() {
                let path = entry.path();
                if path.file_name().is_some_and(|n| n == ".git") {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(&self.dir).expect("inside");
                    out.push((
                        rel.to_string_lossy().into_owned(),
                        std::fs::read_to_string(&path).expect("text"),
                    ));
                }
            }
        }
        out.sort();
        out
    }
}

/// docs/decisions.md without the change log entries the updates added.
fn without_log(text: &str) -> String {
    let marker = export::update::LOG_MARKER;
    let at = text.find(marker).expect("the change log marker") + marker.len();
    format!("{}\n", &text[..at])
}

/// A path in both exports with the same content (one the update leaves alone).
fn unchanged_path(a: &Bundle, b: &Bundle) -> String {
    a.files
        .iter()
        .find(|f| {
            f.path.ends_with(".yaml") && b.file(&f.path).is_some_and(|g| g.content == f.content)
        })
        .map(|f| f.path.clone())
        .expect("a file both exports share")
}

/// A YAML file B changes whose first lines stay as they were, and the first
/// line (0-based) the change touches.
fn changed_path(a: &Bundle, b: &Bundle) -> (String, usize) {
    a.files
        .iter()
        .filter(|f| f.path.ends_with(".yaml") && f.path != export::provenance::DESIGN_FILE)
        .filter_map(|f| {
            let g = b.file(&f.path)?;
            let first = f
                .content
                .lines()
                .zip(g.content.lines())
                .position(|(x, y)| x != y)?;
            (first >= 6).then(|| (f.path.clone(), first))
        })
        .next()
        .expect("a file B changes below its head")
}

fn removed_paths(a: &Bundle, b: &Bundle) -> Vec<String> {
    a.files
        .iter()
        .filter(|f| b.file(&f.path).is_none())
        .map(|f| f.path.clone())
        .collect()
}

/// Commits a hand edit of the first line B changes in a file: the update
/// must conflict there. The file's path and the team's line.
fn edit_where_the_design_changes(repo: &Repo, a: &Bundle, b: &Bundle) -> (String, String) {
    let (path, line) = changed_path(a, b);
    let original = repo.read(&path).expect("file");
    let mut lines: Vec<&str> = original.lines().collect();
    let theirs = format!("{} # the team's value", lines[line]);
    lines[line] = &theirs;
    repo.write(&path, &(lines.join("\n") + "\n"));
    repo.commit("A hand edit where the design changes");
    (path, theirs)
}

#[test]
fn a_without_hand_edits_becomes_exactly_b() {
    let repo = Repo::of(&design_a(), None);
    let out = repo.update(&design_b(), false, None, false);
    assert!(out.ok, "{}", out.text);
    let fresh = bundle(&design_b());
    let files = repo.files();
    let expected: Vec<(String, String)> = fresh
        .files
        .iter()
        .map(|f| (f.path.clone(), f.content.clone()))
        .collect();
    assert_eq!(
        files.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        expected.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "the same set of files"
    );
    for ((path, got), (_, want)) in files.iter().zip(&expected) {
        if path == export::update::DECISIONS {
            assert_eq!(&without_log(got), want, "{path} apart from its change log");
            assert!(
                got.contains("`spec.security.mesh`: `\"istio\"` → `\"linkerd\"`"),
                "the change log names the decision: {got}"
            );
            assert!(
                got.contains("- decision record Service mesh: Istio (")
                    && got.contains("→ Linkerd (")
                    && got.contains("(`adr/0013-service-mesh.md`)"),
                "the change log names the record whose outcome moved: {got}"
            );
        } else {
            assert_eq!(got, want, "{path}");
        }
    }
    assert!(out.text.contains("removed"), "{}", out.text);
    assert!(out.text.contains("added"), "{}", out.text);
}

#[test]
fn hand_edits_survive_merge_or_conflict_and_unneeded_files_go_unless_edited() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), Some("platform"));
    // (b) an edit in a file the update does not change.
    let quiet = unchanged_path(&a, &b);
    let quiet_text = format!("# kept by the team\n{}", repo.read(&quiet).expect("quiet"));
    repo.write(&quiet, &quiet_text);
    // (c) an edit at the head of a file the design changes further down.
    let (merged, _) = changed_path(&a, &b);
    let merged_text = format!(
        "# reviewed by the platform team\n{}",
        repo.read(&merged).expect("merged")
    );
    repo.write(&merged, &merged_text);
    // (e) of the files B no longer needs, one edited, the others not.
    let removed = removed_paths(&a, &b);
    assert!(removed.len() >= 2, "{removed:?}");
    let kept = &removed[0];
    let kept_text = format!("{}# still needed here\n", repo.read(kept).expect("kept"));
    repo.write(kept, &kept_text);
    // A file of the team's own, outside the export.
    repo.write("TEAM-NOTES.md", "ours\n");
    repo.commit("Team edits");

    let out = repo.update(&design_b(), false, None, false);
    assert!(out.ok, "{}", out.text);
    assert_eq!(
        repo.read(&quiet).as_deref(),
        Some(quiet_text.as_str()),
        "(b)"
    );
    let now = repo.read(&merged).expect("merged file");
    let want = b.file(&merged).expect("in B").content.clone();
    assert_eq!(
        now,
        format!("# reviewed by the platform team\n{want}"),
        "(c)"
    );
    assert_eq!(
        repo.read(kept).as_deref(),
        Some(kept_text.as_str()),
        "(e) edited: kept"
    );
    for gone in &removed[1..] {
        assert!(repo.read(gone).is_none(), "(e) untouched: removed {gone}");
    }
    assert_eq!(repo.read("TEAM-NOTES.md").as_deref(), Some("ours\n"));
    assert!(
        out.text
            .contains(&format!("merged                               {merged}")),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains(&format!("kept (your edit)                     {quiet}")),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains(&format!("kept (edited; no longer generated)   {kept}")),
        "{}",
        out.text
    );
    assert!(!out.text.contains("TEAM-NOTES"), "{}", out.text);
}

#[test]
fn the_same_lines_changed_on_both_sides_are_a_conflict_and_nothing_else_is_lost() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), None);
    let (path, theirs) = edit_where_the_design_changes(&repo, &a, &b);

    let out = repo.update(&design_b(), true, None, false);
    assert!(!out.ok, "a conflict fails: {}", out.text);
    assert!(
        out.text.contains("CONFLICT") && out.text.contains(&path),
        "{}",
        out.text
    );
    assert!(out.text.contains("nothing was committed"), "{}", out.text);
    let text = repo.read(&path).expect("file");
    assert!(text.contains("<<<<<<< yours (the repository)\n"), "{text}");
    assert!(text.contains(&theirs), "the team's line is in the markers");
    assert!(text.contains(">>>>>>> design (this export)\n"), "{text}");
    // Every other file is B's.
    for f in &b.files {
        if f.path != path && f.path != export::update::DECISIONS {
            assert_eq!(
                repo.read(&f.path).as_deref(),
                Some(f.content.as_str()),
                "{}",
                f.path
            );
        }
    }
    assert_eq!(
        git(&repo.root, &["rev-list", "--count", "HEAD"]).trim(),
        "2",
        "no commit"
    );
}

#[test]
fn a_dirty_tree_is_refused_unless_forced() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), None);
    let quiet = unchanged_path(&a, &b);
    let edit = format!("# uncommitted\n{}", repo.read(&quiet).expect("file"));
    repo.write(&quiet, &edit);
    let before = repo.files();
    let out = repo.update(&design_b(), false, None, false);
    assert!(!out.ok);
    assert!(
        out.text.contains(&format!("uncommitted changes ({quiet})")),
        "{}",
        out.text
    );
    assert_eq!(repo.files(), before, "nothing written");
    let out = repo.update(&design_b(), false, None, true);
    assert!(out.ok, "{}", out.text);
    assert_eq!(
        repo.read(&quiet),
        Some(edit),
        "the uncommitted edit is kept"
    );
}

#[test]
fn an_update_commits_on_a_branch_with_the_decisions_and_the_trailer() {
    let repo = Repo::of(&design_a(), None);
    let out = repo.update(&design_b(), true, Some("slipway/linkerd"), false);
    assert!(out.ok, "{}", out.text);
    assert!(out.text.contains("committed "), "{}", out.text);
    assert_eq!(
        git(&repo.root, &["branch", "--show-current"]).trim(),
        "slipway/linkerd"
    );
    let message = git(&repo.root, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains("`spec.security.mesh`: `\"istio\"` → `\"linkerd\"`"),
        "{message}"
    );
    let design_hash = export::provenance::hash(
        &bundle(&design_b())
            .file("platform-design.yaml")
            .expect("design")
            .content,
    );
    assert!(
        message.contains(&format!(
            "Slipway-Export: slipway {} {design_hash}",
            env!("CARGO_PKG_VERSION")
        )),
        "{message}"
    );
    assert_eq!(
        git(&repo.root, &["status", "--porcelain"]),
        "",
        "everything committed"
    );
    // Nothing changed since: a second update has nothing to do but log.
    let again = repo.update(&design_b(), true, None, false);
    assert!(again.ok, "{}", again.text);
    let log = repo.read(export::update::DECISIONS).expect("decisions");
    assert!(log.matches("### ").count() >= 2, "two entries: {log}");
    assert!(log.contains("no decision changed"), "{log}");
}

#[test]
fn a_later_update_merges_against_what_was_generated_not_what_was_merged() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), None);
    let (path, _) = changed_path(&a, &b);
    let edited = format!("# the team's header\n{}", repo.read(&path).expect("file"));
    repo.write(&path, &edited);
    repo.commit("Team header");
    let out = repo.update(&design_b(), true, None, false);
    assert!(out.ok, "{}", out.text);
    // Back to A: the file is merged again, against B's generated version
    // (regenerated from the design the repository now holds).
    let out = repo.update(&design_a(), true, None, false);
    assert!(out.ok, "{}", out.text);
    assert_eq!(
        repo.read(&path),
        Some(edited),
        "the team's header on A's content again"
    );
}

#[test]
fn with_the_design_file_edited_by_hand_the_base_comes_from_history() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), None);
    let (path, _) = changed_path(&a, &b);
    let edited = format!("# the team's header\n{}", repo.read(&path).expect("file"));
    repo.write(&path, &edited);
    let design_file = export::provenance::DESIGN_FILE;
    let annotated = format!("# annotated\n{}", repo.read(design_file).expect("design"));
    repo.write(design_file, &annotated);
    repo.commit("Team header and a note in the design file");
    let out = repo.update(&design_b(), false, None, false);
    assert!(out.ok, "{}", out.text);
    let want = b.file(&path).expect("in B").content.clone();
    assert_eq!(
        repo.read(&path),
        Some(format!("# the team's header\n{want}"))
    );
}

#[test]
fn what_is_not_an_export_checkout_is_refused_clearly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("d.yaml");
    std::fs::write(&file, design::file::to_yaml(&design_a())).expect("design");
    let plain = tmp.path().join("plain");
    std::fs::create_dir_all(&plain).expect("dir");
    let out = export(&ExportArgs {
        file: file.clone(),
        update: Some(plain.clone()),
        ..ExportArgs::default()
    });
    assert!(
        !out.ok && out.text.contains("is not a Git working tree"),
        "{}",
        out.text
    );
    git(&plain, &["init", "--quiet"]);
    let out = export(&ExportArgs {
        file,
        update: Some(plain),
        ..ExportArgs::default()
    });
    assert!(
        !out.ok && out.text.contains(".slipway/export.json is missing"),
        "{}",
        out.text
    );
}

#[test]
fn a_dry_run_reports_the_same_fates_and_writes_nothing() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), None);
    edit_where_the_design_changes(&repo, &a, &b);
    let before = repo.files();
    let dry = repo.dry_run(&design_b());
    assert_eq!(repo.files(), before, "nothing written");
    assert!(
        !dry.ok,
        "a conflict to come fails the dry run: {}",
        dry.text
    );
    assert!(
        dry.text.contains("1 file(s) would be in conflict"),
        "{}",
        dry.text
    );
    let real = repo.update(&design_b(), false, None, false);
    let fates = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| {
                !l.contains(": ") && !l.starts_with(|c: char| c == '(' || c.is_ascii_digit())
            })
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(fates(&dry.text), fates(&real.text), "the same file by file");
}

/// Between every two presets (other provider, topology, GitOps tool, mesh…),
/// an update of an unedited checkout gives the later preset's export, and a
/// header the team put on a file both share survives.
#[test]
fn every_preset_to_every_other_updates_to_its_fresh_export() {
    let presets = design::presets::PRESETS;
    for (i, from) in presets.iter().enumerate() {
        let to = &presets[(i + 1) % presets.len()];
        let (a, b) = (bundle(&from.design()), bundle(&to.design()));
        let repo = Repo::of(&from.design(), None);
        // A file both exports have whose first lines are the same.
        let shared = a.files.iter().find(|f| {
            f.path.ends_with(".yaml")
                && b.file(&f.path)
                    .is_some_and(|g| g.content.lines().take(4).eq(f.content.lines().take(4)))
        });
        if let Some(f) = shared {
            repo.write(&f.path, &format!("# team header\n{}", f.content));
            repo.commit("Team header");
        }
        let out = repo.update(&to.design(), true, None, false);
        assert!(out.ok, "{} → {}: {}", from.slug, to.slug, out.text);
        for g in &b.files {
            let got = repo.read(&g.path).unwrap_or_default();
            let want = match shared {
                Some(f) if f.path == g.path => format!("# team header\n{}", g.content),
                _ if g.path == export::update::DECISIONS => without_log(&got),
                _ => g.content.clone(),
            };
            let got = if g.path == export::update::DECISIONS {
                without_log(&got)
            } else {
                got
            };
            assert_eq!(got, want, "{} → {}: {}", from.slug, to.slug, g.path);
        }
        let generated: std::collections::BTreeSet<&str> =
            b.files.iter().map(|f| f.path.as_str()).collect();
        for (path, _) in repo.files() {
            assert!(
                generated.contains(path.as_str()),
                "{} → {}: {path} left behind",
                from.slug,
                to.slug
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symbolic_link() {
    let (a, b) = (bundle(&design_a()), bundle(&design_b()));
    let repo = Repo::of(&design_a(), None);
    // A directory the update writes into, replaced by a link to elsewhere.
    let (path, _) = changed_path(&a, &b);
    let top = path.split('/').next().expect("a directory").to_owned();
    let elsewhere = repo._tmp.path().join("elsewhere");
    std::fs::rename(repo.dir.join(&top), &elsewhere).expect("moved");
    std::os::unix::fs::symlink(&elsewhere, repo.dir.join(&top)).expect("link");
    repo.commit("A link");
    let before =
        std::fs::read_to_string(elsewhere.join(path.trim_start_matches(&format!("{top}/"))))
            .expect("the file behind the link");
    let out = repo.update(&design_b(), false, None, true);
    assert!(!out.ok);
    assert!(
        out.text.contains(&format!("the symbolic link {top}")),
        "{}",
        out.text
    );
    let after =
        std::fs::read_to_string(elsewhere.join(path.trim_start_matches(&format!("{top}/"))))
            .expect("still there");
    assert_eq!(before, after, "nothing written behind the link");
}
