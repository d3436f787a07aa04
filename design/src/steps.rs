//! The steps of a design, in order: the six of the brief and a review. The
//! one list the wizard's tabs, the review page, comment targets and the
//! step lookup of a field path all read.

/// The steps of the wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// What runs.
    Workload,
    /// Where it runs.
    Cluster,
    /// How it gets there.
    Gitops,
    /// Controls.
    Security,
    /// Visibility.
    Observability,
    /// Money.
    Cost,
    /// Everything at once.
    Review,
}

impl Step {
    /// Every step in order.
    pub const ALL: [Step; 7] = [
        Step::Workload,
        Step::Cluster,
        Step::Gitops,
        Step::Security,
        Step::Observability,
        Step::Cost,
        Step::Review,
    ];

    /// Name on the tab.
    pub fn title(self) -> &'static str {
        match self {
            Step::Workload => "Workload",
            Step::Cluster => "Cluster",
            Step::Gitops => "GitOps",
            Step::Security => "Security",
            Step::Observability => "Observability",
            Step::Cost => "Cost",
            Step::Review => "Review",
        }
    }

    /// Stable slug for ids and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Workload => "workload",
            Step::Cluster => "cluster",
            Step::Gitops => "gitops",
            Step::Security => "security",
            Step::Observability => "observability",
            Step::Cost => "cost",
            Step::Review => "review",
        }
    }

    /// The step with this slug.
    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The step that holds a field path (`spec.cluster.zones` → Cluster).
    pub fn of_path(path: &str) -> Step {
        let section = path
            .strip_prefix("spec.")
            .and_then(|rest| rest.split(['.', '[']).next());
        Step::ALL
            .into_iter()
            .find(|step| Some(step.slug()) == section)
            .unwrap_or(Step::Review)
    }

    /// Position in [`Step::ALL`].
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step `delta` places away, wrapping around.
    pub fn moved(self, delta: isize) -> Step {
        let count = Step::ALL.len() as isize;
        let index = (self.index() as isize + delta).rem_euclid(count);
        Step::ALL[index as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_path_belongs_to_the_step_of_its_section() {
        assert_eq!(Step::of_path("spec.cluster.zones"), Step::Cluster);
        assert_eq!(
            Step::of_path("spec.workload.services[2].name"),
            Step::Workload
        );
        assert_eq!(Step::of_path("metadata.name"), Step::Review);
    }

    #[test]
    fn moving_wraps_around_and_slugs_parse_back() {
        assert_eq!(Step::Workload.moved(-1), Step::Review);
        assert_eq!(Step::Review.moved(1), Step::Workload);
        for step in Step::ALL {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
        }
        assert_eq!(Step::from_slug("costs"), None);
    }
}
