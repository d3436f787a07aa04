//! The design report as Markdown: decisions per step with their reasons,
//! scores and findings, capacity and cost. Served by the API and (later)
//! exported as `docs/`.

use std::fmt::Write;

use crate::capacity::capacity;
use crate::critique::critique;
use crate::estimate::estimate;
use crate::model::PlatformDesign;

/// User text made safe inside a Markdown line or table cell.
pub(crate) fn inline(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
}

/// The report of `design` as of `today` (for exemption expiry).
pub fn markdown(design: &PlatformDesign, today: &crate::date::IsoDate) -> String {
    markdown_with(design, today, &crate::decisions::records(design, today))
}

/// The report with the decision records already derived (the export writes
/// them as files too, and derives them once).
pub fn markdown_with(
    design: &PlatformDesign,
    today: &crate::date::IsoDate,
    records: &[crate::decisions::Record],
) -> String {
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

    md.push_str("## Decisions\n\nEach decision has a record in `docs/adr/` with its inputs, the options considered and their consequences.\n\n| Step | Decision | Chosen | Status | Why |\n|---|---|---|---|---|\n");
    for r in records {
        let name = r.file();
        let _ = writeln!(
            md,
            "| {} | [{}]({}) | {} | {} | {} |",
            crate::steps::Step::ALL
                .iter()
                .find(|s| s.slug() == r.step)
                .map_or("", |s| s.title()),
            inline(&r.title),
            name.trim_start_matches("docs/"),
            r.chosen().map(|c| inline(&c.label)).unwrap_or_default(),
            r.status.label(),
            inline(&r.verdict)
        );
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
            inline(&s.input).to_ascii_lowercase(),
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
