//! Exports computed once and reused: a review page, its files and its
//! archive all read the export of the same design state, and many reviewers
//! open the same link. Keyed by the design document's hash and the day (the
//! day decides which exemptions hold), so a saved change or a new day is a
//! new entry; the oldest entries make room.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use design::PlatformDesign;

/// How many exports are kept (a large design's export is a few megabytes).
const ENTRIES: usize = 16;

/// Entries, oldest first: (design hash @ day, its export).
type Entries = VecDeque<(String, Arc<export::Bundle>)>;

/// Why a design did not export: its field problems, or a Slipway defect.
pub type ExportFailure = Result<Vec<design::FieldError>, export::ExportError>;

/// The cache; clones share it.
#[derive(Clone, Debug, Default)]
pub struct ExportCache {
    entries: Arc<Mutex<Entries>>,
}

impl ExportCache {
    /// The export of `design` on `today`, computed at most once per entry.
    pub fn export(
        &self,
        design: &PlatformDesign,
        today: &design::IsoDate,
        metrics: &crate::metrics::Metrics,
    ) -> Result<Arc<export::Bundle>, ExportFailure> {
        let document = serde_json::to_string(design).unwrap_or_default();
        let key = format!("{}@{today}", export::provenance::hash(&document));
        if let Some(hit) = self.lock().iter().find(|(k, _)| *k == key) {
            return Ok(hit.1.clone());
        }
        // Exported outside the lock: two first visits may both compute it.
        let bundle = Arc::new(metrics.time(crate::metrics::Operation::Export, || {
            export::export_checked(design.clone(), today)
        })?);
        let mut entries = self.lock();
        if !entries.iter().any(|(k, _)| *k == key) {
            if entries.len() == ENTRIES {
                entries.pop_front();
            }
            entries.push_back((key, bundle.clone()));
        }
        Ok(bundle)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock leaves the entries intact.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> design::IsoDate {
        design::IsoDate::parse("2026-12-03").expect("date")
    }

    #[test]
    fn the_same_state_is_exported_once_and_a_change_is_a_new_entry() {
        let cache = ExportCache::default();
        let metrics = crate::metrics::Metrics::default();
        let design = design::presets::PRESETS[0].design();
        let first = cache.export(&design, &today(), &metrics).expect("exports");
        let again = cache.export(&design, &today(), &metrics).expect("exports");
        assert!(Arc::ptr_eq(&first, &again), "reused");
        let timed = metrics.render(crate::metrics::Gauges::default());
        assert!(
            timed.contains("slipway_operation_duration_seconds_count{operation=\"export\"} 1"),
            "a hit is not an export: {timed}"
        );
        let mut changed = design.clone();
        changed.spec.observability.log_retention_days += 1;
        let other = cache.export(&changed, &today(), &metrics).expect("exports");
        assert!(!Arc::ptr_eq(&first, &other));
        let tomorrow = design::IsoDate::parse("2026-12-04").expect("date");
        assert!(!Arc::ptr_eq(
            &first,
            &cache.export(&design, &tomorrow, &metrics).expect("exports")
        ));
    }

    #[test]
    fn the_oldest_entry_makes_room() {
        let cache = ExportCache::default();
        let metrics = crate::metrics::Metrics::default();
        let base = design::presets::PRESETS[0].design();
        let first = cache.export(&base, &today(), &metrics).expect("exports");
        for n in 1..=ENTRIES as u32 {
            let mut d = base.clone();
            d.spec.observability.log_retention_days = n;
            cache.export(&d, &today(), &metrics).expect("exports");
        }
        assert_eq!(cache.lock().len(), ENTRIES);
        assert!(!Arc::ptr_eq(
            &first,
            &cache.export(&base, &today(), &metrics).expect("exports")
        ));
    }

    #[test]
    fn an_invalid_design_is_its_problems_and_is_not_kept() {
        let cache = ExportCache::default();
        let metrics = crate::metrics::Metrics::default();
        let mut design = design::PlatformDesign::default();
        design.spec.cluster.zones = 0;
        assert!(
            matches!(cache.export(&design, &today(), &metrics), Err(Ok(errors)) if !errors.is_empty())
        );
        assert!(cache.lock().is_empty());
    }
}
