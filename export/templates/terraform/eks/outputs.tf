{%- for c in clusters %}
output "cluster_name_{{ c.tf_id }}" {
  description = "Name of the EKS cluster."
  value       = module.eks_{{ c.tf_id }}.cluster_name
}
{% endfor %}
