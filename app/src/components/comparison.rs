//! Two states of a design side by side: the fields that changed, the scores
//! they moved, and the repository files the change adds, removes and
//! changes with their diffs. The owner's Review step and review pages show
//! the same view.

use leptos::prelude::*;

use crate::components::decisions::ChangedDecisions;
use crate::reviews::Comparison;

/// One comparison, under `title` (e.g. "“Board review” → now").
#[component]
pub fn ComparisonView(title: String, comparison: Comparison) -> impl IntoView {
    view! {
        <div class="comparison" data-test="comparison">
            <h4>{title}</h4>
            <table>
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                <tbody>
                    {comparison.changes.into_iter().map(|c| view! { <tr><td><code>{c.path}</code></td><td>{c.old}</td><td>{c.new}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <ChangedDecisions changes=comparison.decisions/>
            <p class="muted">{comparison.scores.into_iter().filter(|(_, a, b)| a != b).map(|(p, a, b)| format!("{p}: {a} → {b}")).collect::<Vec<_>>().join(" · ")}</p>
            <h5>{format!("Repository changes: {} file(s)", comparison.files.len())}</h5>
            <ul class="repo-changes" data-test="repo-changes">
                {comparison.files.into_iter().map(|f| view! {
                    <li>
                        <details>
                            <summary><code>{f.path.clone()}</code>{format!(" {} (+{} −{})", f.fate, f.added, f.removed)}</summary>
                            <pre class="diff">{f.diff}</pre>
                        </details>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}
