//! The platform plan: the single answer to "what does this design deploy".
//!
//! A design states choices; the plan turns them into the facts every view
//! needs — clusters with their full names and the environments they host,
//! the node pools in each cluster, application namespaces, replicas and
//! requests per environment, the component set and the dataplane. The
//! diagram, the estimate, the Cost and Cluster steps, the critique rules and
//! the export all read the plan; none of them works these facts out again.
//!
//! Building the plan also checks every name it derives against the limits of
//! the object or cloud resource it ends up in. Those problems are field
//! errors of the design ([`Plan::problems`]), reported by validation, so a
//! design that validates always exports.

pub mod catalog;
mod clusters;
mod components;
pub mod dataplane;
pub mod footprint;
mod inputs;
mod services;
mod sources;
mod tenants;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::PlatformDesign;
use crate::validate::FieldError;

pub use catalog::Chart;
pub use clusters::{
    node_size as clusters_node_size, PlannedCluster, PlannedPool, CLUSTER_NAME_LIMITS,
};
pub use components::{cluster_crds, components, installed_by_hand, wants_vpa};
pub use dataplane::Dataplane;
pub use footprint::{Footprint, PlatformWorkload, Spread};
pub use inputs::{inputs, Provided, RequiredInput};
pub use services::{
    Namespace, PlannedEnvironment, PlannedService, Requests, ServiceInEnvironment, WorkloadKind,
};
pub use sources::{Source, SourceKind};
pub use tenants::{sync_environments, PlannedTenant, UNASSIGNED_COST_CENTRE};

/// Everything a design deploys, derived once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The design's title as a DNS label: the repository folder and the
    /// `app.kubernetes.io/part-of` label of every object.
    pub slug: String,
    /// The clusters the topology asks for, in a stable order.
    pub clusters: Vec<PlannedCluster>,
    /// The environments in promotion order, each with its cluster.
    pub environments: Vec<PlannedEnvironment>,
    /// The service groups with what they run in each environment.
    pub services: Vec<PlannedService>,
    /// The teams that own the service groups (one per group when the design
    /// declares none), each group owned by one team.
    pub tenants: Vec<PlannedTenant>,
    /// Whether application namespaces carry the environment as a suffix
    /// (some cluster hosts more than one environment).
    pub env_suffixed_namespaces: bool,
    /// The platform components the design chose, in install order.
    pub components: Vec<Chart>,
    /// How packets and requests move: CNI, mesh, mTLS, ingress.
    pub dataplane: Dataplane,
    /// What the platform itself runs in each cluster, with the requests the
    /// export writes into the charts' values.
    pub footprint: Footprint,
    /// API groups the managed cluster serves itself (its add-ons).
    pub cluster_crds: Vec<&'static str>,
    /// Components the team installs by hand before GitOps runs, in order.
    pub by_hand: Vec<Chart>,
    /// Where each component (by catalogue key) is pulled from.
    pub sources: BTreeMap<&'static str, Source>,
    /// The registry that mirrors charts and images, when clusters have no
    /// internet access.
    pub mirror: Option<String>,
    /// Upstream image registries the components pull from: what a mirror
    /// must proxy (sorted, each once).
    pub image_registries: Vec<&'static str>,
    /// Derived names that break a limit, as errors on the field to change.
    #[serde(skip)]
    problems: Vec<FieldError>,
}

impl Plan {
    /// Derives the plan of `design`. Never fails: a derived name that breaks a
    /// limit is recorded in [`Plan::problems`] and kept as it is, so views of a
    /// design being edited still show something.
    pub fn of(design: &PlatformDesign) -> Self {
        let mut problems = Vec::new();
        components::conflicts(design, &mut problems);
        let clusters = clusters::clusters(design, &mut problems);
        let env_suffixed_namespaces = clusters.iter().any(|c| c.environments.len() > 1);
        let environments = services::environments(design, &clusters);
        let services = services::services(
            design,
            &environments,
            env_suffixed_namespaces,
            &mut problems,
        );
        let tenants = tenants::tenants(design, &environments, &mut problems);
        let components = components(design);
        // The busiest cluster's series: application replicas and nodes.
        let metrics_series = clusters
            .iter()
            .map(|c| {
                let pods: u64 = services
                    .iter()
                    .map(|s| s.pods_where(|env| c.environments.contains(env)))
                    .fold(0, u64::saturating_add);
                let nodes: u64 = c
                    .node_pools
                    .iter()
                    .map(|p| u64::from(p.desired_nodes))
                    .sum();
                pods.saturating_mul(footprint::SERIES_PER_REPLICA)
                    .saturating_add(nodes.saturating_mul(footprint::SERIES_PER_NODE))
            })
            .max()
            .unwrap_or(0);
        let footprint = footprint::footprint(design, &components, metrics_series);
        let mut services = services;
        if let Some(sidecar) = &footprint.sidecar {
            // Every pod carries the proxy: the namespace quota must hold its limits too.
            for s in &mut services {
                for e in &mut s.environments {
                    let pods = u64::from(s.count).saturating_mul(u64::from(e.max_replicas));
                    e.limits = e.limits.plus(footprint::times(sidecar.limits(), pods));
                }
            }
        }
        let mirror = design.spec.cluster.mirror.clone();
        let mut image_registries: Vec<_> = components
            .iter()
            .flat_map(|c| c.registries.iter().copied())
            .collect();
        if design.spec.gitops.tool == crate::choices::GitopsTool::Flux {
            // Flux's own controllers, which `flux bootstrap` installs.
            image_registries.push("ghcr.io");
        }
        image_registries.sort_unstable();
        image_registries.dedup();
        Self {
            slug: crate::names::slugify(&design.metadata.name, "platform"),
            clusters,
            environments,
            services,
            tenants,
            env_suffixed_namespaces,
            by_hand: installed_by_hand(design, &components),
            sources: components
                .iter()
                .map(|c| (c.key, Source::of(c, &mirror)))
                .collect(),
            image_registries,
            mirror: (!mirror.is_empty()).then_some(mirror),
            footprint,
            components,
            dataplane: Dataplane::of(design),
            cluster_crds: cluster_crds(design),
            problems,
        }
    }

    /// Choices that cannot be combined as `design` has them, without
    /// deriving the rest of the plan (cheap enough to ask per option).
    pub fn conflicts(design: &PlatformDesign) -> Vec<FieldError> {
        let mut problems = Vec::new();
        components::conflicts(design, &mut problems);
        problems
    }

    /// Derived names that break a Kubernetes or cloud limit, each tied to the
    /// design field to change. Empty for every design that validates.
    pub fn problems(&self) -> &[FieldError] {
        &self.problems
    }

    /// The cluster that hosts `environment`.
    pub fn cluster_of(&self, environment: &str) -> Option<&PlannedCluster> {
        self.clusters
            .iter()
            .find(|c| c.environments.iter().any(|e| e.as_str() == environment))
    }

    /// The team that owns the service group `service`.
    pub fn tenant_of(&self, service: &str) -> Option<&PlannedTenant> {
        self.tenants
            .iter()
            .find(|t| t.services.iter().any(|s| s == service))
    }

    /// Whether the design installs the component with this catalogue key.
    pub fn has(&self, key: &str) -> bool {
        self.components.iter().any(|c| c.key == key)
    }

    /// What the applications request in `environment`, every service at its
    /// minimum replicas there.
    pub fn requests_in(&self, environment: &str) -> Requests {
        self.services
            .iter()
            .filter_map(|s| {
                s.environments
                    .iter()
                    .find(|e| e.env.as_str() == environment)
            })
            .fold(Requests::ZERO, |total, e| total.plus(e.requests))
    }

    /// What the applications request in each environment, in promotion order.
    pub fn requests_per_environment(&self) -> Vec<(String, Requests)> {
        self.environments
            .iter()
            .map(|e| (e.name.to_string(), self.requests_in(e.name.as_str())))
            .collect()
    }

    /// What the applications request in each cluster.
    pub fn requests_per_cluster(&self) -> Vec<(&PlannedCluster, Requests)> {
        self.clusters
            .iter()
            .map(|c| {
                let total = c
                    .environments
                    .iter()
                    .fold(Requests::ZERO, |t, e| t.plus(self.requests_in(e.as_str())));
                (c, total)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
