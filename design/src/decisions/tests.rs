use serde_json::Value;

use super::*;
use crate::choices::*;
use crate::critique::Exemption;
use crate::presets::PRESETS;

fn today() -> IsoDate {
    IsoDate::parse("2026-12-03").expect("date")
}

/// The value at `path` in the design file, as the records cite it: list
/// elements (`[]`) joined by ", ". Fields the file leaves out when they hold
/// their default read as that default.
fn at(design: &PlatformDesign, path: &str) -> Option<String> {
    fn text(v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
            other => other.to_string(),
        }
    }
    fn walk<'a>(values: Vec<&'a Value>, segment: &str) -> Option<Vec<&'a Value>> {
        let (name, index) = match segment.find('[') {
            Some(i) => (&segment[..i], Some(&segment[i + 1..segment.len() - 1])),
            None => (segment, None),
        };
        let mut out = Vec::new();
        for v in values {
            let field = match v.get(name) {
                Some(f) => f,
                // `runsIn` is left out of the file when a pool runs everywhere.
                None if name == "runsIn" => &Value::Null,
                None => return None,
            };
            match index {
                None => out.push(field),
                Some("") => out.extend(field.as_array()?.iter()),
                Some(i) => out.push(field.as_array()?.get(i.parse::<usize>().ok()?)?),
            }
        }
        Some(out)
    }
    let json = serde_json::to_value(design).ok()?;
    let mut values = vec![&json];
    for segment in path.split('.') {
        values = walk(values, segment)?;
    }
    Some(
        values
            .iter()
            .map(|v| {
                if v.is_null() {
                    "all".to_owned()
                } else {
                    text(v)
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// A small deterministic generator: designs over every choice, team shape,
/// compliance and size, so the records are checked far beyond the presets.
fn generated(count: usize) -> Vec<PlatformDesign> {
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    fn pick<T: Choice>(i: usize) -> T {
        T::ALL[i % T::ALL.len()]
    }
    (0..count)
        .map(|k| {
            let mut d = PRESETS[k % PRESETS.len()].design();
            let s = &mut d.spec;
            s.cluster.provider = pick(next(8));
            s.cluster.topology = pick(next(9));
            s.cluster.cni = pick(next(9));
            s.cluster.ingress = pick(next(9));
            s.cluster.node_autoscaler = pick(next(9));
            s.gitops.tool = pick(next(8));
            s.gitops.layout = pick(next(9));
            s.gitops.promotion = pick(next(8));
            s.gitops.secrets = pick(next(9));
            s.gitops.progressive_delivery.tool = pick(next(9));
            s.gitops.progressive_delivery.strategy = pick(next(8));
            s.security.pod_security = pick(next(9));
            s.security.mesh = pick(next(8));
            s.security.mtls = pick(next(9));
            s.security.policy_engine = pick(next(9));
            s.security.rbac = pick(next(8));
            s.observability.metrics = pick(next(9));
            s.observability.long_term_store = pick(next(9));
            s.observability.logs = pick(next(8));
            s.observability.tracing = pick(next(9));
            s.observability.on_call = pick(next(8));
            s.cost.right_sizing = pick(next(9));
            for pool in &mut s.cluster.node_pools {
                pool.purchase = pick(next(9));
                pool.runs_in = pick(next(9));
            }
            let w = &mut s.workload;
            w.team.platform_team_size = [1, 2, 3, 5, 8][next(5)];
            w.team.developers = [3, 12, 25, 60, 200][next(5)];
            w.team.kubernetes_experience = pick(next(9));
            w.compliance = match next(4) {
                0 => Vec::new(),
                1 => vec![Compliance::PciDss],
                2 => vec![Compliance::Soc2, Compliance::Hipaa],
                _ => vec![Compliance::GdprResidency],
            };
            w.availability = pick(next(10));
            w.traffic.requests_per_day = [50_000, 2_000_000, 40_000_000][next(3)];
            w.migration_planned = next(2) == 0;
            for g in &mut w.services {
                g.count = [1, 4, 30, 120][next(4)];
                g.exposure = pick(next(9));
            }
            d
        })
        .collect()
}

fn designs() -> Vec<PlatformDesign> {
    PRESETS
        .iter()
        .map(|p| p.design())
        .chain(generated(120))
        .collect()
}

#[test]
fn every_option_of_every_choice_has_an_entry_once() {
    for kind in KINDS {
        let mut table: Vec<_> = kind.options.rows().iter().map(|r| r.wire).collect();
        let mut every = kind.options.every();
        table.sort_unstable();
        every.sort_unstable();
        assert_eq!(
            table, every,
            "{}: the table must list every option once",
            kind.slug
        );
        for row in kind.options.rows() {
            for text in [row.facts.strengths, row.facts.costs, row.facts.risks] {
                assert!(
                    text.len() > 10,
                    "{} / {}: write it out",
                    kind.slug,
                    row.wire
                );
            }
        }
    }
    let mut slugs: Vec<_> = KINDS.iter().map(|k| k.slug).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), KINDS.len(), "slugs are unique");
    // Per-pool records number on from their kind's position: only the last
    // kind may be per pool, or numbers would collide.
    assert!(KINDS.iter().rev().skip(1).all(|k| !k.per_pool));
}

#[test]
fn conditions_cite_declared_inputs_and_never_the_decision_itself() {
    for kind in KINDS {
        assert!(
            crate::paths::exists(&kind.field.replace('#', "0")),
            "{}",
            kind.field
        );
        for input in kind.inputs {
            let path = input.path(0);
            assert_ne!(
                path,
                kind.field.replace('#', "0"),
                "{}: cites itself",
                kind.slug
            );
            assert!(crate::paths::exists(&path.replace("[]", "[0]")), "{path}");
        }
        for row in kind.options.rows() {
            for fit in row.facts.fits {
                for cite in fit.cites {
                    assert!(
                        kind.inputs.contains(cite),
                        "{} / {}: '{}' cites {cite:?}, which the record's context leaves out",
                        kind.slug,
                        row.wire,
                        fit.because
                    );
                }
            }
        }
    }
}

#[test]
fn every_record_names_a_rejected_alternative_and_cites_the_designs_own_values() {
    let all = designs();
    assert!(all.len() >= 100 + PRESETS.len());
    for design in &all {
        let records = records(design, &today());
        assert!(records.len() >= 18, "{}", records.len());
        for r in &records {
            let chosen: Vec<_> = r.options.iter().filter(|o| o.chosen).collect();
            assert_eq!(chosen.len(), 1, "{}: one chosen option", r.slug);
            let alternative = r.alternative().expect("an alternative");
            assert_ne!(alternative.wire, chosen[0].wire);
            assert!(!r.context.is_empty(), "{}", r.slug);
            for cite in &r.context {
                assert_eq!(
                    at(design, &cite.path).as_deref(),
                    Some(cite.wire.as_str()),
                    "{}: cited {} does not match the design",
                    r.slug,
                    cite.path
                );
            }
            assert!(!r.verdict.is_empty());
            assert!(
                !r.consequences.is_empty() || !r.rules.is_empty(),
                "{}: no consequences",
                r.slug
            );
            assert!(
                r.verdict.contains(&alternative.label),
                "{}: the verdict names the alternative: {}",
                r.slug,
                r.verdict
            );
        }
    }
}

#[test]
fn presets_get_different_text_where_their_inputs_differ() {
    let texts: Vec<Vec<(Record, String)>> = PRESETS
        .iter()
        .map(|p| {
            let d = p.design();
            records(&d, &today())
                .into_iter()
                .map(|r| {
                    let md = adr_markdown(&r, "same title");
                    (r, md)
                })
                .collect()
        })
        .collect();
    let mut compared = 0;
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            for (ra, ma) in a {
                let Some((rb, mb)) = b.iter().find(|(rb, _)| rb.slug == ra.slug) else {
                    continue;
                };
                let differ = ra.context != rb.context
                    || ra.chosen().map(|c| &c.wire) != rb.chosen().map(|c| &c.wire);
                if differ {
                    compared += 1;
                    assert_ne!(ma, mb, "{}: same text for different inputs", ra.slug);
                }
            }
        }
    }
    assert!(compared > 50, "{compared}");
}

#[test]
fn the_fintech_records_cover_what_the_brief_argues() {
    let d = crate::presets::find("fintech-eks")
        .expect("preset")
        .design();
    let records = records(&d, &today());
    let slugs: Vec<_> = records.iter().map(|r| r.slug.as_str()).collect();
    for wanted in [
        "provider",
        "cluster-topology",
        "network-plugin",
        "ingress",
        "service-mesh",
        "gitops-tool",
        "repository-structure",
        "secrets",
        "progressive-delivery",
        "policy-engine",
        "metrics",
        "long-term-metrics",
        "logs",
        "tracing",
        "purchase-general",
        "purchase-non-prod-spot",
    ] {
        assert!(slugs.contains(&wanted), "{wanted} missing from {slugs:?}");
    }
    let provider = records
        .iter()
        .find(|r| r.slug == "provider")
        .expect("provider");
    let kubeadm = provider
        .options
        .iter()
        .find(|o| o.wire == "kubeadm")
        .expect("self-managed considered");
    assert!(
        kubeadm.worse.iter().any(|w| w.contains("Limited")),
        "{:?}",
        kubeadm.worse
    );
    let spot = records
        .iter()
        .find(|r| r.slug == "purchase-non-prod-spot")
        .expect("spot");
    assert_eq!(spot.chosen().map(|c| c.wire.as_str()), Some("spot"));
    assert_eq!(spot.status, Status::Accepted, "{}", spot.verdict);
    // Consequences come from the bill with the alternative in place.
    let general = records
        .iter()
        .find(|r| r.slug == "purchase-general")
        .expect("general");
    assert_eq!(
        general.alternative().map(|a| a.wire.as_str()),
        Some("on-demand")
    );
    assert!(
        general
            .consequences
            .iter()
            .any(|c| c.starts_with("Adds to the monthly bill") && c.contains("reserved")),
        "{:?}",
        general.consequences
    );
    assert!(
        general
            .consequences
            .iter()
            .any(|c| c.contains("a month lower than with On-demand")),
        "{:?}",
        general.consequences
    );
    let topology = records
        .iter()
        .find(|r| r.slug == "cluster-topology")
        .expect("topology");
    assert!(topology
        .chosen()
        .expect("chosen")
        .better
        .iter()
        .any(|b| b.contains("PCI-DSS")));
}

fn small_team_with_istio() -> PlatformDesign {
    let mut d = PlatformDesign::named("Small team");
    d.spec.workload.team.platform_team_size = 2;
    d.spec.workload.team.kubernetes_experience = Experience::Limited;
    // Regulated, so no mesh at all is not an option worth weighing.
    d.spec.workload.compliance = vec![Compliance::Soc2];
    d.spec.security.mesh = Mesh::Istio;
    d.spec.security.mtls = MtlsMode::Strict;
    d
}

fn mesh_record(d: &PlatformDesign) -> Record {
    records_of(d, Step::Security, &today())
        .into_iter()
        .find(|r| r.slug == "service-mesh")
        .expect("mesh record")
}

#[test]
fn a_weaker_choice_is_questioned_and_links_the_finding() {
    let r = mesh_record(&small_team_with_istio());
    assert_eq!(r.status, Status::Questioned);
    assert_eq!(r.alternative().map(|a| a.label.as_str()), Some("Linkerd"));
    assert!(r.verdict.contains("weaker fit"), "{}", r.verdict);
    assert!(
        r.verdict.contains("platform team: 2 people"),
        "{}",
        r.verdict
    );
    let fit = r
        .rules
        .iter()
        .find(|l| l.rule == "FIT-001")
        .expect("FIT-001 linked");
    assert!(fit.triggered && fit.exemption.is_none());
    assert!(
        r.consequences.iter().any(|c| c.contains("istiod")),
        "{:?}",
        r.consequences
    );
}

#[test]
fn an_accepted_exemption_is_recorded_with_its_reason() {
    let mut d = small_team_with_istio();
    d.spec.exemptions.push(Exemption {
        rule: "FIT-001".into(),
        reason: "the bank's standard mesh".into(),
        owner: "platform lead".into(),
        expires: IsoDate::parse("2027-06-30").ok(),
    });
    let r = mesh_record(&d);
    assert_eq!(r.status, Status::Exempted);
    assert!(
        r.verdict.contains("the bank's standard mesh"),
        "{}",
        r.verdict
    );
    // Expired: questioned again.
    let r = records_of(
        &d,
        Step::Security,
        &IsoDate::parse("2027-07-01").expect("date"),
    )
    .into_iter()
    .find(|r| r.slug == "service-mesh")
    .expect("mesh");
    assert_eq!(r.status, Status::Questioned);
}

#[test]
fn a_good_fit_is_accepted_and_says_why() {
    let mut d = small_team_with_istio();
    d.spec.security.mesh = Mesh::Linkerd;
    let r = mesh_record(&d);
    assert_eq!(r.status, Status::Accepted, "{}", r.verdict);
    assert!(
        r.verdict.contains("fits these inputs better"),
        "{}",
        r.verdict
    );
    assert!(r.rules.iter().any(|l| l.rule == "FIT-001" && !l.triggered));
}

#[test]
fn an_alternative_the_design_cannot_combine_is_marked_and_never_preferred() {
    let mut d = PlatformDesign::named("VM");
    d.spec.observability.metrics = MetricsStack::VictoriaMetrics;
    d.spec.observability.long_term_store = LongTermStore::Mimir;
    d.spec.cluster.topology = Topology::PerEnvironment;
    let r = records_of(&d, Step::Observability, &today())
        .into_iter()
        .find(|r| r.slug == "long-term-metrics")
        .expect("record");
    let thanos = r
        .options
        .iter()
        .find(|o| o.wire == "thanos")
        .expect("thanos");
    assert!(thanos
        .blocked
        .as_deref()
        .is_some_and(|b| b.contains("VictoriaMetrics")));
    assert_eq!(r.options.last().map(|o| o.wire.as_str()), Some("thanos"));
}

#[test]
fn changed_lists_only_decisions_whose_outcome_moved() {
    let before = small_team_with_istio();
    let mut after = before.clone();
    after.spec.security.mesh = Mesh::Linkerd;
    let changes = changed(&before, &after, &today());
    let mesh = changes
        .iter()
        .find(|c| c.title == "Service mesh")
        .expect("mesh changed");
    assert_eq!(
        mesh.before
            .as_ref()
            .and_then(|r| r.chosen())
            .map(|c| c.label.as_str()),
        Some("Istio")
    );
    assert_eq!(
        mesh.after
            .as_ref()
            .and_then(|r| r.chosen())
            .map(|c| c.label.as_str()),
        Some("Linkerd")
    );
    assert!(changes.iter().all(|c| c.title != "GitOps tool"));
    assert!(changed(&before, &before, &today()).is_empty());
    // A decision that stops arising is listed with no "after".
    let mut no_delivery = before.clone();
    no_delivery.spec.gitops.progressive_delivery.tool = DeliveryTool::None;
    let gone = changed(&before, &no_delivery, &today());
    assert!(gone
        .iter()
        .any(|c| c.title == "Release strategy" && c.after.is_none()));
}

#[test]
fn markdown_has_the_madr_sections_and_the_index_links_every_record() {
    let d = crate::presets::find("fintech-eks")
        .expect("preset")
        .design();
    let records = records(&d, &today());
    let md = adr_markdown(&records[0], &d.metadata.name);
    for heading in [
        "## Context and problem statement",
        "## Considered options",
        "## Decision outcome",
        "### Consequences",
        "## Pros and cons of the options",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    let index = adr_index(&records, &d.metadata.name);
    for r in &records {
        let name = r.file().rsplit('/').next().expect("name").to_owned();
        assert!(index.contains(&format!("]({name})")), "{name}");
    }
    let mut files: Vec<_> = records.iter().map(Record::file).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), records.len(), "file names are unique");
}

#[test]
fn spot_is_argued_by_where_the_pool_runs_and_what_else_carries_production() {
    use crate::model::NodePool;
    let mut d = PlatformDesign::named("Spot");
    let mut burst = NodePool {
        name: crate::PoolName::known("burst"),
        min_nodes: 0,
        desired_nodes: 0,
        purchase: Purchase::Spot,
        ..NodePool::default()
    };
    d.spec.cluster.node_pools.push(burst.clone());
    let record = |d: &PlatformDesign| {
        records_of(d, Step::Cost, &today())
            .into_iter()
            .find(|r| r.slug == "purchase-burst")
            .expect("burst record")
    };
    // Beside an on-demand baseline, a burst pool on spot is the better fit.
    let r = record(&d);
    assert_eq!(r.status, Status::Accepted, "{}", r.verdict);
    assert!(r.verdict.contains("burst pool"), "{}", r.verdict);
    // Spot alone in production: questioned, and REL-007 is named.
    d.spec.cluster.node_pools[0].purchase = Purchase::Spot;
    burst.min_nodes = 2;
    let r = record(&d);
    assert_eq!(r.status, Status::Questioned, "{}", r.verdict);
    assert!(
        r.rules.iter().any(|l| l.rule == "REL-007" && l.triggered),
        "{:?}",
        r.rules
    );
}

#[test]
fn the_kept_answer_follows_the_design_and_the_day() {
    let mut d = small_team_with_istio();
    d.spec.exemptions.push(Exemption {
        rule: "FIT-001".into(),
        reason: "standard mesh".into(),
        owner: "lead".into(),
        expires: IsoDate::parse("2027-06-30").ok(),
    });
    let mesh = |d: &PlatformDesign, day: &str| {
        records(d, &IsoDate::parse(day).expect("date"))
            .into_iter()
            .find(|r| r.slug == "service-mesh")
            .expect("mesh")
    };
    assert_eq!(mesh(&d, "2027-01-01").status, Status::Exempted);
    assert_eq!(mesh(&d, "2027-01-01").status, Status::Exempted);
    assert_eq!(
        mesh(&d, "2027-07-01").status,
        Status::Questioned,
        "a new day is a new answer"
    );
    d.spec.security.mesh = Mesh::Linkerd;
    assert_eq!(
        mesh(&d, "2027-07-01").chosen().map(|c| c.wire.clone()),
        Some("linkerd".to_owned()),
        "a changed design is a new answer"
    );
}

#[test]
fn the_steps_with_records_are_those_of_the_kinds() {
    for step in Step::ALL {
        assert_eq!(
            has_records(step),
            KINDS.iter().any(|k| k.step == step),
            "{step:?}"
        );
    }
}
