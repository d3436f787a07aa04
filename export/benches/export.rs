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
}

criterion_group!(benches, bench);
criterion_main!(benches);
