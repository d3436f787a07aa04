//! Which template becomes which file, and the rendering loop.

use std::sync::OnceLock;

use design::choices::{Choice, GitopsTool};
use design::PlatformDesign;
use tera::Tera;

use crate::context::Context;
use crate::{filters, Bundle, ExportError, File};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/templates.rs"));
}

/// The parsed templates, built once per process.
fn engine() -> Result<&'static Tera, ExportError> {
    static ENGINE: OnceLock<Result<Tera, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut tera = Tera::default();
            tera.autoescape_on(Vec::new());
            tera.register_filter("yaml", filters::yaml);
            tera.register_filter("hcl", filters::hcl);
            tera.register_filter("md", filters::md);
            tera.register_filter("indent", filters::indent);
            tera.register_filter("yaml_block", filters::yaml_block);
            tera.register_filter("yaml_prose", filters::yaml_prose);
            tera.add_raw_templates(embedded::TEMPLATES.iter().copied())
                .map_err(|e| format!("{e:?}"))?;
            Ok(tera)
        })
        .as_ref()
        .map_err(|detail| ExportError::Template {
            template: "(all)".into(),
            detail: detail.clone(),
        })
}

/// Where a template's output goes for the chosen GitOps tool, or `None`
/// when the template belongs to the other tool's layout.
fn layout_path(template: &str, tool: GitopsTool) -> Option<String> {
    let argo_only = ["bootstrap/", "platform/_component_/application.yaml"];
    let flux_only = [
        "clusters/",
        "infrastructure/",
        "tenants/",
        "platform/_component_/flux-",
    ];
    let mut path = template.to_owned();
    match tool {
        GitopsTool::ArgoCd => {
            if flux_only.iter().any(|p| template.starts_with(p)) {
                return None;
            }
        }
        GitopsTool::Flux => {
            if argo_only.iter().any(|p| template.starts_with(p)) {
                return None;
            }
            if let Some(rest) = template.strip_prefix("platform/configs/") {
                path = format!("infrastructure/configs/{rest}");
            } else if let Some(rest) = template.strip_prefix("platform/") {
                let rest = rest.replace("/flux-", "/");
                path = format!("infrastructure/controllers/{rest}");
            } else if let Some(rest) = template.strip_prefix("applications/overlays/") {
                path = format!("apps/{rest}");
            } else if let Some(rest) = template.strip_prefix("applications/") {
                path = format!("apps/{rest}");
            }
        }
    }
    Some(path)
}

/// An output path and the per-file variables it is rendered with.
type Variant<'a> = (String, Vec<(&'static str, &'a serde_json::Value)>);

/// Each variant whose path has `marker` becomes one per item, with `var`
/// bound to the item's value.
fn expand<'a>(
    variants: Vec<Variant<'a>>,
    marker: &str,
    var: &'static str,
    items: &'a [(String, serde_json::Value)],
) -> Vec<Variant<'a>> {
    if !variants.iter().any(|(p, _)| p.contains(marker)) {
        return variants;
    }
    let mut out = Vec::with_capacity(variants.len() * items.len());
    for (p, vars) in variants {
        for (name, value) in items {
            let mut vars = vars.clone();
            vars.push((var, value));
            out.push((p.replace(marker, name), vars));
        }
    }
    out
}

/// Renders every file of the repository.
pub fn render(design: &PlatformDesign, today: &design::IsoDate) -> Result<Bundle, ExportError> {
    let review = design::critique::critique(design, today);
    let ctx = Context::new(design, &review)?;
    let tera = engine()?;
    let mut base = tera::Context::from_serialize(&ctx).map_err(|e| ExportError::Template {
        template: "(context)".into(),
        detail: e.to_string(),
    })?;
    let tool = design.spec.gitops.tool;
    let provider = design.spec.cluster.provider.wire();
    let mut files = Vec::new();
    // What each repeated path segment stands for, serialised once.
    let services: Vec<_> = ctx
        .services
        .iter()
        .map(|s| (s.name.clone(), json(s)))
        .collect();
    let envs: Vec<_> = ctx.envs.iter().map(|e| (e.name.clone(), json(e))).collect();
    let teams: Vec<_> = ctx
        .tenants
        .iter()
        .map(|t| (t.name.clone(), json(t)))
        .collect();
    let clusters: Vec<_> = ctx
        .clusters
        .iter()
        .map(|c| (c.name.clone(), json(c)))
        .collect();
    let components: Vec<_> = ctx
        .components
        .iter()
        .filter(|c| c.key != design::plan::catalog::ARGO_CD.key)
        .map(|c| (c.key.to_owned(), json(c)))
        .collect();

    for (template, _) in embedded::TEMPLATES {
        if template.starts_with("_macros/") {
            continue;
        }
        let Some(path) = layout_path(template, tool) else {
            continue;
        };
        if let Some(rest) = template.strip_prefix("terraform/") {
            if !rest.starts_with(&format!("{provider}/")) {
                continue;
            }
        }
        // A chart's own values render only when the design chose the chart.
        if let Some(rest) = template.strip_prefix("platform/") {
            let key = rest.split('/').next().unwrap_or_default();
            if key != "_component_"
                && key != "configs"
                && !ctx.has.get(key).copied().unwrap_or(false)
            {
                continue;
            }
        }
        let mut variants: Vec<Variant> = vec![(path, vec![])];
        variants = expand(variants, "_service_", "service", &services);
        variants = expand(variants, "_env_", "env", &envs);
        variants = expand(variants, "_team_", "team", &teams);
        variants = expand(variants, "_cluster_", "cluster", &clusters);
        variants = expand(variants, "_component_", "component", &components);
        // Consecutive variants often share a value (a cluster across its
        // components, a service across its environments): a variable is
        // inserted again only when it changes, as inserting copies the value.
        let mut inserted: Vec<(&'static str, &serde_json::Value)> = Vec::new();
        for (path, vars) in variants {
            for &(name, value) in &vars {
                let current = inserted
                    .iter()
                    .any(|&(n, v)| n == name && std::ptr::eq(v, value));
                if !current {
                    base.insert(name, value);
                    inserted.retain(|&(n, _)| n != name);
                    inserted.push((name, value));
                }
            }
            let text = tera
                .render(template, &base)
                .map_err(|e| ExportError::Template {
                    template: (*template).to_owned(),
                    detail: error_chain(&e),
                })?;

            if !text.trim().is_empty() {
                let mut content = tidy(&text);
                if path.ends_with(".tf") {
                    content = crate::hcl_layout::layout(&content);
                }
                files.push(File { path, content });
            }
        }
        for (name, _) in inserted {
            base.remove(name);
        }
    }

    files.push(File {
        path: "platform-design.yaml".into(),
        content: filters::yaml_document(&json(design)),
    });
    files.push(File {
        path: "docs/architecture.svg".into(),
        content: design::diagram::svg(design),
    });
    let records = design::decisions::records(design, today);
    files.push(File {
        path: "docs/decisions.md".into(),
        content: design::report::markdown_with(design, today, &records)
            + &crate::update::change_log_section(),
    });
    for record in &records {
        files.push(File {
            path: record.file(),
            content: design::decisions::adr_markdown(record, &design.metadata.name),
        });
    }
    files.push(File {
        path: format!("{}/README.md", design::decisions::ADR_DIR),
        content: design::decisions::adr_index(&records, &design.metadata.name),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let provenance = crate::provenance::of(&files);
    files.push(provenance);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Bundle {
        root: ctx.slug.clone(),
        files,
    })
}

/// Collapses runs of blank lines left by template conditions and ends the
/// file with exactly one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim_start_matches('\n').lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn error_chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// A part of the context as a per-file template variable.
fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flux_moves_the_shared_templates_into_its_layout() {
        assert_eq!(
            layout_path("applications/base/_service_/service.yaml", GitopsTool::Flux).as_deref(),
            Some("apps/base/_service_/service.yaml")
        );
        assert_eq!(
            layout_path("platform/_component_/flux-release.yaml", GitopsTool::Flux).as_deref(),
            Some("infrastructure/controllers/_component_/release.yaml")
        );
        assert_eq!(
            layout_path("bootstrap/_cluster_/root.yaml", GitopsTool::Flux),
            None
        );
        assert_eq!(
            layout_path("clusters/_cluster_/apps.yaml", GitopsTool::ArgoCd),
            None
        );
    }

    #[test]
    fn tidy_collapses_blank_runs() {
        assert_eq!(tidy("\n\na: 1\n\n\n\nb: 2\n\n"), "a: 1\n\nb: 2\n");
    }
}
