#include "core/profiles/gitlabmodels.h"

#include <QJsonObject>

namespace duo {

namespace {

QString withoutTrailingSlash(QString text) {
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

} // namespace

QList<GitLabModel> gitlabModelsFrom(const QJsonArray& nodes) {
    QList<GitLabModel> models;
    for (const QJsonValue& value : nodes) {
        const QJsonObject node = value.toObject();
        GitLabModel model;
        model.name = node.value(QStringLiteral("name")).toString();
        model.family = node.value(QStringLiteral("model")).toString().toLower();
        model.endpoint = node.value(QStringLiteral("endpoint")).toString();
        model.identifier = node.value(QStringLiteral("identifier")).toString();
        model.releaseState = node.value(QStringLiteral("releaseState")).toString();
        model.hasApiToken = node.value(QStringLiteral("hasApiToken")).toBool();
        if (!model.name.isEmpty())
            models.append(model);
    }
    return models;
}

const GitLabModel* matchingModel(const QList<GitLabModel>& models, const Target& target) {
    const QString name = target.effectiveDeploymentName();
    for (const GitLabModel& model : models) {
        if (!name.isEmpty() && model.name == name)
            return &model;
    }
    const QString endpoint = withoutTrailingSlash(target.modelEndpoint.toString());
    for (const GitLabModel& model : models) {
        if (!endpoint.isEmpty() && withoutTrailingSlash(model.endpoint) == endpoint)
            return &model;
    }
    return nullptr;
}

QList<FieldDifference> compareWithGitLab(const Target& target, const GitLabModel& model) {
    QList<FieldDifference> differences;
    const auto differ = [&](const char* field, const QString& here, const QString& inGitLab) {
        if (here != inGitLab)
            differences.append({QString::fromLatin1(field), here, inGitLab});
    };
    differ("deployment_name", target.effectiveDeploymentName(), model.name);
    differ("model_name", target.modelFamily.toLower(), model.family);
    differ("endpoint", withoutTrailingSlash(target.modelEndpoint.toString()),
           withoutTrailingSlash(model.endpoint));
    differ("identifier", target.modelIdentifier, model.identifier);
    return differences;
}

QHash<QString, QStringList> featuresByModel(const QJsonObject& featureModels) {
    QHash<QString, QStringList> features;
    for (auto it = featureModels.begin(); it != featureModels.end(); ++it)
        features[it.value().toString()].append(it.key());
    return features;
}

Target targetFor(const GitLabModel& model, const Target& base) {
    Target target = base;
    target.deploymentName = model.name;
    target.modelFamily = model.family;
    target.modelEndpoint = QUrl(model.endpoint);
    target.modelIdentifier = model.identifier;
    return target;
}

} // namespace duo
