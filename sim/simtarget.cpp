#include "sim/simtarget.h"

namespace duo::sim {

Target targetFromSim(const SimInputs& inputs) {
    Target target;
    target.gitlabUrl = inputs.gitlabUrl;
    target.gitlabToken = Secret(inputs.gitlabToken);
    target.gatewayUrl = inputs.gatewayUrl;
    target.modelFamily = inputs.modelName;
    target.modelEndpoint = inputs.modelEndpoint;
    target.modelIdentifier = inputs.modelIdentifier;
    target.deploymentName = inputs.deploymentName;
    target.modelKey = Secret(inputs.modelKey);
    target.azureApiVersion = inputs.azureApiVersion;
    return target;
}

RunOptions optionsFromSim(const SimInputs& inputs) {
    RunOptions options;
    for (const QString& text : inputs.resolve) {
        if (const auto entry = parseResolve(text))
            options.resolve.append(*entry);
    }
    if (inputs.inferenceTimeoutSeconds > 0)
        options.inferenceTimeoutMs = inputs.inferenceTimeoutSeconds * 1000;
    return options;
}

} // namespace duo::sim
