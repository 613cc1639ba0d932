// The two-hop delegation of docs/delegation.md driven by panva's oauth4webapi, unmodified: discovery, client
// credentials with DPoP (the agents' identity tokens), and the token-exchange grant through genericGrantRequest.
// Usage: node oauth4webapi-delegation.mjs <issuer> <alice's access token for demo-backend>
// Prints {"scheduling": {token_type, claims}, "analysis": {token_type, claims}} as JSON.
import * as oauth from 'oauth4webapi'

const [issuerUrl, alice] = process.argv.slice(2)
const issuer = new URL(issuerUrl)
const insecure = { [oauth.allowInsecureRequests]: true } // the test servers listen on http://localhost
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token'
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'

const as = await oauth.processDiscoveryResponse(issuer,
  await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }))

async function retryOnNonce(send) {
  try {
    return await send()
  } catch (err) {
    if (oauth.isDPoPNonceError(err)) {
      return send() // the DPoP handle kept the DPoP-Nonce of the error response (RFC 9449 §8)
    }
    throw err
  }
}

async function agent(clientId, secret) {
  const client = { client_id: clientId }
  const auth = oauth.ClientSecretBasic(secret)
  const dpop = oauth.DPoP(client, await oauth.generateKeyPair('ES256'))
  const identity = await retryOnNonce(async () => oauth.processClientCredentialsResponse(as, client,
    await oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams(), { DPoP: dpop, ...insecure })))
  return { client, auth, dpop, identity: identity.access_token }
}

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())
}

const scheduling = await agent('scheduling-agent-001', 'scheduling-agent-secret')
const analysis = await agent('analysis-agent-002', 'analysis-agent-secret')

const backend = { client_id: 'demo-backend' }
const delegated = await oauth.processGenericTokenEndpointResponse(as, backend,
  await oauth.genericTokenEndpointRequest(as, backend, oauth.ClientSecretBasic('demo-backend-secret'), TOKEN_EXCHANGE,
    new URLSearchParams({ subject_token: alice, subject_token_type: ACCESS_TOKEN,
      actor_token: scheduling.identity, actor_token_type: ACCESS_TOKEN, task_id: 'task-abc', audience: 'documents' }),
    insecure))

const subDelegated = await retryOnNonce(async () => oauth.processGenericTokenEndpointResponse(as, scheduling.client,
  await oauth.genericTokenEndpointRequest(as, scheduling.client, scheduling.auth, TOKEN_EXCHANGE,
    new URLSearchParams({ subject_token: delegated.access_token, subject_token_type: ACCESS_TOKEN,
      actor_token: analysis.identity, actor_token_type: ACCESS_TOKEN, read_only: 'true' }),
    { DPoP: scheduling.dpop, ...insecure })))

console.log(JSON.stringify({
  scheduling: { token_type: delegated.token_type, issued_token_type: delegated.issued_token_type, claims: claims(delegated.access_token) },
  analysis: { token_type: subDelegated.token_type, claims: claims(subDelegated.access_token) }
}))
