use super::*;

fn preset(slug: &str) -> PlatformDesign {
    design::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default()
}

fn context_of(d: &PlatformDesign, check: impl FnOnce(&Context)) {
    let review = design::critique::critique(d, &"2026-11-27".parse().expect("date"));
    let ctx = Context::new(d, &review).expect("context");
    check(&ctx);
}

#[test]
fn prod_and_non_prod_makes_two_clusters_with_env_suffixed_namespaces() {
    context_of(&preset("fintech-eks"), |ctx| {
        let names: Vec<_> = ctx.clusters.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["platform-non-prod", "platform-prod"]);
        assert_eq!(ctx.clusters[0].envs, ["dev", "staging"]);
        assert!(ctx.clusters[0]
            .namespaces
            .iter()
            .any(|n| n.name == "java-services-staging"));
    });
}

#[test]
fn one_cluster_per_environment_keeps_plain_namespaces() {
    context_of(&preset("regulated-kubeadm"), |ctx| {
        assert!(ctx.clusters.iter().all(|c| c.envs.len() == 1));
        assert_eq!(ctx.clusters[0].namespaces[0].name, "records");
    });
}

#[test]
fn the_templates_see_the_plans_components() {
    let mut d = preset("fintech-eks");
    d.spec.observability.tracing = TracingBackend::None;
    d.spec.security.runtime_detection = false;
    context_of(&d, |ctx| {
        let keys: Vec<_> = ctx.components.iter().map(|c| c.key).collect();
        assert!(
            !keys.contains(&"tempo") && !keys.contains(&"falco"),
            "{keys:?}"
        );
        assert!(keys.contains(&"istiod") && keys.contains(&"karpenter"));
        assert_eq!(ctx.has.get("istiod"), Some(&true));
        assert_eq!(ctx.has.get("ingress-nginx"), Some(&false));
    });
}

#[test]
fn aks_pools_get_their_provider_names() {
    context_of(&preset("enterprise-aks"), |ctx| {
        let names: Vec<_> = ctx.pools.iter().map(|p| p.provider_name.as_str()).collect();
        assert_eq!(names, ["addons", "apps", "burst"]);
    });
}

#[test]
fn a_name_too_long_for_kubernetes_is_the_plans_field_error() {
    let mut d = preset("fintech-eks");
    d.spec.cluster.environments[0].name = design::EnvName::parse("e".repeat(50)).expect("name");
    let review = design::critique::critique(&d, &"2026-11-27".parse().expect("date"));
    let Err(ExportError::Name { path, message }) = Context::new(&d, &review) else {
        panic!("expected a name error");
    };
    assert_eq!(path, "spec.workload.services[0].name");
    assert!(message.contains("namespace would be"), "{message}");
}
