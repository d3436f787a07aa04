//! Autosave: a change waits about a second, then the whole design is saved
//! over the revision it was loaded at. A stale revision becomes a visible
//! conflict that the user resolves; nothing is overwritten silently.

use std::time::Duration;

use design::validate::FieldError;
use design::PlatformDesign;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::engine::Engine;
use crate::error::StudioError;
use crate::rpc::{load_design, open_design, save_design};
use crate::wire::SaveOutcome;

/// How long a change waits before it is saved, so typing does not save per key.
const DEBOUNCE: Duration = Duration::from_millis(900);

/// What the status line says.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// The design is being fetched.
    Loading,
    /// This browser has no key for the design, or the key is wrong.
    NoAccess(String),
    /// Everything on screen is stored.
    Saved,
    /// Changes wait for the debounce.
    Pending,
    /// A save is in flight.
    Saving,
    /// The design breaks validation rules; it is kept here, not saved.
    Invalid(usize),
    /// Someone else saved first.
    Conflict,
    /// The save failed; the message says why.
    Failed(String),
}

impl SaveState {
    /// The words shown to the user.
    pub fn label(&self) -> String {
        match self {
            SaveState::Loading => "Loading…".into(),
            SaveState::NoAccess(_) => "No access".into(),
            SaveState::Saved => "Saved".into(),
            SaveState::Pending => "Unsaved changes".into(),
            SaveState::Saving => "Saving…".into(),
            SaveState::Invalid(n) => format!("Not saved: {n} field(s) to fix"),
            SaveState::Conflict => "Conflict".into(),
            SaveState::Failed(_) => "Not saved".into(),
        }
    }

    /// A stable token for styling and tests.
    pub fn token(&self) -> &'static str {
        match self {
            SaveState::Loading => "loading",
            SaveState::NoAccess(_) => "no-access",
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
            SaveState::Saving => "saving",
            SaveState::Invalid(_) => "invalid",
            SaveState::Conflict => "conflict",
            SaveState::Failed(_) => "failed",
        }
    }
}

/// The editing session of one design in this tab.
#[derive(Clone, Copy)]
pub struct Session {
    /// Design identifier.
    pub id: StoredValue<String>,
    /// Edit key.
    pub key: StoredValue<String>,
    /// The design as on screen.
    pub design: RwSignal<PlatformDesign>,
    /// The revision the screen is based on.
    pub revision: RwSignal<i64>,
    /// Status line.
    pub state: RwSignal<SaveState>,
    /// Counts user edits; autosave watches it (loading does not bump it).
    pub edits: RwSignal<u64>,
    /// Validation and critique in the browser, once loaded.
    pub engine: Engine,
    /// The validation errors the server sent with the design, shown until
    /// the engine is here.
    pub served_errors: RwSignal<Vec<FieldError>>,
    /// The score panel (HTML) the server sent with the design, likewise.
    pub served_panel: RwSignal<String>,
    in_flight: StoredValue<bool>,
    save_again: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Session {
    /// A session for `id`; call [`Session::load`] to fill it.
    pub fn new(id: String, key: String) -> Self {
        Self {
            id: StoredValue::new(id),
            key: StoredValue::new(key),
            design: RwSignal::new(PlatformDesign::default()),
            revision: RwSignal::new(0),
            state: RwSignal::new(SaveState::Loading),
            edits: RwSignal::new(0),
            engine: Engine::new(),
            served_errors: RwSignal::new(Vec::new()),
            served_panel: RwSignal::new(String::new()),
            in_flight: StoredValue::new(false),
            save_again: StoredValue::new(false),
            timer: StoredValue::new(None),
        }
    }

    /// Applies a user's change and schedules a save.
    pub fn edit(self, change: impl FnOnce(&mut PlatformDesign)) {
        self.engine.load();
        self.design.update(change);
        self.edits.update(|n| *n += 1);
        self.state.set(SaveState::Pending);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || self.save(), DEBOUNCE).ok();
        self.timer.set_value(handle);
    }

    /// Fetches the stored design, replacing what is on screen.
    pub fn load(self) {
        spawn_local(async move {
            match open_design(self.id.get_value(), self.key.get_value()).await {
                Ok(Some(opened)) => {
                    self.served_errors.set(opened.errors);
                    self.served_panel.set(opened.panel);
                    self.design.set(opened.envelope.design);
                    self.revision.set(opened.envelope.revision);
                    self.state.set(SaveState::Saved);
                }
                Ok(None) => self
                    .state
                    .set(SaveState::NoAccess(StudioError::NotFound.to_string())),
                Err(other) => self.state.set(SaveState::Failed(other.to_string())),
            }
        });
    }

    /// Saves now, unless a save is in flight (then once more after it).
    pub fn save(self) {
        if self.in_flight.get_value() {
            self.save_again.set_value(true);
            return;
        }
        if matches!(self.state.get_untracked(), SaveState::Conflict) {
            return;
        }
        let design = self.design.get_untracked();
        let edits_at_start = self.edits.get_untracked();
        self.in_flight.set_value(true);
        spawn_local(async move {
            let problems = self.engine.validated(&design).await.len();
            if problems > 0 {
                self.in_flight.set_value(false);
                if self.save_again.get_value() {
                    self.save_again.set_value(false);
                    self.save();
                } else {
                    self.state.set(SaveState::Invalid(problems));
                }
                return;
            }
            self.state.set(SaveState::Saving);
            let outcome = save_design(
                self.id.get_value(),
                self.key.get_value(),
                self.revision.get_untracked(),
                design,
            )
            .await;
            self.in_flight.set_value(false);
            match outcome {
                Ok(SaveOutcome::Saved { revision }) => {
                    self.revision.set(revision);
                    if self.save_again.get_value() || self.edits.get_untracked() != edits_at_start {
                        self.save_again.set_value(false);
                        self.save();
                    } else {
                        self.state.set(SaveState::Saved);
                    }
                }
                Ok(SaveOutcome::Conflict { .. }) => {
                    self.save_again.set_value(false);
                    self.state.set(SaveState::Conflict);
                }
                Err(StudioError::Invalid(errors)) => {
                    self.state.set(SaveState::Invalid(errors.len()))
                }
                Err(other) => self.state.set(SaveState::Failed(other.to_string())),
            }
        });
    }

    /// Conflict resolution: drop local changes and show the stored design.
    pub fn reload_theirs(self) {
        self.state.set(SaveState::Loading);
        self.load();
    }

    /// Conflict resolution: save the design on screen over the stored one.
    pub fn keep_mine(self) {
        spawn_local(async move {
            match load_design(self.id.get_value(), self.key.get_value()).await {
                Ok(Some(theirs)) => {
                    self.revision.set(theirs.revision);
                    self.state.set(SaveState::Pending);
                    self.save();
                }
                Ok(None) => self
                    .state
                    .set(SaveState::NoAccess(StudioError::NotFound.to_string())),
                Err(other) => self.state.set(SaveState::Failed(other.to_string())),
            }
        });
    }
}
