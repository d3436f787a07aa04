//! The content of each step: fields bound to the design, and the figures
//! derived from them. Which fields exist and what they mean is the design
//! crate's business; this file only lays them out.

use design::derived::{production_requests, traffic_rates};
use design::PlatformDesign;
use leptos::prelude::*;

use super::{Session, Step};
use crate::components::fields::{ChoiceField, DesignErrors, NumberField, TextField, ToggleField};

/// A design field as a signal to read and a callback that edits through the session.
fn bind<T>(
    session: Session,
    get: fn(&PlatformDesign) -> T,
    set: fn(&mut PlatformDesign, T),
) -> (Signal<T>, Callback<T>)
where
    T: Clone + Send + Sync + 'static,
{
    let value = Signal::derive(move || session.design.with(get));
    let change = Callback::new(move |new: T| session.edit(|design| set(design, new)));
    (value, change)
}

macro_rules! field {
    ($session:expr, $($path:ident).+) => {
        bind($session, |d| d.$($path).+.clone(), |d, v| d.$($path).+ = v)
    };
}

/// The view of one step.
pub fn view_step(step: Step, current: RwSignal<Step>) -> AnyView {
    let session = expect_context::<Session>();
    match step {
        Step::Workload => workload(session).into_any(),
        Step::Cluster => cluster(session).into_any(),
        Step::Gitops => gitops(session).into_any(),
        Step::Security => security(session).into_any(),
        Step::Observability => observability(session).into_any(),
        Step::Cost => cost(session).into_any(),
        Step::Review => review(session, current).into_any(),
    }
}

fn workload(s: Session) -> impl IntoView {
    let (rpd, set_rpd) = field!(s, spec.workload.traffic.requests_per_day);
    let (peak, set_peak) = field!(s, spec.workload.traffic.peak_factor);
    let (growth, set_growth) = field!(s, spec.workload.traffic.growth_factor_12_months);
    let (availability, set_availability) = field!(s, spec.workload.availability);
    let (latency, set_latency) = field!(s, spec.workload.p99_latency_ms);
    let (devs, set_devs) = field!(s, spec.workload.team.developers);
    let (experience, set_experience) = field!(s, spec.workload.team.kubernetes_experience);
    let rates = Memo::new(move |_| s.design.with(|d| traffic_rates(&d.spec.workload.traffic)));
    view! {
        <h2>"Workload"</h2>
        <p class="lead">"What will run on the platform, how busy it gets and what it must promise."</p>
        <fieldset>
            <legend>"Traffic"</legend>
            <NumberField label="Requests per day" unit="req/day" path="spec.workload.traffic.requestsPerDay"
                help="All requests the services answer in a day, today." value=rpd on_change=set_rpd/>
            <NumberField label="Peak factor" unit="× average" step="any" path="spec.workload.traffic.peakFactor"
                help="Busiest minute divided by the daily average; 2–4 is common for business traffic." value=peak on_change=set_peak/>
            <NumberField label="Growth in 12 months" unit="× today" step="any" path="spec.workload.traffic.growthFactor12Months"
                help="Traffic expected a year from now divided by today's; 1 means flat." value=growth on_change=set_growth/>
            <dl class="derived" data-test="derived-traffic">
                <dt>"Average today"</dt><dd data-test="avg-rps">{move || format!("{:.0} req/s", rates.get().average_rps)}</dd>
                <dt>"Peak today"</dt><dd>{move || format!("{:.0} req/s", rates.get().peak_rps)}</dd>
                <dt>"Average in 12 months"</dt><dd>{move || format!("{:.0} req/s", rates.get().average_rps_after_growth)}</dd>
                <dt>"Peak in 12 months"</dt><dd data-test="peak-rps-growth">{move || format!("{:.0} req/s", rates.get().peak_rps_after_growth)}</dd>
            </dl>
        </fieldset>
        <fieldset>
            <legend>"Promises"</legend>
            <ChoiceField label="Availability target" path="spec.workload.availability"
                help="Monthly uptime promised to users; each extra nine costs redundancy." value=availability on_change=set_availability/>
            <NumberField label="p99 latency target" unit="ms" path="spec.workload.p99LatencyMs"
                help="99 of 100 requests should finish within this time." value=latency on_change=set_latency/>
        </fieldset>
        <fieldset>
            <legend>"Team"</legend>
            <NumberField label="Developers" unit="people" path="spec.workload.team.developers"
                help="Application developers who will deploy to the platform." value=devs on_change=set_devs/>
            <ChoiceField label="Kubernetes experience" path="spec.workload.team.kubernetesExperience"
                help="Less experience calls for more guard rails and fewer moving parts." value=experience on_change=set_experience/>
        </fieldset>
    }
}

fn cluster(s: Session) -> impl IntoView {
    // Switching provider carries region, storage class and instance types along.
    let (provider, set_provider) = bind(
        s,
        |d| d.spec.cluster.provider,
        design::edits::switch_provider,
    );
    let (region, set_region) = field!(s, spec.cluster.region);
    let (zones, set_zones) = field!(s, spec.cluster.zones);
    let (topology, set_topology) = field!(s, spec.cluster.topology);
    let (version, set_version) = field!(s, spec.cluster.kubernetes_version);
    let (autoscaler, set_autoscaler) = field!(s, spec.cluster.node_autoscaler);
    let (ingress, set_ingress) = field!(s, spec.cluster.ingress);
    let (private, set_private) = field!(s, spec.cluster.private_endpoint);
    view! {
        <h2>"Cluster"</h2>
        <p class="lead">"Where the platform runs and how its clusters are cut."</p>
        <fieldset>
            <legend>"Placement"</legend>
            <ChoiceField label="Provider" path="spec.cluster.provider"
                help="A managed control plane removes the hardest operations work. Switching maps node pools to the nearest instance type." value=provider on_change=set_provider/>
            <TextField label="Region" path="spec.cluster.region" max_length=40
                help="Primary region, e.g. us-east-1, eastus or us-central1." value=region on_change=set_region/>
            <NumberField label="Availability zones" unit="zones" path="spec.cluster.zones"
                help="Three zones survive the loss of one with capacity to spare." value=zones on_change=set_zones/>
            <ChoiceField label="Topology" path="spec.cluster.topology"
                help="Separate clusters shrink the blast radius and the compliance scope." value=topology on_change=set_topology/>
            <TextField label="Kubernetes version" path="spec.cluster.kubernetesVersion" max_length=8
                help="Major.minor; stay one behind the newest for a stable ecosystem." value=version on_change=set_version/>
        </fieldset>
        <fieldset>
            <legend>"Scaling and network"</legend>
            <ChoiceField label="Node autoscaling" path="spec.cluster.nodeAutoscaler"
                help="Adds nodes when pods cannot be placed and removes idle ones." value=autoscaler on_change=set_autoscaler/>
            <ChoiceField label="Ingress" path="spec.cluster.ingress"
                help="How outside traffic reaches services." value=ingress on_change=set_ingress/>
            <ToggleField label="Private API endpoint" path="spec.cluster.privateEndpoint"
                help="Keep the Kubernetes API off the internet." value=private on_change=set_private/>
        </fieldset>
        <fieldset>
            <legend>"Node pools"</legend>
            <table class="pools" data-test="node-pools">
                <thead><tr><th scope="col">"Pool"</th><th scope="col">"Instance type"</th><th scope="col">"Min / desired / max"</th><th scope="col">"Purchase"</th></tr></thead>
                <tbody>
                    {move || s.design.with(|d| d.spec.cluster.node_pools.iter().map(|pool| {
                        use design::choices::Choice;
                        view! {
                            <tr>
                                <td>{pool.name.to_string()}</td>
                                <td>{pool.instance_type.clone()}</td>
                                <td>{format!("{} / {} / {}", pool.min_nodes, pool.desired_nodes, pool.max_nodes)}</td>
                                <td>{pool.purchase.label()}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
        </fieldset>
    }
}

fn gitops(s: Session) -> impl IntoView {
    let (tool, set_tool) = field!(s, spec.gitops.tool);
    let (layout, set_layout) = field!(s, spec.gitops.layout);
    let (secrets, set_secrets) = field!(s, spec.gitops.secrets);
    let (repo, set_repo) = field!(s, spec.gitops.repo_url);
    let (branch, set_branch) = field!(s, spec.gitops.branch);
    let (delivery, set_delivery) = field!(s, spec.gitops.progressive_delivery.tool);
    view! {
        <h2>"GitOps"</h2>
        <p class="lead">"Git holds the desired state; a controller in the cluster pulls and reconciles it."</p>
        <fieldset>
            <legend>"Controller and repository"</legend>
            <ChoiceField label="GitOps tool" path="spec.gitops.tool"
                help="Argo CD brings a UI and app-of-apps; Flux is lighter and CLI-driven." value=tool on_change=set_tool/>
            <ChoiceField label="Repository layout" path="spec.gitops.layout"
                help="How platform and application manifests are organised." value=layout on_change=set_layout/>
            <TextField label="Repository URL" path="spec.gitops.repoUrl"
                help="The https:// or ssh:// address the controller reads." value=repo on_change=set_repo/>
            <TextField label="Branch" path="spec.gitops.branch" max_length=100
                help="The branch the controller follows." value=branch on_change=set_branch/>
        </fieldset>
        <fieldset>
            <legend>"Secrets and delivery"</legend>
            <ChoiceField label="Secrets" path="spec.gitops.secrets"
                help="Secrets come from a store; Git never holds them in plain text." value=secrets on_change=set_secrets/>
            <ChoiceField label="Progressive delivery" path="spec.gitops.progressiveDelivery.tool"
                help="Shift traffic step by step and roll back on bad metrics." value=delivery on_change=set_delivery/>
        </fieldset>
    }
}

fn security(s: Session) -> impl IntoView {
    let (pss, set_pss) = field!(s, spec.security.pod_security);
    let (deny, set_deny) = field!(s, spec.security.default_deny_network);
    let (mesh, set_mesh) = field!(s, spec.security.mesh);
    let (mtls, set_mtls) = field!(s, spec.security.mtls);
    let (engine, set_engine) = field!(s, spec.security.policy_engine);
    let (audit, set_audit) = field!(s, spec.security.audit_logging);
    let (encryption, set_encryption) = field!(s, spec.security.secrets_encryption);
    view! {
        <h2>"Security"</h2>
        <p class="lead">"Controls are on by default; every exception is explicit."</p>
        <fieldset>
            <legend>"Workload isolation"</legend>
            <ChoiceField label="Pod Security Standard" path="spec.security.podSecurity"
                help="Restricted blocks root, privilege escalation and extra capabilities." value=pss on_change=set_pss/>
            <ToggleField label="Default-deny network policies" path="spec.security.defaultDenyNetwork"
                help="Pods talk only where a policy allows it." value=deny on_change=set_deny/>
            <ChoiceField label="Service mesh" path="spec.security.mesh"
                help="A mesh adds mTLS and traffic control, and operational weight." value=mesh on_change=set_mesh/>
            <ChoiceField label="Mutual TLS" path="spec.security.mtls"
                help="Encrypts and authenticates traffic between services." value=mtls on_change=set_mtls/>
        </fieldset>
        <fieldset>
            <legend>"Admission and audit"</legend>
            <ChoiceField label="Policy engine" path="spec.security.policyEngine"
                help="Refuses workloads that break the rules before they run." value=engine on_change=set_engine/>
            <ToggleField label="Audit logging" path="spec.security.auditLogging"
                help="Records who did what through the Kubernetes API." value=audit on_change=set_audit/>
            <ToggleField label="Encrypt secrets at rest" path="spec.security.secretsEncryption"
                help="Kubernetes Secrets are encrypted with a managed key." value=encryption on_change=set_encryption/>
        </fieldset>
    }
}

fn observability(s: Session) -> impl IntoView {
    let (metrics, set_metrics) = field!(s, spec.observability.metrics);
    let (logs, set_logs) = field!(s, spec.observability.logs);
    let (retention, set_retention) = field!(s, spec.observability.log_retention_days);
    let (audit_retention, set_audit_retention) =
        field!(s, spec.observability.audit_log_retention_days);
    let (tracing, set_tracing) = field!(s, spec.observability.tracing);
    let (sampling, set_sampling) = field!(s, spec.observability.trace_sampling_percent);
    let (slo, set_slo) = field!(s, spec.observability.slo_alerting);
    let (on_call, set_on_call) = field!(s, spec.observability.on_call);
    view! {
        <h2>"Observability"</h2>
        <p class="lead">"Installed before the first workload, so every service is visible from day one."</p>
        <fieldset>
            <legend>"Signals"</legend>
            <ChoiceField label="Metrics" path="spec.observability.metrics"
                help="Collects cluster and application metrics." value=metrics on_change=set_metrics/>
            <ChoiceField label="Logs" path="spec.observability.logs"
                help="Where container logs are gathered and searched." value=logs on_change=set_logs/>
            <NumberField label="Log retention" unit="days" path="spec.observability.logRetentionDays"
                help="How long application logs are kept." value=retention on_change=set_retention/>
            <NumberField label="Audit-log retention" unit="days" path="spec.observability.auditLogRetentionDays"
                help="Compliance regimes often ask for a year or more." value=audit_retention on_change=set_audit_retention/>
            <ChoiceField label="Tracing" path="spec.observability.tracing"
                help="Follows a request across services (collected with OpenTelemetry)." value=tracing on_change=set_tracing/>
            <NumberField label="Trace sampling" unit="%" step="any" path="spec.observability.traceSamplingPercent"
                help="Share of requests traced; lower it as traffic grows." value=sampling on_change=set_sampling/>
        </fieldset>
        <fieldset>
            <legend>"Alerting"</legend>
            <ToggleField label="SLOs with burn-rate alerts" path="spec.observability.sloAlerting"
                help="Page on how fast the error budget burns, not on every blip." value=slo on_change=set_slo/>
            <ChoiceField label="On-call" path="spec.observability.onCall"
                help="Where pages go." value=on_call on_change=set_on_call/>
        </fieldset>
    }
}

fn cost(s: Session) -> impl IntoView {
    let (utilisation, set_utilisation) = field!(s, spec.cost.target_utilisation_percent);
    let (budget, set_budget) = field!(s, spec.cost.monthly_budget_usd);
    let (alert, set_alert) = field!(s, spec.cost.budget_alert_percent);
    let (right_sizing, set_right_sizing) = field!(s, spec.cost.right_sizing);
    let requests = Memo::new(move |_| s.design.with(|d| production_requests(&d.spec.workload)));
    view! {
        <h2>"Cost"</h2>
        <p class="lead">"Targets that keep the bill proportional to the load."</p>
        <fieldset>
            <legend>"Targets"</legend>
            <NumberField label="Target node utilisation" unit="%" path="spec.cost.targetUtilisationPercent"
                help="Share of node capacity that requests fill; 65–75 % leaves headroom to scale." value=utilisation on_change=set_utilisation/>
            <NumberField label="Monthly budget" unit="USD" path="spec.cost.monthlyBudgetUsd"
                help="What the platform may cost per month, all environments together." value=budget on_change=set_budget/>
            <NumberField label="Budget alert" unit="% of budget" path="spec.cost.budgetAlertPercent"
                help="Warn when spending reaches this share of the budget." value=alert on_change=set_alert/>
            <ChoiceField label="Right-sizing" path="spec.cost.rightSizing"
                help="How requests are kept close to real usage." value=right_sizing on_change=set_right_sizing/>
            <dl class="derived" data-test="derived-requests">
                <dt>"Production CPU requested"</dt><dd>{move || format!("{:.1} vCPU", requests.get().cpu_millicores as f64 / 1000.0)}</dd>
                <dt>"Production memory requested"</dt><dd>{move || format!("{:.1} GiB", requests.get().memory_mebibytes as f64 / 1024.0)}</dd>
            </dl>
        </fieldset>
    }
}

fn review(s: Session, current: RwSignal<Step>) -> impl IntoView {
    let (name, set_name) = field!(s, metadata.name);
    let (description, set_description) = field!(s, metadata.description);
    let errors = expect_context::<DesignErrors>().0;
    view! {
        <h2>"Review"</h2>
        <fieldset>
            <legend>"About this design"</legend>
            <TextField label="Design name" path="metadata.name" max_length=100
                help="What people call this design." value=name on_change=set_name/>
            <TextField label="Description" path="metadata.description" max_length=2000
                help="One or two sentences on what the platform is for." value=description on_change=set_description/>
        </fieldset>
        <section aria-labelledby="problems-heading">
            <h3 id="problems-heading">"Fields to fix"</h3>
            <Show
                when=move || !errors.with(Vec::is_empty)
                fallback=|| view! { <p class="good" data-test="no-problems">"Every field is valid."</p> }
            >
                <ul class="problems" data-test="problems">
                    {move || errors.get().into_iter().map(|problem| {
                        let step = Step::of_path(&problem.path);
                        view! {
                            <li>
                                <button class="link" on:click=move |_| current.set(step)>{step.title()}</button>
                                " · "<code>{problem.path.clone()}</code>" — "{problem.message.clone()}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
