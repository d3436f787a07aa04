//! Prints the platform footprint of a preset, workload by workload:
//! `cargo run -p design --example footprint startup-gke`.

fn main() {
    let slug = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "startup-gke".into());
    let d = design::presets::find(&slug)
        .map(|p| p.design())
        .unwrap_or_default();
    let plan = design::plan::Plan::of(&d);
    for w in &plan.footprint.workloads {
        println!(
            "{:<28} {:<45} {:?} {}m {}Mi",
            w.component, w.name, w.spread, w.requests.cpu_millicores, w.requests.memory_mebibytes
        );
    }
    println!(
        "sidecar {:?}",
        plan.footprint.sidecar.as_ref().map(|s| s.requests)
    );
    println!(
        "replicated {:?} per node {:?}",
        plan.footprint.replicated(),
        plan.footprint.per_node()
    );
}
