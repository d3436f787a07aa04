variable "node_subnet_id" {
  description = "Subnet for the node pools (Azure CNI overlay)."
  type        = string
}

variable "admin_group_object_ids" {
  description = "Entra ID groups that administer the cluster."
  type        = list(string)
}

variable "disk_encryption_set_id" {
  description = "Disk encryption set (customer-managed key) for node disks."
  type        = string
}

variable "etcd_key_vault_key_id" {
  description = "Key Vault key that encrypts Kubernetes secrets in etcd (KMS)."
  type        = string
}
{%- if regions %}

variable "region_node_subnet_ids" {
  description = "Per further region: the subnet its production clusters' nodes use."
  type        = map(string)
}
{%- endif %}
