#pragma once

// The headings of GitLab's troubleshooting page that checks implement: reports link to them. Kept in English,
// as on the page (anchors derive from them).
namespace duo::sections {

inline constexpr const char* userAccess = "Check if a user can request Code Suggestions";
inline constexpr const char* instanceConfigured =
    "Check if GitLab instance is configured to use self-hosted-models";
inline constexpr const char* gitlabEnv = "Check that GitLab environmental variables are set up correctly";
inline constexpr const char* gitlabToGateway = "Check if GitLab can make an HTTP request to AI Gateway";
inline constexpr const char* gitlabToModel = "Check if GitLab can make a request to the model";
inline constexpr const char* gatewayProcesses = "Check if AI Gateway can process requests";
inline constexpr const char* gatewayEnv =
    "Check that AI Gateway environmental variables are set up correctly";
inline constexpr const char* gatewayToModel = "Check if AI Gateway can make a request to the model";
inline constexpr const char* modelFromGateway = "Check if the model is reachable from AI Gateway";
inline constexpr const char* localhost = "LLM server is not available inside AI Gateway container";
inline constexpr const char* beforeYouBegin = "Before you begin troubleshooting";
inline constexpr const char* scripts = "Use debugging scripts";
inline constexpr const char* platform = "The image's platform does not match the host";
// GitLab 18/19: not on the 17.x page; flows need a runner (the facts file, section 1).
inline constexpr const char* duoRunner = "Configure a runner for GitLab Duo Agent Platform flows";

} // namespace duo::sections
