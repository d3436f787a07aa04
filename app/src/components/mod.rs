//! Reusable form pieces. They know nothing about the domain beyond the
//! `Choice` trait; the wizard wires them to design fields.

pub mod comparison;
pub mod cost_chart;
pub mod decisions;
pub mod fields;
pub mod repository;
pub mod review_desk;
pub mod scores;
pub mod sections;

/// Renders a view to HTML in an owner of its own, for pages that place
/// server-rendered HTML as it is (`inner_html`) instead of hydrating it.
#[cfg(feature = "ssr")]
pub fn render_to_string<V: leptos::prelude::IntoView>(view: impl FnOnce() -> V) -> String {
    use leptos::prelude::Owner;
    use leptos::tachys::view::RenderHtml;
    Owner::new().with(|| view().into_view().to_html())
}
