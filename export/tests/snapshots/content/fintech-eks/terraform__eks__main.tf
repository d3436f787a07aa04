# Fintech platform on EKS: EKS cluster and node groups as designed (terraform-aws-modules/eks v21).

module "eks_platform_non_prod" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name               = "platform-non-prod"
  kubernetes_version = "1.35"

  endpoint_private_access      = true
  endpoint_public_access       = false
  endpoint_public_access_cidrs = var.admin_cidrs

  # Secrets are envelope-encrypted with a KMS key the module creates.
  create_kms_key = true
  encryption_config = {
    resources = ["secrets"]
  }

  enabled_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  authentication_mode                      = "API"
  enable_cluster_creator_admin_permissions = true

  vpc_id     = var.vpc_id
  subnet_ids = var.private_subnet_ids

  addons = {
    coredns    = {}
    kube-proxy = {}
    # The VPC CNI's network-policy agent enforces the default-deny policies.
    vpc-cni                = { before_compute = true, configuration_values = jsonencode({ enableNetworkPolicy = "true" }) }
    eks-pod-identity-agent = { before_compute = true }
    metrics-server         = {}
  }

  eks_managed_node_groups = {
    "general" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["m6i.xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 6
      max_size       = 30
      desired_size   = 9
    }
    "compute" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["c6i.2xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 2
      max_size       = 10
      desired_size   = 4
      labels = {
        "workload-type" = "compute"
      }
      taints = {
        taint1 = {
          key    = "workload-type"
          value  = "compute"
          effect = "NO_SCHEDULE"
        }
      }
    }
    "non-prod-spot" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["m6i.large"]
      capacity_type  = "SPOT"
      min_size       = 2
      max_size       = 12
      desired_size   = 4
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
    "karpenter.sh/discovery"    = "platform-non-prod"
  }
}

module "eks_platform_prod" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name               = "platform-prod"
  kubernetes_version = "1.35"

  endpoint_private_access      = true
  endpoint_public_access       = false
  endpoint_public_access_cidrs = var.admin_cidrs

  # Secrets are envelope-encrypted with a KMS key the module creates.
  create_kms_key = true
  encryption_config = {
    resources = ["secrets"]
  }

  enabled_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  authentication_mode                      = "API"
  enable_cluster_creator_admin_permissions = true

  vpc_id     = var.vpc_id
  subnet_ids = var.private_subnet_ids

  addons = {
    coredns    = {}
    kube-proxy = {}
    # The VPC CNI's network-policy agent enforces the default-deny policies.
    vpc-cni                = { before_compute = true, configuration_values = jsonencode({ enableNetworkPolicy = "true" }) }
    eks-pod-identity-agent = { before_compute = true }
    metrics-server         = {}
  }

  eks_managed_node_groups = {
    "general" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["m6i.xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 6
      max_size       = 30
      desired_size   = 9
    }
    "compute" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["c6i.2xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 2
      max_size       = 10
      desired_size   = 4
      labels = {
        "workload-type" = "compute"
      }
      taints = {
        taint1 = {
          key    = "workload-type"
          value  = "compute"
          effect = "NO_SCHEDULE"
        }
      }
    }
    "non-prod-spot" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["m6i.large"]
      capacity_type  = "SPOT"
      min_size       = 2
      max_size       = 12
      desired_size   = 4
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
    "karpenter.sh/discovery"    = "platform-prod"
  }
}
