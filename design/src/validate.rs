//! Cross-field validation. Types already guarantee each value's shape (names
//! are DNS-1123 labels, choices are closed); these rules check how values fit
//! together. Every error names the field path, in the same dotted form the
//! design file uses, and says how to fix it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::choices::Choice;
use crate::model::{Cluster, PlatformDesign, Workload};
use crate::pricing;

/// One problem with a design, tied to the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `spec.cluster.nodePools[0].minNodes`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A design that passed [`validate`]; the only kind the studio stores.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidDesign(PlatformDesign);

impl ValidDesign {
    /// Checks `design`, returning every problem when it is invalid.
    pub fn new(design: PlatformDesign) -> Result<Self, Vec<FieldError>> {
        let errors = validate(&design);
        if errors.is_empty() {
            Ok(Self(design))
        } else {
            Err(errors)
        }
    }

    /// The design itself.
    pub fn get(&self) -> &PlatformDesign {
        &self.0
    }
}

pub mod bounds;
pub mod text;

pub use text::{text_problem, Lines, MAX_TITLE_CHARS};

/// Every problem with `design`; empty when it is valid.
pub fn validate(design: &PlatformDesign) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let title = design.metadata.name.trim();
    if title.is_empty() {
        errors.push(FieldError::new("metadata.name", "Give the design a name."));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.push(FieldError::new(
            "metadata.name",
            format!("Keep the name to {MAX_TITLE_CHARS} characters or fewer."),
        ));
    }
    workload(&design.spec.workload, &mut errors);
    cluster(&design.spec.cluster, &mut errors);
    gitops(design, &mut errors);
    observability(design, &mut errors);
    cost(design, &mut errors);
    exemptions(design, &mut errors);
    bounds::check(design, &mut errors);
    text::check(design, &mut errors);
    // Names the platform derives (clusters, namespaces, objects) must fit
    // their limits too, so that every valid design exports.
    errors.extend(crate::plan::Plan::of(design).problems().iter().cloned());
    errors
}

fn exemptions(design: &PlatformDesign, errors: &mut Vec<FieldError>) {
    for (i, exemption) in design.spec.exemptions.iter().enumerate() {
        let at = |field: &str| format!("spec.exemptions[{i}].{field}");
        if crate::critique::rule(&exemption.rule).is_none() {
            errors.push(FieldError::new(
                at("rule"),
                format!(
                    "There is no rule '{}'; see the rules page for the ids.",
                    exemption.rule
                ),
            ));
        }
        if exemption.reason.trim().is_empty() {
            errors.push(FieldError::new(
                at("reason"),
                "Say why the finding is accepted.",
            ));
        }
        if exemption.owner.trim().is_empty() {
            errors.push(FieldError::new(
                at("owner"),
                "Name who answers for the exemption.",
            ));
        }
    }
}

fn workload(workload: &Workload, errors: &mut Vec<FieldError>) {
    if workload.services.is_empty() {
        errors.push(FieldError::new(
            "spec.workload.services",
            "Add at least one service group.",
        ));
    }
    let mut seen = HashSet::new();
    for (i, group) in workload.services.iter().enumerate() {
        let at = |field: &str| format!("spec.workload.services[{i}].{field}");
        if !seen.insert(group.name.as_str()) {
            errors.push(FieldError::new(
                at("name"),
                format!(
                    "Another service group is already called '{}'; names must be unique.",
                    group.name
                ),
            ));
        }
        if group.count == 0 {
            errors.push(FieldError::new(
                at("count"),
                "A group holds at least one service.",
            ));
        }
        if group.cpu_request_millicores == 0 {
            errors.push(FieldError::new(
                at("cpuRequestMillicores"),
                "Request some CPU (at least 1 millicore) so the scheduler can place the pods.",
            ));
        }
        if group.cpu_limit_millicores < group.cpu_request_millicores {
            errors.push(FieldError::new(
                at("cpuLimitMillicores"),
                format!(
                    "The CPU limit must be at least the request ({} m).",
                    group.cpu_request_millicores
                ),
            ));
        }
        if group.memory_request_mebibytes == 0 {
            errors.push(FieldError::new(
                at("memoryRequestMebibytes"),
                "Request some memory (at least 1 MiB).",
            ));
        }
        if group.memory_limit_mebibytes < group.memory_request_mebibytes {
            errors.push(FieldError::new(
                at("memoryLimitMebibytes"),
                format!(
                    "The memory limit must be at least the request ({} MiB).",
                    group.memory_request_mebibytes
                ),
            ));
        }
        if group.min_replicas == 0 {
            errors.push(FieldError::new(
                at("minReplicas"),
                "Run at least one replica.",
            ));
        }
        if group.max_replicas < group.min_replicas {
            errors.push(FieldError::new(
                at("maxReplicas"),
                format!(
                    "The maximum must be at least the minimum ({}).",
                    group.min_replicas
                ),
            ));
        }
    }
    tenants(workload, errors);
    let traffic = &workload.traffic;
    if !(traffic.peak_factor >= 1.0 && traffic.peak_factor <= 100.0) {
        errors.push(FieldError::new(
            "spec.workload.traffic.peakFactor",
            "The peak factor is peak ÷ average, so it is between 1 and 100.",
        ));
    }
    if !(traffic.growth_factor_12_months > 0.0 && traffic.growth_factor_12_months <= 1000.0) {
        errors.push(FieldError::new(
            "spec.workload.traffic.growthFactor12Months",
            "Growth is next year's traffic ÷ today's: above 0 (1 means no growth), at most 1000.",
        ));
    }
    if workload.p99_latency_ms == 0 {
        errors.push(FieldError::new(
            "spec.workload.p99LatencyMs",
            "Set a p99 latency target above 0 ms.",
        ));
    }
    let mut regimes = HashSet::new();
    for (i, regime) in workload.compliance.iter().enumerate() {
        if !regimes.insert(*regime) {
            errors.push(FieldError::new(
                format!("spec.workload.compliance[{i}]"),
                format!("{} is listed twice.", regime.label()),
            ));
        }
    }
}

fn tenants(workload: &Workload, errors: &mut Vec<FieldError>) {
    let mut seen = HashSet::new();
    for (i, t) in workload.tenants.iter().enumerate() {
        let at = |field: &str| format!("spec.workload.tenants[{i}].{field}");
        if !seen.insert(t.name.as_str()) {
            errors.push(FieldError::new(
                at("name"),
                format!(
                    "Another team is already called '{}'; names must be unique.",
                    t.name
                ),
            ));
        }
        if t.owner.trim().is_empty() {
            errors.push(FieldError::new(
                at("owner"),
                "Name who answers for the team (a person or a mailbox).",
            ));
        }
        if t.cost_centre.is_empty() {
            errors.push(FieldError::new(
                at("costCentre"),
                "Name the cost centre the team's spend is charged to, e.g. cc-1042.",
            ));
        } else if let Some(problem) = crate::names::label_value_problem(&t.cost_centre) {
            errors.push(FieldError::new(at("costCentre"), problem));
        }
        for (field, group) in [
            ("developersGroup", &t.developers_group),
            ("onCallGroup", &t.on_call_group),
        ] {
            if group.trim().is_empty() {
                errors.push(FieldError::new(
                    at(field),
                    "Name the identity-provider group its people sign in with.",
                ));
            }
        }
        if t.services.is_empty() {
            errors.push(FieldError::new(
                at("services"),
                "A team owns at least one service group.",
            ));
        }
        // Rights follow groups: a group two teams share gets both teams' rights.
        for (field, group) in [
            ("developersGroup", &t.developers_group),
            ("onCallGroup", &t.on_call_group),
        ] {
            let group = group.trim();
            if let Some(other) = workload.tenants[..i]
                .iter()
                .find(|o| o.developers_group.trim() == group || o.on_call_group.trim() == group)
            {
                if !group.is_empty() {
                    errors.push(FieldError::new(
                        at(field),
                        format!(
                            "Team '{}' already signs in with '{group}'; give each team its own group, or its people get both teams' rights.",
                            other.name
                        ),
                    ));
                }
            }
        }
    }
}

/// Zones a region offers; regions we do not know get the common maximum.
fn zones_in_region(region: &str) -> u8 {
    match region {
        "us-east-1" => 6,
        "us-central1" => 4,
        "eastus" | "westeurope" | "europe-west1" => 3,
        _ => 3,
    }
}

/// A registry host as image references and OCI URLs carry it: a DNS name
/// with a dot, optionally `:port`, no scheme and no path.
fn is_registry_host(text: &str) -> bool {
    let (host, port) = match text.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (text, None),
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65_535).contains(&n))
    });
    text.len() <= text::MAX_DOMAIN_CHARS
        && host.contains('.')
        && crate::names::is_dns_subdomain(host)
        && port_ok
}

fn cluster(cluster: &Cluster, errors: &mut Vec<FieldError>) {
    if let Some(multi) = &cluster.multi_region {
        if multi.regions.is_empty() {
            errors.push(FieldError::new(
                "spec.cluster.multiRegion.regions",
                "Name at least one more region, or go back to one region.",
            ));
        }
        let mut seen = vec![cluster.region.as_str()];
        for (i, region) in multi.regions.iter().enumerate() {
            let path = format!("spec.cluster.multiRegion.regions[{i}]");
            if let Err(why) = crate::names::check_dns_label(region) {
                errors.push(FieldError::new(
                    path,
                    format!("Write the region as the provider spells it, e.g. us-west-2 or northeurope: it names clusters, so it {why}."),
                ));
            } else if seen.contains(&region.as_str()) {
                errors.push(FieldError::new(
                    path,
                    format!("'{region}' is already one of the design's regions; each region is listed once, the primary one in the Region field."),
                ));
            }
            seen.push(region);
        }
    }
    let domain = cluster.public_domain.as_str();
    if !domain.is_empty()
        && (!crate::names::is_dns_subdomain(domain)
            || !domain.contains('.')
            || domain.len() > text::MAX_DOMAIN_CHARS)
    {
        errors.push(FieldError::new(
            "spec.cluster.publicDomain",
            format!(
                "Write a DNS domain in lowercase, e.g. apps.example.com (at most {} characters), or leave it empty.",
                text::MAX_DOMAIN_CHARS
            ),
        ));
    }
    let mirror = cluster.mirror.as_str();
    if !mirror.is_empty() && !is_registry_host(mirror) {
        errors.push(FieldError::new(
            "spec.cluster.mirror",
            format!(
                "Write the mirror's host name in lowercase, optionally with a port, e.g. registry.example.internal:5000 (at most {} characters), or leave it empty.",
                text::MAX_DOMAIN_CHARS
            ),
        ));
    }
    if cluster.region.trim().is_empty() {
        errors.push(FieldError::new(
            "spec.cluster.region",
            "Name the region, e.g. us-east-1.",
        ));
    }
    let most_zones = zones_in_region(&cluster.region);
    if cluster.zones == 0 || cluster.zones > most_zones {
        errors.push(FieldError::new(
            "spec.cluster.zones",
            format!(
                "Use between 1 and {most_zones} zones in {}.",
                cluster.region
            ),
        ));
    }
    if cluster.environments.is_empty() {
        errors.push(FieldError::new(
            "spec.cluster.environments",
            "Add at least one environment.",
        ));
    } else if !cluster.environments.iter().any(|env| env.production) {
        errors.push(FieldError::new(
            "spec.cluster.environments",
            "Mark one environment as production.",
        ));
    }
    let mut seen = HashSet::new();
    for (i, env) in cluster.environments.iter().enumerate() {
        if !seen.insert(env.name.as_str()) {
            errors.push(FieldError::new(
                format!("spec.cluster.environments[{i}].name"),
                format!("Another environment is already called '{}'.", env.name),
            ));
        }
    }
    if !is_minor_version(&cluster.kubernetes_version) {
        errors.push(FieldError::new(
            "spec.cluster.kubernetesVersion",
            "Write the Kubernetes version as major.minor, e.g. 1.35.",
        ));
    } else if !known_kubernetes_version(&cluster.kubernetes_version) {
        errors.push(FieldError::new(
            "spec.cluster.kubernetesVersion",
            format!(
                "Kubernetes {} is not a release the export knows; use 1.{} to 1.{}.",
                cluster.kubernetes_version,
                KUBERNETES_MINORS.start(),
                KUBERNETES_MINORS.end()
            ),
        ));
    }
    if cluster.node_pools.is_empty() {
        errors.push(FieldError::new(
            "spec.cluster.nodePools",
            "Add at least one node pool.",
        ));
    }
    let mut seen = HashSet::new();
    for (i, pool) in cluster.node_pools.iter().enumerate() {
        let at = |field: &str| format!("spec.cluster.nodePools[{i}].{field}");
        if !seen.insert(pool.name.as_str()) {
            errors.push(FieldError::new(
                at("name"),
                format!("Another node pool is already called '{}'.", pool.name),
            ));
        }
        if pool.min_nodes > pool.desired_nodes {
            errors.push(FieldError::new(
                at("desiredNodes"),
                format!(
                    "Desired nodes must be at least the minimum ({}).",
                    pool.min_nodes
                ),
            ));
        }
        if pool.desired_nodes > pool.max_nodes {
            errors.push(FieldError::new(
                at("maxNodes"),
                format!(
                    "The maximum must be at least the desired count ({}).",
                    pool.desired_nodes
                ),
            ));
        }
        if pool.max_nodes == 0 {
            errors.push(FieldError::new(
                at("maxNodes"),
                "A pool needs room for at least one node.",
            ));
        }
        for (j, label) in pool.labels.iter().enumerate() {
            if let Err(message) = crate::names::check_node_label(label) {
                errors.push(FieldError::new(
                    at("labels"),
                    format!("Label {}: {message}", j + 1),
                ));
            }
        }
        for (j, taint) in pool.taints.iter().enumerate() {
            if let Err(message) = crate::names::check_node_taint(taint) {
                errors.push(FieldError::new(
                    at("taints"),
                    format!("Taint {}: {message}", j + 1),
                ));
            }
        }
        match cluster.provider.pricing_key() {
            Some(key) if pricing::instance(key, &pool.instance_type).is_none() => {
                let known: Vec<&str> = pricing::instance_types(key).map(|row| row.item).collect();
                errors.push(FieldError::new(
                    at("instanceType"),
                    format!(
                        "'{}' is not in the {} price table; pick one of: {}.",
                        pool.instance_type,
                        cluster.provider.label(),
                        known.join(", ")
                    ),
                ));
            }
            None if pool.instance_type.trim().is_empty() => {
                errors.push(FieldError::new(
                    at("instanceType"),
                    "Describe the machine, e.g. 8-vcpu-32gb.",
                ));
            }
            _ => {}
        }
    }
}

/// Kubernetes 1.x minor versions the export's charts and modules are pinned
/// for: from the oldest still in a provider's extended support to the newest
/// release (1.37, August 2026).
pub const KUBERNETES_MINORS: std::ops::RangeInclusive<u32> = 29..=37;

fn known_kubernetes_version(text: &str) -> bool {
    let mut parts = text.split('.');
    parts.next() == Some("1")
        && parts
            .next()
            .and_then(|minor| minor.parse::<u32>().ok())
            .is_some_and(|minor| KUBERNETES_MINORS.contains(&minor))
}

fn is_minor_version(text: &str) -> bool {
    let mut parts = text.split('.');
    let ok = |part: Option<&str>| {
        part.is_some_and(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

fn gitops(design: &PlatformDesign, errors: &mut Vec<FieldError>) {
    let gitops = &design.spec.gitops;
    let url = gitops.repo_url.trim();
    let scheme_ok = ["https://", "ssh://", "git@"]
        .iter()
        .any(|scheme| url.starts_with(scheme));
    if !scheme_ok || url.len() < 12 || url.contains(char::is_whitespace) {
        errors.push(FieldError::new("spec.gitops.repoUrl", "Use the repository's https:// or ssh:// address, e.g. https://github.com/acme/platform.git."));
    }
    let branch = &gitops.branch;
    if branch.is_empty()
        || branch.contains(char::is_whitespace)
        || branch.contains("..")
        || branch.starts_with('-')
    {
        errors.push(FieldError::new(
            "spec.gitops.branch",
            "Name a Git branch without spaces, e.g. main.",
        ));
    }
    let delivery = &gitops.progressive_delivery;
    if !(delivery.min_success_rate_percent > 0.0 && delivery.min_success_rate_percent <= 100.0) {
        errors.push(FieldError::new(
            "spec.gitops.progressiveDelivery.minSuccessRatePercent",
            "A success rate is a percentage above 0 and at most 100.",
        ));
    }
    let mut previous = 0;
    for (i, step) in delivery.canary_steps_percent.iter().enumerate() {
        if *step == 0 || *step > 100 || *step <= previous {
            errors.push(FieldError::new(
                format!("spec.gitops.progressiveDelivery.canaryStepsPercent[{i}]"),
                "Canary weights rise step by step, each between 1 and 100.",
            ));
        }
        previous = *step;
    }
}

fn observability(design: &PlatformDesign, errors: &mut Vec<FieldError>) {
    let obs = &design.spec.observability;
    if !(0.0..=100.0).contains(&obs.trace_sampling_percent) {
        errors.push(FieldError::new(
            "spec.observability.traceSamplingPercent",
            "Sampling is a percentage from 0 to 100.",
        ));
    }
    for (field, days) in [
        ("metricsRetentionDays", obs.metrics_retention_days),
        ("logRetentionDays", obs.log_retention_days),
        ("auditLogRetentionDays", obs.audit_log_retention_days),
    ] {
        if days == 0 || days > 3_650 {
            errors.push(FieldError::new(
                format!("spec.observability.{field}"),
                "Keep data between 1 and 3650 days.",
            ));
        }
    }
}

fn cost(design: &PlatformDesign, errors: &mut Vec<FieldError>) {
    let cost = &design.spec.cost;
    if !(10..=95).contains(&cost.target_utilisation_percent) {
        errors.push(FieldError::new(
            "spec.cost.targetUtilisationPercent",
            "Aim for a utilisation between 10 and 95 % (65–75 % leaves room to scale).",
        ));
    }
    if !(1..=100).contains(&cost.budget_alert_percent) {
        errors.push(FieldError::new(
            "spec.cost.budgetAlertPercent",
            "Alert at a share of the budget between 1 and 100 %.",
        ));
    }
    if cost.storage_class.trim().is_empty() {
        errors.push(FieldError::new(
            "spec.cost.storageClass",
            "Name a storage class, e.g. gp3.",
        ));
    } else if !crate::names::is_dns_subdomain(&cost.storage_class) {
        errors.push(FieldError::new(
            "spec.cost.storageClass",
            "A storage class is a Kubernetes object name: lowercase letters, digits, '-' and '.', e.g. gp3 or premium-rwo.",
        ));
    }
}

#[cfg(test)]
mod tests;
