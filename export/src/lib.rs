//! The export: a platform design rendered as a GitOps repository.
//!
//! For now it only names the archive; the templates arrive with the export work.

use design::names::slugify;
use design::PlatformDesign;

/// The file name of a design's repository archive, e.g. `payments-platform.zip`.
pub fn archive_name(design: &PlatformDesign) -> String {
    format!("{}.zip", slugify(&design.metadata.name, "platform"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_is_named_after_the_design() {
        assert_eq!(
            archive_name(&PlatformDesign::named("Payments Platform")),
            "payments-platform.zip"
        );
    }
}
