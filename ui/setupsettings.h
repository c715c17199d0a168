#pragma once

#include <QByteArray>
#include <QString>

namespace duo::ui {

// The non-secret fields the wizard remembers between runs. Secrets never come here: they wait for the
// keychain (profiles), so the settings file can be read by anyone without harm.
struct SetupValues {
    QString gitlabUrl;
    QString gatewayUrl;
    QString modelName;
    QString modelEndpoint;
    QString modelIdentifier;
    QString deploymentName;
    QString agentPlatform;
    QString azureApiVersion;

    static SetupValues load();
    void save() const;
};

QByteArray loadWindowGeometry();
void saveWindowGeometry(const QByteArray& geometry);

} // namespace duo::ui
