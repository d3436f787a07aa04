//! What a design's figures say, as the report and review pages show them:
//! decisions, scores and findings, capacity, cost and the diagram. All of it
//! is derived by the domain crate; this renders one state of a design.

use design::{IsoDate, PlatformDesign};
use leptos::prelude::*;

use crate::components::cost_chart::CostChart;
use crate::components::decisions::RecordsByStep;

/// The derived sections of `design` on `today`. `page` prefixes the test
/// ids (`report-overall`, `review-capacity`); with `records_on_request` the
/// decision records render as lines whose details the page fetches (a page
/// rendered once on the server), otherwise as interactive records.
#[component]
pub fn DesignSections(
    design: PlatformDesign,
    today: IsoDate,
    page: &'static str,
    #[prop(optional)] records_on_request: bool,
) -> impl IntoView {
    let review = design::critique::critique(&design, &today);
    let records = design::decisions::records(&design, &today);
    let capacity = design::capacity::capacity(&design);
    let cost = Memo::new({
        let design = design.clone();
        move |_| design::estimate::estimate(&design)
    });
    let svg = design::diagram::svg(&design);
    view! {
        <h2>"Decisions"</h2>
        <RecordsByStep records on_request=records_on_request/>
        <h2>"Scores"</h2>
        <p data-test=format!("{page}-overall")>{format!("Overall {}/100", review.overall)}</p>
        <table>
            <tbody>
                {review.principles.iter().map(|p| view! { <tr><th scope="row">{p.title}</th><td>{p.score}</td></tr> }).collect_view()}
            </tbody>
        </table>
        <h2>"Findings"</h2>
        <ul>
            {review.findings.iter().map(|f| view! { <li><strong>{f.rule}</strong>{format!(" ({}) {} — {}", f.severity.label(), f.title, f.message)}</li> }).collect_view()}
        </ul>
        <h2>"Capacity"</h2>
        <ul data-test=format!("{page}-capacity")>
            {capacity.into_iter().map(|c| view! { <li>{c.summary()}</li> }).collect_view()}
        </ul>
        <h2>"Cost"</h2>
        <CostChart estimate=cost/>
        <h2>"Architecture"</h2>
        <div class="diagram" data-test="diagram" inner_html=svg></div>
    }
}
