//! GitOps: Git is the only way changes reach a cluster.

use super::when;
use crate::choices::{Promotion, SecretsBackend, Topology};
use crate::critique::{Fix, Principle::Gitops, Rule, Severity::*};

pub const GIT_001: Rule = Rule {
    id: "GIT-001",
    principle: Gitops,
    severity: High,
    title: "Changes in Git are applied automatically",
    why: "Without auto-sync someone has to press a button for every change, and the cluster quietly lags behind Git.",
    instead: "Turn on auto-sync; gate production with an approval if it needs one.",
    check: |d| when(!d.spec.gitops.sync.auto_sync, "spec.gitops.sync.autoSync", "Auto-sync is off, so Git is not the source of truth."),
    fix: Some(Fix { label: "Turn on auto-sync", apply: |d| d.spec.gitops.sync.auto_sync = true }),
};

pub const GIT_002: Rule = Rule {
    id: "GIT-002",
    principle: Gitops,
    severity: Medium,
    title: "Drift is corrected",
    why: "A change made by hand in the cluster survives until someone notices, and the next incident starts from an unknown state.",
    instead: "Enable self-heal so the controller reverts manual changes.",
    check: |d| when(!d.spec.gitops.sync.self_heal, "spec.gitops.sync.selfHeal", "Self-heal is off: manual changes in the cluster stay."),
    fix: Some(Fix { label: "Turn on self-heal", apply: |d| d.spec.gitops.sync.self_heal = true }),
};

pub const GIT_003: Rule = Rule {
    id: "GIT-003",
    principle: Gitops,
    severity: Medium,
    title: "Deleted manifests are pruned",
    why: "Objects removed from Git keep running, costing money and holding permissions nobody reviews.",
    instead: "Enable pruning.",
    check: |d| when(!d.spec.gitops.sync.prune, "spec.gitops.sync.prune", "Pruning is off: what is deleted in Git lives on in the cluster."),
    fix: Some(Fix { label: "Turn on pruning", apply: |d| d.spec.gitops.sync.prune = true }),
};

pub const GIT_004: Rule = Rule {
    id: "GIT-004",
    principle: Gitops,
    severity: Medium,
    title: "Environments are promoted with overlays, not branches",
    why: "Long-lived environment branches drift apart and every promotion becomes a merge with surprises.",
    instead: "Keep one branch with a Kustomize overlay per environment; promotion is a small, reviewable diff.",
    check: |d| when(d.spec.gitops.promotion == Promotion::Branches, "spec.gitops.promotion", "Each environment lives on its own branch."),
    fix: Some(Fix { label: "Use Kustomize overlays", apply: |d| d.spec.gitops.promotion = Promotion::KustomizeOverlays }),
};

pub const GIT_005: Rule = Rule {
    id: "GIT-005",
    principle: Gitops,
    severity: Low,
    title: "The repository is a real one",
    why: "The exported bootstrap points the controller at this address; a placeholder means the first sync fails.",
    instead: "Enter the repository the controller will read.",
    check: |d| when(d.spec.gitops.repo_url.contains("example.com"), "spec.gitops.repoUrl", "The repository URL is still the example placeholder."),
    fix: None,
};

pub const GIT_006: Rule = Rule {
    id: "GIT-006",
    principle: Gitops,
    severity: Medium,
    title: "Sealed Secrets keys are managed per cluster",
    why: "Each cluster has its own sealing key; with several clusters, secrets must be sealed once per cluster and keys backed up, or a rebuilt cluster cannot read them.",
    instead: "With more than one cluster, prefer External Secrets backed by the provider's secret store.",
    check: |d| when(
        d.spec.gitops.secrets == SecretsBackend::SealedSecrets && d.spec.cluster.topology != Topology::Single,
        "spec.gitops.secrets",
        "Sealed Secrets across several clusters multiplies keys to back up and rotate.",
    ),
    fix: Some(Fix { label: "Use External Secrets", apply: |d| d.spec.gitops.secrets = SecretsBackend::ExternalSecrets }),
};
