//! Field paths (`spec.cluster.nodePools[0].maxNodes`): the one spelling that
//! validation errors, critique findings and fixes, the wizard's fields and
//! the step lookup share. [`exists`] checks a path against the model itself,
//! so a test fails when any of them names a field the design does not have.

use serde_json::Value;

use crate::critique::Exemption;
use crate::date::IsoDate;
use crate::model::PlatformDesign;

/// A design in which every list has an element and every optional field a
/// value, so every path of the model resolves in its JSON form.
fn full_design() -> Value {
    let mut d = PlatformDesign::default();
    let s = &mut d.spec;
    s.workload.compliance = vec![crate::choices::Compliance::PciDss];
    let pool = &mut s.cluster.node_pools[0];
    pool.labels = vec!["tier=web".into()];
    pool.taints = vec!["tier=web:NoSchedule".into()];
    pool.runs_in = crate::choices::PoolPlacement::Production;
    s.workload.tenants = vec![crate::model::Tenant {
        services: vec![s.workload.services[0].name.clone()],
        sync_environments: Some(vec![s.cluster.environments[0].name.clone()]),
        ..crate::model::Tenant::default()
    }];
    s.cluster.multi_region = Some(crate::model::MultiRegion {
        regions: vec!["us-west-2".into()],
        ..crate::model::MultiRegion::default()
    });
    s.security.egress_allow_list = vec!["api.example.com".into()];
    s.security.policies.allowed_registries = vec!["registry.example.com".into()];
    s.cluster.public_domain = "example.com".into();
    s.cluster.mirror = "registry.example.internal".into();
    if s.gitops
        .progressive_delivery
        .canary_steps_percent
        .is_empty()
    {
        s.gitops.progressive_delivery.canary_steps_percent = vec![10];
    }
    s.exemptions = vec![Exemption {
        rule: "SEC-013".into(),
        reason: "reason".into(),
        owner: "owner".into(),
        expires: IsoDate::parse("2027-01-01").ok(),
    }];
    serde_json::to_value(&d).unwrap_or(Value::Null)
}

/// Whether `path` names a field (or a list, or a list element) of the model.
/// Any index stands for "an element of this list".
pub fn exists(path: &str) -> bool {
    let full = full_design();
    let mut at = &full;
    for segment in path.split('.') {
        let (name, indices) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        match at.get(name) {
            Some(next) => at = next,
            None => return false,
        }
        for index in indices.split(']').filter(|s| !s.is_empty()) {
            if index
                .strip_prefix('[')
                .and_then(|n| n.parse::<usize>().ok())
                .is_none()
            {
                return false;
            }
            match at.get(0) {
                Some(next) => at = next,
                None => return false,
            }
        }
    }
    true
}

/// `spec.cost.right_sizing` (a Rust field path) as the design file spells
/// it: `spec.cost.rightSizing`.
pub fn camel_case(rust_path: &str) -> String {
    let mut out = String::with_capacity(rust_path.len());
    let mut upper = false;
    for c in rust_path.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_paths_resolve_and_others_do_not() {
        for path in [
            "metadata.name",
            "spec.cluster.zones",
            "spec.cluster.nodePools",
            "spec.cluster.nodePools[3].maxNodes",
            "spec.security.policies.allowedRegistries[0]",
            "spec.exemptions[0].expires",
        ] {
            assert!(exists(path), "{path}");
        }
        for path in [
            "spec.cluster.zone",
            "spec.security.policyEngines",
            "spec.cluster.nodePools.maxNodes[0]",
            "spec.cluster.nodePools[x].name",
            "spec.cost.right_sizing",
        ] {
            assert!(!exists(path), "{path}");
        }
    }

    #[test]
    fn rust_paths_become_file_paths() {
        assert_eq!(
            camel_case("spec.cost.right_sizing"),
            "spec.cost.rightSizing"
        );
        assert_eq!(
            camel_case("spec.workload.traffic.growth_factor_12_months"),
            "spec.workload.traffic.growthFactor12Months"
        );
    }
}
