#!/usr/bin/env bash
# The commands of docs/delegation.md, end to end, against running servers (./mvnw -Prun):
#   docs/examples/delegation.sh [auth-server URL]
# Prints the two agent tokens' claims. Needs bash, curl, openssl and a JDK 17 (for DPoPProof.java).
set -euo pipefail
AS=${1:-http://localhost:9000}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
DPOP="java $HERE/DPoPProof.java"
access_token() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }
claims() { cut -d. -f2 | tr '_-' '/+' | awk '{ l = length($0) % 4; if (l == 2) $0 = $0 "=="; else if (l == 3) $0 = $0 "="; print }' | base64 -d; echo; }

$DPOP keygen scheduling.jwk > /dev/null
$DPOP keygen analysis.jwk > /dev/null

# 1. alice's access token for demo-backend (authorization code + PKCE)
VERIFIER=$(openssl rand -hex 32)
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -binary -sha256 | base64 | tr '+/' '-_' | tr -d '=')
CSRF=$(curl -s -c jar -b jar "$AS/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
curl -s -c jar -b jar -o /dev/null --data-urlencode email=alice@example.com --data-urlencode password=alice-password \
  --data-urlencode "_csrf=$CSRF" "$AS/login"
LOCATION=$(curl -s -c jar -b jar -o /dev/null -w '%{redirect_url}' -G "$AS/oauth2/authorize" -d response_type=code \
  -d client_id=demo-backend --data-urlencode redirect_uri=http://127.0.0.1/callback \
  --data-urlencode 'scope=documents:read documents:create documents:update documents:delete users:read' \
  -d state=s1 -d "code_challenge=$CHALLENGE" -d code_challenge_method=S256)
case "$LOCATION" in
  */oauth2/consent*)  # first time: alice allows the requested scopes on the consent page
    PAGE=$(curl -s -c jar -b jar "$LOCATION")
    STATE=$(printf %s "$PAGE" | sed -n 's/.*name="state" value="\([^"]*\)".*/\1/p' | head -1)
    CSRF=$(printf %s "$PAGE" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    SCOPES=$(printf %s "$PAGE" | sed -n 's/.*name="scope" value="\([^"]*\)".*/--data-urlencode scope=\1/p' | tr '\n' ' ')
    # shellcheck disable=SC2086
    LOCATION=$(curl -s -c jar -b jar -o /dev/null -w '%{redirect_url}' -d client_id=demo-backend \
      --data-urlencode "state=$STATE" --data-urlencode "_csrf=$CSRF" $SCOPES "$AS/oauth2/authorize") ;;
esac
CODE=$(printf %s "$LOCATION" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
ALICE=$(curl -s -u demo-backend:demo-backend-secret -d grant_type=authorization_code -d "code=$CODE" \
  --data-urlencode redirect_uri=http://127.0.0.1/callback -d "code_verifier=$VERIFIER" "$AS/oauth2/token" | access_token)

# 2. each agent's identity token (client credentials with DPoP and the server's nonce)
identity() {
  local nonce
  nonce=$(curl -s -D - -o /dev/null -u "$1:$2" -H "DPoP: $($DPOP proof "$3" POST "$AS/oauth2/token")" \
    -d grant_type=client_credentials "$AS/oauth2/token" | sed -n 's/^[Dd][Pp][Oo][Pp]-[Nn]once: *//p' | tr -d '\r')
  curl -s -u "$1:$2" -H "DPoP: $($DPOP proof "$3" POST "$AS/oauth2/token" "$nonce")" -d grant_type=client_credentials \
    "$AS/oauth2/token" | access_token
}
SCHEDULING_ID=$(identity scheduling-agent-001 scheduling-agent-secret scheduling.jwk)
ANALYSIS_ID=$(identity analysis-agent-002 analysis-agent-secret analysis.jwk)

# 3. delegate: demo-backend -> scheduling-agent-001, task-abc, documents only
SCHEDULING=$(curl -s -u demo-backend:demo-backend-secret \
  -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange \
  --data-urlencode "subject_token=$ALICE" -d subject_token_type=urn:ietf:params:oauth:token-type:access_token \
  --data-urlencode "actor_token=$SCHEDULING_ID" -d actor_token_type=urn:ietf:params:oauth:token-type:access_token \
  -d task_id=task-abc -d audience=documents "$AS/oauth2/token" | access_token)

# 4. sub-delegate: scheduling-agent-001 -> analysis-agent-002, read-only, proven with the scheduling agent's key
subdelegate() {
  curl -s -D headers -u scheduling-agent-001:scheduling-agent-secret \
    -H "DPoP: $($DPOP proof scheduling.jwk POST "$AS/oauth2/token" "${1:-}")" \
    -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange \
    --data-urlencode "subject_token=$SCHEDULING" -d subject_token_type=urn:ietf:params:oauth:token-type:access_token \
    --data-urlencode "actor_token=$ANALYSIS_ID" -d actor_token_type=urn:ietf:params:oauth:token-type:access_token \
    -d read_only=true "$AS/oauth2/token"
}
subdelegate > /dev/null
NONCE=$(sed -n 's/^[Dd][Pp][Oo][Pp]-[Nn]once: *//p' headers | tr -d '\r')
ANALYSIS=$(subdelegate "$NONCE" | access_token)

echo "scheduling-agent-001: $(printf %s "$SCHEDULING" | claims)"
echo "analysis-agent-002:   $(printf %s "$ANALYSIS" | claims)"
