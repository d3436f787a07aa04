//! Running the rules: findings, scores, and what each fix would gain.

use serde::Serialize;

use super::{registry, Exemption, Principle, Rule, Severity, ENGINE_VERSION};

use crate::model::PlatformDesign;

/// A rule firing on a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: &'static str,
    /// What it protects.
    pub principle: Principle,
    /// How much it matters.
    pub severity: Severity,
    /// The rule's one-line title.
    pub title: &'static str,
    /// What is wrong here.
    pub message: String,
    /// The field it concerns.
    pub path: String,
    /// The one-click fix's label, when the rule has one.
    pub fix: Option<&'static str>,
    /// Overall points gained by resolving it (applying the fix where there is one).
    pub gain: u32,
    /// The exemption that accepts it, for accepted findings.
    #[serde(skip_serializing_if = "crate::compact::omitted")]
    pub exemption: Option<Exemption>,
}

/// A principle's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleScore {
    /// The principle.
    pub principle: Principle,
    /// Its name.
    pub title: &'static str,
    /// 0–100.
    pub score: u32,
    /// Open findings.
    pub open: usize,
}

/// The whole critique of a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Critique {
    /// Version of the rule set.
    pub engine_version: &'static str,
    /// 0–100 over every rule.
    pub overall: u32,
    /// One score per scored principle.
    pub principles: Vec<PrincipleScore>,
    /// Open findings, most severe first.
    pub findings: Vec<Finding>,
    /// Findings accepted by an unexpired exemption.
    pub accepted: Vec<Finding>,
    /// Rules evaluated.
    pub rules_checked: usize,
}

/// Pass/fail of every rule, the basis of every score.
struct Outcome<'a> {
    results: Vec<(&'static Rule, Vec<super::Hit>, Option<&'a Exemption>)>,
}

impl Outcome<'_> {
    /// Weighted pass share of the rules `in_scope` selects, as 0–100.
    fn score(&self, in_scope: impl Fn(&Rule) -> bool, also_passing: Option<&str>) -> u32 {
        let (mut total, mut failed) = (0u32, 0u32);
        for (rule, hits, exemption) in &self.results {
            if !in_scope(rule) {
                continue;
            }
            total += rule.severity.weight();
            if !hits.is_empty() && exemption.is_none() && Some(rule.id) != also_passing {
                failed += rule.severity.weight();
            }
        }
        // Rounded to the nearest point; no rules in scope means nothing failed.
        (100 * (total - failed) + total / 2)
            .checked_div(total)
            .unwrap_or(100)
    }
}

fn evaluate<'a>(design: &'a PlatformDesign, today: &crate::date::IsoDate) -> Outcome<'a> {
    let results = registry()
        .iter()
        .map(|rule| {
            let hits = (rule.check)(design);
            let exemption = design
                .spec
                .exemptions
                .iter()
                .find(|e| e.rule == rule.id && e.active_on(today));
            (rule, hits, exemption)
        })
        .collect();
    Outcome { results }
}

/// Critiques `design` as of `today` (`YYYY-MM-DD`, for exemption expiry).
pub fn critique(design: &PlatformDesign, today: &crate::date::IsoDate) -> Critique {
    let outcome = evaluate(design, today);
    let overall = outcome.score(|_| true, None);
    let principles = Principle::SCORED
        .iter()
        .map(|&principle| PrincipleScore {
            principle,
            title: principle.title(),
            score: outcome.score(|r| r.principle == principle, None),
            open: outcome
                .results
                .iter()
                .filter(|(r, hits, e)| r.principle == principle && !hits.is_empty() && e.is_none())
                .map(|(_, hits, _)| hits.len())
                .sum(),
        })
        .collect();
    let mut findings = Vec::new();
    let mut accepted = Vec::new();
    for (rule, hits, exemption) in &outcome.results {
        if hits.is_empty() {
            continue;
        }
        let gain = match (rule.fix, exemption) {
            (Some(fix), None) => {
                let mut fixed = design.clone();
                (fix.apply)(&mut fixed);
                evaluate(&fixed, today)
                    .score(|_| true, None)
                    .saturating_sub(overall)
            }
            (None, None) => outcome
                .score(|_| true, Some(rule.id))
                .saturating_sub(overall),
            (_, Some(_)) => 0,
        };
        for hit in hits {
            let finding = Finding {
                rule: rule.id,
                principle: rule.principle,
                severity: rule.severity,
                title: rule.title,
                message: hit.message.clone(),
                path: hit.path.clone(),
                fix: rule.fix.map(|f| f.label),
                gain,
                exemption: exemption.cloned(),
            };
            if exemption.is_some() {
                accepted.push(finding);
            } else {
                findings.push(finding);
            }
        }
    }
    findings.sort_by_key(|f| (f.severity, f.rule));
    Critique {
        engine_version: ENGINE_VERSION,
        overall,
        principles,
        findings,
        accepted,
        rules_checked: registry().len(),
    }
}

/// The ids of the rules `design` fails, exempted or not: what a comparison
/// of two designs needs, without scores, messages or fix gains.
pub fn failing_rules(design: &PlatformDesign) -> Vec<&'static str> {
    registry()
        .iter()
        .filter(|rule| !(rule.check)(design).is_empty())
        .map(|rule| rule.id)
        .collect()
}

/// Applies the fix of rule `id`, if it has one. Returns whether anything was applied.
pub fn apply_fix(design: &mut PlatformDesign, id: &str) -> bool {
    match super::rule(id).and_then(|rule| rule.fix) {
        Some(fix) => {
            (fix.apply)(design);
            true
        }
        None => false,
    }
}
