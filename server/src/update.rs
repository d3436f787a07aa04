//! `slipway export FILE --update DIR`: brings a Git checkout of an earlier
//! export up to date with the design, keeping the team's edits. The plan —
//! which file is replaced, merged, removed or in conflict — is
//! `export::update::plan`; this module reads the tree and its history with
//! `git`, writes the plan out, and commits it when asked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use export::provenance::{self, hash, Provenance};
use export::update::{self, Fate, Write};

use crate::cli::Outcome;

/// What `--update` was asked to do.
pub struct Options<'a> {
    /// The working tree.
    pub dir: &'a Path,
    /// The design file given on the command line (exempt from the dirty check).
    pub design_file: &'a Path,
    /// Commit the result.
    pub commit: bool,
    /// Commit on this new branch.
    pub branch: Option<&'a str>,
    /// Go ahead over uncommitted changes.
    pub force: bool,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// The date the change log entry carries.
    pub today: &'a design::IsoDate,
}

/// A Git command in `dir`: its standard output, or what went wrong.
fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running git: {e} (is Git installed?)"))?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        use std::io::Write as _;
        stdin
            .write_all(bytes)
            .map_err(|e| format!("writing to git: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("running git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!(
            "git {} failed: {}",
            args.first().copied().unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The version of `path` (relative to `dir`) in commit `rev`, if it has one.
fn show(dir: &Path, rev: &str, path: &str) -> Option<String> {
    git(dir, &["show", &format!("{rev}:./{path}")], None)
        .ok()
        .map(text)
}

/// The version of `path` whose hash is `want`, searched from the newest
/// commit that touched it back (the last 100).
fn in_history(dir: &Path, path: &str, want: &str) -> Option<String> {
    let log = git(
        dir,
        &[
            "log",
            "--format=%H",
            "-n",
            "100",
            "--",
            &format!("./{path}"),
        ],
        None,
    )
    .ok()?;
    text(log)
        .lines()
        .filter_map(|rev| show(dir, rev, path))
        .find(|content| hash(content) == want)
}

/// Paths with uncommitted changes (relative to `dir`): every tracked change,
/// and untracked files where the export would write.
fn dirty(dir: &Path, export_paths: &BTreeSet<String>) -> Result<Vec<String>, String> {
    let prefix = text(git(dir, &["rev-parse", "--show-prefix"], None)?);
    let prefix = prefix.trim_end_matches('\n');
    let status = git(
        dir,
        &[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--",
            ".",
        ],
        None,
    )?;
    let status = text(status);
    let mut out = Vec::new();
    let mut entries = status.split('\0').filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(entry.len().min(3));
        if code.starts_with('R') || code.starts_with('C') {
            entries.next();
        }
        let path = path.strip_prefix(prefix).unwrap_or(path).to_owned();
        if !code.starts_with("??") || export_paths.contains(&path) {
            out.push(path);
        }
    }
    Ok(out)
}

/// The design file's path relative to `dir`, when it lies inside it.
fn inside(dir: &Path, file: &Path) -> Option<String> {
    let (dir, file) = (dir.canonicalize().ok()?, file.canonicalize().ok()?);
    Some(
        file.strip_prefix(&dir)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/"),
    )
}

/// The change log entry for `docs/decisions.md` and the commit message's body.
fn decisions_changed(
    old: Option<&design::PlatformDesign>,
    new: &design::PlatformDesign,
    today: &design::IsoDate,
) -> String {
    let Some(old) = old else {
        return "- (the earlier design could not be read, so its decisions are not compared)\n"
            .into();
    };
    let changes = design::diff::diff(old, new);
    if changes.is_empty() {
        return "- no decision changed (the generator did)\n".into();
    }
    const SHOWN: usize = 30;
    let mut out: String = changes
        .iter()
        .take(SHOWN)
        .map(|c| format!("- `{}`: `{}` → `{}`\n", c.path, c.old, c.new))
        .collect();
    if changes.len() > SHOWN {
        out += &format!("- … and {} more\n", changes.len() - SHOWN);
    }
    // The records whose outcome moved, as the comparison in the studio lists them.
    let outcome = design::decisions::outcome;
    for c in design::decisions::changed(old, new, today) {
        let file = c.after.as_ref().or(c.before.as_ref()).map(|r| r.file());
        out += &format!(
            "- decision record {}: {} → {}{}\n",
            c.title,
            outcome(c.before.as_ref()),
            outcome(c.after.as_ref()),
            file.map(|f| format!(" (`{}`)", f.trim_start_matches("docs/")))
                .unwrap_or_default()
        );
    }
    out
}

/// Runs the update of `opts.dir` to `next`, the export of `design`.
pub fn run(design: &design::PlatformDesign, next: &export::Bundle, opts: &Options<'_>) -> Outcome {
    match update(design, next, opts) {
        Ok(outcome) => outcome,
        Err(text) => Outcome { text, ok: false },
    }
}

fn update(
    design: &design::PlatformDesign,
    next: &export::Bundle,
    opts: &Options<'_>,
) -> Result<Outcome, String> {
    let dir = opts.dir;
    let shown = dir.display();
    if !dir.is_dir() {
        return Err(format!("{shown}: no such directory"));
    }
    let inside_work_tree = git(dir, &["rev-parse", "--is-inside-work-tree"], None)
        .map(text)
        .is_ok_and(|t| t.trim() == "true");
    if !inside_work_tree {
        return Err(format!(
            "{shown} is not a Git working tree: commit the earlier export first (git init, git add, git commit)"
        ));
    }
    let previous_text = std::fs::read_to_string(dir.join(provenance::PATH)).map_err(|_| {
        format!(
            "{shown} holds no Slipway export ({} is missing): export into it with --dir, commit, then update",
            provenance::PATH
        )
    })?;
    let previous = Provenance::read(&previous_text).map_err(|e| format!("{shown}: {e}"))?;

    let export_paths: BTreeSet<String> = previous
        .files
        .keys()
        .cloned()
        .chain(next.files.iter().map(|f| f.path.clone()))
        .collect();
    if !opts.force {
        let exempt = inside(dir, opts.design_file);
        let dirty: Vec<String> = dirty(dir, &export_paths)?
            .into_iter()
            .filter(|p| Some(p) != exempt.as_ref())
            .collect();
        if !dirty.is_empty() {
            return Err(format!(
                "{shown} has uncommitted changes ({}{}): commit or stash them first, or pass --force",
                dirty.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
                if dirty.len() > 5 { ", …" } else { "" }
            ));
        }
    }

    // The earlier design, from the last commit (the working tree's copy may be
    // the new design itself), to compare decisions and to regenerate the
    // earlier export as the base of three-way merges.
    // Only the design the earlier export was made from (same hash) is
    // regenerated; a design file edited by hand still shows its decisions.
    let old_text = show(dir, "HEAD", provenance::DESIGN_FILE);
    let old_design = old_text
        .as_deref()
        .and_then(|text| design::file::parse(text).ok());
    let regenerated: BTreeMap<String, String> = old_design
        .clone()
        .filter(|_| old_text.as_deref().map(hash) == Some(previous.design_sha256.clone()))
        .and_then(|d| export::export_checked(d, opts.today).ok())
        .map(|b| b.files.into_iter().map(|f| (f.path, f.content)).collect())
        .unwrap_or_default();

    let next_provenance = next
        .file(provenance::PATH)
        .and_then(|f| Provenance::read(&f.content).ok());
    let to = next_provenance
        .as_ref()
        .map_or_else(|| "this design".into(), Provenance::origin);
    let changed = decisions_changed(old_design.as_ref(), design, opts.today);
    let entry = format!(
        "### {} — from {} to {}\n\n{changed}",
        opts.today,
        previous.origin(),
        to
    );

    let current = |path: &str| -> Option<String> { std::fs::read(dir.join(path)).ok().map(text) };
    let generated = |path: &str, want: &str| -> Option<String> {
        regenerated
            .get(path)
            .filter(|c| hash(c) == want)
            .cloned()
            .or_else(|| in_history(dir, path, want))
    };
    let plan = update::plan(
        &update::Tree {
            previous: &previous,
            current: &current,
            generated: &generated,
        },
        next,
        Some(&entry),
    );

    // Nothing is written through a symbolic link: it could lead outside the
    // checkout. Checked for every path before anything is written.
    for path in plan.touched() {
        if let Some(link) = symlink_on_the_way(dir, path) {
            return Err(format!(
                "{shown}: {path} goes through the symbolic link {link}; nothing was written"
            ));
        }
    }
    if let Some(branch) = opts.branch {
        git(dir, &["switch", "-c", branch], None)?;
    }
    for f in plan.files.iter().filter(|_| !opts.dry_run) {
        let path = dir.join(&f.path);
        match &f.write {
            Write::Content(content) => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            Write::Delete => {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                remove_empty_parents(dir, &path);
            }
            Write::Leave => {}
        }
    }

    let mut report = String::new();
    for f in plan.files.iter().filter(|f| f.fate != Fate::Unchanged) {
        report += &format!("{:<36} {}", f.fate.label(), f.path);
        if let Some(note) = &f.note {
            report += &format!(" ({note})");
        }
        report.push('\n');
    }
    let counts = [
        Fate::Added,
        Fate::Updated,
        Fate::Removed,
        Fate::Merged,
        Fate::KeptEdit,
        Fate::KeptNoLongerGenerated,
        Fate::Conflict,
    ]
    .map(|fate| (plan.count(fate), fate.label()))
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, label)| format!("{n} {label}"))
    .collect::<Vec<_>>()
    .join(", ");
    report += &format!(
        "{shown}: {}",
        if counts.is_empty() {
            "already up to date".into()
        } else {
            counts.clone()
        }
    );
    if opts.dry_run {
        report += "\n(dry run: nothing was written)";
    }

    let conflicts = plan.conflicts().count();
    if conflicts > 0 {
        report += &if opts.dry_run {
            format!("\n{conflicts} file(s) would be in conflict")
        } else {
            format!(
                "\n{conflicts} file(s) in conflict: settle the marked regions, then commit{}",
                if opts.commit {
                    " (nothing was committed)"
                } else {
                    ""
                }
            )
        };
        return Ok(Outcome {
            text: report,
            ok: false,
        });
    }
    if opts.commit {
        let touched: Vec<&str> = plan.touched().collect();
        if touched.is_empty() {
            report += "\nnothing to commit";
        } else {
            let mut pathspecs = Vec::new();
            for p in &touched {
                pathspecs.extend_from_slice(format!("./{p}").as_bytes());
                pathspecs.push(0);
            }
            git(
                dir,
                &["add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"],
                Some(&pathspecs),
            )?;
            let design_hash = next_provenance
                .as_ref()
                .map_or_else(String::new, |p| p.design_sha256.clone());
            let message = format!(
                "Update the platform repository from its design\n\n\
                 Decisions that changed since {}:\n{changed}\nFiles: {counts}.\n\n\
                 Slipway-Export: slipway {} {design_hash}\n",
                previous.origin(),
                env!("CARGO_PKG_VERSION"),
            );
            git(
                dir,
                &["commit", "--quiet", "-F", "-"],
                Some(message.as_bytes()),
            )?;
            let head = text(git(dir, &["rev-parse", "--short", "HEAD"], None)?);
            report += &format!("\ncommitted {}", head.trim());
        }
    }
    Ok(Outcome {
        text: report,
        ok: true,
    })
}

/// The first symbolic link among `path`'s components under `root`, if any.
fn symlink_on_the_way(root: &Path, path: &str) -> Option<String> {
    let mut at = root.to_path_buf();
    for (n, part) in path.split('/').enumerate() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(path.split('/').take(n + 1).collect::<Vec<_>>().join("/"));
        }
    }
    None
}

/// Removes the directories a deletion left empty, up to `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir: Option<PathBuf> = file.parent().map(Path::to_path_buf);
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(&d).is_err() {
            break;
        }
        dir = d.parent().map(Path::to_path_buf);
    }
}
