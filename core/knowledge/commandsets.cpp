#include "core/knowledge/commandsets.h"

#include <QCoreApplication>

namespace duo {

namespace {

struct CommandTemplate {
    const char* set;
    const char* label; // translated in context "duo::Commands"
    const char* text;
};

// clang-format off
const CommandTemplate commandTemplates[] = {
    {"gateway_network_host", QT_TRANSLATE_NOOP("duo::Commands", "Docker: restart the gateway on the host network"),
     "docker run -d --name ai-gateway --network host \\\n"
     "  -e AIGW_GITLAB_URL={gitlab_url:sh} -e AIGW_GITLAB_API_URL={gitlab_api_url:sh} \\\n"
     "  -e AIGW_FASTAPI__METRICS_PORT=8083 \\\n"
     "  -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true \\\n"
     "  {aigw_image}"},
    {"gateway_network_host", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: run the gateway pod on the node's network"),
     "kubectl -n <namespace> patch deployment <ai-gateway-deployment> --type merge \\\n"
     "  -p '{\"spec\":{\"template\":{\"spec\":{\"hostNetwork\":true}}}}'\n"
     "kubectl -n <namespace> set env deployment/<ai-gateway-deployment> AIGW_FASTAPI__METRICS_PORT=8083"},

    {"curl_model_from_gateway", QT_TRANSLATE_NOOP("duo::Commands", "Docker: ask the model from inside the gateway container"),
     "docker exec <ai-gateway-container> curl -sS -m 10 \\\n"
     "  -H 'Authorization: Bearer <your-model-api-key>' {models_url:sh}"},
    {"curl_model_from_gateway", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same from the gateway pod"),
     "kubectl -n <namespace> exec <ai-gateway-pod> -- curl -sS -m 10 \\\n"
     "  -H 'Authorization: Bearer <your-model-api-key>' {models_url:sh}"},

    {"gateway_env", QT_TRANSLATE_NOOP("duo::Commands", "Docker: show the gateway's settings"),
     "docker exec <ai-gateway-container> sh -c 'echo $AIGW_AUTH__BYPASS_EXTERNAL; echo $AIGW_CUSTOM_MODELS__ENABLED'"},
    {"gateway_env", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same in the gateway pod"),
     "kubectl -n <namespace> exec <ai-gateway-pod> -- sh -c 'echo $AIGW_AUTH__BYPASS_EXTERNAL; echo $AIGW_CUSTOM_MODELS__ENABLED'"},

    // Key values are never printed: only whether they are set.
    {"agent_platform_env", QT_TRANSLATE_NOOP("duo::Commands", "Docker: the Agent Platform service's TLS and authentication settings"),
     "docker exec <ai-gateway-container> sh -c 'echo \"TLS=$DUO_WORKFLOW_TLS__ENABLED CERT=$DUO_WORKFLOW_TLS__CERT_FILE AUTH=$DUO_WORKFLOW_AUTH__ENABLED\"; \\\n"
     "  [ -n \"$DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY\" ] && echo \"signing key set\" || echo \"signing key missing\"'"},
    {"agent_platform_env", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same in the gateway pod"),
     "kubectl -n <namespace> exec <ai-gateway-pod> -- sh -c 'echo \"TLS=$DUO_WORKFLOW_TLS__ENABLED CERT=$DUO_WORKFLOW_TLS__CERT_FILE AUTH=$DUO_WORKFLOW_AUTH__ENABLED\"; \\\n"
     "  [ -n \"$DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY\" ] && echo \"signing key set\" || echo \"signing key missing\"'"},

    {"gateway_reaches_gitlab", QT_TRANSLATE_NOOP("duo::Commands", "Docker: the gateway's GitLab URLs, and GitLab's API from inside the container"),
     "docker exec <ai-gateway-container> sh -c 'echo \"$AIGW_GITLAB_URL $AIGW_GITLAB_API_URL\"; \\\n"
     "  curl -sS -m 10 -o /dev/null -w \"%{http_code}\\n\" \"$AIGW_GITLAB_API_URL/projects\"'"},
    {"gateway_reaches_gitlab", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same in the gateway pod"),
     "kubectl -n <namespace> exec <ai-gateway-pod> -- sh -c 'echo \"$AIGW_GITLAB_URL $AIGW_GITLAB_API_URL\"; \\\n"
     "  curl -sS -m 10 -o /dev/null -w \"%{http_code}\\n\" \"$AIGW_GITLAB_API_URL/projects\"'"},

    {"gateway_recreate", QT_TRANSLATE_NOOP("duo::Commands", "Docker: recreate the gateway with the required settings"),
     "docker run -d --name ai-gateway -p 5052:5052 \\\n"
     "  -e AIGW_GITLAB_URL={gitlab_url:sh} -e AIGW_GITLAB_API_URL={gitlab_api_url:sh} \\\n"
     "  -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true \\\n"
     "  {aigw_image}"},
    {"gateway_recreate", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: set them on the deployment"),
     "kubectl -n <namespace> set env deployment/<ai-gateway-deployment> \\\n"
     "  AIGW_AUTH__BYPASS_EXTERNAL=true AIGW_CUSTOM_MODELS__ENABLED=true AIGW_GITLAB_URL={gitlab_url:sh}"},

    {"gateway_logs", QT_TRANSLATE_NOOP("duo::Commands", "Docker: the gateway's recent log"),
     "docker logs --tail 200 <ai-gateway-container>"},
    {"gateway_logs", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the gateway pod's recent log"),
     "kubectl -n <namespace> logs --tail 200 <ai-gateway-pod>"},

    {"gateway_healthz_inside", QT_TRANSLATE_NOOP("duo::Commands", "Docker: health from inside the gateway container"),
     "docker exec <ai-gateway-container> curl -sS -o /dev/null -w '%{http_code}\\n' http://localhost:5052/monitoring/healthz"},
    {"gateway_healthz_inside", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same in the gateway pod"),
     "kubectl -n <namespace> exec <ai-gateway-pod> -- curl -sS -o /dev/null -w '%{http_code}\\n' http://localhost:5052/monitoring/healthz"},

    {"gateway_chat_agent_inside", QT_TRANSLATE_NOOP("duo::Commands", "Docker: the model request from inside the gateway container"),
     "docker exec <ai-gateway-container> curl -sS -m 60 --request POST http://localhost:5052/v1/chat/agent \\\n"
     "  --header 'accept: application/json' --header 'Content-Type: application/json' \\\n"
     "  --data {chat_agent_body:sh}"},
    {"gateway_chat_agent_inside", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same in the gateway pod"),
     "kubectl -n <namespace> exec <ai-gateway-pod> -- curl -sS -m 60 --request POST http://localhost:5052/v1/chat/agent \\\n"
     "  --header 'accept: application/json' --header 'Content-Type: application/json' \\\n"
     "  --data {chat_agent_body:sh}"},

    {"gateway_script", QT_TRANSLATE_NOOP("duo::Commands", "Docker: the gateway's troubleshooting script"),
     "docker exec -it <ai-gateway-container> poetry run python scripts/troubleshoot_selfhosted_installation.py \\\n"
     "  --model-name {model_name:sh} --model-endpoint {model_endpoint:sh}"},
    {"gateway_script", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the same in the gateway pod"),
     "kubectl -n <namespace> exec -it <ai-gateway-pod> -- poetry run python scripts/troubleshoot_selfhosted_installation.py \\\n"
     "  --model-name {model_name:sh} --model-endpoint {model_endpoint:sh}"},

    {"gateway_platform", QT_TRANSLATE_NOOP("duo::Commands", "Docker: pull and run the amd64 image explicitly"),
     "docker run --platform linux/amd64 -e AIGW_GITLAB_URL={gitlab_url:sh} {aigw_image}"},

    {"rake_verify", QT_TRANSLATE_NOOP("duo::Commands", "Linux package: GitLab's own verification task"),
     "sudo gitlab-rake gitlab:duo:verify_self_hosted_setup"},
    {"rake_verify", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes (Helm chart): from the toolbox pod"),
     "kubectl -n <namespace> exec -it <toolbox-pod> -- gitlab-rake gitlab:duo:verify_self_hosted_setup"},

    {"rails_gateway_url", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: the gateway URL GitLab uses"),
     "ENV[\"AI_GATEWAY_URL\"] == {gateway_url:rb}\nGitlab::AiGateway.url"},
    {"rails_gateway_url", QT_TRANSLATE_NOOP("duo::Commands", "Linux package: set it in /etc/gitlab/gitlab.rb, then reconfigure"),
     "gitlab_rails['env'] = { 'AI_GATEWAY_URL' => {gateway_url:rb} }\n# then: sudo gitlab-ctl reconfigure"},

    {"rails_http_gateway", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: can GitLab reach the gateway?"),
     "HTTParty.get({gateway_healthz_url:rb}, headers: { 'accept' => 'application/json' }).code"},

    {"rails_allow_local", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: add the gateway host to the outbound allow-list"),
     "s = ApplicationSetting.current\ns.update!(outbound_local_requests_whitelist: s.outbound_local_requests_whitelist | [{gateway_host:rb}])"},

    {"rails_model_request", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: GitLab -> gateway -> model"),
     "model_name = {model_name:rb}\n"
     "model_endpoint = {model_endpoint:rb}\n"
     "model_identifier = {model_identifier:rb}\n"
     "model_api_key = \"<your-model-api-key>\"\n"
     "body = {:prompt_components=>[{:type=>\"prompt\", :metadata=>{:source=>\"GitLab EE\", :version=>\"17.3.0\"}, "
     ":payload=>{:content=>[{:role=>:user, :content=>\"Hello\"}], :provider=>:litellm, :model=>model_name, "
     ":model_endpoint=>model_endpoint, :model_api_key=>model_api_key, :model_identifier=>model_identifier}}]}\n"
     "ai_gateway_url = Gitlab::AiGateway.url # must not be nil\n"
     "client = Gitlab::Llm::AiGateway::Client.new(User.find_by_username({gitlab_username:rb}), service_name: :self_hosted_models)\n"
     "client.complete(url: \"#{ai_gateway_url}/v1/chat/agent\", body: body)"},

    {"rails_user_access", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: may this user use Code Suggestions?"),
     "User.find_by_username({gitlab_username:rb}).can?(:access_code_suggestions)"},

    {"rails_license", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: the current license"),
     "License.current&.then { |l| [l.plan, l.expires_at, l.expired?] }"},

    {"rails_feature_settings", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: which model each feature uses"),
     "::Ai::FeatureSetting.all.map { |s| [s.feature, s.provider, s.self_hosted_model&.name] }"},

    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: log GitLab <-> gateway traffic to llm.log"),
     "Feature.enable(:expanded_ai_logging)"},
    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: turn it off again when you are done"),
     "Feature.disable(:expanded_ai_logging)"},

    {"model_list", QT_TRANSLATE_NOOP("duo::Commands", "From this desktop: what the model server serves"),
     "curl -sS -m 10 -H 'Authorization: Bearer <your-model-api-key>' {models_url:sh}"},
};
// clang-format on

} // namespace

QList<Command> commandSet(const QString& id, const TemplateValues& values) {
    QList<Command> commands;
    for (const auto& row : commandTemplates) {
        if (id == QLatin1String(row.set))
            commands.append({QCoreApplication::translate("duo::Commands", row.label),
                             fillTemplate(QString::fromUtf8(row.text), values)});
    }
    return commands;
}

QList<Command> commandSets(const QStringList& ids, const TemplateValues& values) {
    QList<Command> commands;
    for (const QString& id : ids)
        commands += commandSet(id, values);
    return commands;
}

bool hasCommandSet(const QString& id) {
    for (const auto& row : commandTemplates) {
        if (id == QLatin1String(row.set))
            return true;
    }
    return false;
}

} // namespace duo
