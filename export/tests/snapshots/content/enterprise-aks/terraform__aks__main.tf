# Enterprise platform on AKS: AKS clusters as designed (azurerm v5 resource; the old Azure/aks module is unmaintained).

resource "azurerm_resource_group" "platform" {
  name     = "enterprise-platform-on-aks-rg"
  location = "westeurope"
}

resource "azurerm_log_analytics_workspace" "platform" {
  name                = "enterprise-platform-on-aks-logs"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  sku                 = "PerGB2018"
  retention_in_days   = 365
}

resource "azurerm_kubernetes_cluster" "cluster_enterprise_dev" {
  name                = "enterprise-dev"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = "enterprise-dev"
  kubernetes_version  = "1.35"
  sku_tier            = "Standard"

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  private_cluster_enabled           = true
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
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    load_balancer_sku   = "standard"
  }

  node_provisioning_profile {
    mode = "Manual"
  }

  workload_autoscaler_profile {
    keda_enabled                    = true
    vertical_pod_autoscaler_enabled = true
  }

  # The system pool runs only critical add-ons; workloads go to the user pools below.
  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = var.node_subnet_id
    os_disk_type                 = "Ephemeral"
    host_encryption_enabled      = true
    max_pods                     = 110
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"
    upgrade_settings {
      max_surge = "33%"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "enterprise-platform-on-aks"
  }
}

# Control-plane logs (API server, audit, controllers) to the workspace.
resource "azurerm_monitor_diagnostic_setting" "control_plane_enterprise_dev" {
  name                       = "control-plane"
  target_resource_id         = azurerm_kubernetes_cluster.cluster_enterprise_dev.id
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

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_dev_addons" {
  name                    = "addons"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_dev.id
  vm_size                 = "Standard_D4s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 5
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_dev_apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_dev.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 6
  max_count               = 40
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_dev_burst" {
  name                    = "burst"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_dev.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 0
  max_count               = 20
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
  priority                = "Spot"
  eviction_policy         = "Delete"
  spot_max_price          = -1
}

resource "azurerm_kubernetes_cluster" "cluster_enterprise_staging" {
  name                = "enterprise-staging"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = "enterprise-staging"
  kubernetes_version  = "1.35"
  sku_tier            = "Standard"

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  private_cluster_enabled           = true
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
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    load_balancer_sku   = "standard"
  }

  node_provisioning_profile {
    mode = "Manual"
  }

  workload_autoscaler_profile {
    keda_enabled                    = true
    vertical_pod_autoscaler_enabled = true
  }

  # The system pool runs only critical add-ons; workloads go to the user pools below.
  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = var.node_subnet_id
    os_disk_type                 = "Ephemeral"
    host_encryption_enabled      = true
    max_pods                     = 110
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"
    upgrade_settings {
      max_surge = "33%"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "enterprise-platform-on-aks"
  }
}

# Control-plane logs (API server, audit, controllers) to the workspace.
resource "azurerm_monitor_diagnostic_setting" "control_plane_enterprise_staging" {
  name                       = "control-plane"
  target_resource_id         = azurerm_kubernetes_cluster.cluster_enterprise_staging.id
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

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_staging_addons" {
  name                    = "addons"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_staging.id
  vm_size                 = "Standard_D4s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 5
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_staging_apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_staging.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 6
  max_count               = 40
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_staging_burst" {
  name                    = "burst"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_staging.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 0
  max_count               = 20
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
  priority                = "Spot"
  eviction_policy         = "Delete"
  spot_max_price          = -1
}

resource "azurerm_kubernetes_cluster" "cluster_enterprise_prod" {
  name                = "enterprise-prod"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = "enterprise-prod"
  kubernetes_version  = "1.35"
  sku_tier            = "Standard"

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  private_cluster_enabled           = true
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
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    load_balancer_sku   = "standard"
  }

  node_provisioning_profile {
    mode = "Manual"
  }

  workload_autoscaler_profile {
    keda_enabled                    = true
    vertical_pod_autoscaler_enabled = true
  }

  # The system pool runs only critical add-ons; workloads go to the user pools below.
  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = var.node_subnet_id
    os_disk_type                 = "Ephemeral"
    host_encryption_enabled      = true
    max_pods                     = 110
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"
    upgrade_settings {
      max_surge = "33%"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "enterprise-platform-on-aks"
  }
}

# Control-plane logs (API server, audit, controllers) to the workspace.
resource "azurerm_monitor_diagnostic_setting" "control_plane_enterprise_prod" {
  name                       = "control-plane"
  target_resource_id         = azurerm_kubernetes_cluster.cluster_enterprise_prod.id
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

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_prod_addons" {
  name                    = "addons"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_prod.id
  vm_size                 = "Standard_D4s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 5
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_prod_apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_prod.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 6
  max_count               = 40
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_prod_burst" {
  name                    = "burst"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_prod.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 0
  max_count               = 20
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.node_subnet_id
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
  priority                = "Spot"
  eviction_policy         = "Delete"
  spot_max_price          = -1
}

resource "azurerm_kubernetes_cluster" "cluster_enterprise_prod_northeurope" {
  name                = "enterprise-prod-northeurope"
  location            = "northeurope"
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = "enterprise-prod-northeurope"
  kubernetes_version  = "1.35"
  sku_tier            = "Standard"

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  private_cluster_enabled           = true
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
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    load_balancer_sku   = "standard"
  }

  node_provisioning_profile {
    mode = "Manual"
  }

  workload_autoscaler_profile {
    keda_enabled                    = true
    vertical_pod_autoscaler_enabled = true
  }

  # The system pool runs only critical add-ons; workloads go to the user pools below.
  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = var.region_node_subnet_ids["northeurope"]
    os_disk_type                 = "Ephemeral"
    host_encryption_enabled      = true
    max_pods                     = 110
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"
    upgrade_settings {
      max_surge = "33%"
    }
  }

  tags = {
    "app.kubernetes.io/part-of" = "enterprise-platform-on-aks"
  }
}

# Control-plane logs (API server, audit, controllers) to the workspace.
resource "azurerm_monitor_diagnostic_setting" "control_plane_enterprise_prod_northeurope" {
  name                       = "control-plane"
  target_resource_id         = azurerm_kubernetes_cluster.cluster_enterprise_prod_northeurope.id
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

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_prod_northeurope_addons" {
  name                    = "addons"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_prod_northeurope.id
  vm_size                 = "Standard_D4s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 5
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.region_node_subnet_ids["northeurope"]
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_prod_northeurope_apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_prod_northeurope.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 6
  max_count               = 40
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.region_node_subnet_ids["northeurope"]
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
}

resource "azurerm_kubernetes_cluster_node_pool" "pool_enterprise_prod_northeurope_burst" {
  name                    = "burst"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.cluster_enterprise_prod_northeurope.id
  vm_size                 = "Standard_D8s_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 0
  max_count               = 20
  zones                   = ["1", "2", "3"]
  vnet_subnet_id          = var.region_node_subnet_ids["northeurope"]
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  max_pods                = 110
  priority                = "Spot"
  eviction_policy         = "Delete"
  spot_max_price          = -1
}
