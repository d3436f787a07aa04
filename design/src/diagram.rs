//! The architecture diagram: an SVG drawn from the design. Boxes sit on a
//! fixed grid and every label is cut to its box's width, so nothing overlaps
//! whatever the names are.

use std::fmt::Write;

use crate::choices::{Choice, LogStack, Mesh, MetricsStack, PolicyEngine, TracingBackend};
use crate::model::PlatformDesign;

const CHAR_WIDTH: f64 = 7.0; // at 12 px, generous for proportional fonts
const LINE: f64 = 17.0;
const PAD: f64 = 10.0;
const LEFT_X: f64 = 16.0;
const LEFT_W: f64 = 170.0;
const MID_X: f64 = 226.0;
const MID_W: f64 = 300.0;
const RIGHT_X: f64 = 566.0;
const RIGHT_W: f64 = 250.0;
const WIDTH: f64 = 832.0;

/// Escapes text for SVG.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `10000000` → `10,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Cuts `text` to fit `width` pixels.
fn fit(text: &str, width: f64) -> String {
    let max = ((width - 2.0 * PAD) / CHAR_WIDTH).floor().max(4.0) as usize;
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

struct Card {
    title: String,
    lines: Vec<String>,
    class: &'static str,
}

impl Card {
    fn height(&self) -> f64 {
        PAD * 2.0 + LINE * (1 + self.lines.len()) as f64
    }
}

/// Draws a column of cards from `y`; returns each card's vertical centre and the bottom.
fn column(svg: &mut String, x: f64, width: f64, mut y: f64, cards: &[Card]) -> (Vec<f64>, f64) {
    let mut centres = Vec::new();
    for card in cards {
        let height = card.height();
        let _ = write!(
            svg,
            r#"<g class="node {}"><rect x="{x}" y="{y}" width="{width}" height="{height}" rx="6"/>"#,
            card.class
        );
        let _ = write!(
            svg,
            r#"<text class="title" x="{}" y="{}">{}</text>"#,
            x + PAD,
            y + PAD + 12.0,
            xml(&fit(&card.title, width))
        );
        for (i, line) in card.lines.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}">{}</text>"#,
                x + PAD,
                y + PAD + 12.0 + LINE * (i + 1) as f64,
                xml(&fit(line, width))
            );
        }
        svg.push_str("</g>");
        centres.push(y + height / 2.0);
        y += height + 18.0;
    }
    (centres, y)
}

/// The diagram of `design` as a standalone SVG document.
pub fn svg(design: &PlatformDesign) -> String {
    let spec = &design.spec;
    let cluster = &spec.cluster;
    let plan = crate::plan::Plan::of(design);
    // Each cluster with its region, environments and the pools placed in it.
    let clusters: Vec<Card> = plan
        .clusters
        .iter()
        .map(|c| {
            let envs: Vec<&str> = c.environments.iter().map(|e| e.as_str()).collect();
            let mut lines = vec![
                format!(
                    "{} · Kubernetes {}",
                    cluster.provider.label(),
                    cluster.kubernetes_version
                ),
                format!(
                    "{} zone(s) in {}{}",
                    cluster.zones,
                    c.region,
                    if c.standby { " · standby" } else { "" }
                ),
                format!("namespaces: {}", envs.join(", ")),
            ];
            lines.extend(c.node_pools.iter().map(|p| {
                format!(
                    "pool {}: {} × {} ({})",
                    p.name,
                    p.min_nodes.max(p.desired_nodes),
                    p.instance_type,
                    p.purchase.label()
                )
            }));
            if spec.security.mesh != Mesh::None {
                lines.push(format!(
                    "mesh: {} (mTLS {})",
                    spec.security.mesh.label(),
                    spec.security.mtls.label()
                ));
            }
            Card {
                title: format!("Cluster {}", c.name),
                lines,
                class: "cluster",
            }
        })
        .collect();

    let left = vec![
        Card {
            title: "Users".into(),
            lines: std::iter::once(format!(
                "{} requests/day",
                thousands(spec.workload.traffic.requests_per_day)
            ))
            .chain(cluster.multi_region.iter().flat_map(|m| {
                [
                    format!("{} regions", m.regions.len() + 1),
                    m.global_traffic.label().to_owned(),
                ]
            }))
            .collect(),
            class: "external",
        },
        Card {
            title: "Ingress".into(),
            lines: vec![
                cluster.ingress.label().into(),
                if cluster.private_endpoint {
                    "private API endpoint".into()
                } else {
                    "public API endpoint".into()
                },
            ],
            class: "entry",
        },
        Card {
            title: "Data".into(),
            lines: vec![
                if spec.workload.data.external_managed_databases {
                    "managed databases".into()
                } else {
                    "no managed databases".into()
                },
                if spec.workload.data.backups {
                    "backups on".into()
                } else {
                    "no backups".into()
                },
            ]
            .into_iter()
            .chain(
                cluster
                    .multi_region
                    .as_ref()
                    .map(|m| format!("data: {}", m.data_replication.label())),
            )
            .collect(),
            class: "external",
        },
    ];

    let obs = &spec.observability;
    let mut observability = Vec::new();
    if obs.metrics != MetricsStack::None {
        observability.push(format!(
            "metrics: {}, {} d",
            obs.metrics.label(),
            obs.metrics_retention_days
        ));
    }
    if obs.logs != LogStack::None {
        observability.push(format!(
            "logs: {}, {} d",
            obs.logs.label(),
            obs.log_retention_days
        ));
    }
    if obs.tracing != TracingBackend::None {
        observability.push(format!(
            "traces: {}, {} %",
            obs.tracing.label(),
            obs.trace_sampling_percent
        ));
    }
    if observability.is_empty() {
        observability.push("none".into());
    }
    let mut right = vec![
        Card {
            title: format!("GitOps: {}", spec.gitops.tool.label()),
            lines: vec![
                spec.gitops.repo_url.clone(),
                format!("branch {}", spec.gitops.branch),
                format!(
                    "delivery: {}",
                    spec.gitops.progressive_delivery.tool.label()
                ),
            ],
            class: "platform",
        },
        Card {
            title: format!("Secrets: {}", spec.gitops.secrets.label()),
            lines: vec![],
            class: "platform",
        },
        Card {
            title: "Observability".into(),
            lines: observability,
            class: "platform",
        },
    ];
    if spec.security.policy_engine != PolicyEngine::None {
        right.push(Card {
            title: format!("Policies: {}", spec.security.policy_engine.label()),
            lines: vec![format!(
                "Pod Security: {}",
                spec.security.pod_security.label()
            )],
            class: "platform",
        });
    }

    let mut body = String::new();
    let (left_centres, left_bottom) = column(&mut body, LEFT_X, LEFT_W, 16.0, &left);
    let (cluster_centres, mid_bottom) = column(&mut body, MID_X, MID_W, 16.0, &clusters);
    let (right_centres, right_bottom) = column(&mut body, RIGHT_X, RIGHT_W, 16.0, &right);
    let height = left_bottom.max(mid_bottom).max(right_bottom);

    let mut edges = String::new();
    // Ingress → each cluster; GitOps → each cluster (it reconciles them all).
    for centre in &cluster_centres {
        let _ = write!(
            edges,
            r#"<line class="edge" x1="{}" y1="{}" x2="{MID_X}" y2="{centre}"/>"#,
            LEFT_X + LEFT_W,
            left_centres[1]
        );
        let _ = write!(
            edges,
            r#"<line class="edge gitops" x1="{RIGHT_X}" y1="{}" x2="{}" y2="{centre}"/>"#,
            right_centres[0],
            MID_X + MID_W
        );
    }
    // Users → ingress, through the gap between their cards only.
    let users_bottom = 16.0 + left[0].height();
    let _ = write!(
        edges,
        r#"<line class="edge" x1="{0}" y1="{users_bottom}" x2="{0}" y2="{1}"/>"#,
        LEFT_X + LEFT_W / 2.0,
        users_bottom + 18.0
    );

    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="diagram-title" font-family="system-ui, sans-serif" font-size="12"><title id="diagram-title">Architecture of {}</title><style>.node rect{{fill:#f3f6f8;stroke:#5b6b78}}.cluster rect{{fill:#e8f0f6;stroke:#0b3d5c}}.platform rect{{fill:#fff8e1;stroke:#7a5200}}.title{{font-weight:700}}.edge{{stroke:#5b6b78;stroke-width:1.2}}.gitops{{stroke-dasharray:4 3}}text{{fill:#14212b}}</style>{edges}{body}</svg>"#,
        xml(&design.metadata.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_cut_to_fit() {
        let mut design = PlatformDesign::named("A <b>bold</b> & \"quoted\" platform");
        design.spec.cluster.region = "x".repeat(200);
        let svg = svg(&design);
        assert!(svg.contains("A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; platform"));
        assert!(!svg.contains(&"x".repeat(60)), "long text is cut");
    }

    #[test]
    fn big_numbers_get_separators() {
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn each_region_shows_its_clusters_and_the_way_in() {
        let d = crate::presets::find("enterprise-aks")
            .expect("preset")
            .design();
        let drawn = svg(&d);
        assert!(drawn.contains("Cluster enterprise-prod-northeurope"));
        assert!(drawn.contains("3 zone(s) in northeurope · standby"));
        assert!(drawn.contains("3 zone(s) in westeurope<"));
        assert!(drawn.contains(">2 regions<"));
        assert!(drawn.contains(">Global load balancer<"));
        assert!(drawn.contains(">data: Asynchronous<"));
    }

    #[test]
    fn one_cluster_box_per_cluster_of_the_topology() {
        use crate::choices::Topology;
        let mut design = PlatformDesign::default();
        for (topology, expected) in [
            (Topology::Single, 1),
            (Topology::ProdAndNonProd, 2),
            (Topology::PerEnvironment, 3),
        ] {
            design.spec.cluster.topology = topology;
            assert_eq!(
                svg(&design).matches(r#"class="node cluster""#).count(),
                expected,
                "{topology:?}"
            );
        }
    }
}
