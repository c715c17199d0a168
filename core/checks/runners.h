#pragma once

#include <memory>

namespace duo {

class CheckContext;
using Context = std::shared_ptr<CheckContext>;

// One function per catalog row; each lives in the file of its component.
void runGitLabReachable(const Context& context);
void runGitLabToken(const Context& context);
void runGitLabVersion(const Context& context);
void runGitLabLicense(const Context& context);
void runGitLabUserAccess(const Context& context);
void runGitLabSelfHostedFeatures(const Context& context);
void runGitLabModelConfig(const Context& context);
void runGitLabDuoSeat(const Context& context);
void runGitLabAiGatewayUrl(const Context& context);
void runGitLabCodeSuggestions(const Context& context);
void runGitLabGatewayProbe(const Context& context);
void runGitLabModelConnection(const Context& context);
// GitLab 18/19 (gitlabagentplatformchecks.cpp).
void runGitLabAgentPlatformUrl(const Context& context);
void runGitLabDuoRunner(const Context& context);
void runGitLabFeatureRouting(const Context& context);
void runGitLabAgentPlatformWebSocket(const Context& context);

void runGatewayReachable(const Context& context);
void runGatewayHealth(const Context& context);
void runGatewayAuthBypass(const Context& context);
void runGatewayModelRequest(const Context& context);

void runAgentPlatformReachable(const Context& context);
void runAgentPlatformHealth(const Context& context);

void runModelPlatform(const Context& context); // platformchecks.cpp: no request
void runModelEndpointAddress(const Context& context);
void runModelReachable(const Context& context);
void runModelServerType(const Context& context);
void runModelEndpointPath(const Context& context);
void runModelAuth(const Context& context);
void runModelListed(const Context& context);
void runModelCompletion(const Context& context);
void runModelContextLength(const Context& context);
void runModelLatency(const Context& context);
// agenticchecks.cpp: what Agentic Chat and flows need from the model.
void runModelToolCalling(const Context& context);
void runModelStreaming(const Context& context);
void runModelParameters(const Context& context);

// Every manual step shares one runner: its commands and judge come from the manual-step table.
void runManualStep(const Context& context);

} // namespace duo
