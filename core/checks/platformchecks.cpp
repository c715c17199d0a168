// model.platform: which platform the identifier names, what is checked from where, and whether the
// identifier's and the endpoint's form fit that platform. No request: it reads the admin's input only.
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/knowledge/platforms.h"

#include <QCoreApplication>

namespace duo {

namespace {

struct PlatformChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::PlatformChecks)
};

QString azureApiVersion(const Target& target) {
    return target.azureApiVersion.isEmpty() ? QString::fromLatin1(defaultAzureApiVersion)
                                            : target.azureApiVersion;
}

// The Azure resource URL, https://<resource>.openai.azure.com: LiteLLM appends /openai/deployments/… itself.
bool judgeAzure(const Context& context, CheckResult& result) {
    const Target& target = context->target();
    const QString deployment = modelPart(target.modelIdentifier);
    const QString path = target.modelEndpoint.path();
    if (deployment.isEmpty()) {
        result.summary =
            PlatformChecks::tr("The identifier names no Azure deployment: use azure/<deployment name>.");
        context->conclude(result, Verdict::AzureDeploymentMissing);
        return true;
    }
    if (path.startsWith(QLatin1String("/openai"))) {
        QUrl resource = target.modelEndpoint;
        resource.setPath(QString());
        result.summary = PlatformChecks::tr("The Azure endpoint already ends in %1: use the resource URL %2.")
                             .arg(path, resource.toString());
        context->conclude(result, Verdict::AzureEndpointHasPath,
                          {{QStringLiteral("corrected_endpoint"), resource.toString()}});
        return true;
    }
    if (!isAzureApiVersion(azureApiVersion(target))) {
        result.summary =
            PlatformChecks::tr("%1 is not an Azure api-version (YYYY-MM-DD or YYYY-MM-DD-preview).")
                .arg(azureApiVersion(target));
        context->conclude(
            result, Verdict::AzureApiVersionMalformed,
            {{QStringLiteral("azure_api_version"), azureApiVersion(target)},
             {QStringLiteral("default_api_version"), QString::fromLatin1(defaultAzureApiVersion)}});
        return true;
    }
    return false;
}

bool judgeBedrock(const Context& context, CheckResult& result) {
    const QString model = modelPart(context->target().modelIdentifier);
    static const QString converse = QStringLiteral("converse/");
    if (model.startsWith(converse)) {
        if (isApplicationProfileArn(model.mid(converse.size())))
            return false;
        result.summary = PlatformChecks::tr("bedrock/converse/ must be followed by an application inference "
                                            "profile's ARN, not %1.")
                             .arg(model.mid(converse.size()));
        context->conclude(result, Verdict::BedrockConverseNotArn);
        return true;
    }
    if (!needsInferenceProfile(model))
        return false;
    const QString suggested = QStringLiteral("bedrock/us.") + model;
    result.evidence.insert(evidence::suggestedIdentifier, suggested);
    result.summary = PlatformChecks::tr("%1 has no on-demand throughput: name it by an inference profile, "
                                        "such as %2.")
                         .arg(model, suggested);
    context->conclude(
        result, Verdict::BedrockNeedsInferenceProfile,
        {{QStringLiteral("suggested_identifier"), suggested}, {QStringLiteral("bedrock_model"), model}});
    return true;
}

} // namespace

void runModelPlatform(const Context& context) {
    const Target& target = context->target();
    const PlatformInfo& platform = platformOf(target.modelIdentifier);
    CheckResult result = context->makeResult(Status::Pass, QString());
    result.evidence.insert(evidence::platform, QString::fromLatin1(platform.key));
    result.details = platformWhere(platform);
    if (platform.platform == Platform::Azure && judgeAzure(context, result))
        return context->finish(result);
    if (platform.platform == Platform::Bedrock && judgeBedrock(context, result))
        return context->finish(result);
    if (target.modelIdentifier.isEmpty())
        result.summary = PlatformChecks::tr("%1 (no identifier given).").arg(platformName(platform));
    else if (!platform.desktopCalls && !target.modelEndpoint.isEmpty())
        result.summary =
            PlatformChecks::tr("%1 (%2): the endpoint is not used from here; %3")
                .arg(platformName(platform), target.modelIdentifier, platformSkipReason(platform));
    else
        result.summary = PlatformChecks::tr("%1 (%2).").arg(platformName(platform), target.modelIdentifier);
    context->finish(result);
}

} // namespace duo
