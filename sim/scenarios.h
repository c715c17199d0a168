#pragma once

#include "sim/fakeagentplatform.h"
#include "sim/fakegateway.h"
#include "sim/fakemodelserver.h"

#include <QList>
#include <QString>

#include <optional>

namespace duo::sim {

enum class EndpointForm {
    Named,      // http://model.sim.test:PORT/v1, a name the desktop reaches through --resolve
    Loopback,   // http://127.0.0.1:PORT/v1: the gateway's container calls itself
    Firewalled, // http://llm.internal.test:PORT/v1: the desktop reaches it, the gateway's network does not
    WithoutV1,  // http://model.sim.test:PORT
    // http://model.sim.test:PORT/v1, a name only the gateway's network knows: the desktop's --resolve entry
    // leads to [::1], where nothing listens (a split network, seen from the desktop; nothing leaves the host)
    GatewayNetworkOnly,
};

enum class IdentifierForm { Served, NotServed, WithoutPrefix };

// How the Agent Platform service listens.
enum class ServiceTransport { H2c, Tls, Down };

// What GitLab stores as the service's address.
enum class ServiceAddress {
    AsListening,     // host:port where it listens
    GatewayHttpPort, // host:port of the gateway's HTTP port (5052 instead of 50052)
    WithScheme,      // http://host:port
};

// The runners tagged gitlab--duo an Agent Platform GitLab has (besides an untagged shell runner).
enum class DuoRunner { Docker, Missing, ShellOnly, Offline };

// What an Azure OpenAI resource makes of the calls (sim/fakeazure.cpp has its bodies).
enum class AzureAnswer {
    Works,
    DeploymentNotFound,    // the identifier names the model, not the deployment
    KeyRejected,           // neither the admin's key nor GitLab's belongs to the resource
    ApiVersionUnsupported, // desktop and gateway ask for an api-version the resource does not serve
};

// One row per scenario: what is broken, as settings of the fake servers.
struct Scenario {
    const char* id;
    const char* description;
    ModelServerKind server = ModelServerKind::Vllm;
    bool modelNeedsKey = true;
    bool modelRejectsAdminKey = false;
    EndpointForm endpoint = EndpointForm::Named;
    IdentifierForm identifier = IdentifierForm::Served;
    int completionDelayMs = 0;
    int inferenceTimeoutSeconds = 0;
    ModelQuirk modelQuirk = ModelQuirk::None; // tools, streams, parameters (sim/modeltranscripts.cpp)
    bool modelDown = false;
    // GitLab
    bool gitlabDown = false;
    bool enterprise = true;
    bool tokenRevoked = false;
    bool admin = true;
    bool duoAccess = true;
    bool licenseExpired = false;
    bool featuresVendored = false;
    bool gatewayUrlElsewhere = false;
    bool blocksLocalRequests = false;
    // Gateway
    bool gatewayDown = false;
    bool gatewayBlackHole = false;
    bool gatewayUnhealthy = false;
    bool authBypass = true;
    bool customModels = true;
    bool rejectsGitLab = false;
    // The model server lists ids full of markup: reports must show it as text, never run it.
    bool hostileText = false;
    // GitLab also lists a self-hosted model whose endpoint carries a password and whose name an escape
    // sequence: import must not take them as they are.
    bool gitlabListsUnsafeModel = false;
    // GitLab 18.x / 19.x. Without agentPlatform GitLab is 17.6 (or gitlabVersion) and none of this runs.
    const char* gitlabVersion = nullptr; // default: 19.2.0-ee with the Agent Platform, else 17.6.0(-ee)
    bool agentPlatform = false;          // the gateway container also runs the Agent Platform service
    ServiceTransport serviceTransport = ServiceTransport::H2c;
    ServiceHealth serviceHealth = ServiceHealth::Serving;
    ServiceAddress gitlabServiceAddress = ServiceAddress::AsListening;
    bool gitlabServiceTls = false; // GitLab's "Use TLS for the GitLab Duo Agent Platform service"
    DuoRunner duoRunner = DuoRunner::Docker;
    bool agentFeaturesWithoutModel = false;
    bool websocketUpgradeStripped = false;
    // The model runs on AWS Bedrock: no endpoint, the gateway answers what AWS would (sim/fakegateway.cpp).
    std::optional<BedrockAnswer> bedrock = std::nullopt;
    // The model is an Azure OpenAI deployment: the endpoint is the resource's URL (sim/fakeazure.cpp).
    std::optional<AzureAnswer> azure = std::nullopt;
    // Started by name, left out of --list, the wizard and SimStack::scenarios() until the checks it breaks
    // and its expectation in tests/cli/test_scenarios.cpp exist (that test wants one per listed scenario).
    bool preview = false;
};

// What each kind of model server serves and how the admin named its deployment in GitLab.
struct ServerProfile {
    ModelServerKind kind;
    const char* servedId;       // data[].id of GET /v1/models
    const char* notServedId;    // a plausible id the server does not serve (model-not-served and friends)
    const char* deploymentName; // GitLab's name for the self-hosted model
};

const QList<Scenario>& scenarioTable();
const ServerProfile& serverProfile(ModelServerKind kind);
const Scenario* findScenario(const QString& id);

} // namespace duo::sim
