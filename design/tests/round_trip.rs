//! Property: any valid design written as YAML (or JSON) reads back as the
//! same design. Designs are generated over every choice, number ranges and
//! free text full of YAML metacharacters.

#![cfg(feature = "file")]

use design::choices::*;
use design::file::{parse, to_json, to_yaml};
use design::model::*;
use design::{validate, PlatformDesign, ServiceName};
use proptest::prelude::*;

fn choice<C: Choice + std::fmt::Debug>() -> impl Strategy<Value = C> {
    proptest::sample::select(C::ALL)
}

/// Text that tries to break YAML: quotes, colons, comment marks, flow
/// brackets, block indicators, document markers, newlines and non-ASCII.
fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(": ".to_owned()),
            Just("# ".to_owned()),
            Just("{ }".to_owned()),
            Just("[ ]".to_owned()),
            Just("| >".to_owned()),
            Just("'\"".to_owned()),
            Just("\n---\n".to_owned()),
            Just("&anchor *alias".to_owned()),
            Just("yes".to_owned()),
            Just("0x1F".to_owned()),
            Just("ünïcødé ✓".to_owned()),
            // Characters YAML readers drop or fold: refused by validation,
            // so they never reach a file (the filter below drops them).
            Just("\u{85}\u{2028}\u{9b}\r\t\u{0}".to_owned()),
            "[a-z ]{0,12}".prop_map(String::from),
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

/// Any characters at all, controls and separators included.
fn chars() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..30).prop_map(String::from_iter)
}

fn service() -> impl Strategy<Value = ServiceGroup> {
    (
        "[a-z][a-z0-9-]{0,20}[a-z0-9]",
        choice::<Runtime>(),
        1u32..200,
        choice::<ServiceKind>(),
        any::<bool>(),
        (1u32..4000, 0u32..4000),
        (1u32..16384, 0u32..16384),
        (1u32..10, 0u32..40),
        choice::<Exposure>(),
    )
        .prop_map(
            |(name, runtime, count, kind, stateful, cpu, memory, replicas, exposure)| {
                ServiceGroup {
                    name: ServiceName::parse(name).unwrap_or_else(|_| ServiceGroup::default().name),
                    runtime,
                    count,
                    kind,
                    stateful,
                    cpu_request_millicores: cpu.0,
                    cpu_limit_millicores: cpu.0 + cpu.1,
                    memory_request_mebibytes: memory.0,
                    memory_limit_mebibytes: memory.0 + memory.1,
                    min_replicas: replicas.0,
                    max_replicas: replicas.0 + replicas.1,
                    exposure,
                }
            },
        )
}

fn design() -> impl Strategy<Value = PlatformDesign> {
    (
        ("[A-Za-z][A-Za-z0-9 ]{0,40}", tricky_text()),
        proptest::collection::vec(service(), 1..4),
        (0u64..1_000_000_000, 1.0f64..20.0, 0.1f64..50.0),
        proptest::collection::btree_set(choice::<Compliance>().prop_map(|c| c.wire()), 0..4),
        (choice::<Availability>(), 1u32..5000, choice::<Experience>()),
        (choice::<Provider>(), 1u8..4, choice::<Topology>()),
        (
            choice::<GitopsTool>(),
            choice::<SecretsBackend>(),
            choice::<DeliveryTool>(),
            any::<bool>(),
        ),
        (
            choice::<PodSecurity>(),
            choice::<Mesh>(),
            choice::<MtlsMode>(),
            choice::<PolicyEngine>(),
        ),
        (
            choice::<MetricsStack>(),
            choice::<LogStack>(),
            1u32..3650,
            0.0f64..100.0,
        ),
        (10u8..=95, 0u32..1_000_000, 1u8..=100),
    )
        .prop_map(
            |(
                text,
                services,
                traffic,
                regimes,
                promises,
                cluster,
                gitops,
                security,
                observability,
                cost,
            )| {
                let mut d = PlatformDesign::named(text.0.trim().to_owned() + "x");
                d.metadata.description = text.1;
                d.spec.workload.services = services;
                d.spec.workload.traffic = Traffic {
                    requests_per_day: traffic.0,
                    peak_factor: traffic.1,
                    growth_factor_12_months: traffic.2,
                };
                d.spec.workload.compliance = regimes
                    .into_iter()
                    .filter_map(Compliance::from_wire)
                    .collect();
                d.spec.workload.availability = promises.0;
                d.spec.workload.p99_latency_ms = promises.1;
                d.spec.workload.team.kubernetes_experience = promises.2;
                design::edits::switch_provider(&mut d, cluster.0);
                d.spec.cluster.zones = cluster.1;
                d.spec.cluster.topology = cluster.2;
                d.spec.gitops.tool = gitops.0;
                d.spec.gitops.secrets = gitops.1;
                d.spec.gitops.progressive_delivery.tool = gitops.2;
                d.spec.gitops.sync.manual_prod_gate = gitops.3;
                d.spec.security.pod_security = security.0;
                d.spec.security.mesh = security.1;
                d.spec.security.mtls = security.2;
                d.spec.security.policy_engine = security.3;
                d.spec.observability.metrics = observability.0;
                d.spec.observability.logs = observability.1;
                d.spec.observability.log_retention_days = observability.2;
                d.spec.observability.trace_sampling_percent = observability.3;
                d.spec.cost.target_utilisation_percent = cost.0;
                d.spec.cost.monthly_budget_usd = cost.1;
                d.spec.cost.budget_alert_percent = cost.2;
                d
            },
        )
        // Generated names can collide; only valid designs are in scope.
        .prop_filter("valid designs only", |d| validate(d).is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_valid_design_survives_yaml(design in design()) {
        prop_assert_eq!(parse(&to_yaml(&design)), Ok(design));
    }

    #[test]
    fn any_valid_design_survives_json(design in design()) {
        prop_assert_eq!(parse(&to_json(&design)), Ok(design));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever text the free-text rule accepts is written and read back unchanged.
    #[test]
    fn any_text_the_rule_accepts_reads_back_unchanged(
        title in chars(),
        text in chars(),
    ) {
        let mut d = PlatformDesign::named(format!("x{title}"));
        d.metadata.description = text;
        if validate(&d).is_empty() {
            prop_assert_eq!(parse(&to_yaml(&d)), Ok(d.clone()));
            prop_assert_eq!(parse(&to_json(&d)), Ok(d));
        }
    }
}
