# {{ name | md }}: private GKE clusters as designed (terraform-google-modules private-cluster).
{%- for c in clusters %}

module "gke_{{ c.tf_id }}" {
  source  = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"
  version = "~> 46.0"

  project_id         = var.project_id
  name               = {{ c.name | hcl }}
  region             = {{ c.region | hcl }}
  regional           = {{ data.zones > 1 }}
  network            = var.network
  subnetwork         = {% if c.secondary %}var.region_subnetworks[{{ c.region | hcl }}]{% else %}var.subnetwork{% endif %}
  ip_range_pods      = "pods"
  ip_range_services  = "services"
  kubernetes_version = {{ kubernetes_version | hcl }}
  release_channel    = "REGULAR"

  enable_private_nodes    = true
  enable_private_endpoint = {{ not public_endpoint }}
  master_ipv4_cidr_block  = "10.0.0.0/28"

{%- if cloud.calico %}
  # Calico enforces network policy; it needs the legacy datapath, not Dataplane V2.
  datapath_provider               = "DATAPATH_PROVIDER_UNSPECIFIED"
  network_policy                  = true
{%- else %}
{%- if cloud.cilium_cni %}
  # Cilium, as chosen: GKE Dataplane V2 is Cilium, run and upgraded by Google.
{%- endif %}
  datapath_provider               = "ADVANCED_DATAPATH"
{%- endif %}
  enable_shielded_nodes           = true
  horizontal_pod_autoscaling      = true
  enable_vertical_pod_autoscaling = {{ autoscaling.vpa }}
{%- if gateway_class %}
  # GKE's own Gateway controller and the Gateway API resource definitions.
  gateway_api_channel = "CHANNEL_STANDARD"
{%- endif %}
  remove_default_node_pool        = true
  logging_enabled_components      = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"{% if obs.cloud_logs %}, "WORKLOADS"{% endif %}]
  deletion_protection             = true

  database_encryption = [{
    state    = "ENCRYPTED"
    key_name = var.database_encryption_key
  }]

  node_pools = [
{%- for p in c.pools %}
    {
      name               = {{ p.name | hcl }}
      machine_type       = {{ p.instance_type | hcl }}
      min_count          = {{ p.min_nodes }}
      max_count          = {{ p.max_nodes }}
      initial_node_count = {{ p.desired_nodes }}
      spot               = {{ p.spot }}
      image_type         = "COS_CONTAINERD"
      auto_repair        = true
      auto_upgrade       = true
    },
{%- endfor %}
  ]

  node_pools_labels = {
    all = {
      "app-kubernetes-io-part-of" = {{ slug | hcl }}
    }
  }
}
{%- endfor %}
