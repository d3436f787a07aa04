//! The design report as Markdown: decisions per step with their reasons,
//! scores and findings, capacity and cost. Served by the API and (later)
//! exported as `docs/`.

use std::fmt::Write;

use crate::choices::Choice;
use crate::critique::critique;
use crate::estimate::estimate;
use crate::model::PlatformDesign;
use crate::{capacity::capacity, traffic::traffic_rates};

/// User text made safe inside a Markdown line or table cell.
fn inline(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
}

fn yes(flag: bool) -> &'static str {
    if flag {
        "yes"
    } else {
        "no"
    }
}

/// One decision of the design and why it is made that way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The wizard step it belongs to.
    pub step: &'static str,
    /// What was decided, from the design.
    pub decision: String,
    /// The reason, in one sentence.
    pub why: &'static str,
}

/// The design's main decisions, step by step.
pub fn decisions(design: &PlatformDesign) -> Vec<Decision> {
    let s = &design.spec;
    let rates = traffic_rates(&s.workload.traffic);
    let services = crate::traffic::service_count(&s.workload);
    let rows = [
        ("Workload", format!("{services} services in {} group(s); {:.0} req/s average, {:.0} at peak after growth", s.workload.services.len(), rates.average_rps, rates.peak_rps_after_growth), "Sizing starts from the load a year out, not today's."),
        ("Workload", format!("availability {}, p99 {} ms, compliance: {}", s.workload.availability.label(), s.workload.p99_latency_ms, if s.workload.compliance.is_empty() { "none".to_owned() } else { s.workload.compliance.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ") }), "Targets and regimes decide redundancy and controls."),
        ("Cluster", format!("{} in {} across {} zone(s), {}", s.cluster.provider.label(), inline(&s.cluster.region), s.cluster.zones, s.cluster.topology.label()), "A managed control plane and several zones carry the availability target."),
        ("Cluster", format!("node autoscaling: {}; HPA {}; VPA {}", s.cluster.node_autoscaler.label(), yes(s.cluster.workload_autoscaling.hpa), s.cluster.workload_autoscaling.vpa.label()), "Capacity follows demand instead of peak-sized fleets."),
        ("GitOps", format!("{} from {} ({}), {}", s.gitops.tool.label(), inline(&s.gitops.repo_url), inline(&s.gitops.branch), s.gitops.promotion.label()), "Git is the only way changes reach a cluster."),
        ("GitOps", format!("secrets: {}; delivery: {} ({})", s.gitops.secrets.label(), s.gitops.progressive_delivery.tool.label(), s.gitops.progressive_delivery.strategy.label()), "No plain secrets in Git; releases roll back on bad metrics."),
        ("Security", format!("Pod Security {}, default-deny {}, mesh {}, mTLS {}, policies {}", s.security.pod_security.label(), yes(s.security.default_deny_network), s.security.mesh.label(), s.security.mtls.label(), s.security.policy_engine.label()), "Controls are on by default; exceptions are explicit."),
        ("Observability", format!("{}, {}, {}; SLO alerts {}; on-call {}", s.observability.metrics.label(), s.observability.logs.label(), s.observability.tracing.label(), yes(s.observability.slo_alerting), s.observability.on_call.label()), "The platform is observable before the first workload."),
        ("Cost", format!("target utilisation {} %, budget ${} (alert at {} %), right-sizing {}", s.cost.target_utilisation_percent, s.cost.monthly_budget_usd, s.cost.budget_alert_percent, s.cost.right_sizing.label()), "The bill follows the load."),
    ];
    rows.into_iter()
        .map(|(step, decision, why)| Decision {
            step,
            decision,
            why,
        })
        .collect()
}

/// The report of `design` as of `today` (for exemption expiry).
pub fn markdown(design: &PlatformDesign, today: &crate::date::IsoDate) -> String {
    let s = &design.spec;
    let c = capacity(design);
    let review = critique(design, today);
    let cost = estimate(design);
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", inline(&design.metadata.name));
    if !design.metadata.description.trim().is_empty() {
        let _ = writeln!(md, "{}\n", inline(&design.metadata.description));
    }
    let _ = writeln!(
        md,
        "Overall critique score: **{}/100** (engine {}).\n",
        review.overall, review.engine_version
    );

    md.push_str("## Decisions\n\n| Step | Decision | Why |\n|---|---|---|\n");
    for d in decisions(design) {
        let _ = writeln!(md, "| {} | {} | {} |", d.step, inline(&d.decision), d.why);
    }

    md.push_str("\n## Scores\n\n| Principle | Score |\n|---|---|\n");
    for p in &review.principles {
        let _ = writeln!(md, "| {} | {} |", p.title, p.score);
    }
    md.push_str("\n## Findings\n\n");
    if review.findings.is_empty() {
        md.push_str("None open.\n");
    }
    for f in &review.findings {
        let _ = writeln!(
            md,
            "- **{}** ({}) {} — {} `{}` (+{} points)",
            f.rule,
            f.severity.label(),
            f.title,
            inline(&f.message),
            f.path,
            f.gain
        );
    }
    for f in &review.accepted {
        if let Some(e) = &f.exemption {
            let _ = writeln!(
                md,
                "- accepted **{}** {} — {} (owner {}{})",
                f.rule,
                f.title,
                inline(&e.reason),
                inline(&e.owner),
                e.expires
                    .as_ref()
                    .map(|d| format!(", until {d}"))
                    .unwrap_or_default()
            );
        }
    }

    let _ = write!(
        md,
        "\n## Capacity per cluster (at {} % utilisation)\n\n",
        s.cost.target_utilisation_percent
    );
    for cluster in &c {
        let _ = writeln!(md, "- {}", inline(&cluster.summary()));
    }

    let _ = write!(
        md,
        "\n## Cost (USD per month, prices as of {})\n\n| Line | USD | How |\n|---|---:|---|\n",
        cost.prices_as_of
    );
    for line in &cost.lines {
        let _ = writeln!(
            md,
            "| {}{} | {} | {}{} |",
            line.cluster
                .as_deref()
                .map(|c| format!("{}: ", inline(c)))
                .unwrap_or_else(|| "All clusters: ".into()),
            inline(&line.label),
            if line.priced {
                format!("{:.0}", line.monthly_usd)
            } else {
                "not priced".into()
            },
            inline(&line.derivation),
            if line.estimate { " (estimate)" } else { "" }
        );
    }
    let _ = writeln!(md, "| **Total** | **{:.0}** | |", cost.total_monthly_usd);
    for s in &cost.sensitivity {
        let _ = writeln!(
            md,
            "\n- +10 % {}: +${:.0}/month",
            inline(&s.input).to_lowercase(),
            s.monthly_usd
        );
    }
    for saving in &cost.savings {
        let _ = writeln!(
            md,
            "\n- {} {}: ${:.0}/month",
            if saving.taken {
                "Saved:"
            } else {
                "Could save:"
            },
            inline(&saving.label),
            saving.monthly_usd
        );
    }
    md.push_str("\nThe architecture diagram is `docs/architecture.svg`.\n");
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_has_every_section_and_escapes_user_text() {
        let mut design = PlatformDesign::named("Pipes | and <tags>");
        design.metadata.description = "line one\nline two".into();
        let md = markdown(&design, &"2026-11-26".parse().expect("date"));
        for heading in [
            "## Decisions",
            "## Scores",
            "## Findings",
            "## Capacity",
            "## Cost",
        ] {
            assert!(md.contains(heading), "{heading} missing");
        }
        assert!(md.starts_with("# Pipes \\| and &lt;tags>\n"), "{md}");
        assert!(md.contains("line one line two"));
    }
}
