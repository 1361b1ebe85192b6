// A Log Analytics workspace and the Container Apps environment whose console and system logs go to it. The logs
// travel through Azure Monitor (a diagnostic setting) rather than the workspace's shared key, so the deployment
// holds no key.

@description('Where the environment goes.')
param location string

@description('The environment name; the workspace is named after it.')
param name string

@description('How many days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
  }
}

resource logsToWorkspace 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-${workspace.name}'
  scope: environment
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'ContainerAppConsoleLogs'
        enabled: true
      }
      {
        category: 'ContainerAppSystemLogs'
        enabled: true
      }
    ]
  }
}

@description('The environment\'s resource id.')
output id string = environment.id
