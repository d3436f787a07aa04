//! Every export says what generated it and from which design, with the hash
//! of each file as generated (`.slipway/export.json`), and stays
//! byte-identical for the same design.

use design::ValidDesign;
use export::provenance::{hash, Provenance, DESIGN_FILE, PATH};

fn today() -> design::IsoDate {
    design::IsoDate::parse("2026-11-27").expect("date")
}

fn bundle(design: design::PlatformDesign) -> export::Bundle {
    let valid = ValidDesign::new(design).unwrap_or_else(|e| panic!("invalid: {e:?}"));
    export::export(&valid, &today()).unwrap_or_else(|e| panic!("{e}"))
}

fn provenance(bundle: &export::Bundle) -> Provenance {
    let file = bundle.file(PATH).expect("provenance file");
    serde_json::from_str(&file.content).expect("provenance parses")
}

#[test]
fn every_file_is_listed_with_the_hash_of_its_content() {
    for preset in design::presets::PRESETS {
        let b = bundle(preset.design());
        let p = provenance(&b);
        let listed: Vec<&String> = p.files.keys().collect();
        let present: Vec<&String> = b
            .files
            .iter()
            .map(|f| &f.path)
            .filter(|f| *f != PATH)
            .collect();
        assert_eq!(listed, present, "{}", preset.slug);
        for f in b.files.iter().filter(|f| f.path != PATH) {
            // An independent digest: sha256sum of the bytes.
            let expected = {
                use sha2::Digest;
                let d = sha2::Sha256::digest(f.content.as_bytes());
                format!(
                    "sha256:{}",
                    d.iter().map(|b| format!("{b:02x}")).collect::<String>()
                )
            };
            assert_eq!(p.files[&f.path], expected, "{}: {}", preset.slug, f.path);
        }
        let design_file = b.file(DESIGN_FILE).expect("design file");
        assert_eq!(p.design_sha256, hash(&design_file.content));
        assert!(p.generator.starts_with("slipway "));
    }
}

#[test]
fn the_same_design_exports_the_same_provenance_and_a_change_shows_in_it() {
    let design = design::presets::find("startup-gke")
        .map(|p| p.design())
        .unwrap_or_default();
    let (a, b) = (bundle(design.clone()), bundle(design.clone()));
    assert_eq!(a.file(PATH), b.file(PATH));
    let mut changed = design;
    changed.spec.observability.log_retention_days += 1;
    let c = bundle(changed);
    let (pa, pc) = (provenance(&a), provenance(&c));
    assert_ne!(pa.design_sha256, pc.design_sha256);
    // Only the files the retention reaches change their hash.
    let differing: Vec<&String> = pa
        .files
        .iter()
        .filter(|(path, h)| pc.files.get(*path) != Some(h))
        .map(|(path, _)| path)
        .collect();
    assert!(
        differing.iter().any(|p| p.contains("loki/values.yaml")),
        "{differing:?}"
    );
    assert!(differing.len() < pa.files.len() / 4, "{differing:?}");
}
