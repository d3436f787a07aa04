//! Labelled, accessible inputs that show their field's errors beside them.
//!
//! Every input is tied to a design field path (`spec.cluster.zones`): the path
//! names the input for tests (`data-test`), gives it its HTML id, and selects
//! the validation errors shown under it.

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

/// What every field needs: where its errors come from and how it is named.
struct Wiring {
    id: String,
    path: String,
    local: RwSignal<Option<String>>,
    design_messages: Memo<Vec<String>>,
}

impl Wiring {
    fn new(path: String) -> Self {
        let errors = use_context::<DesignErrors>();
        let for_path = path.clone();
        // A memo: a change to other fields' errors does not reach this one.
        let design_messages = Memo::new(move |_| {
            errors
                .map(|DesignErrors(all)| {
                    all.with(|all| {
                        // A list field shows its entries' errors too (`path[2]`).
                        all.iter()
                            .filter(|e| {
                                e.path == for_path
                                    || e.path
                                        .strip_prefix(for_path.as_str())
                                        .is_some_and(|rest| rest.starts_with('['))
                            })
                            .map(|e| e.message.clone())
                            .collect()
                    })
                })
                .unwrap_or_default()
        });
        Self {
            id: field_id(&path),
            path,
            local: RwSignal::new(None),
            design_messages,
        }
    }

    fn invalid(&self) -> Signal<bool> {
        let (local, messages) = (self.local, self.design_messages);
        Signal::derive(move || local.with(Option::is_some) || !messages.with(Vec::is_empty))
    }

    fn described_by(&self) -> String {
        format!("{0}-help {0}-error", self.id)
    }

    fn feedback(&self, help: impl Into<String>) -> impl IntoView {
        let help: String = help.into();
        let (local, messages) = (self.local, self.design_messages);
        view! {
            <p class="help" id=format!("{}-help", self.id)>{help}</p>
            <p class="field-error" id=format!("{}-error", self.id) data-test=format!("error-{}", self.path)>
                {move || {
                    let mut all: Vec<String> = local.get().into_iter().collect();
                    all.extend(messages.get());
                    all.join(" ")
                }}
            </p>
        }
    }
}

/// A select over a closed set of choices.
#[component]
pub fn ChoiceField<C>(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<C>,
    on_change: Callback<C>,
) -> impl IntoView
where
    C: Choice + Send + Sync,
{
    let wiring = Wiring::new(path);
    let invalid = wiring.invalid();
    view! {
        <div class="field">
            <label for=wiring.id.clone()>{label}</label>
            <select
                id=wiring.id.clone()
                data-test=wiring.path.clone()
                aria-describedby=wiring.described_by()
                aria-invalid=move || invalid.get().to_string()
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
            {wiring.feedback(help)}
        </div>
    }
}

/// A decimal typed into a field. In the browser it is read and printed by
/// JavaScript's own number conversions, so the front end carries no float
/// parser or printer of its own; elsewhere by Rust's. Both print the shortest
/// digits that read back as the same number (JavaScript switches to an
/// exponent below 1e-6 and from 1e21 on). Text beyond digits, sign, point and
/// exponent is refused before either reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decimal(pub f64);

/// Why a text is not a [`Decimal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADecimal;

impl Display for NotADecimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("digits, a point and an optional exponent")
    }
}

impl FromStr for Decimal {
    type Err = NotADecimal;

    fn from_str(text: &str) -> Result<Self, NotADecimal> {
        let spelt = text.bytes().any(|b| b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
        if !spelt {
            return Err(NotADecimal);
        }
        #[cfg(feature = "hydrate")]
        let read = {
            let n = wasm_bindgen::JsValue::from_str(text).unchecked_into_f64();
            (!n.is_nan()).then_some(n)
        };
        #[cfg(not(feature = "hydrate"))]
        let read = text.parse::<f64>().ok();
        read.map(Decimal).ok_or(NotADecimal)
    }
}

impl Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        #[cfg(feature = "hydrate")]
        {
            let text: String = js_sys::Number::from(self.0)
                .to_string_with_radix(10)
                .map(String::from)
                .unwrap_or_default();
            f.write_str(&text)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            write!(f, "{}", self.0)
        }
    }
}

/// `value` rounded to a whole number as `{:.0}` rounds it (half to even),
/// printed with integer digits. Beyond `u64` (no rate gets there) it is
/// printed as a [`Decimal`]: the shortest digits that read back as the same
/// number, in the browser in JavaScript's spelling.
pub fn whole(value: f64) -> String {
    let rounded = value.round_ties_even();
    if rounded.abs() < 18_446_744_073_709_551_616.0 {
        let digits = (rounded.abs() as u64).to_string();
        if rounded.is_sign_negative() {
            format!("-{digits}")
        } else {
            digits
        }
    } else {
        Decimal(rounded).to_string()
    }
}

/// A value typed as text and parsed: numbers, names. Text that does not parse
/// stays in the box with the reason beside it; the design keeps its last
/// valid value, so nothing typed is lost and nothing invalid is stored.
#[component]
pub fn ParsedField<T>(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<T>,
    on_change: Callback<T>,
    /// Shown after the label, e.g. `req/day`.
    #[prop(default = "")]
    unit: &'static str,
    /// `number` or `text`.
    #[prop(default = "number")]
    kind: &'static str,
    /// `1` for whole numbers, `any` for decimals.
    #[prop(default = "1")]
    step: &'static str,
) -> impl IntoView
where
    T: FromStr + Display + Clone + Send + Sync + 'static,
    T::Err: Display,
{
    let wiring = Wiring::new(path);
    let invalid = wiring.invalid();
    let local = wiring.local;
    view! {
        <div class="field">
            <label for=wiring.id.clone()>{label}<span class="unit">{unit}</span></label>
            <input
                id=wiring.id.clone()
                data-test=wiring.path.clone()
                type=kind
                step=(kind == "number").then_some(step)
                inputmode=(kind == "number").then_some(if step == "1" { "numeric" } else { "decimal" })
                aria-describedby=wiring.described_by()
                aria-invalid=move || invalid.get().to_string()
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    match text.trim().parse::<T>() {
                        Ok(parsed) => {
                            local.set(None);
                            on_change.run(parsed);
                        }
                        Err(error) if kind == "number" => local.set(Some(if step == "1" {
                            "Enter a whole number.".to_owned()
                        } else {
                            format!("Enter a number ({error}).")
                        })),
                        Err(error) => local.set(Some(format!("This name {error}."))),
                    }
                }
            />
            {wiring.feedback(help)}
        </div>
    }
}

/// A line of free text.
#[component]
pub fn TextField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(default = 200)] max_length: usize,
) -> impl IntoView {
    let wiring = Wiring::new(path);
    let invalid = wiring.invalid();
    view! {
        <div class="field">
            <label for=wiring.id.clone()>{label}</label>
            <input
                id=wiring.id.clone()
                data-test=wiring.path.clone()
                type="text"
                maxlength=max_length.to_string()
                aria-describedby=wiring.described_by()
                aria-invalid=move || invalid.get().to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
            {wiring.feedback(help)}
        </div>
    }
}

/// An on/off switch.
#[component]
pub fn ToggleField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let wiring = Wiring::new(path);
    view! {
        <div class="field toggle">
            <input
                id=wiring.id.clone()
                data-test=wiring.path.clone()
                type="checkbox"
                aria-describedby=wiring.described_by()
                prop:checked=move || value.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=wiring.id.clone()>{label}</label>
            {wiring.feedback(help)}
        </div>
    }
}

/// A set of choices as checkboxes, e.g. compliance regimes.
#[component]
pub fn ChoiceSetField<C>(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<Vec<C>>,
    on_change: Callback<Vec<C>>,
) -> impl IntoView
where
    C: Choice + Send + Sync,
{
    let wiring = Wiring::new(path);
    let id = wiring.id.clone();
    view! {
        <fieldset class="field choice-set" data-test=wiring.path.clone() aria-describedby=wiring.described_by()>
            <legend>{label}</legend>
            {C::ALL
                .iter()
                .map(|choice| {
                    let choice = *choice;
                    let box_id = format!("{id}-{}", choice.wire());
                    view! {
                        <span class="check">
                            <input
                                type="checkbox"
                                id=box_id.clone()
                                value=choice.wire()
                                prop:checked=move || value.with(|set| set.contains(&choice))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let before = value.get_untracked();
                                    // In the wizard's order, whatever the click order.
                                    let set = C::ALL
                                        .iter()
                                        .copied()
                                        .filter(|c| if *c == choice { on } else { before.contains(c) })
                                        .collect();
                                    on_change.run(set);
                                }
                            />
                            <label for=box_id>{choice.label()}</label>
                        </span>
                    }
                })
                .collect_view()}
            {wiring.feedback(help)}
        </fieldset>
    }
}

/// Names from the design (service groups, environments) as checkboxes: the
/// options follow the design, and each click is one edit of the domain.
#[component]
pub fn NameSetField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    /// Every name on offer, in the design's order.
    #[prop(into)]
    options: Signal<Vec<String>>,
    /// The names ticked.
    #[prop(into)]
    value: Signal<Vec<String>>,
    /// A name ticked (`true`) or cleared.
    on_toggle: Callback<(String, bool)>,
) -> impl IntoView {
    let wiring = Wiring::new(path);
    let id = wiring.id.clone();
    view! {
        <fieldset class="field choice-set" data-test=wiring.path.clone() aria-describedby=wiring.described_by()>
            <legend>{label}</legend>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|name| {
                        let box_id = format!("{id}-{name}");
                        let checked = name.clone();
                        let toggled = name.clone();
                        view! {
                            <span class="check">
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    value=name.clone()
                                    prop:checked=move || value.with(|set| set.contains(&checked))
                                    on:change=move |ev| on_toggle.run((toggled.clone(), event_target_checked(&ev)))
                                />
                                <label for=box_id>{name}</label>
                            </span>
                        }
                    })
                    .collect_view()
            }}
            {wiring.feedback(help)}
        </fieldset>
    }
}

/// An instance type picked from the provider's price table, each offered
/// with its size and hourly price.
#[component]
pub fn InstanceTypeSelect(
    /// The provider's key in the price table.
    provider: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let wiring = Wiring::new(path);
    let invalid = wiring.invalid();
    view! {
        <div class="field">
            <label for=wiring.id.clone()>"Instance type"</label>
            <select
                id=wiring.id.clone()
                data-test=wiring.path.clone()
                aria-describedby=wiring.described_by()
                aria-invalid=move || invalid.get().to_string()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {design::pricing::instance_types(provider)
                    .map(|row| {
                        let item = row.item;
                        view! { <option value=item selected=move || value.get() == item>{row.offer()}</option> }
                    })
                    .collect_view()}
            </select>
            {wiring.feedback(format!("On-demand prices as of {}.", design::pricing::PRICES_AS_OF))}
        </div>
    }
}

/// A list of short texts edited as one comma-separated line.
#[component]
pub fn ListField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    #[prop(into)] value: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let wiring = Wiring::new(path);
    let invalid = wiring.invalid();
    view! {
        <div class="field">
            <label for=wiring.id.clone()>{label}</label>
            <input
                id=wiring.id.clone()
                data-test=wiring.path.clone()
                type="text"
                aria-describedby=wiring.described_by()
                aria-invalid=move || invalid.get().to_string()
                prop:value=move || value.get().join(", ")
                on:change=move |ev| {
                    let items = event_target_value(&ev)
                        .split(',')
                        .map(str::trim)
                        .filter(|item| !item.is_empty())
                        .map(str::to_owned)
                        .collect();
                    on_change.run(items);
                }
            />
            {wiring.feedback(help)}
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

    #[test]
    fn decimals_read_what_rust_reads_and_refuse_the_rest() {
        for text in ["2.5", "0.1", "1.", ".5", "3", "1e3", "-0.25", "99.95"] {
            assert_eq!(
                text.parse::<Decimal>().map(|d| d.0),
                text.parse::<f64>().map_err(|_| NotADecimal),
                "{text}"
            );
        }
        for text in ["", "abc", "1,5", "inf", "NaN", "0x10", "1_000", "."] {
            assert_eq!(text.parse::<Decimal>(), Err(NotADecimal), "{text}");
        }
        assert_eq!(Decimal(2.5).to_string(), "2.5");
        assert_eq!(Decimal(3.0).to_string(), "3");
    }

    #[test]
    fn whole_numbers_round_as_the_float_formatter_does() {
        for value in [
            0.0,
            0.4,
            0.5,
            1.5,
            2.5,
            1234.5678,
            86_399.5,
            1e12 + 0.5,
            -2.5,
            -0.4,
            1.8e19,
        ] {
            assert_eq!(whole(value), format!("{value:.0}"), "{value}");
        }
        // Beyond u64 the shortest digits that read back as the same number.
        assert_eq!(whole(1e300).parse::<f64>(), Ok(1e300));
        assert_eq!(whole(f64::INFINITY), "inf");
        assert_eq!(whole(f64::NAN), "NaN");
    }
}
