//! The design in a compact binary form, for the studio's own traffic between
//! its browser front end and its server (the wizard opening and saving a
//! design). Fields are written in order and not named, so reading it takes a
//! fraction of the code a self-describing format needs in the browser; both
//! ends are always the same build. Files and the public API stay JSON/YAML.
//!
//! The design file leaves some fields out while they hold their default (an
//! empty list of tenants, no exemptions); a form without field names cannot
//! tell a missing field from the next one, so while writing the compact form
//! every field is written ([`omitted`] answers `false`).

use std::cell::Cell;

use serde::{de::DeserializeOwned, Serialize};

thread_local! {
    /// Set while this thread writes the compact form.
    static WRITING_COMPACT: Cell<bool> = const { Cell::new(false) };
}

/// Why a value could not be written or read in the compact form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the compact form could not be {0}")]
pub struct CompactError(&'static str);

/// `value` in the compact form.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CompactError> {
    /// Clears the flag however writing ends.
    struct Writing(bool);
    impl Drop for Writing {
        fn drop(&mut self) {
            WRITING_COMPACT.with(|flag| flag.set(self.0));
        }
    }
    let _writing = Writing(WRITING_COMPACT.with(|flag| flag.replace(true)));
    postcard::to_allocvec(value).map_err(|_| CompactError("written"))
}

/// Reads a value written by [`to_bytes`]; bytes left over are an error.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CompactError> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok(_) | Err(_) => Err(CompactError("read")),
    }
}

/// For `skip_serializing_if`: whether a field holding its default is left
/// out. It is in the design file; never in the compact form.
pub fn omitted<T: Default + PartialEq>(value: &T) -> bool {
    !WRITING_COMPACT.with(Cell::get) && *value == T::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn every_preset_reads_back_equal_with_its_optional_fields_filled_and_empty() {
        for preset in presets::PRESETS {
            let mut design = preset.design();
            for _ in 0..2 {
                let bytes = to_bytes(&design);
                assert_eq!(
                    bytes
                        .as_deref()
                        .map(from_bytes::<crate::PlatformDesign>)
                        .ok(),
                    Some(Ok(design.clone())),
                    "{}",
                    preset.slug
                );
                // The second round with every field that the file may leave
                // out at its default.
                design.spec.workload.tenants.clear();
                design.spec.exemptions.clear();
                design.spec.cluster.public_domain.clear();
                design.spec.cluster.mirror.clear();
                design.spec.cluster.multi_region = None;
            }
        }
    }

    #[test]
    fn the_design_file_still_leaves_defaults_out_after_writing_the_compact_form() {
        let design = crate::PlatformDesign::default();
        assert!(to_bytes(&design).is_ok());
        let json = serde_json::to_string(&design).unwrap_or_default();
        assert!(!json.contains("exemptions"), "{json}");
        assert!(!json.contains("publicDomain"), "{json}");
    }

    #[test]
    fn truncated_or_overlong_bytes_are_refused() {
        let bytes = to_bytes(&crate::PlatformDesign::default()).unwrap_or_default();
        assert!(from_bytes::<crate::PlatformDesign>(&bytes[..bytes.len() / 2]).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(from_bytes::<crate::PlatformDesign>(&longer).is_err());
        assert!(from_bytes::<crate::PlatformDesign>(&bytes).is_ok());
    }
}
