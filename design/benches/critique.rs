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
    c.bench_function("validate enterprise-aks", |b| {
        b.iter(|| design::validate(black_box(&largest)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
