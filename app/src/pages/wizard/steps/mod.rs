//! The content of each step: fields bound to the design, and the figures
//! derived from them. Which fields exist and what they mean is the design
//! crate's business; these files only lay them out.

mod cluster;
mod cost;
mod gitops;
mod observability;
mod review;
mod security;
mod workload;

use design::PlatformDesign;
use leptos::prelude::*;

use super::{Session, Step};

/// A design field as a signal to read and a callback that edits through the session.
///
/// The value is a memo: every edit re-reads it, but only a changed value
/// reaches the field's view, so a keystroke in one row of a 300-row design
/// updates that row's input and nothing else.
fn bind<T>(
    session: Session,
    get: impl Fn(&PlatformDesign) -> T + Send + Sync + 'static,
    set: impl Fn(&mut PlatformDesign, T) + Send + Sync + 'static,
) -> (Signal<T>, Callback<T>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let value = Memo::new(move |_| session.design.with(&get)).into();
    let change = Callback::new(move |new: T| session.edit(|design| set(design, new)));
    (value, change)
}

/// Row `index` of a list in the design, as a memo its fields read: an edit
/// compares every row once, in place (a row is copied only when it
/// changed), and only the rows it changed reach their fields. While a
/// removed row's view is being torn down, it reads a default row instead of
/// panicking.
fn row_memo<R>(session: Session, list: fn(&PlatformDesign) -> &Vec<R>, index: usize) -> Memo<R>
where
    R: Clone + Default + PartialEq + Send + Sync + 'static,
{
    Memo::new_owning(move |previous: Option<R>| {
        session
            .design
            .with(|design| match (previous, list(design).get(index)) {
                (Some(previous), Some(now)) if previous == *now => (previous, false),
                (_, now) => (now.cloned().unwrap_or_default(), true),
            })
    })
}

/// A field of `row` (row `index` of a list in the design).
fn bind_row<R, T>(
    session: Session,
    row: Memo<R>,
    list_mut: fn(&mut PlatformDesign) -> &mut Vec<R>,
    index: usize,
    get: fn(&R) -> T,
    set: fn(&mut R, T),
) -> (Signal<T>, Callback<T>)
where
    R: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let value = Memo::new(move |_| row.with(get)).into();
    let change = Callback::new(move |new: T| {
        session.edit(|design| {
            if let Some(row) = list_mut(design).get_mut(index) {
                set(row, new);
            }
        });
    });
    (value, change)
}

/// Binds `design.<path>`.
macro_rules! field {
    ($session:expr, $($path:ident).+) => {
        $crate::pages::wizard::steps::bind($session, |d| d.$($path).+.clone(), |d, v| d.$($path).+ = v)
    };
}

/// [`field!`] for a decimal (`f64`) field, bound as a
/// [`Decimal`](crate::components::fields::Decimal).
macro_rules! decimal_field {
    ($session:expr, $($path:ident).+) => {
        $crate::pages::wizard::steps::bind(
            $session,
            |d| $crate::components::fields::Decimal(d.$($path).+),
            |d, v: $crate::components::fields::Decimal| d.$($path).+ = v.0,
        )
    };
}

/// The memo of `design.<list>[index]`, for [`row_field!`].
macro_rules! row_of {
    ($session:expr, $index:expr, $($list:ident).+) => {
        $crate::pages::wizard::steps::row_memo($session, |d| &d.$($list).+, $index)
    };
}

/// Binds `design.<list>[index].<field>`, read from `row`, the row's memo.
macro_rules! row_field {
    ($session:expr, $row:expr, $index:expr, $($list:ident).+ => $($field:ident).+) => {
        $crate::pages::wizard::steps::bind_row(
            $session,
            $row,
            |d| &mut d.$($list).+,
            $index,
            |r| r.$($field).+.clone(),
            |r, v| r.$($field).+ = v,
        )
    };
}

pub(crate) use {decimal_field, field, row_field, row_of};

/// Lists longer than this show each row folded to its summary line, its
/// fields only once opened: a design with hundreds of service groups would
/// otherwise keep thousands of inputs alive, every one of which an edit
/// has to check.
pub const ROWS_SHOWN_OPEN: usize = 12;

/// Which rows of the wizard's lists are open, where the reader chose
/// otherwise than the default (open in short lists, folded in long ones).
/// Keyed by the row's path (`spec.workload.services[3]`).
#[derive(Clone, Copy)]
pub struct OpenRows(RwSignal<std::collections::BTreeMap<String, bool>>);

impl OpenRows {
    /// Every row at its default.
    pub fn new() -> Self {
        Self(RwSignal::new(std::collections::BTreeMap::new()))
    }

    /// Whether row `path` of a list of `len` rows shows its fields.
    pub fn is_open(self, path: &str, len: usize) -> bool {
        self.0
            .with(|rows| rows.get(path).copied())
            .unwrap_or(len <= ROWS_SHOWN_OPEN)
    }

    /// Opens or closes row `path`.
    pub fn set(self, path: &str, open: bool) {
        self.0.update(|rows| {
            rows.insert(path.to_owned(), open);
        });
    }

    /// Opens the row that holds the field at `path`, if it is in a list
    /// (`spec.workload.services[3].count` opens `spec.workload.services[3]`).
    pub fn reveal(self, path: &str) {
        if let Some(end) = path.find(']') {
            self.set(&path[..=end], true);
        }
    }
}

impl Default for OpenRows {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether row `index` of a list (`list` is its path, `len` its length
/// now) is open, and the problems in its fields, for its summary line.
fn row_state(
    list: &'static str,
    index: usize,
    len: Memo<usize>,
) -> (Signal<bool>, Memo<usize>, String) {
    let rows = use_context::<OpenRows>().unwrap_or_default();
    let path = format!("{list}[{index}]");
    let key = path.clone();
    let open = Signal::derive(move || rows.is_open(&key, len.get()));
    let errors = use_context::<crate::components::fields::DesignErrors>();
    let inside = format!("{path}.");
    let problems = Memo::new(move |_| {
        errors.map_or(0, |e| {
            e.0.with(|all| all.iter().filter(|e| e.path.starts_with(&inside)).count())
        })
    });
    (open, problems, path)
}

/// A row's head: its title as the button that opens and folds it, the
/// count of its fields to fix, and what else the head holds (a remove
/// button).
fn row_head(
    title: impl Fn() -> String + Send + Sync + 'static,
    path: String,
    open: Signal<bool>,
    problems: Memo<usize>,
    rest: impl IntoView + 'static,
) -> impl IntoView {
    let rows = use_context::<OpenRows>().unwrap_or_default();
    let body = format!("{}-fields", crate::components::fields::field_id(&path));
    view! {
        <div class="row-head">
            <h3>
                <button type="button" class="row-toggle" aria-expanded=move || open.get().to_string() aria-controls=body
                    on:click=move |_| rows.set(&path, !open.get_untracked())>
                    {title}
                </button>
            </h3>
            {move || match problems.get() {
                0 => None,
                n => Some(view! { <span class="badge bad" aria-label=format!("{n} field(s) to fix")>{n}</span> }),
            }}
            {rest}
        </div>
    }
}

/// The view of one step.
pub fn view_step(step: Step, current: RwSignal<Step>) -> AnyView {
    let session = expect_context::<Session>();
    match step {
        Step::Workload => workload::view(session).into_any(),
        later => Suspend::new(async move { later_step(session, later, current).await }).into_any(),
    }
}

/// Every step after the first: one split point, so their views load the
/// first time the reader leaves the first step (or points at the steps),
/// not with the wizard.
#[lazy]
fn later_step(session: Session, step: Step, current: RwSignal<Step>) -> AnyView {
    match step {
        Step::Workload => workload::view(session).into_any(),
        Step::Cluster => cluster::view(session).into_any(),
        Step::Gitops => gitops::view(session).into_any(),
        Step::Security => security::view(session).into_any(),
        Step::Observability => observability::view(session).into_any(),
        Step::Cost => cost::view(session).into_any(),
        Step::Review => review::view(session, current).into_any(),
    }
}

/// Starts loading the later steps' code, once, before the reader asks for
/// one of them.
pub fn preload_later_steps() {
    let _ = leptos::lazy_preload!(later_step);
}

/// A "remove this row" button; disabled when the list must keep one row.
fn remove_button(
    session: Session,
    label: String,
    count: Memo<usize>,
    remove: impl Fn(&mut PlatformDesign) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="secondary"
            aria-label=label
            disabled=move || count.get() <= 1
            on:click=move |_| session.edit(remove)
        >
            "Remove"
        </button>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// The step files, as written.
    const SOURCES: &[(&str, &str)] = &[
        ("workload.rs", include_str!("workload.rs")),
        ("cluster.rs", include_str!("cluster.rs")),
        ("gitops.rs", include_str!("gitops.rs")),
        ("security.rs", include_str!("security.rs")),
        ("observability.rs", include_str!("observability.rs")),
        ("cost.rs", include_str!("cost.rs")),
        ("review.rs", include_str!("review.rs")),
    ];

    /// `set_x` → `spec.a.b_c` for every `let (x, set_x) = field!(s, spec.a.b_c);`.
    fn bindings(source: &str) -> BTreeMap<String, String> {
        source
            .lines()
            .filter_map(|line| {
                let (left, right) = line.split_once("= field!(s, ")?;
                let setter = left.split(',').nth(1)?.trim().trim_end_matches(')').trim();
                let path = right.split(')').next()?.trim();
                Some((setter.to_owned(), path.to_owned()))
            })
            .collect()
    }

    /// Every `path="…"` of a field component, with the setter it calls.
    fn fields(source: &str) -> Vec<(String, Option<String>)> {
        source
            .split("path=\"")
            .skip(1)
            .map(|rest| {
                let path = rest.split('"').next().unwrap_or_default().to_owned();
                let tag = rest.split("/>").next().unwrap_or_default();
                let setter = tag.split("on_change=").nth(1).map(|s| {
                    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                });
                (path, setter)
            })
            .collect()
    }

    /// A field's label and its binding name the same model field, and that
    /// field exists: the path is spelt once in the model, and a drifted
    /// spelling fails here.
    #[test]
    fn every_field_component_names_the_field_it_binds() {
        let mut checked = 0;
        for (file, source) in SOURCES {
            let bound = bindings(source);
            for (path, setter) in fields(source) {
                assert!(
                    design::paths::exists(&path),
                    "{file}: {path} is not a field of the model"
                );
                if let Some(rust_path) = setter.and_then(|s| bound.get(&s).cloned()) {
                    assert_eq!(
                        design::paths::camel_case(&rust_path),
                        path,
                        "{file}: binding and path differ"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 60, "only {checked} fields checked");
    }

    #[test]
    fn long_lists_start_folded_and_revealing_a_field_opens_its_row() {
        let owner = leptos::prelude::Owner::new();
        owner.set();
        let rows = super::OpenRows::new();
        let third = "spec.workload.services[2]";
        assert!(
            rows.is_open(third, super::ROWS_SHOWN_OPEN),
            "short lists are open"
        );
        assert!(!rows.is_open(third, 300), "long lists are folded");
        rows.reveal("spec.workload.services[2].cpuLimitMillicores");
        assert!(rows.is_open(third, 300), "a finding's field is shown");
        assert!(
            !rows.is_open("spec.workload.services[20]", 300),
            "only that row"
        );
        rows.set(third, false);
        assert!(
            !rows.is_open(third, 3),
            "a row the reader folded stays folded"
        );
        rows.reveal("spec.workload.p99LatencyMs");
        assert!(
            !rows.is_open(third, 3),
            "a field outside lists opens nothing"
        );
    }

    /// Reads of the service count through its binding (a plain `fn` cannot
    /// capture a counter, so it is a static; only this test uses it).
    static COUNT_READS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    fn counted(group: &design::model::ServiceGroup) -> u32 {
        COUNT_READS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        group.count
    }

    /// A keystroke in one row must not reach the fields of the others: each
    /// row is a memo, and a field re-reads only when its row changed.
    #[test]
    fn an_edit_to_one_row_reaches_only_that_row_s_fields() {
        use leptos::prelude::*;
        let owner = Owner::new();
        owner.set();
        let session = super::Session::new("d".into(), "k".into());
        session.design.update(|d| {
            d.spec.workload.services = (1..=3)
                .map(|n| design::model::ServiceGroup {
                    count: n,
                    ..Default::default()
                })
                .collect();
        });
        let counts: Vec<Signal<u32>> = (0..3)
            .map(|i| {
                let row = row_of!(session, i, spec.workload.services);
                super::bind_row(
                    session,
                    row,
                    |d| &mut d.spec.workload.services,
                    i,
                    counted,
                    |r, v| r.count = v,
                )
                .0
            })
            .collect();
        let read = || counts.iter().map(|c| c.get_untracked()).collect::<Vec<_>>();
        assert_eq!(read(), [1, 2, 3]);
        let before = COUNT_READS.load(std::sync::atomic::Ordering::SeqCst);
        session
            .design
            .update(|d| d.spec.workload.services[0].count = 9);
        assert_eq!(read(), [9, 2, 3]);
        assert_eq!(
            COUNT_READS.load(std::sync::atomic::Ordering::SeqCst) - before,
            1,
            "only the edited row's field was read again"
        );
    }
}
