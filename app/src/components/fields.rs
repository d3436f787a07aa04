//! Labelled, accessible inputs that show their field's errors beside them.

use std::fmt::Display;
use std::str::FromStr;

use design::choices::Choice;
use design::FieldError;
use leptos::prelude::*;

/// The HTML id of the input for a design field path (`spec.cluster.zones` → `f-spec-cluster-zones`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id.trim_end_matches('-').to_owned()
}

/// The validation errors of the whole design, provided by the wizard.
#[derive(Clone, Copy)]
pub struct DesignErrors(pub Memo<Vec<FieldError>>);

fn messages_for(path: &'static str) -> Signal<Vec<String>> {
    let errors = use_context::<DesignErrors>();
    Signal::derive(move || {
        errors
            .map(|DesignErrors(all)| {
                all.get()
                    .into_iter()
                    .filter(|e| e.path == path)
                    .map(|e| e.message)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Help text and errors under an input.
#[component]
fn Feedback(
    id: String,
    help: &'static str,
    local: Signal<Option<String>>,
    path: &'static str,
) -> impl IntoView {
    let from_design = messages_for(path);
    view! {
        <p class="help" id=format!("{id}-help")>{help}</p>
        <p class="field-error" id=format!("{id}-error") role="alert" data-test=format!("error-{path}")>
            {move || {
                let mut all: Vec<String> = local.get().into_iter().collect();
                all.extend(from_design.get());
                all.join(" ")
            }}
        </p>
    }
}

fn invalid(local: Signal<Option<String>>, path: &'static str) -> Signal<bool> {
    let from_design = messages_for(path);
    Signal::derive(move || local.get().is_some() || !from_design.get().is_empty())
}

/// A select over a closed set of choices.
#[component]
pub fn ChoiceField<C>(
    label: &'static str,
    help: &'static str,
    path: &'static str,
    #[prop(into)] value: Signal<C>,
    on_change: Callback<C>,
) -> impl IntoView
where
    C: Choice + Send + Sync,
{
    let id = field_id(path);
    let none = Signal::stored(None::<String>);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                data-test=path
                aria-describedby=format!("{id}-help {id}-error")
                aria-invalid=move || invalid(none, path).get().to_string()
                on:change=move |ev| {
                    if let Some(choice) = C::from_wire(&event_target_value(&ev)) {
                        on_change.run(choice);
                    }
                }
            >
                {C::ALL
                    .iter()
                    .map(|choice| {
                        let choice = *choice;
                        view! {
                            <option value=choice.wire() selected=move || value.get() == choice>
                                {choice.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <Feedback id=id help local=none path/>
        </div>
    }
}

/// A number with its unit. Text that is not a number stays in the box with an
/// error beside it; the design keeps its last valid value.
#[component]
pub fn NumberField<T>(
    label: &'static str,
    help: &'static str,
    path: &'static str,
    unit: &'static str,
    #[prop(into)] value: Signal<T>,
    on_change: Callback<T>,
    #[prop(default = "1")] step: &'static str,
) -> impl IntoView
where
    T: FromStr + Display + Clone + Send + Sync + 'static,
{
    let id = field_id(path);
    let local = RwSignal::new(None::<String>);
    let local_signal: Signal<Option<String>> = local.into();
    view! {
        <div class="field">
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <input
                id=id.clone()
                data-test=path
                type="number"
                inputmode="decimal"
                step=step
                aria-describedby=format!("{id}-help {id}-error")
                aria-invalid=move || invalid(local_signal, path).get().to_string()
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    match text.trim().parse::<T>() {
                        Ok(number) => {
                            local.set(None);
                            on_change.run(number);
                        }
                        Err(_) => local.set(Some(format!("Enter a number{}.", if step == "1" { " without decimals" } else { "" }))),
                    }
                }
            />
            <Feedback id=id help local=local_signal path/>
        </div>
    }
}

/// A line of text.
#[component]
pub fn TextField(
    label: &'static str,
    help: &'static str,
    path: &'static str,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(default = 200)] max_length: usize,
) -> impl IntoView {
    let id = field_id(path);
    let none = Signal::stored(None::<String>);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                data-test=path
                type="text"
                maxlength=max_length.to_string()
                aria-describedby=format!("{id}-help {id}-error")
                aria-invalid=move || invalid(none, path).get().to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
            <Feedback id=id help local=none path/>
        </div>
    }
}

/// An on/off switch.
#[component]
pub fn ToggleField(
    label: &'static str,
    help: &'static str,
    path: &'static str,
    #[prop(into)] value: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let id = field_id(path);
    let none = Signal::stored(None::<String>);
    view! {
        <div class="field toggle">
            <input
                id=id.clone()
                data-test=path
                type="checkbox"
                aria-describedby=format!("{id}-help {id}-error")
                prop:checked=move || value.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id.clone()>{label}</label>
            <Feedback id=id help local=none path/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_safe_html_ids() {
        assert_eq!(
            field_id("spec.workload.services[0].name"),
            "f-spec-workload-services-0--name"
        );
        assert_eq!(field_id("metadata.name"), "f-metadata-name");
    }
}
