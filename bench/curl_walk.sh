#!/usr/bin/env bash
# The troubleshooting page done by hand: the same requests Duo Doctor makes, one after the other with curl.
# Usage: curl_walk.sh GITLAB_URL GATEWAY_URL MODEL_ENDPOINT IDENTIFIER RESOLVE  (GITLAB_TOKEN and MODEL_KEY in the env)
set -u
gitlab=$1 gateway=$2 endpoint=$3 identifier=$4 resolve=$5
served=${identifier#custom_openai/}
c() { curl -s -o /dev/null -m 60 --resolve "$resolve" "$@" || true; }
g() { c -H "PRIVATE-TOKEN: $GITLAB_TOKEN" "$@"; }
gql() { g -H 'Content-Type: application/json' -X POST "$gitlab/api/graphql" --data "$1"; }
k=(-H "Authorization: Bearer $MODEL_KEY")
g "$gitlab/api/v4/metadata"
g "$gitlab/api/v4/user"
g "$gitlab/api/v4/personal_access_tokens/self"
g "$gitlab/api/v4/metadata"
g "$gitlab/api/v4/license"
gql '{"query":"{ currentUser { username duoCodeSuggestionsAvailable duoChatAvailable } }"}'
gql '{"query":"{ aiFeatureSettings { nodes { feature provider } } aiSelfHostedModels { nodes { name } } }"}'
gql '{"query":"{ cloudConnectorStatus { success probeResults { name success message } } }"}'
gql '{"query":"{ duoSettings { aiGatewayUrl } }"}'
g -H 'Content-Type: application/json' -X POST "$gitlab/api/v4/code_suggestions/completions" \
  --data '{"current_file":{"file_name":"hello.py","content_above_cursor":"def hello_world():\n    "},"intent":"completion"}'
gql "{\"query\":\"mutation(\$input: AiSelfHostedModelConnectionCheckInput!) { aiSelfHostedModelConnectionCheck(input: \$input) { result { success message } } }\",\"variables\":{\"input\":{\"name\":\"mistral-self-hosted\",\"model\":\"MISTRAL\",\"endpoint\":\"$endpoint\",\"identifier\":\"$identifier\"}}}"
c "$gateway/"
c "$gateway/monitoring/healthz"
c -H 'Content-Type: application/json' -X POST "$gateway/v1/chat/agent" --data '{}'
c -H 'Content-Type: application/json' -X POST "$gateway/v1/chat/agent" --data "{\"prompt_components\":[{\"type\":\"prompt\",\"payload\":{\"content\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"provider\":\"litellm\",\"model\":\"mistral\",\"model_endpoint\":\"$endpoint\",\"model_api_key\":\"$MODEL_KEY\",\"model_identifier\":\"$identifier\"}}],\"stream\":false}"
c "${k[@]}" "$endpoint"
for path in / /health/liveliness /info /props /v1/models /health; do c "${endpoint%/v1}$path"; done
c "${k[@]}" "$endpoint/models"
c "${k[@]}" "$endpoint/models"
c "${k[@]}" -H 'Content-Type: application/json' -X POST "$endpoint/chat/completions" \
  --data "{\"model\":\"$served\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"max_tokens\":1}"
