#include "ui/setupsettings.h"

#include <QSettings>

namespace duo::ui {

namespace {

struct Key {
    const char* name;
    QString SetupValues::*member;
};
const Key keys[] = {
    {"setup/gitlab_url", &SetupValues::gitlabUrl},
    {"setup/gateway_url", &SetupValues::gatewayUrl},
    {"setup/model_name", &SetupValues::modelName},
    {"setup/model_endpoint", &SetupValues::modelEndpoint},
    {"setup/model_identifier", &SetupValues::modelIdentifier},
    {"setup/deployment_name", &SetupValues::deploymentName},
    {"setup/agent_platform", &SetupValues::agentPlatform},
    {"setup/azure_api_version", &SetupValues::azureApiVersion},
};

} // namespace

SetupValues SetupValues::load() {
    QSettings settings;
    SetupValues values;
    for (const Key& key : keys)
        values.*key.member = settings.value(QLatin1String(key.name)).toString();
    return values;
}

void SetupValues::save() const {
    QSettings settings;
    for (const Key& key : keys)
        settings.setValue(QLatin1String(key.name), this->*key.member);
}

QByteArray loadWindowGeometry() {
    return QSettings().value(QStringLiteral("window/geometry")).toByteArray();
}

void saveWindowGeometry(const QByteArray& geometry) {
    QSettings().setValue(QStringLiteral("window/geometry"), geometry);
}

} // namespace duo::ui
