// The container app running the Grainflow silos: a fixed number of replicas of one image, each an Orleans silo of one
// cluster (membership in the Azure table), with the control API behind the app's HTTPS ingress.

@description('Where the app goes.')
param location string

@description('The container app name.')
param name string

@description('The Container Apps environment\'s resource id.')
param environmentId string

@description('The silo image.')
param image string

@description('The registry login server to pull the image from with the managed identity; empty for a public image.')
param registryServer string

@description('The user-assigned managed identity\'s resource id.')
param identityId string

@description('The identity\'s client id (AZURE_CLIENT_ID, which DefaultAzureCredential signs in as).')
param identityClientId string

@description('How many silos run: both the minimum and the maximum replica count.')
@minValue(1)
@maxValue(30)
param siloCount int

@description('The arguments of grainflow-silo.')
param siloArgs string[]

@description('The bearer token of the control API.')
@secure()
param controlToken string

@description('CPU cores per silo.')
param cpu string

@description('Memory per silo, such as 2Gi (Container Apps fixes the ratio to CPU: 2Gi per core).')
param memory string

@description('The port the control API listens on in the container.')
param controlPort int

var controlTokenSecretName = 'control-token'

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      // One revision at a time: two revisions' silos in one cluster would run old and new code side by side.
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: controlPort
        transport: 'http'
        allowInsecure: false
      }
      secrets: [
        {
          name: controlTokenSecretName
          value: controlToken
        }
      ]
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identityId
            }
          ]
    }
    template: {
      containers: [
        {
          name: 'silo'
          image: image
          args: siloArgs
          env: [
            {
              name: 'AZURE_CLIENT_ID'
              value: identityClientId
            }
            {
              // The silo reads the token from this variable when --control-token is not given.
              name: 'GRAINFLOW_CONTROL_TOKEN'
              secretRef: controlTokenSecretName
            }
          ]
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          probes: [
            {
              // The control API's port opens while the silo starts: a cold start (image pull, joining the cluster) gets 2 min.
              type: 'Startup'
              tcpSocket: {
                port: controlPort
              }
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Liveness'
              tcpSocket: {
                port: controlPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        // A fixed size: a replica that comes or goes restarts the jobs' placement, so no autoscaling rule.
        minReplicas: siloCount
        maxReplicas: siloCount
      }
      // Above the silo's own bound on a graceful stop (--shutdown-timeout 20 s plus 5 s).
      terminationGracePeriodSeconds: 30
    }
  }
}

@description('The control API\'s address, https://<app>.<environment domain>.')
output controlUrl string = 'https://${app.properties.configuration.ingress.fqdn}'
