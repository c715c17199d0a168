#include "core/profiles/profile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUuid>

namespace duo {

namespace {

struct ProfileText {
    Q_DECLARE_TR_FUNCTIONS(duo::Profile)
};

constexpr auto schemaName = "duo-doctor.profile";

// Version 1 nested the fields per component and called the family "model.name".
QJsonObject migrateFromVersion1(const QJsonObject& old) {
    const QJsonObject gitlab = old.value(QStringLiteral("gitlab")).toObject();
    const QJsonObject gateway = old.value(QStringLiteral("gateway")).toObject();
    const QJsonObject model = old.value(QStringLiteral("model")).toObject();
    return {{QStringLiteral("schema"), QString::fromLatin1(schemaName)},
            {QStringLiteral("version"), 2},
            {QStringLiteral("id"), old.value(QStringLiteral("id"))},
            {QStringLiteral("name"), old.value(QStringLiteral("name"))},
            {QStringLiteral("gitlab_url"), gitlab.value(QStringLiteral("url"))},
            {QStringLiteral("gateway_url"), gateway.value(QStringLiteral("url"))},
            {QStringLiteral("model_name"), model.value(QStringLiteral("name"))},
            {QStringLiteral("model_endpoint"), model.value(QStringLiteral("endpoint"))},
            {QStringLiteral("model_identifier"), model.value(QStringLiteral("identifier"))},
            {QStringLiteral("deployment_name"), model.value(QStringLiteral("deployment"))}};
}

struct Migration {
    int from;
    QJsonObject (*migrate)(const QJsonObject&);
};
const Migration migrations[] = {{1, migrateFromVersion1}};

} // namespace

Profile Profile::create(const QString& name) {
    Profile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = name;
    return profile;
}

Target Profile::target() const {
    Target target;
    target.gitlabUrl = gitlabUrl;
    target.gatewayUrl = gatewayUrl;
    target.modelFamily = modelFamily;
    target.modelEndpoint = modelEndpoint;
    target.modelIdentifier = modelIdentifier;
    target.deploymentName = deploymentName;
    target.agentPlatformAddress = agentPlatformAddress;
    target.azureApiVersion = azureApiVersion;
    return target;
}

void Profile::setTarget(const Target& target) {
    gitlabUrl = target.gitlabUrl;
    gatewayUrl = target.gatewayUrl;
    modelFamily = target.modelFamily;
    modelEndpoint = target.modelEndpoint;
    modelIdentifier = target.modelIdentifier;
    deploymentName = target.deploymentName;
    agentPlatformAddress = target.agentPlatformAddress;
    azureApiVersion = target.azureApiVersion;
}

void Profile::recordRun(const Report& report) {
    LastRun run;
    run.at = report.startedAt.isValid() ? report.startedAt : QDateTime::currentDateTimeUtc();
    run.counts = report.counts();
    run.firstRootCause = report.rootCauses.isEmpty() ? QString() : report.rootCauses.constFirst().checkId;
    lastRun = run;
    manualOutputs.clear();
    for (const CheckResult& check : report.checks) {
        if (check.manualOutput) // already redacted by the engine
            manualOutputs.insert(check.id, *check.manualOutput);
    }
}

QJsonObject Profile::toJson() const {
    QJsonObject manual;
    for (auto it = manualOutputs.cbegin(); it != manualOutputs.cend(); ++it)
        manual.insert(it.key(), it.value());
    QJsonArray pins;
    for (const PinnedCertificate& pin : options.pinned)
        pins.append(QJsonObject{{QStringLiteral("host"), pin.host}, {QStringLiteral("sha256"), pin.sha256}});
    QJsonArray resolve;
    for (const ResolveEntry& entry : options.resolve)
        // One arg() for all three: a host holding "%1" must not be filled in by the next one.
        resolve.append(
            QStringLiteral("%1:%2:%3").arg(entry.host, QString::number(entry.port), entry.address));
    QJsonObject json{{QStringLiteral("schema"), QString::fromLatin1(schemaName)},
                     {QStringLiteral("version"), currentVersion},
                     {QStringLiteral("id"), id},
                     {QStringLiteral("name"), name},
                     {QStringLiteral("gitlab_url"), gitlabUrl.toString()},
                     {QStringLiteral("gateway_url"), gatewayUrl.toString()},
                     {QStringLiteral("model_name"), modelFamily},
                     {QStringLiteral("model_endpoint"), modelEndpoint.toString()},
                     {QStringLiteral("model_identifier"), modelIdentifier},
                     {QStringLiteral("deployment_name"), deploymentName},
                     {QStringLiteral("timeout_ms"), options.timeoutMs},
                     {QStringLiteral("inference_timeout_ms"), options.inferenceTimeoutMs},
                     {QStringLiteral("resolve"), resolve},
                     {QStringLiteral("ca_file"), options.caFile},
                     {QStringLiteral("proxy"),
                      options.proxy.mode == ProxySetting::Mode::None     ? QStringLiteral("none")
                      : options.proxy.mode == ProxySetting::Mode::Manual ? options.proxy.url.toString()
                                                                         : QStringLiteral("environment")},
                     {QStringLiteral("trusted_certificates"), pins},
                     {QStringLiteral("manual_outputs"), manual}};
    if (!agentPlatformAddress.isEmpty()) // an addition of GitLab 18: absent when not typed
        json.insert(QStringLiteral("agent_platform"), agentPlatformAddress);
    if (!azureApiVersion.isEmpty()) // an addition for Azure OpenAI: absent when not typed
        json.insert(QStringLiteral("azure_api_version"), azureApiVersion);
    if (lastRun) {
        json.insert(QStringLiteral("last_run"), lastRun->toJson());
    }
    return json;
}

std::optional<Profile> Profile::fromJson(const QJsonObject& original, QString* error) {
    QJsonObject json = original;
    int version = json.value(QStringLiteral("version")).toInt(0);
    if (version > currentVersion) {
        *error =
            ProfileText::tr("written by a newer Duo Doctor (profile version %1; this one reads up to %2)")
                .arg(version)
                .arg(currentVersion);
        return std::nullopt;
    }
    for (const Migration& migration : migrations) {
        if (version == migration.from) {
            json = migration.migrate(json);
            version = json.value(QStringLiteral("version")).toInt();
        }
    }
    if (version != currentVersion ||
        json.value(QStringLiteral("schema")).toString() != QLatin1String(schemaName)) {
        *error = ProfileText::tr("not a Duo Doctor profile (no \"schema\": \"%1\" with a known \"version\")")
                     .arg(QString::fromLatin1(schemaName));
        return std::nullopt;
    }
    Profile profile;
    profile.id = json.value(QStringLiteral("id")).toString();
    profile.name = json.value(QStringLiteral("name")).toString();
    if (profile.id.isEmpty() || profile.name.isEmpty()) {
        *error = ProfileText::tr("the \"id\" or \"name\" field is missing");
        return std::nullopt;
    }
    profile.gitlabUrl = QUrl(json.value(QStringLiteral("gitlab_url")).toString());
    profile.gatewayUrl = QUrl(json.value(QStringLiteral("gateway_url")).toString());
    profile.modelFamily = json.value(QStringLiteral("model_name")).toString();
    profile.modelEndpoint = QUrl(json.value(QStringLiteral("model_endpoint")).toString());
    profile.modelIdentifier = json.value(QStringLiteral("model_identifier")).toString();
    profile.deploymentName = json.value(QStringLiteral("deployment_name")).toString();
    profile.agentPlatformAddress = json.value(QStringLiteral("agent_platform")).toString();
    profile.azureApiVersion = json.value(QStringLiteral("azure_api_version")).toString();
    profile.options.timeoutMs = json.value(QStringLiteral("timeout_ms")).toInt(profile.options.timeoutMs);
    profile.options.inferenceTimeoutMs =
        json.value(QStringLiteral("inference_timeout_ms")).toInt(profile.options.inferenceTimeoutMs);
    for (const QJsonValue& value : json.value(QStringLiteral("resolve")).toArray()) {
        if (const auto entry = parseResolve(value.toString()))
            profile.options.resolve.append(*entry);
    }
    profile.options.caFile = json.value(QStringLiteral("ca_file")).toString();
    const QString proxy = json.value(QStringLiteral("proxy")).toString(QStringLiteral("environment"));
    if (proxy == QLatin1String("none"))
        profile.options.proxy.mode = ProxySetting::Mode::None;
    else if (proxy != QLatin1String("environment"))
        profile.options.proxy = {ProxySetting::Mode::Manual, QUrl(proxy)};
    for (const QJsonValue& pin : json.value(QStringLiteral("trusted_certificates")).toArray())
        profile.options.pinned.append({pin.toObject().value(QStringLiteral("host")).toString(),
                                       pin.toObject().value(QStringLiteral("sha256")).toString()});
    const QJsonObject manual = json.value(QStringLiteral("manual_outputs")).toObject();
    for (auto it = manual.begin(); it != manual.end(); ++it)
        profile.manualOutputs.insert(it.key(), it.value().toString());
    if (json.contains(QStringLiteral("last_run")))
        profile.lastRun = LastRun::fromJson(json.value(QStringLiteral("last_run")).toObject());
    return profile;
}

QJsonObject Profile::LastRun::toJson() const {
    return QJsonObject{{QStringLiteral("at"), at.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("pass"), counts.pass},
                       {QStringLiteral("fail"), counts.fail},
                       {QStringLiteral("warn"), counts.warn},
                       {QStringLiteral("skip"), counts.skip},
                       {QStringLiteral("manual"), counts.manual},
                       {QStringLiteral("root_cause"), firstRootCause}};
}

Profile::LastRun Profile::LastRun::fromJson(const QJsonObject& json) {
    LastRun run;
    run.at = QDateTime::fromString(json.value(QStringLiteral("at")).toString(), Qt::ISODate);
    run.counts = {json.value(QStringLiteral("pass")).toInt(), json.value(QStringLiteral("fail")).toInt(),
                  json.value(QStringLiteral("warn")).toInt(), json.value(QStringLiteral("skip")).toInt(),
                  json.value(QStringLiteral("manual")).toInt()};
    run.firstRootCause = json.value(QStringLiteral("root_cause")).toString();
    return run;
}

} // namespace duo
