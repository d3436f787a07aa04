{%- for c in clusters %}
output "cluster_id_{{ c.tf_id }}" {
  description = "Resource id of the AKS cluster."
  value       = azurerm_kubernetes_cluster.cluster_{{ c.tf_id }}.id
}
{% endfor %}
