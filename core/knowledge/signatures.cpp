#include "core/knowledge/signatures.h"

#include "core/engine/evidence.h"
#include "core/knowledge/commandsets.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace duo {

namespace {

constexpr int noAnswer = noHttpAnswer;

// Order matters: the first row that matches wins, so specific rows come before general ones.
// clang-format off
const QList<Signature> table = {
    // --- Transport: TLS, proxies, broken answers, for every server --------------------------------------------
    {.id = QStringLiteral("tls.expired"), .checks = {QStringLiteral("*")}, .httpStatus = noAnswer,
     .netError = NetError::Tls, .verdict = Verdict::TlsExpired,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The certificate of {server_host} is expired or not valid yet (valid {tls_validity})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Renew the certificate on {server_host}. GitLab and the gateway reject it too; do not switch verification off.")},
    {.id = QStringLiteral("tls.hostname_mismatch"), .checks = {QStringLiteral("*")}, .httpStatus = noAnswer,
     .netError = NetError::Tls, .verdict = Verdict::TlsHostnameMismatch,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} presents a certificate made out to another name ({tls_subject})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use the host name the certificate names, or reissue it with {server_host} in its subjectAltName. A load balancer in front may be serving another site's certificate.")},
    {.id = QStringLiteral("tls.self_signed"), .checks = {QStringLiteral("*")}, .httpStatus = noAnswer,
     .netError = NetError::Tls, .verdict = Verdict::TlsSelfSigned,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} presents a self-signed certificate ({tls_subject}, SHA-256 {tls_fingerprint})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "If it is the right certificate, trust it explicitly: --ca-file with it, or pin it with --trust-cert {server_host}={tls_fingerprint}. GitLab needs it in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure); the gateway in SSL_CERT_FILE and REQUESTS_CA_BUNDLE. The gateway does not support a self-signed GitLab certificate: prefer a private CA.")},
    {.id = QStringLiteral("tls.inspecting_proxy"), .checks = {QStringLiteral("*")}, .httpStatus = noAnswer,
     .netError = NetError::Tls, .verdict = Verdict::TlsInspectingProxy,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The certificate of {server_host} was signed by {tls_issuer}, not by the server's own CA: a TLS-inspecting proxy is likely between this desktop and the server."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Ask your network team for the proxy's CA certificate and pass it with --ca-file. The gateway needs it in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure) — or have {server_host} exempted from inspection.")},
    {.id = QStringLiteral("tls.untrusted"), .checks = {QStringLiteral("*")}, .httpStatus = noAnswer,
     .netError = NetError::Tls, .verdict = Verdict::TlsUntrusted,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The certificate of {server_host} was issued by {tls_issuer}, which this desktop does not trust: a private CA, or a TLS-inspecting proxy."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Pass the CA bundle with --ca-file (or add it to the system store). The gateway needs the same CA in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure).")},
    {.id = QStringLiteral("tls.handshake"), .checks = {QStringLiteral("*")}, .httpStatus = noAnswer,
     .netError = NetError::Tls,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The TLS handshake with {server_host} failed before any certificate was checked: {message}. An old TLS version, no shared cipher, or plain HTTP on a TLS port."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check http:// versus https:// in the URL and that {server_host} offers TLS 1.2 or newer.")},
    {.id = QStringLiteral("proxy.auth_required"), .checks = {QStringLiteral("*")}, .netError = NetError::Proxy,
     .verdict = Verdict::ProxyAuthRequired,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} wants credentials before it forwards anything to {server_host}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Put the proxy's user and password in the proxy URL (http://user:password@proxy:3128, via https_proxy/http_proxy or --proxy), or have {server_host} added to no_proxy if it is reachable directly.")},
    {.id = QStringLiteral("proxy.denied"), .checks = {QStringLiteral("*")}, .netError = NetError::Proxy,
     .verdict = Verdict::ProxyDenied,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} refuses to connect to {server_host}: its access rules forbid it. {server_host} itself was never asked."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Ask the proxy's administrator to allow {server_host}, or add it to no_proxy when it is reachable directly. The GitLab host has its own proxy variables: set no_proxy in gitlab_rails['env'] in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure.")},
    {.id = QStringLiteral("proxy.cannot_reach"), .checks = {QStringLiteral("*")}, .netError = NetError::Proxy,
     .verdict = Verdict::ProxyCannotReach,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} answered for {server_host}: it cannot reach it ({message}). The server may be fine and only unreachable from the proxy."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "An internal host belongs in no_proxy, so requests go to it directly (here: no_proxy or --proxy none; on the GitLab host: gitlab_rails['env'] no_proxy).")},
    {.id = QStringLiteral("proxy.unusable"), .checks = {QStringLiteral("*")}, .netError = NetError::Proxy,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The proxy {proxy} cannot be used: {message}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the proxy address in https_proxy / http_proxy (or --proxy), or go direct for {server_host} with no_proxy or --proxy none.")},
    {.id = QStringLiteral("answer.closed"), .checks = {QStringLiteral("*")}, .netError = NetError::ConnectionClosed,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} closed the connection without a complete answer: a server that crashes on the request, a load balancer without a healthy backend, or a plain-HTTP client on a TLS port."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Look at the server's log for the time of this check and at any load balancer in front of {server_host}.")},
    {.id = QStringLiteral("answer.too_large"), .checks = {QStringLiteral("*")}, .netError = NetError::TooLarge,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} sent more than {max_bytes} bytes where a small API answer was expected: the URL probably points at something else."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the URL; raise --max-response-bytes only if this really is the API.")},
    {.id = QStringLiteral("answer.html_login"), .checks = {QStringLiteral("*")}, .verdict = Verdict::HtmlLoginPage,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "An HTML login page answered instead of the API of {server_host}: a single-sign-on proxy or a web login sits in front of it."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use the address that reaches the API directly, or have the proxy let API paths (/api/, /v1/, /monitoring/) through; tokens and keys cannot log in to a web form.")},
    {.id = QStringLiteral("answer.garbled"), .checks = {QStringLiteral("*")}, .verdict = Verdict::GarbledAnswer,
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{server_host} answered with something that is not the expected JSON ({message})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check that the URL points at the right service and port; a proxy or an error page may be answering.")},
    // --- GitLab, seen from the desktop -------------------------------------------------------------
    {.id = QStringLiteral("gitlab.dns"), .checks = {QStringLiteral("gitlab.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::HostNotFound, .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The name {gitlab_host} does not resolve from this desktop."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the GitLab URL ({gitlab_url}) for a typo. If the name is only known inside your network, connect to that network (VPN) or use the address GitLab is reachable at.")},
    {.id = QStringLiteral("gitlab.refused"), .checks = {QStringLiteral("gitlab.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::ConnectionRefused, .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {gitlab_host}:{gitlab_port}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check that GitLab is running (sudo gitlab-ctl status) and that the port in {gitlab_url} is the one GitLab listens on.")},
    {.id = QStringLiteral("gitlab.timeout"), .checks = {QStringLiteral("gitlab.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::Timeout, .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab did not answer within {timeout} s: a firewall drops the traffic, or GitLab is overloaded."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the firewall between this desktop and {gitlab_host}, then GitLab's health on the server (sudo gitlab-ctl status).")},
    {.id = QStringLiteral("gitlab.redirect"), .checks = {QStringLiteral("gitlab.reachable")}, .netError = NetError::RedirectRefused,
     .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab redirected the API request ({message}); the URL is not GitLab's external URL."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use GitLab's external_url exactly as set in /etc/gitlab/gitlab.rb, including the scheme and any relative path.")},
    {.id = QStringLiteral("gitlab.reachable.not_gitlab"), .checks = {QStringLiteral("gitlab.reachable")}, .verdict = Verdict::NotGitLabApi,
     .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The URL reaches a web server, but /api/v4/metadata is not GitLab's API there."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use GitLab's external URL (the external_url in /etc/gitlab/gitlab.rb), including any relative path such as /gitlab.")},
    {.id = QStringLiteral("gitlab.token.scopes"), .checks = {QStringLiteral("gitlab.token")}, .verdict = Verdict::TokenScopesTooNarrow,
     .status = Status::Warn, .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The token has neither the api nor the read_api scope: most checks cannot ask GitLab."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Create a token with the read_api scope (api for GitLab's own connection check).")},
    {.id = QStringLiteral("gitlab.token.invalid"), .checks = {QStringLiteral("gitlab.token")}, .httpStatus = 401,
     .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab rejected the personal access token: it is revoked, expired or mistyped."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Create a new personal access token with the read_api scope (api to run GitLab's own connection check) at {gitlab_url}/-/user_settings/personal_access_tokens and pass it in the environment variable named by --gitlab-token-env.")},
    {.id = QStringLiteral("gitlab.version.community"), .checks = {QStringLiteral("gitlab.version")}, .verdict = Verdict::CommunityEdition,
     .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab {gitlab_version} is the Community Edition; self-hosted models need the Enterprise Edition."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Install the gitlab-ee package of the same version (an in-place upgrade from CE to EE), add a license with GitLab Duo, then run the gateway image {aigw_image}.")},
    {.id = QStringLiteral("gitlab.version.old"), .checks = {QStringLiteral("gitlab.version")}, .verdict = Verdict::VersionTooOld,
     .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab {gitlab_version} predates GitLab Duo Self-Hosted (GitLab 17.x or later)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Upgrade GitLab to a current 17.x or 18.x release, then run the gateway image whose tag matches it: self-hosted-v<version>-ee.")},
    {.id = QStringLiteral("gitlab.license.expired"), .checks = {QStringLiteral("gitlab.license")}, .verdict = Verdict::LicenseExpired,
     .blames = QStringLiteral("gitlab_license"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's license expired on {license_expires_at}; GitLab Duo stops working with it."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Add a renewed license (Admin > Subscription, or Admin > Settings > General > Add License), then sync the subscription so GitLab Duo seats return."),
     .commandSets = {QStringLiteral("rails_license")}},
    {.id = QStringLiteral("gitlab.license.missing"), .checks = {QStringLiteral("gitlab.license")}, .verdict = Verdict::NoLicense,
     .blames = QStringLiteral("gitlab_license"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab has no license: GitLab Duo needs Premium or Ultimate with GitLab Duo Enterprise."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Add a license: Admin > Subscription (or Admin > Settings > General > Add License)."),
     .commandSets = {QStringLiteral("rails_license")}},
    {.id = QStringLiteral("gitlab.features.not_self_hosted"), .checks = {QStringLiteral("gitlab.self_hosted_features")}, .verdict = Verdict::FeaturesNotSelfHosted,
     .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Suggestions and code generation are not set to a self-hosted model ({message})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "In GitLab: Admin > GitLab Duo > Self-hosted models > AI-native features (older versions: Admin > Settings > General > AI-powered features), set Code Suggestions and Code generation to Self-hosted model and choose {deployment_name}."),
     .commandSets = {QStringLiteral("rails_feature_settings")}},
    {.id = QStringLiteral("gitlab.user.no_access"), .checks = {QStringLiteral("gitlab.user_access")}, .verdict = Verdict::UserNoAccess,
     .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab says {gitlab_username} may not use Code Suggestions: no GitLab Duo seat, a license without GitLab Duo, or the features not set to a self-hosted model."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Assign {gitlab_username} a GitLab Duo seat (Admin > GitLab Duo > Seat utilization). If the seat is there, the license and feature checks name the missing piece."),
     .commandSets = {QStringLiteral("rails_user_access")}},
    {.id = QStringLiteral("gitlab.duo_seat.no_add_on"), .checks = {QStringLiteral("gitlab.duo_seat")}, .verdict = Verdict::DuoAddOnMissing,
     .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Suggestions with a self-hosted model need a GitLab Duo add-on (Duo Enterprise) with seats."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Activate GitLab Duo Enterprise on the subscription, then sync it (Admin > Subscription > Sync).")},
    {.id = QStringLiteral("gitlab.duo_seat.all_taken"), .checks = {QStringLiteral("gitlab.duo_seat")}, .verdict = Verdict::SeatsAllTaken,
     .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Without a seat GitLab refuses the user's Code Suggestions requests."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "All {purchased_seats} seats are taken: free one or buy more, then assign it to {gitlab_username} (Admin > GitLab Duo > Seat utilization).")},
    {.id = QStringLiteral("gitlab.duo_seat.unassigned"), .checks = {QStringLiteral("gitlab.duo_seat")}, .verdict = Verdict::SeatUnassigned,
     .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Without a seat GitLab refuses the user's Code Suggestions requests."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Assign {gitlab_username} a seat: Admin > GitLab Duo > Seat utilization.")},
    {.id = QStringLiteral("gitlab.model_config.unknown"), .checks = {QStringLiteral("gitlab.model_config")}, .verdict = Verdict::ModelUnknownToGitLab,
     .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The checks from this desktop test a model GitLab does not know, so they say nothing about GitLab's own requests."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Pick GitLab's model on the Model page (or duo-doctor profiles import), or add it under Admin > GitLab Duo > Self-hosted models.")},
    {.id = QStringLiteral("gitlab.model_config.differs"), .checks = {QStringLiteral("gitlab.model_config")}, .verdict = Verdict::ModelConfigDiffers,
     .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab sends its own settings to the gateway: the checks from this desktop test other values than GitLab uses."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Make them the same: change this setup (duo-doctor profiles import reads GitLab's), or edit the model in GitLab (Admin > GitLab Duo > Self-hosted models > {gitlab_model}).")},
    {.id = QStringLiteral("gitlab.model_config.no_api_key"), .checks = {QStringLiteral("gitlab.model_config")}, .verdict = Verdict::ModelWithoutKeyInGitLab,
     .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab sends no API key to the model, while this setup uses one: a model server that needs a key rejects GitLab's requests although the checks from this desktop pass."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Enter the model's API key in GitLab (Admin > GitLab Duo > Self-hosted models > {gitlab_model}).")},
    {.id = QStringLiteral("gitlab.gateway_url.unset"), .checks = {QStringLiteral("gitlab.ai_gateway_url")}, .verdict = Verdict::GatewayUrlUnset,
     .blames = QStringLiteral("gitlab_gateway_url"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab has no AI gateway URL: Duo features fail with error A1001."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set it to {gateway_url}: Admin > GitLab Duo > Change configuration > Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure)."),
     .commandSets = {QStringLiteral("rails_gateway_url")}},
    {.id = QStringLiteral("gitlab.gateway_url.other_host"), .checks = {QStringLiteral("gitlab.ai_gateway_url")}, .verdict = Verdict::GatewayKnownByOtherHost,
     .status = Status::Warn, .blames = QStringLiteral("gitlab_gateway_url"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Only the host name differs: GitLab may know the gateway by an internal name. Make sure both names point to the same gateway."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing to change when {gitlab_gateway_url} and {gateway_url} are the same gateway; otherwise set GitLab's AI gateway URL (Admin > GitLab Duo) to the gateway you mean.")},
    {.id = QStringLiteral("gitlab.gateway_url.mismatch"), .checks = {QStringLiteral("gitlab.ai_gateway_url")}, .verdict = Verdict::GatewayUrlMismatch,
     .blames = QStringLiteral("gitlab_gateway_url"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab sends its AI gateway traffic to {gitlab_gateway_url}, not to the gateway you entered ({gateway_url})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set GitLab's AI gateway URL to {gateway_url}: Admin > GitLab Duo > Change configuration > Local AI Gateway URL (before 17.9: AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure)."),
     .commandSets = {QStringLiteral("rails_gateway_url")}},
    {.id = QStringLiteral("gitlab.outbound.local_blocked"), .checks = {QStringLiteral("gitlab.gateway_probe"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("local network are not allowed|requests to localhost are not allowed"),
     .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's outbound request rules block the gateway's private address ({gateway_host}): \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Admin > Settings > Network > Outbound requests: add {gateway_host} to \"Local IP addresses and domain names that hooks and integrations can access\", or allow requests to the local network."),
     .commandSets = {QStringLiteral("rails_allow_local"), QStringLiteral("rails_http_gateway")}},
    {.id = QStringLiteral("gitlab.outbound.proxy"), .checks = {QStringLiteral("gitlab.gateway_probe"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("ran for longer than|proxy"),
     .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's request to the gateway went through a proxy that cannot reach it: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "On the GitLab host, add {gateway_host} to no_proxy (gitlab_rails['env'] in /etc/gitlab/gitlab.rb), then sudo gitlab-ctl reconfigure."),
     .commandSets = {QStringLiteral("rails_http_gateway")}},
    {.id = QStringLiteral("gitlab.outbound.unreachable"), .checks = {QStringLiteral("gitlab.gateway_probe")}, .pattern = QStringLiteral("refused|failed to open|could not connect|timed out|timeout|getaddrinfo|unreachable|not reachable|returned http|no route"),
     .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab cannot reach the gateway at {gitlab_gateway_url}: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "From the GitLab host, check that {gitlab_gateway_url} resolves and that the firewall lets GitLab reach it; the console command shows what GitLab sees."),
     .commandSets = {QStringLiteral("rails_http_gateway")}},
    {.id = QStringLiteral("gateway.rejects_gitlab"), .checks = {QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("header mismatch|header is missing|forbidden by auth provider|signature verification failed|no keys founds in jwks"),
     .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway refuses GitLab's own requests: \"{message}\". It cannot validate GitLab's token or its instance headers (stale license data, a wrong AIGW_GITLAB_URL, or a stale key cache)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Sync the subscription (Admin > Subscription > Sync), make sure the gateway runs with AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} and can reach them, then restart the gateway."),
     .commandSets = {QStringLiteral("gateway_logs"), QStringLiteral("gateway_recreate")}},
    {.id = QStringLiteral("gitlab.code_suggestions.forbidden"), .checks = {QStringLiteral("gitlab.code_suggestions")}, .httpStatus = 403,
     .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab refuses Code Suggestions to {gitlab_username}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Assign {gitlab_username} a GitLab Duo seat (Admin > GitLab Duo > Seat utilization) and check the license and feature settings."),
     .commandSets = {QStringLiteral("rails_user_access")}},
    // --- AI gateway ----------------------------------------------------------------------------------
    {.id = QStringLiteral("gateway.dns"), .checks = {QStringLiteral("gateway.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::HostNotFound, .blames = QStringLiteral("gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The name {gateway_host} does not resolve from this desktop."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the gateway URL ({gateway_url}) for a typo, or use the address GitLab uses for it.")},
    {.id = QStringLiteral("gateway.refused"), .checks = {QStringLiteral("gateway.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::ConnectionRefused, .blames = QStringLiteral("gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {gateway_host}:{gateway_port}: the gateway is not running, or listens on another port (the self-hosted image uses 5052)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Start the gateway container (docker ps -a, then docker start <ai-gateway-container>) and check the port in {gateway_url}."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("gateway.timeout"), .checks = {QStringLiteral("gateway.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::Timeout, .blames = QStringLiteral("gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "No answer from {gateway_host}:{gateway_port} within {timeout} s: a firewall drops the traffic, or the gateway hangs."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the firewall between this desktop and {gateway_host} and the gateway's log; confirm that {gateway_url} is the gateway's address."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("gateway.unhealthy"), .checks = {QStringLiteral("gateway.health")}, .blames = QStringLiteral("gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway answers but /monitoring/healthz says it cannot process requests (HTTP {http_status})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Read the gateway's log for the failing component, then reinstall it following \"Install the GitLab AI gateway\" with the image {aigw_image}."),
     .commandSets = {QStringLiteral("gateway_logs"), QStringLiteral("gateway_healthz_inside")}},
    {.id = QStringLiteral("gateway.auth_bypass_off"), .checks = {QStringLiteral("gateway.auth_bypass"), QStringLiteral("gateway.model_request")}, .httpStatus = 401,
     .pattern = QStringLiteral("no authorization header|invalid authorization header"), .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway demands a GitLab token on every request: AIGW_AUTH__BYPASS_EXTERNAL is not true."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true, as self-hosted models require."),
     .commandSets = {QStringLiteral("gateway_env"), QStringLiteral("gateway_recreate")}},
    {.id = QStringLiteral("gateway.custom_models_disabled"), .checks = {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("custom models.{0,40}(disabled|not enabled)|AIGW_CUSTOM_MODELS__ENABLED"),
     .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway refuses self-hosted models: AIGW_CUSTOM_MODELS__ENABLED is not true."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway container with -e AIGW_CUSTOM_MODELS__ENABLED=true."),
     .commandSets = {QStringLiteral("gateway_env"), QStringLiteral("gateway_recreate")}},
    {.id = QStringLiteral("gateway.llm_provider_missing"), .checks = {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("LLM Provider NOT provided"),
     .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway cannot tell which protocol to speak: the identifier {model_identifier} has no provider prefix."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to custom_openai/{served_model_id} for an OpenAI-compatible server (bedrock/… for Bedrock, azure/… for Azure).")},
    {.id = QStringLiteral("gateway.model_connection_error"), .checks = {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("APIConnectionError|Connection error|could not connect to the model|connection refused|Cannot connect to host"),
     .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway could not open a connection to the model at {model_endpoint}: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the request from inside the gateway container (below). If it fails there, fix the network between the gateway and {model_host}."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("gateway.model_not_found"), .checks = {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("does not exist|NotFoundError|not found|Invalid model name"),
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model server does not know the model the gateway asked for: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "The part of the identifier after custom_openai/ must equal an id from {models_url}; check the endpoint ends in /v1."),
     .commandSets = {QStringLiteral("model_list")}},
    {.id = QStringLiteral("gateway.model_auth"), .checks = {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .pattern = QStringLiteral("AuthenticationError|Unauthorized|api key|invalid subscription key"),
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model server rejected the API key the gateway sent: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use the key the model server expects, here and in GitLab's self-hosted model {deployment_name}.")},
    {.id = QStringLiteral("gateway.unknown_family"), .checks = {QStringLiteral("gateway.model_request")}, .httpStatus = 422,
     .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway rejected the request as malformed (HTTP 422): \"{message}\". Usually the model name {model_name} is not a family this gateway version knows."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use a model name GitLab lists for self-hosted models (mistral, codestral, llama3, codegemma, general…) and a gateway image matching GitLab: {aigw_image}.")},
    {.id = QStringLiteral("gateway.inference_timeout"), .checks = {QStringLiteral("gateway.model_request"), QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.code_suggestions")}, .httpStatus = noAnswer,
     .netError = NetError::Timeout, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "No answer within {inference_timeout} s: the model generates too slowly, or the gateway waits on a model it cannot reach."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "See model.completion: raise GitLab's AI gateway request timeout (Admin > GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model.")},
    // --- Model server ----------------------------------------------------------------------------------
    {.id = QStringLiteral("model.endpoint_address.local_host"), .checks = {QStringLiteral("model.endpoint_address")}, .verdict = Verdict::EndpointNamesLocalHost,
     .status = Status::Warn, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Inside a container, localhost, 127.0.0.1 and 0.0.0.0 are the container itself."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Prefer an address of the model host that the container can reach, or run the gateway with --network host.")},
    {.id = QStringLiteral("model.endpoint_address.container_self"), .checks = {QStringLiteral("model.endpoint_address")}, .hostKind = HostKind::Loopback,
     .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The endpoint {model_endpoint} names the local host. Inside the gateway's container that is the container itself, not the machine the model server runs on: this desktop reaches the model, the gateway does not."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the gateway container with --network host and -e AIGW_FASTAPI__METRICS_PORT=8083 (the metrics port would clash on the host network), or give the endpoint an address of the model host that the container can reach, here and in GitLab."),
     .commandSets = {QStringLiteral("gateway_network_host"), QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("model.endpoint_address.unreachable_from_gateway"), .checks = {QStringLiteral("model.endpoint_address")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "This desktop reaches {model_host}, the gateway does not: a firewall, a DNS name the container cannot resolve, or a network the container is not attached to."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the request from inside the gateway container (below). Then open the firewall from the gateway's host to {model_host}:{model_port}, or give the container the DNS or network it needs (docker run --network / --add-host)."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("model.container_only_name"), .checks = {QStringLiteral("model.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::HostNotFound, .hostKind = HostKind::Dotless, .status = Status::Warn, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{model_host} has no domain and does not resolve here: probably a name only the container network knows (a Docker service name). It cannot be checked from this desktop."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check it from inside the gateway container instead (below)."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("model.dns"), .checks = {QStringLiteral("model.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::HostNotFound, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The name {model_host} does not resolve from this desktop."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the model endpoint ({model_endpoint}) for a typo; use a name both this desktop and the gateway container can resolve."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("model.refused"), .checks = {QStringLiteral("model.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::ConnectionRefused, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {model_host}:{model_port}: the model server is not running, or listens elsewhere."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Start the model server and check the port in {model_endpoint}. It must listen on an address the gateway can reach: vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (it binds 127.0.0.1 by default)."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("model.timeout"), .checks = {QStringLiteral("model.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::Timeout, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "No answer from {model_host}:{model_port} within {timeout} s: a firewall drops the traffic, or the server is stuck."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the firewall in front of the model server and that the server is up."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("model.server_type.unknown"), .checks = {QStringLiteral("model.server_type")}, .verdict = Verdict::ServerTypeUnknown,
     .status = Status::Warn, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "None of the vLLM, Ollama, LiteLLM, TGI or llama.cpp fingerprints matched; fixes stay generic."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing to do while the other model checks pass. If they fail, name the server (and its version) when you ask for help: its own documentation has the flags for an OpenAI-compatible API at {model_endpoint}.")},
    {.id = QStringLiteral("model.endpoint_path.missing_v1"), .checks = {QStringLiteral("model.endpoint_path")}, .verdict = Verdict::EndpointMissingV1,
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{models_url} is not found while {corrected_endpoint}/models answers: the endpoint lacks /v1, so every request the gateway makes gets a 404."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use the endpoint {corrected_endpoint}, here and in GitLab (Admin > GitLab Duo > Self-hosted models > {deployment_name} > Endpoint)."),
     .commandSets = {QStringLiteral("model_list")}},
    {.id = QStringLiteral("model.endpoint_path.no_api"), .checks = {QStringLiteral("model.endpoint_path")}, .verdict = Verdict::NoOpenAiApi,
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "No OpenAI-compatible API at {model_endpoint}: {models_url} answered HTTP {http_status}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use the server's OpenAI-compatible base URL, usually ending in /v1 (vLLM http://host:8000/v1, Ollama http://host:11434/v1, LiteLLM http://host:4000).")},
    {.id = QStringLiteral("model.auth.missing"), .checks = {QStringLiteral("model.auth")}, .httpStatus = 401,
     .verdict = Verdict::KeyMissing, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model server needs an API key and none was sent."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Give the key in the environment variable named by --model-key-env, and set the same key on GitLab's self-hosted model {deployment_name}.")},
    {.id = QStringLiteral("model.auth.rejected"), .checks = {QStringLiteral("model.auth")}, .verdict = Verdict::KeyRejected,
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model server rejected the API key (HTTP {http_status})."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use the key the server was started with (vLLM --api-key, a LiteLLM master or virtual key), here and on GitLab's self-hosted model {deployment_name}."),
     .commandSets = {QStringLiteral("model_list")}},
    {.id = QStringLiteral("model.listed.missing_prefix"), .checks = {QStringLiteral("model.listed")}, .verdict = Verdict::IdentifierMissingPrefix,
     .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The identifier {model_identifier} lacks the custom_openai/ prefix that tells the gateway to speak the OpenAI protocol to this server."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to {suggested_identifier}, here and in GitLab (Admin > GitLab Duo > Self-hosted models > {deployment_name} > Model identifier).")},
    {.id = QStringLiteral("model.listed.not_served"), .checks = {QStringLiteral("model.listed")}, .verdict = Verdict::ModelNotServed,
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The server does not serve {served_model_id}; it serves: {served_models}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to {suggested_identifier} (custom_openai/ followed by an id the server lists), here and in GitLab's self-hosted model {deployment_name}; or serve the model under that name (vLLM --served-model-name {served_model_id:sh})."),
     .commandSets = {QStringLiteral("model_list")}},
    {.id = QStringLiteral("model.completion.timeout"), .checks = {QStringLiteral("model.completion")}, .httpStatus = noAnswer,
     .netError = NetError::Timeout, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model did not return a single token within {inference_timeout} s."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "A model this slow also exceeds GitLab's AI gateway timeout (60 s by default): raise it (Admin > GitLab Duo > AI gateway request timeout, 60–600 s, GitLab 18.7 and later), or use a smaller or faster model and more GPU.")},
    {.id = QStringLiteral("model.completion.context"), .checks = {QStringLiteral("model.completion")}, .pattern = QStringLiteral("context length|maximum context|prompt is too long|max_model_len"),
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model's context window is too small: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Start vLLM with a larger --max-model-len, or use a model with a longer context.")},
    {.id = QStringLiteral("model.completion.not_found"), .checks = {QStringLiteral("model.completion")}, .pattern = QStringLiteral("does not exist|not found|Invalid model name"),
     .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The server does not serve {served_model_id}: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to custom_openai/ followed by an id from {models_url}."),
     .commandSets = {QStringLiteral("model_list")}},
    {.id = QStringLiteral("model.context_length.small"), .checks = {QStringLiteral("model.context_length")}, .verdict = Verdict::ContextWindowSmall,
     .status = Status::Warn, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code generation sends the code around the cursor with its instructions and asks for a few hundred tokens back; with less than {recommended_tokens} tokens, larger files fail with \"maximum context length\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Start vLLM with --max-model-len {recommended_tokens} or more (memory permitting), or serve a model with a longer context.")},
    {.id = QStringLiteral("model.latency.slow"), .checks = {QStringLiteral("model.latency")}, .verdict = Verdict::SlowForGitLabTimeout,
     .status = Status::Warn, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Longer files and busier hours make answers slower: at half of GitLab's timeout, some code generation requests will time out (Duo Chat error A1000, Net::ReadTimeout in llm.log)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Raise the AI gateway request timeout (Admin > GitLab Duo, 60–600 s, GitLab 18.7 and later), give the model server more GPU, or serve a smaller model.")},
    // --- The Agent Platform service (GitLab 18/19), and GitLab's WebSocket for it ----------------------------
    {.id = QStringLiteral("agent_platform.dns"), .checks = {QStringLiteral("agent_platform.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::HostNotFound, .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The name {agent_platform_host} of the Agent Platform service address {agent_platform_address} does not resolve from this desktop."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the address for a typo. GitLab keeps it under Admin > GitLab Duo > Change configuration > Local URL for the GitLab Duo Agent Platform service, as host:port without http:// (usually the gateway's host and port 50052); GitLab must resolve the name too.")},
    {.id = QStringLiteral("agent_platform.refused"), .checks = {QStringLiteral("agent_platform.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::ConnectionRefused, .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing accepts connections at {agent_platform_address}: the Agent Platform service is not running, its port is not published, or the address names another port (the service listens on 50052)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Start the gateway container with the service's port published (-p 50052:50052 beside -p 5052:5052) and read its log for the service's start; then make GitLab's Agent Platform service address {agent_platform_host}:50052 (Admin > GitLab Duo > Change configuration)."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("agent_platform.timeout"), .checks = {QStringLiteral("agent_platform.reachable")}, .httpStatus = noAnswer,
     .netError = NetError::Timeout, .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "No answer from {agent_platform_address} within {timeout} s: a firewall drops the traffic to the service's port, or the service hangs."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Open the service's port ({agent_platform_port}) between this desktop (and GitLab) and {agent_platform_host}, then read the gateway container's log."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("agent_platform.http1"), .checks = {QStringLiteral("agent_platform.reachable")}, .verdict = Verdict::ServiceSpeaksHttp1,
     .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{agent_platform_address} answers in HTTP/1 (\"{message}\"): it is an HTTP port — the AI gateway's own (5052) — not the Agent Platform service, which speaks gRPC over HTTP/2 on 50052. GitLab's gRPC client fails there (\"Trying to connect an http1.x server\")."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set the Agent Platform service address to the service's port, e.g. {agent_platform_host}:50052, in GitLab (Admin > GitLab Duo > Change configuration > Local URL for the GitLab Duo Agent Platform service) and here (--agent-platform); keep the AI gateway URL on 5052.")},
    {.id = QStringLiteral("agent_platform.unknown_protocol"), .checks = {QStringLiteral("agent_platform.reachable")}, .verdict = Verdict::ServiceSpeaksUnknown,
     .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{agent_platform_address} accepts connections but speaks neither HTTP/2, TLS nor HTTP/1 (it sent: {message}): another service listens there, or something in between swallows the connection."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check that the address is the Agent Platform service's (the gateway container's port 50052) and that no load balancer or proxy that does not speak HTTP/2 sits in front of it.")},
    {.id = QStringLiteral("agent_platform.health.tls_service_plain_gitlab"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServiceTlsGitLabPlain,
     .blames = QStringLiteral("agent_platform_service"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The Agent Platform service at {agent_platform_address} speaks TLS (DUO_WORKFLOW_TLS__ENABLED=true), but GitLab connects to it in plain text (\"Use TLS for Duo Agent Platform service\" is off): GitLab's gRPC calls fail (\"Socket closed\")."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Make both sides agree. Either turn on \"Use TLS for Duo Agent Platform service\" (Admin > GitLab Duo > Change configuration) and let GitLab trust the service's certificate (/etc/gitlab/trusted-certs/, then sudo gitlab-ctl reconfigure), or run the service in plain text: recreate the gateway container without DUO_WORKFLOW_TLS__ENABLED=true."),
     .commandSets = {QStringLiteral("agent_platform_env")}},
    {.id = QStringLiteral("agent_platform.health.plain_service_tls_gitlab"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServicePlainGitLabTls,
     .blames = QStringLiteral("agent_platform_service"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The Agent Platform service at {agent_platform_address} speaks plain text (DUO_WORKFLOW_TLS__ENABLED is not true), but GitLab connects to it with TLS (\"Use TLS for Duo Agent Platform service\" is on): GitLab's handshake fails (\"wrong version number\")."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Make both sides agree. Either turn off \"Use TLS for Duo Agent Platform service\" (Admin > GitLab Duo > Change configuration; DUO_AGENT_PLATFORM_SERVICE_SECURE=false on older versions), or give the service TLS: recreate the gateway container with -e DUO_WORKFLOW_TLS__ENABLED=true and -e DUO_WORKFLOW_TLS__CERT_FILE=<certificate in the container> (and its key)."),
     .commandSets = {QStringLiteral("agent_platform_env")}},
    {.id = QStringLiteral("agent_platform.health.not_serving"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServiceNotServing,
     .blames = QStringLiteral("agent_platform_service"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The Agent Platform service at {agent_platform_address} answers, but its gRPC health check says {message}: it runs without what it needs (its JWT signing keys, GitLab's keys, an offline license's customer-portal URL) and refuses work."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Read the service's lines in the gateway container's log. Check DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_AUTH__ENABLED, and for an offline license DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url}; then restart the container."),
     .commandSets = {QStringLiteral("gateway_logs"), QStringLiteral("agent_platform_env")}},
    {.id = QStringLiteral("agent_platform.health.unimplemented"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServiceHealthMissing,
     .status = Status::Warn, .blames = QStringLiteral("agent_platform_service"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{agent_platform_address} speaks gRPC but registers no standard health service (grpc.health.v1.Health answers UNIMPLEMENTED), so its health cannot be read from here. It is reachable, which is what GitLab needs first."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing to change while Agentic Chat and flows work. Otherwise check that the address is the gateway image's Agent Platform service (a current self-hosted-v<version>-ee image), and read its log."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("agent_platform.health.http2_downgraded"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServiceHttp2Downgraded,
     .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The health call came back over HTTP/1.1 (through {proxy}): something between this desktop and {agent_platform_address} does not pass HTTP/2 — a TLS-inspecting proxy (Zscaler, Netskope) or a load balancer — and gRPC needs HTTP/2 end to end."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Let HTTP/2 through to {agent_platform_host}: exempt it from TLS inspection, add it to no_proxy, or configure the load balancer for gRPC (HTTP/2 to the backend).")},
    {.id = QStringLiteral("agent_platform.health.not_grpc"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServiceNotGrpc,
     .blames = QStringLiteral("agent_platform"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "{agent_platform_address} answers HTTP/2 (HTTP {http_status}), but not with gRPC: another HTTP/2 server or a proxy answers there."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Point the address at the Agent Platform service itself (the gateway container's port 50052), past any web server.")},
    {.id = QStringLiteral("agent_platform.health.grpc_error"), .checks = {QStringLiteral("agent_platform.health")}, .verdict = Verdict::ServiceGrpcError,
     .blames = QStringLiteral("agent_platform_service"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The service failed the health call with gRPC status {grpc_status}: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Read the service's lines in the gateway container's log at the time of this check."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("gitlab.websocket.upgrade_dropped"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .verdict = Verdict::WebSocketUpgradeDropped,
     .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab answered HTTP {http_status} instead of 101 Switching Protocols: a proxy or load balancer in front of GitLab dropped the Upgrade and Connection headers, so Agentic Chat and flows cannot open their WebSocket (the IDE sees close 1006)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "In the proxy's location for {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\"; — then reload it. Other load balancers (HAProxy, an AWS ALB, a Kubernetes ingress) must allow WebSockets on /api/v4/ai/duo_workflows/ws too.")},
    {.id = QStringLiteral("gitlab.websocket.bad_accept"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .verdict = Verdict::WebSocketBadAccept,
     .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Something answered the WebSocket handshake with 101 but a wrong Sec-WebSocket-Accept (\"{message}\"): not GitLab, but a proxy in between that answers upgrades itself."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Let the proxy in front of {gitlab_url} pass the handshake through unchanged (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";).")},
    {.id = QStringLiteral("gitlab.websocket.closed_early"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .verdict = Verdict::WebSocketClosedEarly,
     .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab opened the WebSocket and closed it right away with code {close_code} (1000 is a normal close; 1006 means the connection just ended): GitLab could not start the session — a proxy's idle or read timeout, or GitLab failing to reach the Agent Platform service."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Read GitLab's log for /api/v4/ai/duo_workflows/ws at this time (sudo gitlab-ctl tail gitlab-workhorse), check the Agent Platform service checks, and give proxies in front of GitLab a proxy_read_timeout of several minutes.")},
    {.id = QStringLiteral("gitlab.websocket.scope"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .httpStatus = 403,
     .pattern = QStringLiteral("insufficient_scope"), .status = Status::Skip, .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The token may not open the Agent Platform WebSocket: it needs the api scope (or ai_workflows), so this was not checked."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run again with a personal access token that has the api scope ({gitlab_url}/-/user_settings/personal_access_tokens).")},
    {.id = QStringLiteral("gitlab.websocket.unauthorized"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .httpStatus = 401,
     .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab refused the token on the WebSocket (HTTP 401) although the API accepted it: a proxy in front of GitLab strips the token or cookies from upgrade requests."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Let the proxy in front of {gitlab_url} forward the Authorization and PRIVATE-TOKEN headers and cookies on /api/v4/ai/duo_workflows/ws, as on every API path.")},
    {.id = QStringLiteral("gitlab.websocket.forbidden"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .httpStatus = 403,
     .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab refuses {gitlab_username} the Agent Platform WebSocket (HTTP 403): no GitLab Duo seat, the Agent Platform (flows, Agentic Chat) turned off, or — behind a proxy — an Origin the proxy changed."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Assign {gitlab_username} a GitLab Duo seat (Admin > GitLab Duo > Seat utilization) and turn the GitLab Duo Agent Platform on (Admin > GitLab Duo > Change configuration); a proxy must pass Host and Origin unchanged.")},
    {.id = QStringLiteral("gitlab.websocket.not_in_version"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .verdict = Verdict::WebSocketNotInVersion,
     .status = Status::Skip, .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab {gitlab_version} has no Agent Platform WebSocket yet (self-managed GitLab has it from 18.2): nothing to check."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Nothing to do for GitLab {gitlab_version}. Agentic Chat and flows on self-managed GitLab need 18.2 or later.")},
    {.id = QStringLiteral("gitlab.websocket.missing"), .checks = {QStringLiteral("gitlab.agent_platform_websocket")}, .verdict = Verdict::WebSocketMissing,
     .status = Status::Warn, .blames = QStringLiteral("gitlab_websocket"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab {gitlab_version} answers 404 on /api/v4/ai/duo_workflows/ws: the GitLab Duo Agent Platform is turned off, or a proxy sends the path somewhere else."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "If you use Agentic Chat or flows: turn the GitLab Duo Agent Platform on (Admin > GitLab Duo > Change configuration) and make the proxy in front of {gitlab_url} route /api/v4/ to GitLab.")},
    // --- Seen only in logs and tool output (duo-doctor analyze): no check produces them -----------------------
    {.id = QStringLiteral("log.duo_chat_a1001"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1001: GitLab could not reach the AI gateway. The gateway URL is wrong or unset, the network is in the way, or GitLab's outbound rules block the gateway's private address."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the gateway URL (Admin > GitLab Duo > AI gateway URL; AI_GATEWAY_URL before 17.9) against {gateway_url}, and allow {gateway_host} under Admin > Settings > Network > Outbound requests.")},
    {.id = QStringLiteral("log.read_timeout"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab gave up waiting for the gateway (Net::ReadTimeout, Duo Chat error A1000): the model answers more slowly than GitLab's AI gateway timeout."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Raise the AI gateway request timeout (Admin > GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model; duo-doctor check measures the model's latency.")},
    {.id = QStringLiteral("log.duo_chat_a1003"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1003: streaming between the model and the gateway broke, often a proxy that buffers answers or strips X-Accel-Buffering."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true, or stop the proxy between the gateway and the model from buffering.")},
    {.id = QStringLiteral("log.duo_chat_a1002"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1002: GitLab got no events back from the AI gateway, or could not read them. The gateway's call to the model failed, or the model's answer was not in a form the gateway understands."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Find the model's error in the gateway's log at that time. If the model server streams answers the gateway cannot read, recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("log.duo_chat_a1004"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1004: the AI gateway failed while handling the request, often passing on the model server's own error."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Find the error in the gateway's log at that time; duo-doctor check asks the model the way the gateway does and names the cause."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("log.duo_chat_a1005"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1005: the conversation no longer fits the model's context window (its maximum number of tokens)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Start a new conversation with /new or /clear. If it happens after a few messages, the served context window is too small: start vLLM with a larger --max-model-len (duo-doctor check reports it as model.context_length).")},
    {.id = QStringLiteral("log.duo_chat_agent_gave_up"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat's agent gave up before it found an answer (A1006, A6000 or A9999). With a self-hosted model this often means the model does not follow the agent's tool-use format well enough."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Try a more specific prompt or /clear. If it keeps happening, use a model GitLab supports for Duo Chat (a larger instruct model) and read the model's answers in the gateway's log."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("log.duo_chat_agent_platform"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error A1007 or A1008: the GitLab Duo Agent Platform failed on the request; A1008 means the model provider behind the gateway (your model server) returned an error."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the gateway's log and the model server's log at that time; duo-doctor check tells whether the model answers the gateway."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("log.duo_chat_no_access"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat refused the user (M3004, M3006 or G3001): no GitLab Duo seat, or a GitLab Duo add-on that does not include Duo Chat."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Assign the user a GitLab Duo seat (Admin > GitLab Duo > Seat utilization) and make sure the add-on includes Duo Chat; duo-doctor check reports the seat as gitlab.duo_seat.")},
    {.id = QStringLiteral("log.duo_chat_turned_off"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M3002: GitLab Duo is turned off for the group or project the question is about."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "A group or project owner turns GitLab Duo on (Settings > General > GitLab Duo features); an administrator can do so for the instance (Admin > GitLab Duo).")},
    {.id = QStringLiteral("log.duo_chat_default_namespace"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error G3002: the user belongs to several GitLab Duo namespaces and has not chosen a default one."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "The user picks a default GitLab Duo namespace in their preferences (User settings > Preferences).")},
    {.id = QStringLiteral("log.gitlab_gateway_url_invalid"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gitlab_gateway_url"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab's AI gateway URL is not a valid URL: it must start with http:// or https://."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set it to {gateway_url}: Admin > GitLab Duo > Change configuration > Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure)."),
     .commandSets = {QStringLiteral("rails_gateway_url")}},
    {.id = QStringLiteral("log.rake_identifier_prefix"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab skips a self-hosted model whose identifier does not start with custom_openai/ (or another provider prefix): the gateway would not know which protocol to speak."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Edit the model under Admin > GitLab Duo > Self-hosted models: set the identifier to custom_openai/ followed by an id from {models_url}."),
     .commandSets = {QStringLiteral("model_list")}},
    {.id = QStringLiteral("log.aigw_gitlab_url_unset"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway does not know its GitLab: neither AIGW_GITLAB_URL nor AIGW_AUTH__BYPASS_EXTERNAL is set."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the gateway with -e AIGW_GITLAB_URL={gitlab_url} -e AIGW_GITLAB_API_URL={gitlab_api_url}."),
     .commandSets = {QStringLiteral("gateway_recreate")}},
    {.id = QStringLiteral("log.gateway_token_rejected"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway rejected a token: \"{message}\". Malformed (\"Not enough segments\"), expired (\"Signature has expired\": stale license data) or signed by a key the gateway has not loaded."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Sync the subscription (Admin > Subscription > Sync) and restart the gateway so it reloads GitLab's keys; make sure it reaches {gitlab_url}."),
     .commandSets = {QStringLiteral("gateway_logs")}},
    {.id = QStringLiteral("log.jwks_unreachable"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway cannot fetch GitLab's signing keys (JWKS), so it rejects every token from GitLab: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} in the container and that it reaches them (no proxy in the way): curl \"$AIGW_GITLAB_API_URL/projects\" from inside it. A restart clears a stale key cache."),
     .commandSets = {QStringLiteral("gateway_reaches_gitlab")}},
    {.id = QStringLiteral("log.gateway_tls_verify"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway does not trust a certificate it was shown (or cannot read the CA file): \"{message}\". A private CA or a TLS-inspecting proxy."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Mount the CA bundle into the gateway and set SSL_CERT_FILE and REQUESTS_CA_BUNDLE to it. The gateway does not support a self-signed GitLab certificate: use a private CA.")},
    {.id = QStringLiteral("log.image_platform"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway image was built for another CPU architecture than the host's."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run it with --platform linux/amd64 (emulated, slow) or on an amd64 host: docker run --platform linux/amd64 … {aigw_image}.")},
    {.id = QStringLiteral("log.port_in_use"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The port is already taken on the host: \"{message}\". Another gateway container, or another service (the metrics port 8082 clashes with --network host)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Stop the old container (docker ps; docker rm -f <name>) or pick free ports; with --network host also set -e AIGW_FASTAPI__METRICS_PORT=8083."),
     .commandSets = {QStringLiteral("gateway_network_host")}},
    {.id = QStringLiteral("log.bedrock_credentials"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway has no AWS credentials for Bedrock: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Pass AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION_NAME to the gateway container; Bedrock identifiers are bedrock/<model id> and need no endpoint.")},
    {.id = QStringLiteral("log.gateway_version"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway is newer than GitLab and refuses its requests (DCR4005)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the gateway tag that matches GitLab ({aigw_image}), never latest.")},
    {.id = QStringLiteral("log.gateway_model_failed"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gateway_to_model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway's own troubleshooting script could not use the model: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Ask the model from inside the gateway container with the command below; then check the endpoint ({model_endpoint}, reachable from the container and ending in /v1), the identifier ({model_identifier}) and the API key."),
     .commandSets = {QStringLiteral("curl_model_from_gateway")}},
    {.id = QStringLiteral("log.license_no_code_suggestions"), .checks = {QStringLiteral("log")}, .blames = QStringLiteral("gitlab_license"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The license does not include Code Suggestions (GitLab Duo add-on)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the subscription under Admin > Subscription and sync it; self-hosted models need GitLab Duo Enterprise (or the matching add-on) on Premium or Ultimate.")},
    {.id = QStringLiteral("log.tls_not_trusted"), .checks = {QStringLiteral("log")}, .status = Status::Warn,
     .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab reaches the host but does not trust its certificate: \"{message}\". A private CA or a TLS-inspecting proxy."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Put the CA certificate in /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure.")},
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
    if (wanted == anyHttpStatus)
        return true;
    if (wanted == noAnswer)
        return observation.httpStatus == 0;
    return observation.httpStatus == wanted;
}

// Each row's pattern, compiled once, by the row's position in the table.
const QList<QRegularExpression>& compiledPatterns() {
    static const QList<QRegularExpression> patterns = [] {
        QList<QRegularExpression> compiled;
        for (const Signature& signature : table)
            compiled.append(QRegularExpression(signature.pattern, QRegularExpression::CaseInsensitiveOption));
        return compiled;
    }();
    return patterns;
}

bool rowMatches(const Signature& signature, qsizetype row, const Observation& observation) {
    return appliesTo(signature, observation.checkId) &&
           (signature.serverType.isEmpty() || signature.serverType == observation.serverType) &&
           statusMatches(signature.httpStatus, observation) &&
           (signature.netError == NetError::None || signature.netError == observation.netError) &&
           (signature.verdict == Verdict::None || signature.verdict == observation.verdict) &&
           (signature.hostKind == HostKind::Other || signature.hostKind == observation.hostKind) &&
           (signature.pattern.isEmpty() || compiledPatterns().at(row).match(observation.text).hasMatch());
}

// The transport's own conclusions (HttpResult::problem), for TLS and proxies.
struct TransportVerdict {
    NetError error;
    const char* problem;
    Verdict verdict;
};
const TransportVerdict transportVerdicts[] = {
    {NetError::Tls, "expired", Verdict::TlsExpired},
    {NetError::Tls, "hostname_mismatch", Verdict::TlsHostnameMismatch},
    {NetError::Tls, "self_signed", Verdict::TlsSelfSigned},
    {NetError::Tls, "untrusted", Verdict::TlsUntrusted},
    {NetError::Proxy, "auth_required", Verdict::ProxyAuthRequired},
    {NetError::Proxy, "denied", Verdict::ProxyDenied},
    {NetError::Proxy, "cannot_reach", Verdict::ProxyCannotReach},
};

// Issuers of TLS-inspecting proxies: an untrusted certificate they signed is the proxy's, not the server's.
bool issuedByInspectingProxy(const QString& issuer) {
    static const QRegularExpression vendors(
        QStringLiteral("zscaler|forti|palo ?alto|blue ?coat|netskope|umbrella|forcepoint|sophos|check ?point|"
                       "proxy|inspection|mitm"),
        QRegularExpression::CaseInsensitiveOption);
    return vendors.match(issuer).hasMatch();
}

Verdict transportVerdict(const HttpResult& result) {
    for (const TransportVerdict& row : transportVerdicts) {
        if (row.error == result.error && result.problem == QLatin1String(row.problem)) {
            const QString issuer = result.chain.isEmpty() ? QString() : result.chain.constFirst().issuer;
            return row.verdict == Verdict::TlsUntrusted && issuedByInspectingProxy(issuer)
                       ? Verdict::TlsInspectingProxy
                       : row.verdict;
        }
    }
    return Verdict::None;
}

struct VerdictName {
    Verdict verdict;
    const char* key;
};
const VerdictName verdictNames[] = {
    {Verdict::None, "none"},
    {Verdict::TlsExpired, "tls_expired"},
    {Verdict::TlsHostnameMismatch, "tls_hostname_mismatch"},
    {Verdict::TlsSelfSigned, "tls_self_signed"},
    {Verdict::TlsInspectingProxy, "tls_inspecting_proxy"},
    {Verdict::TlsUntrusted, "tls_untrusted"},
    {Verdict::ProxyAuthRequired, "proxy_auth_required"},
    {Verdict::ProxyDenied, "proxy_denied"},
    {Verdict::ProxyCannotReach, "proxy_cannot_reach"},
    {Verdict::HtmlLoginPage, "html_login_page"},
    {Verdict::GarbledAnswer, "garbled_answer"},
    {Verdict::CommunityEdition, "community_edition"},
    {Verdict::VersionTooOld, "version_too_old"},
    {Verdict::LicenseExpired, "license_expired"},
    {Verdict::NoLicense, "no_license"},
    {Verdict::FeaturesNotSelfHosted, "features_not_self_hosted"},
    {Verdict::UserNoAccess, "user_no_access"},
    {Verdict::GatewayUrlUnset, "gateway_url_unset"},
    {Verdict::GatewayUrlMismatch, "gateway_url_mismatch"},
    {Verdict::NotGitLabApi, "not_gitlab_api"},
    {Verdict::TokenScopesTooNarrow, "token_scopes_too_narrow"},
    {Verdict::DuoAddOnMissing, "duo_add_on_missing"},
    {Verdict::SeatsAllTaken, "seats_all_taken"},
    {Verdict::SeatUnassigned, "seat_unassigned"},
    {Verdict::ModelUnknownToGitLab, "model_unknown_to_gitlab"},
    {Verdict::ModelConfigDiffers, "model_config_differs"},
    {Verdict::ModelWithoutKeyInGitLab, "model_without_key_in_gitlab"},
    {Verdict::GatewayKnownByOtherHost, "gateway_known_by_other_host"},
    {Verdict::ServerTypeUnknown, "server_type_unknown"},
    {Verdict::EndpointMissingV1, "endpoint_missing_v1"},
    {Verdict::NoOpenAiApi, "no_openai_api"},
    {Verdict::KeyMissing, "key_missing"},
    {Verdict::KeyRejected, "key_rejected"},
    {Verdict::IdentifierMissingPrefix, "identifier_missing_prefix"},
    {Verdict::ModelNotServed, "model_not_served"},
    {Verdict::ContextWindowSmall, "context_window_small"},
    {Verdict::SlowForGitLabTimeout, "slow_for_gitlab_timeout"},
    {Verdict::EndpointNamesLocalHost, "endpoint_names_local_host"},
    {Verdict::ServiceSpeaksHttp1, "service_speaks_http1"},
    {Verdict::ServiceSpeaksUnknown, "service_speaks_unknown"},
    {Verdict::ServiceNotServing, "service_not_serving"},
    {Verdict::ServiceHealthMissing, "service_health_missing"},
    {Verdict::ServiceGrpcError, "service_grpc_error"},
    {Verdict::ServiceNotGrpc, "service_not_grpc"},
    {Verdict::ServiceHttp2Downgraded, "service_http2_downgraded"},
    {Verdict::ServiceTlsGitLabPlain, "service_tls_gitlab_plain"},
    {Verdict::ServicePlainGitLabTls, "service_plain_gitlab_tls"},
    {Verdict::WebSocketUpgradeDropped, "websocket_upgrade_dropped"},
    {Verdict::WebSocketBadAccept, "websocket_bad_accept"},
    {Verdict::WebSocketClosedEarly, "websocket_closed_early"},
    {Verdict::WebSocketMissing, "websocket_missing"},
    {Verdict::WebSocketNotInVersion, "websocket_not_in_version"},
};

} // namespace

QString verdictKey(Verdict verdict) {
    for (const VerdictName& name : verdictNames) {
        if (name.verdict == verdict)
            return QString::fromLatin1(name.key);
    }
    return {};
}

Observation Observation::fromHttp(const QString& checkId, const HttpResult& result) {
    Observation observation;
    observation.checkId = checkId;
    observation.httpStatus =
        result.error == NetError::None || result.error == NetError::RedirectRefused ? result.status : 0;
    observation.netError = result.error;
    observation.verdict = transportVerdict(result);
    observation.host = result.url.host();
    observation.text =
        result.error == NetError::None ? QString::fromUtf8(result.body.left(64 * 1024)) : result.errorText;
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
    for (qsizetype row = 0; row < table.size(); ++row) {
        if (rowMatches(table.at(row), row, observation))
            return &table.at(row);
    }
    return nullptr;
}

void applySignature(CheckResult& result, const Signature& signature, const TemplateValues& values) {
    result.status = signature.status;
    result.explanation =
        fillTemplate(QCoreApplication::translate("duo::Signatures", signature.explanation), values);
    result.fix = fillTemplate(QCoreApplication::translate("duo::Signatures", signature.fix), values);
    result.commands = commandSets(signature.commandSets, values);
    result.evidence.insert(evidence::signature, signature.id);
    result.evidence.insert(evidence::blames, signature.blames);
}

} // namespace duo
