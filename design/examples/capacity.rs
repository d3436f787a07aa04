//! Prints each preset's capacity per cluster and its bill, line by line:
//! `cargo run -p design --example capacity [slug]`; `FIX=1` first applies
//! COST-007's fix (nodes where a cluster is short), `GROW=3` triples the services.

fn main() {
    let only = std::env::args().nth(1);
    let mut designs: Vec<(String, design::PlatformDesign)> =
        vec![("default".into(), design::PlatformDesign::default())];
    designs.extend(
        design::presets::PRESETS
            .iter()
            .map(|p| (p.slug.to_owned(), p.design())),
    );
    for (slug, d) in designs {
        if only.as_deref().is_some_and(|o| o != slug) {
            continue;
        }
        let mut d = d;
        // GROW=3 multiplies every service group (the brief's growth in a year).
        if let Some(grow) = std::env::var("GROW")
            .ok()
            .and_then(|g| g.parse::<u32>().ok())
        {
            for s in &mut d.spec.workload.services {
                s.count = s.count.saturating_mul(grow);
            }
        }
        if std::env::var_os("FIX").is_some() {
            if let Some(fix) = design::critique::rule("COST-007").and_then(|r| r.fix) {
                (fix.apply)(&mut d);
            }
            for p in &d.spec.cluster.node_pools {
                println!(
                    "  pool {} {} desired {} max {}",
                    p.name, p.instance_type, p.desired_nodes, p.max_nodes
                );
            }
        }
        println!("## {slug}");
        for c in design::capacity::capacity(&d) {
            println!("- {}", c.summary());
        }
        let e = design::estimate::estimate(&d);
        for l in &e.lines {
            println!(
                "  {:<18} {:<55} {:>9.0}  {}",
                l.cluster.as_deref().unwrap_or("all clusters"),
                l.label,
                l.monthly_usd,
                l.derivation
            );
        }
        println!("  total ${:.0}/month", e.total_monthly_usd);
        for s in &e.sensitivity {
            println!("  +10 % {}: +${:.0}", s.input, s.monthly_usd);
        }
    }
}
