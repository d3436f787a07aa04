//! Decision records: for each significant choice of a design, the inputs
//! that bear on it, the options considered with their strengths, costs and
//! risks, how well each fits *this* design, what the choice brings compared
//! with the strongest alternative (components, requests, money, critique
//! rules), and a status that says so when the choice is the weaker fit.
//!
//! The knowledge lives in [`knowledge`]; the consequences are derived from the
//! platform plan, the estimate and the critique, run on the design and on the
//! design with the alternative in its place, so a record never disagrees with
//! the views it summarises.

mod inputs;
pub mod knowledge;
mod markdown;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::choices::Choice;
use crate::critique::{critique, Critique};
use crate::date::IsoDate;
use crate::model::PlatformDesign;
use crate::plan::Plan;
use crate::steps::Step;

pub use inputs::{Cite, Input};
pub use knowledge::KINDS;
pub use markdown::{adr_index, adr_markdown, ADR_DIR};

/// Whether a condition makes an option the better or the worse fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// Speaks for the option.
    Better,
    /// Speaks against it.
    Worse,
}

/// A condition on the design's inputs under which an option fits better or worse.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// For or against.
    pub lean: Lean,
    /// How much it counts (1 a preference … 5 a rule the critique enforces).
    pub weight: i32,
    /// Whether it holds for the design (and node pool, for per-pool decisions).
    pub when: fn(&PlatformDesign, usize) -> bool,
    /// Why, in a phrase.
    pub because: &'static str,
    /// The inputs it rests on, cited with their values when it holds.
    pub cites: &'static [Input],
}

/// What is known about one option.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// What it is good at.
    pub strengths: &'static str,
    /// What it costs to have (money, work, components).
    pub costs: &'static str,
    /// What can go wrong with it.
    pub risks: &'static str,
    /// When it fits better or worse.
    pub fits: &'static [Fit],
}

/// One option of a choice, with its facts, independent of its type.
#[derive(Debug, Clone, Copy)]
pub struct OptionRow {
    /// Its value in the design file.
    pub wire: &'static str,
    /// Its label.
    pub label: &'static str,
    /// What is known about it.
    pub facts: &'static Facts,
}

/// The options of one choice: read, set and listed without knowing its type.
pub trait Options: Sync {
    /// The table's rows, in table order.
    fn rows(&self) -> Vec<OptionRow>;
    /// Every value the choice has, for the coverage test.
    fn every(&self) -> Vec<&'static str>;
    /// The value `design` has (for pool `index`).
    fn chosen(&self, design: &PlatformDesign, index: usize) -> &'static str;
    /// Puts `wire` into `design` (for pool `index`).
    fn set(&self, design: &mut PlatformDesign, index: usize, wire: &str);
}

/// The facts of every option of choice `T`, with how to read and write it.
pub struct Table<T: 'static> {
    /// One row per option.
    pub rows: &'static [(T, Facts)],
    /// Reads the choice.
    pub get: fn(&PlatformDesign, usize) -> T,
    /// Writes the choice.
    pub put: fn(&mut PlatformDesign, usize, T),
}

impl<T: Choice + Sync> Options for Table<T> {
    fn rows(&self) -> Vec<OptionRow> {
        self.rows
            .iter()
            .map(|(value, facts)| OptionRow {
                wire: value.wire(),
                label: value.label(),
                facts,
            })
            .collect()
    }

    fn every(&self) -> Vec<&'static str> {
        T::ALL.iter().map(|v| v.wire()).collect()
    }

    fn chosen(&self, design: &PlatformDesign, index: usize) -> &'static str {
        (self.get)(design, index).wire()
    }

    fn set(&self, design: &mut PlatformDesign, index: usize, wire: &str) {
        if let Some(value) = T::from_wire(wire) {
            (self.put)(design, index, value);
        }
    }
}

/// A kind of decision every design makes.
pub struct Kind {
    /// Stable part of the record's file name.
    pub slug: &'static str,
    /// Title of the record.
    pub title: &'static str,
    /// The question it answers.
    pub question: &'static str,
    /// The wizard step whose fields decide it.
    pub step: Step,
    /// The field path (`#` stands for the node pool's index).
    pub field: &'static str,
    /// Every input any of its conditions rests on; all are cited.
    pub inputs: &'static [Input],
    /// One record per node pool instead of one per design.
    pub per_pool: bool,
    /// Whether the design makes this decision at all.
    pub applies: fn(&PlatformDesign) -> bool,
    /// Its options.
    pub options: &'static dyn Options,
}

/// Where a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The choice fits the inputs at least as well as any alternative.
    Accepted,
    /// Accepted although it triggers critique rules, each with an exemption.
    Exempted,
    /// The inputs favour another option, or the choice triggers an open finding.
    Questioned,
}

impl Status {
    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Exempted => "accepted with exemption",
            Status::Questioned => "questioned",
        }
    }
}

/// One option as a record weighs it for the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Considered {
    /// Value in the design file.
    pub wire: String,
    /// Label.
    pub label: String,
    /// The design's choice.
    pub chosen: bool,
    /// Sum of the weights of the conditions that hold (for minus against).
    pub score: i32,
    /// What it is good at.
    pub strengths: String,
    /// What it costs.
    pub costs: String,
    /// What can go wrong.
    pub risks: String,
    /// Conditions that hold for it here, with the values cited.
    pub better: Vec<String>,
    /// Conditions that hold against it here, with the values cited.
    pub worse: Vec<String>,
    /// Why it cannot be combined with the rest of the design, if it cannot.
    pub blocked: Option<String>,
}

/// How a critique rule relates to the choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Linked {
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// True: the choice makes the rule fail (the alternative would pass it);
    /// false: the choice satisfies a rule the alternative would fail.
    pub triggered: bool,
    /// The finding's message here, for triggered rules.
    pub message: String,
    /// The accepted exemption ("reason (owner …)"), when there is one.
    pub exemption: Option<String>,
}

/// A decision record of one design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Record number (`docs/adr/NNNN-…`).
    pub number: usize,
    /// Slug (the file name without number).
    pub slug: String,
    /// Title.
    pub title: String,
    /// The step slug.
    pub step: String,
    /// The field that holds the choice.
    pub field: String,
    /// The question it answers.
    pub question: String,
    /// The input values that bear on it.
    pub context: Vec<Cite>,
    /// The options, the chosen one first, then the others from best to worst fit.
    pub options: Vec<Considered>,
    /// Status.
    pub status: Status,
    /// One or two sentences: how the choice compares with the strongest alternative.
    pub verdict: String,
    /// What the choice brings compared with the strongest alternative.
    pub consequences: Vec<String>,
    /// Critique rules the choice triggers or satisfies.
    pub rules: Vec<Linked>,
}

impl Record {
    /// The chosen option.
    pub fn chosen(&self) -> Option<&Considered> {
        self.options.iter().find(|o| o.chosen)
    }

    /// The strongest alternative for this design.
    pub fn alternative(&self) -> Option<&Considered> {
        self.options.iter().find(|o| !o.chosen)
    }

    /// The file the export writes it to.
    pub fn file(&self) -> String {
        format!("{ADR_DIR}/{:04}-{}.md", self.number, self.slug)
    }
}

/// What the design's own plan, estimate and critique say, computed once and
/// compared with each alternative's.
struct Outcome {
    failing: BTreeSet<&'static str>,
    components: Vec<&'static str>,
    platform_cpu_millicores: u64,
    platform_memory_mebibytes: u64,
    sidecar: bool,
    monthly_usd: f64,
    /// Priced lines of the bill by label (summed over clusters).
    lines: Vec<(String, f64)>,
}

impl Outcome {
    fn of(design: &PlatformDesign, failing: BTreeSet<&'static str>) -> Self {
        // The critique just derived the plan of this very design: shared.
        let derived = crate::capacity::derived(design);
        let plan = &derived.0;
        let platform = plan.footprint.replicated();
        let bill = crate::estimate::bill(design);
        let mut lines: Vec<(String, f64)> = Vec::new();
        for line in bill.lines.iter().filter(|l| l.priced) {
            match lines.iter_mut().find(|(label, _)| *label == line.label) {
                Some((_, usd)) => *usd += line.monthly_usd,
                None => lines.push((line.label.clone(), line.monthly_usd)),
            }
        }
        Self {
            failing,
            components: plan.components.iter().map(|c| c.key).collect(),
            platform_cpu_millicores: platform.cpu_millicores,
            platform_memory_mebibytes: platform.memory_mebibytes,
            sidecar: plan.footprint.sidecar.is_some(),
            monthly_usd: bill.total_monthly_usd,
            lines,
        }
    }
}

/// Every (kind, node pool index, record number) the design has a record for.
fn instances(design: &PlatformDesign) -> Vec<(&'static Kind, usize, usize)> {
    let mut out = Vec::new();
    for (position, kind) in KINDS.iter().enumerate() {
        if !(kind.applies)(design) {
            continue;
        }
        if kind.per_pool {
            for i in 0..design.spec.cluster.node_pools.len() {
                out.push((kind, i, position + 1 + i));
            }
        } else {
            out.push((kind, 0, position + 1));
        }
    }
    out
}

/// Every decision record of `design`, in order, as of `today` (exemptions).
///
/// The last answer is kept per thread while design and day are unchanged: a
/// review link opened by a whole board renders the same records each time,
/// and the export, report and review page of one state ask in a row.
pub fn records(design: &PlatformDesign, today: &IsoDate) -> Vec<Record> {
    type Last = std::cell::RefCell<Option<(PlatformDesign, IsoDate, Vec<Record>)>>;
    thread_local! {
        static LAST: Last = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        if let Some((seen, day, answer)) = &*last.borrow() {
            if seen == design && day == today {
                return answer.clone();
            }
        }
        let answer = build(design, today, |_| true);
        *last.borrow_mut() = Some((design.clone(), today.clone(), answer.clone()));
        answer
    })
}

/// Whether the wizard's `step` decides anything [`KINDS`] records. Kept
/// apart from the table (a test holds the two together) so the wizard can
/// ask without loading the knowledge behind the records.
pub fn has_records(step: Step) -> bool {
    matches!(
        step,
        Step::Cluster | Step::Gitops | Step::Security | Step::Observability | Step::Cost
    )
}

/// The records of one wizard step.
pub fn records_of(design: &PlatformDesign, step: Step, today: &IsoDate) -> Vec<Record> {
    build(design, today, |kind| kind.step == step)
}

fn build(design: &PlatformDesign, today: &IsoDate, wanted: impl Fn(&Kind) -> bool) -> Vec<Record> {
    let chosen: Vec<_> = instances(design)
        .into_iter()
        .filter(|(kind, _, _)| wanted(kind))
        .collect();
    if chosen.is_empty() {
        return Vec::new();
    }
    let review = critique(design, today);
    let failing = review
        .findings
        .iter()
        .chain(&review.accepted)
        .map(|f| f.rule)
        .collect();
    let base = Outcome::of(design, failing);
    chosen
        .into_iter()
        .map(|(kind, index, number)| record(design, kind, index, number, &review, &base))
        .collect()
}

fn cited(design: &PlatformDesign, fit: &Fit, index: usize) -> String {
    let values: Vec<String> = fit
        .cites
        .iter()
        .map(|input| {
            let c = input.cite(design, index);
            format!("{}: {}", c.label, c.value)
        })
        .collect();
    if values.is_empty() {
        fit.because.to_owned()
    } else {
        format!("{} ({})", fit.because, values.join("; "))
    }
}

fn weigh(design: &PlatformDesign, kind: &Kind, index: usize, row: &OptionRow) -> Considered {
    let own = kind.options.chosen(design, index) == row.wire;
    let blocked = if own {
        None
    } else {
        let mut trial = design.clone();
        kind.options.set(&mut trial, index, row.wire);
        let before = Plan::conflicts(design);
        Plan::conflicts(&trial)
            .into_iter()
            .find(|p| !before.contains(p))
            .map(|p| p.message)
    };
    // Conditions never read the decision's own field, so they are asked of
    // the design itself and cite its values.
    let (mut score, mut better, mut worse) = (0, Vec::new(), Vec::new());
    for fit in row.facts.fits {
        if (fit.when)(design, index) {
            match fit.lean {
                Lean::Better => {
                    score += fit.weight;
                    better.push(cited(design, fit, index));
                }
                Lean::Worse => {
                    score -= fit.weight;
                    worse.push(cited(design, fit, index));
                }
            }
        }
    }
    Considered {
        wire: row.wire.into(),
        label: row.label.into(),
        chosen: own,
        score,
        strengths: row.facts.strengths.into(),
        costs: row.facts.costs.into(),
        risks: row.facts.risks.into(),
        better,
        worse,
        blocked,
    }
}

/// Title and slug of a kind's record for node pool `index`.
fn naming(design: &PlatformDesign, kind: &Kind, index: usize) -> (String, String, String) {
    let field = kind.field.replace('#', &index.to_string());
    if kind.per_pool {
        let pool = design
            .spec
            .cluster
            .node_pools
            .get(index)
            .map(|p| p.name.to_string())
            .unwrap_or_default();
        (
            format!("{} of node pool {pool}", kind.title),
            format!("{}-{pool}", kind.slug),
            field,
        )
    } else {
        (kind.title.into(), kind.slug.into(), field)
    }
}

fn money(delta: f64) -> String {
    format!("${:.0}", delta.abs())
}

fn record(
    design: &PlatformDesign,
    kind: &Kind,
    index: usize,
    number: usize,
    review: &Critique,
    base: &Outcome,
) -> Record {
    let (title, slug, field) = naming(design, kind, index);
    let mut options: Vec<Considered> = kind
        .options
        .rows()
        .iter()
        .map(|row| weigh(design, kind, index, row))
        .collect();
    // Chosen first; then possible before blocked, better fit first; the table
    // order breaks ties (sort is stable).
    options.sort_by_key(|o| (!o.chosen, o.blocked.is_some(), -o.score));
    let context = kind
        .inputs
        .iter()
        .map(|input| input.cite(design, index))
        .collect();

    let mut consequences = Vec::new();
    let mut rules = Vec::new();
    let chosen = options.first().cloned();
    let alternative = options.iter().find(|o| !o.chosen).cloned();
    if let (Some(chosen), Some(alt)) = (&chosen, &alternative) {
        if let Some(reason) = &alt.blocked {
            consequences.push(format!(
                "No other option combines with the rest of this design; {} for one: {reason}",
                alt.label
            ));
        } else {
            let mut trial = design.clone();
            kind.options.set(&mut trial, index, &alt.wire);
            let failing = crate::critique::failing_rules(&trial).into_iter().collect();
            let other = Outcome::of(&trial, failing);
            consequences = compare(&alt.label, base, &other);
            rules = link(review, base, &other);
            if consequences.is_empty() && rules.is_empty() {
                consequences.push(format!(
                    "{} and {} cost the same, run the same components and pass the same rules here; they differ in how they are operated.",
                    chosen.label, alt.label
                ));
            }
        }
    }
    let open_trigger = rules.iter().any(|r| r.triggered && r.exemption.is_none());
    let exempted_trigger = rules.iter().any(|r| r.triggered && r.exemption.is_some());
    let weaker = match (&chosen, &alternative) {
        (Some(c), Some(a)) => a.blocked.is_none() && a.score > c.score,
        _ => false,
    };
    let status = if open_trigger || (weaker && !exempted_trigger) {
        Status::Questioned
    } else if exempted_trigger {
        Status::Exempted
    } else {
        Status::Accepted
    };
    let verdict = verdict(chosen.as_ref(), alternative.as_ref(), weaker, &rules);
    Record {
        number,
        slug,
        title,
        step: kind.step.slug().into(),
        field,
        question: kind.question.into(),
        context,
        options,
        status,
        verdict,
        consequences,
        rules,
    }
}

fn verdict(
    chosen: Option<&Considered>,
    alternative: Option<&Considered>,
    weaker: bool,
    rules: &[Linked],
) -> String {
    let (Some(c), Some(a)) = (chosen, alternative) else {
        return String::new();
    };
    let mut text = if let Some(reason) = &a.blocked {
        format!(
            "{} is the only option that combines with the rest of this design (not {}: {reason})",
            c.label, a.label
        )
    } else if weaker {
        let reasons = if a.better.is_empty() {
            String::new()
        } else {
            format!(": {}", a.better.join("; "))
        };
        format!(
            "{} is the weaker fit for these inputs; {} fits better{reasons}.",
            c.label, a.label
        )
    } else if a.score == c.score {
        let side = |o: &Considered| {
            if o.better.is_empty() {
                String::new()
            } else {
                format!(" For {}: {}.", o.label, o.better.join("; "))
            }
        };
        format!(
            "{} and {} fit these inputs equally well; the choice rests on the team's preference and the estate it already runs.{}{}",
            c.label,
            a.label,
            side(c),
            side(a)
        )
    } else {
        let reasons = if c.better.is_empty() {
            String::new()
        } else {
            format!(" because {}", c.better.join("; "))
        };
        format!(
            "{} fits these inputs better than {}, the strongest alternative,{reasons}.",
            c.label, a.label
        )
    };
    // The findings by id and title; their messages are in the consequences.
    for r in rules.iter().filter(|r| r.triggered) {
        match &r.exemption {
            Some(e) => text.push_str(&format!(
                " It fails {} ({}), accepted: {e}.",
                r.rule, r.title
            )),
            None => text.push_str(&format!(" It fails {} ({}).", r.rule, r.title)),
        }
    }
    text
}

fn compare(alt: &str, base: &Outcome, other: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    let adds: Vec<_> = base
        .components
        .iter()
        .filter(|c| !other.components.contains(c))
        .copied()
        .collect();
    let drops: Vec<_> = other
        .components
        .iter()
        .filter(|c| !base.components.contains(c))
        .copied()
        .collect();
    if !adds.is_empty() {
        out.push(format!(
            "Runs {} that {alt} would not: {}.",
            if adds.len() == 1 {
                "a component"
            } else {
                "components"
            },
            adds.join(", ")
        ));
    }
    if !drops.is_empty() {
        out.push(format!(
            "Spares what {alt} would run: {}.",
            drops.join(", ")
        ));
    }
    let cpu = i128::from(base.platform_cpu_millicores) - i128::from(other.platform_cpu_millicores);
    let memory =
        i128::from(base.platform_memory_mebibytes) - i128::from(other.platform_memory_mebibytes);
    if cpu != 0 || memory != 0 {
        out.push(format!(
            "Platform pods request {cpu:+} m CPU and {memory:+} MiB per cluster compared with {alt}."
        ));
    }
    if base.sidecar != other.sidecar {
        out.push(if base.sidecar {
            format!("Every meshed pod carries a proxy, which {alt} would not add.")
        } else {
            format!("No proxy beside application pods, unlike {alt}.")
        });
    }
    let only = |a: &Outcome, b: &Outcome| -> Vec<String> {
        a.lines
            .iter()
            .filter(|(label, usd)| *usd >= 1.0 && !b.lines.iter().any(|(l, _)| l == label))
            .map(|(label, usd)| format!("{label} (${usd:.0})"))
            .collect()
    };
    let (added, avoided) = (only(base, other), only(other, base));
    if !added.is_empty() {
        out.push(format!(
            "Adds to the monthly bill what {alt} would not: {}.",
            added.join("; ")
        ));
    }
    if !avoided.is_empty() {
        out.push(format!(
            "Leaves out of the bill what {alt} would add: {}.",
            avoided.join("; ")
        ));
    }
    let delta = base.monthly_usd - other.monthly_usd;
    if delta.abs() >= 1.0 {
        out.push(format!(
            "The estimate is {} a month {} than with {alt}.",
            money(delta),
            if delta > 0.0 { "higher" } else { "lower" }
        ));
    }
    out
}

fn link(review: &Critique, base: &Outcome, other: &Outcome) -> Vec<Linked> {
    let mut out = Vec::new();
    for id in base.failing.difference(&other.failing) {
        let finding = review
            .findings
            .iter()
            .chain(&review.accepted)
            .find(|f| f.rule == *id);
        let exemption = finding.and_then(|f| f.exemption.as_ref()).map(|e| {
            format!(
                "{} (owner {}{})",
                e.reason,
                e.owner,
                e.expires
                    .as_ref()
                    .map(|d| format!(", until {d}"))
                    .unwrap_or_default()
            )
        });
        out.push(Linked {
            rule: (*id).into(),
            title: crate::critique::rule(id)
                .map(|r| r.title)
                .unwrap_or_default()
                .into(),
            triggered: true,
            message: finding.map(|f| f.message.clone()).unwrap_or_default(),
            exemption,
        });
    }
    for id in other.failing.difference(&base.failing) {
        out.push(Linked {
            rule: (*id).into(),
            title: crate::critique::rule(id)
                .map(|r| r.title)
                .unwrap_or_default()
                .into(),
            triggered: false,
            message: String::new(),
            exemption: None,
        });
    }
    out
}

/// A record's outcome as comparisons and change logs spell it: "Istio
/// (accepted)", or "not decided" when the decision does not arise.
pub fn outcome(record: Option<&Record>) -> String {
    match record {
        Some(r) => format!(
            "{} ({})",
            r.chosen().map(|c| c.label.as_str()).unwrap_or_default(),
            r.status.label()
        ),
        None => "not decided".into(),
    }
}

/// A decision whose outcome differs between two states of a design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changed {
    /// The record's title.
    pub title: String,
    /// The record before (`None`: the decision did not arise then).
    pub before: Option<Record>,
    /// The record after (`None`: it no longer arises).
    pub after: Option<Record>,
}

/// The decisions whose outcome (choice or status) changed from `old` to `new`.
pub fn changed(old: &PlatformDesign, new: &PlatformDesign, today: &IsoDate) -> Vec<Changed> {
    let (before, after) = (records(old, today), records(new, today));
    let outcome = |r: &Record| (r.chosen().map(|c| c.wire.clone()), r.status);
    let mut out = Vec::new();
    for b in &before {
        let a = after.iter().find(|a| a.slug == b.slug);
        if a.map(outcome) != Some(outcome(b)) {
            out.push(Changed {
                title: b.title.clone(),
                before: Some(b.clone()),
                after: a.cloned(),
            });
        }
    }
    for a in after
        .iter()
        .filter(|a| !before.iter().any(|b| b.slug == a.slug))
    {
        out.push(Changed {
            title: a.title.clone(),
            before: None,
            after: Some(a.clone()),
        });
    }
    out
}

#[cfg(test)]
mod tests;
