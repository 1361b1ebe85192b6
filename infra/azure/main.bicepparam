// Parameters for main.bicep, read from the environment so that no value (least of all the token) is written here:
//
//   export GRAINFLOW_SILO_IMAGE=myregistry.azurecr.io/grainflow-silo:1.0
//   export GRAINFLOW_CONTROL_TOKEN="$(openssl rand -base64 32)"
//   az deployment group create -g <group> -f infra/azure/main.bicep -p infra/azure/main.bicepparam
using 'main.bicep'

param siloImage = readEnvironmentVariable('GRAINFLOW_SILO_IMAGE')

// To keep the token in Key Vault instead (a vault with enabledForTemplateDeployment, and the deploying user allowed to
// read the secret), replace the line below with:
//   param controlToken = az.getSecret('<subscription id>', '<vault resource group>', '<vault name>', '<secret name>')
param controlToken = readEnvironmentVariable('GRAINFLOW_CONTROL_TOKEN')

param containerRegistryName = readEnvironmentVariable('GRAINFLOW_REGISTRY_NAME', '')

param siloCount = int(readEnvironmentVariable('GRAINFLOW_SILO_COUNT', '3'))
