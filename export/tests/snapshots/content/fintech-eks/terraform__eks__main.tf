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
      instance_types = ["m6i.2xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 6
      max_size       = 30
      desired_size   = 13
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
    }
    "non-prod-spot" = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = ["m6i.2xlarge"]
      capacity_type  = "SPOT"
      min_size       = 2
      max_size       = 20
      desired_size   = 6
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
    "karpenter.sh/discovery"    = "platform-non-prod"
  }
}

# Karpenter's controller role (Pod Identity), the role its nodes take (as the
# EC2NodeClass names it) and the interruption queue its values name.
module "karpenter_platform_non_prod" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "~> 21.0"

  cluster_name = module.eks_platform_non_prod.cluster_name

  namespace                       = "kube-system"
  service_account                 = "karpenter"
  create_pod_identity_association = true

  node_iam_role_name            = "platform-non-prod-nodes"
  node_iam_role_use_name_prefix = false
  queue_name                    = "platform-non-prod"

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
  }
}

# aws-load-balancer-controller calls the AWS API as kube-system/aws-load-balancer-controller.
module "pod_identity_aws_load_balancer_controller_platform_non_prod" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name            = "platform-non-prod-lb-controller"
  use_name_prefix = false

  attach_aws_lb_controller_policy = true

  associations = {
    controller = {
      cluster_name    = module.eks_platform_non_prod.cluster_name
      namespace       = "kube-system"
      service_account = "aws-load-balancer-controller"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
  }
}

# external-secrets calls the AWS API as external-secrets/external-secrets.
module "pod_identity_external_secrets_platform_non_prod" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name            = "platform-non-prod-external-secrets"
  use_name_prefix = false

  attach_external_secrets_policy = true

  associations = {
    controller = {
      cluster_name    = module.eks_platform_non_prod.cluster_name
      namespace       = "external-secrets"
      service_account = "external-secrets"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
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
      instance_types = ["m6i.2xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 6
      max_size       = 30
      desired_size   = 13
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
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
    "karpenter.sh/discovery"    = "platform-prod"
  }
}

# Karpenter's controller role (Pod Identity), the role its nodes take (as the
# EC2NodeClass names it) and the interruption queue its values name.
module "karpenter_platform_prod" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "~> 21.0"

  cluster_name = module.eks_platform_prod.cluster_name

  namespace                       = "kube-system"
  service_account                 = "karpenter"
  create_pod_identity_association = true

  node_iam_role_name            = "platform-prod-nodes"
  node_iam_role_use_name_prefix = false
  queue_name                    = "platform-prod"

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
  }
}

# aws-load-balancer-controller calls the AWS API as kube-system/aws-load-balancer-controller.
module "pod_identity_aws_load_balancer_controller_platform_prod" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name            = "platform-prod-lb-controller"
  use_name_prefix = false

  attach_aws_lb_controller_policy = true

  associations = {
    controller = {
      cluster_name    = module.eks_platform_prod.cluster_name
      namespace       = "kube-system"
      service_account = "aws-load-balancer-controller"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
  }
}

# external-secrets calls the AWS API as external-secrets/external-secrets.
module "pod_identity_external_secrets_platform_prod" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name            = "platform-prod-external-secrets"
  use_name_prefix = false

  attach_external_secrets_policy = true

  associations = {
    controller = {
      cluster_name    = module.eks_platform_prod.cluster_name
      namespace       = "external-secrets"
      service_account = "external-secrets"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "fintech-platform-on-eks"
  }
}
