#pragma once

#include "core/target.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace duo {

// A self-hosted model as GitLab has it configured (GraphQL aiSelfHostedModels).
struct GitLabModel {
    QString name;   // GitLab's name for it: the deployment name
    QString family; // "mistral", "codestral", … (GitLab's enum, lower case)
    QString endpoint;
    QString identifier;
    QString releaseState;
    bool hasApiToken = false;
};

QList<GitLabModel> gitlabModelsFrom(const QJsonArray& nodes);

// The model GitLab has under this setup's deployment name, else the one with this setup's endpoint; nullptr
// when none.
const GitLabModel* matchingModel(const QList<GitLabModel>& models, const Target& target);

// Where this setup and GitLab's configuration disagree, field by field (trailing slashes and the family's
// case do not count).
struct FieldDifference {
    QString field; // "endpoint", "identifier", "model_name", "deployment_name"
    QString here;
    QString inGitLab;
};
QList<FieldDifference> compareWithGitLab(const Target& target, const GitLabModel& model);

// GitLab's Duo features by the name of the self-hosted model that serves them, from the feature-settings
// check's "feature_models" evidence ({feature: model name}).
QHash<QString, QStringList> featuresByModel(const QJsonObject& featureModels);

// The setup for one of GitLab's models: `base` gives GitLab's and the gateway's URLs.
Target targetFor(const GitLabModel& model, const Target& base);

} // namespace duo
