variable "project_id" {
  description = "Google Cloud project."
  type        = string
}

variable "network" {
  description = "VPC network name."
  type        = string
}

variable "subnetwork" {
  description = "Subnetwork for the nodes."
  type        = string
}

variable "database_encryption_key" {
  description = "Cloud KMS key that encrypts Kubernetes secrets."
  type        = string
}
{%- if regions %}

variable "region_subnetworks" {
  description = "Per further region: the subnetwork (with pods and services ranges) its production clusters use."
  type        = map(string)
}
{%- endif %}
