//! Server functions the pages call. Thin: parse, call the store, map errors.

use design::PlatformDesign;
use leptos::prelude::*;
// The studio's own pages (home, wizard) talk in the design's compact form:
// the browser reads it with far less code than JSON. The review page's
// fetches stay JSON (they carry text and HTML the tests read as such).
use leptos::server_fn::codec::Json;

use crate::codec::Compact;

use crate::error::StudioError;
use crate::wire::{CreatedDesign, DesignEnvelope, ImportOutcome, OpenedDesign, SaveOutcome};

#[cfg(feature = "ssr")]
mod server_side {
    use design::{FieldError, PlatformDesign, ValidDesign};
    use leptos::prelude::*;

    use crate::error::StudioError;
    use crate::state::AppState;
    use crate::store::StoreError;

    pub fn state() -> Result<AppState, StudioError> {
        use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from the server-function context");
            StudioError::Internal
        })
    }

    /// The design a review link shows; `None` when the link is not valid.
    pub async fn reviewed(
        state: &AppState,
        token: &str,
        today: &design::IsoDate,
    ) -> Result<Option<PlatformDesign>, StudioError> {
        match crate::reviews::store::reviewed(&state.pool, token, today).await {
            Ok(design) => Ok(Some(design)),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other.into()),
        }
    }

    /// The design `id` for the holder of `key`; `None` when the id is
    /// unknown or the key wrong.
    pub async fn loaded(
        state: &AppState,
        id: &str,
        key: &str,
    ) -> Result<Option<crate::wire::DesignEnvelope>, StudioError> {
        let Some(id) = crate::keys::DesignId::parse(id) else {
            return Ok(None);
        };
        let key = crate::keys::SecretKey::presented(key);
        match crate::store::load(&state.pool, &id, &key).await {
            Ok(envelope) => Ok(Some(envelope)),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other.into()),
        }
    }

    pub fn valid(design: PlatformDesign) -> Result<ValidDesign, StudioError> {
        ValidDesign::new(design).map_err(StudioError::Invalid)
    }

    pub fn title_only(name: &str) -> Result<ValidDesign, StudioError> {
        let design = PlatformDesign::named(name.trim());
        ValidDesign::new(design).map_err(|errors: Vec<FieldError>| {
            StudioError::BadInput(
                errors
                    .into_iter()
                    .map(|e| e.message)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
    }

    impl From<StoreError> for StudioError {
        fn from(error: StoreError) -> Self {
            match error {
                StoreError::NotFound => StudioError::NotFound,
                other => {
                    tracing::error!(error = %other, "storage failed");
                    StudioError::Internal
                }
            }
        }
    }
}

/// Creates a design with every default and the given title.
#[server(prefix = "/rpc", endpoint = "create_design", input = Compact, output = Compact)]
pub async fn create_design(name: String) -> Result<CreatedDesign, StudioError> {
    let state = server_side::state()?;
    let design = server_side::title_only(&name)?;
    Ok(crate::store::create(&state.pool, &design).await?)
}

/// Creates a design from a preset.
#[server(prefix = "/rpc", endpoint = "create_from_preset", input = Compact, output = Compact)]
pub async fn create_from_preset(slug: String) -> Result<CreatedDesign, StudioError> {
    let state = server_side::state()?;
    let preset = design::presets::find(&slug)
        .ok_or_else(|| StudioError::BadInput(format!("There is no preset '{slug}'.")))?;
    let design = server_side::valid(preset.design())?;
    Ok(crate::store::create(&state.pool, &design).await?)
}

/// Creates a design from the text of a design file (YAML or JSON).
#[server(prefix = "/rpc", endpoint = "import_design", input = Compact, output = Compact)]
pub async fn import_design(text: String) -> Result<ImportOutcome, StudioError> {
    let state = server_side::state()?;
    if text.len() > 512 * 1024 {
        return Err(StudioError::BadInput(
            "The file is larger than 512 KiB; a design is a few kilobytes.".into(),
        ));
    }
    let design = match design::file::parse(&text) {
        Ok(design) => server_side::valid(design)?,
        Err(problems) => {
            return Ok(ImportOutcome::Problems(
                problems.iter().map(ToString::to_string).collect(),
            ))
        }
    };
    Ok(ImportOutcome::Created(
        crate::store::create(&state.pool, &design).await?,
    ))
}

/// Loads a design for the holder of its edit key; `None` when the id is
/// unknown or the key wrong (an expected answer, not a failure, so browsers
/// do not log it as an error).
#[server(prefix = "/rpc", endpoint = "load_design", input = Compact, output = Compact)]
pub async fn load_design(id: String, key: String) -> Result<Option<DesignEnvelope>, StudioError> {
    server_side::loaded(&server_side::state()?, &id, &key).await
}

/// [`load_design`] for the wizard: with the validation errors and the score
/// panel it shows until its own engine has loaded.
#[server(prefix = "/rpc", endpoint = "open_design", input = Compact, output = Compact)]
pub async fn open_design(id: String, key: String) -> Result<Option<OpenedDesign>, StudioError> {
    let Some(envelope) = server_side::loaded(&server_side::state()?, &id, &key).await? else {
        return Ok(None);
    };
    let errors = design::validate(&envelope.design);
    let panel = crate::components::scores::panel_html(&envelope.design, &crate::browser::today());
    Ok(Some(OpenedDesign {
        envelope,
        errors,
        panel,
    }))
}

/// Saves a design over `revision`; a stale revision answers
/// [`SaveOutcome::Conflict`], an expected outcome the user resolves.
#[server(prefix = "/rpc", endpoint = "save_design", input = Compact, output = Compact)]
pub async fn save_design(
    id: String,
    key: String,
    revision: i64,
    design: PlatformDesign,
) -> Result<SaveOutcome, StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let design = server_side::valid(design)?;
    let key = crate::keys::SecretKey::presented(&key);
    let started = std::time::Instant::now();
    let saved = crate::store::save(&state.pool, &id, &key, revision, &design).await;
    state
        .metrics
        .operation(crate::metrics::Operation::Save, started.elapsed());
    match saved {
        Ok(revision) => Ok(SaveOutcome::Saved { revision }),
        Err(crate::store::StoreError::Conflict { current }) => Ok(SaveOutcome::Conflict {
            current_revision: current,
        }),
        Err(other) => Err(other.into()),
    }
}

/// The design as `platform-design.yaml` text, for download from the wizard.
/// Stateless: it formats the design it is given.
#[server(prefix = "/rpc", endpoint = "design_yaml", input = Compact, output = Compact)]
pub async fn design_yaml(design: PlatformDesign) -> Result<String, StudioError> {
    Ok(design::file::to_yaml(&design))
}

/// The design as a GitOps repository: every file for the preview, and the
/// archive to download. Stateless, like `design_yaml`: it renders the design
/// it is given; `revision`, when the caller shows a saved design, is named in
/// the provenance as the API's archive names it. A design that cannot be
/// exported yet is an answer (its problems), not a failure.
#[server(prefix = "/rpc", endpoint = "export_repository", input = Compact, output = Compact)]
pub async fn export_repository(
    design: PlatformDesign,
    revision: Option<i64>,
) -> Result<crate::wire::RepositoryPreview, StudioError> {
    use base64::Engine;
    let archive_name = export::archive_name(&design);
    let state = server_side::state()?;
    let exported = state
        .metrics
        .time(crate::metrics::Operation::Export, || {
            export::export_checked(design, &crate::browser::today())
        })
        .map(|bundle| match revision {
            Some(revision) => export::provenance::stamped(bundle, revision, None),
            None => bundle,
        });
    match exported {
        Ok(bundle) => Ok(crate::wire::RepositoryPreview {
            archive_name,
            zip_base64: base64::engine::general_purpose::STANDARD.encode(bundle.zip()),
            files: bundle
                .files
                .into_iter()
                .map(|f| crate::wire::PreviewFile {
                    path: f.path,
                    content: f.content,
                })
                .collect(),
            problems: Vec::new(),
            lazy: false,
        }),
        Err(Ok(errors)) => Ok(crate::wire::RepositoryPreview {
            archive_name,
            problems: errors
                .into_iter()
                .map(|e| format!("{}: {}", e.path, e.message))
                .collect(),
            ..Default::default()
        }),
        Err(Err(defect)) => {
            tracing::error!(%defect, "export failed");
            Err(StudioError::Internal)
        }
    }
}

/// The repository a review link shows, light: every path, with the content
/// of the README only; the other files come one by one through
/// [`review_file`] and the archive from `/api/reviews/{token}/bundle.zip`.
/// Computed once per design state for everyone who opens the link.
/// `None` when the link is not valid.
#[server(prefix = "/rpc", endpoint = "review_repository", input = Json)]
pub async fn review_repository(
    token: String,
) -> Result<Option<crate::wire::RepositoryPreview>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    let Some(design) = server_side::reviewed(&state, &token, &today).await? else {
        return Ok(None);
    };
    let archive_name = export::archive_name(&design);
    match state.exports.export(&design, &today, &state.metrics) {
        Ok(bundle) => Ok(Some(crate::wire::RepositoryPreview {
            archive_name,
            files: bundle
                .files
                .iter()
                .map(|f| crate::wire::PreviewFile {
                    path: f.path.clone(),
                    content: if f.path == "README.md" {
                        f.content.clone()
                    } else {
                        String::new()
                    },
                })
                .collect(),
            lazy: true,
            ..Default::default()
        })),
        Err(Ok(errors)) => Ok(Some(crate::wire::RepositoryPreview {
            archive_name,
            problems: errors
                .into_iter()
                .map(|e| format!("{}: {}", e.path, e.message))
                .collect(),
            lazy: true,
            ..Default::default()
        })),
        Err(Err(defect)) => {
            tracing::error!(%defect, "export failed");
            Err(StudioError::Internal)
        }
    }
}

/// One file of the repository a review link shows; `None` when the link is
/// not valid or the repository has no such file.
#[server(prefix = "/rpc", endpoint = "review_file", input = Json)]
pub async fn review_file(token: String, path: String) -> Result<Option<String>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    let Some(design) = server_side::reviewed(&state, &token, &today).await? else {
        return Ok(None);
    };
    Ok(state
        .exports
        .export(&design, &today, &state.metrics)
        .ok()
        .and_then(|bundle| bundle.file(&path).map(|f| f.content.clone())))
}

/// Opens a review link for its page; `None` when the token is unknown,
/// revoked or expired. The derived sections come as HTML when the page is
/// rendered on the server and are never sent: see [`review_sections`].
#[server(prefix = "/rpc", endpoint = "review_page", input = Json)]
pub async fn review_page(
    token: String,
) -> Result<Option<crate::reviews::ReviewPageData>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    let opened = match crate::reviews::store::open(&state.pool, &token, &today).await {
        Ok(review) => review,
        Err(crate::store::StoreError::NotFound) => return Ok(None),
        Err(other) => return Err(other.into()),
    };
    let design = &opened.design;
    let critique = design::critique::critique(design, &today);
    Ok(Some(crate::reviews::ReviewPageData {
        label: opened.label,
        name: design.metadata.name.clone(),
        description: design.metadata.description.clone(),
        targets: crate::reviews::ReviewPageData::targets(critique.findings.iter().map(|f| f.rule)),
        milestones: opened.milestones,
        sections: crate::pages::review::sections_html(design, &today),
    }))
}

/// Through a review link: the derived sections of its page as HTML, for a
/// browser that renders the page itself. `None` when the link is not valid.
#[server(prefix = "/rpc", endpoint = "review_sections", input = Json)]
pub async fn review_sections(token: String) -> Result<Option<String>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    Ok(server_side::reviewed(&state, &token, &today)
        .await?
        .map(|design| crate::pages::review::sections_html(&design, &today)))
}

/// Through a review link: one decision record's context, options and
/// consequences as HTML. `None` when the link is not valid or the design
/// has no record of that name.
#[server(prefix = "/rpc", endpoint = "review_record", input = Json)]
pub async fn review_record(token: String, slug: String) -> Result<Option<String>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    let Some(design) = server_side::reviewed(&state, &token, &today).await? else {
        return Ok(None);
    };
    Ok(design::decisions::records(&design, &today)
        .into_iter()
        .find(|r| r.slug == slug)
        .map(crate::pages::review::record_html))
}

/// Through a review link: the comments left on the design.
/// `None` when the link is not valid.
#[server(prefix = "/rpc", endpoint = "review_comments", input = Json)]
pub async fn review_comments(
    token: String,
) -> Result<Option<Vec<crate::reviews::Comment>>, StudioError> {
    let state = server_side::state()?;
    match crate::reviews::store::comments_reviewed(&state.pool, &token, &crate::browser::today())
        .await
    {
        Ok(comments) => Ok(Some(comments)),
        Err(crate::store::StoreError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Through a review link: what changed from one of the design's milestones
/// to the reviewed state — fields, scores and repository files. `None` when
/// the link is not valid or the milestone is not this design's.
#[server(prefix = "/rpc", endpoint = "review_changes", input = Json)]
pub async fn review_changes(
    token: String,
    since: String,
) -> Result<Option<crate::reviews::Comparison>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    match crate::reviews::store::compare_reviewed(&state.pool, &token, &today, &since).await {
        Ok((old, new)) => Ok(Some(
            crate::reviews::Comparison::of(&old, &new, &today).with_repository(&old, &new, &today),
        )),
        Err(crate::store::StoreError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Adds a reviewer's comment. Refusals (bad text, link gone) are answers, not failures.
#[server(prefix = "/rpc", endpoint = "add_comment", input = Json)]
pub async fn add_comment(
    token: String,
    target: String,
    author: String,
    body: String,
) -> Result<Result<(), String>, StudioError> {
    let state = server_side::state()?;
    let today = crate::browser::today();
    if let Err(refusal) = crate::reviews::check_comment(&target, &author, &body) {
        return Ok(Err(refusal.to_string()));
    }
    match crate::reviews::store::comment(&state.pool, &token, &today, &target, &author, &body).await
    {
        Ok(_) => Ok(Ok(())),
        Err(crate::store::StoreError::NotFound) => {
            Ok(Err("This review link is no longer valid.".into()))
        }
        Err(other) => Err(other.into()),
    }
}

/// The owner's view of review links and comments.
#[server(prefix = "/rpc", endpoint = "owner_reviews", input = Compact, output = Compact)]
pub async fn owner_reviews(
    id: String,
    key: String,
) -> Result<crate::reviews::ReviewDesk, StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let key = crate::keys::SecretKey::presented(&key);
    let today = crate::browser::today();
    Ok(crate::reviews::ReviewDesk {
        milestones: crate::reviews::milestones::list(&state.pool, &id, &key, &today).await?,
        links: crate::reviews::store::list(&state.pool, &id, &key).await?,
        comments: crate::reviews::store::comments(&state.pool, &id, &key).await?,
    })
}

/// Creates a review link to the latest state or to a milestone; returns its
/// path (`/r/{token}`), shown once.
#[server(prefix = "/rpc", endpoint = "create_review_link", input = Compact, output = Compact)]
pub async fn create_review_link(
    id: String,
    key: String,
    label: String,
    milestone: Option<String>,
    expires: Option<String>,
) -> Result<String, StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let key = crate::keys::SecretKey::presented(&key);
    let label: String = label.chars().take(100).collect();
    let expires = expires
        .map(|d| design::IsoDate::parse(&d))
        .transpose()
        .map_err(|e| StudioError::BadInput(format!("The last day: {e}.")))?;
    let created = crate::reviews::store::create(
        &state.pool,
        &id,
        &key,
        &label,
        expires.as_ref().map(design::IsoDate::as_str),
        milestone.as_deref(),
    )
    .await?;
    Ok(format!("/r/{}", created.token))
}

/// Revokes a review link.
#[server(prefix = "/rpc", endpoint = "revoke_review_link", input = Compact, output = Compact)]
pub async fn revoke_review_link(
    id: String,
    key: String,
    review_id: String,
) -> Result<(), StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let key = crate::keys::SecretKey::presented(&key);
    Ok(crate::reviews::store::revoke(&state.pool, &id, &key, &review_id).await?)
}

/// Marks a comment resolved.
#[server(prefix = "/rpc", endpoint = "resolve_comment", input = Compact, output = Compact)]
pub async fn resolve_comment(id: String, key: String, comment_id: i64) -> Result<(), StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let key = crate::keys::SecretKey::presented(&key);
    Ok(crate::reviews::store::resolve(&state.pool, &id, &key, comment_id).await?)
}

/// Freezes the current design as a named milestone.
#[server(prefix = "/rpc", endpoint = "create_milestone", input = Compact, output = Compact)]
pub async fn create_milestone(id: String, key: String, name: String) -> Result<(), StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let key = crate::keys::SecretKey::presented(&key);
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StudioError::BadInput(
            "Name the milestone in 1 to 100 characters.".into(),
        ));
    }
    crate::reviews::milestones::create(&state.pool, &id, &key, name, &crate::browser::today())
        .await?;
    Ok(())
}

/// Compares a milestone (or `current`) with another (or `current`).
#[server(prefix = "/rpc", endpoint = "compare_designs", input = Compact, output = Compact)]
pub async fn compare_designs(
    id: String,
    key: String,
    from: String,
    to: String,
) -> Result<crate::reviews::Comparison, StudioError> {
    let state = server_side::state()?;
    let id = crate::keys::DesignId::parse(&id).ok_or(crate::store::StoreError::NotFound)?;
    let key = crate::keys::SecretKey::presented(&key);
    // An end that names neither the current design nor a milestone id is as
    // unknown as a milestone that does not exist.
    let end = |text: &str| {
        crate::reviews::DesignState::parse(text).ok_or(crate::store::StoreError::NotFound)
    };
    let (from, to) = (end(&from)?, end(&to)?);
    let old = crate::reviews::milestones::design_at(&state.pool, &id, &key, &from).await?;
    let new = crate::reviews::milestones::design_at(&state.pool, &id, &key, &to).await?;
    let today = crate::browser::today();
    Ok(crate::reviews::Comparison::of(&old, &new, &today).with_repository(&old, &new, &today))
}
