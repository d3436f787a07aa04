//! Critique speed: the engine runs on every keystroke in the browser, so a
//! full critique of the largest preset must stay well under a frame (target
//! ≤ 100 µs native). `cargo bench -p design --bench critique`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use design::critique::critique;
use design::presets::find;

fn bench(c: &mut Criterion) {
    let largest = find("enterprise-aks")
        .map(|p| p.design())
        .unwrap_or_default();
    c.bench_function("critique enterprise-aks (with fix gains)", |b| {
        b.iter(|| critique(black_box(&largest), &"2026-11-26".parse().expect("date")))
    });
    // The Cost step re-estimates at every keystroke: lines per cluster with
    // their derivations, and the sensitivity (one more bill per input).
    c.bench_function("estimate enterprise-aks (with sensitivity)", |b| {
        b.iter(|| design::estimate::estimate(black_box(&largest)))
    });
    c.bench_function("capacity enterprise-aks (plan built afresh)", |b| {
        b.iter(|| {
            let plan = design::plan::Plan::of(black_box(&largest));
            design::capacity::capacity_of(&largest, &plan)
        })
    });
    c.bench_function("validate enterprise-aks", |b| {
        b.iter(|| design::validate(black_box(&largest)))
    });
    // The wizard of a 300-service-group design validates and critiques at
    // every keystroke; validation builds the plan.
    let mut wide = largest.clone();
    let template = wide.spec.workload.services[0].clone();
    wide.spec.workload.services = (0..300)
        .map(|i| design::model::ServiceGroup {
            name: design::ServiceName::parse(format!("group-{i}"))
                .unwrap_or_else(|_| template.name.clone()),
            ..template.clone()
        })
        .collect();
    // Every group owned by a team, dealt out over the preset's teams (as the
    // browser benchmark does): each team lists about a hundred groups.
    let teams = wide.spec.workload.tenants.len().max(1);
    for (k, tenant) in wide.spec.workload.tenants.iter_mut().enumerate() {
        tenant.services = (0..300)
            .filter(|i| i % teams == k)
            .filter_map(|i| design::ServiceName::parse(format!("group-{i}")).ok())
            .collect();
    }
    c.bench_function("validate 300 service groups", |b| {
        b.iter(|| design::validate(black_box(&wide)))
    });
    c.bench_function("plan 300 service groups", |b| {
        b.iter(|| design::plan::Plan::of(black_box(&wide)))
    });
    c.bench_function("critique 300 service groups", |b| {
        b.iter(|| critique(black_box(&wide), &"2026-11-26".parse().expect("date")))
    });
    // Decision records plan, price and critique the design once more per
    // decision (the strongest alternative in place): the wizard derives one
    // step's records while they are open; export and review pages all of them.
    let today: design::IsoDate = "2026-11-26".parse().expect("date");
    // Alternating two designs defeats the per-thread cache of the last answer.
    let other = find("fintech-eks").map(|p| p.design()).unwrap_or_default();
    c.bench_function(
        "decision records fintech-eks + enterprise-aks (all, cache missed)",
        |b| {
            b.iter(|| {
                design::decisions::records(black_box(&other), &today);
                design::decisions::records(black_box(&largest), &today)
            })
        },
    );
    c.bench_function("decision records enterprise-aks (all, asked again)", |b| {
        b.iter(|| design::decisions::records(black_box(&largest), &today))
    });
    c.bench_function("decision records enterprise-aks (security step)", |b| {
        b.iter(|| {
            design::decisions::records_of(
                black_box(&largest),
                design::steps::Step::Security,
                &today,
            )
        })
    });
    c.bench_function("decision records 300 service groups (security step)", |b| {
        b.iter(|| {
            design::decisions::records_of(black_box(&wide), design::steps::Step::Security, &today)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
