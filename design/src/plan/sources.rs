//! Where each component is pulled from: its upstream repository, or the
//! design's mirror when the clusters have no internet access.
//!
//! With a mirror every Helm chart is an OCI artifact under
//! `oci://<mirror>/charts/<chart>`, plain manifests (the Gateway API
//! definitions) an OCI artifact under `oci://<mirror>/manifests/<key>`, and
//! nodes pull every image through the mirror (`<mirror>/<upstream
//! registry>/…`, see the containerd configuration the export writes).

use serde::Serialize;

use super::catalog::Chart;

/// How a GitOps controller fetches a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A classic Helm repository (an `index.yaml` over HTTPS).
    HelmRepository,
    /// A Helm chart stored in an OCI registry.
    HelmOci,
    /// Plain manifests at a tag of a Git repository.
    Git,
    /// Plain manifests stored as an OCI artifact.
    OciManifests,
}

/// One component's source, spelt for each tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub kind: SourceKind,
    /// The URL as Flux and Helm spell it (`oci://` for OCI).
    pub url: String,
    /// The URL as an Argo CD Application spells it: Helm charts in OCI
    /// registries go without the scheme (with a repository entry that turns
    /// OCI on); OCI manifests keep it.
    pub argo_url: String,
    /// Chart name, or the folder of manifests inside the source.
    pub chart: &'static str,
    /// Chart version or tag.
    pub version: &'static str,
    /// Whether it is plain manifests rather than a chart.
    pub manifests: bool,
    /// Whether it is served from an OCI registry.
    pub oci: bool,
}

impl Source {
    /// Where `chart` comes from, given the design's mirror (empty: none).
    pub fn of(chart: &Chart, mirror: &str) -> Self {
        let git = chart.is_git();
        let (kind, url, path) = match (mirror.is_empty(), git) {
            (true, true) => (SourceKind::Git, chart.repo.to_owned(), chart.chart),
            (true, false) if chart.is_oci() => {
                (SourceKind::HelmOci, chart.repo.to_owned(), chart.chart)
            }
            (true, false) => (
                SourceKind::HelmRepository,
                chart.repo.to_owned(),
                chart.chart,
            ),
            // A mirrored artifact holds only the manifests' folder, at its root.
            (false, true) => (
                SourceKind::OciManifests,
                format!("oci://{mirror}/manifests/{}", chart.key),
                ".",
            ),
            (false, false) => (
                SourceKind::HelmOci,
                format!("oci://{mirror}/charts"),
                chart.chart,
            ),
        };
        let argo_url = match kind {
            SourceKind::HelmOci => url.trim_start_matches("oci://").to_owned(),
            _ => url.clone(),
        };
        Self {
            kind,
            oci: matches!(kind, SourceKind::HelmOci | SourceKind::OciManifests),
            manifests: git,
            url,
            argo_url,
            chart: path,
            version: chart.version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::catalog;

    #[test]
    fn without_a_mirror_each_chart_comes_from_upstream() {
        let cert = Source::of(&catalog::CERT_MANAGER, "");
        assert_eq!(cert.kind, SourceKind::HelmRepository);
        assert_eq!(cert.url, catalog::CERT_MANAGER.repo);
        let karpenter = Source::of(&catalog::KARPENTER, "");
        assert_eq!(karpenter.kind, SourceKind::HelmOci);
        assert_eq!(karpenter.argo_url, "public.ecr.aws/karpenter");
        let gateway = Source::of(&catalog::GATEWAY_API, "");
        assert_eq!(gateway.kind, SourceKind::Git);
        assert_eq!(gateway.chart, "config/crd");
    }

    #[test]
    fn with_a_mirror_nothing_is_pulled_from_a_public_host() {
        for chart in catalog::ALL {
            let source = Source::of(chart, "registry.example.internal:5000");
            assert!(
                source
                    .url
                    .starts_with("oci://registry.example.internal:5000/"),
                "{}: {}",
                chart.key,
                source.url
            );
            assert!(source.oci);
            assert_eq!(source.version, chart.version);
        }
        let gateway = Source::of(&catalog::GATEWAY_API, "mirror.internal");
        assert_eq!(gateway.kind, SourceKind::OciManifests);
        assert_eq!(
            gateway.argo_url,
            "oci://mirror.internal/manifests/gateway-api"
        );
        let cert = Source::of(&catalog::CERT_MANAGER, "mirror.internal");
        assert_eq!(cert.argo_url, "mirror.internal/charts");
    }
}
