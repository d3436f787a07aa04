//! Step 2: cluster.

use design::capacity::capacity;
use leptos::prelude::*;

use super::{bind, field, remove_button, row_field, row_of, Session};
use crate::components::fields::{
    ChoiceField, InstanceTypeSelect, ListField, ParsedField, TextField, ToggleField,
};

pub fn view(s: Session) -> impl IntoView {
    // Switching provider carries region, storage class and instance types along.
    let (provider, set_provider) = bind(
        s,
        |d| d.spec.cluster.provider,
        design::edits::switch_provider,
    );
    let (name, set_name) = field!(s, spec.cluster.name);
    let (region, set_region) = field!(s, spec.cluster.region);
    let (domain, set_domain) = field!(s, spec.cluster.public_domain);
    let (mirror, set_mirror) = field!(s, spec.cluster.mirror);
    let (zones, set_zones) = field!(s, spec.cluster.zones);
    let (topology, set_topology) = field!(s, spec.cluster.topology);
    let (version, set_version) = field!(s, spec.cluster.kubernetes_version);
    let (autoscaler, set_autoscaler) = field!(s, spec.cluster.node_autoscaler);
    let (hpa, set_hpa) = field!(s, spec.cluster.workload_autoscaling.hpa);
    let (vpa, set_vpa) = field!(s, spec.cluster.workload_autoscaling.vpa);
    let (keda, set_keda) = field!(s, spec.cluster.workload_autoscaling.keda);
    let (cni, set_cni) = field!(s, spec.cluster.cni);
    let (ingress, set_ingress) = field!(s, spec.cluster.ingress);
    let (private, set_private) = field!(s, spec.cluster.private_endpoint);
    let (several, set_several) = bind(
        s,
        |d| d.spec.cluster.multi_region.is_some(),
        design::edits::set_multi_region,
    );
    // The further regions' fields, read from (and written into) the set the toggle made.
    macro_rules! region_field {
        ($($field:ident).+) => {
            bind(
                s,
                |d| d.spec.cluster.multi_region.clone().unwrap_or_default().$($field).+,
                |d, v| {
                    if let Some(m) = &mut d.spec.cluster.multi_region {
                        m.$($field).+ = v;
                    }
                },
            )
        };
    }
    let (regions, set_regions) = region_field!(regions);
    let (mode, set_mode) = region_field!(mode);
    let (traffic, set_traffic) = region_field!(global_traffic);
    let (replication, set_replication) = region_field!(data_replication);
    let envs = Memo::new(move |_| s.design.with(|d| d.spec.cluster.environments.len()));
    let pools = Memo::new(move |_| s.design.with(|d| d.spec.cluster.node_pools.len()));
    let capacity = Memo::new(move |_| s.design.with(capacity));
    view! {
        <h2>"Cluster"</h2>
        <p class="lead">"Where the platform runs and how its clusters are cut."</p>
        <fieldset>
            <legend>"Placement"</legend>
            <ChoiceField label="Provider" path="spec.cluster.provider"
                help="A managed control plane removes the hardest operations work. Switching maps node pools to the nearest instance type." value=provider on_change=set_provider/>
            <ParsedField label="Cluster name" kind="text" path="spec.cluster.name"
                help="Base name of clusters and cloud resources; lowercase, digits, dashes." value=name on_change=set_name/>
            <TextField label="Region" path="spec.cluster.region" max_length=design::validate::text::MAX_REGION_CHARS
                help="Primary region, e.g. us-east-1, eastus or us-central1." value=region on_change=set_region/>
            <ParsedField label="Availability zones" unit="zones" path="spec.cluster.zones"
                help="Three zones survive the loss of one with capacity to spare." value=zones on_change=set_zones/>
            <ChoiceField label="Topology" path="spec.cluster.topology"
                help="Separate clusters shrink the blast radius and the compliance scope." value=topology on_change=set_topology/>
            <TextField label="Kubernetes version" path="spec.cluster.kubernetesVersion" max_length=8
                help="Major.minor; 1.35 is supported on EKS, AKS and GKE into 2027." value=version on_change=set_version/>
        </fieldset>
        <fieldset data-test="regions">
            <legend>"Regions"</legend>
            <ToggleField label="Production in more than one region" path="spec.cluster.multiRegion"
                help="A copy of each production cluster in every further region survives the loss of a whole region." value=several on_change=set_several/>
            <Show when=move || several.get()>
                <ListField label="Further regions" path="spec.cluster.multiRegion.regions"
                    help="Comma-separated, as the provider spells them, e.g. us-west-2." value=regions on_change=set_regions/>
                <ChoiceField label="Mode" path="spec.cluster.multiRegion.mode"
                    help="Standby regions cost their minimum until failover; active regions serve all the time." value=mode on_change=set_mode/>
                <ChoiceField label="Global traffic entry" path="spec.cluster.multiRegion.globalTraffic"
                    help="How users reach the serving region: health-checked DNS, or one global address." value=traffic on_change=set_traffic/>
                <ChoiceField label="Data replication" path="spec.cluster.multiRegion.dataReplication"
                    help="How data reaches the other regions; asynchronous loses the last moments on failover." value=replication on_change=set_replication/>
            </Show>
        </fieldset>
        <fieldset>
            <legend>"Environments"</legend>
            <div class="rows compact" data-test="environments">
                {move || (0..envs.get()).map(|i| env_row(s, i, envs)).collect_view()}
            </div>
            <button type="button" class="secondary add" data-test="add-environment" on:click=move |_| s.edit(design::edits::add_environment)>
                "Add environment"
            </button>
        </fieldset>
        <fieldset>
            <legend>"Node pools"</legend>
            <div class="rows" data-test="node-pools">
                {move || (0..pools.get()).map(|i| pool_row(s, i, pools, capacity)).collect_view()}
            </div>
            <button type="button" class="secondary add" data-test="add-pool" on:click=move |_| s.edit(design::edits::add_node_pool)>
                "Add node pool"
            </button>
            <dl class="derived" data-test="derived-capacity">
                {move || capacity.get().into_iter().map(|c| {
                    let verdict = match c.fit {
                        design::capacity::Fit::Short => "short",
                        design::capacity::Fit::Fits => "fits",
                        design::capacity::Fit::FarOver => "far over",
                        design::capacity::Fit::Unknown => "unknown",
                    };
                    view! {
                        <dt>{format!("{} ({verdict})", c.cluster)}</dt>
                        <dd data-test=format!("capacity-{}", c.cluster) class=format!("fit-{verdict}").replace(' ', "-")>{c.summary()}</dd>
                    }
                }).collect_view()}
            </dl>
        </fieldset>
        <fieldset>
            <legend>"Scaling"</legend>
            <ChoiceField label="Node autoscaling" path="spec.cluster.nodeAutoscaler"
                help="Adds nodes when pods cannot be placed and removes idle ones." value=autoscaler on_change=set_autoscaler/>
            <ToggleField label="Horizontal Pod Autoscaler" path="spec.cluster.workloadAutoscaling.hpa"
                help="Adds replicas as CPU use rises." value=hpa on_change=set_hpa/>
            <ChoiceField label="Vertical Pod Autoscaler" path="spec.cluster.workloadAutoscaling.vpa"
                help="Suggests or sets requests from observed use." value=vpa on_change=set_vpa/>
            <ToggleField label="KEDA" path="spec.cluster.workloadAutoscaling.keda"
                help="Scales workers on queue length and other events." value=keda on_change=set_keda/>
        </fieldset>
        <fieldset>
            <legend>"Network"</legend>
            <ChoiceField label="CNI" path="spec.cluster.cni"
                help="The network plugin; it must enforce network policies." value=cni on_change=set_cni/>
            <ChoiceField label="Ingress" path="spec.cluster.ingress"
                help="How outside traffic reaches services." value=ingress on_change=set_ingress/>
            <TextField label="Public domain" path="spec.cluster.publicDomain" max_length=design::validate::text::MAX_DOMAIN_CHARS
                help="Public services answer at <service>.<domain> with certificates issued for those names. Leave empty until you know it." value=domain on_change=set_domain/>
            <TextField label="Mirror registry" path="spec.cluster.mirror" max_length=design::validate::text::MAX_DOMAIN_CHARS
                help="For clusters without internet access: the registry host that serves every chart and image (e.g. registry.example.internal). Leave empty to pull from the public registries." value=mirror on_change=set_mirror/>
            <ToggleField label="Private API endpoint" path="spec.cluster.privateEndpoint"
                help="Keep the Kubernetes API off the internet." value=private on_change=set_private/>
        </fieldset>
    }
}

fn env_row(s: Session, i: usize, count: Memo<usize>) -> impl IntoView {
    let row = row_of!(s, i, spec.cluster.environments);
    let at = |field: &str| format!("spec.cluster.environments[{i}].{field}");
    let (name, _) = row_field!(s, row, i, spec.cluster.environments => name);
    // Renaming keeps the teams that sync the environment syncing it.
    let set_name = Callback::new(move |new| {
        s.edit(|d| design::edits::rename_environment(d, i, new));
    });
    let (production, set_production) =
        row_field!(s, row, i, spec.cluster.environments => production);
    view! {
        <div class="row-inline" data-test=format!("environment-{i}")>
            <ParsedField label="Environment" kind="text" path=at("name") help="e.g. dev, staging, prod." value=name on_change=set_name/>
            <ToggleField label="Production" path=at("production") help="Customers depend on it." value=production on_change=set_production/>
            {remove_button(s, format!("Remove environment {}", i + 1), count, move |d| design::edits::remove_environment(d, i))}
        </div>
    }
}

fn pool_row(
    s: Session,
    i: usize,
    count: Memo<usize>,
    capacity: Memo<Vec<design::capacity::ClusterCapacity>>,
) -> impl IntoView {
    let row = row_of!(s, i, spec.cluster.node_pools);
    let at = |field: &str| format!("spec.cluster.nodePools[{i}].{field}");
    let (name, set_name) = row_field!(s, row, i, spec.cluster.node_pools => name);
    let (instance, set_instance) = row_field!(s, row, i, spec.cluster.node_pools => instance_type);
    let (min, set_min) = row_field!(s, row, i, spec.cluster.node_pools => min_nodes);
    let (desired, set_desired) = row_field!(s, row, i, spec.cluster.node_pools => desired_nodes);
    let (max, set_max) = row_field!(s, row, i, spec.cluster.node_pools => max_nodes);
    let (purchase, set_purchase) = row_field!(s, row, i, spec.cluster.node_pools => purchase);
    let (runs_in, set_runs_in) = row_field!(s, row, i, spec.cluster.node_pools => runs_in);
    let (labels, set_labels) = row_field!(s, row, i, spec.cluster.node_pools => labels);
    let (taints, set_taints) = row_field!(s, row, i, spec.cluster.node_pools => taints);
    let instance_path = at("instanceType");
    let provider = Memo::new(move |_| s.design.with(|d| d.spec.cluster.provider));
    view! {
        <div class="row-card" data-test=format!("pool-{i}")>
            <div class="row-head">
                <h3>{move || format!("Pool {}: {}", i + 1, name.get())}</h3>
                <span class="muted" data-test=format!("pool-{i}-needed")>
                    {move || {
                        let name = name.get().to_string();
                        let alone: Vec<String> = capacity
                            .get()
                            .iter()
                            .filter_map(|c| {
                                let pool = c.pools.iter().find(|p| p.pool == name)?;
                                Some(match (pool.schedulable, pool.nodes_needed_alone) {
                                    (false, _) => format!("{}: node agents only (tainted)", c.cluster),
                                    (true, Some(n)) => format!("{}: {n} node(s) alone", c.cluster),
                                    (true, None) => format!("{}: size unknown", c.cluster),
                                })
                            })
                            .collect();
                        if alone.is_empty() { "in no cluster".to_owned() } else { alone.join(" · ") }
                    }}
                </span>
                {remove_button(s, format!("Remove node pool {}", i + 1), count, move |d| design::edits::remove_node_pool(d, i))}
            </div>
            <div class="row-grid">
                <ParsedField label="Name" kind="text" path=at("name") help="Lowercase letters, digits and dashes." value=name on_change=set_name/>
                {move || match provider.get().pricing_key() {
                    Some(key) => view! {
                        <InstanceTypeSelect provider=key path=instance_path.clone() value=instance on_change=set_instance/>
                    }.into_any(),
                    None => view! {
                        <TextField label="Machine" path=instance_path.clone() max_length=design::validate::text::MAX_INSTANCE_TYPE_CHARS help="Describe it as 16-vcpu-64gb so capacity can be computed." value=instance on_change=set_instance/>
                    }.into_any(),
                }}
                <ParsedField label="Min nodes" path=at("minNodes") help="Never fewer." value=min on_change=set_min/>
                <ParsedField label="Desired nodes" path=at("desiredNodes") help="At start." value=desired on_change=set_desired/>
                <ParsedField label="Max nodes" path=at("maxNodes") help="Ceiling for the autoscaler." value=max on_change=set_max/>
                <ChoiceField label="Purchase" path=at("purchase") help="Spot for interruptible work, reserved for the steady base." value=purchase on_change=set_purchase/>
                <ChoiceField label="Runs in" path=at("runsIn") help="Which clusters get this pool, e.g. spot for non-production only." value=runs_in on_change=set_runs_in/>
                <ListField label="Labels" path=at("labels") help="key=value, separated by commas." value=labels on_change=set_labels/>
                <ListField label="Taints" path=at("taints") help="key=value:NoSchedule, separated by commas." value=taints on_change=set_taints/>
            </div>
        </div>
    }
}
