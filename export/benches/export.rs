//! Export of the largest preset (render + zip) against zipping the same
//! bytes alone. Target: at most twice the zip alone.

use criterion::{criterion_group, criterion_main, Criterion};

fn largest_preset() -> design::ValidDesign {
    let design = design::presets::PRESETS
        .iter()
        .map(|p| p.design())
        .max_by_key(|d| {
            d.spec
                .workload
                .services
                .iter()
                .map(|s| s.count)
                .sum::<u32>()
        })
        .unwrap_or_default();
    design::ValidDesign::new(design).unwrap_or_else(|_| panic!("presets are valid"))
}

fn bench(c: &mut Criterion) {
    let design = largest_preset();
    let bundle = export::export(&design, &"2026-11-27".parse().expect("date"))
        .unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("export: render + zip", |b| {
        b.iter(|| {
            export::export(&design, &"2026-11-27".parse().expect("date"))
                .map(|bundle| bundle.zip())
                .unwrap_or_default()
        })
    });
    c.bench_function("zip the same files alone", |b| b.iter(|| bundle.zip()));
    // Growth: the same design with 50 and with 300 service groups. Target:
    // 300 costs at most 6× what 50 cost (the files grow 6×).
    for groups in [50, 300] {
        let wide = with_groups(&design, groups);
        c.bench_function(&format!("export {groups} service groups"), |b| {
            b.iter(|| {
                export::export(&wide, &"2026-11-27".parse().expect("date")).map(|b| b.files.len())
            })
        });
    }
}

/// `design` with `count` service groups, copies of its first one.
fn with_groups(design: &design::ValidDesign, count: usize) -> design::ValidDesign {
    let mut wide = design.get().clone();
    let template = wide.spec.workload.services[0].clone();
    wide.spec.workload.services = (0..count)
        .map(|i| design::model::ServiceGroup {
            name: design::ServiceName::parse(format!("group-{i}"))
                .unwrap_or_else(|_| template.name.clone()),
            ..template.clone()
        })
        .collect();
    design::ValidDesign::new(wide).unwrap_or_else(|e| panic!("{e:?}"))
}

criterion_group!(benches, bench);
criterion_main!(benches);
