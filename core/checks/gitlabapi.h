#pragma once

// What the GitLab runners share: requests to GitLab's REST and GraphQL APIs and the usual non-answers
// (an unknown field, a refusal, an unexpected status). Texts are translated in context "duo::GitLabChecks".
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <initializer_list>

namespace duo::gitlabapi {

HttpRequest gitlabRequest(const Context& context, const QString& apiPath);
// GitLab's feature routing and its self-hosted models: gitlab.self_hosted_features asks it,
// model.tool_calling reads it too, as one shared request.
extern const char* const featureSettingsQuery;
// A GraphQL read or mutation; reads that several checks ask alike may be shared (AnswerBoard).
HttpRequest graphQlRequest(const Context& context, const QString& query, const QJsonObject& variables = {},
                           bool generates = false);

struct GraphQlAnswer {
    HttpResult http;
    QJsonObject data;
    QStringList errors; // the messages
    QStringList codes;  // extensions.code, e.g. undefinedField
};
GraphQlAnswer graphQlAnswer(const HttpResult& http);

// Judges a GraphQL answer into the check's result, as CheckContext::Judge does an HTTP answer.
using GraphQlJudge = std::function<void(CheckResult& result, const GraphQlAnswer& answer)>;
void graphql(const Context& context, const QString& query, const QJsonObject& variables, bool generates,
             GraphQlJudge judge);

// The nodes of a GraphQL connection: data.field.nodes.
QJsonArray nodesOf(const QJsonObject& data, const QString& field);

// A field this GitLab does not have (GraphQL's undefinedField): GitLab rejects the whole document.
bool fieldUnknown(const GraphQlAnswer& answer);
bool permissionDenied(const GraphQlAnswer& answer);

enum class UnavailableWhen { FieldUnknown, PermissionDenied, Either };

// GitLab versions without a field, or a token without the right, make a remote check impossible: skip it with
// the way to check by hand, instead of calling it a failure. The skip replaces whatever the judge had noted.
bool skippedAsUnavailable(const Context& context, CheckResult& result, const GraphQlAnswer& answer,
                          UnavailableWhen when, const char* reason);

// Common non-answers of a GitLab API call: network error or an unexpected HTTP status.
bool failedHttp(const Context& context, CheckResult& result, const HttpResult& http, int expected = 200);

// Why GitLab may be unable to answer a query, and what to say when it is.
struct Unavailable {
    UnavailableWhen when;
    const char* reason; // in context duo::GitLabChecks
};

// True when there is nothing to judge: GitLab cannot answer (a skip) or did not (a failure).
bool nothingToJudge(const Context& context, CheckResult& result, const GraphQlAnswer& answer,
                    std::initializer_list<Unavailable> unavailable);

// GitLab's version as gitlab.version read it ("18.11.0"), or "" when unknown.
QString gitlabVersion(const Context& context);

} // namespace duo::gitlabapi
