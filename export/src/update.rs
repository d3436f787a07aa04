//! Bringing a working tree that holds an earlier export up to date with a new
//! one, without losing what the team wrote by hand. The plan here is pure: it
//! reads the working tree and the last generated version of each file through
//! the functions it is given and says, file by file, what to write. The
//! command that runs Git and writes the files lives in the binary.
//!
//! A file whose content still has the hash the earlier export recorded is the
//! generator's: it is replaced or removed. A file the team edited is merged
//! three-way against the version last generated, so both the team's and the
//! design's changes are kept, with conflict markers where both changed the
//! same lines. Only paths of the earlier or the new export are ever touched.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::merge::{merge3, Labels};
use crate::provenance::{self, hash, Provenance};
use crate::Bundle;

/// Where `docs/decisions.md` keeps the change log each update adds to.
pub const DECISIONS: &str = "docs/decisions.md";

/// The line after which each update adds its change log entry, newest first.
pub const LOG_MARKER: &str = "<!-- slipway: change log entries follow, newest first -->";

/// The change log section every export ends `docs/decisions.md` with.
pub fn change_log_section() -> String {
    format!(
        "\n## Change log\n\nEach `slipway export --update` records here what changed in the design, \
         when, and from which export.\n\n{LOG_MARKER}\n"
    )
}

/// Conflict marker labels.
pub const LABELS: Labels<'static> = Labels {
    yours: "yours (the repository)",
    base: "last export",
    design: "design (this export)",
};

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// Already as the new export has it.
    Unchanged,
    /// New in this export; written.
    Added,
    /// Not edited by the team; replaced by the new version.
    Updated,
    /// Not edited by the team and no longer generated; deleted.
    Removed,
    /// Edited by the team; the design did not change it: left as it is.
    KeptEdit,
    /// Edited by the team and changed by the design in other lines: merged.
    Merged,
    /// Both changed the same lines (or the team deleted a file the design
    /// changed): written with conflict markers (or restored) for the team to settle.
    Conflict,
    /// No longer generated, but edited by the team: kept, and reported.
    KeptNoLongerGenerated,
    /// Deleted by the team and unchanged by the design: stays deleted.
    StaysDeleted,
}

impl Fate {
    /// How the report names it.
    pub fn label(self) -> &'static str {
        match self {
            Fate::Unchanged => "unchanged",
            Fate::Added => "added",
            Fate::Updated => "updated",
            Fate::Removed => "removed",
            Fate::KeptEdit => "kept (your edit)",
            Fate::Merged => "merged",
            Fate::Conflict => "CONFLICT",
            Fate::KeptNoLongerGenerated => "kept (edited; no longer generated)",
            Fate::StaysDeleted => "stays deleted",
        }
    }
}

/// What to do with a path in the working tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// Write this content.
    Content(String),
    /// Delete the file.
    Delete,
    /// Leave the file as it is.
    Leave,
}

/// One file's fate and what to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUpdate {
    /// Path inside the export.
    pub path: String,
    /// What happens to it.
    pub fate: Fate,
    /// What to write.
    pub write: Write,
    /// Why, when the fate needs explaining.
    pub note: Option<String>,
}

/// The plan for a whole working tree, sorted by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdatePlan {
    /// Every path of the earlier or the new export.
    pub files: Vec<FileUpdate>,
}

impl UpdatePlan {
    /// Files written with conflict markers or restored over a deletion.
    pub fn conflicts(&self) -> impl Iterator<Item = &FileUpdate> {
        self.files.iter().filter(|f| f.fate == Fate::Conflict)
    }

    /// How many files have `fate`.
    pub fn count(&self, fate: Fate) -> usize {
        self.files.iter().filter(|f| f.fate == fate).count()
    }

    /// Paths that the plan writes or deletes.
    pub fn touched(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .filter(|f| f.write != Write::Leave)
            .map(|f| f.path.as_str())
    }
}

/// How the plan sees the working tree and its history.
pub struct Tree<'a> {
    /// The provenance of the export the tree holds.
    pub previous: &'a Provenance,
    /// The file at a path in the working tree, `None` when absent.
    pub current: &'a dyn Fn(&str) -> Option<String>,
    /// The version of a path the earlier export generated, looked up by the
    /// hash the provenance recorded for it (checked again here).
    pub generated: &'a dyn Fn(&str, &str) -> Option<String>,
}

/// Plans bringing `tree` up to `next`. `log_entry`, when given, is added to
/// the change log of `docs/decisions.md`.
pub fn plan(tree: &Tree<'_>, next: &Bundle, log_entry: Option<&str>) -> UpdatePlan {
    let previous = tree.previous;
    let paths: BTreeSet<&str> = previous
        .files
        .keys()
        .map(String::as_str)
        .chain(next.files.iter().map(|f| f.path.as_str()))
        .collect();
    let mut files: Vec<FileUpdate> = paths
        .into_iter()
        .map(|path| {
            let old_hash = previous.files.get(path).map(String::as_str);
            let new = next.file(path).map(|f| f.content.as_str());
            let current = (tree.current)(path);
            let generated =
                || old_hash.and_then(|h| (tree.generated)(path, h).filter(|text| hash(text) == h));
            let (fate, write, note) = fate(path, old_hash, new, current, generated);
            FileUpdate {
                path: path.to_owned(),
                fate,
                write,
                note,
            }
        })
        .collect();
    if let Some(entry) = log_entry {
        if let Some(f) = files.iter_mut().find(|f| f.path == DECISIONS) {
            let text = match &f.write {
                Write::Content(text) => Some(text.clone()),
                Write::Leave if f.fate != Fate::StaysDeleted => (tree.current)(DECISIONS),
                _ => None,
            };
            if let Some(text) = text {
                f.write = Write::Content(with_entry(&text, entry));
                if f.fate == Fate::Unchanged {
                    f.fate = Fate::Updated;
                }
            }
        }
    }
    UpdatePlan { files }
}

type Outcome = (Fate, Write, Option<String>);

fn fate(
    path: &str,
    old_hash: Option<&str>,
    new: Option<&str>,
    current: Option<String>,
    generated: impl Fn() -> Option<String>,
) -> Outcome {
    let write = |text: &str| Write::Content(text.to_owned());
    // The provenance and the design file are the export's own record of
    // itself: always the new export's.
    if path == provenance::PATH || path == provenance::DESIGN_FILE {
        return match (new, current) {
            (Some(n), Some(c)) if c == n => (Fate::Unchanged, Write::Leave, None),
            (Some(n), _) => (Fate::Updated, write(n), None),
            (None, _) => (Fate::Unchanged, Write::Leave, None),
        };
    }
    match (old_hash, new, current) {
        (_, Some(n), Some(c)) if c == n => (Fate::Unchanged, Write::Leave, None),
        (Some(h), Some(n), Some(c)) if hash(&c) == h => (Fate::Updated, write(n), None),
        (Some(_), Some(n), Some(c)) => match generated() {
            Some(base) if base == n => (Fate::KeptEdit, Write::Leave, None),
            base => {
                let merged = merge3(base.as_deref().unwrap_or(""), &c, n, LABELS);
                let unknown = base.is_none().then(|| {
                    "the version last generated is not in the repository's history, so the \
                     whole file is compared"
                        .to_owned()
                });
                if merged.conflicts == 0 {
                    (Fate::Merged, Write::Content(merged.text), unknown)
                } else {
                    let note = format!("{} conflicting region(s)", merged.conflicts);
                    let note = unknown.map_or(note.clone(), |u| format!("{note}; {u}"));
                    (Fate::Conflict, Write::Content(merged.text), Some(note))
                }
            }
        },
        (Some(_), Some(n), None) => match generated() {
            Some(base) if base == n => (Fate::StaysDeleted, Write::Leave, None),
            _ => (
                Fate::Conflict,
                write(n),
                Some("deleted in the repository but changed by the design: restored".into()),
            ),
        },
        (None, Some(n), None) => (Fate::Added, write(n), None),
        (None, Some(n), Some(c)) => {
            let merged = merge3("", &c, n, LABELS);
            (
                Fate::Conflict,
                Write::Content(merged.text),
                Some("a file the earlier export did not have is in the way".into()),
            )
        }
        (Some(h), None, Some(c)) if hash(&c) == h => (Fate::Removed, Write::Delete, None),
        (Some(_), None, Some(_)) => (
            Fate::KeptNoLongerGenerated,
            Write::Leave,
            Some("the design no longer generates it; delete it when it is no longer needed".into()),
        ),
        // Gone already, or (impossible: paths come from either export) in neither.
        (_, None, _) => (Fate::Unchanged, Write::Leave, None),
    }
}

/// `text` with `entry` added after the change log marker (or, when the team
/// removed the marker, in a new change log section at the end).
pub fn with_entry(text: &str, entry: &str) -> String {
    let entry = entry.trim_end();
    match text.find(LOG_MARKER) {
        Some(at) => {
            let after = at + LOG_MARKER.len();
            let rest = text[after..].trim_start_matches('\n');
            let gap = if rest.is_empty() { "" } else { "\n" };
            format!("{}\n\n{entry}\n{gap}{rest}", &text[..after])
        }
        None => format!(
            "{}\n{}\n{entry}\n",
            text.trim_end_matches('\n'),
            change_log_section()
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::File;

    fn bundle(files: &[(&str, &str)]) -> Bundle {
        let mut files: Vec<File> = files
            .iter()
            .map(|(p, c)| File {
                path: (*p).into(),
                content: (*c).into(),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Bundle {
            root: "r".into(),
            files,
        }
    }

    /// Plans from an earlier export `old` to `new` over a tree holding `tree`.
    fn run(old: &[(&str, &str)], tree: &[(&str, &str)], new: &[(&str, &str)]) -> UpdatePlan {
        let previous = Provenance {
            generator: "slipway test".into(),
            design_sha256: String::new(),
            revision: None,
            milestone: None,
            files: old
                .iter()
                .map(|(p, c)| ((*p).to_owned(), hash(c)))
                .collect(),
        };
        let old: BTreeMap<String, String> = old
            .iter()
            .map(|(p, c)| ((*p).into(), (*c).into()))
            .collect();
        let tree: BTreeMap<String, String> = tree
            .iter()
            .map(|(p, c)| ((*p).into(), (*c).into()))
            .collect();
        let current = |p: &str| tree.get(p).cloned();
        let generated = |p: &str, _: &str| old.get(p).cloned();
        plan(
            &Tree {
                previous: &previous,
                current: &current,
                generated: &generated,
            },
            &bundle(new),
            None,
        )
    }

    fn fates(plan: &UpdatePlan) -> Vec<(&str, Fate)> {
        plan.files
            .iter()
            .map(|f| (f.path.as_str(), f.fate))
            .collect()
    }

    #[test]
    fn untouched_files_follow_the_design() {
        let old = [("a", "1\n"), ("b", "2\n"), ("gone", "x\n")];
        let plan = run(&old, &old, &[("a", "1\n"), ("b", "two\n"), ("c", "3\n")]);
        assert_eq!(
            fates(&plan),
            [
                ("a", Fate::Unchanged),
                ("b", Fate::Updated),
                ("c", Fate::Added),
                ("gone", Fate::Removed)
            ]
        );
        assert_eq!(plan.files[1].write, Write::Content("two\n".into()));
        assert_eq!(plan.files[3].write, Write::Delete);
    }

    #[test]
    fn edited_files_are_kept_merged_or_in_conflict() {
        let base = "one\ntwo\nthree\nfour\nfive\n";
        let old = [
            ("kept", base),
            ("merged", base),
            ("clash", base),
            ("gone", base),
        ];
        let tree = [
            ("kept", "one\ntwo\nthree\nfour\nFIVE\n"),
            ("merged", "ONE\ntwo\nthree\nfour\nfive\n"),
            ("clash", "one\ntwo\nTHREE\nfour\nfive\n"),
            ("gone", "edited\n"),
        ];
        let new = [
            ("kept", base),
            ("merged", "one\ntwo\nthree\nfour\nfive!\n"),
            ("clash", "one\ntwo\n3\nfour\nfive\n"),
        ];
        let plan = run(&old, &tree, &new);
        assert_eq!(
            fates(&plan),
            [
                ("clash", Fate::Conflict),
                ("gone", Fate::KeptNoLongerGenerated),
                ("kept", Fate::KeptEdit),
                ("merged", Fate::Merged),
            ]
        );
        assert_eq!(
            plan.files[3].write,
            Write::Content("ONE\ntwo\nthree\nfour\nfive!\n".into())
        );
        let Write::Content(clash) = &plan.files[0].write else {
            panic!("a conflict is written")
        };
        assert!(
            clash.contains("<<<<<<< yours (the repository)\nTHREE\n"),
            "{clash}"
        );
        assert_eq!(plan.conflicts().count(), 1);
        assert_eq!(plan.touched().collect::<Vec<_>>(), ["clash", "merged"]);
    }

    #[test]
    fn deletions_by_the_team_are_respected_unless_the_design_changed_the_file() {
        let old = [("quiet", "q\n"), ("loud", "l\n")];
        let plan = run(&old, &[], &[("quiet", "q\n"), ("loud", "L\n")]);
        assert_eq!(
            fates(&plan),
            [("loud", Fate::Conflict), ("quiet", Fate::StaysDeleted)]
        );
    }

    #[test]
    fn a_file_in_the_way_of_a_new_one_is_a_conflict_that_keeps_both() {
        let plan = run(&[], &[("n", "mine\n")], &[("n", "generated\n")]);
        assert_eq!(fates(&plan), [("n", Fate::Conflict)]);
        let Write::Content(text) = &plan.files[0].write else {
            panic!("written")
        };
        assert!(
            text.contains("mine\n") && text.contains("generated\n"),
            "{text}"
        );
    }

    #[test]
    fn a_base_that_does_not_match_its_hash_is_not_trusted() {
        let previous = Provenance {
            generator: "slipway test".into(),
            design_sha256: String::new(),
            revision: None,
            milestone: None,
            files: [("f".to_owned(), hash("base\n"))].into(),
        };
        let current = |_: &str| Some("edited\n".to_owned());
        let generated = |_: &str, _: &str| Some("not the base\n".to_owned());
        let plan = plan(
            &Tree {
                previous: &previous,
                current: &current,
                generated: &generated,
            },
            &bundle(&[("f", "new\n")]),
            None,
        );
        assert_eq!(plan.files[0].fate, Fate::Conflict);
        assert!(plan.files[0]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("not in the repository's history")));
    }

    #[test]
    fn the_change_log_entry_goes_after_the_marker_newest_first() {
        let doc = format!("# Decisions\n{}", change_log_section());
        let once = with_entry(&doc, "### first\n");
        let twice = with_entry(&once, "### second\n");
        let first = twice.find("### first").expect("first kept");
        let second = twice.find("### second").expect("second added");
        assert!(
            second < first && twice.find(LOG_MARKER) < Some(second),
            "{twice}"
        );
        assert!(twice.ends_with("### first\n"), "{twice:?}");
        let without = with_entry("# Decisions\n", "### only\n");
        assert!(
            without.contains(LOG_MARKER) && without.ends_with("### only\n"),
            "{without}"
        );
    }

    #[test]
    fn the_change_log_entry_is_added_to_decisions_even_when_nothing_else_changed() {
        let doc = format!("# Decisions\n{}", change_log_section());
        let files = [(DECISIONS, doc.as_str())];
        let previous = Provenance {
            generator: "slipway test".into(),
            design_sha256: String::new(),
            revision: None,
            milestone: None,
            files: [(DECISIONS.to_owned(), hash(&doc))].into(),
        };
        let current = |_: &str| Some(doc.clone());
        let generated = |_: &str, _: &str| None;
        let plan = plan(
            &Tree {
                previous: &previous,
                current: &current,
                generated: &generated,
            },
            &bundle(&files),
            Some("### 2026-12-03\n"),
        );
        assert_eq!(plan.files[0].fate, Fate::Updated);
        assert_eq!(
            plan.files[0].write,
            Write::Content(with_entry(&doc, "### 2026-12-03\n"))
        );
    }
}
