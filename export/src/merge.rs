//! Three-way merge of text, line by line, as `git merge-file` does it: the
//! changes each side made to a common base are combined; where both sides
//! changed the same lines differently, the result holds both between
//! conflict markers.

use std::borrow::Cow;

use crate::changes::{lines, script, Line, Op};

/// What to call each side in conflict markers.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// The working tree's side (the team's edits).
    pub yours: &'a str,
    /// The common base (the last generated version).
    pub base: &'a str,
    /// The design's side (the new generated version).
    pub design: &'a str,
}

/// The merged text and the number of conflicting regions in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The result, with conflict markers where the sides disagree.
    pub text: String,
    /// Conflicting regions; 0 for a clean merge.
    pub conflicts: usize,
}

/// For each line of `base`, the line of `other` it is kept as, if any.
fn kept(base: &[Line<'_>], other: &[Line<'_>]) -> Vec<Option<usize>> {
    let mut out = vec![None; base.len()];
    let (mut i, mut j) = (0, 0);
    for op in script(base, other) {
        match op {
            Op::Same => {
                out[i] = Some(j);
                i += 1;
                j += 1;
            }
            Op::Delete => i += 1,
            Op::Insert => j += 1,
        }
    }
    out
}

fn borrowed<'a>(&(text, newline): &Line<'a>) -> (Cow<'a, str>, bool) {
    (Cow::Borrowed(text), newline)
}

/// Merges the changes `yours` and `design` each made to `base`.
pub fn merge3(base: &str, yours: &str, design: &str, labels: Labels<'_>) -> Merged {
    let (o, a, b) = (lines(base), lines(yours), lines(design));
    let (in_a, in_b) = (kept(&o, &a), kept(&o, &b));
    let mut out: Vec<(Cow<'_, str>, bool)> = Vec::new();
    let mut conflicts = 0;
    let (mut i, mut ja, mut jb) = (0, 0, 0);
    loop {
        // The next base line both sides kept closes the chunk that starts here.
        let stable = (i..o.len()).find(|&k| in_a[k].is_some() && in_b[k].is_some());
        let (k, ka, kb) = match stable {
            Some(k) => (k, in_a[k].unwrap_or(a.len()), in_b[k].unwrap_or(b.len())),
            None => (o.len(), a.len(), b.len()),
        };
        if (k, ka, kb) == (i, ja, jb) {
            if stable.is_none() {
                break;
            }
            out.push(borrowed(&o[i]));
            (i, ja, jb) = (i + 1, ja + 1, jb + 1);
            continue;
        }
        let (oc, ac, bc) = (&o[i..k], &a[ja..ka], &b[jb..kb]);
        if ac == oc {
            out.extend(bc.iter().map(borrowed));
        } else if bc == oc || ac == bc {
            out.extend(ac.iter().map(borrowed));
        } else {
            conflicts += 1;
            let marker = |text: String| (Cow::Owned(text), true);
            out.push(marker(format!("<<<<<<< {}", labels.yours)));
            out.extend(ac.iter().map(borrowed));
            out.push(marker(format!("||||||| {}", labels.base)));
            out.extend(oc.iter().map(borrowed));
            out.push(marker("=======".into()));
            out.extend(bc.iter().map(borrowed));
            out.push(marker(format!(">>>>>>> {}", labels.design)));
        }
        (i, ja, jb) = (k, ka, kb);
    }
    let mut text = String::new();
    let last = out.len().saturating_sub(1);
    for (n, (line, newline)) in out.iter().enumerate() {
        text.push_str(line);
        // A line without its newline can only end the file.
        if *newline || n != last {
            text.push('\n');
        }
    }
    Merged { text, conflicts }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: Labels<'static> = Labels {
        yours: "yours",
        base: "base",
        design: "design",
    };

    fn merge(base: &str, yours: &str, design: &str) -> Merged {
        merge3(base, yours, design, LABELS)
    }

    #[test]
    fn changes_to_different_lines_are_both_kept() {
        let base = "a\nb\nc\nd\ne\n";
        let m = merge(base, "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n");
        assert_eq!(
            m,
            Merged {
                text: "A\nb\nc\nd\nE\n".into(),
                conflicts: 0
            }
        );
    }

    #[test]
    fn one_side_unchanged_takes_the_other() {
        let base = "a\nb\n";
        assert_eq!(merge(base, base, "a\nx\ny\n").text, "a\nx\ny\n");
        assert_eq!(merge(base, "a\n", base).text, "a\n");
        assert_eq!(merge(base, "b\n", "b\n").text, "b\n");
    }

    #[test]
    fn insertions_at_both_ends_merge() {
        let m = merge("m\n", "top\nm\n", "m\nbottom\n");
        assert_eq!((m.text.as_str(), m.conflicts), ("top\nm\nbottom\n", 0));
    }

    #[test]
    fn the_same_line_changed_twice_is_a_conflict_with_all_three_versions() {
        let m = merge("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n");
        assert_eq!(m.conflicts, 1);
        assert_eq!(
            m.text,
            "a\n<<<<<<< yours\nB1\n||||||| base\nb\n=======\nB2\n>>>>>>> design\nc\n"
        );
    }

    #[test]
    fn a_last_line_without_newline_gets_one_before_a_marker() {
        let m = merge("x", "y", "z");
        assert_eq!(m.conflicts, 1);
        assert!(
            m.text.starts_with("<<<<<<< yours\ny\n|||||||"),
            "{}",
            m.text
        );
        assert!(m.text.ends_with("z\n>>>>>>> design\n"), "{}", m.text);
        assert_eq!(merge("x", "x", "z").text, "z");
    }

    #[test]
    fn an_empty_base_with_equal_sides_is_clean() {
        assert_eq!(merge("", "same\n", "same\n").conflicts, 0);
        assert_eq!(merge("", "one\n", "two\n").conflicts, 1);
    }
}
