// The silos' user-assigned managed identity and the data roles it holds on the storage account. It is the only
// credential the deployment has: the account refuses shared keys, and the silos sign in as this identity through
// DefaultAzureCredential (AZURE_CLIENT_ID names it).

@description('Where the identity goes.')
param location string

@description('The identity name.')
param name string

@description('The storage account the silos read and write (in this resource group).')
param storageAccountName string

@description('An Azure Container Registry in this resource group that the silos pull their image from with this identity; empty for none.')
param containerRegistryName string

// Built-in role definitions (their ids are the same in every tenant).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

// Account scope rather than the container and the tables: a silo creates the checkpoint container and the Orleans
// tables when they are missing, and a job may be pointed at another container of the same account.
var storageRoles = [
  storageBlobDataContributor
  storageTableDataContributor
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storageAccount.id, identity.id, role)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (!empty(containerRegistryName)) {
  name: containerRegistryName
}

resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(containerRegistryName)) {
  name: guid(registry.id, identity.id, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('The identity\'s resource id, for the container app.')
output id string = identity.id

@description('The identity\'s client id: AZURE_CLIENT_ID for DefaultAzureCredential.')
output clientId string = identity.properties.clientId

@description('The identity\'s principal (object) id, to grant it more roles.')
output principalId string = identity.properties.principalId

@description('The registry\'s login server, or empty when no registry was named.')
output registryServer string = empty(containerRegistryName) ? '' : registry!.properties.loginServer
