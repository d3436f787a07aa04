# {{ name | md }}: AKS clusters as designed (azurerm v5 resource; the old Azure/aks module is unmaintained).

resource "azurerm_resource_group" "platform" {
  name     = {% set _v = slug ~ "-rg" %}{{ _v | hcl }}
  location = {{ region | hcl }}
}

resource "azurerm_log_analytics_workspace" "platform" {
  name                = {% set _v = slug ~ "-logs" %}{{ _v | hcl }}
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  sku                 = "PerGB2018"
  retention_in_days   = {{ aks_log_retention }}
}
{%- for c in clusters %}

resource "azurerm_kubernetes_cluster" "cluster_{{ c.tf_id }}" {
  name                = {{ c.name | hcl }}
  location            = {% if c.secondary %}{{ c.region | hcl }}{% else %}azurerm_resource_group.platform.location{% endif %}
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = {{ c.name | hcl }}
  kubernetes_version  = {{ kubernetes_version | hcl }}
  sku_tier            = "Standard"

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  private_cluster_enabled           = {{ not public_endpoint }}
  local_account_disabled            = true
  role_based_access_control_enabled = true
  oidc_issuer_enabled               = true
  workload_identity_enabled         = true
  azure_policy_enabled              = true
  disk_encryption_set_id            = var.disk_encryption_set_id

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = var.admin_group_object_ids
  }

  identity {
    type = "SystemAssigned"
  }

  key_management_service {
    key_vault_key_id = var.etcd_key_vault_key_id
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  # Container Insights: node and container health (and, with the provider's
  # log service chosen, the container logs) in Log Analytics.
  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = {% if cloud.cilium_cni %}"cilium"{% elif cloud.calico %}"calico"{% else %}"azure"{% endif %}
{%- if cloud.cilium_cni %}
    network_data_plane  = "cilium"
{%- endif %}
    load_balancer_sku   = "standard"
  }

  node_provisioning_profile {
    mode = {% if autoscaling.karpenter %}"Auto"{% else %}"Manual"{% endif %}
  }

  workload_autoscaler_profile {
    keda_enabled                    = {{ autoscaling.keda }}
    vertical_pod_autoscaler_enabled = {{ autoscaling.vpa }}
  }

  # The system pool runs only critical add-ons; workloads go to the user pools below.
  default_node_pool {
    name                        = "system"
    vm_size                     = "Standard_D4ds_v5"
    auto_scaling_enabled        = true
    min_count                   = 3
    max_count                   = 5
    zones                       = {{ zone_list | hcl }}
    vnet_subnet_id              = {% if c.secondary %}var.region_node_subnet_ids[{{ c.region | hcl }}]{% else %}var.node_subnet_id{% endif %}
    os_disk_type                = "Ephemeral"
    host_encryption_enabled     = true
    max_pods                    = 110
    only_critical_addons_enabled = true
    temporary_name_for_rotation = "systemtmp"
    upgrade_settings {
      max_surge = "33%"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = {{ slug | hcl }}
  }
}

# Control-plane logs (API server, audit, controllers) to the workspace.
resource "azurerm_monitor_diagnostic_setting" "control_plane_{{ c.tf_id }}" {
  name                       = "control-plane"
  target_resource_id         = azurerm_kubernetes_cluster.cluster_{{ c.tf_id }}.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id

  enabled_log {
    category = "kube-apiserver"
  }
  enabled_log {
    category = "kube-audit-admin"
  }
  enabled_log {
    category = "kube-controller-manager"
  }
  enabled_log {
    category = "kube-scheduler"
  }
  enabled_log {
    category = "guard"
  }
}
{%- for p in c.pools %}

resource "azurerm_kubernetes_cluster_node_pool" "pool_{{ c.tf_id }}_{{ p.name | replace(from="-", to="_") }}" {
  name                    = {{ p.provider_name | hcl }}
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_{{ c.tf_id }}.id
  vm_size                 = {{ p.instance_type | hcl }}
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = {{ p.min_nodes }}
  max_count               = {{ p.max_nodes }}
  zones                   = {{ zone_list | hcl }}
  vnet_subnet_id          = {% if c.secondary %}var.region_node_subnet_ids[{{ c.region | hcl }}]{% else %}var.node_subnet_id{% endif %}
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
{%- if p.spot %}
  priority                = "Spot"
  eviction_policy         = "Delete"
  spot_max_price          = -1
{%- endif %}
{%- if p.labels %}
  node_labels = {
{%- for l in p.labels %}
    {{ l.0 | hcl }} = {{ l.1 | hcl }}
{%- endfor %}
  }
{%- endif %}
{%- if p.taints %}
  node_taints = [
{%- for t in p.taints %}
    {% set _v = t.key ~ "=" ~ t.value ~ ":" ~ t.effect %}{{ _v | hcl }},
{%- endfor %}
  ]
{%- endif %}
}
{%- endfor %}
{%- endfor %}
