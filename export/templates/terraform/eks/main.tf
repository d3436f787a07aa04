# {{ name | md }}: EKS cluster and node groups as designed (terraform-aws-modules/eks v21).
{%- for c in clusters %}

module "eks_{{ c.tf_id }}" {
{%- if c.secondary %}
  providers = { aws = aws.{{ c.region_id }} }
{%- endif %}
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

  vpc_id     = {% if c.secondary %}var.region_networks[{{ c.region | hcl }}].vpc_id{% else %}var.vpc_id{% endif %}
  subnet_ids = {% if c.secondary %}var.region_networks[{{ c.region | hcl }}].private_subnet_ids{% else %}var.private_subnet_ids{% endif %}

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
{%- for p in c.pools %}
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
{%- if has["karpenter"] %}

# Karpenter's controller role (Pod Identity), the role its nodes take (as the
# EC2NodeClass names it) and the interruption queue its values name.
module "karpenter_{{ c.tf_id }}" {
{%- if c.secondary %}
  providers = { aws = aws.{{ c.region_id }} }
{%- endif %}
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "~> 21.0"

  cluster_name = module.eks_{{ c.tf_id }}.cluster_name

  namespace                       = {% for ch in components %}{% if ch.key == "karpenter" %}{{ ch.namespace | hcl }}{% endif %}{% endfor %}
  service_account                 = {{ service_accounts["karpenter"] | hcl }}
  create_pod_identity_association = true

  node_iam_role_name            = {{ c.karpenter_node_role | hcl }}
  node_iam_role_use_name_prefix = false
  queue_name                    = {{ c.name | hcl }}

  tags = {
    "app.kubernetes.io/part-of" = {{ slug | hcl }}
  }
}
{%- endif %}
{%- for i in cloud_identities %}

# {{ i.key }} calls the AWS API as {{ i.namespace }}/{{ i.service_account }}.
module "pod_identity_{{ i.key | replace(from="-", to="_") }}_{{ c.tf_id }}" {
{%- if c.secondary %}
  providers = { aws = aws.{{ c.region_id }} }
{%- endif %}
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name            = {% set _v = c.name ~ "-" ~ i.role_suffix %}{{ _v | hcl }}
  use_name_prefix = false

  {{ i.policy }} = true
{%- if i.key == "cluster-autoscaler" %}
  cluster_autoscaler_cluster_names = [module.eks_{{ c.tf_id }}.cluster_name]
{%- endif %}

  associations = {
    controller = {
      cluster_name    = module.eks_{{ c.tf_id }}.cluster_name
      namespace       = {{ i.namespace | hcl }}
      service_account = {{ i.service_account | hcl }}
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = {{ slug | hcl }}
  }
}
{%- endfor %}
{%- endfor %}
