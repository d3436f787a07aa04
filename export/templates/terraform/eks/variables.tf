variable "vpc_id" {
  description = "VPC the cluster runs in (three private subnets, one per zone)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for nodes and the control plane."
  type        = list(string)
}

variable "admin_cidrs" {
  description = "Networks allowed to reach the API server when the endpoint is public."
  type        = list(string)
  default     = []
}
{%- if regions %}

variable "region_networks" {
  description = "Per further region: the VPC and private subnets its production clusters run in."
  type = map(object({
    vpc_id             = string
    private_subnet_ids = list(string)
  }))
}
{%- endif %}
