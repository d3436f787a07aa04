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
                            let width = (line.monthly_usd * scale).max(1.0);
                            let label = if line.label.chars().count() > 44 {
                                format!("{}…", line.label.chars().take(43).collect::<String>())
                            } else {
                                line.label.clone()
                            };
                            view! {
                                <g class=format!("bar {}", if line.estimate { "estimated" } else { "priced" })>
                                    <text x="0" y=y + 16.0 class="bar-label">{label}</text>
                                    <rect x=LABEL_WIDTH y=y + 3.0 width=width height=ROW - 8.0 rx="3"></rect>
                                    <text x=LABEL_WIDTH + width + 6.0 y=y + 16.0 class="bar-value">{format!("${:.0}", line.monthly_usd)}</text>
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
        </figure>
    }
}
