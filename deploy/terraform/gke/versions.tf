terraform {
  required_version = ">= 1.5.7"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 7.0, < 9"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = "us-central1"
}
