//! Edits that touch more than one field, decided here so every front end
//! (wizard, API clients, CLI) applies them the same way.

use crate::choices::Provider;
use crate::critique::Exemption;
use crate::date::IsoDate;
use crate::model::PlatformDesign;
use crate::pricing;
use crate::validate::text::{text_problem, Lines, MAX_OWNER_CHARS, MAX_REASON_CHARS};

/// An acceptance of `rule`'s finding from what a person typed in the form:
/// a reason, an owner and an optional last day (empty for none). The error
/// says what to fix.
pub fn exemption_from_form(
    rule: &str,
    reason: &str,
    owner: &str,
    last_day: &str,
) -> Result<Exemption, String> {
    let (reason, owner, last_day) = (reason.trim(), owner.trim(), last_day.trim());
    if reason.is_empty() {
        return Err("Say why the finding is accepted.".into());
    }
    if owner.is_empty() {
        return Err("Name who answers for it.".into());
    }
    if let Some(problem) = text_problem(reason, MAX_REASON_CHARS, Lines::Many)
        .or_else(|| text_problem(owner, MAX_OWNER_CHARS, Lines::One))
    {
        return Err(problem);
    }
    let expires = if last_day.is_empty() {
        None
    } else {
        Some(IsoDate::parse(last_day).map_err(|e| format!("The last day: {e}."))?)
    };
    Ok(Exemption {
        rule: rule.to_owned(),
        reason: reason.to_owned(),
        owner: owner.to_owned(),
        expires,
    })
}

/// Accepts a finding, replacing an earlier acceptance of the same rule.
pub fn accept_finding(design: &mut PlatformDesign, exemption: Exemption) {
    withdraw_finding(design, &exemption.rule);
    design.spec.exemptions.push(exemption);
}

/// Withdraws the acceptance of `rule`'s finding, if there is one.
pub fn withdraw_finding(design: &mut PlatformDesign, rule: &str) {
    design.spec.exemptions.retain(|e| e.rule != rule);
}

/// Region, storage class and the usual general-purpose type of each provider.
fn provider_defaults(provider: Provider) -> (&'static str, &'static str) {
    match provider {
        Provider::Eks => ("us-east-1", "gp3"),
        Provider::Aks => ("eastus", "managed-csi"),
        Provider::Gke => ("us-central1", "standard-rwo"),
        Provider::Kubeadm => ("dc-1", "local-path"),
    }
}

/// Switches the provider and carries the rest along: a region or storage class
/// that was another provider's default becomes the new one's, and every node
/// pool gets the new provider's instance type closest in size.
pub fn switch_provider(design: &mut PlatformDesign, to: Provider) {
    let from = design.spec.cluster.provider;
    if from == to {
        return;
    }
    let (old_region, old_storage) = provider_defaults(from);
    let (new_region, new_storage) = provider_defaults(to);
    if design.spec.cluster.region == old_region {
        design.spec.cluster.region = new_region.into();
    }
    if design.spec.cost.storage_class == old_storage {
        design.spec.cost.storage_class = new_storage.into();
    }
    // Sizes are read under the old provider, before anything changes.
    let sizes: Vec<Option<(u32, u32)>> = design
        .spec
        .cluster
        .node_pools
        .iter()
        .map(|pool| crate::capacity::node_size(design, pool))
        .collect();
    let cluster = &mut design.spec.cluster;
    for (pool, size) in cluster.node_pools.iter_mut().zip(sizes) {
        pool.instance_type = equivalent_instance(to, size);
    }
    cluster.provider = to;
}

/// The provider's instance type nearest to `size` (vCPU, GiB): the same size
/// when the table has it, else the smallest that is at least as large.
fn equivalent_instance(provider: Provider, size: Option<(u32, u32)>) -> String {
    let (vcpu, memory) = size.unwrap_or((4, 16));
    let Some(key) = provider.pricing_key() else {
        return format!("{vcpu}-vcpu-{memory}gb");
    };
    let mut candidates: Vec<&pricing::PriceRow> = pricing::instance_types(key)
        .filter(|row| row.vcpu >= Some(vcpu) && row.memory_gib >= Some(memory))
        .collect();
    candidates.sort_by(|a, b| a.usd_per_hour.total_cmp(&b.usd_per_hour));
    // Nothing large enough: take the provider's largest type.
    candidates
        .first()
        .map(|row| row.item.to_owned())
        .or_else(|| {
            pricing::instance_types(key)
                .max_by_key(|row| (row.vcpu, row.memory_gib))
                .map(|row| row.item.to_owned())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepting_twice_keeps_one_acceptance_and_withdrawing_removes_it() {
        let mut design = PlatformDesign::default();
        let first = exemption_from_form("SEC-013", "mirror in Q1", "platform", "").expect("ok");
        let second =
            exemption_from_form("SEC-013", " mirror in Q2 ", "platform", "2027-06-30").expect("ok");
        accept_finding(&mut design, first);
        accept_finding(&mut design, second);
        assert_eq!(design.spec.exemptions.len(), 1);
        assert_eq!(design.spec.exemptions[0].reason, "mirror in Q2");
        assert_eq!(
            design.spec.exemptions[0]
                .expires
                .as_ref()
                .map(IsoDate::as_str),
            Some("2027-06-30")
        );
        withdraw_finding(&mut design, "SEC-013");
        assert!(design.spec.exemptions.is_empty());
    }

    #[test]
    fn a_form_without_reason_or_with_an_impossible_day_says_what_to_fix() {
        assert_eq!(
            exemption_from_form("SEC-013", " ", "me", ""),
            Err("Say why the finding is accepted.".into())
        );
        let error = exemption_from_form("SEC-013", "why", "me", "2027-02-31").unwrap_err();
        assert!(error.contains("not a day"), "{error}");
    }
    use crate::validate::validate;

    #[test]
    fn switching_to_gke_keeps_the_design_valid() {
        let mut design = PlatformDesign::default();
        switch_provider(&mut design, Provider::Gke);
        assert_eq!(validate(&design), vec![]);
        assert_eq!(design.spec.cluster.region, "us-central1");
        assert_eq!(design.spec.cost.storage_class, "standard-rwo");
        // m6i.xlarge is 4 vCPU / 16 GiB; the cheapest GCP type of that size is e2-standard-4.
        assert_eq!(
            design.spec.cluster.node_pools[0].instance_type,
            "e2-standard-4"
        );
    }

    #[test]
    fn every_provider_switch_keeps_every_preset_valid() {
        for preset in crate::presets::PRESETS {
            for to in <Provider as crate::choices::Choice>::ALL {
                let mut design = preset.design();
                switch_provider(&mut design, *to);
                assert_eq!(validate(&design), vec![], "{} → {:?}", preset.slug, to);
            }
        }
    }

    #[test]
    fn self_managed_machines_are_described_by_size() {
        let mut design = PlatformDesign::default();
        switch_provider(&mut design, Provider::Kubeadm);
        assert_eq!(
            design.spec.cluster.node_pools[0].instance_type,
            "4-vcpu-16gb"
        );
        switch_provider(&mut design, Provider::Aks);
        assert_eq!(
            design.spec.cluster.node_pools[0].instance_type,
            "Standard_D4s_v5"
        );
    }

    #[test]
    fn a_region_chosen_by_hand_is_kept() {
        let mut design = PlatformDesign::default();
        design.spec.cluster.region = "eu-west-1".into();
        switch_provider(&mut design, Provider::Gke);
        assert_eq!(design.spec.cluster.region, "eu-west-1");
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is not taken yet.
fn unique_name(base: &str, taken: &[&str]) -> String {
    if !taken.contains(&base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_else(|| base.to_owned())
}

/// Adds a service group with defaults and a name not yet used.
pub fn add_service_group(design: &mut PlatformDesign) {
    let services = &mut design.spec.workload.services;
    let taken: Vec<&str> = services.iter().map(|g| g.name.as_str()).collect();
    let name = unique_name("service", &taken);
    let mut group = crate::model::ServiceGroup::default();
    if let Ok(name) = crate::names::ServiceName::parse(name) {
        group.name = name;
    }
    services.push(group);
}

/// Adds a node pool like the last one, under a name not yet used.
pub fn add_node_pool(design: &mut PlatformDesign) {
    let pools = &mut design.spec.cluster.node_pools;
    let taken: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
    let name = unique_name("pool", &taken);
    let mut pool = pools.last().cloned().unwrap_or_default();
    if let Ok(name) = crate::names::PoolName::parse(name) {
        pool.name = name;
    }
    pools.push(pool);
}

/// Adds a non-production environment under a name not yet used.
pub fn add_environment(design: &mut PlatformDesign) {
    let environments = &mut design.spec.cluster.environments;
    let taken: Vec<&str> = environments.iter().map(|e| e.name.as_str()).collect();
    if let Ok(name) = crate::names::EnvName::parse(unique_name("env", &taken)) {
        environments.push(crate::model::Environment::new(name, false));
    }
}

/// Removes row `index` of a list that must keep one row; a last row or an
/// index past the end is left alone.
fn remove_keeping_one<T>(rows: &mut Vec<T>, index: usize) {
    if rows.len() > 1 && index < rows.len() {
        rows.remove(index);
    }
}

/// Removes service group `index` (a design keeps at least one).
pub fn remove_service_group(design: &mut PlatformDesign, index: usize) {
    remove_keeping_one(&mut design.spec.workload.services, index);
}

/// Removes node pool `index` (a design keeps at least one).
pub fn remove_node_pool(design: &mut PlatformDesign, index: usize) {
    remove_keeping_one(&mut design.spec.cluster.node_pools, index);
}

/// Removes environment `index` (a design keeps at least one).
pub fn remove_environment(design: &mut PlatformDesign, index: usize) {
    remove_keeping_one(&mut design.spec.cluster.environments, index);
}

#[cfg(test)]
mod list_tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn removing_keeps_the_last_row_and_ignores_rows_past_the_end() {
        let mut design = PlatformDesign::default();
        add_node_pool(&mut design);
        remove_node_pool(&mut design, 5);
        assert_eq!(design.spec.cluster.node_pools.len(), 2);
        remove_node_pool(&mut design, 0);
        remove_node_pool(&mut design, 0);
        assert_eq!(design.spec.cluster.node_pools.len(), 1);
        remove_service_group(&mut design, 0);
        assert_eq!(design.spec.workload.services.len(), 1);
        remove_environment(&mut design, 2);
        assert_eq!(design.spec.cluster.environments.len(), 2);
    }

    #[test]
    fn added_rows_get_unique_names_and_stay_valid() {
        let mut design = PlatformDesign::default();
        add_service_group(&mut design);
        add_service_group(&mut design);
        add_node_pool(&mut design);
        add_environment(&mut design);
        add_environment(&mut design);
        let names: Vec<&str> = design
            .spec
            .workload
            .services
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(names, ["api", "service", "service-2"]);
        assert_eq!(design.spec.cluster.node_pools[1].name.as_str(), "pool");
        let envs: Vec<&str> = design
            .spec
            .cluster
            .environments
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(envs, ["dev", "staging", "prod", "env", "env-2"]);
        assert_eq!(validate(&design), vec![]);
    }
}
