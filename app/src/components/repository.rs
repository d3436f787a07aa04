//! The generated repository in the browser: the download, a file tree, and
//! the text of the file picked in it.

use leptos::prelude::*;

use crate::wire::{PreviewFile, RepositoryPreview};

/// A directory or a file (by its index in the preview's list).
enum Node {
    Dir(String, Vec<Node>),
    File(String, usize),
}

/// Files sorted by path become a tree: directories first, each sorted.
fn tree(files: &[PreviewFile]) -> Vec<Node> {
    fn insert(nodes: &mut Vec<Node>, parts: &[&str], index: usize) {
        match parts {
            [] => {}
            [file] => nodes.push(Node::File((*file).to_owned(), index)),
            [dir, rest @ ..] => {
                let position = nodes
                    .iter()
                    .position(|n| matches!(n, Node::Dir(name, _) if name == dir));
                let position = position.unwrap_or_else(|| {
                    nodes.push(Node::Dir((*dir).to_owned(), Vec::new()));
                    nodes.len() - 1
                });
                if let Node::Dir(_, children) = &mut nodes[position] {
                    insert(children, rest, index);
                }
            }
        }
    }
    fn order(nodes: &mut [Node]) {
        nodes.sort_by(|a, b| match (a, b) {
            (Node::Dir(x, _), Node::Dir(y, _)) | (Node::File(x, _), Node::File(y, _)) => x.cmp(y),
            (Node::Dir(..), Node::File(..)) => std::cmp::Ordering::Less,
            (Node::File(..), Node::Dir(..)) => std::cmp::Ordering::Greater,
        });
        for node in nodes {
            if let Node::Dir(_, children) = node {
                order(children);
            }
        }
    }
    let mut root = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let parts: Vec<&str> = file.path.split('/').collect();
        insert(&mut root, &parts, index);
    }
    order(&mut root);
    root
}

fn render(
    nodes: Vec<Node>,
    files: StoredValue<Vec<PreviewFile>>,
    selected: RwSignal<usize>,
) -> AnyView {
    view! {
        <ul>
            {nodes.into_iter().map(|node| match node {
                Node::Dir(name, children) => view! {
                    <li>
                        <details open>
                            <summary>{format!("{name}/")}</summary>
                            {render(children, files, selected)}
                        </details>
                    </li>
                }.into_any(),
                Node::File(name, index) => {
                    let path = files.with_value(|f| f[index].path.clone());
                    view! {
                        <li>
                            // Styled and found through the tree (`.repo-tree button`):
                            // a review page lists hundreds of these.
                            <button
                                type="button"
                                data-path=path
                                aria-pressed=move || (selected.get() == index).to_string()
                                on:click=move |_| selected.set(index)
                            >
                                {name}
                            </button>
                        </li>
                    }.into_any()
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The repository a design exports, or why it cannot be exported yet. A
/// lazy preview (review pages) fetches each file through `review_token`
/// when it is opened, and downloads the archive from the review link.
#[component]
pub fn RepositoryView(
    preview: RepositoryPreview,
    #[prop(optional)] review_token: Option<String>,
) -> impl IntoView {
    if !preview.problems.is_empty() {
        return view! {
            <div class="card" data-test="export-problems" role="status">
                <p>"The repository can be generated once these are fixed:"</p>
                <ul class="problems">
                    {preview.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </div>
        }
        .into_any();
    }
    let start = preview
        .files
        .iter()
        .position(|f| f.path == "README.md")
        .unwrap_or_default();
    let selected = RwSignal::new(start);
    let count = preview.files.len();
    let nodes = tree(&preview.files);
    let files = StoredValue::new(preview.files);
    let (href, token) = match (preview.lazy, review_token) {
        (true, Some(token)) => (format!("/api/reviews/{token}/bundle.zip"), Some(token)),
        _ => (
            format!("data:application/zip;base64,{}", preview.zip_base64),
            None,
        ),
    };
    // Contents fetched so far, by index; a lazy preview carries only the README's.
    let fetched = RwSignal::new(std::collections::HashMap::<usize, String>::new());
    if let Some(token) = token {
        let token = StoredValue::new(token);
        Effect::new(move |_| {
            let index = selected.get();
            let (path, inline) = files.with_value(|f| {
                f.get(index)
                    .map(|f| (f.path.clone(), !f.content.is_empty()))
                    .unwrap_or_default()
            });
            if inline || fetched.with_untracked(|f| f.contains_key(&index)) {
                return;
            }
            leptos::task::spawn_local(async move {
                let text = match crate::rpc::review_file(token.get_value(), path).await {
                    Ok(Some(text)) => text,
                    Ok(None) => "This review link is no longer valid.".to_owned(),
                    Err(error) => error.to_string(),
                };
                fetched.update(|f| {
                    f.insert(index, text);
                });
            });
        });
    }
    let content = move || {
        let index = selected.get();
        let inline =
            files.with_value(|f| f.get(index).map(|f| f.content.clone()).unwrap_or_default());
        if inline.is_empty() {
            fetched.with(|f| {
                f.get(&index)
                    .cloned()
                    .unwrap_or_else(|| "Loading…".to_owned())
            })
        } else {
            inline
        }
    };
    view! {
        <p class="downloads">
            <a class="button" data-test="download-repository" download=preview.archive_name.clone() href=href>
                {format!("Download repository ({count} files)")}
            </a>
        </p>
        <div class="repository" data-test="repository">
            <nav class="repo-tree" aria-label="Repository files">{render(nodes, files, selected)}</nav>
            <div class="repo-file">
                <p class="muted"><code data-test="repo-file-path">{move || files.with_value(|f| f.get(selected.get()).map(|f| f.path.clone()).unwrap_or_default())}</code></p>
                <pre class="file-preview" data-test="repo-file" tabindex="0" aria-label="File content">
                    {content}
                </pre>
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> PreviewFile {
        PreviewFile {
            path: path.into(),
            content: String::new(),
        }
    }

    #[test]
    fn directories_come_before_files_at_every_level() {
        let files = vec![
            file("README.md"),
            file("docs/a.md"),
            file("apps/x/k.yaml"),
            file("apps/b.yaml"),
        ];
        let root = tree(&files);
        let names: Vec<String> = root
            .iter()
            .map(|n| match n {
                Node::Dir(name, _) => format!("{name}/"),
                Node::File(name, _) => name.clone(),
            })
            .collect();
        assert_eq!(names, ["apps/", "docs/", "README.md"]);
        let Node::Dir(_, apps) = &root[0] else {
            panic!("apps is a directory")
        };
        assert!(matches!(&apps[0], Node::Dir(name, _) if name == "x"));
        assert!(matches!(&apps[1], Node::File(name, 3) if name == "b.yaml"));
    }
}
