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

/// Adds a service group with defaults and a name not yet used; when the
/// design declares teams, the last team owns it until it is moved.
pub fn add_service_group(design: &mut PlatformDesign) {
    let workload = &mut design.spec.workload;
    let taken: Vec<&str> = workload.services.iter().map(|g| g.name.as_str()).collect();
    let name = unique_name("service", &taken);
    let mut group = crate::model::ServiceGroup::default();
    if let Ok(name) = crate::names::ServiceName::parse(name) {
        group.name = name;
    }
    if let Some(team) = workload.tenants.last_mut() {
        team.services.push(group.name.clone());
    }
    workload.services.push(group);
}

/// Renames service group `index`; the team that owns it keeps it.
pub fn rename_service_group(
    design: &mut PlatformDesign,
    index: usize,
    name: crate::names::ServiceName,
) {
    let workload = &mut design.spec.workload;
    let Some(group) = workload.services.get_mut(index) else {
        return;
    };
    let old = std::mem::replace(&mut group.name, name.clone());
    for team in &mut workload.tenants {
        for owned in &mut team.services {
            if *owned == old {
                *owned = name.clone();
            }
        }
    }
}

/// Renames environment `index`; teams that sync it keep syncing it.
pub fn rename_environment(design: &mut PlatformDesign, index: usize, name: crate::names::EnvName) {
    let Some(env) = design.spec.cluster.environments.get_mut(index) else {
        return;
    };
    let old = std::mem::replace(&mut env.name, name.clone());
    for team in &mut design.spec.workload.tenants {
        for synced in team.sync_environments.iter_mut().flatten() {
            if *synced == old {
                *synced = name.clone();
            }
        }
    }
}

/// Adds a team under a name not yet used. The first team takes every
/// service group (the design stays valid); later ones start empty, for the
/// groups to be moved to them.
pub fn add_tenant(design: &mut PlatformDesign) {
    let workload = &mut design.spec.workload;
    let taken: Vec<&str> = workload.tenants.iter().map(|t| t.name.as_str()).collect();
    let name = unique_name("team", &taken);
    let mut team = crate::model::Tenant::default();
    if let Ok(name) = crate::names::TeamName::parse(name) {
        team.name = name;
    }
    team.developers_group = format!("{}-developers", team.name);
    team.on_call_group = format!("{}-on-call", team.name);
    if workload.tenants.is_empty() {
        team.services = workload.services.iter().map(|g| g.name.clone()).collect();
    }
    workload.tenants.push(team);
}

/// Renames team `index`; groups still named after the old name (the defaults
/// [`add_tenant`] gave) follow the new one.
pub fn rename_tenant(design: &mut PlatformDesign, index: usize, name: crate::names::TeamName) {
    let Some(team) = design.spec.workload.tenants.get_mut(index) else {
        return;
    };
    let old = std::mem::replace(&mut team.name, name);
    for (group, suffix) in [
        (&mut team.developers_group, "developers"),
        (&mut team.on_call_group, "on-call"),
    ] {
        if *group == format!("{old}-{suffix}") {
            *group = format!("{}-{suffix}", team.name);
        }
    }
}

/// Removes team `index`; the first remaining team takes its service groups
/// (with none left, every group is its own team again).
pub fn remove_tenant(design: &mut PlatformDesign, index: usize) {
    let tenants = &mut design.spec.workload.tenants;
    if index >= tenants.len() {
        return;
    }
    let gone = tenants.remove(index);
    if let Some(heir) = tenants.first_mut() {
        heir.services.extend(gone.services);
    }
}

/// After service groups were replaced wholesale: teams forget groups that
/// are gone and environments that are gone, every group no team owns goes
/// to the teams in turn, and teams left with no group are dropped.
pub fn share_unowned_groups(design: &mut PlatformDesign) {
    let envs: Vec<_> = design
        .spec
        .cluster
        .environments
        .iter()
        .map(|e| e.name.clone())
        .collect();
    let workload = &mut design.spec.workload;
    if workload.tenants.is_empty() {
        return;
    }
    let names: Vec<_> = workload.services.iter().map(|g| g.name.clone()).collect();
    for team in &mut workload.tenants {
        team.services.retain(|s| names.contains(s));
        if let Some(synced) = &mut team.sync_environments {
            synced.retain(|e| envs.contains(e));
        }
    }
    let unowned: Vec<_> = names
        .iter()
        .filter(|n| !workload.tenants.iter().any(|t| t.services.contains(n)))
        .cloned()
        .collect();
    let teams = workload.tenants.len();
    for (i, name) in unowned.into_iter().enumerate() {
        workload.tenants[i % teams].services.push(name);
    }
    workload.tenants.retain(|t| !t.services.is_empty());
}

/// Team `index` owns service group `service` (taken from any other team)
/// or gives it up.
pub fn set_owner(
    design: &mut PlatformDesign,
    index: usize,
    service: &crate::names::ServiceName,
    owns: bool,
) {
    let tenants = &mut design.spec.workload.tenants;
    if index >= tenants.len() {
        return;
    }
    for (i, team) in tenants.iter_mut().enumerate() {
        let has = team.services.contains(service);
        if i == index && owns && !has {
            team.services.push(service.clone());
        } else if (i != index && owns) || (i == index && !owns) {
            team.services.retain(|s| s != service);
        }
    }
}

/// Team `index` syncs environment `env` itself, or leaves it to the platform.
pub fn set_sync(design: &mut PlatformDesign, index: usize, env: &crate::names::EnvName, on: bool) {
    let environments: Vec<_> = design
        .spec
        .cluster
        .environments
        .iter()
        .map(|e| (e.name.clone(), e.production))
        .collect();
    let Some(team) = design.spec.workload.tenants.get_mut(index) else {
        return;
    };
    // Spell out the default (the non-production environments) before changing it.
    let synced = team.sync_environments.get_or_insert_with(|| {
        environments
            .iter()
            .filter(|(_, production)| !production)
            .map(|(name, _)| name.clone())
            .collect()
    });
    synced.retain(|e| e != env);
    if on {
        synced.push(env.clone());
    }
    // Keep promotion order, whatever order the boxes were ticked in.
    synced.sort_by_key(|e| environments.iter().position(|(name, _)| name == e));
}

/// Production in a further region (`on`), or in the primary one only. A
/// further region starts as the primary's usual neighbour, when known.
pub fn set_multi_region(design: &mut PlatformDesign, on: bool) {
    let cluster = &mut design.spec.cluster;
    if !on {
        cluster.multi_region = None;
        return;
    }
    if cluster.multi_region.is_none() {
        let neighbour = match cluster.region.as_str() {
            "us-east-1" => Some("us-west-2"),
            "us-west-2" => Some("us-east-1"),
            "eu-west-1" => Some("eu-central-1"),
            "eu-central-1" => Some("eu-west-1"),
            "westeurope" => Some("northeurope"),
            "northeurope" => Some("westeurope"),
            "eastus" => Some("westus2"),
            "us-central1" => Some("us-east1"),
            "europe-west1" => Some("europe-west4"),
            _ => None,
        };
        cluster.multi_region = Some(crate::model::MultiRegion {
            regions: neighbour.into_iter().map(str::to_owned).collect(),
            ..crate::model::MultiRegion::default()
        });
    }
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

/// Removes service group `index` (a design keeps at least one), and it from
/// the team that owned it.
pub fn remove_service_group(design: &mut PlatformDesign, index: usize) {
    let workload = &mut design.spec.workload;
    let Some(name) = workload.services.get(index).map(|g| g.name.clone()) else {
        return;
    };
    if workload.services.len() > 1 {
        for team in &mut workload.tenants {
            team.services.retain(|s| *s != name);
        }
    }
    remove_keeping_one(&mut workload.services, index);
}

/// Removes node pool `index` (a design keeps at least one).
pub fn remove_node_pool(design: &mut PlatformDesign, index: usize) {
    remove_keeping_one(&mut design.spec.cluster.node_pools, index);
}

/// Removes environment `index` (a design keeps at least one); no team syncs it any more.
pub fn remove_environment(design: &mut PlatformDesign, index: usize) {
    let environments = &mut design.spec.cluster.environments;
    if let (true, Some(name)) = (
        environments.len() > 1,
        environments.get(index).map(|e| e.name.clone()),
    ) {
        for team in &mut design.spec.workload.tenants {
            if let Some(synced) = &mut team.sync_environments {
                synced.retain(|e| *e != name);
            }
        }
    }
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

#[cfg(test)]
mod region_tests {
    use super::*;

    #[test]
    fn a_further_region_starts_as_the_primarys_neighbour_and_goes_again() {
        let mut d = PlatformDesign::default();
        set_multi_region(&mut d, true);
        let regions = |d: &PlatformDesign| {
            d.spec
                .cluster
                .multi_region
                .as_ref()
                .map(|m| m.regions.clone())
        };
        assert_eq!(regions(&d), Some(vec!["us-west-2".to_owned()]));
        assert!(crate::validate::validate(&d).is_empty());
        // Turning it on again keeps what was chosen.
        d.spec.cluster.multi_region.as_mut().expect("on").regions = vec!["ca-central-1".into()];
        set_multi_region(&mut d, true);
        assert_eq!(regions(&d), Some(vec!["ca-central-1".to_owned()]));
        set_multi_region(&mut d, false);
        assert_eq!(regions(&d), None);
        d.spec.cluster.region = "somewhere-1".into();
        set_multi_region(&mut d, true);
        assert_eq!(regions(&d), Some(vec![]));
    }
}

#[cfg(test)]
mod tenant_tests {
    use super::*;
    use crate::names::{EnvName, ServiceName};
    use crate::validate::validate;

    fn owned(design: &PlatformDesign) -> Vec<Vec<String>> {
        design
            .spec
            .workload
            .tenants
            .iter()
            .map(|t| t.services.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    fn ready(design: &mut PlatformDesign) {
        for t in &mut design.spec.workload.tenants {
            t.owner = "lead@example.com".into();
            t.cost_centre = "cc-1".into();
        }
    }

    #[test]
    fn the_first_team_takes_every_group_and_later_ones_take_them_over() {
        let mut d = PlatformDesign::default();
        add_service_group(&mut d);
        add_tenant(&mut d);
        add_tenant(&mut d);
        ready(&mut d);
        assert_eq!(owned(&d), [vec!["api", "service"], vec![]]);
        assert_eq!(d.spec.workload.tenants[1].name.as_str(), "team-2");
        assert_eq!(
            d.spec.workload.tenants[1].developers_group,
            "team-2-developers"
        );
        rename_tenant(&mut d, 1, crate::names::TeamName::known("ops"));
        assert_eq!(
            d.spec.workload.tenants[1].developers_group,
            "ops-developers"
        );
        assert_eq!(d.spec.workload.tenants[1].on_call_group, "ops-on-call");
        d.spec.workload.tenants[1].on_call_group = "pagerduty-ops".into();
        rename_tenant(&mut d, 1, crate::names::TeamName::known("team-2"));
        assert_eq!(
            d.spec.workload.tenants[1].developers_group,
            "team-2-developers"
        );
        assert_eq!(d.spec.workload.tenants[1].on_call_group, "pagerduty-ops");
        let service = ServiceName::known("service");
        set_owner(&mut d, 1, &service, true);
        assert_eq!(owned(&d), [vec!["api"], vec!["service"]]);
        assert!(validate(&d).is_empty(), "{:?}", validate(&d));
        // A new group goes to the last team; renaming keeps its owner.
        add_service_group(&mut d);
        assert_eq!(owned(&d), [vec!["api"], vec!["service", "service-2"]]);
        rename_service_group(&mut d, 2, ServiceName::known("billing"));
        assert_eq!(owned(&d), [vec!["api"], vec!["service", "billing"]]);
        remove_service_group(&mut d, 1);
        assert_eq!(owned(&d), [vec!["api"], vec!["billing"]]);
        set_owner(&mut d, 1, &ServiceName::known("billing"), false);
        assert!(validate(&d)
            .iter()
            .any(|e| e.message.contains("No team owns 'billing'")));
        set_owner(&mut d, 0, &ServiceName::known("billing"), true);
        remove_tenant(&mut d, 0);
        assert_eq!(owned(&d), [vec!["api", "billing"]]);
        remove_tenant(&mut d, 0);
        assert!(d.spec.workload.tenants.is_empty());
        assert!(validate(&d).is_empty());
    }

    #[test]
    fn removing_a_team_hands_its_groups_to_the_first_remaining_one() {
        let mut d = PlatformDesign::default();
        add_service_group(&mut d);
        add_tenant(&mut d);
        add_tenant(&mut d);
        set_owner(&mut d, 1, &ServiceName::known("service"), true);
        remove_tenant(&mut d, 1);
        assert_eq!(owned(&d), [vec!["api", "service"]]);
    }

    #[test]
    fn sync_environments_start_from_the_default_and_follow_renames_and_removals() {
        let mut d = PlatformDesign::default();
        add_tenant(&mut d);
        let prod = EnvName::known("prod");
        set_sync(&mut d, 0, &prod, true);
        let synced = |d: &PlatformDesign| -> Option<Vec<String>> {
            d.spec.workload.tenants[0]
                .sync_environments
                .as_ref()
                .map(|l| l.iter().map(|e| e.to_string()).collect())
        };
        assert_eq!(
            synced(&d),
            Some(vec!["dev".into(), "staging".into(), "prod".into()])
        );
        set_sync(&mut d, 0, &EnvName::known("dev"), false);
        rename_environment(&mut d, 1, EnvName::known("qa"));
        assert_eq!(synced(&d), Some(vec!["qa".into(), "prod".into()]));
        remove_environment(&mut d, 1);
        remove_environment(&mut d, 1);
        // Nothing left to sync: the list stays, empty, and does not fall back to the default.
        assert_eq!(synced(&d), Some(vec![]));
    }

    #[test]
    fn replaced_groups_are_shared_out_and_empty_teams_dropped() {
        let mut d = PlatformDesign::default();
        add_tenant(&mut d);
        add_tenant(&mut d);
        add_service_group(&mut d);
        add_service_group(&mut d);
        d.spec.workload.services.remove(0);
        d.spec.workload.tenants[1].services.pop();
        share_unowned_groups(&mut d);
        // api is gone; service-2 went to the teams in turn (the first); service stays.
        assert_eq!(owned(&d), [vec!["service-2"], vec!["service"]]);
        d.spec.workload.tenants[0].services.clear();
        d.spec.workload.services.pop();
        share_unowned_groups(&mut d);
        assert_eq!(owned(&d), [vec!["service"]]);
    }
}
