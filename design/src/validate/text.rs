//! One rule for free text, shared by the form, the API and import: what it
//! accepts exports into YAML, HCL and Markdown and reads back unchanged.
//!
//! Refused: control characters (C0, DEL and C1, NEL included) except line
//! feeds and tabs where a field holds several lines; the Unicode line and
//! paragraph separators; the byte-order mark and the non-characters U+FFFE
//! and U+FFFF (YAML readers drop or refuse all of these); and text longer
//! than the field's limit.

use crate::model::PlatformDesign;

use super::FieldError;

/// Longest design title.
pub const MAX_TITLE_CHARS: usize = 100;
/// Longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Longest region name.
pub const MAX_REGION_CHARS: usize = 40;
/// Longest instance type or machine description.
pub const MAX_INSTANCE_TYPE_CHARS: usize = 63;
/// Longest repository address.
pub const MAX_URL_CHARS: usize = 2_048;
/// Longest branch name.
pub const MAX_BRANCH_CHARS: usize = 100;
/// Longest registry or egress destination (a DNS name with a path).
pub const MAX_HOST_CHARS: usize = 253;
/// Longest public domain: a service name (up to 63) and a dot go in front,
/// and a host name has at most 253 characters.
pub const MAX_DOMAIN_CHARS: usize = 189;
/// Longest reason for an accepted finding.
pub const MAX_REASON_CHARS: usize = 1_000;
/// Longest owner of an accepted finding.
pub const MAX_OWNER_CHARS: usize = 100;

/// How many lines a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A single line: no line breaks or tabs.
    One,
    /// Paragraphs: line feeds and tabs allowed.
    Many,
}

/// What is wrong with `text` for a field of at most `max` characters, if anything.
pub fn text_problem(text: &str, max: usize, lines: Lines) -> Option<String> {
    let count = text.chars().count();
    if count > max {
        return Some(format!(
            "Keep it to {max} characters or fewer (this has {count})."
        ));
    }
    let bad = text.chars().find(|&c| {
        let allowed_break = lines == Lines::Many && (c == '\n' || c == '\t');
        (c.is_control() && !allowed_break)
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    })?;
    Some(match bad {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            "Keep it on one line (no line breaks).".to_owned()
        }
        '\t' => "Use spaces instead of tabs.".to_owned(),
        other => format!(
            "Remove the invisible character U+{:04X}; it cannot be written to the exported files.",
            u32::from(other)
        ),
    })
}

fn field(errors: &mut Vec<FieldError>, path: String, text: &str, max: usize, lines: Lines) {
    if let Some(problem) = text_problem(text, max, lines) {
        errors.push(FieldError::new(path, problem));
    }
}

/// Every free-text field of `design` against the rule.
pub(super) fn check(design: &PlatformDesign, errors: &mut Vec<FieldError>) {
    let s = &design.spec;
    // The title's length has its own message in `validate`.
    field(
        errors,
        "metadata.name".into(),
        &design.metadata.name,
        usize::MAX,
        Lines::One,
    );
    field(
        errors,
        "metadata.description".into(),
        &design.metadata.description,
        MAX_DESCRIPTION_CHARS,
        Lines::Many,
    );
    field(
        errors,
        "spec.cluster.region".into(),
        &s.cluster.region,
        MAX_REGION_CHARS,
        Lines::One,
    );
    for (i, pool) in s.cluster.node_pools.iter().enumerate() {
        field(
            errors,
            format!("spec.cluster.nodePools[{i}].instanceType"),
            &pool.instance_type,
            MAX_INSTANCE_TYPE_CHARS,
            Lines::One,
        );
    }
    field(
        errors,
        "spec.gitops.repoUrl".into(),
        &s.gitops.repo_url,
        MAX_URL_CHARS,
        Lines::One,
    );
    field(
        errors,
        "spec.gitops.branch".into(),
        &s.gitops.branch,
        MAX_BRANCH_CHARS,
        Lines::One,
    );
    for (name, list) in [
        (
            "spec.security.policies.allowedRegistries",
            &s.security.policies.allowed_registries,
        ),
        (
            "spec.security.egressAllowList",
            &s.security.egress_allow_list,
        ),
    ] {
        for (i, entry) in list.iter().enumerate() {
            let path = format!("{name}[{i}]");
            if entry.trim().is_empty() || entry.contains(char::is_whitespace) {
                errors.push(FieldError::new(
                    path,
                    "Write a host name (and path), e.g. registry.example.com/team, without spaces.",
                ));
            } else {
                field(errors, path, entry, MAX_HOST_CHARS, Lines::One);
            }
        }
    }
    for (i, t) in s.workload.tenants.iter().enumerate() {
        for (name, text) in [
            ("owner", &t.owner),
            ("developersGroup", &t.developers_group),
            ("onCallGroup", &t.on_call_group),
        ] {
            field(
                errors,
                format!("spec.workload.tenants[{i}].{name}"),
                text,
                MAX_OWNER_CHARS,
                Lines::One,
            );
        }
    }
    for (i, e) in s.exemptions.iter().enumerate() {
        field(
            errors,
            format!("spec.exemptions[{i}].reason"),
            &e.reason,
            MAX_REASON_CHARS,
            Lines::Many,
        );
        field(
            errors,
            format!("spec.exemptions[{i}].owner"),
            &e.owner,
            MAX_OWNER_CHARS,
            Lines::One,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_separators_are_refused_with_what_to_do() {
        for bad in [
            "a\u{0}b",
            "a\u{7f}",
            "a\u{85}b",
            "a\u{9b}",
            "a\u{2028}b",
            "\u{feff}a",
        ] {
            assert!(text_problem(bad, 100, Lines::Many).is_some(), "{bad:?}");
        }
        assert_eq!(
            text_problem("a\nb", 100, Lines::One).as_deref(),
            Some("Keep it on one line (no line breaks).")
        );
        assert!(text_problem("a\u{0}b", 100, Lines::One).is_some_and(|m| m.contains("U+0000")));
    }

    #[test]
    fn paragraphs_emoji_and_other_scripts_are_fine() {
        assert_eq!(
            text_problem("Zahlungen\n\tüber 5 € ✓ 支付", 100, Lines::Many),
            None
        );
    }

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(text_problem(&"é".repeat(40), 40, Lines::One), None);
        assert!(text_problem(&"é".repeat(41), 40, Lines::One).is_some());
    }
}
