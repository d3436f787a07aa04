//! What a design change does to its repository: the files added, removed and
//! changed between two exports, each with a line diff, and the same as a Git
//! patch that `git apply` accepts on a checkout of the earlier export.

use serde::Serialize;

use crate::Bundle;

/// Lines of context around each change, as `git diff` shows.
const CONTEXT: usize = 3;

/// How a file fares between two exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// Only the later export has it.
    Added,
    /// Only the earlier export has it.
    Removed,
    /// Both have it, with different content.
    Changed,
}

/// One file that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    /// Path inside the repository.
    pub path: String,
    /// Added, removed or changed.
    pub fate: Fate,
    /// Lines added.
    pub added: usize,
    /// Lines removed.
    pub removed: usize,
    /// The hunks, as in a unified diff (`@@ … @@` headers, ` `/`+`/`-` lines).
    pub diff: String,
}

/// The files that differ from `before` to `after`, sorted by path.
pub fn changes(before: &Bundle, after: &Bundle) -> Vec<FileChange> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (a, b) = (&before.files, &after.files);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.path.cmp(&y.path),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                out.push(file_change(&a[i].path, Fate::Removed, &a[i].content, ""));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(file_change(&b[j].path, Fate::Added, "", &b[j].content));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                if a[i].content != b[j].content {
                    out.push(file_change(
                        &a[i].path,
                        Fate::Changed,
                        &a[i].content,
                        &b[j].content,
                    ));
                }
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The changes as one Git patch (paths relative to the repository root).
pub fn patch(changes: &[FileChange]) -> String {
    let mut out = String::new();
    for c in changes {
        let p = &c.path;
        out.push_str(&format!("diff --git a/{p} b/{p}\n"));
        match c.fate {
            Fate::Added => {
                out.push_str(&format!("new file mode 100644\n--- /dev/null\n+++ b/{p}\n"))
            }
            Fate::Removed => out.push_str(&format!(
                "deleted file mode 100644\n--- a/{p}\n+++ /dev/null\n"
            )),
            Fate::Changed => out.push_str(&format!("--- a/{p}\n+++ b/{p}\n")),
        }
        out.push_str(&c.diff);
    }
    out
}

fn file_change(path: &str, fate: Fate, old: &str, new: &str) -> FileChange {
    let (diff, added, removed) = unified(old, new);
    FileChange {
        path: path.to_owned(),
        fate,
        added,
        removed,
        diff,
    }
}

/// A line with whether it ended in a newline.
pub(crate) type Line<'a> = (&'a str, bool);

pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find('\n') {
            Some(k) => {
                out.push((&rest[..k], true));
                rest = &rest[k + 1..];
            }
            None => {
                out.push((rest, false));
                rest = "";
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Same,
    Delete,
    Insert,
}

/// The edit script from `a` to `b` (longest common subsequence, after
/// trimming the common head and tail).
pub(crate) fn script(a: &[Line<'_>], b: &[Line<'_>]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let (n, m) = (x.len(), y.len());
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if x[i] == y[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut ops = vec![Op::Same; head];
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && x[i] == y[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            // Removals before additions, as git shows them.
            ops.push(Op::Delete);
            i += 1;
        } else {
            ops.push(Op::Insert);
            j += 1;
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, tail));
    ops
}

/// Hunks of a unified diff from `old` to `new`, with the lines added and removed.
fn unified(old: &str, new: &str) -> (String, usize, usize) {
    let (a, b) = (lines(old), lines(new));
    let ops = script(&a, &b);
    // Positions in a and b before each op.
    let mut pos = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0usize, 0usize);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Delete => i += 1,
            Op::Insert => j += 1,
        }
    }
    pos.push((i, j));
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Same).collect();
    let (mut out, mut added, mut removed) = (String::new(), 0, 0);
    let mut k = 0;
    while k < changed.len() {
        // A hunk: changes closer than twice the context belong together.
        let start = changed[k].saturating_sub(CONTEXT);
        let mut last = changed[k];
        while k + 1 < changed.len() && changed[k + 1] <= last + 2 * CONTEXT {
            k += 1;
            last = changed[k];
        }
        let end = (last + 1 + CONTEXT).min(ops.len());
        let (a0, b0) = pos[start];
        let (a1, b1) = pos[end];
        let range = |from: usize, count: usize| {
            let first = if count == 0 { from } else { from + 1 };
            format!("{first},{count}")
        };
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a0, a1 - a0),
            range(b0, b1 - b0)
        ));
        for (op, &(ai, bj)) in ops[start..end].iter().zip(&pos[start..end]) {
            let (sign, (text, newline)) = match op {
                Op::Same => (' ', a[ai]),
                Op::Delete => {
                    removed += 1;
                    ('-', a[ai])
                }
                Op::Insert => {
                    added += 1;
                    ('+', b[bj])
                }
            };
            out.push(sign);
            out.push_str(text);
            out.push('\n');
            if !newline {
                out.push_str("\\ No newline at end of file\n");
            }
        }
        k += 1;
    }
    (out, added, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_a_hunk_with_its_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let (diff, added, removed) = unified(old, new);
        assert_eq!((added, removed), (1, 1));
        assert_eq!(diff, "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
    }

    #[test]
    fn distant_changes_are_separate_hunks_and_a_missing_newline_is_marked() {
        let old: String = (1..=20).map(|n| format!("{n}\n")).collect();
        let new = old
            .replacen("2\n", "two\n", 1)
            .replacen("19\n20\n", "19\n20", 1);
        let (diff, ..) = unified(&old, &new);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        assert!(
            diff.ends_with("+20\n\\ No newline at end of file\n"),
            "{diff}"
        );
    }

    #[test]
    fn a_new_file_is_all_additions() {
        let (diff, added, removed) = unified("", "x\ny\n");
        assert_eq!(
            (diff.as_str(), added, removed),
            ("@@ -0,0 +1,2 @@\n+x\n+y\n", 2, 0)
        );
    }
}
