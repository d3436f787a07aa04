//! The platform's tenants: which team owns each service group, the groups
//! its people sign in with, what it is charged to and which environments it
//! may sync itself. A design that declares no teams gets one per service
//! group, named after it, so every namespace still has an owner.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::choices::RbacModel;
use crate::model::{PlatformDesign, Tenant};
use crate::validate::FieldError;

use super::PlannedEnvironment;

/// The cost centre of a team the design does not declare.
pub const UNASSIGNED_COST_CENTRE: &str = "unassigned";

/// Project names the platform keeps for itself (Argo CD's built-in project,
/// the platform's and the shared applications' projects).
const RESERVED: [&str; 3] = ["default", "platform", "applications"];

/// One team as the platform serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedTenant {
    /// The team's name: its GitOps project, label value and role names.
    pub name: String,
    /// Whether the design declares the team (else it stands for one service group).
    pub declared: bool,
    /// Who answers for it; empty for undeclared teams.
    pub owner: String,
    /// The label value its spend is allocated by.
    pub cost_centre: String,
    /// The identity-provider group bound to the developer roles.
    pub developers_group: String,
    /// The identity-provider group bound to the on-call roles.
    pub on_call_group: String,
    /// The service groups it owns, in the design's order.
    pub services: Vec<String>,
    /// Environments whose applications the team syncs itself, in promotion order.
    pub sync_environments: Vec<String>,
    /// Production environments among them: there the team may also change
    /// its workloads directly (the design lets it promote into production).
    pub writes_production: bool,
}

impl PlannedTenant {
    /// Whether the team syncs `environment` itself.
    pub fn syncs(&self, environment: &str) -> bool {
        self.sync_environments.iter().any(|e| e == environment)
    }
}

/// The environments team `tenant` syncs itself, in promotion order: those it
/// lists, or every non-production one when it lists none.
pub fn sync_environments(design: &PlatformDesign, tenant: &Tenant) -> Vec<String> {
    design
        .spec
        .cluster
        .environments
        .iter()
        .filter(|e| match &tenant.sync_environments {
            None => !e.production,
            Some(listed) => listed.contains(&e.name),
        })
        .map(|e| e.name.to_string())
        .collect()
}

/// The tenants of `design`, with problems on the fields that make an
/// owner ambiguous or missing, or a derived name too long.
pub(super) fn tenants(
    design: &PlatformDesign,
    environments: &[PlannedEnvironment],
    problems: &mut Vec<FieldError>,
) -> Vec<PlannedTenant> {
    let workload = &design.spec.workload;
    let tenants = planned(design, environments, problems);
    if design.spec.gitops.tool == crate::choices::GitopsTool::Flux {
        // Flux applies each team's folder per environment as `apps-<env>-<team>`
        // and labels what it applies with that name (63 characters at most).
        let longest = environments
            .iter()
            .map(|e| e.name.as_str().len())
            .max()
            .unwrap_or(0);
        for t in &tenants {
            // "apps-", the environment, "-", the team.
            let room = 63usize.saturating_sub(6 + longest);
            if t.name.len() > room {
                let path = match workload
                    .tenants
                    .iter()
                    .position(|d| d.name.as_str() == t.name)
                {
                    Some(i) => format!("spec.workload.tenants[{i}].name"),
                    None => workload
                        .services
                        .iter()
                        .position(|g| t.services.first() == Some(&g.name.to_string()))
                        .map(|j| format!("spec.workload.services[{j}].name"))
                        .unwrap_or_else(|| "spec.workload.tenants".to_owned()),
                };
                problems.push(FieldError::new(
                    path,
                    format!(
                        "Flux names the team's Kustomization 'apps-<environment>-{}' and labels objects with it: keep the team name to {room} characters.",
                        t.name
                    ),
                ));
            }
        }
    }
    tenants
}

/// The teams, declared or one per group, before names are checked.
fn planned(
    design: &PlatformDesign,
    environments: &[PlannedEnvironment],
    problems: &mut Vec<FieldError>,
) -> Vec<PlannedTenant> {
    let workload = &design.spec.workload;
    let shared = design.spec.security.rbac == RbacModel::Shared;
    let non_production: Vec<String> = environments
        .iter()
        .filter(|e| !e.production)
        .map(|e| e.name.to_string())
        .collect();
    if workload.tenants.is_empty() {
        return workload
            .services
            .iter()
            .map(|g| {
                let group = g.name.to_string();
                // A group called like one of the platform's projects gets a team of its own name.
                let name = if RESERVED.contains(&group.as_str()) {
                    format!("{group}-team")
                } else {
                    group.clone()
                };
                PlannedTenant {
                    developers_group: if shared {
                        "developers".to_owned()
                    } else {
                        format!("{name}-developers")
                    },
                    on_call_group: if shared {
                        "on-call".to_owned()
                    } else {
                        format!("{name}-on-call")
                    },
                    owner: String::new(),
                    cost_centre: UNASSIGNED_COST_CENTRE.to_owned(),
                    services: vec![group],
                    sync_environments: non_production.clone(),
                    writes_production: false,
                    declared: false,
                    name,
                }
            })
            .collect();
    }
    // Which teams list each group (each team once, in the design's order),
    // and each team's groups in the design's order: built in one pass over
    // the lists, so hundreds of groups and teams stay linear.
    let mut listed_by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (ti, t) in workload.tenants.iter().enumerate() {
        for s in &t.services {
            let teams = listed_by.entry(s.as_str()).or_default();
            if teams.last() != Some(&ti) {
                teams.push(ti);
            }
        }
    }
    let mut owned: Vec<Vec<String>> = vec![Vec::new(); workload.tenants.len()];
    for g in &workload.services {
        for &ti in listed_by.get(g.name.as_str()).into_iter().flatten() {
            owned[ti].push(g.name.to_string());
        }
    }
    let groups: BTreeSet<&str> = workload.services.iter().map(|g| g.name.as_str()).collect();
    for (i, g) in workload.services.iter().enumerate() {
        let owners: Vec<&str> = listed_by
            .get(g.name.as_str())
            .into_iter()
            .flatten()
            .map(|&ti| workload.tenants[ti].name.as_str())
            .collect();
        match owners.as_slice() {
            [] => problems.push(FieldError::new(
                format!("spec.workload.services[{i}].name"),
                format!(
                    "No team owns '{}': add it to a team's services (Workload step, Teams).",
                    g.name
                ),
            )),
            [_] => {}
            many => problems.push(FieldError::new(
                format!("spec.workload.services[{i}].name"),
                format!(
                    "'{}' is owned by {}; one team owns each service group.",
                    g.name,
                    many.join(" and ")
                ),
            )),
        }
    }
    workload
        .tenants
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if RESERVED.contains(&t.name.as_str()) {
                problems.push(FieldError::new(
                    format!("spec.workload.tenants[{i}].name"),
                    format!(
                        "'{}' is taken by the platform's own GitOps project; name the team differently.",
                        t.name
                    ),
                ));
            }
            for (j, s) in t.services.iter().enumerate() {
                if !groups.contains(s.as_str()) {
                    problems.push(FieldError::new(
                        format!("spec.workload.tenants[{i}].services[{j}]"),
                        format!("There is no service group '{s}'."),
                    ));
                }
            }
            for (j, e) in t.sync_environments.iter().flatten().enumerate() {
                if !environments.iter().any(|pe| pe.name == *e) {
                    problems.push(FieldError::new(
                        format!("spec.workload.tenants[{i}].syncEnvironments[{j}]"),
                        format!("There is no environment '{e}'."),
                    ));
                }
            }
            let sync_environments = sync_environments(design, t);
            PlannedTenant {
                name: t.name.to_string(),
                declared: true,
                owner: t.owner.trim().to_owned(),
                cost_centre: t.cost_centre.clone(),
                developers_group: if shared {
                    "developers".to_owned()
                } else {
                    t.developers_group.trim().to_owned()
                },
                on_call_group: if shared {
                    "on-call".to_owned()
                } else {
                    t.on_call_group.trim().to_owned()
                },
                services: std::mem::take(&mut owned[i]),
                writes_production: environments
                    .iter()
                    .any(|pe| pe.production && sync_environments.contains(&pe.name.to_string())),
                sync_environments,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::{PlatformDesign, Tenant};
    use crate::names::{EnvName, ServiceName, TeamName};
    use crate::plan::Plan;
    use crate::presets;

    fn team(name: &str, services: &[&str]) -> Tenant {
        Tenant {
            name: TeamName::parse(name).expect("name"),
            owner: "lead@example.com".into(),
            cost_centre: "cc-1".into(),
            developers_group: format!("{name}-devs"),
            on_call_group: format!("{name}-pager"),
            services: services
                .iter()
                .map(|s| ServiceName::parse(*s).expect("service"))
                .collect(),
            sync_environments: None,
        }
    }

    fn two_groups() -> PlatformDesign {
        let mut d = PlatformDesign::default();
        crate::edits::add_service_group(&mut d);
        d
    }

    fn problems(d: &PlatformDesign) -> Vec<(String, String)> {
        Plan::of(d)
            .problems()
            .iter()
            .map(|p| (p.path.clone(), p.message.clone()))
            .collect()
    }

    #[test]
    fn without_declared_teams_every_group_is_its_own_team() {
        let plan = Plan::of(&two_groups());
        let names: Vec<_> = plan.tenants.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["api", "service"]);
        let api = plan.tenant_of("api").expect("owner");
        assert!(!api.declared);
        assert_eq!(api.developers_group, "api-developers");
        assert_eq!(api.on_call_group, "api-on-call");
        assert_eq!(api.cost_centre, super::UNASSIGNED_COST_CENTRE);
        assert_eq!(api.sync_environments, ["dev", "staging"]);
        assert!(!api.writes_production);
    }

    #[test]
    fn shared_rbac_gives_every_team_the_one_developers_group() {
        let mut d = two_groups();
        d.spec.security.rbac = crate::choices::RbacModel::Shared;
        let plan = Plan::of(&d);
        assert!(plan
            .tenants
            .iter()
            .all(|t| t.developers_group == "developers" && t.on_call_group == "on-call"));
    }

    #[test]
    fn a_group_named_like_a_platform_project_gets_a_team_of_another_name() {
        let mut d = PlatformDesign::default();
        d.spec.workload.services[0].name = ServiceName::known("platform");
        let plan = Plan::of(&d);
        assert_eq!(plan.tenants[0].name, "platform-team");
        assert_eq!(
            plan.tenant_of("platform").map(|t| t.name.as_str()),
            Some("platform-team")
        );
    }

    #[test]
    fn the_enterprise_preset_has_one_declared_owner_per_group() {
        let d = presets::find("enterprise-aks").expect("preset").design();
        let plan = Plan::of(&d);
        assert_eq!(plan.tenants.len(), 3);
        for g in &d.spec.workload.services {
            let owner = plan.tenant_of(g.name.as_str()).expect("owned");
            assert!(owner.declared && owner.developers_group.starts_with("aad-k8s-"));
        }
        let digital = plan.tenant_of("portals").expect("owner");
        assert_eq!(
            (digital.name.as_str(), digital.cost_centre.as_str()),
            ("digital", "cc-4300")
        );
        assert_eq!(digital.sync_environments, ["dev"]);
        assert!(plan.tenants.iter().all(|t| !t.writes_production));
    }

    #[test]
    fn syncing_production_is_what_lets_a_team_write_there() {
        let mut d = two_groups();
        let mut t = team("shop", &["api", "service"]);
        t.sync_environments = Some(vec![EnvName::known("staging"), EnvName::known("prod")]);
        d.spec.workload.tenants = vec![t];
        let plan = Plan::of(&d);
        assert_eq!(plan.tenants[0].sync_environments, ["staging", "prod"]);
        assert!(plan.tenants[0].writes_production);
        // Listed, but nothing: the team syncs no environment itself.
        d.spec.workload.tenants[0].sync_environments = Some(Vec::new());
        let plan = Plan::of(&d);
        assert!(plan.tenants[0].sync_environments.is_empty());
        assert!(!plan.tenants[0].writes_production);
    }

    #[test]
    fn flux_leaves_room_for_the_environment_in_each_teams_kustomization() {
        let mut d = PlatformDesign::default();
        d.spec.gitops.tool = crate::choices::GitopsTool::Flux;
        d.spec.cluster.topology = crate::choices::Topology::PerEnvironment;
        let long = "a".repeat(55);
        d.spec.workload.services[0].name = ServiceName::parse(long.clone()).expect("name");
        // "apps-staging-" leaves 50 characters for the team.
        assert!(problems(&d)
            .iter()
            .any(|(p, m)| p == "spec.workload.services[0].name"
                && m.contains("keep the team name to 50 characters")));
        let mut t = team("shop", &[long.as_str()]);
        t.name = TeamName::parse("b".repeat(51)).expect("name");
        d.spec.workload.tenants = vec![t];
        assert!(problems(&d)
            .iter()
            .any(|(p, _)| p == "spec.workload.tenants[0].name"));
        d.spec.workload.tenants[0].name = TeamName::known("shop");
        assert_eq!(problems(&d), []);
        d.spec.gitops.tool = crate::choices::GitopsTool::ArgoCd;
        d.spec.workload.tenants.clear();
        assert_eq!(problems(&d), []);
    }

    #[test]
    fn every_group_has_exactly_one_owner_and_teams_name_what_exists() {
        let mut d = two_groups();
        d.spec.workload.tenants = vec![team("shop", &["api"])];
        assert_eq!(
            problems(&d),
            [(
                "spec.workload.services[1].name".to_owned(),
                "No team owns 'service': add it to a team's services (Workload step, Teams)."
                    .to_owned()
            )]
        );
        d.spec.workload.tenants = vec![
            team("shop", &["api", "service"]),
            team("ops", &["service", "ghost"]),
        ];
        let found = problems(&d);
        assert!(found.contains(&(
            "spec.workload.services[1].name".into(),
            "'service' is owned by shop and ops; one team owns each service group.".into()
        )));
        assert!(found.contains(&(
            "spec.workload.tenants[1].services[1]".into(),
            "There is no service group 'ghost'.".into()
        )));
        d.spec.workload.tenants = vec![team("default", &["api", "service"])];
        d.spec.workload.tenants[0].sync_environments = Some(vec![EnvName::known("qa")]);
        let found = problems(&d);
        assert!(found
            .iter()
            .any(|(p, m)| p == "spec.workload.tenants[0].name" && m.contains("taken")));
        assert!(found.contains(&(
            "spec.workload.tenants[0].syncEnvironments[0]".into(),
            "There is no environment 'qa'.".into()
        )));
    }

    #[test]
    fn a_teams_groups_come_in_the_designs_order_each_once() {
        let mut d = two_groups();
        d.spec.workload.tenants = vec![
            team("shop", &["service", "api", "service"]),
            team("ops", &["service"]),
        ];
        let plan = Plan::of(&d);
        assert_eq!(plan.tenants[0].services, ["api", "service"]);
        assert_eq!(plan.tenants[1].services, ["service"]);
        // Listed twice by one team is still one owner; by two, both are named.
        assert!(problems(&d).contains(&(
            "spec.workload.services[1].name".into(),
            "'service' is owned by shop and ops; one team owns each service group.".into()
        )));
        d.spec.workload.tenants.truncate(1);
        assert_eq!(problems(&d), []);
    }
}
