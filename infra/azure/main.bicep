// Grainflow on Azure: N Orleans silos in one Azure Container Apps app, clustered through an Azure Storage table, keeping
// job checkpoints in a blob container of the same account, signed in as a user-assigned managed identity. No account
// keys: shared-key access is off on the storage account and the template reads no key of any resource.
//
//   az deployment group create -g <group> -f infra/azure/main.bicep \
//     -p siloImage=<registry>/grainflow-silo:<tag> controlToken=<token> [siloCount=3] [containerRegistryName=<acr>]
//
// See "Deploying to Azure" in the README.
targetScope = 'resourceGroup'

@description('Where everything goes.')
param location string = resourceGroup().location

@description('The prefix of every resource name (lowercase letters, digits and hyphens).')
@minLength(3)
@maxLength(16)
param namePrefix string = 'grainflow'

@description('The storage account name: 3-24 lowercase letters and digits, unique in Azure.')
@minLength(3)
@maxLength(24)
param storageAccountName string = take(
  '${toLower(replace(namePrefix, '-', ''))}${uniqueString(resourceGroup().id)}',
  24
)

@description('The silo image, built from infra/azure/Dockerfile, such as myregistry.azurecr.io/grainflow-silo:1.0.')
param siloImage string

@description('An Azure Container Registry in this resource group holding the image: the silos pull it as their managed identity, which is granted AcrPull. Empty for an image anyone can pull.')
param containerRegistryName string = ''

@description('How many silos run (replicas of the container app).')
@minValue(1)
@maxValue(30)
param siloCount int = 3

@description('The Orleans cluster id (the silo\'s --cluster-id): silos with the same id in the same table form one cluster.')
@minLength(1)
param clusterId string = 'grainflow'

@description('The blob container for job checkpoints, created here (the jobs\' --checkpoint-container).')
@minLength(3)
@maxLength(63)
param checkpointContainerName string = 'grainflow-checkpoints'

@description('The bearer token every control API request must carry. Pass it from a Key Vault secret (az.getSecret in a .bicepparam file) or from the command line; it is stored as a Container Apps secret.')
@secure()
@minLength(16)
param controlToken string

@description('More grainflow-silo serve options, appended to the ones the template sets, such as ["--log-level", "Debug"].')
param extraSiloArgs string[] = []

@description('CPU cores per silo.')
@allowed([
  '0.5'
  '1.0'
  '2.0'
  '4.0'
])
param siloCpu string = '1.0'

@description('How many days Log Analytics keeps the silos\' logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// The ports every silo listens on. Each replica has an address of its own, so they need not differ between silos.
var siloPort = 11111
var gatewayPort = 30000
var controlPort = 8080

// The tables Orleans uses by default: membership (Azure Table clustering) and grain state, where the cluster keeps
// the jobs it runs.
var orleansTables = [
  'OrleansSiloInstances'
  'OrleansGrainState'
]

// Container Apps pairs memory with CPU at 2 GiB per core on the Consumption profile.
var siloMemory = {
  '0.5': '1Gi'
  '1.0': '2Gi'
  '2.0': '4Gi'
  '4.0': '8Gi'
}[siloCpu]

module storage 'modules/storage.bicep' = {
  name: 'grainflow-storage'
  params: {
    location: location
    name: storageAccountName
    checkpointContainerName: checkpointContainerName
    tableNames: orleansTables
  }
}

module identity 'modules/identity.bicep' = {
  name: 'grainflow-identity'
  // The account's name is known before it exists (what-if can then show the role assignments); the order is explicit.
  dependsOn: [storage]
  params: {
    location: location
    name: '${namePrefix}-silo'
    storageAccountName: storageAccountName
    containerRegistryName: containerRegistryName
  }
}

module environment 'modules/environment.bicep' = {
  name: 'grainflow-environment'
  params: {
    location: location
    name: '${namePrefix}-env'
    logRetentionInDays: logRetentionInDays
  }
}

// The image's entrypoint (infra/azure/silo-entrypoint.sh) adds --advertised-address with the replica's own IP
// address, which it looks up when the container starts: Container Apps gives a replica no setting that holds it.
var siloArgs = concat(
  [
    'serve'
    '--cluster-storage-url'
    storage.outputs.tableEndpoint
    '--cluster-id'
    clusterId
    '--silo-port'
    string(siloPort)
    '--gateway-port'
    string(gatewayPort)
    '--control-url'
    'http://0.0.0.0:${controlPort}'
    // The stream provider's partitions in the account's blobs, so that every replica shares them (not ./streams).
    '--stream-store-url'
    storage.outputs.blobEndpoint
  ],
  extraSiloArgs
)

module silos 'modules/siloApp.bicep' = {
  name: 'grainflow-silos'
  params: {
    location: location
    name: '${namePrefix}-silo'
    environmentId: environment.outputs.id
    image: siloImage
    registryServer: identity.outputs.registryServer
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    siloCount: siloCount
    siloArgs: siloArgs
    controlToken: controlToken
    cpu: siloCpu
    memory: siloMemory
    controlPort: controlPort
  }
}

@description('The control API: the client\'s --silo (or GRAINFLOW_SILO).')
output controlApiUrl string = silos.outputs.controlUrl

@description('The storage account holding checkpoints and the cluster tables.')
output storageAccountName string = storage.outputs.name

@description('The jobs\' --checkpoint-store-url.')
output checkpointStoreUrl string = storage.outputs.blobEndpoint

@description('The managed identity\'s principal id, to grant it roles on anything else the jobs read or write.')
output siloIdentityPrincipalId string = identity.outputs.principalId
