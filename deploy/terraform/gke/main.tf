# Slipway studio: private GKE clusters as designed (terraform-google-modules private-cluster).

module "gke_slipway" {
  source  = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"
  version = "~> 46.0"

  project_id         = var.project_id
  name               = "slipway"
  region             = "us-central1"
  regional           = true
  network            = var.network
  subnetwork         = var.subnetwork
  ip_range_pods      = "pods"
  ip_range_services  = "services"
  kubernetes_version = "1.35"
  release_channel    = "REGULAR"

  enable_private_nodes            = true
  enable_private_endpoint         = true
  master_ipv4_cidr_block          = "10.0.0.0/28"
  datapath_provider               = "ADVANCED_DATAPATH"
  enable_shielded_nodes           = true
  horizontal_pod_autoscaling      = true
  enable_vertical_pod_autoscaling = true
  # GKE's own Gateway controller and the Gateway API resource definitions.
  gateway_api_channel        = "CHANNEL_STANDARD"
  remove_default_node_pool   = true
  logging_enabled_components = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"]
  deletion_protection        = true

  database_encryption = [{
    state    = "ENCRYPTED"
    key_name = var.database_encryption_key
  }]

  node_pools = [
    {
      name               = "general"
      machine_type       = "e2-standard-4"
      min_count          = 2
      max_count          = 6
      initial_node_count = 2
      spot               = false
      image_type         = "COS_CONTAINERD"
      auto_repair        = true
      auto_upgrade       = true
    },
    {
      name               = "spot"
      machine_type       = "e2-standard-4"
      min_count          = 0
      max_count          = 6
      initial_node_count = 1
      spot               = true
      image_type         = "COS_CONTAINERD"
      auto_repair        = true
      auto_upgrade       = true
    },
  ]

  node_pools_labels = {
    all = {
      "app-kubernetes-io-part-of" = "slipway-studio"
    }
  }
}
