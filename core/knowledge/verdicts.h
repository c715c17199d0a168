#pragma once

#include <QString>

namespace duo {

// What a check concluded about an answer, beyond its HTTP status and transport error. A runner (or, for
// TLS and proxies, Observation::fromHttp) names its conclusion with one of these; signature rows match it by
// equality, never by the wording of a summary.
enum class Verdict {
    None, // no conclusion: rows match the status, the transport error and the server's own words
    // The transport, for every server.
    TlsExpired,
    TlsHostnameMismatch,
    TlsSelfSigned,
    TlsInspectingProxy,
    TlsUntrusted,
    ProxyAuthRequired,
    ProxyDenied,
    ProxyCannotReach,
    HtmlLoginPage,
    GarbledAnswer,
    // GitLab.
    CommunityEdition,
    VersionTooOld,
    LicenseExpired,
    NoLicense,
    FeaturesNotSelfHosted,
    UserNoAccess,
    GatewayUrlUnset,
    GatewayUrlMismatch,
    NotGitLabApi,            // something answers at the URL, but not GitLab's API
    TokenScopesTooNarrow,    // neither api nor read_api
    DuoAddOnMissing,         // no add-on that serves Code Suggestions
    SeatsAllTaken,           // the user has no seat, and none is free
    SeatUnassigned,          // the user has no seat, and one is free
    ModelUnknownToGitLab,    // GitLab has no self-hosted model by this setup's name or endpoint
    ModelConfigDiffers,      // GitLab's copy of the model differs from this setup
    ModelWithoutKeyInGitLab, // GitLab's copy of the model has no API key, this setup uses one
    GatewayKnownByOtherHost, // GitLab's gateway URL differs only in its host name, and its probe passes

    // GitLab 18/19: the Agent Platform's settings, runners and feature routing.
    AgentPlatformUrlHasScheme,         // GitLab's Agent Platform address starts with http:// or https://
    AgentPlatformUrlMalformed,         // GitLab's Agent Platform address is not HOST:PORT
    AgentPlatformUnsetFeaturesRouted,  // no address, while Agent Platform features use a self-hosted model
    AgentPlatformFeaturesWithoutModel, // an address, while Agent Platform features have no model
    DuoRunnerMissing,                  // no runner tagged gitlab--duo
    DuoRunnerShellOnly,                // tagged runners, none with a Docker or Kubernetes executor
    DuoRunnerOffline,                  // tagged Docker/Kubernetes runners, none online and unpaused

    // The model server.
    ServerTypeUnknown, // no fingerprint matched
    EndpointMissingV1,
    NoOpenAiApi,
    KeyMissing,
    KeyRejected,
    IdentifierMissingPrefix,
    ModelNotServed,
    ContextWindowSmall,     // below what code generation needs
    SlowForGitLabTimeout,   // a code answer takes half of GitLab's timeout or more
    EndpointNamesLocalHost, // loopback, and the gateway is not known to reach it
    // Inside the gateway container (the container probe).
    JwtKeysMissing,          // the Agent Platform service runs, a signing/validation key is absent or not PEM
    JwtKeysOnOneLine,        // a key is PEM-shaped but its newlines are the two characters \n
    AgentPlatformAuthOff,    // keys are set, DUO_WORKFLOW_AUTH__ENABLED is not true
    CustomerPortalElsewhere, // the offline-license portal URLs point neither at GitLab nor at GitLab's portal
    CaBundleUnreadable,      // SSL_CERT_FILE / REQUESTS_CA_BUNDLE name a file the container cannot read
    CaBundleIncomplete,      // only one of them set, or a bundle without the public roots
    GatewayVersionMismatch,  // the gateway image's major.minor differs from GitLab's
    AgentPlatformDownInside, // the service should run, but its port answers nothing (or not gRPC)
    AgentPlatformNotServing, // its health call answers NOT_SERVING or SERVICE_UNKNOWN
    AgentPlatformNoHealthCall, // no health service registered (UNIMPLEMENTED)
    BedrockSettingsMissing,    // a bedrock/ model, and the container has neither AWS credentials nor a region
    // What Agentic Chat and flows need from the model.
    ToolCallInText,  // asked with a tool, the model wrote the call as JSON in its text: no tool parser
    ToolsIgnored,    // asked with a tool, the model answered in prose
    StreamCut,       // the stream ended before data: [DONE]
    StreamBuffered,  // every event arrived in one burst after a long silence: a buffering proxy
    StreamNotEvents, // asked to stream, the server sent one JSON answer
    // The Agent Platform service (GitLab 18/19).
    ServiceSpeaksHttp1,     // the address answers in HTTP/1: an HTTP port, e.g. the gateway's 5052
    ServiceSpeaksUnknown,   // it accepts connections and speaks neither HTTP/2, TLS nor HTTP/1
    ServiceNotServing,      // gRPC health: NOT_SERVING
    ServiceHealthMissing,   // gRPC health: UNIMPLEMENTED, no health service registered
    ServiceGrpcError,       // gRPC health: another grpc-status
    ServiceNotGrpc,         // an HTTP/2 answer that is not gRPC
    ServiceHttp2Downgraded, // the answer came back over HTTP/1.1: something in between downgraded it
    ServiceTlsGitLabPlain,  // the service speaks TLS, GitLab connects in plain text
    ServicePlainGitLabTls,  // the reverse
    // GitLab's Agent Platform WebSocket.
    WebSocketUpgradeDropped, // no 101: a proxy dropped Upgrade / Connection
    WebSocketBadAccept,      // 101 with a wrong Sec-WebSocket-Accept
    WebSocketClosedEarly,    // 101, then closed by the server with a code other than 1000
    WebSocketMissing,        // 404 from a GitLab that should have it
    WebSocketNotInVersion,   // 404 from a GitLab older than the WebSocket
    // Model platforms (model.platform): the identifier's and the endpoint's form.
    AzureEndpointHasPath,         // the Azure endpoint already ends in /openai/...: the path doubles
    AzureApiVersionMalformed,     // --azure-api-version is not YYYY-MM-DD[-preview]
    AzureDeploymentMissing,       // azure/ with nothing after it
    BedrockNeedsInferenceProfile, // a model without on-demand throughput named by its bare id
    BedrockConverseNotArn,        // bedrock/converse/ followed by something else than a profile's ARN
};

// Where an endpoint's host points, for the rules about the gateway's container reaching it.
enum class HostKind {
    Other,    // a name or address with a domain: nothing special
    Loopback, // localhost, 127.0.0.0/8, ::1, 0.0.0.0: inside a container, the container itself
    Dotless,  // a bare name such as a Docker service name: maybe known only to the container network
};

// Stable spellings, for the integrity test and debugging; not part of the JSON report.
QString verdictKey(Verdict verdict);

} // namespace duo
