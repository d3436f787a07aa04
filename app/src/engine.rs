//! The design engine in the wizard: validation, the critique and the live
//! score panel (with its fixes and exemptions).
//!
//! In the browser they are one piece of the front end, fetched the first
//! time the reader reaches into the wizard (pointer, touch or focus inside
//! it) or edits the design. Until it has arrived the wizard shows what the
//! server derived when it sent the design ([`crate::rpc::open_design`]): the
//! same validation and the same score panel, rendered there. From then on
//! everything is derived here, at every change, as before.
//!
//! The piece has a single entry, [`run`], so one load makes all of it
//! callable at once, and once loaded a call answers in the same turn
//! ([`Engine::now`]): live critique never waits for the network again.

use design::critique::Critique;
use design::validate::FieldError;
use design::{IsoDate, PlatformDesign};
use leptos::prelude::*;

use crate::components::scores::ScoreActions;
use crate::reviews::Comment;

/// What the wizard asks of the engine.
pub enum Call<'a> {
    /// The critique of a design on a day.
    Critique(&'a PlatformDesign, &'a IsoDate),
    /// The validation errors of a design.
    Validate(&'a PlatformDesign),
    /// The live score panel over a critique.
    Panel {
        critique: Memo<Option<Critique>>,
        actions: ScoreActions,
        comments: ReadSignal<Vec<Comment>>,
    },
}

/// What it answers, one variant per [`Call`].
pub enum Answer {
    Critique(Critique),
    Errors(Vec<FieldError>),
    Panel(AnyView),
}

/// The engine's piece could not be fetched (the network, a deploy that
/// replaced it): the wizard keeps what the server sent and asks again on the
/// reader's next move.
#[derive(Debug)]
pub struct EngineMissing;

impl From<leptos::wasm_split::SplitLoaderError> for EngineMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        EngineMissing
    }
}

/// The engine's entry: a split point, so none of what it reaches is in the
/// wizard's first load. A failed fetch is an answer, not a crash.
#[leptos::wasm_split::wasm_split(
    slipway_design_engine,
    wasm_split_path = ::leptos::wasm_split,
    preload(load_engine),
    fallible
)]
fn run(call: Call<'_>) -> Result<Answer, EngineMissing> {
    Ok(match call {
        Call::Critique(design, today) => {
            Answer::Critique(design::critique::critique(design, today))
        }
        Call::Validate(design) => Answer::Errors(design::validate(design)),
        Call::Panel {
            critique,
            actions,
            comments,
        } => {
            use crate::components::scores::ScorePanel;
            // The panel reads a critique; until the first one is derived
            // (the same turn as this call) it reads an empty one.
            let critique = Memo::new(move |_| critique.get().unwrap_or_else(none_yet));
            Answer::Panel(view! { <ScorePanel critique actions comments/> }.into_any())
        }
    })
}

fn none_yet() -> Critique {
    Critique {
        engine_version: design::critique::ENGINE_VERSION,
        overall: 100,
        principles: Vec::new(),
        findings: Vec::new(),
        accepted: Vec::new(),
        rules_checked: 0,
    }
}

/// The engine of one wizard: whether its piece is here, and asking for it.
#[derive(Clone, Copy)]
pub struct Engine {
    ready: RwSignal<bool>,
    asked: StoredValue<bool>,
}

impl Engine {
    /// On the server there is nothing to load.
    pub fn new() -> Self {
        Self {
            ready: RwSignal::new(cfg!(not(feature = "hydrate"))),
            asked: StoredValue::new(false),
        }
    }

    /// Fetches the engine's piece, once (again after a failed fetch).
    pub fn load(self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match load_engine().await {
                Ok(()) => {
                    let _ = self.ready.try_set(true);
                }
                Err(_) => {
                    let _ = self.asked.try_set_value(false);
                }
            }
        });
    }

    /// Whether the engine answers now (tracked: a reader re-runs when it arrives).
    pub fn ready(self) -> bool {
        self.ready.get()
    }

    /// The answer to `call` in this turn, once the engine is here; `None`
    /// before (asking for it is [`Engine::load`]'s, on the reader's first
    /// move: reading the scores does not fetch it).
    fn now(self, call: Call<'_>) -> Option<Answer> {
        if !self.ready.get() {
            return None;
        }
        poll_once(run(call))?.ok()
    }

    /// The critique of `design`, once the engine is here.
    pub fn critique(self, design: &PlatformDesign, today: &IsoDate) -> Option<Critique> {
        match self.now(Call::Critique(design, today))? {
            Answer::Critique(critique) => Some(critique),
            _ => None,
        }
    }

    /// The validation errors of `design`, once the engine is here.
    pub fn errors(self, design: &PlatformDesign) -> Option<Vec<FieldError>> {
        match self.now(Call::Validate(design))? {
            Answer::Errors(errors) => Some(errors),
            _ => None,
        }
    }

    /// The validation errors of `design`, fetching the engine if need be;
    /// none if it cannot be fetched (the server validates every save).
    pub async fn validated(self, design: &PlatformDesign) -> Vec<FieldError> {
        self.load();
        match run(Call::Validate(design)).await {
            Ok(Answer::Errors(errors)) => errors,
            _ => Vec::new(),
        }
    }

    /// The live score panel, once the engine is here.
    pub fn panel(
        self,
        critique: Memo<Option<Critique>>,
        actions: ScoreActions,
        comments: ReadSignal<Vec<Comment>>,
    ) -> Option<AnyView> {
        match self.now(Call::Panel {
            critique,
            actions,
            comments,
        })? {
            Answer::Panel(view) => Some(view),
            _ => None,
        }
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

/// Polls `future` once: a loaded split function answers on its first poll.
fn poll_once<F: std::future::Future>(future: F) -> Option<F::Output> {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_the_browser_the_engine_answers_at_once() {
        let owner = Owner::new();
        owner.with(|| {
            let engine = Engine::new();
            let design = design::presets::find("fintech-eks")
                .expect("preset")
                .design();
            let today = IsoDate::parse("2026-12-07").expect("date");
            assert_eq!(
                engine.critique(&design, &today),
                Some(design::critique::critique(&design, &today))
            );
            assert_eq!(engine.errors(&design), Some(design::validate(&design)));
        });
    }
}
