//! Every preset exports; the file list is stable (snapshot) and the archive
//! is deterministic. Set `EXPORT_DIR` to also write the trees there for the
//! external validators (`scripts/validate-export`).

use std::path::PathBuf;

use design::presets::PRESETS;
use design::ValidDesign;

const TODAY: &str = "2026-11-27";

fn bundle(slug: &str) -> export::Bundle {
    let design = design::presets::find(slug)
        .map(|p| p.design())
        .unwrap_or_default();
    let valid = ValidDesign::new(design).unwrap_or_else(|e| panic!("{slug} invalid: {e:?}"));
    export::export(&valid, TODAY).unwrap_or_else(|e| panic!("{slug}: {e}"))
}

#[test]
fn every_preset_exports_and_matches_its_file_list_snapshot() {
    let snapshots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for preset in PRESETS {
        let bundle = bundle(preset.slug);
        let listing: String = bundle
            .files
            .iter()
            .map(|f| format!("{}\n", f.path))
            .collect();
        let path = snapshots.join(format!("{}.files", preset.slug));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&snapshots).expect("snapshot dir");
            std::fs::write(&path, &listing).expect("write snapshot");
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_SNAPSHOTS=1", path.display()));
        assert_eq!(listing, expected, "file list of {} changed", preset.slug);
        if let Some(dir) = std::env::var_os("EXPORT_DIR") {
            let out = PathBuf::from(dir).join(preset.slug);
            let _ = std::fs::remove_dir_all(&out);
            bundle.write_to(&out).expect("write export");
        }
    }
}
