# {{ name | md }}: EKS cluster and node groups as designed (terraform-aws-modules/eks v21).
{%- for c in clusters %}

module "eks_{{ c.tf_id }}" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name               = {{ c.name | hcl }}
  kubernetes_version = {{ kubernetes_version | hcl }}

  endpoint_private_access      = true
  endpoint_public_access       = {{ public_endpoint }}
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
    coredns                = {}
    kube-proxy             = {}
{%- if cloud.default_deny and not cloud.cilium_cni and not cloud.calico %}
    # The VPC CNI's network-policy agent enforces the default-deny policies.
    vpc-cni                = { before_compute = true, configuration_values = jsonencode({ enableNetworkPolicy = "true" }) }
{%- else %}
    vpc-cni                = { before_compute = true }
{%- endif %}
    eks-pod-identity-agent = { before_compute = true }
    metrics-server         = {}
{%- if obs.cloud_logs %}
    # Container logs to CloudWatch.
    amazon-cloudwatch-observability = {}
{%- endif %}
  }

  eks_managed_node_groups = {
{%- for p in pools %}
    {{ p.name | hcl }} = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = [{{ p.instance_type | hcl }}]
      capacity_type  = {% if p.spot %}"SPOT"{% else %}"ON_DEMAND"{% endif %}
      min_size       = {{ p.min_nodes }}
      max_size       = {{ p.max_nodes }}
      desired_size   = {{ p.desired_nodes }}
{%- if p.labels %}
      labels = {
{%- for l in p.labels %}
        {{ l.0 | hcl }} = {{ l.1 | hcl }}
{%- endfor %}
      }
{%- endif %}
{%- if p.taints %}
      taints = {
{%- for t in p.taints %}
        taint{{ loop.index }} = {
          key    = {{ t.key | hcl }}
          value  = {{ t.value | hcl }}
          effect = {{ t.eks_effect | hcl }}
        }
{%- endfor %}
      }
{%- endif %}
    }
{%- endfor %}
  }

  tags = {
    "app.kubernetes.io/part-of" = {{ slug | hcl }}
{%- if has["karpenter"] %}
    "karpenter.sh/discovery"    = {{ c.name | hcl }}
{%- endif %}
  }
}
{%- endfor %}
