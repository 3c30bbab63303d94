// Azure resources for the OKR Result Meeting service: App Service (Linux, Node 22), Table Storage, Azure Bot, Key Vault, monitoring, optional Redis.

targetScope = 'resourceGroup'

@description('Base of every resource name; also the App Service name, so <resourceBaseName>.azurewebsites.net must be free.')
@minLength(3)
@maxLength(40)
param resourceBaseName string

@description('Region for everything except the Azure Bot, which is global.')
param location string = resourceGroup().location

@description('Client id of the bot\'s Entra app registration (BOT_ID). The same registration serves Teams SSO.')
param botAppId string

@description('Client secret of that app registration. Stored in Key Vault only; never give it a default.')
@secure()
param botAppPassword string

@description('Tenant of the app registration. Empty: the tenant of this subscription.')
param botTenantId string = ''

@description('Name shown for the Azure Bot resource.')
param botDisplayName string = 'OKR Result Meeting'

@description('Azure Bot pricing tier. F0 is enough for Teams (standard channels are free).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan tier. Basic or higher: Always On keeps real-time connections and the bot warm.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('Number of service instances. Above 1, set deployRedis so real-time events reach every instance.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Deploy Azure Cache for Redis and hand its URL to the service (REDIS_URL) for cross-instance fan-out.')
param deployRedis bool = false

@description('Host name the app is reached at, if a custom domain is bound later. Empty: the App Service default host name.')
param publicHostName string = ''

@description('Access-token version of the app registration (its manifest\'s accessTokenAcceptedVersion). 2: iss login.microsoftonline.com/<tid>/v2.0 and aud = the client id; 1: iss sts.windows.net/<tid>/ and aud = api://<domain>/botid-<id>.')
@allowed([
  1
  2
])
param ssoAccessTokenVersion int = 2

@description('Bot Connector URL for meetings the bot has not seen yet (DEFAULT_SERVICE_URL); a regional one such as https://smba.trafficmanager.net/emea/ also works.')
param teamsServiceUrl string = 'https://smba.trafficmanager.net/teams/'

@description('Tags for every resource.')
param tags object = {}

var tenantId = empty(botTenantId) ? subscription().tenantId : botTenantId
var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var storageAccountName = 'st${suffix}'
var keyVaultName = 'kv-${suffix}'
var tableNames = [
  'meetings'
  'conversations'
  'sir'
  'members'
  'sircards'
  'kpis'
  'reminders'
]
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// ---------------------------------------------------------------------------------------------
// Table Storage
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The service authenticates with the account key from Key Vault (see README), so shared keys stay on.
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// ---------------------------------------------------------------------------------------------
// Optional Redis (cross-instance fan-out of real-time events)
// ---------------------------------------------------------------------------------------------

resource redis 'Microsoft.Cache/redis@2024-03-01' = if (deployRedis) {
  name: '${resourceBaseName}-redis'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets: App Service reads them through Key Vault references, so no secret is an app setting value
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource redisSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deployRedis) {
  parent: keyVault
  name: 'redis-url'
  properties: {
    // The access key is base64 (+, /, =), so it must be encoded to sit in the URL's user-info.
    value: deployRedis ? 'rediss://:${uriComponent(redis.listKeys().primaryKey)}@${redis.properties.hostName}:${redis.properties.sslPort}' : ''
  }
}

// ---------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless instances: any instance serves any meeting, so no sticky sessions.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node --import tsx bot/src/main.ts'
      alwaysOn: true
      webSocketsEnabled: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

var hostName = empty(publicHostName) ? webApp.properties.defaultHostName : publicHostName
var applicationIdUri = 'api://${hostName}/botid-${botAppId}'
// The service replaces {tenantid} with the token's tid; AUTH_ALLOWED_TENANTS then pins it to our tenant.
// Issuer and audience must match the token version, or every sign-in fails.
var authIssuer = ssoAccessTokenVersion == 2 ? 'https://login.microsoftonline.com/{tenantid}/v2.0' : 'https://sts.windows.net/{tenantid}/'
var authAudience = ssoAccessTokenVersion == 2 ? botAppId : applicationIdUri

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

var baseSettings = {
  APP_ENV: 'production'
  PORT: '8080'
  WEBSITES_PORT: '8080'
  // Oryx installs and builds on Linux, so platform-specific binaries (esbuild under tsx) match the host.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  STORAGE_CONNECTION_STRING: '@Microsoft.KeyVault(SecretUri=${storageSecret.properties.secretUri})'
  MicrosoftAppId: botAppId
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppTenantId: tenantId
  MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
  AUTH_ISSUER: authIssuer
  AUTH_AUDIENCE: authAudience
  AUTH_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/v2.0/keys'
  AUTH_ALLOWED_TENANTS: tenantId
  DEFAULT_SERVICE_URL: teamsServiceUrl
  PUBLIC_URL: 'https://${hostName}'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
}

// Only added with Redis: the service treats an absent REDIS_URL as "one instance, in-process hub".
var redisSettings = {
  REDIS_URL: '@Microsoft.KeyVault(SecretUri=${redisSecret.properties.secretUri})'
}

// Separate from the site so the Key Vault references are only set once the identity may read them.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: deployRedis ? union(baseSettings, redisSettings) : baseSettings
  dependsOn: [
    secretsReader
    tables
  ]
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot: routes Teams activities to /api/messages
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${hostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs: the Agents Toolkit writes each into env/.env.<env> under the same name
// ---------------------------------------------------------------------------------------------

output BOT_DOMAIN string = hostName
output PUBLIC_URL string = 'https://${hostName}'
output BOT_ID string = botAppId
output SSO_APPLICATION_ID_URI string = applicationIdUri
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_KEY_VAULT_NAME string = keyVault.name
