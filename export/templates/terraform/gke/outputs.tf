{%- for c in clusters %}
output "cluster_name_{{ c.tf_id }}" {
  description = "Name of the GKE cluster."
  value       = module.gke_{{ c.tf_id }}.name
}
{% endfor %}
