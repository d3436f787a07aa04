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
fn bind<T>(
    session: Session,
    get: impl Fn(&PlatformDesign) -> T + Send + Sync + 'static,
    set: impl Fn(&mut PlatformDesign, T) + Send + Sync + 'static,
) -> (Signal<T>, Callback<T>)
where
    T: Clone + Send + Sync + 'static,
{
    let value = Signal::derive(move || session.design.with(&get));
    let change = Callback::new(move |new: T| session.edit(|design| set(design, new)));
    (value, change)
}

/// A field of row `index` of a list in the design. While a removed row's view
/// is being torn down, it reads a default row instead of panicking.
fn bind_row<R, T>(
    session: Session,
    list: fn(&PlatformDesign) -> &Vec<R>,
    list_mut: fn(&mut PlatformDesign) -> &mut Vec<R>,
    index: usize,
    get: fn(&R) -> T,
    set: fn(&mut R, T),
) -> (Signal<T>, Callback<T>)
where
    R: Default + 'static,
    T: Clone + Send + Sync + 'static,
{
    bind(
        session,
        move |design| {
            list(design)
                .get(index)
                .map(get)
                .unwrap_or_else(|| get(&R::default()))
        },
        move |design, value| {
            if let Some(row) = list_mut(design).get_mut(index) {
                set(row, value);
            }
        },
    )
}

/// Binds `design.<path>`.
macro_rules! field {
    ($session:expr, $($path:ident).+) => {
        $crate::pages::wizard::steps::bind($session, |d| d.$($path).+.clone(), |d, v| d.$($path).+ = v)
    };
}

/// Binds `design.<list>[index].<field>`.
macro_rules! row_field {
    ($session:expr, $index:expr, $($list:ident).+ => $($field:ident).+) => {
        $crate::pages::wizard::steps::bind_row(
            $session,
            |d| &d.$($list).+,
            |d| &mut d.$($list).+,
            $index,
            |r| r.$($field).+.clone(),
            |r, v| r.$($field).+ = v,
        )
    };
}

pub(crate) use {field, row_field};

/// The view of one step.
pub fn view_step(step: Step, current: RwSignal<Step>) -> AnyView {
    let session = expect_context::<Session>();
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
