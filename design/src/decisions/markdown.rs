//! Decision records as Markdown (MADR-style): one file per record and an
//! index, written by the export under `docs/adr/` and read by reviewers.

use std::fmt::Write;

use super::{Record, Status};
use crate::report::inline;

/// Where the export writes the records.
pub const ADR_DIR: &str = "docs/adr";

/// One record as a Markdown document.
pub fn adr_markdown(record: &Record, design_name: &str) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}. {}\n", record.number, inline(&record.title));
    let _ = writeln!(md, "- Status: {}", record.status.label());
    let _ = writeln!(
        md,
        "- Design: {} (step {}, field `{}`)\n",
        inline(design_name),
        record.step,
        record.field
    );
    let _ = writeln!(
        md,
        "## Context and problem statement\n\n{}\n",
        record.question
    );
    md.push_str("The inputs that bear on it:\n\n");
    for c in &record.context {
        let _ = writeln!(md, "- {}: {} (`{}`)", c.label, inline(&c.value), c.path);
    }
    md.push_str("\n## Considered options\n\n");
    for o in &record.options {
        let _ = writeln!(
            md,
            "- {}{}",
            o.label,
            if o.chosen { " (chosen)" } else { "" }
        );
    }
    let chosen = record
        .chosen()
        .map(|c| c.label.as_str())
        .unwrap_or_default();
    let _ = writeln!(
        md,
        "\n## Decision outcome\n\nChosen option: **{chosen}**. {}\n",
        inline(&record.verdict)
    );
    if record.status == Status::Questioned {
        md.push_str(if record.rules.iter().any(|r| r.triggered && r.exemption.is_none()) {
            "Questioned: revisit the choice, or accept the finding it fails with a reason, an owner and an expiry.\n\n"
        } else {
            "Questioned: the inputs favour another option. Revisit the choice, or say in the design's description what the inputs leave out.\n\n"
        });
    }
    md.push_str("### Consequences\n\n");
    for c in &record.consequences {
        let _ = writeln!(md, "- {}", inline(c));
    }
    for r in &record.rules {
        let _ = if r.triggered {
            match &r.exemption {
                Some(e) => writeln!(
                    md,
                    "- Fails {} ({}), accepted: {}",
                    r.rule,
                    r.title,
                    inline(e)
                ),
                None => writeln!(
                    md,
                    "- Fails {} ({}): {}",
                    r.rule,
                    r.title,
                    inline(&r.message)
                ),
            }
        } else {
            writeln!(
                md,
                "- Satisfies {} ({}), which the alternative would fail.",
                r.rule, r.title
            )
        };
    }
    md.push_str("\n## Pros and cons of the options\n");
    for o in &record.options {
        let _ = writeln!(
            md,
            "\n### {}{}\n",
            o.label,
            if o.chosen { " (chosen)" } else { "" }
        );
        let _ = writeln!(md, "- Good: {}", o.strengths);
        for b in &o.better {
            let _ = writeln!(md, "- Good here: {}", inline(b));
        }
        let _ = writeln!(md, "- Bad: {}", o.costs);
        let _ = writeln!(md, "- Risk: {}", o.risks);
        for w in &o.worse {
            let _ = writeln!(md, "- Bad here: {}", inline(w));
        }
        if let Some(b) = &o.blocked {
            let _ = writeln!(
                md,
                "- Not possible with the rest of this design: {}",
                inline(b)
            );
        }
    }
    md
}

/// The index of every record, with links.
pub fn adr_index(records: &[Record], design_name: &str) -> String {
    let mut md = format!(
        "# Decision records of {}\n\nOne record per significant decision: its context (the design's input values), the options considered, the outcome and its consequences. Records marked questioned choose the weaker fit for their inputs or fail a critique rule.\n\n| No. | Decision | Chosen | Strongest alternative | Status |\n|---:|---|---|---|---|\n",
        inline(design_name)
    );
    for r in records {
        let file = r.file();
        let name = file.rsplit('/').next().unwrap_or_default();
        let _ = writeln!(
            md,
            "| {} | [{}]({name}) | {} | {} | {} |",
            r.number,
            inline(&r.title),
            r.chosen().map(|c| c.label.as_str()).unwrap_or_default(),
            r.alternative()
                .map(|c| c.label.as_str())
                .unwrap_or_default(),
            r.status.label()
        );
    }
    md
}
