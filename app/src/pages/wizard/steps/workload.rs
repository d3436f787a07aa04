//! Step 1: workload.

use design::traffic::traffic_rates;
use leptos::prelude::*;

use super::{decimal_field, field, remove_button, row_field, row_head, row_of, row_state, Session};
use crate::components::fields::{
    whole, ChoiceField, ChoiceSetField, NameSetField, ParsedField, TextField, ToggleField,
};

pub fn view(s: Session) -> impl IntoView {
    let (rpd, set_rpd) = field!(s, spec.workload.traffic.requests_per_day);
    let (peak, set_peak) = decimal_field!(s, spec.workload.traffic.peak_factor);
    let (growth, set_growth) = decimal_field!(s, spec.workload.traffic.growth_factor_12_months);
    let (availability, set_availability) = field!(s, spec.workload.availability);
    let (latency, set_latency) = field!(s, spec.workload.p99_latency_ms);
    let (compliance, set_compliance) = field!(s, spec.workload.compliance);
    let (devs, set_devs) = field!(s, spec.workload.team.developers);
    let (experience, set_experience) = field!(s, spec.workload.team.kubernetes_experience);
    let (platform, set_platform) = field!(s, spec.workload.team.platform_team_size);
    let (managed, set_managed) = field!(s, spec.workload.data.external_managed_databases);
    let (in_cluster, set_in_cluster) = field!(s, spec.workload.data.in_cluster_state);
    let (backups, set_backups) = field!(s, spec.workload.data.backups);
    let (rto, set_rto) = field!(s, spec.workload.data.rto_minutes);
    let (rpo, set_rpo) = field!(s, spec.workload.data.rpo_minutes);
    let (dr_plan, set_dr_plan) = field!(s, spec.workload.data.dr_plan);
    let (migration, set_migration) = field!(s, spec.workload.migration_planned);
    let (golden, set_golden) = field!(s, spec.workload.team.golden_path);
    let rates = Memo::new(move |_| s.design.with(|d| traffic_rates(&d.spec.workload.traffic)));
    let count = Memo::new(move |_| s.design.with(|d| d.spec.workload.services.len()));
    let teams = Memo::new(move |_| s.design.with(|d| d.spec.workload.tenants.len()));
    view! {
        <h2>"Workload"</h2>
        <p class="lead">"What will run on the platform, how busy it gets and what it must promise."</p>
        <fieldset>
            <legend>"Service groups"</legend>
            <div class="rows" data-test="service-groups">
                {move || (0..count.get()).map(|i| service_row(s, i, count)).collect_view()}
            </div>
            <button type="button" class="secondary add" data-test="add-service" on:click=move |_| s.edit(design::edits::add_service_group)>
                "Add service group"
            </button>
        </fieldset>
        <fieldset>
            <legend>"Teams"</legend>
            <p class="hint">{move || if teams.get() == 0 {
                "No teams yet: each service group is its own team, with groups named after it. Add the teams that own the groups to give them their own roles, GitOps project and cost centre."
            } else {
                "Each service group belongs to one team: its namespaces, roles, Argo CD project and cost labels follow."
            }}</p>
            <div class="rows" data-test="teams">
                {move || (0..teams.get()).map(|i| team_row(s, i, teams)).collect_view()}
            </div>
            <button type="button" class="secondary add" data-test="add-team" on:click=move |_| s.edit(design::edits::add_tenant)>
                "Add team"
            </button>
        </fieldset>
        <fieldset>
            <legend>"Traffic"</legend>
            <ParsedField label="Requests per day" unit="req/day" path="spec.workload.traffic.requestsPerDay"
                help="All requests the services answer in a day, today." value=rpd on_change=set_rpd/>
            <ParsedField label="Peak factor" unit="× average" step="any" path="spec.workload.traffic.peakFactor"
                help="Busiest minute divided by the daily average; 2–4 is common for business traffic." value=peak on_change=set_peak/>
            <ParsedField label="Growth in 12 months" unit="× today" step="any" path="spec.workload.traffic.growthFactor12Months"
                help="Traffic expected a year from now divided by today's; 1 means flat." value=growth on_change=set_growth/>
            <dl class="derived" data-test="derived-traffic">
                <dt>"Average today"</dt><dd data-test="avg-rps">{move || format!("{} req/s", whole(rates.get().average_rps))}</dd>
                <dt>"Peak today"</dt><dd data-test="peak-rps">{move || format!("{} req/s", whole(rates.get().peak_rps))}</dd>
                <dt>"Average in 12 months"</dt><dd data-test="avg-rps-growth">{move || format!("{} req/s", whole(rates.get().average_rps_after_growth))}</dd>
                <dt>"Peak in 12 months"</dt><dd data-test="peak-rps-growth">{move || format!("{} req/s", whole(rates.get().peak_rps_after_growth))}</dd>
            </dl>
        </fieldset>
        <fieldset>
            <legend>"Data"</legend>
            <ToggleField label="Managed databases outside the cluster" path="spec.workload.data.externalManagedDatabases"
                help="RDS, Cloud SQL, Azure Database: the provider runs backups and failover." value=managed on_change=set_managed/>
            <ToggleField label="State inside the cluster" path="spec.workload.data.inClusterState"
                help="StatefulSets and volumes that the platform must back up and restore." value=in_cluster on_change=set_in_cluster/>
            <ToggleField label="Backups of cluster state" path="spec.workload.data.backups"
                help="Scheduled backups of manifests and volumes (e.g. Velero)." value=backups on_change=set_backups/>
            <ParsedField label="Recovery time objective" unit="minutes" path="spec.workload.data.rtoMinutes"
                help="How long a full restore may take." value=rto on_change=set_rto/>
            <ParsedField label="Recovery point objective" unit="minutes" path="spec.workload.data.rpoMinutes"
                help="How much recent data a restore may lose." value=rpo on_change=set_rpo/>
            <ToggleField label="Disaster-recovery plan" path="spec.workload.data.drPlan"
                help="A written, rehearsed restore: who restores what, in which order." value=dr_plan on_change=set_dr_plan/>
            <ToggleField label="Migration planned in phases" path="spec.workload.migrationPlanned"
                help="A pilot, then waves, with old and new running side by side." value=migration on_change=set_migration/>
        </fieldset>
        <fieldset>
            <legend>"Promises and rules"</legend>
            <ChoiceField label="Availability target" path="spec.workload.availability"
                help="Monthly uptime promised to users; each extra nine costs redundancy." value=availability on_change=set_availability/>
            <ParsedField label="p99 latency target" unit="ms" path="spec.workload.p99LatencyMs"
                help="99 of 100 requests should finish within this time." value=latency on_change=set_latency/>
            <ChoiceSetField label="Compliance regimes" path="spec.workload.compliance"
                help="Each regime adds controls: encryption, audit retention, segmentation." value=compliance on_change=set_compliance/>
        </fieldset>
        <fieldset>
            <legend>"Team"</legend>
            <ParsedField label="Developers" unit="people" path="spec.workload.team.developers"
                help="Application developers who will deploy to the platform." value=devs on_change=set_devs/>
            <ChoiceField label="Kubernetes experience" path="spec.workload.team.kubernetesExperience"
                help="Less experience calls for more guard rails and fewer moving parts." value=experience on_change=set_experience/>
            <ParsedField label="Platform team" unit="people" path="spec.workload.team.platformTeamSize"
                help="People who run the platform itself." value=platform on_change=set_platform/>
            <ToggleField label="Golden path" path="spec.workload.team.goldenPath"
                help="Service templates with secure defaults and a guide from commit to production." value=golden on_change=set_golden/>
        </fieldset>
    }
}

fn service_row(s: Session, i: usize, count: Memo<usize>) -> impl IntoView {
    let row = row_of!(s, i, spec.workload.services);
    let (open, problems, path) = row_state("spec.workload.services", i, count);
    let body = format!("{}-fields", crate::components::fields::field_id(&path));
    let title = move || {
        row.with(|g| {
            use design::choices::Choice;
            format!(
                "Group {}: {} · {} service(s), {}, {}",
                i + 1,
                g.name,
                g.count,
                g.kind.label().to_ascii_lowercase(),
                g.exposure.label().to_ascii_lowercase()
            )
        })
    };
    view! {
        <div class="row-card" data-test=format!("service-{i}")>
            {row_head(title, path, open, problems, remove_button(s, format!("Remove service group {}", i + 1), count, move |d| design::edits::remove_service_group(d, i)))}
            <Show when=move || open.get()>
                {service_fields(s, row, i, body.clone())}
            </Show>
        </div>
    }
}

/// The fields of service group `i`, made when its row is opened and
/// dropped when it is folded.
fn service_fields(
    s: Session,
    row: Memo<design::model::ServiceGroup>,
    i: usize,
    body: String,
) -> impl IntoView {
    let at = move |field: &str| format!("spec.workload.services[{i}].{field}");
    let (name, _) = row_field!(s, row, i, spec.workload.services => name);
    // Renaming keeps the group with the team that owns it.
    let set_name = Callback::new(move |new| {
        s.edit(|d| design::edits::rename_service_group(d, i, new));
    });
    let (runtime, set_runtime) = row_field!(s, row, i, spec.workload.services => runtime);
    let (n, set_n) = row_field!(s, row, i, spec.workload.services => count);
    let (kind, set_kind) = row_field!(s, row, i, spec.workload.services => kind);
    let (stateful, set_stateful) = row_field!(s, row, i, spec.workload.services => stateful);
    let (cpu_req, set_cpu_req) =
        row_field!(s, row, i, spec.workload.services => cpu_request_millicores);
    let (cpu_lim, set_cpu_lim) =
        row_field!(s, row, i, spec.workload.services => cpu_limit_millicores);
    let (mem_req, set_mem_req) =
        row_field!(s, row, i, spec.workload.services => memory_request_mebibytes);
    let (mem_lim, set_mem_lim) =
        row_field!(s, row, i, spec.workload.services => memory_limit_mebibytes);
    let (min, set_min) = row_field!(s, row, i, spec.workload.services => min_replicas);
    let (max, set_max) = row_field!(s, row, i, spec.workload.services => max_replicas);
    let (exposure, set_exposure) = row_field!(s, row, i, spec.workload.services => exposure);
    view! {
    <div class="row-grid" id=body>
        <ParsedField label="Name" kind="text" path=at("name") help="Lowercase letters, digits and dashes." value=name on_change=set_name/>
        <ChoiceField label="Runtime" path=at("runtime") help="Language and framework." value=runtime on_change=set_runtime/>
        <ParsedField label="Services" unit="in group" path=at("count") help="How many services share this profile." value=n on_change=set_n/>
        <ChoiceField label="Kind" path=at("kind") help="What the services do." value=kind on_change=set_kind/>
        <ChoiceField label="Exposure" path=at("exposure") help="Who can reach them." value=exposure on_change=set_exposure/>
        <ToggleField label="Stateful" path=at("stateful") help="Keeps data on its own volumes." value=stateful on_change=set_stateful/>
        <ParsedField label="CPU request" unit="millicores" path=at("cpuRequestMillicores") help="Reserved per replica." value=cpu_req on_change=set_cpu_req/>
        <ParsedField label="CPU limit" unit="millicores" path=at("cpuLimitMillicores") help="Ceiling per replica." value=cpu_lim on_change=set_cpu_lim/>
        <ParsedField label="Memory request" unit="MiB" path=at("memoryRequestMebibytes") help="Reserved per replica." value=mem_req on_change=set_mem_req/>
        <ParsedField label="Memory limit" unit="MiB" path=at("memoryLimitMebibytes") help="Above it the container is killed." value=mem_lim on_change=set_mem_lim/>
        <ParsedField label="Min replicas" unit="per service" path=at("minReplicas") help="Always running in production." value=min on_change=set_min/>
        <ParsedField label="Max replicas" unit="per service" path=at("maxReplicas") help="Ceiling for the autoscaler." value=max on_change=set_max/>
    </div>
    }
}

fn team_row(s: Session, i: usize, teams: Memo<usize>) -> impl IntoView {
    let row = row_of!(s, i, spec.workload.tenants);
    let (open, problems, path) = row_state("spec.workload.tenants", i, teams);
    let body = format!("{}-fields", crate::components::fields::field_id(&path));
    let title = move || {
        row.with(|t| {
            format!(
                "Team {}: {} · {} service group(s)",
                i + 1,
                t.name,
                t.services.len()
            )
        })
    };
    let remove = view! {
        <button type="button" class="secondary" aria-label=format!("Remove team {}", i + 1)
            on:click=move |_| s.edit(|d| design::edits::remove_tenant(d, i))>
            "Remove"
        </button>
    };
    view! {
        <div class="row-card" data-test=format!("team-{i}")>
            {row_head(title, path, open, problems, remove)}
            <Show when=move || open.get()>
                {team_fields(s, row, i, body.clone())}
            </Show>
        </div>
    }
}

/// The fields of team `i`, made when its row is opened.
fn team_fields(
    s: Session,
    row: Memo<design::model::Tenant>,
    i: usize,
    body: String,
) -> impl IntoView {
    let at = move |field: &str| format!("spec.workload.tenants[{i}].{field}");
    let (name, _) = row_field!(s, row, i, spec.workload.tenants => name);
    // Groups still named after the team follow its new name.
    let set_name = Callback::new(move |new| {
        s.edit(|d| design::edits::rename_tenant(d, i, new));
    });
    let (owner, set_owner) = row_field!(s, row, i, spec.workload.tenants => owner);
    let (cost_centre, set_cost_centre) =
        row_field!(s, row, i, spec.workload.tenants => cost_centre);
    let (developers, set_developers) =
        row_field!(s, row, i, spec.workload.tenants => developers_group);
    let (on_call, set_on_call) = row_field!(s, row, i, spec.workload.tenants => on_call_group);
    // Compared in place at each edit: rebuilt only when a group is added,
    // removed or renamed.
    let groups = Memo::new_owning(move |previous: Option<Vec<String>>| {
        s.design.with(|d| {
            let services = &d.spec.workload.services;
            match previous {
                Some(names)
                    if names.len() == services.len()
                        && names
                            .iter()
                            .zip(services)
                            .all(|(n, g)| n == g.name.as_str()) =>
                {
                    (names, false)
                }
                _ => (services.iter().map(|g| g.name.to_string()).collect(), true),
            }
        })
    });
    let environments = Memo::new(move |_| {
        s.design.with(|d| {
            d.spec
                .cluster
                .environments
                .iter()
                .map(|e| e.name.to_string())
                .collect::<Vec<_>>()
        })
    });
    let owned = Memo::new(move |_| {
        row.with(|t| t.services.iter().map(|g| g.to_string()).collect::<Vec<_>>())
    });
    // What the team syncs as the plan reads it, its default included.
    let synced = Memo::new(move |_| {
        s.design.with(|d| {
            d.spec
                .workload
                .tenants
                .get(i)
                .map(|t| design::plan::sync_environments(d, t))
                .unwrap_or_default()
        })
    });
    let own = Callback::new(move |(group, on): (String, bool)| {
        if let Ok(group) = design::ServiceName::parse(group) {
            s.edit(|d| design::edits::set_owner(d, i, &group, on));
        }
    });
    let sync = Callback::new(move |(env, on): (String, bool)| {
        if let Ok(env) = design::EnvName::parse(env) {
            s.edit(|d| design::edits::set_sync(d, i, &env, on));
        }
    });
    let limit = design::validate::text::MAX_OWNER_CHARS;
    view! {
    <div class="row-grid" id=body>
        <ParsedField label="Name" kind="text" path=at("name") help="Lowercase letters, digits and dashes: its Argo CD project and labels." value=name on_change=set_name/>
        <TextField label="Owner" path=at("owner") max_length=limit help="Who answers for the team's services: a person or a mailbox." value=owner on_change=set_owner/>
        <TextField label="Cost centre" path=at("costCentre") max_length=63 help="What its spend is charged to; becomes a label OpenCost reads, e.g. cc-1042." value=cost_centre on_change=set_cost_centre/>
        <TextField label="Developers group" path=at("developersGroup") max_length=limit help="Identity-provider group bound to the developer roles." value=developers on_change=set_developers/>
        <TextField label="On-call group" path=at("onCallGroup") max_length=limit help="Identity-provider group bound to the on-call roles." value=on_call on_change=set_on_call/>
        <NameSetField label="Owns" path=at("services") help="Ticking a group here takes it from the team that had it." options=groups value=owned on_toggle=own/>
        <NameSetField label="Syncs itself" path=at("syncEnvironments") help="Environments its developers sync from Argo CD; production also lets them change workloads there." options=environments value=synced on_toggle=sync/>
    </div>
    }
}
