// The container probe's parser (core/checks/containerprobe): a paste, redacted first as the engine does,
// parses or says why not. What it parses holds no registered secret or token shape (escapes are decoded by
// then), nor does any verdict judged from it; and the probe, printed again as the script prints it among
// terminal noise, parses back to the same fields.
#include "fuzzsupport.h"

#include "core/checks/containerprobe.h"
#include "core/text/redactor.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

QJsonObject answerJson(const duo::ContainerProbe::Answer& answer) {
    return {{QStringLiteral("url"), answer.url},
            {QStringLiteral("status"), answer.status},
            {QStringLiteral("body"), answer.body},
            {QStringLiteral("error"), answer.error}};
}

// The probe as its script prints it (schema duo-doctor.container-probe.v1).
QString printed(const duo::ContainerProbe& probe) {
    QJsonObject env;
    for (auto it = probe.env.cbegin(); it != probe.env.cend(); ++it)
        env.insert(it.key(), it.value());
    const QJsonObject json{
        {QStringLiteral("schema"), QStringLiteral("duo-doctor.container-probe.v1")},
        {QStringLiteral("tool"), probe.tool},
        {QStringLiteral("env"), env},
        {QStringLiteral("healthz"), answerJson(probe.healthz)},
        {QStringLiteral("model"), answerJson(probe.model)},
        {QStringLiteral("model_authenticated"), probe.modelAuthenticated},
        {QStringLiteral("gitlab_dns"),
         QJsonObject{{QStringLiteral("host"), probe.gitlabHost},
                     {QStringLiteral("addresses"), probe.gitlabAddresses.join(QLatin1Char(' '))},
                     {QStringLiteral("resolver"),
                      probe.dnsChecked ? QStringLiteral("getent") : QStringLiteral("none")}}}};
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

bool sameAnswer(const duo::ContainerProbe::Answer& a, const duo::ContainerProbe::Answer& b) {
    return a.url == b.url && a.status == b.status && a.body == b.body && a.error == b.error;
}

bool sameProbe(const duo::ContainerProbe& a, const duo::ContainerProbe& b) {
    return a.tool == b.tool && a.env == b.env && sameAnswer(a.healthz, b.healthz) &&
           sameAnswer(a.model, b.model) && a.modelAuthenticated == b.modelAuthenticated &&
           a.gitlabHost == b.gitlabHost && a.gitlabAddresses == b.gitlabAddresses &&
           a.dnsChecked == b.dnsChecked;
}

void checkFields(const duo::ContainerProbe& probe, const QStringList& secrets) {
    QStringList values{probe.tool, probe.gitlabHost};
    values << probe.env.keys() << probe.env.values() << probe.gitlabAddresses;
    for (const duo::ContainerProbe::Answer* answer : {&probe.healthz, &probe.model})
        values << answer->url << answer->body << answer->error;
    for (const QString& value : values)
        fuzz::requireNoSecretInValue(value, secrets, "probe: a parsed field");
    for (const QString& step : duo::containerProbeSteps()) {
        if (const auto verdict = duo::judgeFromProbe(step, probe)) {
            fuzz::requireNoSecretInValue(verdict->summary, secrets, "probe: a verdict's summary");
            fuzz::requireNoSecretInValue(verdict->message, secrets, "probe: a verdict's message");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = fuzz::textOf(data, size);
    const QStringList secrets = fuzz::secretsFor(fuzz::fieldsOf(text));
    const QString output = duo::Redactor(secrets).apply(text);
    QString error;
    const std::optional<duo::ContainerProbe> probe =
        duo::parseContainerProbe(output, &error, duo::Redactor(secrets));
    if (!probe) {
        fuzz::require(!error.isEmpty(), "probe: a refusal says why");
        return 0;
    }
    checkFields(*probe, secrets);
    const QString again = QStringLiteral("$ docker exec aigw sh probe.sh\n") + printed(*probe) + u"\n$ ";
    const std::optional<duo::ContainerProbe> reread =
        duo::parseContainerProbe(again, &error, duo::Redactor(secrets));
    fuzz::require(reread && sameProbe(*probe, *reread), "probe: printed again, parses to the same", again);
    return 0;
}
