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
