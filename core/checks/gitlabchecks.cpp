// GitLab checks: asked over GitLab's REST and GraphQL APIs, from the desktop or "through GitLab".
#include "core/checks/gitlabapi.h"
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/knowledge/platforms.h"
#include "core/profiles/gitlabmodels.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QVersionNumber>

namespace duo {

using namespace gitlabapi;

namespace {

struct GitLabChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::GitLabChecks)
};

constexpr int minimumMajorVersion = 17;

QString normalisedUrl(const QString& text) {
    QUrl url(text.trimmed());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.scheme().toLower() + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(port) + path;
}

} // namespace

void runGitLabReachable(const Context& context) {
    if (!context->target().hasGitLab()) {
        context->finish(context->makeResult(
            Status::Skip, GitLabChecks::tr("No GitLab URL given: GitLab checks are skipped.")));
        return;
    }
    context->ask(gitlabRequest(context, QStringLiteral("/metadata")), [context](CheckResult& result,
                                                                                const HttpResult& http) {
        result.details = GitLabChecks::tr("GET %1 from this desktop: %2")
                             .arg(http.url.toDisplayString(QUrl::RemoveUserInfo), describeHttp(http));
        if (!http.answered()) {
            result.summary = GitLabChecks::tr("GitLab did not answer: %1").arg(http.errorText);
            context->failFromHttp(result, http);
            return;
        }
        result.evidence.insert(evidence::httpStatus, http.status);
        const QJsonObject metadata = parseObject(http.body);
        const bool looksLikeGitLab =
            http.headers.contains("x-gitlab-meta") || http.headers.contains("x-request-id") ||
            metadata.contains(QStringLiteral("version")) || metadata.contains(QStringLiteral("message"));
        if (http.status == 200)
            result.evidence.insert(evidence::metadata, metadata);
        addTransportEvidence(result, http);
        if (looksLikeHtmlLogin(http)) {
            result.summary = GitLabChecks::tr("A login page answered instead of GitLab's API.");
            context->failWithVerdict(result, http, Verdict::HtmlLoginPage);
            return;
        }
        if (http.status == 404 || !looksLikeGitLab) {
            result.summary =
                GitLabChecks::tr("Something answers at %1, but not GitLab's API (HTTP %2).")
                    .arg(context->target().gitlabUrl.toDisplayString(), QString::number(http.status));
            context->failWith(result, Verdict::NotGitLabApi, http.status);
            return;
        }
        result.summary =
            GitLabChecks::tr("GitLab answered in %1 ms (HTTP %2).").arg(http.elapsedMs).arg(http.status);
    });
}

namespace {

// The token's scopes, judged into the result of the /user request that came before.
void judgeTokenScopes(const Context& context, CheckResult& result, const HttpResult& tokenHttp,
                      const QString& username, bool admin) {
    QStringList scopes;
    for (const QJsonValue& scope : parseObject(tokenHttp.body).value(QStringLiteral("scopes")).toArray())
        scopes.append(scope.toString());
    result.evidence.insert(evidence::scopes, QJsonArray::fromStringList(scopes));
    const QString role = admin ? GitLabChecks::tr("administrator") : GitLabChecks::tr("not an administrator");
    result.summary =
        GitLabChecks::tr("Token of %1 (%2), scopes: %3.")
            .arg(username, role,
                 scopes.isEmpty() ? GitLabChecks::tr("unknown") : scopes.join(QStringLiteral(", ")));
    if (!scopes.isEmpty() && !scopes.contains(QStringLiteral("api")) &&
        !scopes.contains(QStringLiteral("read_api"))) {
        context->conclude(result, Verdict::TokenScopesTooNarrow);
    }
    if (!admin)
        result.details =
            GitLabChecks::tr("License, feature settings, the AI gateway URL and GitLab's "
                             "connection check need an administrator's token; they are skipped.");
}

} // namespace

void runGitLabToken(const Context& context) {
    if (context->target().gitlabToken.isEmpty()) {
        context->finish(context->makeResult(
            Status::Skip,
            GitLabChecks::tr(
                "No personal access token given (--gitlab-token-env): checks that ask GitLab are skipped.")));
        return;
    }
    // Both questions need only the token: asked together, judged in order.
    const QList<HttpRequest> requests{gitlabRequest(context, QStringLiteral("/user")),
                                      gitlabRequest(context, QStringLiteral("/personal_access_tokens/self"))};
    context->askAll(requests, [context](CheckResult& result, const QList<HttpResult>& answers) {
        const HttpResult& userHttp = answers.at(0);
        if (failedHttp(context, result, userHttp)) {
            if (userHttp.status == 401)
                result.summary = GitLabChecks::tr("GitLab rejected the token (HTTP 401).");
            return;
        }
        const QJsonObject user = parseObject(userHttp.body);
        const QString username = user.value(QStringLiteral("username")).toString();
        const bool admin = user.value(QStringLiteral("is_admin")).toBool();
        result.evidence.insert(evidence::username, username);
        result.evidence.insert(evidence::isAdmin, admin);
        judgeTokenScopes(context, result, answers.at(1), username, admin);
    });
}

void runGitLabVersion(const Context& context) {
    context->ask(gitlabRequest(context, QStringLiteral("/metadata")), [context](CheckResult& result,
                                                                                const HttpResult& http) {
        if (failedHttp(context, result, http))
            return;
        bool json = false;
        const QJsonObject metadata = parseObject(http.body, &json);
        const QString versionText = metadata.value(QStringLiteral("version")).toString();
        if (!json || versionText.isEmpty()) {
            result.summary = GitLabChecks::tr("GitLab's /api/v4/metadata is not the JSON it should be.");
            context->failWithVerdict(result, http, Verdict::GarbledAnswer,
                                     excerpt(QString::fromUtf8(http.body), 120));
            return;
        }
        const bool enterprise =
            metadata.value(QStringLiteral("enterprise")).toBool(versionText.endsWith(QLatin1String("-ee")));
        const QString number = versionText.section(QLatin1Char('-'), 0, 0);
        const QVersionNumber version = QVersionNumber::fromString(number);
        const QString tag = QStringLiteral("self-hosted-v%1-ee").arg(number);
        result.evidence.insert(evidence::version, number);
        result.evidence.insert(evidence::enterprise, enterprise);
        result.evidence.insert(evidence::aigwImageTag, tag);
        const TemplateValues extra{{QStringLiteral("gitlab_version"), versionText}};
        if (!enterprise) {
            result.summary = GitLabChecks::tr("GitLab %1 is the Community Edition.").arg(versionText);
            context->failWith(result, Verdict::CommunityEdition, http.status, {}, extra);
        } else if (version.majorVersion() < minimumMajorVersion) {
            result.summary = GitLabChecks::tr("GitLab %1 is older than 17.0.").arg(versionText);
            context->failWith(result, Verdict::VersionTooOld, http.status, {}, extra);
        } else {
            result.summary =
                GitLabChecks::tr("GitLab %1 Enterprise Edition; the matching gateway image tag is %2.")
                    .arg(number, tag);
        }
    });
}

void runGitLabLicense(const Context& context) {
    context->ask(gitlabRequest(context, QStringLiteral("/license")), [context](CheckResult& result,
                                                                               const HttpResult& http) {
        if (http.status == 403) {
            result = context->makeResult(
                Status::Skip,
                GitLabChecks::tr("GitLab refused to show the license: it needs an administrator's token."));
            return;
        }
        const QJsonObject license = parseObject(http.body);
        if (http.status == 404 || (http.status == 200 && license.isEmpty())) {
            result.summary = GitLabChecks::tr("GitLab has no license.");
            context->failWith(result, Verdict::NoLicense, http.status);
            return;
        }
        if (failedHttp(context, result, http))
            return;
        QString plan = license.value(QStringLiteral("plan")).toString();
        result.evidence.insert(evidence::plan, plan);
        if (!plan.isEmpty())
            plan[0] = plan.at(0).toUpper(); // "ultimate" reads as a name: "Ultimate"
        const QString expiresAt = license.value(QStringLiteral("expires_at")).toString();
        result.evidence.insert(evidence::expiresAt, expiresAt);
        result.evidence.insert(evidence::expired, license.value(QStringLiteral("expired")).toBool());
        if (license.value(QStringLiteral("expired")).toBool()) {
            result.summary = GitLabChecks::tr("The %1 license expired on %2.").arg(plan, expiresAt);
            context->failWith(result, Verdict::LicenseExpired, http.status, {},
                              {{QStringLiteral("license_expires_at"), expiresAt}});
        } else {
            result.summary = expiresAt.isEmpty()
                                 ? GitLabChecks::tr("%1 license, no expiry date.").arg(plan)
                                 : GitLabChecks::tr("%1 license, valid until %2.").arg(plan, expiresAt);
        }
    });
}

void runGitLabUserAccess(const Context& context) {
    graphql(context,
            QStringLiteral("{ currentUser { username duoCodeSuggestionsAvailable duoChatAvailable } }"), {},
            false, [context](CheckResult& result, const GraphQlAnswer& answer) {
                if (nothingToJudge(context, result, answer,
                                   {{UnavailableWhen::FieldUnknown,
                                     QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                                       "This GitLab version cannot answer remotely; "
                                                       "run the manual step manual.user_access.")}}))
                    return;
                const QJsonObject user = answer.data.value(QStringLiteral("currentUser")).toObject();
                const QString username = user.value(QStringLiteral("username")).toString();
                const bool suggestions = user.value(QStringLiteral("duoCodeSuggestionsAvailable")).toBool();
                result.evidence.insert(evidence::username, username);
                result.evidence.insert(evidence::duoCodeSuggestionsAvailable, suggestions);
                result.evidence.insert(evidence::duoChatAvailable,
                                       user.value(QStringLiteral("duoChatAvailable")).toBool());
                if (!suggestions) {
                    result.summary = GitLabChecks::tr("%1 may not use Code Suggestions.").arg(username);
                    context->failWith(result, Verdict::UserNoAccess, answer.http.status, {},
                                      {{QStringLiteral("gitlab_username"), username}});
                } else {
                    result.summary = GitLabChecks::tr("%1 may use Code Suggestions.").arg(username);
                }
            });
}

namespace {

// What GitLab's feature settings say about each feature, and what keeps Code Suggestions off a self-hosted
// model.
struct FeatureSettings {
    QJsonObject providers;     // feature -> provider
    QJsonObject featureModels; // feature -> GitLab's model, for the self-hosted ones (import shows it)
    QStringList notSelfHosted; // "feature: provider" for Code Suggestions' two features
    QStringList modelsUsed;    // the models Code Suggestions' features use
};

FeatureSettings readFeatureSettings(const QJsonArray& nodes) {
    static const QString selfHosted = QStringLiteral("self_hosted");
    FeatureSettings settings;
    for (const QJsonValue& node : nodes) {
        const QJsonObject setting = node.toObject();
        const QString feature = setting.value(QStringLiteral("feature")).toString();
        const QString provider = setting.value(QStringLiteral("provider")).toString();
        const QString modelName = setting.value(QStringLiteral("selfHostedModel"))
                                      .toObject()
                                      .value(QStringLiteral("name"))
                                      .toString();
        settings.providers.insert(feature, provider);
        if (provider == selfHosted && !modelName.isEmpty())
            settings.featureModels.insert(feature, modelName);
        if (feature != QLatin1String("code_completions") && feature != QLatin1String("code_generations"))
            continue;
        if (provider != selfHosted)
            settings.notSelfHosted.append(QStringLiteral("%1: %2").arg(feature, provider));
        else
            settings.modelsUsed.append(modelName);
    }
    if (!settings.providers.contains(QStringLiteral("code_completions")) &&
        !settings.providers.contains(QStringLiteral("code_generations")))
        settings.notSelfHosted.append(GitLabChecks::tr("Code Suggestions not configured"));
    settings.modelsUsed.removeDuplicates();
    return settings;
}

void judgeFeatureSettings(const Context& context, CheckResult& result, const GraphQlAnswer& answer) {
    if (nothingToJudge(
            context, result, answer,
            {{UnavailableWhen::PermissionDenied,
              QT_TRANSLATE_NOOP(
                  "duo::GitLabChecks",
                  "GitLab refused to show the feature settings: it needs an administrator's token.")},
             {UnavailableWhen::FieldUnknown,
              QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                "This GitLab version cannot list feature settings remotely; "
                                "check them in Admin > Settings > General > AI-powered features.")}}))
        return;
    result.evidence.insert(evidence::selfHostedModels,
                           nodesOf(answer.data, QStringLiteral("aiSelfHostedModels")));
    const FeatureSettings settings =
        readFeatureSettings(nodesOf(answer.data, QStringLiteral("aiFeatureSettings")));
    result.evidence.insert(evidence::providers, settings.providers);
    result.evidence.insert(evidence::featureModels, settings.featureModels);
    if (!settings.notSelfHosted.isEmpty()) {
        const QString wrong = settings.notSelfHosted.join(QStringLiteral("; "));
        result.summary = GitLabChecks::tr("Not set to a self-hosted model: %1.").arg(wrong);
        context->failWith(result, Verdict::FeaturesNotSelfHosted, answer.http.status, wrong);
    } else {
        result.summary =
            GitLabChecks::tr("Code Suggestions and code generation use the self-hosted model %1.")
                .arg(settings.modelsUsed.join(QStringLiteral(", ")));
    }
}

} // namespace

void runGitLabSelfHostedFeatures(const Context& context) {
    graphql(context, QString::fromLatin1(featureSettingsQuery), {}, false,
            [context](CheckResult& result, const GraphQlAnswer& answer) {
                judgeFeatureSettings(context, result, answer);
            });
}

namespace {

// GitLab's add-on names to the add-on type its seat query wants; other add-ons do not serve Code Suggestions.
QString addOnType(const QString& purchaseName) {
    const QString name = purchaseName.toUpper();
    if (name.contains(QLatin1String("ENTERPRISE")))
        return QStringLiteral("DUO_ENTERPRISE");
    if (name.contains(QLatin1String("CODE_SUGGESTIONS")) || name.contains(QLatin1String("PRO")))
        return QStringLiteral("CODE_SUGGESTIONS");
    return {};
}

// The add-on that serves Code Suggestions, as GitLab lists its purchases.
struct DuoAddOn {
    QString id;
    QString name;
    int purchased = 0;
    int assigned = 0;
};

std::optional<DuoAddOn> codeSuggestionsAddOn(const QJsonArray& purchases) {
    for (const QJsonValue& value : purchases) {
        const QJsonObject purchase = value.toObject();
        if (!addOnType(purchase.value(QStringLiteral("name")).toString()).isEmpty())
            return DuoAddOn{.id = purchase.value(QStringLiteral("id")).toString(),
                            .name = purchase.value(QStringLiteral("name")).toString(),
                            .purchased = purchase.value(QStringLiteral("purchasedQuantity")).toInt(),
                            .assigned = purchase.value(QStringLiteral("assignedQuantity")).toInt()};
    }
    return std::nullopt;
}

bool holdsSeat(const QJsonArray& eligibleUsers, const QString& username) {
    bool seat = false;
    for (const QJsonValue& node : eligibleUsers) {
        const QJsonObject user = node.toObject();
        if (user.value(QStringLiteral("username")).toString() == username)
            seat = !nodesOf(user, QStringLiteral("addOnAssignments")).isEmpty();
    }
    return seat;
}

// The second question: does the token's user hold one of the add-on's seats?
void judgeSeatHolder(const Context& context, CheckResult& result, const GraphQlAnswer& users,
                     const DuoAddOn& addOn, const QString& username) {
    if (skippedAsUnavailable(
            context, result, users, UnavailableWhen::Either,
            QT_TRANSLATE_NOOP("duo::GitLabChecks",
                              "GitLab does not say who has a Duo seat to this token or version; "
                              "check Admin > GitLab Duo > Seat utilization by hand.")))
        return;
    result.evidence.insert(evidence::addOn, addOn.name);
    result.evidence.insert(evidence::purchasedSeats, addOn.purchased);
    result.evidence.insert(evidence::assignedSeats, addOn.assigned);
    const bool hasSeat =
        holdsSeat(nodesOf(users.data, QStringLiteral("selfManagedAddOnEligibleUsers")), username);
    result.evidence.insert(evidence::userHasSeat, hasSeat);
    if (hasSeat) {
        result.summary = GitLabChecks::tr("%1 has a %2 seat (%3 of %4 seats assigned).")
                             .arg(username, addOn.name)
                             .arg(addOn.assigned)
                             .arg(addOn.purchased);
        return;
    }
    result.summary = GitLabChecks::tr("%1 has no %2 seat (%3 of %4 seats assigned).")
                         .arg(username, addOn.name)
                         .arg(addOn.assigned)
                         .arg(addOn.purchased);
    context->conclude(result,
                      addOn.assigned >= addOn.purchased ? Verdict::SeatsAllTaken : Verdict::SeatUnassigned,
                      {{QStringLiteral("purchased_seats"), QString::number(addOn.purchased)},
                       {QStringLiteral("gitlab_username"), username}});
    // GitLab lets the user use Code Suggestions all the same: the missing seat is worth a warning, not a
    // cause.
    const CheckResult* access = context->resultOf(QStringLiteral("gitlab.user_access"));
    if (access && access->status == Status::Pass)
        result.status = Status::Warn;
}

// The first question: which GitLab Duo add-on does the instance have? Then asks about the user's seat.
void judgeDuoAddOn(const Context& context, CheckResult& result, const GraphQlAnswer& answer) {
    if (nothingToJudge(context, result, answer,
                       {{UnavailableWhen::Either,
                         QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                           "GitLab does not show its Duo seats to this token or version; "
                                           "check Admin > GitLab Duo > Seat utilization by hand.")}}))
        return;
    const std::optional<DuoAddOn> addOn =
        codeSuggestionsAddOn(answer.data.value(QStringLiteral("addOnPurchases")).toArray());
    if (!addOn) {
        result.summary = GitLabChecks::tr("No GitLab Duo add-on is active on this instance.");
        context->conclude(result, Verdict::DuoAddOnMissing);
        return;
    }
    const CheckResult* token = context->resultOf(QStringLiteral("gitlab.token"));
    const QString username = token ? token->evidence.value(evidence::username).toString() : QString();
    const QString seats =
        QStringLiteral("query($ids: [GitlabSubscriptionsAddOnPurchaseID!]!, $search: String) { "
                       "selfManagedAddOnEligibleUsers(addOnType: %1, addOnPurchaseIds: $ids, search: "
                       "$search) { nodes { "
                       "username addOnAssignments(addOnPurchaseIds: $ids) { nodes { addOnPurchase { name "
                       "} } } } } }")
            .arg(addOnType(addOn->name));
    const QJsonObject variables{{QStringLiteral("ids"), QJsonArray{addOn->id}},
                                {QStringLiteral("search"), username}};
    graphql(context, seats, variables, false,
            [context, addOn = *addOn, username](CheckResult& seat, const GraphQlAnswer& users) {
                judgeSeatHolder(context, seat, users, addOn, username);
            });
}

} // namespace

// The seed's "assign a seat": the add-on GitLab has, and whether the token's user holds one of its seats.
void runGitLabDuoSeat(const Context& context) {
    const QString query = QStringLiteral("{ addOnPurchases { id name purchasedQuantity assignedQuantity } }");
    graphql(context, query, {}, false, [context](CheckResult& result, const GraphQlAnswer& answer) {
        judgeDuoAddOn(context, result, answer);
    });
}

namespace {

// No model of GitLab's is this setup's: the desktop's checks say nothing about GitLab's own requests.
void warnModelUnknown(const Context& context, CheckResult& result, const QList<GitLabModel>& models) {
    QStringList names;
    for (const GitLabModel& model : models)
        names.append(model.name);
    result.summary =
        models.isEmpty()
            ? GitLabChecks::tr("GitLab has no self-hosted model configured.")
            : GitLabChecks::tr("GitLab has no self-hosted model named %1 or with this endpoint; it has: %2.")
                  .arg(context->target().effectiveDeploymentName(), names.join(QStringLiteral(", ")));
    context->conclude(result, Verdict::ModelUnknownToGitLab);
}

// GitLab's copy of the model against this setup, field by field.
void compareModelConfig(const Context& context, CheckResult& result, const GitLabModel& model) {
    const QList<FieldDifference> differences = compareWithGitLab(context->target(), model);
    QJsonArray differencesJson;
    QStringList lines;
    for (const FieldDifference& difference : differences) {
        differencesJson.append(QJsonObject{{QStringLiteral("field"), difference.field},
                                           {QStringLiteral("here"), difference.here},
                                           {QStringLiteral("gitlab"), difference.inGitLab}});
        lines.append(GitLabChecks::tr("%1: %2 here, %3 in GitLab")
                         .arg(difference.field,
                              difference.here.isEmpty() ? QStringLiteral("-") : difference.here,
                              difference.inGitLab.isEmpty() ? QStringLiteral("-") : difference.inGitLab));
    }
    result.evidence.insert(evidence::gitlabModel, model.name);
    result.evidence.insert(evidence::hasApiToken, model.hasApiToken);
    if (!differences.isEmpty()) {
        result.evidence.insert(evidence::differences, differencesJson);
        result.summary = GitLabChecks::tr("GitLab's model %1 differs from this setup: %2.")
                             .arg(model.name, lines.join(QStringLiteral("; ")));
        context->conclude(result, Verdict::ModelConfigDiffers,
                          {{QStringLiteral("gitlab_model"), model.name}});
    } else if (!context->target().modelKey.isEmpty() && !model.hasApiToken) {
        result.summary =
            GitLabChecks::tr("GitLab's model %1 has no API key, but this setup uses one.").arg(model.name);
        context->conclude(result, Verdict::ModelWithoutKeyInGitLab,
                          {{QStringLiteral("gitlab_model"), model.name}});
    } else {
        result.summary =
            GitLabChecks::tr("GitLab's model %1 matches this setup (name, family, endpoint, identifier).")
                .arg(model.name);
    }
}

} // namespace

// GitLab sends its own copy of the model's settings: when it differs from what is checked here, the desktop
// checks test another model than GitLab uses. Reads what gitlab.self_hosted_features fetched; no request.
void runGitLabModelConfig(const Context& context) {
    const Target& target = context->target();
    if (target.modelEndpoint.isEmpty() && target.effectiveDeploymentName().isEmpty()) {
        context->finish(
            context->makeResult(Status::Skip, GitLabChecks::tr("Needs the model's name or endpoint.")));
        return;
    }
    const CheckResult* features = context->resultOf(QStringLiteral("gitlab.self_hosted_features"));
    const QList<GitLabModel> models = gitlabModelsFrom(
        features ? features->evidence.value(evidence::selfHostedModels).toArray() : QJsonArray());
    CheckResult result = context->makeResult(Status::Pass, QString());
    if (const GitLabModel* model = matchingModel(models, target))
        compareModelConfig(context, result, *model);
    else
        warnModelUnknown(context, result, models);
    context->finish(result);
}

namespace {

// GitLab's AI gateway URL against the one entered here.
void compareGatewayUrls(const Context& context, CheckResult& result, const QString& configured,
                        int httpStatus) {
    const QUrl entered = context->target().gatewayUrl;
    if (entered.isEmpty()) {
        result.summary = GitLabChecks::tr("GitLab uses the AI gateway at %1.").arg(configured);
        return;
    }
    if (normalisedUrl(configured) == normalisedUrl(entered.toString())) {
        result.summary = GitLabChecks::tr("GitLab uses this gateway (%1).").arg(configured);
        return;
    }
    QUrl sameHost(configured);
    sameHost.setHost(entered.host());
    const bool onlyHostDiffers = normalisedUrl(sameHost.toString()) == normalisedUrl(entered.toString());
    const CheckResult* probe = context->resultOf(QStringLiteral("gitlab.gateway_probe"));
    if (onlyHostDiffers && probe && probe->status == Status::Pass) {
        result.summary =
            GitLabChecks::tr("GitLab reaches the gateway as %1, you entered %2; GitLab's own probe passes.")
                .arg(configured, entered.toString());
        context->conclude(result, Verdict::GatewayKnownByOtherHost,
                          {{QStringLiteral("gitlab_gateway_url"), configured}});
        return;
    }
    result.summary =
        GitLabChecks::tr("GitLab's AI gateway URL is %1, not %2.").arg(configured, entered.toString());
    context->failWith(result, Verdict::GatewayUrlMismatch, httpStatus, {},
                      {{QStringLiteral("gitlab_gateway_url"), configured}});
}

void judgeGatewayUrl(const Context& context, CheckResult& result, const GraphQlAnswer& answer) {
    if (nothingToJudge(context, result, answer,
                       {{UnavailableWhen::PermissionDenied,
                         QT_TRANSLATE_NOOP(
                             "duo::GitLabChecks",
                             "GitLab refused to show its Duo settings: it needs an administrator's token.")},
                        {UnavailableWhen::FieldUnknown,
                         QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                           "This GitLab version keeps the URL in AI_GATEWAY_URL; run "
                                           "the manual step manual.gitlab_env.")}}))
        return;
    const QJsonObject settings = answer.data.value(QStringLiteral("duoSettings")).toObject();
    const QString configured = settings.value(QStringLiteral("aiGatewayUrl")).toString();
    result.evidence.insert(evidence::gitlabAiGatewayUrl, configured);
    if (settings.contains(QStringLiteral("aiGatewayTimeoutSeconds")))
        result.evidence.insert(evidence::aiGatewayTimeoutSeconds,
                               settings.value(QStringLiteral("aiGatewayTimeoutSeconds")));
    if (configured.isEmpty()) {
        result.summary = GitLabChecks::tr("GitLab has no AI gateway URL.");
        context->failWith(result, Verdict::GatewayUrlUnset, answer.http.status, {},
                          {{QStringLiteral("gitlab_gateway_url"), configured}});
        return;
    }
    compareGatewayUrls(context, result, configured, answer.http.status);
}

} // namespace

void runGitLabAiGatewayUrl(const Context& context) {
    graphql(context, QStringLiteral("{ duoSettings { aiGatewayUrl aiGatewayTimeoutSeconds } }"), {}, false,
            [context](CheckResult& result, const GraphQlAnswer& answer) {
                judgeGatewayUrl(context, result, answer);
            });
}

namespace {

// GitLab 18.4+ also probes its Agent Platform service: shown beside the desktop's view, never a verdict here.
void noteAgentPlatformProbe(CheckResult& result, const QJsonObject& probe) {
    const QString message = probe.value(QStringLiteral("message")).toString();
    result.evidence.insert(
        evidence::agentPlatformProbe,
        QJsonObject{{QStringLiteral("success"), probe.value(QStringLiteral("success")).toBool()},
                    {QStringLiteral("message"), message}});
    result.details = GitLabChecks::tr("GitLab's own Agent Platform probe: %1").arg(message);
}

} // namespace

void runGitLabGatewayProbe(const Context& context) {
    graphql(
        context, QStringLiteral("{ cloudConnectorStatus { success probeResults { name success message } } }"),
        {}, true, [context](CheckResult& result, const GraphQlAnswer& answer) {
            if (nothingToJudge(context, result, answer,
                               {{UnavailableWhen::Either,
                                 QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                                   "GitLab cannot run its probes for this token or version; "
                                                   "run the manual step manual.gitlab_http_gateway.")}}))
                return;
            // Only the probes about reaching the gateway belong here; license probes have their own
            // check.
            static const QStringList gatewayProbes{
                QStringLiteral("ai_gateway_url_presence_probe"), QStringLiteral("host_probe"),
                QStringLiteral("ai_gateway_healthz_probe"), QStringLiteral("self_hosted_ai_gateway_probe")};
            QJsonArray probes;
            QStringList failures;
            for (const QJsonValue& value : answer.data.value(QStringLiteral("cloudConnectorStatus"))
                                               .toObject()
                                               .value(QStringLiteral("probeResults"))
                                               .toArray()) {
                const QJsonObject probe = value.toObject();
                probes.append(probe);
                if (probe.value(QStringLiteral("name")).toString() ==
                    QLatin1String("duo_agent_platform_probe"))
                    noteAgentPlatformProbe(result, probe);
                if (gatewayProbes.contains(probe.value(QStringLiteral("name")).toString()) &&
                    !probe.value(QStringLiteral("success")).toBool())
                    failures.append(probe.value(QStringLiteral("message")).toString());
            }
            if (probes.isEmpty()) {
                result = context->makeResult(Status::Skip,
                                             GitLabChecks::tr("GitLab returned no probe results; run "
                                                              "the manual step "
                                                              "manual.gitlab_http_gateway."));
                return;
            }
            result.evidence.insert(evidence::probes, probes);
            if (failures.isEmpty()) {
                result.summary = GitLabChecks::tr("GitLab's own probes reach the AI gateway.");
                return;
            }
            result.summary = GitLabChecks::tr("GitLab cannot reach the AI gateway: %1")
                                 .arg(excerpt(failures.join(QStringLiteral("; ")), 200));
            context->failFrom(result, {.checkId = result.id,
                                       .httpStatus = answer.http.status,
                                       .text = failures.join(QLatin1Char('\n'))});
        });
}

void runGitLabCodeSuggestions(const Context& context) {
    const CheckResult* token = context->resultOf(QStringLiteral("gitlab.token"));
    const QJsonArray scopes = token ? token->evidence.value(evidence::scopes).toArray() : QJsonArray{};
    if (!scopes.isEmpty() && !scopes.contains(QStringLiteral("api")) &&
        !scopes.contains(QStringLiteral("ai_features"))) {
        context->finish(context->makeResult(
            Status::Skip,
            GitLabChecks::tr("The token lacks the api or ai_features scope that Code Suggestions need.")));
        return;
    }
    HttpRequest request = gitlabRequest(context, QStringLiteral("/code_suggestions/completions"));
    request.method = "POST";
    request.generates = true;
    request.shareable = false;
    request.addHeader("Content-Type", "application/json");
    const QJsonObject body{
        {QStringLiteral("current_file"),
         QJsonObject{{QStringLiteral("file_name"), QStringLiteral("hello.py")},
                     {QStringLiteral("content_above_cursor"), QStringLiteral("def hello_world():\n    ")},
                     {QStringLiteral("content_below_cursor"), QString()}}},
        {QStringLiteral("intent"), QStringLiteral("completion")},
        {QStringLiteral("stream"), false},
    };
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    context->ask(request, [context](CheckResult& result, const HttpResult& http) {
        result.details = GitLabChecks::tr("POST /api/v4/code_suggestions/completions, as an IDE does: %1")
                             .arg(describeHttp(http));
        if (http.answered() && (http.status == 200 || http.status == 201)) {
            const QJsonArray choices = parseObject(http.body).value(QStringLiteral("choices")).toArray();
            result.summary =
                GitLabChecks::tr("GitLab returned a code suggestion in %1 ms.").arg(http.elapsedMs);
            if (choices.isEmpty()) {
                result.status = Status::Warn;
                result.summary = GitLabChecks::tr("GitLab answered, but without a suggestion.");
            }
            return;
        }
        result.summary = http.answered() ? GitLabChecks::tr("GitLab answered HTTP %1: %2")
                                               .arg(QString::number(http.status),
                                                    excerpt(QString::fromUtf8(http.body), 160))
                                         : http.errorText;
        context->failFromHttp(result, http);
    });
}

void runGitLabModelConnection(const Context& context) {
    const Target& target = context->target();
    if (target.modelFamily.isEmpty() ||
        (target.modelEndpoint.isEmpty() && platformOf(target.modelIdentifier).needsEndpoint)) {
        context->finish(
            context->makeResult(Status::Skip, GitLabChecks::tr("Needs the model name and endpoint.")));
        return;
    }
    // No apiToken: GitLab uses the key it has stored for this model; the admin's key never goes to GitLab.
    const QString mutation = QStringLiteral("mutation($input: AiSelfHostedModelConnectionCheckInput!) { "
                                            "aiSelfHostedModelConnectionCheck(input: $input) "
                                            "{ result { name success message } errors } }");
    QJsonObject input{{QStringLiteral("name"), target.effectiveDeploymentName()},
                      {QStringLiteral("model"), target.modelFamily.toUpper()},
                      {QStringLiteral("endpoint"), target.modelEndpoint.toString()}};
    if (!target.modelIdentifier.isEmpty())
        input.insert(QStringLiteral("identifier"), target.modelIdentifier);
    graphql(
        context, mutation, QJsonObject{{QStringLiteral("input"), input}}, true,
        [context](CheckResult& result, const GraphQlAnswer& answer) {
            if (nothingToJudge(
                    context, result, answer,
                    {{UnavailableWhen::Either,
                      QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                        "GitLab cannot run its connection check for this token or "
                                        "version; run the manual step manual.console_model_request.")}}))
                return;
            const QJsonObject payload =
                answer.data.value(QStringLiteral("aiSelfHostedModelConnectionCheck")).toObject();
            const QJsonObject check = payload.value(QStringLiteral("result")).toObject();
            const QString message = check.value(QStringLiteral("message")).toString();
            result.evidence.insert(evidence::message, message);
            if (check.value(QStringLiteral("success")).toBool()) {
                result.summary = GitLabChecks::tr("GitLab -> gateway -> model works: %1").arg(message);
                return;
            }
            QStringList errors;
            for (const QJsonValue& error : payload.value(QStringLiteral("errors")).toArray())
                errors.append(error.toString());
            const QString text =
                message.isEmpty() ? (errors + answer.errors).join(QStringLiteral("; ")) : message;
            result.summary = GitLabChecks::tr("GitLab's connection check failed: %1").arg(excerpt(text, 200));
            // The platform stands in for the server: GitLab's check of a Bedrock model has its own false
            // failure.
            context->failFrom(
                result, {.checkId = result.id,
                         .serverType = QString::fromLatin1(platformOf(context->target().modelIdentifier).key),
                         .httpStatus = answer.http.status,
                         .text = text});
        });
}

} // namespace duo
