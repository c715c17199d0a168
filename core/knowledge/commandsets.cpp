#include "core/knowledge/commandsets.h"

#include <QCoreApplication>
#include <QVersionNumber>

namespace duo {

namespace {

// A row may hold for some GitLab versions only: since <= version < before. Without a known version, the rows
// for the 17.x GitLab the troubleshooting page describes are shown.
struct CommandTemplate {
    const char* set;
    const char* label; // translated in context "duo::Commands"
    const char* text;
    const char* since = nullptr;  // first GitLab version it applies to
    const char* before = nullptr; // first GitLab version it no longer applies to
};

const QVersionNumber assumedWithoutVersion(17, 0);

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
     "  {aigw_image}", nullptr, "18.4"},
    // From 18.4 the container also serves the Agent Platform service (gRPC, 50052), which signs its tokens
    // with the keys made by gateway_jwt_keys.
    {"gateway_recreate", QT_TRANSLATE_NOOP("duo::Commands", "Docker: recreate the gateway with the required settings"),
     "docker run -d --name ai-gateway -p 5052:5052 -p 50052:50052 \\\n"
     "  -e AIGW_GITLAB_URL={gitlab_url:sh} -e AIGW_GITLAB_API_URL={gitlab_api_url:sh} \\\n"
     "  -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true \\\n"
     "  -e DUO_WORKFLOW_AUTH__ENABLED=true \\\n"
     "  -e AIGW_SELF_SIGNED_JWT__SIGNING_KEY=\"$(cat aigw_signing.key)\" \\\n"
     "  -e AIGW_SELF_SIGNED_JWT__VALIDATION_KEY=\"$(cat aigw_validation.key)\" \\\n"
     "  -e DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY=\"$(cat duo_workflow_signing.key)\" \\\n"
     "  -e DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY=\"$(cat duo_workflow_validation.key)\" \\\n"
     "  {aigw_image}", "18.4"},
    {"gateway_recreate", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: set them on the deployment"),
     "kubectl -n <namespace> set env deployment/<ai-gateway-deployment> \\\n"
     "  AIGW_AUTH__BYPASS_EXTERNAL=true AIGW_CUSTOM_MODELS__ENABLED=true AIGW_GITLAB_URL={gitlab_url:sh}"},

    {"gateway_jwt_keys", QT_TRANSLATE_NOOP("duo::Commands", "On the gateway host: make the four RSA-2048 signing keys (PEM), kept out of any command line"),
     "for key in aigw_signing aigw_validation duo_workflow_signing duo_workflow_validation; do\n"
     "  openssl genrsa -out \"$key.key\" 2048\n"
     "done\n"
     "chmod 600 ./*.key"},
    {"gateway_jwt_keys", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: keep them in a Secret and map it to the four variables on the deployment"),
     "kubectl -n <namespace> create secret generic ai-gateway-jwt \\\n"
     "  --from-file=AIGW_SELF_SIGNED_JWT__SIGNING_KEY=aigw_signing.key \\\n"
     "  --from-file=AIGW_SELF_SIGNED_JWT__VALIDATION_KEY=aigw_validation.key \\\n"
     "  --from-file=DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY=duo_workflow_signing.key \\\n"
     "  --from-file=DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY=duo_workflow_validation.key\n"
     "kubectl -n <namespace> set env deployment/<ai-gateway-deployment> --from=secret/ai-gateway-jwt DUO_WORKFLOW_AUTH__ENABLED=true"},

    {"gateway_probe_dws", QT_TRANSLATE_NOOP("duo::Commands", "Docker: the Agent Platform service's gRPC health from inside the gateway container"),
     "printf '\\0\\0\\0\\0\\0' | docker exec -i <ai-gateway-container> curl -sS -m 5 --http2-prior-knowledge \\\n"
     "  -H 'content-type: application/grpc' -H 'te: trailers' --data-binary @- \\\n"
     "  http://localhost:50052/grpc.health.v1.Health/Check | od -An -tx1"},

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

    // GitLab's Agent Platform check of one project: a Rake task from 19.0, a script to download in 18.8-18.11.
    {"verify_setup", QT_TRANSLATE_NOOP("duo::Commands", "Linux package: GitLab's Agent Platform check of one project"),
     "sudo gitlab-rake \"gitlab:duo:verify_setup[<group/project>]\"", "19.0"},
    {"verify_setup", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes (Helm chart): from the toolbox pod"),
     "kubectl -n <namespace> exec -it <toolbox-pod> -- gitlab-rake \"gitlab:duo:verify_setup[<group/project>]\"", "19.0"},
    {"verify_setup", QT_TRANSLATE_NOOP("duo::Commands", "GitLab 18.8 to 18.11: download verify_setup.rb to /tmp on the GitLab server, then run it"),
     "curl -sSfo /tmp/verify_setup.rb https://gitlab.com/gitlab-org/gitlab/-/raw/master/ee/lib/gitlab/duo/administration/verify_setup.rb\n"
     "sudo gitlab-rails runner \"load '/tmp/verify_setup.rb'; Gitlab::Duo::Administration::VerifySetup.new('<group/project>').execute\"",
     "18.8", "19.0"},
    {"verify_setup", QT_TRANSLATE_NOOP("duo::Commands", "GitLab 19.0 and later (18.8 to 18.11: the script verify_setup.rb with gitlab-rails runner; older releases have neither)"),
     "sudo gitlab-rake \"gitlab:duo:verify_setup[<group/project>]\"", nullptr, "18.8"},

    {"rails_gateway_url", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: the gateway URL GitLab uses"),
     "ENV[\"AI_GATEWAY_URL\"] == {gateway_url:rb}\nGitlab::AiGateway.url", nullptr, "17.9"},
    {"rails_gateway_url", QT_TRANSLATE_NOOP("duo::Commands", "Linux package: set it in /etc/gitlab/gitlab.rb, then reconfigure"),
     "gitlab_rails['env'] = { 'AI_GATEWAY_URL' => {gateway_url:rb} }\n# then: sudo gitlab-ctl reconfigure", nullptr, "17.9"},
    // From 17.9 GitLab keeps the URL in its database; AI_GATEWAY_URL is only read as a legacy fallback.
    {"rails_gateway_url", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: the gateway URL GitLab stores (Admin > GitLab Duo)"),
     "Ai::Setting.instance.ai_gateway_url == {gateway_url:rb}\nGitlab::AiGateway.url", "17.9"},
    {"rails_gateway_url", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: set it (or Admin > GitLab Duo > Change configuration > Local AI Gateway URL)"),
     "Ai::Setting.instance.update!(ai_gateway_url: {gateway_url:rb})", "17.9"},

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

    {"rails_agent_platform_url", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: the Agent Platform service address GitLab uses"),
     "Ai::Setting.instance.duo_agent_platform_service_url"},
    {"rails_agent_platform_url", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: set it as HOST:PORT, without a scheme"),
     "Ai::Setting.instance.update!(duo_agent_platform_service_url: {agent_platform_address:rb})"},

    {"runner_register", QT_TRANSLATE_NOOP("duo::Commands", "On the runner's host: register the runner created with the tag gitlab--duo (Docker executor)"),
     "sudo gitlab-runner register --non-interactive --url {gitlab_url:sh} \\\n"
     "  --token <runner-authentication-token> \\\n"
     "  --executor docker --docker-image alpine:latest"},
    {"runner_register", QT_TRANSLATE_NOOP("duo::Commands", "Kubernetes: the runner's Helm chart with the same token"),
     "helm upgrade --install gitlab-runner gitlab/gitlab-runner -n <namespace> \\\n"
     "  --set gitlabUrl={gitlab_url:sh} --set runnerToken=<runner-authentication-token>"},

    {"runner_status", QT_TRANSLATE_NOOP("duo::Commands", "On the runner's host: its state, and whether GitLab accepts it"),
     "sudo gitlab-runner status\nsudo gitlab-runner verify\nsudo gitlab-runner start"},

    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: log GitLab <-> gateway traffic to llm.log"),
     "Feature.enable(:expanded_ai_logging)", nullptr, "18.0"},
    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: turn it off again when you are done"),
     "Feature.disable(:expanded_ai_logging)", nullptr, "18.0"},
    // Self-managed 18.x: the admin setting "Enable AI logs" replaces the flag (which now only acts on
    // GitLab.com). Releases keep it in the application settings or in Ai::Setting (`s`): ask whichever has it.
    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: turn on \"Enable AI logs\" (or Admin > GitLab Duo > Change configuration)"),
     "s = Gitlab::CurrentSettings.current_application_settings\n"
     "s = Ai::Setting.instance unless s.respond_to?(:enabled_instance_verbose_ai_logs)\n"
     "s.update!(enabled_instance_verbose_ai_logs: true)", "18.0"},
    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: is it on?"),
     "s = Gitlab::CurrentSettings.current_application_settings\n"
     "s = Ai::Setting.instance unless s.respond_to?(:enabled_instance_verbose_ai_logs)\n"
     "s.enabled_instance_verbose_ai_logs", "18.0"},
    {"expanded_ai_logging", QT_TRANSLATE_NOOP("duo::Commands", "Rails console: turn it off again when you are done"),
     "s = Gitlab::CurrentSettings.current_application_settings\n"
     "s = Ai::Setting.instance unless s.respond_to?(:enabled_instance_verbose_ai_logs)\n"
     "s.update!(enabled_instance_verbose_ai_logs: false)", "18.0"},

    {"model_list", QT_TRANSLATE_NOOP("duo::Commands", "From this desktop: what the model server serves"),
     "curl -sS -m 10 -H 'Authorization: Bearer <your-model-api-key>' {models_url:sh}"},
};
// clang-format on

bool appliesTo(const CommandTemplate& row, const QVersionNumber& version) {
    return (!row.since || version >= QVersionNumber::fromString(QLatin1String(row.since))) &&
           (!row.before || version < QVersionNumber::fromString(QLatin1String(row.before)));
}

} // namespace

QVersionNumber gitlabVersionOf(const TemplateValues& values) {
    const QVersionNumber version =
        QVersionNumber::fromString(values.value(QStringLiteral("gitlab_version"))).normalized();
    return version.isNull() ? assumedWithoutVersion : version;
}

QList<Command> commandSet(const QString& id, const TemplateValues& values) {
    const QVersionNumber version = gitlabVersionOf(values);
    QList<Command> commands;
    for (const auto& row : commandTemplates) {
        if (id == QLatin1String(row.set) && appliesTo(row, version))
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
