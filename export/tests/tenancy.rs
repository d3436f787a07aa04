//! Tenancy across the exported files: every team namespace binds that team's
//! groups to namespaced Roles only, production stays read-only for
//! developers, and each team's Argo CD project reaches exactly the team's
//! namespaces, which its applications target. The plan says who owns what;
//! the files must agree with it.

use std::collections::{BTreeMap, BTreeSet};

use design::plan::Plan;
use design::PlatformDesign;
use serde_norway::Value;

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-12-03").expect("date")
}

fn docs(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .filter_map(|doc| serde::Deserialize::deserialize(doc).ok())
        .filter(|doc: &Value| doc.is_mapping())
        .collect()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn writes(role: &Value) -> bool {
    role["rules"]
        .as_sequence()
        .into_iter()
        .flatten()
        .any(|rule| {
            rule["verbs"].as_sequence().into_iter().flatten().any(|v| {
                ["create", "update", "patch", "delete", "*"].contains(&v.as_str().unwrap_or(""))
            })
        })
}

/// Whether the bundle's RBAC and projects agree with the plan's tenants.
fn check(design: &PlatformDesign, bundle: &export::Bundle) -> Result<(), String> {
    let plan = Plan::of(design);
    for cluster in &plan.clusters {
        let rbac = bundle
            .file(&format!("policies/clusters/{}/rbac.yaml", cluster.name))
            .ok_or("no rbac.yaml")?;
        let objects = docs(&rbac.content);
        let roles: BTreeMap<(String, String), &Value> = objects
            .iter()
            .filter(|d| d["kind"] == "Role")
            .map(|d| {
                (
                    (
                        text(&d["metadata"]["namespace"]),
                        text(&d["metadata"]["name"]),
                    ),
                    d,
                )
            })
            .collect();
        // Namespace → the groups bound there, with the Role each gets.
        let mut bound: BTreeMap<String, Vec<(String, &Value)>> = BTreeMap::new();
        for b in objects
            .iter()
            .filter(|d| d["kind"] == "RoleBinding" || d["kind"] == "ClusterRoleBinding")
        {
            let ns = text(&b["metadata"]["namespace"]);
            if b["kind"] == "ClusterRoleBinding" || b["roleRef"]["kind"] != "Role" {
                return Err(format!(
                    "{}: {} {ns}/{} binds {} {}",
                    cluster.name,
                    text(&b["kind"]),
                    text(&b["metadata"]["name"]),
                    text(&b["roleRef"]["kind"]),
                    text(&b["roleRef"]["name"])
                ));
            }
            let role = roles
                .get(&(ns.clone(), text(&b["roleRef"]["name"])))
                .ok_or_else(|| format!("{}: {ns} binds a missing Role", cluster.name))?;
            for s in b["subjects"].as_sequence().into_iter().flatten() {
                bound
                    .entry(ns.clone())
                    .or_default()
                    .push((text(&s["name"]), role));
            }
        }
        let mut owned: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for s in &plan.services {
            let tenant = plan
                .tenant_of(s.name.as_str())
                .ok_or("a group without a team")?;
            for e in s
                .environments
                .iter()
                .filter(|e| cluster.environments.contains(&e.env))
            {
                let ns = e.namespace.to_string();
                owned
                    .entry(tenant.name.as_str())
                    .or_default()
                    .insert(ns.clone());
                let groups = bound.get(&ns).cloned().unwrap_or_default();
                let developers = groups
                    .iter()
                    .find(|(g, _)| *g == tenant.developers_group)
                    .ok_or_else(|| {
                        format!("{ns}: no RoleBinding to {}", tenant.developers_group)
                    })?;
                let production = plan
                    .environments
                    .iter()
                    .any(|pe| pe.name == e.env && pe.production);
                if production && writes(developers.1) && !tenant.writes_production {
                    return Err(format!(
                        "{ns}: {} may write in production",
                        tenant.developers_group
                    ));
                }
                if let Some((g, _)) = groups
                    .iter()
                    .find(|(g, _)| *g != tenant.developers_group && *g != tenant.on_call_group)
                {
                    return Err(format!(
                        "{ns}: {g}, not of team {}, is bound there",
                        tenant.name
                    ));
                }
            }
        }
        let boot = bundle
            .file(&format!("bootstrap/{}/projects.yaml", cluster.name))
            .ok_or("no projects.yaml")?;
        for (team, namespaces) in &owned {
            let project = docs(&boot.content)
                .into_iter()
                .find(|d| d["kind"] == "AppProject" && text(&d["metadata"]["name"]) == *team)
                .ok_or_else(|| format!("{}: no project {team}", cluster.name))?;
            let reach: BTreeSet<String> = project["spec"]["destinations"]
                .as_sequence()
                .into_iter()
                .flatten()
                .map(|d| text(&d["namespace"]))
                .collect();
            if &reach != namespaces {
                return Err(format!(
                    "{}: project {team} reaches {reach:?}, owns {namespaces:?}",
                    cluster.name
                ));
            }
            if project["spec"]["clusterResourceWhitelist"]
                .as_sequence()
                .is_none_or(|l| !l.is_empty())
            {
                return Err(format!(
                    "{}: project {team} may create cluster-scoped objects",
                    cluster.name
                ));
            }
        }
        let apps = bundle
            .file(&format!("bootstrap/{}/applications.yaml", cluster.name))
            .ok_or("no applications.yaml")?;
        for element in docs(&apps.content).iter().flat_map(|d| {
            d["spec"]["generators"][0]["list"]["elements"]
                .as_sequence()
                .cloned()
                .unwrap_or_default()
        }) {
            let team = text(&element["project"]);
            if !owned
                .get(team.as_str())
                .is_some_and(|n| n.contains(&text(&element["namespace"])))
            {
                return Err(format!(
                    "{}: {} targets {} through project {team}",
                    cluster.name,
                    text(&element["service"]),
                    text(&element["namespace"])
                ));
            }
        }
    }
    Ok(())
}

fn enterprise() -> (PlatformDesign, export::Bundle) {
    let d = design::presets::find("enterprise-aks")
        .expect("preset")
        .design();
    let bundle = export::export(
        &design::ValidDesign::new(d.clone()).expect("valid"),
        &today(),
    )
    .expect("export");
    (d, bundle)
}

#[test]
fn the_enterprise_preset_exports_rbac_and_projects_per_team() {
    let (d, bundle) = enterprise();
    assert_eq!(check(&d, &bundle), Ok(()));
    let prod = bundle
        .file("bootstrap/enterprise-prod/projects.yaml")
        .expect("projects");
    let projects: Vec<String> = docs(&prod.content)
        .iter()
        .map(|p| text(&p["metadata"]["name"]))
        .collect();
    assert_eq!(projects, ["platform", "commerce", "insights", "digital"]);
    // digital syncs dev itself, nothing else; commerce syncs dev and staging.
    let dev = bundle
        .file("bootstrap/enterprise-dev/projects.yaml")
        .expect("projects");
    assert!(dev
        .content
        .contains("applications, sync, digital/portals-dev, allow"));
    let staging = bundle
        .file("bootstrap/enterprise-staging/projects.yaml")
        .expect("projects");
    assert!(!staging.content.contains("sync, digital/"));
    assert!(staging
        .content
        .contains("applications, sync, commerce/dotnet-services-staging, allow"));
    assert!(!prod.content.contains(", sync, "));
    // Namespaces and pods carry the team and its cost centre.
    let ns = bundle
        .file("policies/clusters/enterprise-prod/namespaces.yaml")
        .expect("namespaces");
    assert!(ns
        .content
        .contains("slipway.dev/team: \"digital\"\n    slipway.dev/cost-centre: \"cc-4300\""));
    let pods = bundle
        .file("applications/base/portals/deployment.yaml")
        .expect("deployment");
    assert!(pods.content.contains("slipway.dev/team: \"digital\""));
}

#[test]
fn generated_designs_with_teams_export_rbac_the_plan_agrees_with() {
    use design::choices::Topology;
    for topology in [
        Topology::PerEnvironment,
        Topology::ProdAndNonProd,
        Topology::Single,
    ] {
        let (mut d, _) = enterprise();
        d.spec.cluster.topology = topology;
        // One team owns two groups and syncs production itself.
        design::edits::set_owner(
            &mut d,
            0,
            &design::ServiceName::parse("portals").expect("name"),
            true,
        );
        d.spec.workload.tenants.retain(|t| !t.services.is_empty());
        design::edits::set_sync(
            &mut d,
            0,
            &design::EnvName::parse("prod").expect("name"),
            true,
        );
        let bundle = export::export(
            &design::ValidDesign::new(d.clone()).expect("valid"),
            &today(),
        )
        .expect("export");
        assert_eq!(check(&d, &bundle), Ok(()), "{topology:?}");
        let plan = Plan::of(&d);
        assert!(plan
            .tenant_of("portals")
            .is_some_and(|t| t.name == "commerce" && t.writes_production));
    }
}

#[test]
fn each_tenancy_defect_is_caught() {
    let cases: [(&str, &str, &str, &str); 5] = [
        (
            "policies/clusters/enterprise-dev/rbac.yaml",
            "  kind: Role\n  name: developers",
            "  kind: ClusterRole\n  name: edit",
            "binds ClusterRole edit",
        ),
        (
            "policies/clusters/enterprise-prod/rbac.yaml",
            "      - watch\n",
            "      - watch\n      - delete\n",
            "may write in production",
        ),
        (
            "policies/clusters/enterprise-prod/rbac.yaml",
            "name: \"aad-k8s-commerce-developers\"",
            "name: \"aad-k8s-insights-developers\"",
            "no RoleBinding to aad-k8s-commerce-developers",
        ),
        (
            "bootstrap/enterprise-prod/projects.yaml",
            "namespace: \"dotnet-services\"",
            "namespace: \"java-services\"",
            "project commerce reaches",
        ),
        (
            "bootstrap/enterprise-prod/applications.yaml",
            "project: \"commerce\"",
            "project: \"insights\"",
            "through project insights",
        ),
    ];
    for (path, from, to, expected) in cases {
        let (d, mut bundle) = enterprise();
        let file = bundle
            .files
            .iter_mut()
            .find(|f| f.path == path)
            .expect("file");
        assert!(file.content.contains(from), "{path}: {from}");
        file.content = file.content.replacen(from, to, 1);
        let found = check(&d, &bundle);
        assert!(
            found.as_ref().is_err_and(|e| e.contains(expected)),
            "{path}: {found:?}"
        );
    }
}

#[test]
fn flux_applies_each_teams_folder_as_the_teams_own_account() {
    let (mut d, _) = enterprise();
    d.spec.gitops.tool = design::choices::GitopsTool::Flux;
    let bundle = export::export(
        &design::ValidDesign::new(d.clone()).expect("valid"),
        &today(),
    )
    .expect("export");
    let plan = Plan::of(&d);
    for cluster in &plan.clusters {
        let apps = docs(
            &bundle
                .file(&format!("clusters/{}/apps.yaml", cluster.name))
                .expect("apps")
                .content,
        );
        let rbac = bundle
            .file(&format!("policies/clusters/{}/rbac.yaml", cluster.name))
            .expect("rbac");
        for env in &cluster.environments {
            for t in &plan.tenants {
                let k = apps
                    .iter()
                    .find(|k| text(&k["metadata"]["name"]) == format!("apps-{env}-{}", t.name))
                    .unwrap_or_else(|| {
                        panic!("{}: no Kustomization for {} in {env}", cluster.name, t.name)
                    });
                assert_eq!(
                    text(&k["spec"]["serviceAccountName"]),
                    format!("tenant-{}", t.name)
                );
                assert_eq!(
                    text(&k["spec"]["path"]),
                    format!("./tenants/{env}/{}", t.name)
                );
                let folder = docs(
                    &bundle
                        .file(&format!("tenants/{env}/{}/kustomization.yaml", t.name))
                        .expect("folder")
                        .content,
                );
                let listed: Vec<String> = folder[0]["resources"]
                    .as_sequence()
                    .into_iter()
                    .flatten()
                    .map(text)
                    .collect();
                let wanted: Vec<String> = t
                    .services
                    .iter()
                    .map(|s| format!("../../../apps/{env}/{s}"))
                    .collect();
                assert_eq!(listed, wanted);
                assert!(rbac.content.contains(&format!(
                    "name: \"tenant-{}\"\n    namespace: flux-system",
                    t.name
                )));
            }
        }
        // No Kustomization applies applications with Flux's own rights.
        assert!(apps
            .iter()
            .filter(|k| text(&k["spec"]["path"]).starts_with("./apps"))
            .all(|k| !k["spec"]["serviceAccountName"].is_null()));
    }
}
