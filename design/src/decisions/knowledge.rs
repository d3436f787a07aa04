//! What an architect knows about each closed choice of the model: every
//! option's strengths, costs and risks, and the conditions on the design's
//! inputs under which it is the better or the worse fit. One table, reviewed
//! like code; a test checks that every option of every choice has an entry.
//!
//! Weights: 1 a preference, 2 a clear reason, 3 a strong one, 5 a rule the
//! critique also enforces. The option with the highest sum for a design is
//! the best fit; ties go to the option listed first.

use super::inputs::Input::{self as I};
use super::{Facts, Fit, Kind, Lean::*, Table};
use crate::choices::*;
use crate::critique::rules::fit::{small_estate, small_inexperienced_team};
use crate::model::PlatformDesign;
use crate::steps::Step;
use crate::traffic::{service_count, traffic_rates};

fn regulated(d: &PlatformDesign) -> bool {
    !d.spec.workload.compliance.is_empty()
}

fn pci(d: &PlatformDesign) -> bool {
    d.spec.workload.compliance.contains(&Compliance::PciDss)
}

fn experienced(d: &PlatformDesign) -> bool {
    d.spec.workload.team.kubernetes_experience == Experience::Experienced
}

fn new_to_kubernetes(d: &PlatformDesign) -> bool {
    !experienced(d)
}

fn managed(d: &PlatformDesign) -> bool {
    d.spec.cluster.provider != Provider::Kubeadm
}

fn services(d: &PlatformDesign) -> u64 {
    service_count(&d.spec.workload)
}

fn peak(d: &PlatformDesign) -> f64 {
    traffic_rates(&d.spec.workload.traffic).peak_rps_after_growth
}

fn several_clusters(d: &PlatformDesign) -> bool {
    d.spec.cluster.topology != Topology::Single
}

fn high_availability(d: &PlatformDesign) -> bool {
    matches!(
        d.spec.workload.availability,
        Availability::P99_9 | Availability::P99_95 | Availability::P99_99
    )
}

fn pool_min(d: &PlatformDesign, i: usize) -> u32 {
    d.spec.cluster.node_pools.get(i).map_or(0, |p| p.min_nodes)
}

/// Another pool that runs in production and is not bought as spot.
fn steady_production_elsewhere(d: &PlatformDesign, i: usize) -> bool {
    d.spec.cluster.node_pools.iter().enumerate().any(|(j, p)| {
        j != i && p.runs_in != PoolPlacement::NonProduction && p.purchase != Purchase::Spot
    })
}

fn pool_in_production(d: &PlatformDesign, i: usize) -> bool {
    d.spec
        .cluster
        .node_pools
        .get(i)
        .is_some_and(|p| p.runs_in != PoolPlacement::NonProduction)
}

const fn fit(
    lean: super::Lean,
    weight: i32,
    when: fn(&PlatformDesign, usize) -> bool,
    because: &'static str,
    cites: &'static [I],
) -> Fit {
    Fit {
        lean,
        weight,
        when,
        because,
        cites,
    }
}

const TEAM: &[I] = &[I::PlatformTeam, I::Experience];

/// What speaks for any managed control plane, whichever the cloud.
const MANAGED: &[Fit] = &[
    fit(Better, 3, |d, _| small_inexperienced_team(d) || new_to_kubernetes(d), "a managed control plane takes etcd, certificates and upgrades off a team new to Kubernetes or small", TEAM),
    fit(Better, 1, |d, _| high_availability(d), "the managed control plane spans zones and carries its own availability commitment", &[I::Availability]),
];

const PROVIDER: &[(Provider, Facts)] = &[
    (Provider::Eks, Facts {
        strengths: "The control plane, its upgrades and etcd are Amazon's; IAM roles per service account and the VPC CNI integrate pods with AWS networking and security groups.",
        costs: "A fixed control-plane fee per cluster; add-ons (load balancer controller, Karpenter) are the team's to run.",
        risks: "Pod IPs come from the VPC, so small subnets run out of addresses as the platform grows.",
        fits: MANAGED,
    }),
    (Provider::Aks, Facts {
        strengths: "A managed control plane with Entra ID integration and Azure CNI or overlay networking; Calico network policies are built in.",
        costs: "The free tier has no uptime commitment; the standard tier that has one costs per cluster.",
        risks: "Node image and Kubernetes upgrades follow Azure's support calendar, which is shorter than upstream's.",
        fits: MANAGED,
    }),
    (Provider::Gke, Facts {
        strengths: "The most automated managed Kubernetes: release channels, node auto-repair and upgrade, Gateway API and VPA served by the cluster itself.",
        costs: "A fixed cluster management fee; regional control planes for the highest availability cost the same but use more nodes.",
        risks: "Automatic upgrades on a release channel need maintenance windows and exclusions the team must set.",
        fits: MANAGED,
    }),
    (Provider::Kubeadm, Facts {
        strengths: "Runs anywhere, on premises or in any data centre, with full control of every component and version.",
        costs: "The team runs etcd, control-plane upgrades, certificates, load balancers and storage itself.",
        risks: "Every control-plane failure is the team's incident; there is no provider to escalate to.",
        fits: &[
            fit(Worse, 3, |d, _| small_inexperienced_team(d) || new_to_kubernetes(d), "a team new to Kubernetes or small would spend its time on control planes instead of the platform", TEAM),
            fit(Worse, 1, |d, _| regulated(d), "the team must evidence every control-plane control itself for the audit", &[I::Compliance]),
            fit(Better, 2, |d, _| experienced(d) && d.spec.workload.team.platform_team_size >= 5, "an experienced team of five or more can carry control planes where a cloud is not an option", TEAM),
        ],
    }),
];

const TOPOLOGY: &[(Topology, Facts)] = &[
    (Topology::Single, Facts {
        strengths: "One cluster to upgrade, secure and watch; the cheapest and simplest to run.",
        costs: "Environments share nodes, add-ons and upgrades; namespaces are the only boundary.",
        risks: "A bad upgrade, a noisy test or a compromised dev workload reaches production.",
        fits: &[
            fit(Worse, 3, |d, _| regulated(d), "a regulated production should not share its blast radius and audit scope with development", &[I::Compliance]),
            fit(Better, 2, |d, _| small_estate(d) && !regulated(d), "a small unregulated estate gains little from a second cluster", &[I::Developers, I::Traffic, I::Compliance]),
            fit(Worse, 1, |d, _| high_availability(d), "upgrades are tested on production itself", &[I::Availability]),
        ],
    }),
    (Topology::ProdAndNonProd, Facts {
        strengths: "Production is its own cluster and compliance boundary; every other environment shares one.",
        costs: "Two clusters of upgrades, add-ons and control-plane fees.",
        risks: "Development and staging still share a cluster, so staging is not a perfect rehearsal of production.",
        fits: &[
            fit(Better, 3, |d, _| regulated(d), "production is the compliance boundary; development stays out of audit scope", &[I::Compliance]),
            fit(Better, 1, |d, _| high_availability(d), "upgrades reach production after the non-production cluster", &[I::Availability]),
            fit(Better, 1, |d, _| d.spec.cluster.environments.len() > 2, "several pre-production environments share one cluster", &[I::Environments]),
        ],
    }),
    (Topology::PerEnvironment, Facts {
        strengths: "Every environment is isolated, and each change is rehearsed on a cluster like production.",
        costs: "One cluster per environment: upgrades, add-ons, on-call and control-plane fees multiply.",
        risks: "A small team falls behind on upgrades across many clusters.",
        fits: &[
            fit(Worse, 3, |d, _| small_estate(d), "a small estate pays for every cluster and gains little (FIT-002)", &[I::Developers, I::Traffic]),
            fit(Better, 2, |d, _| d.spec.workload.team.developers >= 50 || d.spec.workload.team.platform_team_size >= 5, "a large organisation needs each environment isolated and can staff it", &[I::Developers, I::PlatformTeam]),
            fit(Better, 1, |d, _| regulated(d), "production is isolated from every other environment", &[I::Compliance]),
        ],
    }),
];

const CNI: &[(Cni, Facts)] = &[
    (Cni::ProviderDefault, Facts {
        strengths: "Native to the provider (on EKS pod IPs from the VPC and security groups for pods); supported by the provider, nothing to install.",
        costs: "Network policies need the provider's policy engine turned on; no flow visibility beyond the cloud's logs.",
        risks: "Features follow the provider's plugin, which lags the open-source ones.",
        fits: &[
            fit(Better, 2, |d, _| managed(d), "the provider's plugin integrates with its networking and is supported with the cluster", &[I::Provider]),
            fit(Better, 1, |d, _| small_inexperienced_team(d), "one component fewer for a small team to run", TEAM),
            fit(Worse, 5, |d, _| !managed(d), "a self-managed cluster has no provider plugin; nodes have no pod network", &[I::Provider]),
        ],
    }),
    (Cni::Cilium, Facts {
        strengths: "eBPF data path with L3–L7 network policies, Hubble flow visibility and kube-proxy replacement; also the mesh when Cilium is chosen as one.",
        costs: "An agent on every node and an operator to upgrade with the cluster.",
        risks: "eBPF problems need kernel-level debugging skills the team may not have.",
        fits: &[
            fit(Better, 3, |d, _| d.spec.security.mesh == Mesh::Cilium, "the mesh is Cilium, which needs Cilium as the network plugin", &[I::Mesh]),
            fit(Better, 2, |d, _| regulated(d) && d.spec.security.default_deny_network, "default-deny policies with flow logs give auditors evidence of segmentation", &[I::Compliance, I::DefaultDeny]),
            fit(Better, 2, |d, _| !managed(d), "a self-managed cluster needs a network plugin, and Cilium is the most complete one", &[I::Provider]),
            fit(Worse, 1, |d, _| small_inexperienced_team(d), "a small team new to Kubernetes adds an eBPF data path to debug", TEAM),
        ],
    }),
    (Cni::Calico, Facts {
        strengths: "Mature, widely known network policies (including global policies) on any provider; AKS and GKE run it themselves.",
        costs: "An operator and node agents on EKS or self-managed clusters.",
        risks: "Two policy dialects (Kubernetes and Calico's own) for the team to keep straight.",
        fits: &[
            fit(Better, 2, |d, _| !managed(d), "a self-managed cluster needs a network plugin, and Calico is a proven one", &[I::Provider]),
            fit(Better, 1, |d, _| d.spec.security.default_deny_network && d.spec.cluster.provider != Provider::Eks, "enforces default-deny policies where the provider builds it in", &[I::DefaultDeny, I::Provider]),
            fit(Worse, 2, |d, _| d.spec.security.mesh == Mesh::Cilium, "the Cilium mesh needs Cilium as the network plugin", &[I::Mesh]),
        ],
    }),
];

const INGRESS: &[(Ingress, Facts)] = &[
    (Ingress::CloudLoadBalancer, Facts {
        strengths: "The cloud's own load balancers (ALB/NLB, Application Gateway, Google LB) with WAF and certificates from the provider.",
        costs: "One load balancer per ingress group billed by the hour and by traffic.",
        risks: "Provider annotations tie the manifests to one cloud.",
        fits: &[
            fit(Better, 2, |d, _| managed(d), "the provider provisions and scales the load balancers", &[I::Provider]),
            fit(Better, 1, |d, _| managed(d) && regulated(d), "the provider's web application firewall sits in front of regulated services", &[I::Provider, I::Compliance]),
            fit(Worse, 5, |d, _| !managed(d), "a self-managed cluster has no cloud to provision load balancers", &[I::Provider]),
        ],
    }),
    (Ingress::GatewayApi, Facts {
        strengths: "The standard successor of Ingress: typed routes, roles split between platform (Gateway) and teams (HTTPRoute), implemented by meshes and clouds alike.",
        costs: "A Gateway implementation to run (Istio, Cilium, Envoy Gateway or the provider's) and its resource definitions.",
        risks: "Implementations differ in which extended features they support.",
        fits: &[
            fit(Better, 2, |d, _| matches!(d.spec.security.mesh, Mesh::Istio | Mesh::Cilium), "the mesh implements the Gateway API, so one component routes north-south and east-west", &[I::Mesh]),
            fit(Better, 2, |d, _| !managed(d), "portable: it needs no cloud load-balancer controller", &[I::Provider]),
            fit(Better, 2, |d, _| d.spec.cluster.provider == Provider::Gke, "GKE serves the Gateway API itself, with Google's load balancers behind it", &[I::Provider]),
            fit(Better, 2, |d, _| d.spec.gitops.progressive_delivery.tool == DeliveryTool::Flagger && d.spec.security.mesh == Mesh::None, "Flagger shifts canary weights on HTTPRoutes without a mesh", &[I::DeliveryTool, I::Mesh]),
        ],
    }),
    (Ingress::IngressNginx, Facts {
        strengths: "Familiar annotations and wide documentation.",
        costs: "A controller deployment to run and patch.",
        risks: "The project is retired upstream: no more releases or security fixes.",
        fits: &[
            fit(Worse, 5, |_, _| true, "ingress-nginx is retired and gets no security fixes (SEC-017)", &[]),
        ],
    }),
];

const AUTOSCALER: &[(NodeAutoscaler, Facts)] = &[
    (NodeAutoscaler::ClusterAutoscaler, Facts {
        strengths: "Works on every provider with node groups the team already defines; predictable.",
        costs: "Scales whole node groups of one instance type; slower to react than Karpenter.",
        risks: "Scale-down leaves nodes half empty unless requests are right-sized.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.cluster.provider != Provider::Eks, "Karpenter is at home on AWS; elsewhere the cluster autoscaler is the proven choice", &[I::Provider]),
            fit(Better, 1, |d, _| small_inexperienced_team(d), "fewer moving parts for a small team", TEAM),
        ],
    }),
    (NodeAutoscaler::Karpenter, Facts {
        strengths: "Picks instance types per pending pod in seconds and consolidates underused nodes.",
        costs: "A controller with its own IAM role, node classes and node pools to maintain.",
        risks: "Consolidation moves pods often; disruption budgets and PDBs must be right.",
        fits: &[
            fit(Better, 3, |d, _| d.spec.cluster.provider == Provider::Eks, "on EKS Karpenter provisions right-sized nodes fastest and consolidates", &[I::Provider]),
            fit(Worse, 2, |d, _| d.spec.cluster.provider != Provider::Eks, "outside AWS Karpenter providers are young or absent", &[I::Provider]),
        ],
    }),
    (NodeAutoscaler::None, Facts {
        strengths: "Nothing to run; the bill is fixed.",
        costs: "Node pools are sized for the peak all month.",
        risks: "A peak beyond the fixed size leaves pods pending (REL-006).",
        fits: &[
            fit(Worse, 5, |_, _| true, "nodes must scale with demand (REL-006)", &[I::Traffic]),
        ],
    }),
];

const GITOPS: &[(GitopsTool, Facts)] = &[
    (GitopsTool::ArgoCd, Facts {
        strengths: "A web UI that shows every application, its sync state and diff; SSO and RBAC per project; sync waves order a bootstrap.",
        costs: "More components (API server, repo server, controller, Redis) and a UI to secure.",
        risks: "The UI invites manual syncs and changes that bypass Git unless RBAC forbids them.",
        fits: &[
            fit(Better, 2, |d, _| new_to_kubernetes(d), "developers new to Kubernetes see what is deployed and why it drifts (DX-005)", &[I::Experience]),
            fit(Better, 2, |d, _| d.spec.workload.team.developers >= 20, "many developers get self-service visibility without cluster access", &[I::Developers]),
        ],
    }),
    (GitopsTool::Flux, Facts {
        strengths: "Small, composable controllers driven by Git and the CLI; native Helm and Kustomize; multi-tenancy by service accounts.",
        costs: "No UI of its own; visibility needs a dashboard or the CLI.",
        risks: "Newcomers cannot see what is deployed without cluster access.",
        fits: &[
            fit(Better, 2, |d, _| experienced(d) && d.spec.workload.team.platform_team_size >= 3, "an experienced platform team works from Git and the CLI and runs less", TEAM),
            fit(Worse, 2, |d, _| new_to_kubernetes(d), "developers new to Kubernetes lose the view of what is deployed (DX-005)", &[I::Experience]),
        ],
    }),
];

const LAYOUT: &[(RepoLayout, Facts)] = &[
    (RepoLayout::MonoRepoAppOfApps, Facts {
        strengths: "One repository, one root application per cluster that lists the others: easy to read and review.",
        costs: "Every application is written out; many services mean many similar files.",
        risks: "The list grows by hand and drifts from the services that exist.",
        fits: &[
            fit(Better, 2, |d, _| services(d) < 20, "few services are clearer listed one by one", &[I::Services]),
            fit(Better, 1, |d, _| d.spec.workload.team.developers < 20, "a small team keeps one repository (DX-004)", &[I::Developers]),
        ],
    }),
    (RepoLayout::MonoRepoApplicationSet, Facts {
        strengths: "One repository; applications are generated per service and cluster from one template.",
        costs: "Generators and templates are one more thing to learn and debug.",
        risks: "A template mistake changes every application at once.",
        fits: &[
            fit(Better, 2, |d, _| services(d) >= 20 || d.spec.cluster.topology == Topology::PerEnvironment, "many services or clusters are generated, not listed", &[I::Services, I::Topology]),
            fit(Worse, 3, |d, _| d.spec.gitops.tool == GitopsTool::Flux, "ApplicationSets are an Argo CD feature", &[I::GitopsTool]),
        ],
    }),
    (RepoLayout::MultiRepo, Facts {
        strengths: "Each team owns its repository and its review rules; the platform repository stays small.",
        costs: "Changes that span platform and applications need coordinated pull requests.",
        risks: "Versions and conventions drift between repositories.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.workload.team.developers >= 50, "many teams each own their repository", &[I::Developers]),
            fit(Worse, 2, |d, _| d.spec.workload.team.developers < 20, "a small team loses time to cross-repository changes (DX-004)", &[I::Developers]),
        ],
    }),
];

const PROMOTION: &[(Promotion, Facts)] = &[
    (Promotion::KustomizeOverlays, Facts {
        strengths: "One branch; an environment's differences are a small overlay, and a promotion is one reviewed diff.",
        costs: "Overlays must be kept small or they hide the differences they should show.",
        risks: "A change to the base reaches every environment unless it is staged through overlays.",
        fits: &[
            fit(Better, 3, |d, _| d.spec.cluster.environments.len() > 1, "several environments promote on one branch (GIT-004)", &[I::Environments]),
        ],
    }),
    (Promotion::Branches, Facts {
        strengths: "Familiar to teams used to Git flow.",
        costs: "Every promotion is a merge between long-lived branches.",
        risks: "Branches drift apart and merges carry more than intended (GIT-004).",
        fits: &[
            fit(Worse, 3, |d, _| d.spec.cluster.environments.len() > 1, "long-lived environment branches drift apart (GIT-004)", &[I::Environments]),
        ],
    }),
];

const SECRETS: &[(SecretsBackend, Facts)] = &[
    (SecretsBackend::ExternalSecrets, Facts {
        strengths: "Secrets stay in the cloud's secret manager, where rotation and audit happen; the cluster syncs them.",
        costs: "One controller plus IAM for each secret store.",
        risks: "The secret manager is a dependency at sync time.",
        fits: &[
            fit(Better, 2, |d, _| managed(d), "the provider's secret manager rotates and audits secrets", &[I::Provider]),
            fit(Better, 2, |d, _| regulated(d), "rotation and access logs are what auditors ask for", &[I::Compliance]),
        ],
    }),
    (SecretsBackend::SealedSecrets, Facts {
        strengths: "Encrypted secrets live in Git; nothing outside the cluster to run.",
        costs: "Each cluster has its own key, which must be backed up and rotated (GIT-006).",
        risks: "Rotation means re-sealing every secret; losing the key loses every secret.",
        fits: &[
            fit(Better, 1, |d, _| small_inexperienced_team(d) && !regulated(d), "nothing outside the cluster for a small team to run", &[I::PlatformTeam, I::Experience, I::Compliance]),
            fit(Worse, 2, |d, _| regulated(d), "rotation and access audit are weak for regulated data", &[I::Compliance]),
            fit(Worse, 1, |d, _| several_clusters(d), "every cluster has its own key to keep", &[I::Topology]),
        ],
    }),
    (SecretsBackend::Vault, Facts {
        strengths: "Dynamic, short-lived credentials, leases and fine-grained policies anywhere.",
        costs: "A highly available, stateful service with its own unsealing, upgrades and backups.",
        risks: "When Vault is down, nothing new gets a secret.",
        fits: &[
            fit(Better, 2, |d, _| !managed(d), "a self-managed estate has no cloud secret manager", &[I::Provider]),
            fit(Better, 1, |d, _| pci(d) && experienced(d), "short-lived credentials narrow the cardholder-data scope", &[I::Compliance, I::Experience]),
            fit(Worse, 2, |d, _| small_inexperienced_team(d), "a small team would run another critical stateful service", TEAM),
        ],
    }),
];

const DELIVERY: &[(DeliveryTool, Facts)] = &[
    (DeliveryTool::ArgoRollouts, Facts {
        strengths: "Canary and blue/green with analysis from Prometheus; shown in Argo CD; can split traffic by replicas without a router.",
        costs: "Services are written as Rollouts instead of Deployments.",
        risks: "Analysis templates that query the wrong metric promote bad releases.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.gitops.tool == GitopsTool::ArgoCd, "same project as the GitOps tool; releases are visible in its UI", &[I::GitopsTool]),
            fit(Better, 1, |d, _| d.spec.security.mesh == Mesh::None, "needs no mesh to shift traffic", &[I::Mesh]),
            fit(Better, 2, |d, _| high_availability(d), "production releases roll back on bad metrics (DEL-001)", &[I::Availability]),
        ],
    }),
    (DeliveryTool::Flagger, Facts {
        strengths: "Keeps plain Deployments and drives canaries through the mesh or gateway; pairs with Flux.",
        costs: "Needs a traffic router (a mesh or a gateway) to shift weights.",
        risks: "Without a router there is nothing to shift (DEL-003).",
        fits: &[
            fit(Better, 2, |d, _| d.spec.gitops.tool == GitopsTool::Flux, "same family as the GitOps tool", &[I::GitopsTool]),
            fit(Better, 1, |d, _| d.spec.security.mesh != Mesh::None, "the mesh routes the canary traffic", &[I::Mesh]),
            fit(Worse, 3, |d, _| d.spec.security.mesh == Mesh::None && d.spec.cluster.ingress != Ingress::GatewayApi, "no mesh and no Gateway API to route canary traffic (DEL-003)", &[I::Mesh, I::Ingress]),
            fit(Better, 2, |d, _| high_availability(d), "production releases roll back on bad metrics (DEL-001)", &[I::Availability]),
        ],
    }),
    (DeliveryTool::None, Facts {
        strengths: "Plain rolling updates: nothing to run or learn.",
        costs: "A bad release reaches every user before anyone notices.",
        risks: "Rollback is manual and late.",
        fits: &[
            fit(Worse, 3, |d, _| high_availability(d), "the availability target leaves no room for releases that fail everyone at once (DEL-001)", &[I::Availability]),
            fit(Better, 1, |d, _| !high_availability(d) && small_inexperienced_team(d), "a small team with a modest target can start with rolling updates", &[I::Availability, I::PlatformTeam, I::Experience]),
        ],
    }),
];

const STRATEGY: &[(DeliveryStrategy, Facts)] = &[
    (DeliveryStrategy::Canary, Facts {
        strengths: "A share of real traffic tests the release; bad metrics stop it early.",
        costs: "Releases take the length of every step and pause.",
        risks: "At low traffic a small slice says little about the release.",
        fits: &[
            fit(Better, 2, |d, _| peak(d) >= 10.0, "enough traffic for a small slice to judge the release", &[I::Traffic]),
        ],
    }),
    (DeliveryStrategy::BlueGreen, Facts {
        strengths: "The new version is tested in full beside the old and switched at once; instant rollback.",
        costs: "Twice the capacity while a release is in flight.",
        risks: "Every user meets a bad release at the switch.",
        fits: &[
            fit(Better, 2, |d, _| peak(d) < 10.0, "too little traffic for a canary slice to say anything", &[I::Traffic]),
        ],
    }),
];

const POD_SECURITY: &[(PodSecurity, Facts)] = &[
    (PodSecurity::Restricted, Facts {
        strengths: "Non-root, no privilege escalation, dropped capabilities and seccomp for every application pod.",
        costs: "Images that expect root need rebuilding.",
        risks: "Third-party charts may need explicit exemptions.",
        fits: &[
            fit(Better, 5, |_, _| true, "security is on by default; exceptions are explicit (SEC-002)", &[I::Compliance]),
        ],
    }),
    (PodSecurity::Baseline, Facts {
        strengths: "Blocks the known privilege escalations with few changes to existing images.",
        costs: "Pods may still run as root.",
        risks: "A container escape starts with more rights.",
        fits: &[
            fit(Worse, 3, |d, _| regulated(d), "regulated workloads should run with the least rights (SEC-002)", &[I::Compliance]),
        ],
    }),
    (PodSecurity::Privileged, Facts {
        strengths: "Nothing is refused.",
        costs: "No protection at admission.",
        risks: "Any pod can take over its node.",
        fits: &[
            fit(Worse, 5, |_, _| true, "application namespaces must enforce a standard (SEC-001)", &[I::Compliance]),
        ],
    }),
];

const MESH: &[(Mesh, Facts)] = &[
    (Mesh::None, Facts {
        strengths: "Nothing to run and no proxy in the request path.",
        costs: "No mutual TLS between services; retries, timeouts and traffic splits live in each application.",
        risks: "Traffic inside the cluster travels in clear text.",
        fits: &[
            fit(Better, 2, |d, _| !regulated(d) && services(d) < 20, "few services and no regime that asks for encryption in transit", &[I::Compliance, I::Services]),
            fit(Worse, 3, |d, _| regulated(d), "regulated traffic must be encrypted in transit (SEC-014)", &[I::Compliance]),
        ],
    }),
    (Mesh::Istio, Facts {
        strengths: "Strict mTLS, L7 authorization policies, traffic management and rich telemetry; implements the Gateway API.",
        costs: "A control plane, a CNI agent and a proxy beside every meshed pod (CPU, memory, latency).",
        risks: "The most to learn and upgrade; misconfiguration breaks traffic cluster-wide.",
        fits: &[
            fit(Better, 2, |d, _| regulated(d), "strict mTLS and L7 policies meet encryption and segmentation requirements", &[I::Compliance]),
            fit(Better, 1, |d, _| services(d) >= 30 && experienced(d), "an experienced team gets traffic control across many services", &[I::Services, I::Experience]),
            fit(Worse, 3, |d, _| small_inexperienced_team(d), "too heavy for a small team new to Kubernetes (FIT-001)", TEAM),
        ],
    }),
    (Mesh::Linkerd, Facts {
        strengths: "mTLS on by default with a small, fast proxy and little to configure.",
        costs: "A control plane and a proxy beside every meshed pod; stable releases come from the vendor's distribution.",
        risks: "Fewer traffic-policy features than Istio.",
        fits: &[
            fit(Better, 2, |d, _| regulated(d), "mutual TLS for every service meets encryption in transit", &[I::Compliance]),
            fit(Better, 2, |d, _| small_inexperienced_team(d), "the lightest mesh to operate for a small team", TEAM),
        ],
    }),
    (Mesh::Cilium, Facts {
        strengths: "Mesh features in the network plugin: no sidecars, mutual authentication and L7 policies through eBPF and per-node proxies.",
        costs: "Requires Cilium as the network plugin.",
        risks: "Its mutual authentication is younger than the sidecar meshes' mTLS.",
        fits: &[
            fit(Better, 3, |d, _| d.spec.cluster.cni == Cni::Cilium, "the network plugin is already Cilium", &[I::Cni]),
            fit(Better, 1, |d, _| regulated(d), "encrypts and authenticates traffic between services", &[I::Compliance]),
            fit(Worse, 2, |d, _| d.spec.cluster.cni != Cni::Cilium, "adds Cilium beside another network plugin", &[I::Cni]),
        ],
    }),
];

const MTLS: &[(MtlsMode, Facts)] = &[
    (
        MtlsMode::Strict,
        Facts {
            strengths: "Every call between meshed services is encrypted and authenticated.",
            costs: "Callers outside the mesh are refused until they join it.",
            risks: "A service missing its proxy stops receiving traffic.",
            fits: &[
                fit(
                    Better,
                    3,
                    |d, _| regulated(d),
                    "regulated traffic is encrypted in transit (SEC-014)",
                    &[I::Compliance],
                ),
                fit(
                    Worse,
                    5,
                    |d, _| d.spec.security.mesh == Mesh::None,
                    "mTLS needs a mesh to provide it (SEC-015)",
                    &[I::Mesh],
                ),
            ],
        },
    ),
    (
        MtlsMode::Permissive,
        Facts {
            strengths: "Accepts plain and mutual TLS, so services can join the mesh one by one.",
            costs: "Plain traffic is still accepted.",
            risks: "Permissive becomes permanent unless someone closes it.",
            fits: &[
                fit(
                    Better,
                    2,
                    |d, _| d.spec.workload.migration_planned && d.spec.security.mesh != Mesh::None,
                    "services move onto the mesh during the migration",
                    &[I::Migration, I::Mesh],
                ),
                fit(
                    Worse,
                    2,
                    |d, _| regulated(d),
                    "plain traffic is still accepted (SEC-014)",
                    &[I::Compliance],
                ),
                fit(
                    Worse,
                    5,
                    |d, _| d.spec.security.mesh == Mesh::None,
                    "mTLS needs a mesh to provide it (SEC-015)",
                    &[I::Mesh],
                ),
            ],
        },
    ),
    (
        MtlsMode::Off,
        Facts {
            strengths: "No certificates to issue or rotate.",
            costs: "No encryption between services.",
            risks: "Anyone inside the network can read or impersonate traffic.",
            fits: &[
                fit(
                    Better,
                    2,
                    |d, _| d.spec.security.mesh == Mesh::None,
                    "without a mesh there is nothing to provide mTLS",
                    &[I::Mesh],
                ),
                fit(
                    Worse,
                    3,
                    |d, _| regulated(d),
                    "regulated traffic must be encrypted in transit (SEC-014)",
                    &[I::Compliance],
                ),
            ],
        },
    ),
];

const POLICY: &[(PolicyEngine, Facts)] = &[
    (PolicyEngine::Kyverno, Facts {
        strengths: "Policies are YAML like every other manifest; validates, mutates, generates and verifies image signatures.",
        costs: "An admission controller on the request path of every write.",
        risks: "A failing webhook blocks deployments unless it fails open where safe.",
        fits: &[
            fit(Better, 2, |d, _| small_inexperienced_team(d), "a small team writes policies in the YAML it already knows (FIT-003)", TEAM),
            fit(Better, 3, |d, _| d.spec.security.policies.verify_signatures, "verifies image signatures at admission", &[I::VerifySignatures]),
        ],
    }),
    (PolicyEngine::Gatekeeper, Facts {
        strengths: "OPA's Rego, shared with other policy uses in the organisation; audit of existing objects.",
        costs: "Rego is a language of its own to learn and test.",
        risks: "Cannot verify image signatures (SEC-008 needs another tool).",
        fits: &[
            fit(Better, 1, |d, _| experienced(d), "an experienced team may already write Rego", &[I::Experience]),
            fit(Worse, 2, |d, _| small_inexperienced_team(d), "Rego for a small team new to Kubernetes (FIT-003)", TEAM),
            fit(Worse, 5, |d, _| d.spec.security.policies.verify_signatures, "cannot verify image signatures", &[I::VerifySignatures]),
        ],
    }),
    (PolicyEngine::None, Facts {
        strengths: "Nothing on the admission path.",
        costs: "No guard for labels, limits, tags or probes.",
        risks: "Every policy is a convention nobody enforces (SEC-004).",
        fits: &[
            fit(Worse, 5, |_, _| true, "an admission policy engine guards the cluster (SEC-004)", &[I::Compliance]),
        ],
    }),
];

const RBAC: &[(RbacModel, Facts)] = &[
    (
        RbacModel::TeamNamespaces,
        Facts {
            strengths:
                "Each team gets its namespaces with least-privilege roles bound to its group.",
            costs: "Namespaces, roles and bindings to maintain per team.",
            risks: "Teams that share services need explicit cross-namespace access.",
            fits: &[fit(
                Better,
                3,
                |_, _| true,
                "teams get least-privilege namespaces (SEC-011)",
                &[I::Developers],
            )],
        },
    ),
    (
        RbacModel::Shared,
        Facts {
            strengths: "Few namespaces and roles.",
            costs: "Everyone can change everyone's workloads.",
            risks: "A mistake or a leaked credential reaches every team.",
            fits: &[fit(
                Worse,
                3,
                |d, _| d.spec.workload.team.developers >= 5 || regulated(d),
                "several developers or a regime need least privilege (SEC-011)",
                &[I::Developers, I::Compliance],
            )],
        },
    ),
];

const METRICS: &[(MetricsStack, Facts)] = &[
    (MetricsStack::Prometheus, Facts {
        strengths: "The standard: every chart ships rules and dashboards for it; the operator manages scrape targets as resources.",
        costs: "Memory grows with active series; one server per cluster.",
        risks: "Local storage only; retention beyond weeks needs a long-term store.",
        fits: &[
            fit(Better, 2, |_, _| true, "every platform component ships Prometheus rules and monitors", &[I::Services]),
        ],
    }),
    (MetricsStack::VictoriaMetrics, Facts {
        strengths: "Prometheus-compatible with less memory and disk per series; clustering built in.",
        costs: "Its own operator and resources beside the Prometheus ones charts expect.",
        risks: "Fewer people know it; some charts assume the Prometheus operator.",
        fits: &[
            fit(Better, 2, |d, _| services(d) >= 100, "many services mean many series, where it saves memory", &[I::Services]),
        ],
    }),
    (MetricsStack::None, Facts {
        strengths: "Nothing to run.",
        costs: "No metrics: no dashboards, alerts or canary analysis.",
        risks: "Problems are found by users (OBS-001).",
        fits: &[
            fit(Worse, 5, |_, _| true, "metrics are collected from day one (OBS-001)", &[I::Services]),
        ],
    }),
];

const LONG_TERM: &[(LongTermStore, Facts)] = &[
    (LongTermStore::Thanos, Facts {
        strengths: "Keeps Prometheus blocks in object storage and queries every cluster at once.",
        costs: "Sidecars, a query layer, a store gateway and a compactor to run.",
        risks: "Compaction falls behind without enough resources.",
        fits: &[
            fit(Better, 2, |d, _| several_clusters(d) && d.spec.observability.metrics == MetricsStack::Prometheus, "one view over several Prometheus servers (OBS-007)", &[I::Topology, I::Metrics]),
            fit(Worse, 5, |d, _| d.spec.observability.metrics == MetricsStack::VictoriaMetrics, "Thanos reads Prometheus blocks, not VictoriaMetrics", &[I::Metrics]),
        ],
    }),
    (LongTermStore::Mimir, Facts {
        strengths: "Horizontally scalable, multi-tenant metrics store fed by remote write from any Prometheus-compatible agent.",
        costs: "A distributed system of its own (several components, object storage).",
        risks: "Heavy to run for a small estate.",
        fits: &[
            fit(Better, 2, |d, _| several_clusters(d), "one view over several clusters (OBS-007)", &[I::Topology]),
            fit(Worse, 1, |d, _| small_inexperienced_team(d), "a distributed database for a small team to run", TEAM),
        ],
    }),
    (LongTermStore::None, Facts {
        strengths: "Nothing beyond the metrics servers themselves.",
        costs: "History ends at local retention; each cluster is its own view.",
        risks: "Capacity trends and year-on-year comparisons are lost.",
        fits: &[
            fit(Better, 1, |d, _| !several_clusters(d) && d.spec.observability.metrics_retention_days <= 30, "one cluster and a month of metrics need no second store", &[I::Topology, I::MetricsRetention]),
            fit(Worse, 2, |d, _| several_clusters(d), "several clusters have no shared metrics view (OBS-007)", &[I::Topology]),
        ],
    }),
];

const LOGS: &[(LogStack, Facts)] = &[
    (LogStack::Loki, Facts {
        strengths: "Indexes labels only and keeps logs in object storage: cheap to run; queried beside metrics in Grafana.",
        costs: "Full-text search is slower than an indexed store.",
        risks: "High-cardinality labels overload it.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.observability.metrics != MetricsStack::None, "one Grafana for metrics and logs", &[I::Metrics]),
            fit(Better, 1, |d, _| small_inexperienced_team(d), "the cheapest log store to operate", TEAM),
        ],
    }),
    (LogStack::Elasticsearch, Facts {
        strengths: "Full-text search and analytics over every field.",
        costs: "Memory- and disk-hungry clusters with shards and index lifecycles to manage.",
        risks: "The costliest store to run and size.",
        fits: &[
            fit(Better, 1, |d, _| experienced(d) && d.spec.workload.team.platform_team_size >= 5, "a large team can run search clusters", TEAM),
            fit(Worse, 2, |d, _| small_inexperienced_team(d), "a small team would spend its time on shards", TEAM),
        ],
    }),
    (LogStack::CloudNative, Facts {
        strengths: "The provider's log service: nothing to run, retention and access control included.",
        costs: "Priced per GB ingested and stored, which grows with traffic.",
        risks: "Queries and retention tied to one provider.",
        fits: &[
            fit(Better, 2, |d, _| managed(d) && small_inexperienced_team(d), "a small team on a cloud runs nothing", &[I::Provider, I::PlatformTeam, I::Experience]),
            fit(Worse, 5, |d, _| !managed(d), "a self-managed cluster has no provider log service", &[I::Provider]),
        ],
    }),
    (LogStack::None, Facts {
        strengths: "Nothing to run.",
        costs: "Logs vanish with their pods.",
        risks: "Incidents are debugged blind (OBS-002).",
        fits: &[
            fit(Worse, 5, |_, _| true, "logs are gathered centrally (OBS-002)", &[I::Services]),
        ],
    }),
];

const TRACING: &[(TracingBackend, Facts)] = &[
    (TracingBackend::Tempo, Facts {
        strengths: "Stores traces in object storage with no index; links from Grafana metrics and Loki logs.",
        costs: "Finding a trace needs its id or a TraceQL query.",
        risks: "Retention is bounded by object-storage cost.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.observability.logs == LogStack::Loki, "one Grafana stack links traces with Loki logs", &[I::Logs]),
        ],
    }),
    (TracingBackend::Jaeger, Facts {
        strengths: "The long-standing tracing UI; v2 is built on the OpenTelemetry Collector.",
        costs: "A storage back end (Elasticsearch, Cassandra or memory) to run.",
        risks: "The in-memory store loses traces on restart.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.observability.logs == LogStack::Elasticsearch, "shares the Elasticsearch the logs use", &[I::Logs]),
        ],
    }),
    (TracingBackend::None, Facts {
        strengths: "Nothing to run.",
        costs: "Latency across services cannot be broken down.",
        risks: "Slow requests through many services stay unexplained (OBS-003).",
        fits: &[
            fit(Worse, 3, |d, _| services(d) >= 5, "requests cross several services (OBS-003)", &[I::Services]),
        ],
    }),
];

const ON_CALL: &[(OnCall, Facts)] = &[
    (
        OnCall::PagerDuty,
        Facts {
            strengths: "Mature paging, schedules and escalation with integrations for everything.",
            costs: "Per-user licences.",
            risks: "Another vendor holding incident data.",
            fits: &[fit(
                Better,
                2,
                |d, _| high_availability(d),
                "the availability target needs someone paged in minutes",
                &[I::Availability],
            )],
        },
    ),
    (
        OnCall::Opsgenie,
        Facts {
            strengths: "Paging and schedules integrated with Atlassian tools.",
            costs: "Per-user licences.",
            risks:
                "Atlassian has stopped selling it and plans to shut it down, so a move is ahead.",
            fits: &[
                fit(
                    Better,
                    1,
                    |d, _| high_availability(d),
                    "the availability target needs someone paged in minutes",
                    &[I::Availability],
                ),
                fit(
                    Worse,
                    2,
                    |_, _| true,
                    "its vendor is retiring it",
                    &[I::Availability],
                ),
            ],
        },
    ),
    (
        OnCall::Grafana,
        Facts {
            strengths: "On-call and incidents in the same Grafana as the dashboards and alerts.",
            costs: "Per-user pricing on Grafana Cloud, or another component to run self-hosted.",
            risks: "Ties paging to the observability stack's availability.",
            fits: &[
                fit(
                    Better,
                    2,
                    |d, _| high_availability(d),
                    "the availability target needs someone paged in minutes",
                    &[I::Availability],
                ),
                fit(
                    Better,
                    1,
                    |d, _| {
                        d.spec.observability.logs == LogStack::Loki && small_inexperienced_team(d)
                    },
                    "a small team keeps paging in the Grafana it already runs",
                    &[I::Logs, I::PlatformTeam, I::Experience],
                ),
            ],
        },
    ),
    (
        OnCall::None,
        Facts {
            strengths: "No licences.",
            costs: "Alerts land where nobody is paged.",
            risks: "Outages last until a customer calls (OBS-005).",
            fits: &[fit(
                Worse,
                3,
                |d, _| high_availability(d),
                "alerts must reach a person for the availability target (OBS-005)",
                &[I::Availability],
            )],
        },
    ),
];

const RIGHT_SIZING: &[(RightSizing, Facts)] = &[
    (
        RightSizing::Off,
        Facts {
            strengths: "Requests stay as written.",
            costs: "Requests drift from usage and nodes run half empty.",
            risks: "The bill grows with every over-sized default (COST-005).",
            fits: &[fit(
                Worse,
                3,
                |_, _| true,
                "requests are kept close to usage (COST-005)",
                &[I::Services],
            )],
        },
    ),
    (
        RightSizing::Recommend,
        Facts {
            strengths: "The VPA recommends requests; teams apply them in Git.",
            costs: "Someone reviews the recommendations regularly.",
            risks: "Recommendations nobody applies save nothing.",
            fits: &[
                fit(
                    Better,
                    2,
                    |d, _| d.spec.cluster.workload_autoscaling.hpa,
                    "recommendations do not fight the HPA over the same pods",
                    &[I::Hpa],
                ),
                fit(
                    Better,
                    1,
                    |d, _| new_to_kubernetes(d),
                    "people see what changes before it does",
                    &[I::Experience],
                ),
            ],
        },
    ),
    (
        RightSizing::Automatic,
        Facts {
            strengths: "Requests follow usage without anyone editing them.",
            costs: "Pods restart when their requests change.",
            risks: "Fights the HPA when both act on CPU; Git no longer holds the running requests.",
            fits: &[
                fit(
                    Better,
                    1,
                    |d, _| experienced(d),
                    "an experienced team can let requests follow usage",
                    &[I::Experience],
                ),
                fit(
                    Worse,
                    2,
                    |d, _| d.spec.cluster.workload_autoscaling.hpa,
                    "fights the HPA on the same pods",
                    &[I::Hpa],
                ),
            ],
        },
    ),
];

const POOL: &[I] = &[I::PoolRunsIn, I::PoolMinNodes];

const PURCHASE: &[(Purchase, Facts)] = &[
    (Purchase::OnDemand, Facts {
        strengths: "No commitment and no interruptions; capacity can change any hour.",
        costs: "The list price for every hour.",
        risks: "A steady baseline costs more than it needs to.",
        fits: &[
            fit(Better, 1, |_, _| true, "flexible while the load is still unknown", POOL),
            fit(Better, 1, pool_in_production, "production nodes are never reclaimed", POOL),
        ],
    }),
    (Purchase::Spot, Facts {
        strengths: "Spare capacity at a large discount.",
        costs: "Nodes can be reclaimed at two minutes' notice.",
        risks: "Production on spot alone loses capacity when the market moves (REL-007).",
        fits: &[
            fit(Better, 3, |d, i| !pool_in_production(d, i), "non-production tolerates interruptions (COST-002)", POOL),
            fit(Better, 2, |d, i| pool_in_production(d, i) && pool_min(d, i) == 0 && steady_production_elsewhere(d, i), "a burst pool that can shrink to zero, above a production baseline that is not spot", &[I::PoolRunsIn, I::PoolMinNodes, I::PoolPurchases]),
            fit(Worse, 3, |d, i| pool_in_production(d, i) && !steady_production_elsewhere(d, i), "production would run on spot alone (REL-007)", &[I::PoolRunsIn, I::PoolPurchases]),
        ],
    }),
    (Purchase::Reserved, Facts {
        strengths: "A commitment of one or three years cuts the price of a steady baseline.",
        costs: "Paid whether used or not for the whole term.",
        risks: "A shrinking platform keeps paying for what it committed.",
        fits: &[
            fit(Better, 2, |d, i| pool_in_production(d, i) && pool_min(d, i) > 0, "production's steady baseline runs all year (COST-003)", POOL),
            fit(Worse, 2, |d, i| !pool_in_production(d, i), "non-production load is not steady enough to commit to", POOL),
            fit(Worse, 2, |d, i| pool_min(d, i) == 0, "a pool that can shrink to zero has no baseline to commit to", POOL),
        ],
    }),
];

/// Every decision a design makes, in the order of the steps. The position
/// is the record's number; per-pool decisions come last and number on.
fn regions(d: &PlatformDesign) -> Option<&crate::model::MultiRegion> {
    d.spec.cluster.multi_region.as_ref()
}

fn active_active(d: &PlatformDesign) -> bool {
    regions(d).is_some_and(|m| m.mode == RegionMode::ActiveActive)
}

fn four_nines(d: &PlatformDesign) -> bool {
    d.spec.workload.availability == Availability::P99_99
}

const REGION_MODE: &[(RegionMode, Facts)] = &[
    (RegionMode::ActivePassive, Facts {
        strengths: "The further regions carry no traffic until a failover, so data flows one way and nothing conflicts.",
        costs: "The standby clusters cost as much as production's at its minimum while idle; a failover is an operation: scale up, promote the data, move the traffic (docs/dr-plan.md).",
        risks: "A standby nobody exercises drifts; the first real failover finds what the rehearsals skipped.",
        fits: &[
            fit(Better, 2, |d, _| !four_nines(d), "below 99.99 % the minutes a failover takes fit the error budget", &[I::Availability]),
            fit(Better, 2, |d, _| d.spec.workload.data.rto_minutes >= 30, "the recovery time objective leaves room to grow a standby", &[I::Rto]),
            fit(Better, 1, |d, _| small_inexperienced_team(d), "one serving region is simpler for a small team to operate", TEAM),
        ],
    }),
    (RegionMode::ActiveActive, Facts {
        strengths: "Every region serves all the time: losing one only shifts its share, and users are served from nearby.",
        costs: "Every region runs at production size, and the data must be replicated both ways.",
        risks: "Writes in two regions conflict unless the data model and the replication are built for it.",
        fits: &[
            fit(Better, 3, |d, _| four_nines(d), "99.99 % leaves four minutes a month: no time for a failover operation", &[I::Availability]),
            fit(Better, 2, |d, _| d.spec.workload.data.rto_minutes < 15, "a recovery time under 15 minutes is shorter than growing a standby", &[I::Rto]),
            fit(Worse, 2, |d, _| small_inexperienced_team(d), "a small team new to Kubernetes runs several serving regions and their data", TEAM),
        ],
    }),
];

const GLOBAL_TRAFFIC: &[(GlobalTraffic, Facts)] = &[
    (GlobalTraffic::DnsFailover, Facts {
        strengths: "Works on any provider and in front of any ingress: health-checked records point users at the serving region.",
        costs: "Moving users takes detection plus the records' TTL, since resolvers and clients cache answers.",
        risks: "Resolvers that ignore short TTLs keep sending users to the failed region for longer.",
        fits: &[
            fit(Better, 2, |d, _| !active_active(d), "a standby region needs traffic moved once, on failover, which DNS does well", &[I::RegionMode]),
            fit(Worse, 2, |d, _| active_active(d), "active-active regions need traffic split by health all the time, which DNS does coarsely", &[I::RegionMode]),
            fit(Worse, 2, |d, _| four_nines(d), "four minutes a month leave no room for cached DNS answers", &[I::Availability]),
        ],
    }),
    (GlobalTraffic::GlobalLoadBalancer, Facts {
        strengths: "One global address: an unhealthy region leaves the pool in seconds, and traffic can be split or sent to the nearest region.",
        costs: "A billed global service (Global Accelerator or CloudFront, Front Door, Google's global load balancer) configured per region.",
        risks: "The global entry becomes a dependency of every request, and TLS and firewall settings move to it.",
        fits: &[
            fit(Better, 3, |d, _| active_active(d), "active-active regions share traffic through one entry that follows their health", &[I::RegionMode]),
            fit(Better, 2, |d, _| four_nines(d) || d.spec.workload.data.rto_minutes < 15, "a tight availability or recovery target needs traffic moved in seconds", &[I::Availability, I::Rto]),
            fit(Worse, 1, |d, _| small_inexperienced_team(d), "one more global service for a small team to configure", TEAM),
        ],
    }),
];

const DATA_REPLICATION: &[(DataReplication, Facts)] = &[
    (DataReplication::None, Facts {
        strengths: "Nothing runs between regions; the other region restores from the cross-region backups.",
        costs: "A failover loses everything since the last backup and waits for a restore.",
        risks: "Active-active regions answer from diverging data (REL-010).",
        fits: &[
            fit(Worse, 5, |d, _| active_active(d), "active-active regions without replication serve different data (REL-010)", &[I::RegionMode]),
            fit(Worse, 2, |d, _| d.spec.workload.data.rpo_minutes < 60, "a recovery point under an hour is tighter than restoring the last backup allows", &[I::Rpo]),
        ],
    }),
    (DataReplication::Asynchronous, Facts {
        strengths: "Writes stay as fast as in one region; the other region trails by seconds.",
        costs: "Replicas to run, and replication lag to watch and alert on, for every data store.",
        risks: "A failover loses the writes still in flight and needs a promotion step.",
        fits: &[
            fit(Better, 2, |d, _| d.spec.workload.data.rpo_minutes >= 1, "a recovery point of minutes tolerates seconds of lag", &[I::Rpo]),
            fit(Better, 1, |d, _| d.spec.workload.data.external_managed_databases, "managed databases offer cross-region replicas as a setting", &[I::ExternalDatabases]),
        ],
    }),
    (DataReplication::Synchronous, Facts {
        strengths: "No acknowledged write is lost when a region fails: a recovery point of zero.",
        costs: "Every write waits for the other region: the round trip between regions lands on write latency.",
        risks: "A slow or cut link between regions stalls writes everywhere.",
        fits: &[
            fit(Better, 3, |d, _| d.spec.workload.data.rpo_minutes == 0, "a recovery point of zero allows no lost write", &[I::Rpo]),
            fit(Worse, 1, |d, _| d.spec.workload.data.rpo_minutes >= 5, "a recovery point of minutes does not need every write in two regions", &[I::Rpo]),
        ],
    }),
];

pub static KINDS: &[Kind] = &[
    Kind {
        slug: "provider",
        title: "Managed or self-managed Kubernetes",
        question: "Who runs the control plane?",
        step: Step::Cluster,
        field: "spec.cluster.provider",
        inputs: &[
            I::Experience,
            I::PlatformTeam,
            I::Compliance,
            I::Availability,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: PROVIDER,
            get: |d, _| d.spec.cluster.provider,
            put: |d, _, v| d.spec.cluster.provider = v,
        },
    },
    Kind {
        slug: "cluster-topology",
        title: "Single or several clusters",
        question: "How are environments split across clusters?",
        step: Step::Cluster,
        field: "spec.cluster.topology",
        inputs: &[
            I::Environments,
            I::Compliance,
            I::Developers,
            I::Traffic,
            I::PlatformTeam,
            I::Availability,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: TOPOLOGY,
            get: |d, _| d.spec.cluster.topology,
            put: |d, _, v| d.spec.cluster.topology = v,
        },
    },
    Kind {
        slug: "network-plugin",
        title: "Network plugin (CNI)",
        question: "Which plugin gives pods their network and enforces policies?",
        step: Step::Cluster,
        field: "spec.cluster.cni",
        inputs: &[
            I::Provider,
            I::Mesh,
            I::Compliance,
            I::DefaultDeny,
            I::PlatformTeam,
            I::Experience,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: CNI,
            get: |d, _| d.spec.cluster.cni,
            put: |d, _, v| d.spec.cluster.cni = v,
        },
    },
    Kind {
        slug: "ingress",
        title: "Ingress",
        question: "How does traffic from outside reach the services?",
        step: Step::Cluster,
        field: "spec.cluster.ingress",
        inputs: &[
            I::Provider,
            I::Compliance,
            I::Exposure,
            I::Mesh,
            I::DeliveryTool,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: INGRESS,
            get: |d, _| d.spec.cluster.ingress,
            put: |d, _, v| d.spec.cluster.ingress = v,
        },
    },
    Kind {
        slug: "node-autoscaling",
        title: "Node autoscaling",
        question: "What adds and removes nodes?",
        step: Step::Cluster,
        field: "spec.cluster.nodeAutoscaler",
        inputs: &[I::Provider, I::Traffic, I::PlatformTeam, I::Experience],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: AUTOSCALER,
            get: |d, _| d.spec.cluster.node_autoscaler,
            put: |d, _, v| d.spec.cluster.node_autoscaler = v,
        },
    },
    Kind {
        slug: "gitops-tool",
        title: "GitOps tool",
        question: "Which controller pulls the repository into the clusters?",
        step: Step::Gitops,
        field: "spec.gitops.tool",
        inputs: &[I::Experience, I::Developers, I::PlatformTeam],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: GITOPS,
            get: |d, _| d.spec.gitops.tool,
            put: |d, _, v| d.spec.gitops.tool = v,
        },
    },
    Kind {
        slug: "repository-structure",
        title: "Repository structure",
        question: "How is the GitOps repository organised?",
        step: Step::Gitops,
        field: "spec.gitops.layout",
        inputs: &[I::Services, I::Developers, I::Topology, I::GitopsTool],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: LAYOUT,
            get: |d, _| d.spec.gitops.layout,
            put: |d, _, v| d.spec.gitops.layout = v,
        },
    },
    Kind {
        slug: "promotion",
        title: "Environment promotion",
        question: "How does a change move from one environment to the next?",
        step: Step::Gitops,
        field: "spec.gitops.promotion",
        inputs: &[I::Environments],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: PROMOTION,
            get: |d, _| d.spec.gitops.promotion,
            put: |d, _, v| d.spec.gitops.promotion = v,
        },
    },
    Kind {
        slug: "secrets",
        title: "Secrets management",
        question: "Where do secrets live and how do they reach pods?",
        step: Step::Gitops,
        field: "spec.gitops.secrets",
        inputs: &[
            I::Provider,
            I::Compliance,
            I::Topology,
            I::PlatformTeam,
            I::Experience,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: SECRETS,
            get: |d, _| d.spec.gitops.secrets,
            put: |d, _, v| d.spec.gitops.secrets = v,
        },
    },
    Kind {
        slug: "progressive-delivery",
        title: "Progressive delivery",
        question: "How do releases reach production?",
        step: Step::Gitops,
        field: "spec.gitops.progressiveDelivery.tool",
        inputs: &[
            I::Availability,
            I::GitopsTool,
            I::Mesh,
            I::Ingress,
            I::PlatformTeam,
            I::Experience,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: DELIVERY,
            get: |d, _| d.spec.gitops.progressive_delivery.tool,
            put: |d, _, v| d.spec.gitops.progressive_delivery.tool = v,
        },
    },
    Kind {
        slug: "release-strategy",
        title: "Release strategy",
        question: "Canary or blue/green?",
        step: Step::Gitops,
        field: "spec.gitops.progressiveDelivery.strategy",
        inputs: &[I::Traffic, I::DeliveryTool],
        per_pool: false,
        applies: |d| d.spec.gitops.progressive_delivery.tool != DeliveryTool::None,
        options: &Table {
            rows: STRATEGY,
            get: |d, _| d.spec.gitops.progressive_delivery.strategy,
            put: |d, _, v| d.spec.gitops.progressive_delivery.strategy = v,
        },
    },
    Kind {
        slug: "pod-security",
        title: "Pod Security Standard",
        question: "What may application pods do?",
        step: Step::Security,
        field: "spec.security.podSecurity",
        inputs: &[I::Compliance],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: POD_SECURITY,
            get: |d, _| d.spec.security.pod_security,
            put: |d, _, v| d.spec.security.pod_security = v,
        },
    },
    Kind {
        slug: "service-mesh",
        title: "Service mesh",
        question: "What carries and secures traffic between services?",
        step: Step::Security,
        field: "spec.security.mesh",
        inputs: &[
            I::Compliance,
            I::Services,
            I::PlatformTeam,
            I::Experience,
            I::Cni,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: MESH,
            get: |d, _| d.spec.security.mesh,
            put: |d, _, v| d.spec.security.mesh = v,
        },
    },
    Kind {
        slug: "mutual-tls",
        title: "Mutual TLS",
        question: "Must calls between services be encrypted and authenticated?",
        step: Step::Security,
        field: "spec.security.mtls",
        inputs: &[I::Compliance, I::Mesh, I::Migration],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: MTLS,
            get: |d, _| d.spec.security.mtls,
            put: |d, _, v| d.spec.security.mtls = v,
        },
    },
    Kind {
        slug: "policy-engine",
        title: "Admission policy engine",
        question: "What enforces the platform's rules at admission?",
        step: Step::Security,
        field: "spec.security.policyEngine",
        inputs: &[
            I::PlatformTeam,
            I::Experience,
            I::VerifySignatures,
            I::Compliance,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: POLICY,
            get: |d, _| d.spec.security.policy_engine,
            put: |d, _, v| d.spec.security.policy_engine = v,
        },
    },
    Kind {
        slug: "rbac",
        title: "Access model (RBAC)",
        question: "What may each team change?",
        step: Step::Security,
        field: "spec.security.rbac",
        inputs: &[I::Developers, I::Compliance],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: RBAC,
            get: |d, _| d.spec.security.rbac,
            put: |d, _, v| d.spec.security.rbac = v,
        },
    },
    Kind {
        slug: "metrics",
        title: "Metrics stack",
        question: "What collects and stores metrics?",
        step: Step::Observability,
        field: "spec.observability.metrics",
        inputs: &[I::Services],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: METRICS,
            get: |d, _| d.spec.observability.metrics,
            put: |d, _, v| d.spec.observability.metrics = v,
        },
    },
    Kind {
        slug: "long-term-metrics",
        title: "Long-term metrics store",
        question: "Where do metrics live beyond local retention, across clusters?",
        step: Step::Observability,
        field: "spec.observability.longTermStore",
        inputs: &[
            I::Topology,
            I::Metrics,
            I::MetricsRetention,
            I::PlatformTeam,
            I::Experience,
        ],
        per_pool: false,
        applies: |d| d.spec.observability.metrics != MetricsStack::None,
        options: &Table {
            rows: LONG_TERM,
            get: |d, _| d.spec.observability.long_term_store,
            put: |d, _, v| d.spec.observability.long_term_store = v,
        },
    },
    Kind {
        slug: "logs",
        title: "Log stack",
        question: "Where do logs go?",
        step: Step::Observability,
        field: "spec.observability.logs",
        inputs: &[
            I::Provider,
            I::Metrics,
            I::Services,
            I::PlatformTeam,
            I::Experience,
        ],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: LOGS,
            get: |d, _| d.spec.observability.logs,
            put: |d, _, v| d.spec.observability.logs = v,
        },
    },
    Kind {
        slug: "tracing",
        title: "Tracing",
        question: "How are requests followed across services?",
        step: Step::Observability,
        field: "spec.observability.tracing",
        inputs: &[I::Services, I::Logs],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: TRACING,
            get: |d, _| d.spec.observability.tracing,
            put: |d, _, v| d.spec.observability.tracing = v,
        },
    },
    Kind {
        slug: "on-call",
        title: "On-call",
        question: "Who is paged when an alert fires?",
        step: Step::Observability,
        field: "spec.observability.onCall",
        inputs: &[I::Availability, I::Logs, I::PlatformTeam, I::Experience],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: ON_CALL,
            get: |d, _| d.spec.observability.on_call,
            put: |d, _, v| d.spec.observability.on_call = v,
        },
    },
    Kind {
        slug: "right-sizing",
        title: "Right-sizing",
        question: "How are requests kept close to usage?",
        step: Step::Cost,
        field: "spec.cost.rightSizing",
        inputs: &[I::Hpa, I::Vpa, I::Experience, I::Services],
        per_pool: false,
        applies: |_| true,
        options: &Table {
            rows: RIGHT_SIZING,
            get: |d, _| d.spec.cost.right_sizing,
            put: |d, _, v| d.spec.cost.right_sizing = v,
        },
    },
    Kind {
        slug: "region-mode",
        title: "How production uses its regions",
        question: "Do the further regions serve or stand by?",
        step: Step::Cluster,
        field: "spec.cluster.multiRegion.mode",
        inputs: &[I::Availability, I::Rto, I::PlatformTeam, I::Experience],
        per_pool: false,
        applies: |d| d.spec.cluster.multi_region.is_some(),
        options: &Table {
            rows: REGION_MODE,
            get: |d, _| regions(d).map_or(RegionMode::ActivePassive, |m| m.mode),
            put: |d, _, v| {
                if let Some(m) = &mut d.spec.cluster.multi_region {
                    m.mode = v;
                }
            },
        },
    },
    Kind {
        slug: "global-traffic",
        title: "Global traffic entry",
        question: "How do users reach the serving region?",
        step: Step::Cluster,
        field: "spec.cluster.multiRegion.globalTraffic",
        inputs: &[
            I::RegionMode,
            I::Availability,
            I::Rto,
            I::PlatformTeam,
            I::Experience,
        ],
        per_pool: false,
        applies: |d| d.spec.cluster.multi_region.is_some(),
        options: &Table {
            rows: GLOBAL_TRAFFIC,
            get: |d, _| regions(d).map_or(GlobalTraffic::DnsFailover, |m| m.global_traffic),
            put: |d, _, v| {
                if let Some(m) = &mut d.spec.cluster.multi_region {
                    m.global_traffic = v;
                }
            },
        },
    },
    Kind {
        slug: "data-replication",
        title: "Data replication between regions",
        question: "How does data reach the other regions?",
        step: Step::Cluster,
        field: "spec.cluster.multiRegion.dataReplication",
        inputs: &[I::RegionMode, I::Rpo, I::ExternalDatabases],
        per_pool: false,
        applies: |d| d.spec.cluster.multi_region.is_some(),
        options: &Table {
            rows: DATA_REPLICATION,
            get: |d, _| regions(d).map_or(DataReplication::Asynchronous, |m| m.data_replication),
            put: |d, _, v| {
                if let Some(m) = &mut d.spec.cluster.multi_region {
                    m.data_replication = v;
                }
            },
        },
    },
    Kind {
        slug: "purchase",
        title: "Purchase option",
        question: "How are this pool's nodes bought?",
        step: Step::Cost,
        field: "spec.cluster.nodePools[#].purchase",
        inputs: &[
            I::PoolRunsIn,
            I::PoolMinNodes,
            I::PoolMaxNodes,
            I::PoolPurchases,
            I::Availability,
        ],
        per_pool: true,
        applies: |_| true,
        options: &Table {
            rows: PURCHASE,
            get: |d, i| {
                d.spec
                    .cluster
                    .node_pools
                    .get(i)
                    .map_or(Purchase::OnDemand, |p| p.purchase)
            },
            put: |d, i, v| {
                if let Some(p) = d.spec.cluster.node_pools.get_mut(i) {
                    p.purchase = v
                }
            },
        },
    },
];
