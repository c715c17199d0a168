#include "core/checks/gitlabapi.h"

#include "core/engine/evidence.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace duo::gitlabapi {

namespace {

struct GitLabChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::GitLabChecks)
};

} // namespace

const char* const featureSettingsQuery =
    "{ aiFeatureSettings { nodes { feature provider selfHostedModel { name model endpoint identifier } } } "
    "aiSelfHostedModels { nodes { id name model endpoint identifier releaseState hasApiToken } } }";

HttpRequest gitlabRequest(const Context& context, const QString& apiPath) {
    HttpRequest request;
    request.shareable = true; // a read: checks asking the same share one answer (POSTs say otherwise)
    request.url = appendPath(context->target().gitlabUrl, QStringLiteral("/api/v4") + apiPath);
    request.addHeader("Accept", "application/json");
    if (!context->target().gitlabToken.isEmpty())
        request.addHeader("PRIVATE-TOKEN", context->target().gitlabToken.reveal().toUtf8());
    return request;
}

HttpRequest graphQlRequest(const Context& context, const QString& query, const QJsonObject& variables,
                           bool generates) {
    HttpRequest request = gitlabRequest(context, QString());
    request.url = appendPath(context->target().gitlabUrl, QStringLiteral("/api/graphql"));
    request.method = "POST";
    request.generates = generates;
    request.shareable = !generates; // a query is a read; GitLab's own checks are asked for once each
    request.addHeader("Content-Type", "application/json");
    QJsonObject body{{QStringLiteral("query"), query}};
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

GraphQlAnswer graphQlAnswer(const HttpResult& http) {
    GraphQlAnswer answer;
    answer.http = http;
    const QJsonObject root = parseObject(http.body);
    answer.data = root.value(QStringLiteral("data")).toObject();
    for (const QJsonValue& error : root.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject object = error.toObject();
        answer.errors.append(object.value(QStringLiteral("message")).toString());
        answer.codes.append(
            object.value(QStringLiteral("extensions")).toObject().value(QStringLiteral("code")).toString());
    }
    return answer;
}

void graphql(const Context& context, const QString& query, const QJsonObject& variables, bool generates,
             GraphQlJudge judge) {
    context->ask(graphQlRequest(context, query, variables, generates),
                 [judge = std::move(judge)](CheckResult& result, const HttpResult& http) {
                     judge(result, graphQlAnswer(http));
                 });
}

QJsonArray nodesOf(const QJsonObject& data, const QString& field) {
    return data.value(field).toObject().value(QStringLiteral("nodes")).toArray();
}

bool fieldUnknown(const GraphQlAnswer& answer) {
    static const QRegularExpression unknown(
        QStringLiteral("doesn't exist on type|Field '.*' doesn't exist|undefined field"),
        QRegularExpression::CaseInsensitiveOption);
    return answer.codes.contains(QStringLiteral("undefinedField")) ||
           std::any_of(answer.errors.cbegin(), answer.errors.cend(),
                       [](const QString& error) { return unknown.match(error).hasMatch(); });
}

bool permissionDenied(const GraphQlAnswer& answer) {
    return std::any_of(answer.errors.cbegin(), answer.errors.cend(), [](const QString& error) {
        return error.contains(QLatin1String("permission"), Qt::CaseInsensitive) ||
               error.contains(QLatin1String("does not exist or you don't have"), Qt::CaseInsensitive);
    });
}

bool skippedAsUnavailable(const Context& context, CheckResult& result, const GraphQlAnswer& answer,
                          UnavailableWhen when, const char* reason) {
    const bool unknown = (when != UnavailableWhen::PermissionDenied) && fieldUnknown(answer);
    const bool denied = (when != UnavailableWhen::FieldUnknown) && permissionDenied(answer);
    if (!unknown && !denied)
        return false;
    result = context->makeResult(Status::Skip, GitLabChecks::tr(reason));
    return true;
}

bool failedHttp(const Context& context, CheckResult& result, const HttpResult& http, int expected) {
    if (http.error == NetError::None && http.status == expected)
        return false;
    result.details = describeHttp(http);
    context->failFromHttp(result, http);
    if (result.summary.isEmpty())
        result.summary =
            http.answered() ? GitLabChecks::tr("GitLab answered HTTP %1.").arg(http.status) : http.errorText;
    return true;
}

bool nothingToJudge(const Context& context, CheckResult& result, const GraphQlAnswer& answer,
                    std::initializer_list<Unavailable> unavailable) {
    for (const Unavailable& reason : unavailable) {
        if (skippedAsUnavailable(context, result, answer, reason.when, reason.reason))
            return true;
    }
    return failedHttp(context, result, answer.http);
}

QString gitlabVersion(const Context& context) {
    const CheckResult* version = context->resultOf(QStringLiteral("gitlab.version"));
    return version ? version->evidence.value(evidence::version).toString() : QString();
}

} // namespace duo::gitlabapi
