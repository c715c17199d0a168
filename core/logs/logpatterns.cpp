#include "core/logs/logpatterns.h"

#include "core/knowledge/signatures.h"

#include <QLoggingCategory>

#include <deque>

Q_DECLARE_LOGGING_CATEGORY(lcLogs)

namespace duo {

namespace {

// Order matters: the first row that matches a line wins, so specific rows come before general ones.
// Patterns are case-insensitive; every alternative of a pattern holds one of the row's anchors (the corpus
// test proves it line by line). Sources of the lines they match: tests/data/logs/SOURCES.md.
// clang-format off
const LogPattern logPatterns[] = {
    // Duo Chat error codes, as users report them ("Error code: A1001") and as llm.log has them
    // ("error_code":"A1001"). GitLab's Duo Chat troubleshooting page lists them.
    {"duo-chat", "a1001", R"(error[ _]code\W{0,4}A1001\b)", "log.duo_chat_a1001"},
    {"duo-chat", "a1000", R"(error[ _]code\W{0,4}A1000\b)", "log.read_timeout"},
    {"duo-chat", "a1002", R"(error[ _]code\W{0,4}A1002\b)", "log.duo_chat_a1002"},
    {"duo-chat", "a1003", R"(error[ _]code\W{0,4}A1003\b)", "log.duo_chat_a1003"},
    {"duo-chat", "a1004", R"(error[ _]code\W{0,4}A1004\b)", "log.duo_chat_a1004"},
    {"duo-chat", "a1005", R"(error[ _]code\W{0,4}A1005\b)", "log.duo_chat_a1005"},
    {"duo-chat", "a1006|a6000|a9999", R"(error[ _]code\W{0,4}(A1006|A6000|A9999)\b)", "log.duo_chat_agent_gave_up"},
    {"duo-chat", "a1007|a1008", R"(error[ _]code\W{0,4}(A1007|A1008)\b)", "log.duo_chat_agent_platform"},
    {"duo-chat", "m3004|m3006|g3001|requires a different duo subscription", R"(error[ _]code\W{0,4}(M3004|M3006|G3001)\b|requires a different Duo subscription)", "log.duo_chat_no_access"},
    {"duo-chat", "m3002", R"(error[ _]code\W{0,4}M3002\b)", "log.duo_chat_turned_off"},
    {"duo-chat", "g3002|not selected a default gitlab duo namespace", R"(error[ _]code\W{0,4}G3002\b|not selected a default GitLab Duo namespace)", "log.duo_chat_default_namespace"},
    {"duo-chat", "m2000", R"(error[ _]code\W{0,4}M2000\b)", "log.duo_chat_m2000"},
    {"duo-chat", "m3003", R"(error[ _]code\W{0,4}M3003\b)", "log.duo_chat_m3003"},
    {"duo-chat", "m3005", R"(error[ _]code\W{0,4}M3005\b)", "log.duo_chat_m3005"},
    {"duo-chat", "m4000|m4001|m4002|m5000", R"(error[ _]code\W{0,4}(M400[012]|M5000)\b)", "log.duo_chat_retry"},
    {"duo-chat", "m4003|m4004|m4005|can only be invoked from|no comments to summarize|no job log to troubleshoot", R"(error[ _]code\W{0,4}M400[345]\b|can only be invoked from a (vulnerability detail|failed job log) page|has no comments to summarize|no job log to troubleshoot)", "log.duo_chat_wrong_page"},
    // The Code Review flow's codes (GitLab's Code Review flow troubleshooting page).
    {"code-review", "could not obtain the required authentication tokens", R"(could not obtain the required authentication tokens)", "log.dcr_tokens"},
    {"gateway", "dcr4005", R"(DCR4005)", "log.gateway_version"},
    {"code-review", "dcr4011", R"(DCR4011\b)", "log.dcr_no_runner"},
    {"code-review", "dcr4000|dcr4001|dcr4007", R"(DCR400[017]\b)", "log.dcr_flow_disabled"},
    {"code-review", "dcr4003|dcr4004|dcr4006", R"(DCR400[346]\b)", "log.dcr_permissions"},
    {"code-review", "dcr4002|dcr4012", R"(DCR40(02|12)\b)", "log.dcr_out_of_credits"},
    {"code-review", "dcr4008|dcr4009|dcr4010|dcr5000|dcr5001", R"(DCR(400[89]|4010|500[01])\b)", "log.dcr_retry"},
    // GitLab 18/19: Rails, Sidekiq, the gateway's and the Agent Platform service's keys, flows and runners.
    {"llm.log", "faraday::sslerror|openssl::ssl::sslerror", R"((Faraday::SSLError|OpenSSL::SSL::SSLError).*certificate verify failed|certificate verify failed.*(Faraday::SSLError|OpenSSL::SSL::SSLError))", "log.rails_gateway_tls"},
    {"sidekiq", "header mismatch 'x-gitlab-instance-id'", R"((Worker|sidekiq).*Header mismatch 'X-Gitlab-Instance-Id'|Header mismatch 'X-Gitlab-Instance-Id'.*(Worker|sidekiq))", "log.instance_id_mismatch"},
    {"gateway", "token creation failed", R"(Token creation failed)", "log.token_creation_failed"},
    {"agent-platform", "could not prefetch keys|invalid url '/.well-known/openid-configuration'", R"(Could not prefetch keys|Invalid URL '/\.well-known/openid-configuration')", "log.dws_customer_portal"},
    {"gateway", "jwks|oidc|openid|well-known", R"((JWKS|OIDC|openid|well-known).*(Name or service not known|Temporary failure in name resolution|nodename nor servname|getaddrinfo failed|Connection refused|ConnectError|CERTIFICATE_VERIFY_FAILED|certificate verify failed))", "log.jwks_network"},
    {"gateway", "incomplete jwks cached|old jwks re-cached", R"(Incomplete JWKS cached|Old JWKS re-cached)", "log.jwks_incomplete"},
    {"agent-platform", "received metadata size exceeds", R"(received metadata size exceeds)", "log.grpc_metadata_limit"},
    {"agent-platform", "workflow failed to complete it", R"(Workflow failed to complete it)", "log.workflow_empty_repo"},
    {"agent-platform", "duo_workflows/ws", R"(duo_workflows/ws\b.*\b(1006|404)\b|\b(1006|404)\b.*duo_workflows/ws)", "log.websocket_1006"},
    {"runner", "unable to get local issuer certificate|x509: certificate signed by unknown authority", R"(SSL certificate problem: unable to get local issuer certificate|unable to get local issuer certificate \(20\)|x509: certificate signed by unknown authority)", "log.runner_ca"},
    // Model platforms through the gateway (LiteLLM's, boto's, Azure's, vLLM's and OpenAI's messages).
    {"model-platform", "on-demand throughput", R"(on-demand throughput isn.t supported)", "log.bedrock_on_demand"},
    {"model-platform", "model use case details have not been submitted", R"(Model use case details have not been submitted)", "log.bedrock_use_case"},
    {"model-platform", "failed to assume the requested iam role", R"(Failed to assume the requested IAM role)", "log.bedrock_assume_role"},
    {"model-platform", "accessdeniedexception", R"(AccessDeniedException)", "log.bedrock_access_denied"},
    {"model-platform", "throttlingexception", R"(ThrottlingException)", "log.bedrock_throttling"},
    {"model-platform", "unable to locate credentials|nocredentialserror|unrecognizedclientexception|security token included in the request is invalid", R"(Unable to locate credentials|NoCredentialsError|UnrecognizedClientException|security token included in the request is invalid)", "log.bedrock_credentials"},
    {"model-platform", "deploymentnotfound", R"(DeploymentNotFound)", "log.azure_deployment_not_found"},
    {"model-platform", "invalid subscription key", R"(invalid subscription key)", "log.azure_access_denied"},
    {"model", "\"auto\" tool choice requires|enable-auto-tool-choice", R"("auto" tool choice requires|--enable-auto-tool-choice)", "log.vllm_tool_parser"},
    {"model", "default chat template is no longer allowed|must provide a chat template", R"(default chat template is no longer allowed|must provide a chat template)", "log.vllm_chat_template"},
    {"model", "max_completion_tokens|o-series models|unsupported value: 'temperature'", R"(Use 'max_completion_tokens'|Unsupported parameter: 'max_tokens'.*max_completion_tokens|O-series models don.t support|Unsupported value: 'temperature')", "log.reasoning_params"},
    // The gateway's troubleshooting script.
    {"gateway-script", "aigw_custom_models__enabled must be set", R"(AIGW_CUSTOM_MODELS__ENABLED must be set)", "gateway.custom_models_disabled"},
    {"gateway-script", "either aigw_gitlab_url", R"(Either AIGW_GITLAB_URL.*must be set)", "log.aigw_gitlab_url_unset"},
    {"gateway-script", "missing environment variables:", R"(Missing environment variables:.*AWS_)", "log.bedrock_credentials"},
    {"gateway-script", ">> failed to access the ", R"(>> Failed to access the .* model)", "log.gateway_model_failed"},
    // GitLab's rake task (gitlab:duo:verify_self_hosted_setup).
    {"rake", "reachable, but tls certificate is not trusted", R"(reachable, but TLS certificate is NOT trusted)", "log.tls_not_trusted"},
    {"rake", "license does not provide access to code suggestions", R"(License does not provide access to code suggestions)", "log.license_no_code_suggestions"},
    {"rake", "must be http or https", R"(must be HTTP or HTTPS)", "log.gitlab_gateway_url_invalid"},
    {"rake", "skipping model: ", R"(Skipping model: .*identifier does not start with)", "log.rake_identifier_prefix"},
    {"rake", "has no access to code suggestions", R"(User \S+ has no access to code suggestions)", "gitlab.user.no_access"},
    {"rake", "cannot access ai gateway|>> ai gateway returned http|unreachable", R"(Cannot access AI Gateway|>> AI Gateway returned HTTP \d+|\bunreachable\s*[✗✘])", "gitlab.outbound.unreachable"},
    // Docker.
    {"docker", "requested image", R"(requested image.s platform .* does not match the detected host)", "log.image_platform"},
    {"docker", "address already in use|port is already allocated", R"(address already in use|port is already allocated)", "log.port_in_use"},
    // The gateway's own log: authentication of GitLab's requests.
    {"gateway", "no keys found|are oidc providers up", R"(No keys founds? in JWKS|are OIDC providers up)", "log.jwks_unreachable"},
    {"gateway", "signature verification failed|not enough segments|signature has expired", R"(Signature verification failed|Not enough segments|Signature has expired)", "log.gateway_token_rejected"},
    {"gateway", "header mismatch|header is missing", R"(Header mismatch|Header is missing)", "gateway.rejects_gitlab"},
    {"gateway", "invalid authorization header", R"(Invalid authorization header)", "log.gateway_token_rejected"},
    {"gateway", "no authorization header presented", R"(No authorization header presented)", "gateway.auth_bypass_off"},
    {"gateway", "forbidden by auth provider", R"(Forbidden by auth provider)", "log.gateway_token_rejected"},
    {"gateway", "certificate_verify_failed|could not deserialize key data", R"(CERTIFICATE_VERIFY_FAILED|Could not deserialize key data)", "log.gateway_tls_verify"},
    // The gateway's calls to the model (LiteLLM's messages).
    {"gateway", "custom models are disabled", R"(Custom models are disabled)", "gateway.custom_models_disabled"},
    {"gateway", "llm provider not provided", R"(LLM Provider NOT provided)", "gateway.llm_provider_missing"},
    {"gateway", "does not exist|invalid model name passed|' not found|notfounderror", R"(The model `[^`]*` does not exist|Invalid model name passed|model '[^']*' not found|NotFoundError)", "gateway.model_not_found"},
    {"gateway", "authenticationerror|authentication error|no api key passed in|invalid api key", R"(Authentication ?Error|No api key passed in|Invalid API Key)", "gateway.model_auth"},
    {"model", "unauthorized", R"("error"\s*:\s*"Unauthorized")", "gateway.model_auth"},
    {"model", "context length|prompt is too long|max_model_len", R"(maximum context length|context length|Prompt is too long|max_model_len)", "model.completion.context"},
    // GitLab's own failure to reach the gateway (Ruby's messages) before the gateway's to reach the model.
    {"llm.log", "failed to open tcp connection|errno::econnrefused|getaddrinfo", R"(Failed to open TCP connection|Errno::ECONNREFUSED|getaddrinfo)", "gitlab.outbound.unreachable"},
    // A connection error to a loopback endpoint in the gateway's log is the container calling itself.
    {"gateway", "apiconnectionerror|connection refused|connection error|failed to establish a new connection|connecterror", R"((APIConnectionError|Connection refused|Connection error|Failed to establish a new connection|ConnectError).*(localhost|127\.0\.0\.1|0\.0\.0\.0)\b)", "model.endpoint_address.container_self"},
    {"gateway", "apiconnectionerror|connection refused|connection error|failed to establish a new connection", R"(APIConnectionError|Connection refused|Connection error|Failed to establish a new connection)", "gateway.model_connection_error"},
    // GitLab (llm.log, production.log) talking to the gateway.
    {"llm.log", "requests to the local network|requests to localhost", R"(Requests to the local network are not allowed|Requests to localhost are not allowed)", "gitlab.outbound.local_blocked"},
    {"llm.log", "request ran for longer than", R"(Request ran for longer than \d+ms)", "gitlab.outbound.proxy"},
    {"llm.log", "readtimeout|timed out|timeout::error", R"(Net::ReadTimeout|ReadTimeout|timed out|Timeout::Error)", "log.read_timeout"},
};
// clang-format on

static_assert(std::size(logPatterns) <= maxLogPatterns);

uint8_t foldAscii(uint8_t byte) {
    return byte >= 'A' && byte <= 'Z' ? uint8_t(byte - 'A' + 'a') : byte;
}

} // namespace

const LogMatcher& LogMatcher::instance() {
    static const LogMatcher matcher;
    return matcher;
}

LogMatcher::LogMatcher() {
    m_trie.push_back({});
    m_trie.back().fill(-1);
    m_output.emplace_back();
    for (const LogPattern& row : logPatterns) {
        const Signature* signature = findSignature(QString::fromLatin1(row.signatureId));
        if (!signature) {
            qCWarning(lcLogs) << "log pattern names an unknown signature" << row.signatureId;
            continue;
        }
        m_patterns.append(
            {&row,
             QRegularExpression(QString::fromUtf8(row.pattern), QRegularExpression::CaseInsensitiveOption),
             signature});
        for (const QByteArray& anchor : QByteArray(row.anchors).split('|'))
            addAnchor(anchor, int(m_patterns.size() - 1));
    }
    build();
}

// Anchors go into a trie over bytes (ASCII letters folded); each byte that occurs in one gets its own class.
void LogMatcher::addAnchor(const QByteArray& anchor, int row) {
    int state = 0;
    for (const char c : anchor) {
        const uint8_t byte = foldAscii(uint8_t(c));
        if (m_class[byte] == 0) {
            m_class[byte] = uint8_t(m_classes++);
            if (byte >= 'a' && byte <= 'z')
                m_class[byte - 'a' + 'A'] = m_class[byte];
        }
        if (m_trie[state][byte] < 0) {
            m_trie[state][byte] = int(m_trie.size());
            m_trie.push_back({});
            m_trie.back().fill(-1);
            m_output.emplace_back();
        }
        state = m_trie[state][byte];
    }
    m_output[state].set(row);
}

// Aho-Corasick: breadth-first failure links turn the trie into a full automaton over byte classes; states
// that end an anchor are numbered last, so the scan needs one comparison per byte to notice a hit.
void LogMatcher::build() {
    const int count = int(m_trie.size());
    std::vector<int> fail(count, 0), order;
    std::vector<std::vector<int>> next(count, std::vector<int>(m_classes, 0));
    std::deque<int> queue{0};
    while (!queue.empty()) {
        const int state = queue.front();
        queue.pop_front();
        order.push_back(state);
        for (int byte = 0; byte < 256; ++byte) {
            const int child = m_trie[state][byte];
            if (child < 0)
                continue;
            fail[child] = state == 0 ? 0 : next[fail[state]][m_class[byte]];
            m_output[child] |= m_output[fail[child]];
            next[state][m_class[byte]] = child;
            queue.push_back(child);
        }
        for (int cls = 0; cls < m_classes; ++cls) {
            if (next[state][cls] == 0 && state != 0)
                next[state][cls] = next[fail[state]][cls];
        }
    }
    std::stable_partition(order.begin(), order.end(), [this](int state) { return m_output[state].none(); });
    std::vector<uint32_t> renumbered(count);
    for (int index = 0; index < count; ++index)
        renumbered[order[index]] = uint32_t(index) * uint32_t(m_classes);
    m_firstOutput = uint32_t(std::count_if(order.begin(), order.end(),
                                           [this](int state) { return m_output[state].none(); })) *
                    uint32_t(m_classes);
    m_delta.assign(size_t(count) * m_classes, 0);
    std::vector<PatternSet> outputs(count);
    for (int state = 0; state < count; ++state) {
        for (int cls = 0; cls < m_classes; ++cls)
            m_delta[renumbered[state] + cls] = renumbered[next[state][cls]];
        outputs[renumbered[state] / m_classes] = m_output[state];
    }
    m_output = std::move(outputs);
    m_trie.clear();
}

const char* LogMatcher::nextHit(const char* from, const char* end, uint32_t& state, PatternSet* hits) const {
    const auto* byte = reinterpret_cast<const uint8_t*>(from);
    const auto* last = reinterpret_cast<const uint8_t*>(end);
    const uint32_t* delta = m_delta.data();
    const uint8_t* classOf = m_class.data();
    const uint32_t first = m_firstOutput;
    for (; byte < last; ++byte) {
        state = delta[state + classOf[*byte]];
        if (state >= first) [[unlikely]] {
            *hits |= m_output[state / m_classes];
            return reinterpret_cast<const char*>(byte);
        }
    }
    return end;
}

PatternSet LogMatcher::candidatesIn(QByteArrayView line) const {
    PatternSet hits;
    uint32_t state = 0;
    const char* end = line.data() + line.size();
    for (const char* at = line.data(); (at = nextHit(at, end, state, &hits)) < end;)
        ++at; // the state goes on: anchors that overlap are all found
    return hits;
}

int LogMatcher::firstMatch(const QString& line, const PatternSet& candidates) const {
    for (int row = 0; row < m_patterns.size(); ++row) {
        if (candidates.test(row) && m_patterns.at(row).expression.match(line).hasMatch())
            return row;
    }
    return -1;
}

} // namespace duo
