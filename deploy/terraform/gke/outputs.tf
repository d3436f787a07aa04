output "cluster_name_slipway" {
  description = "Name of the GKE cluster."
  value       = module.gke_slipway.name
}
