//! The cost breakdown as a horizontal bar chart, drawn as SVG by us.

use design::estimate::CostEstimate;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 300.0;
const ROW: f64 = 26.0;

/// Bars for every line of the estimate, the total, and the budget.
#[component]
pub fn CostChart(estimate: Memo<CostEstimate>) -> impl IntoView {
    view! {
        <figure class="cost-chart" data-test="cost-chart">
            {move || {
                let e = estimate.get();
                let largest = e.lines.iter().map(|l| l.monthly_usd).fold(1.0_f64, f64::max);
                let scale = (WIDTH - LABEL_WIDTH - 90.0) / largest;
                let height = ROW * e.lines.len() as f64 + 8.0;
                view! {
                    <svg
                        role="img"
                        aria-labelledby="cost-chart-title"
                        viewBox=format!("0 0 {WIDTH} {height}")
                        width="100%"
                    >
                        <title id="cost-chart-title">{format!("Monthly cost by line, total ${:.0}", e.total_monthly_usd)}</title>
                        {e.lines.iter().enumerate().map(|(i, line)| {
                            let y = i as f64 * ROW + 4.0;
                            // A tenth of a unit is finer than any screen draws.
                            let width = ((line.monthly_usd * scale).max(1.0) * 10.0).round() / 10.0;
                            let full = match &line.cluster {
                                Some(c) => format!("{c} · {}", line.label),
                                None => line.label.clone(),
                            };
                            let label = if full.chars().count() > 44 {
                                format!("{}…", full.chars().take(43).collect::<String>())
                            } else {
                                full
                            };
                            view! {
                                <g class=format!("bar {}", if line.estimate { "estimated" } else { "priced" })>
                                    <text x="0" y=y + 16.0 class="bar-label">{label}</text>
                                    <rect x=LABEL_WIDTH y=y + 3.0 width=width height=ROW - 8.0 rx="3"></rect>
                                    <text x=((LABEL_WIDTH + width + 6.0) * 10.0).round() / 10.0 y=y + 16.0 class="bar-value">{if line.priced { format!("${:.0}", line.monthly_usd) } else { "not priced".to_owned() }}</text>
                                </g>
                            }
                        }).collect_view()}
                    </svg>
                }
            }}
            <figcaption>
                <span data-test="cost-total">{move || format!("≈ ${:.0} a month", estimate.with(|e| e.total_monthly_usd))}</span>
                {move || estimate.with(|e| {
                    let over = e.total_monthly_usd > e.budget_monthly_usd;
                    let alert = e.total_monthly_usd >= e.budget_alert_usd;
                    let status = if over { "over budget" } else if alert { "above the alert threshold" } else { "within budget" };
                    format!(" · budget ${:.0} (alert at ${:.0}): {status} · lighter bars are estimates · prices as of {}", e.budget_monthly_usd, e.budget_alert_usd, e.prices_as_of)
                })}
            </figcaption>
            <p class="per-cluster" data-test="cost-per-cluster">
                {move || estimate.with(|e| e.per_cluster.iter().map(|c| format!("{}: ${:.0}", c.cluster, c.monthly_usd)).collect::<Vec<_>>().join(" · "))}
            </p>
            <p class="sensitivity" data-test="cost-sensitivity">
                {move || estimate.with(|e| {
                    let moves: Vec<String> = e.sensitivity.iter().map(|s| format!("+10 % {} → +${:.0}", s.input.to_ascii_lowercase(), s.monthly_usd)).collect();
                    if moves.is_empty() { String::new() } else { format!("What moves the total most: {}", moves.join(" · ")) }
                })}
            </p>
            <p class="per-environment" data-test="cost-per-environment">
                {move || estimate.with(|e| e.per_environment.iter().map(|c| format!("{}: ${:.0}", c.environment, c.monthly_usd)).collect::<Vec<_>>().join(" · "))}
            </p>
            <ul class="savings" data-test="savings">
                {move || estimate.get().savings.into_iter().map(|s| view! {
                    <li class=if s.taken { "taken" } else { "available" }>
                        {format!("{} {}: ${:.0}/month", if s.taken { "Saved:" } else { "Could save:" }, s.label, s.monthly_usd)}
                    </li>
                }).collect_view()}
            </ul>
            <details class="derivation">
                <summary>"How each line is derived"</summary>
                <table data-test="cost-lines">
                    <thead><tr><th scope="col">"Cluster"</th><th scope="col">"Line"</th><th scope="col">"How"</th><th scope="col">"USD a month"</th></tr></thead>
                    <tbody>
                        {move || estimate.get().lines.into_iter().map(|l| view! {
                            <tr class:estimated=l.estimate>
                                <td>{l.cluster.clone().unwrap_or_else(|| "all clusters".into())}</td>
                                <td>{l.label.clone()}</td>
                                <td>{format!("{}{}", l.derivation, if l.estimate { " (estimate)" } else { "" })}</td>
                                <td>{if l.priced { format!("{:.0}", l.monthly_usd) } else { "not priced".into() }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
