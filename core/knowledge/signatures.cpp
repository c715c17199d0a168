#include "core/knowledge/signatures.h"

#include "core/knowledge/commandsets.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace duo {

namespace {

constexpr int noAnswer = 0;
constexpr int anyStatus = -1;

// Order matters: the first row that matches wins, so specific rows come before general ones.
// clang-format off
const QList<Signature> table = {
    // --- Transport: TLS, proxies, broken answers, for every server --------------------------------------------
    {QStringLiteral("tls.expired"), {QStringLiteral("*")}, {}, noAnswer, NetError::Tls, QStringLiteral("^tls expired"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The certificate of {server_host} is expired or not valid yet (valid {tls_validity})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Renew the certificate on {server_host}. GitLab and the gateway reject it too; do not switch verification off."), {}},
    {QStringLiteral("tls.hostname_mismatch"), {QStringLiteral("*")}, {}, noAnswer, NetError::Tls, QStringLiteral("^tls hostname_mismatch"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} presents a certificate made out to another name ({tls_subject})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use the host name the certificate names, or reissue it with {server_host} in its subjectAltName. A load balancer in front may be serving another site's certificate."), {}},
    {QStringLiteral("tls.self_signed"), {QStringLiteral("*")}, {}, noAnswer, NetError::Tls, QStringLiteral("^tls self_signed"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} presents a self-signed certificate ({tls_subject}, SHA-256 {tls_fingerprint})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "If it is the right certificate, trust it explicitly: --ca-file with it, or pin it with --trust-cert {server_host}={tls_fingerprint}. GitLab needs it in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure); the gateway in SSL_CERT_FILE and REQUESTS_CA_BUNDLE. The gateway does not support a self-signed GitLab certificate: prefer a private CA."), {}},
    {QStringLiteral("tls.inspecting_proxy"), {QStringLiteral("*")}, {}, noAnswer, NetError::Tls,
     QStringLiteral("^tls untrusted issuer=[^:]*(zscaler|forti|palo ?alto|blue ?coat|netskope|umbrella|forcepoint|sophos|check ?point|proxy|inspection|mitm)"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The certificate of {server_host} was signed by {tls_issuer}, not by the server's own CA: a TLS-inspecting proxy is likely between this desktop and the server."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Ask your network team for the proxy's CA certificate and pass it with --ca-file. The gateway needs it in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure) — or have {server_host} exempted from inspection."), {}},
    {QStringLiteral("tls.untrusted"), {QStringLiteral("*")}, {}, noAnswer, NetError::Tls, QStringLiteral("^tls untrusted"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The certificate of {server_host} was issued by {tls_issuer}, which this desktop does not trust: a private CA, or a TLS-inspecting proxy."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Pass the CA bundle with --ca-file (or add it to the system store). The gateway needs the same CA in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure)."), {}},
    {QStringLiteral("tls.handshake"), {QStringLiteral("*")}, {}, noAnswer, NetError::Tls, {}, {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The TLS handshake with {server_host} failed before any certificate was checked: {message}. An old TLS version, no shared cipher, or plain HTTP on a TLS port."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check http:// versus https:// in the URL and that {server_host} offers TLS 1.2 or newer."), {}},
    {QStringLiteral("proxy.auth_required"), {QStringLiteral("*")}, {}, anyStatus, NetError::Proxy, QStringLiteral("^proxy auth_required"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} wants credentials before it forwards anything to {server_host}."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Put the proxy's user and password in the proxy URL (http://user:password@proxy:3128, via https_proxy/http_proxy or --proxy), or have {server_host} added to no_proxy if it is reachable directly."), {}},
    {QStringLiteral("proxy.denied"), {QStringLiteral("*")}, {}, anyStatus, NetError::Proxy, QStringLiteral("^proxy denied"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} refuses to connect to {server_host}: its access rules forbid it. {server_host} itself was never asked."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Ask the proxy's administrator to allow {server_host}, or add it to no_proxy when it is reachable directly. The GitLab host has its own proxy variables: set no_proxy in gitlab_rails['env'] in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure."), {}},
    {QStringLiteral("proxy.cannot_reach"), {QStringLiteral("*")}, {}, anyStatus, NetError::Proxy, QStringLiteral("^proxy cannot_reach"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} answered for {server_host}: it cannot reach it ({message}). The server may be fine and only unreachable from the proxy."),
     QT_TRANSLATE_NOOP("duo::Signatures", "An internal host belongs in no_proxy, so requests go to it directly (here: no_proxy or --proxy none; on the GitLab host: gitlab_rails['env'] no_proxy)."), {}},
    {QStringLiteral("proxy.unusable"), {QStringLiteral("*")}, {}, anyStatus, NetError::Proxy, {}, {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} cannot be used: {message}."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the proxy address in https_proxy / http_proxy (or --proxy), or go direct for {server_host} with no_proxy or --proxy none."), {}},
    {QStringLiteral("answer.closed"), {QStringLiteral("*")}, {}, anyStatus, NetError::ConnectionClosed, {}, {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} closed the connection without a complete answer: a server that crashes on the request, a load balancer without a healthy backend, or a plain-HTTP client on a TLS port."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Look at the server's log for the time of this check and at any load balancer in front of {server_host}."), {}},
    {QStringLiteral("answer.too_large"), {QStringLiteral("*")}, {}, anyStatus, NetError::TooLarge, {}, {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} sent more than {max_bytes} bytes where a small API answer was expected: the URL probably points at something else."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the URL; raise --max-response-bytes only if this really is the API."), {}},
    {QStringLiteral("answer.html_login"), {QStringLiteral("*")}, {}, anyStatus, NetError::None, QStringLiteral("^html login page"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "An HTML login page answered instead of the API of {server_host}: a single-sign-on proxy or a web login sits in front of it."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use the address that reaches the API directly, or have the proxy let API paths (/api/, /v1/, /monitoring/) through; tokens and keys cannot log in to a web form."), {}},
    {QStringLiteral("answer.garbled"), {QStringLiteral("*")}, {}, anyStatus, NetError::None, QStringLiteral("^garbled"), {}, Status::Fail, {},
     QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} answered with something that is not the expected JSON ({message})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check that the URL points at the right service and port; a proxy or an error page may be answering."), {}},
    // --- GitLab, seen from the desktop -------------------------------------------------------------
    {QStringLiteral("gitlab.dns"), {QStringLiteral("gitlab.reachable")}, {}, noAnswer, NetError::HostNotFound, {}, {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The name {gitlab_host} does not resolve from this desktop."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the GitLab URL ({gitlab_url}) for a typo. If the name is only known inside your network, connect to that network (VPN) or use the address GitLab is reachable at."), {}},
    {QStringLiteral("gitlab.refused"), {QStringLiteral("gitlab.reachable")}, {}, noAnswer, NetError::ConnectionRefused, {}, {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {gitlab_host}:{gitlab_port}."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check that GitLab is running (sudo gitlab-ctl status) and that the port in {gitlab_url} is the one GitLab listens on."), {}},
    {QStringLiteral("gitlab.timeout"), {QStringLiteral("gitlab.reachable")}, {}, noAnswer, NetError::Timeout, {}, {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab did not answer within {timeout} s: a firewall drops the traffic, or GitLab is overloaded."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the firewall between this desktop and {gitlab_host}, then GitLab's health on the server (sudo gitlab-ctl status)."), {}},
    {QStringLiteral("gitlab.redirect"), {QStringLiteral("gitlab.reachable")}, {}, anyStatus, NetError::RedirectRefused, {}, {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab redirected the API request ({message}); the URL is not GitLab's external URL."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use GitLab's external_url exactly as set in /etc/gitlab/gitlab.rb, including the scheme and any relative path."), {}},
    {QStringLiteral("gitlab.token.invalid"), {QStringLiteral("gitlab.token")}, {}, 401, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab rejected the personal access token: it is revoked, expired or mistyped."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Create a new personal access token with the read_api scope (api to run GitLab's own connection check) at {gitlab_url}/-/user_settings/personal_access_tokens and pass it in the environment variable named by --gitlab-token-env."), {}},
    {QStringLiteral("gitlab.version.community"), {QStringLiteral("gitlab.version")}, {}, anyStatus, NetError::None, QStringLiteral("^edition: community"), {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab {gitlab_version} is the Community Edition; self-hosted models need the Enterprise Edition."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Install the gitlab-ee package of the same version (an in-place upgrade from CE to EE), add a license with GitLab Duo, then run the gateway image {aigw_image}."), {}},
    {QStringLiteral("gitlab.version.old"), {QStringLiteral("gitlab.version")}, {}, anyStatus, NetError::None, QStringLiteral("^version: too old"), {}, Status::Fail, QStringLiteral("gitlab"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab {gitlab_version} predates GitLab Duo Self-Hosted (GitLab 17.x or later)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Upgrade GitLab to a current 17.x or 18.x release, then run the gateway image whose tag matches it: self-hosted-v<version>-ee."), {}},
    {QStringLiteral("gitlab.license.expired"), {QStringLiteral("gitlab.license")}, {}, anyStatus, NetError::None, QStringLiteral("^expired"), {}, Status::Fail, QStringLiteral("gitlab_license"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's license expired on {license_expires_at}; GitLab Duo stops working with it."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Add a renewed license (Admin > Subscription, or Admin > Settings > General > Add License), then sync the subscription so GitLab Duo seats return."),
     {QStringLiteral("rails_license")}},
    {QStringLiteral("gitlab.license.missing"), {QStringLiteral("gitlab.license")}, {}, anyStatus, NetError::None, QStringLiteral("^no license"), {}, Status::Fail, QStringLiteral("gitlab_license"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab has no license: GitLab Duo needs Premium or Ultimate with GitLab Duo Enterprise."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Add a license: Admin > Subscription (or Admin > Settings > General > Add License)."), {QStringLiteral("rails_license")}},
    {QStringLiteral("gitlab.features.not_self_hosted"), {QStringLiteral("gitlab.self_hosted_features")}, {}, anyStatus, NetError::None, QStringLiteral("^provider"), {}, Status::Fail, QStringLiteral("gitlab_features"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Code Suggestions and code generation are not set to a self-hosted model ({message})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "In GitLab: Admin > GitLab Duo > Self-hosted models > AI-native features (older versions: Admin > Settings > General > AI-powered features), set Code Suggestions and Code generation to Self-hosted model and choose {deployment_name}."),
     {QStringLiteral("rails_feature_settings")}},
    {QStringLiteral("gitlab.user.no_access"), {QStringLiteral("gitlab.user_access")}, {}, anyStatus, NetError::None, QStringLiteral("^no access"), {}, Status::Fail, QStringLiteral("gitlab_user"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab says {gitlab_username} may not use Code Suggestions: no GitLab Duo seat, a license without GitLab Duo, or the features not set to a self-hosted model."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Assign {gitlab_username} a GitLab Duo seat (Admin > GitLab Duo > Seat utilization). If the seat is there, the license and feature checks name the missing piece."),
     {QStringLiteral("rails_user_access")}},
    {QStringLiteral("gitlab.gateway_url.unset"), {QStringLiteral("gitlab.ai_gateway_url")}, {}, anyStatus, NetError::None, QStringLiteral("^unset"), {}, Status::Fail, QStringLiteral("gitlab_gateway_url"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab has no AI gateway URL: Duo features fail with error A1001."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set it to {gateway_url}: Admin > GitLab Duo > Change configuration > Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure)."),
     {QStringLiteral("rails_gateway_url")}},
    {QStringLiteral("gitlab.gateway_url.mismatch"), {QStringLiteral("gitlab.ai_gateway_url")}, {}, anyStatus, NetError::None, QStringLiteral("^mismatch"), {}, Status::Fail, QStringLiteral("gitlab_gateway_url"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab sends its AI gateway traffic to {gitlab_gateway_url}, not to the gateway you entered ({gateway_url})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set GitLab's AI gateway URL to {gateway_url}: Admin > GitLab Duo > Change configuration > Local AI Gateway URL (before 17.9: AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure)."),
     {QStringLiteral("rails_gateway_url")}},
    {QStringLiteral("gitlab.outbound.local_blocked"), {QStringLiteral("gitlab.gateway_probe"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("local network are not allowed|requests to localhost are not allowed"), {}, Status::Fail, QStringLiteral("gitlab_to_gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's outbound request rules block the gateway's private address ({gateway_host}): \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Admin > Settings > Network > Outbound requests: add {gateway_host} to \"Local IP addresses and domain names that hooks and integrations can access\", or allow requests to the local network."),
     {QStringLiteral("rails_allow_local"), QStringLiteral("rails_http_gateway")}},
    {QStringLiteral("gitlab.outbound.proxy"), {QStringLiteral("gitlab.gateway_probe"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("ran for longer than|proxy"), {}, Status::Fail, QStringLiteral("gitlab_to_gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's request to the gateway went through a proxy that cannot reach it: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "On the GitLab host, add {gateway_host} to no_proxy (gitlab_rails['env'] in /etc/gitlab/gitlab.rb), then sudo gitlab-ctl reconfigure."),
     {QStringLiteral("rails_http_gateway")}},
    {QStringLiteral("gitlab.outbound.unreachable"), {QStringLiteral("gitlab.gateway_probe")}, {}, anyStatus, NetError::None,
     QStringLiteral("refused|failed to open|could not connect|timed out|timeout|getaddrinfo|unreachable|not reachable|returned http|no route"), {}, Status::Fail, QStringLiteral("gitlab_to_gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab cannot reach the gateway at {gitlab_gateway_url}: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "From the GitLab host, check that {gitlab_gateway_url} resolves and that the firewall lets GitLab reach it; the console command shows what GitLab sees."),
     {QStringLiteral("rails_http_gateway")}},
    {QStringLiteral("gateway.rejects_gitlab"), {QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("header mismatch|header is missing|forbidden by auth provider|signature verification failed|no keys founds in jwks"), {}, Status::Fail, QStringLiteral("gateway_auth"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway refuses GitLab's own requests: \"{message}\". It cannot validate GitLab's token or its instance headers (stale license data, a wrong AIGW_GITLAB_URL, or a stale key cache)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Sync the subscription (Admin > Subscription > Sync), make sure the gateway runs with AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} and can reach them, then restart the gateway."),
     {QStringLiteral("gateway_logs"), QStringLiteral("gateway_recreate")}},
    {QStringLiteral("gitlab.code_suggestions.forbidden"), {QStringLiteral("gitlab.code_suggestions")}, {}, 403, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_user"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab refuses Code Suggestions to {gitlab_username}."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Assign {gitlab_username} a GitLab Duo seat (Admin > GitLab Duo > Seat utilization) and check the license and feature settings."),
     {QStringLiteral("rails_user_access")}},

    // --- AI gateway ----------------------------------------------------------------------------------
    {QStringLiteral("gateway.dns"), {QStringLiteral("gateway.reachable")}, {}, noAnswer, NetError::HostNotFound, {}, {}, Status::Fail, QStringLiteral("gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The name {gateway_host} does not resolve from this desktop."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the gateway URL ({gateway_url}) for a typo, or use the address GitLab uses for it."), {}},
    {QStringLiteral("gateway.refused"), {QStringLiteral("gateway.reachable")}, {}, noAnswer, NetError::ConnectionRefused, {}, {}, Status::Fail, QStringLiteral("gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {gateway_host}:{gateway_port}: the gateway is not running, or listens on another port (the self-hosted image uses 5052)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Start the gateway container (docker ps -a, then docker start <ai-gateway-container>) and check the port in {gateway_url}."),
     {QStringLiteral("gateway_logs")}},
    {QStringLiteral("gateway.timeout"), {QStringLiteral("gateway.reachable")}, {}, noAnswer, NetError::Timeout, {}, {}, Status::Fail, QStringLiteral("gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "No answer from {gateway_host}:{gateway_port} within {timeout} s: a firewall drops the traffic, or the gateway hangs."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the firewall between this desktop and {gateway_host} and the gateway's log; confirm that {gateway_url} is the gateway's address."),
     {QStringLiteral("gateway_logs")}},
    {QStringLiteral("gateway.unhealthy"), {QStringLiteral("gateway.health")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway answers but /monitoring/healthz says it cannot process requests (HTTP {http_status})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Read the gateway's log for the failing component, then reinstall it following \"Install the GitLab AI gateway\" with the image {aigw_image}."),
     {QStringLiteral("gateway_logs"), QStringLiteral("gateway_healthz_inside")}},
    {QStringLiteral("gateway.auth_bypass_off"), {QStringLiteral("gateway.auth_bypass"), QStringLiteral("gateway.model_request")}, {}, 401, NetError::None,
     QStringLiteral("no authorization header|invalid authorization header"), {}, Status::Fail, QStringLiteral("gateway_auth"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway demands a GitLab token on every request: AIGW_AUTH__BYPASS_EXTERNAL is not true."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true, as self-hosted models require."),
     {QStringLiteral("gateway_env"), QStringLiteral("gateway_recreate")}},
    {QStringLiteral("gateway.custom_models_disabled"), {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("custom models.{0,40}(disabled|not enabled)|AIGW_CUSTOM_MODELS__ENABLED"), {}, Status::Fail, QStringLiteral("gateway_config"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway refuses self-hosted models: AIGW_CUSTOM_MODELS__ENABLED is not true."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway container with -e AIGW_CUSTOM_MODELS__ENABLED=true."),
     {QStringLiteral("gateway_env"), QStringLiteral("gateway_recreate")}},
    {QStringLiteral("gateway.llm_provider_missing"), {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("LLM Provider NOT provided"), {}, Status::Fail, QStringLiteral("model_identifier"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway cannot tell which protocol to speak: the identifier {model_identifier} has no provider prefix."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to custom_openai/{served_model_id} for an OpenAI-compatible server (bedrock/… for Bedrock, azure/… for Azure)."), {}},
    {QStringLiteral("gateway.model_connection_error"), {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("APIConnectionError|Connection error|could not connect to the model|connection refused|Cannot connect to host"), {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway could not open a connection to the model at {model_endpoint}: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Run the request from inside the gateway container (below). If it fails there, fix the network between the gateway and {model_host}."),
     {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("gateway.model_not_found"), {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("does not exist|NotFoundError|not found|Invalid model name"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The model server does not know the model the gateway asked for: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "The part of the identifier after custom_openai/ must equal an id from {models_url}; check the endpoint ends in /v1."),
     {QStringLiteral("model_list")}},
    {QStringLiteral("gateway.model_auth"), {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, anyStatus, NetError::None,
     QStringLiteral("AuthenticationError|Unauthorized|api key|invalid subscription key"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The model server rejected the API key the gateway sent: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use the key the model server expects, here and in GitLab's self-hosted model {deployment_name}."), {}},
    {QStringLiteral("gateway.unknown_family"), {QStringLiteral("gateway.model_request")}, {}, 422, NetError::None, {}, {}, Status::Fail, QStringLiteral("model_identifier"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway rejected the request as malformed (HTTP 422): \"{message}\". Usually the model name {model_name} is not a family this gateway version knows."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use a model name GitLab lists for self-hosted models (mistral, codestral, llama3, codegemma, general…) and a gateway image matching GitLab: {aigw_image}."), {}},
    {QStringLiteral("gateway.inference_timeout"), {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, {}, noAnswer, NetError::Timeout, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "No answer within {inference_timeout} s: the model generates too slowly, or the gateway waits on a model it cannot reach."),
     QT_TRANSLATE_NOOP("duo::Signatures", "See model.completion: raise GitLab's AI gateway request timeout (Admin > GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model."), {}},

    // --- Model server ----------------------------------------------------------------------------------
    {QStringLiteral("model.endpoint_address.container_self"), {QStringLiteral("model.endpoint_address")}, {}, anyStatus, NetError::None, {}, QStringLiteral("loopback"), Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The endpoint {model_endpoint} names the local host. Inside the gateway's container that is the container itself, not the machine the model server runs on: this desktop reaches the model, the gateway does not."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Run the gateway container with --network host and -e AIGW_FASTAPI__METRICS_PORT=8083 (the metrics port would clash on the host network), or give the endpoint an address of the model host that the container can reach, here and in GitLab."),
     {QStringLiteral("gateway_network_host"), QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("model.endpoint_address.unreachable_from_gateway"), {QStringLiteral("model.endpoint_address")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "This desktop reaches {model_host}, the gateway does not: a firewall, a DNS name the container cannot resolve, or a network the container is not attached to."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Run the request from inside the gateway container (below). Then open the firewall from the gateway's host to {model_host}:{model_port}, or give the container the DNS or network it needs (docker run --network / --add-host)."),
     {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("model.container_only_name"), {QStringLiteral("model.reachable")}, {}, noAnswer, NetError::HostNotFound, {}, QStringLiteral("dotless"), Status::Warn, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "{model_host} has no domain and does not resolve here: probably a name only the container network knows (a Docker service name). It cannot be checked from this desktop."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check it from inside the gateway container instead (below)."), {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("model.dns"), {QStringLiteral("model.reachable")}, {}, noAnswer, NetError::HostNotFound, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The name {model_host} does not resolve from this desktop."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the model endpoint ({model_endpoint}) for a typo; use a name both this desktop and the gateway container can resolve."),
     {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("model.refused"), {QStringLiteral("model.reachable")}, {}, noAnswer, NetError::ConnectionRefused, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {model_host}:{model_port}: the model server is not running, or listens elsewhere."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Start the model server and check the port in {model_endpoint}. It must listen on an address the gateway can reach: vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (it binds 127.0.0.1 by default)."),
     {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("model.timeout"), {QStringLiteral("model.reachable")}, {}, noAnswer, NetError::Timeout, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "No answer from {model_host}:{model_port} within {timeout} s: a firewall drops the traffic, or the server is stuck."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the firewall in front of the model server and that the server is up."), {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("model.endpoint_path.missing_v1"), {QStringLiteral("model.endpoint_path")}, {}, anyStatus, NetError::None, QStringLiteral("^missing /v1"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "{models_url} is not found while {corrected_endpoint}/models answers: the endpoint lacks /v1, so every request the gateway makes gets a 404."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use the endpoint {corrected_endpoint}, here and in GitLab (Admin > GitLab Duo > Self-hosted models > {deployment_name} > Endpoint)."),
     {QStringLiteral("model_list")}},
    {QStringLiteral("model.endpoint_path.no_api"), {QStringLiteral("model.endpoint_path")}, {}, anyStatus, NetError::None, QStringLiteral("^no api"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "No OpenAI-compatible API at {model_endpoint}: {models_url} answered HTTP {http_status}."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use the server's OpenAI-compatible base URL, usually ending in /v1 (vLLM http://host:8000/v1, Ollama http://host:11434/v1, LiteLLM http://host:4000)."), {}},
    {QStringLiteral("model.auth.missing"), {QStringLiteral("model.auth")}, {}, 401, NetError::None, QStringLiteral("no api key passed"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The model server needs an API key and none was sent."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Give the key in the environment variable named by --model-key-env, and set the same key on GitLab's self-hosted model {deployment_name}."), {}},
    {QStringLiteral("model.auth.rejected"), {QStringLiteral("model.auth")}, {}, anyStatus, NetError::None, QStringLiteral("^rejected"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The model server rejected the API key (HTTP {http_status})."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Use the key the server was started with (vLLM --api-key, a LiteLLM master or virtual key), here and on GitLab's self-hosted model {deployment_name}."),
     {QStringLiteral("model_list")}},
    {QStringLiteral("model.listed.missing_prefix"), {QStringLiteral("model.listed")}, {}, anyStatus, NetError::None, QStringLiteral("^missing prefix"), {}, Status::Fail, QStringLiteral("model_identifier"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The identifier {model_identifier} lacks the custom_openai/ prefix that tells the gateway to speak the OpenAI protocol to this server."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to {suggested_identifier}, here and in GitLab (Admin > GitLab Duo > Self-hosted models > {deployment_name} > Model identifier)."), {}},
    {QStringLiteral("model.listed.not_served"), {QStringLiteral("model.listed")}, {}, anyStatus, NetError::None, QStringLiteral("^not served"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The server does not serve {served_model_id}; it serves: {served_models}."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to {suggested_identifier} (custom_openai/ followed by an id the server lists), here and in GitLab's self-hosted model {deployment_name}; or serve the model under that name (vLLM --served-model-name {served_model_id:sh})."),
     {QStringLiteral("model_list")}},
    {QStringLiteral("model.completion.timeout"), {QStringLiteral("model.completion")}, {}, noAnswer, NetError::Timeout, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The model did not return a single token within {inference_timeout} s."),
     QT_TRANSLATE_NOOP("duo::Signatures", "A model this slow also exceeds GitLab's AI gateway timeout (60 s by default): raise it (Admin > GitLab Duo > AI gateway request timeout, 60–600 s, GitLab 18.7 and later), or use a smaller or faster model and more GPU."), {}},
    {QStringLiteral("model.completion.context"), {QStringLiteral("model.completion")}, {}, anyStatus, NetError::None, QStringLiteral("context length|maximum context|prompt is too long|max_model_len"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The model's context window is too small: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Start vLLM with a larger --max-model-len, or use a model with a longer context."), {}},
    {QStringLiteral("model.completion.not_found"), {QStringLiteral("model.completion")}, {}, anyStatus, NetError::None, QStringLiteral("does not exist|not found|Invalid model name"), {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The server does not serve {served_model_id}: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to custom_openai/ followed by an id from {models_url}."), {QStringLiteral("model_list")}},
    // --- Seen only in logs and tool output (duo-doctor analyze): no check produces them -----------------------
    {QStringLiteral("log.duo_chat_a1001"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_to_gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1001: GitLab could not reach the AI gateway. The gateway URL is wrong or unset, the network is in the way, or GitLab's outbound rules block the gateway's private address."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the gateway URL (Admin > GitLab Duo > AI gateway URL; AI_GATEWAY_URL before 17.9) against {gateway_url}, and allow {gateway_host} under Admin > Settings > Network > Outbound requests."), {}},
    {QStringLiteral("log.read_timeout"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab gave up waiting for the gateway (Net::ReadTimeout, Duo Chat error A1000): the model answers more slowly than GitLab's AI gateway timeout."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Raise the AI gateway request timeout (Admin > GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model; duo-doctor check measures the model's latency."), {}},
    {QStringLiteral("log.duo_chat_a1003"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1003: streaming between the model and the gateway broke, often a proxy that buffers answers or strips X-Accel-Buffering."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true, or stop the proxy between the gateway and the model from buffering."), {}},
    {QStringLiteral("log.duo_chat_a1002"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1002: GitLab got no events back from the AI gateway, or could not read them. The gateway's call to the model failed, or the model's answer was not in a form the gateway understands."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Find the model's error in the gateway's log at that time. If the model server streams answers the gateway cannot read, recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true."), {QStringLiteral("gateway_logs")}},
    {QStringLiteral("log.duo_chat_a1004"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1004: the AI gateway failed while handling the request, often passing on the model server's own error."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Find the error in the gateway's log at that time; duo-doctor check asks the model the way the gateway does and names the cause."), {QStringLiteral("gateway_logs")}},
    {QStringLiteral("log.duo_chat_a1005"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1005: the conversation no longer fits the model's context window (its maximum number of tokens)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Start a new conversation with /new or /clear. If it happens after a few messages, the served context window is too small: start vLLM with a larger --max-model-len (duo-doctor check reports it as model.context_length)."), {}},
    {QStringLiteral("log.duo_chat_agent_gave_up"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat's agent gave up before it found an answer (A1006, A6000 or A9999). With a self-hosted model this often means the model does not follow the agent's tool-use format well enough."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Try a more specific prompt or /clear. If it keeps happening, use a model GitLab supports for Duo Chat (a larger instruct model) and read the model's answers in the gateway's log."), {QStringLiteral("gateway_logs")}},
    {QStringLiteral("log.duo_chat_agent_platform"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1007 or A1008: the GitLab Duo Agent Platform failed on the request; A1008 means the model provider behind the gateway (your model server) returned an error."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the gateway's log and the model server's log at that time; duo-doctor check tells whether the model answers the gateway."), {QStringLiteral("gateway_logs")}},
    {QStringLiteral("log.duo_chat_no_access"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_user"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat refused the user (M3004, M3006 or G3001): no GitLab Duo seat, or a GitLab Duo add-on that does not include Duo Chat."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Assign the user a GitLab Duo seat (Admin > GitLab Duo > Seat utilization) and make sure the add-on includes Duo Chat; duo-doctor check reports the seat as gitlab.duo_seat."), {}},
    {QStringLiteral("log.duo_chat_turned_off"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_user"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M3002: GitLab Duo is turned off for the group or project the question is about."),
     QT_TRANSLATE_NOOP("duo::Signatures", "A group or project owner turns GitLab Duo on (Settings > General > GitLab Duo features); an administrator can do so for the instance (Admin > GitLab Duo)."), {}},
    {QStringLiteral("log.duo_chat_default_namespace"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_user"),
     QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error G3002: the user belongs to several GitLab Duo namespaces and has not chosen a default one."),
     QT_TRANSLATE_NOOP("duo::Signatures", "The user picks a default GitLab Duo namespace in their preferences (User settings > Preferences)."), {}},
    {QStringLiteral("log.gitlab_gateway_url_invalid"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_gateway_url"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's AI gateway URL is not a valid URL: it must start with http:// or https://."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Set it to {gateway_url}: Admin > GitLab Duo > Change configuration > Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure)."), {QStringLiteral("rails_gateway_url")}},
    {QStringLiteral("log.rake_identifier_prefix"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("model_identifier"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab skips a self-hosted model whose identifier does not start with custom_openai/ (or another provider prefix): the gateway would not know which protocol to speak."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Edit the model under Admin > GitLab Duo > Self-hosted models: set the identifier to custom_openai/ followed by an id from {models_url}."), {QStringLiteral("model_list")}},
    {QStringLiteral("log.aigw_gitlab_url_unset"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_config"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway does not know its GitLab: neither AIGW_GITLAB_URL nor AIGW_AUTH__BYPASS_EXTERNAL is set."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway with -e AIGW_GITLAB_URL={gitlab_url} -e AIGW_GITLAB_API_URL={gitlab_api_url}."), {QStringLiteral("gateway_recreate")}},
    {QStringLiteral("log.gateway_token_rejected"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_auth"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway rejected a token: \"{message}\". Malformed (\"Not enough segments\"), expired (\"Signature has expired\": stale license data) or signed by a key the gateway has not loaded."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Sync the subscription (Admin > Subscription > Sync) and restart the gateway so it reloads GitLab's keys; make sure it reaches {gitlab_url}."), {QStringLiteral("gateway_logs")}},
    {QStringLiteral("log.jwks_unreachable"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_auth"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway cannot fetch GitLab's signing keys (JWKS), so it rejects every token from GitLab: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} in the container and that it reaches them (no proxy in the way): curl \"$AIGW_GITLAB_API_URL/projects\" from inside it. A restart clears a stale key cache."), {QStringLiteral("gateway_reaches_gitlab")}},
    {QStringLiteral("log.gateway_tls_verify"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway does not trust a certificate it was shown (or cannot read the CA file): \"{message}\". A private CA or a TLS-inspecting proxy."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Mount the CA bundle into the gateway and set SSL_CERT_FILE and REQUESTS_CA_BUNDLE to it. The gateway does not support a self-signed GitLab certificate: use a private CA."), {}},
    {QStringLiteral("log.image_platform"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_config"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway image was built for another CPU architecture than the host's."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Run it with --platform linux/amd64 (emulated, slow) or on an amd64 host: docker run --platform linux/amd64 … {aigw_image}."), {}},
    {QStringLiteral("log.port_in_use"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_config"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The port is already taken on the host: \"{message}\". Another gateway container, or another service (the metrics port 8082 clashes with --network host)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Stop the old container (docker ps; docker rm -f <name>) or pick free ports; with --network host also set -e AIGW_FASTAPI__METRICS_PORT=8083."), {QStringLiteral("gateway_network_host")}},
    {QStringLiteral("log.bedrock_credentials"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_config"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway has no AWS credentials for Bedrock: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Pass AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION_NAME to the gateway container; Bedrock identifiers are bedrock/<model id> and need no endpoint."), {}},
    {QStringLiteral("log.gateway_version"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_config"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway is newer than GitLab and refuses its requests (DCR4005)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Run the gateway tag that matches GitLab ({aigw_image}), never latest."), {}},
    {QStringLiteral("log.gateway_model_failed"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gateway_to_model"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The gateway's own troubleshooting script could not use the model: \"{message}\"."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Ask the model from inside the gateway container with the command below; then check the endpoint ({model_endpoint}, reachable from the container and ending in /v1), the identifier ({model_identifier}) and the API key."), {QStringLiteral("curl_model_from_gateway")}},
    {QStringLiteral("log.license_no_code_suggestions"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Fail, QStringLiteral("gitlab_license"),
     QT_TRANSLATE_NOOP("duo::Signatures", "The license does not include Code Suggestions (GitLab Duo add-on)."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Check the subscription under Admin > Subscription and sync it; self-hosted models need GitLab Duo Enterprise (or the matching add-on) on Premium or Ultimate."), {}},
    {QStringLiteral("log.tls_not_trusted"), {QStringLiteral("log")}, {}, anyStatus, NetError::None, {}, {}, Status::Warn, QStringLiteral("gitlab_to_gateway"),
     QT_TRANSLATE_NOOP("duo::Signatures", "GitLab reaches the host but does not trust its certificate: \"{message}\". A private CA or a TLS-inspecting proxy."),
     QT_TRANSLATE_NOOP("duo::Signatures", "Put the CA certificate in /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure."), {}},
};
// clang-format on

bool appliesTo(const Signature& signature, const QString& checkId) {
    for (const QString& pattern : signature.checks) {
        if (pattern == checkId ||
            (pattern.endsWith(QLatin1Char('*')) && checkId.startsWith(pattern.chopped(1))))
            return true;
    }
    return false;
}

bool statusMatches(int wanted, const Observation& observation) {
    if (wanted == anyStatus)
        return true;
    if (wanted == noAnswer)
        return observation.httpStatus == 0;
    return observation.httpStatus == wanted;
}

bool textMatches(const QString& pattern, const QString& text) {
    if (pattern.isEmpty())
        return true;
    const QRegularExpression expression(pattern, QRegularExpression::CaseInsensitiveOption);
    return expression.match(text).hasMatch();
}

} // namespace

Observation Observation::fromHttp(const QString& checkId, const HttpResult& result) {
    Observation observation;
    observation.checkId = checkId;
    observation.httpStatus =
        result.error == NetError::None || result.error == NetError::RedirectRefused ? result.status : 0;
    observation.netError = result.error;
    observation.host = result.url.host();
    observation.text =
        result.error == NetError::None ? QString::fromUtf8(result.body.left(64 * 1024)) : result.errorText;
    // The transport's verdict leads the text, so one table row can match it for any server.
    if (result.error == NetError::Tls) {
        const QString issuer = result.chain.isEmpty() ? QString() : result.chain.constFirst().issuer;
        observation.text =
            QStringLiteral("tls %1 issuer=%2: %3").arg(result.problem, issuer, result.errorText);
    } else if (result.error == NetError::Proxy) {
        observation.text = QStringLiteral("proxy %1: %2").arg(result.problem, result.errorText);
    }
    return observation;
}

const QList<Signature>& signatureTable() {
    return table;
}

const Signature* findSignature(const QString& id) {
    for (const Signature& signature : table) {
        if (signature.id == id)
            return &signature;
    }
    return nullptr;
}

const Signature* matchSignature(const Observation& observation) {
    for (const Signature& signature : table) {
        if (!appliesTo(signature, observation.checkId))
            continue;
        if (!signature.serverType.isEmpty() && signature.serverType != observation.serverType)
            continue;
        if (!statusMatches(signature.httpStatus, observation))
            continue;
        if (signature.netError != NetError::None && signature.netError != observation.netError)
            continue;
        if (!signature.hostKind.isEmpty() && signature.hostKind != observation.hostKind)
            continue;
        if (!textMatches(signature.pattern, observation.text))
            continue;
        return &signature;
    }
    return nullptr;
}

void applySignature(CheckResult& result, const Signature& signature, const TemplateValues& values) {
    result.status = signature.status;
    result.explanation =
        fillTemplate(QCoreApplication::translate("duo::Signatures", signature.explanation), values);
    result.fix = fillTemplate(QCoreApplication::translate("duo::Signatures", signature.fix), values);
    result.commands = commandSets(signature.commandSets, values);
    result.evidence.insert(QStringLiteral("signature"), signature.id);
    result.evidence.insert(QStringLiteral("blames"), signature.blames);
}

} // namespace duo
