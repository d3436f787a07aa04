terraform {
  required_version = ">= 1.5.7"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0.0"
    }
  }
}

provider "aws" {
  region = {{ region | hcl }}
}
{%- for r in regions %}

provider "aws" {
  alias  = {{ r.1 | hcl }}
  region = {{ r.0 | hcl }}
}
{%- endfor %}
