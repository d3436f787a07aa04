//! Developer experience: a simple, safe path from commit to production.

use super::when;
use crate::choices::{Experience, GitopsTool, RepoLayout};
use crate::critique::{Fix, Principle::DeveloperExperience, Rule, Severity::*};

pub const DX_001: Rule = Rule {
    id: "DX-001",
    principle: DeveloperExperience,
    severity: High,
    title: "Someone owns the platform",
    why: "Without a platform team, every developer becomes a part-time Kubernetes operator and nobody owns upgrades.",
    instead: "Name at least one person (about one per ten developers) to run the platform.",
    check: |d| when(d.spec.workload.team.platform_team_size == 0, "spec.workload.team.platformTeamSize", "Nobody runs the platform."),
    fix: Some(Fix {
        label: "One platform engineer per ten developers",
        apply: |d| d.spec.workload.team.platform_team_size = d.spec.workload.team.developers.div_ceil(10).max(1),
    }),
};

pub const DX_002: Rule = Rule {
    id: "DX-002",
    principle: DeveloperExperience,
    severity: Medium,
    title: "Developers new to Kubernetes get a documented golden path",
    why: "A team with little Kubernetes experience copies whatever manifest it finds; templates with secure defaults and a guide keep them on the safe road.",
    instead: "Require probes and labels by policy and ship a developer guide with service templates (the export includes one); keep the team-to-platform ratio low.",
    check: |d| {
        let team = &d.spec.workload.team;
        let novices = team.kubernetes_experience != Experience::Experienced;
        let policies = &d.spec.security.policies;
        when(
            novices && (!policies.require_probes || !policies.required_labels || team.developers > team.platform_team_size.max(1).saturating_mul(15)),
            "spec.workload.team.kubernetesExperience",
            "The team is new to Kubernetes, and the guard rails (probes, labels, platform support) are thin.",
        )
    },
    fix: Some(Fix {
        label: "Require probes and labels",
        apply: |d| {
            d.spec.security.policies.require_probes = true;
            d.spec.security.policies.required_labels = true;
            let needed = d.spec.workload.team.developers.div_ceil(15).max(1);
            d.spec.workload.team.platform_team_size = d.spec.workload.team.platform_team_size.max(needed);
        },
    }),
};

pub const DX_003: Rule = Rule {
    id: "DX-003",
    principle: DeveloperExperience,
    severity: Medium,
    title: "Every service gets a dashboard",
    why: "Developers who cannot see their own service's rate, errors and latency ask the platform team for every answer.",
    instead: "Provision golden-signal dashboards per service automatically.",
    check: |d| when(!d.spec.observability.dashboards, "spec.observability.dashboards", "No per-service dashboards."),
    fix: Some(Fix { label: "Provision dashboards", apply: |d| d.spec.observability.dashboards = true }),
};

pub const DX_004: Rule = Rule {
    id: "DX-004",
    principle: DeveloperExperience,
    severity: Low,
    title: "Small teams keep one repository",
    why: "Several repositories mean several pipelines, permissions and release trains: overhead a small team feels every day.",
    instead: "Below about twenty developers, keep platform and applications in one repository.",
    check: |d| when(
        d.spec.gitops.layout == RepoLayout::MultiRepo && d.spec.workload.team.developers < 20,
        "spec.gitops.layout",
        "A multi-repo layout for a small team.",
    ),
    fix: Some(Fix { label: "Use a mono-repo", apply: |d| d.spec.gitops.layout = RepoLayout::MonoRepoAppOfApps }),
};

pub const DX_005: Rule = Rule {
    id: "DX-005",
    principle: DeveloperExperience,
    severity: Low,
    title: "Newcomers can see what is deployed",
    why: "Argo CD's UI shows every application's state and diff, which helps a team that is still learning; Flux is CLI-first.",
    instead: "With little Kubernetes experience, prefer Argo CD, or add a Flux UI.",
    check: |d| when(
        d.spec.gitops.tool == GitopsTool::Flux && d.spec.workload.team.kubernetes_experience == Experience::None,
        "spec.gitops.tool",
        "A team new to Kubernetes with a CLI-first GitOps tool.",
    ),
    fix: Some(Fix { label: "Use Argo CD", apply: |d| d.spec.gitops.tool = GitopsTool::ArgoCd }),
};

pub const DX_006: Rule = Rule {
    id: "DX-006",
    principle: DeveloperExperience,
    severity: Medium,
    title: "Developers get templates and a guide",
    why: "Developers new to Kubernetes should not write Deployments, probes and security contexts from scratch; they copy what they find.",
    instead: "Give them service templates with secure defaults and a short guide from commit to production (the exported repository includes both).",
    check: |d| when(
        d.spec.workload.team.kubernetes_experience != Experience::Experienced && !d.spec.workload.team.golden_path,
        "spec.workload.team.goldenPath",
        "A team new to Kubernetes without templates or a developer guide.",
    ),
    fix: Some(Fix { label: "Provide templates and a guide", apply: |d| d.spec.workload.team.golden_path = true }),
};
