#include "app/importcommand.h"

#include "app/cliarguments.h"

#include "core/engine/engine.h"
#include "core/profiles/gitlabmodels.h"
#include "core/profiles/profilestore.h"
#include "core/text/inputvalidation.h"
#include "core/text/quoting.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <cstdio>

namespace duo::app {

namespace {

struct ImportText {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Import)
};

int fail(const QString& message, ExitCode code = ExitCode::BadInput) {
    std::fprintf(stderr, "duo-doctor: %s\n", message.toLocal8Bit().constData());
    return int(code);
}

// Asks GitLab through the engine's own checks, so TLS, proxies, timeouts and errors read as in a check run.
Report readGitLab(const CheckJob& job) {
    QNetworkAccessManager network;
    CheckEngine engine(&network);
    Report report;
    QEventLoop loop;
    QObject::connect(&engine, &CheckEngine::finished, &loop, [&](const Report& finished) {
        report = finished;
        loop.quit();
    });
    engine.start(job.target, job.options,
                 {QStringLiteral("gitlab.self_hosted_features"), QStringLiteral("gitlab.ai_gateway_url")});
    loop.exec();
    return report;
}

const CheckResult* checkIn(const Report& report, const QString& id) {
    for (const CheckResult& check : report.checks) {
        if (check.id == id)
            return &check;
    }
    return nullptr;
}

} // namespace

int runImportCommand(const QStringList& arguments) {
    QStringList checkArguments = arguments;
    const bool update = checkArguments.removeAll(QStringLiteral("--update")) > 0;
    if (checkArguments.contains(QStringLiteral("--help")) || checkArguments.contains(QStringLiteral("-h"))) {
        std::fputs(
            ImportText::tr("Usage: duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR "
                           "[--gateway-url URL] [--update] [--format text|json]\n"
                           "Makes a profile per self-hosted model GitLab has (an administrator's token). "
                           "A profile of the same name that disagrees with GitLab is shown with its "
                           "differences and updated only with --update. Secrets are not stored: add them "
                           "with duo-doctor profiles save NAME --gitlab-token-env … --model-key-env ….\n")
                .toLocal8Bit()
                .constData(),
            stdout);
        return 0;
    }
    const ParsedCheck parsed = parseCheckArguments(checkArguments, QProcessEnvironment::systemEnvironment());
    if (const auto* usage = std::get_if<UsageError>(&parsed))
        return fail(usage->message);
    const CheckJob& job = std::get<CheckJob>(parsed);
    if (!job.target.hasGitLab() || job.target.gitlabToken.isEmpty())
        return fail(ImportText::tr("profiles import: needs --gitlab-url and --gitlab-token-env with an "
                                   "administrator's token."));

    const Report report = readGitLab(job);
    const CheckResult* features = checkIn(report, QStringLiteral("gitlab.self_hosted_features"));
    if (!features || !features->evidence.contains(QStringLiteral("self_hosted_models"))) {
        const QString why = features ? features->summary : ImportText::tr("GitLab did not answer.");
        const QString fix =
            features && !features->fix.isEmpty() ? QStringLiteral("\n") + features->fix : QString();
        return fail(ImportText::tr("profiles import: cannot read GitLab's self-hosted models: %1").arg(why) +
                        fix,
                    ExitCode::SomeCheckFailed);
    }
    const QList<GitLabModel> models =
        gitlabModelsFrom(features->evidence.value(QStringLiteral("self_hosted_models")).toArray());
    Target base = job.target;
    base.gitlabToken = Secret();
    base.modelKey = Secret();
    QStringList notes;               // what GitLab has that is not taken, and why
    if (base.gatewayUrl.isEmpty()) { // GitLab's own setting, when the token may read it
        if (const CheckResult* gateway = checkIn(report, QStringLiteral("gitlab.ai_gateway_url"))) {
            const QString url = gateway->evidence.value(QStringLiteral("gitlab_ai_gateway_url")).toString();
            if (const auto problem = urlProblem(UrlField::Gateway, url); !url.isEmpty() && problem)
                notes.append(ImportText::tr("GitLab's AI gateway URL is not taken: %1").arg(*problem));
            else if (!url.isEmpty())
                base.gatewayUrl = parseUrl(url);
        }
    }

    // GitLab's features by the model that serves them.
    const QHash<QString, QStringList> featuresOf =
        featuresByModel(features->evidence.value(QStringLiteral("feature_models")).toObject());

    const ProfileStore store;
    QJsonArray entries;
    QString text;
    for (const GitLabModel& model : models) {
        // GitLab's values are checked like typed ones: a URL with a password in it or another scheme is not
        // saved, and a name cannot move the terminal's cursor.
        const QString modelName = printableText(model.name);
        if (const auto problem = urlProblem(UrlField::ModelEndpoint, model.endpoint)) {
            notes.append(
                ImportText::tr("%1: not imported, its endpoint is not usable: %2").arg(modelName, *problem));
            entries.append(QJsonObject{{QStringLiteral("name"), modelName},
                                       {QStringLiteral("action"), QStringLiteral("skipped")},
                                       {QStringLiteral("reason"), *problem}});
            continue;
        }
        const QString name = QStringLiteral("%1 · %2").arg(base.gitlabUrl.host(), modelName);
        QString error;
        const std::optional<Profile> existing = store.find(name, &error);
        Profile profile = existing.value_or(Profile::create(name));
        QList<FieldDifference> differences;
        if (existing) {
            differences = compareWithGitLab(existing->target(), model);
            if (existing->gatewayUrl != base.gatewayUrl && !base.gatewayUrl.isEmpty())
                differences.append({QStringLiteral("gateway_url"), existing->gatewayUrl.toString(),
                                    base.gatewayUrl.toString()});
        }
        QString action;
        if (!existing || (update && !differences.isEmpty())) {
            // An update takes GitLab's model fields and keeps the rest of the profile (its connection
            // settings, with any connection flag given now laid over them).
            Target current = existing ? existing->target() : base;
            if (!base.gatewayUrl.isEmpty())
                current.gatewayUrl = base.gatewayUrl;
            profile.setTarget(targetFor(model, current));
            profile.options = existing ? job.optionsFor(*existing) : job.options;
            if (!store.save(profile, &error))
                return fail(error);
            action = existing ? QStringLiteral("updated") : QStringLiteral("created");
        } else {
            action = differences.isEmpty() ? QStringLiteral("unchanged") : QStringLiteral("differs");
        }
        QJsonArray differenceJson;
        for (const FieldDifference& difference : differences)
            differenceJson.append(QJsonObject{{QStringLiteral("field"), difference.field},
                                              {QStringLiteral("profile"), difference.here},
                                              {QStringLiteral("gitlab"), difference.inGitLab}});
        const QStringList usedBy = featuresOf.value(model.name);
        entries.append(QJsonObject{{QStringLiteral("name"), profile.name},
                                   {QStringLiteral("id"), profile.id},
                                   {QStringLiteral("action"), action},
                                   {QStringLiteral("features"), QJsonArray::fromStringList(usedBy)},
                                   {QStringLiteral("differences"), differenceJson}});
        const QHash<QString, QString> verbs{
            {QStringLiteral("created"), ImportText::tr("created")},
            {QStringLiteral("updated"), ImportText::tr("updated")},
            {QStringLiteral("unchanged"), ImportText::tr("unchanged")},
            {QStringLiteral("differs"),
             ImportText::tr("differs from GitLab, kept (--update takes GitLab's values)")}};
        text += QStringLiteral("%1: %2\n").arg(profile.name, verbs.value(action));
        text += usedBy.isEmpty() ? ImportText::tr("    no GitLab Duo feature uses this model\n")
                                 : ImportText::tr("    used by %1\n").arg(usedBy.join(QStringLiteral(", ")));
        for (const FieldDifference& difference : differences)
            text +=
                ImportText::tr("    %1: %2 in the profile, %3 in GitLab\n")
                    .arg(difference.field, difference.here.isEmpty() ? QStringLiteral("-") : difference.here,
                         difference.inGitLab.isEmpty() ? QStringLiteral("-") : difference.inGitLab);
    }
    for (const QString& note : notes)
        std::fprintf(stderr, "duo-doctor: %s\n", note.toUtf8().constData());
    if (models.isEmpty())
        text += ImportText::tr(
            "GitLab has no self-hosted model configured (Admin > GitLab Duo > Self-hosted models).\n");
    if (job.format == ReportFormat::Json)
        std::fputs(
            QJsonDocument(QJsonObject{{QStringLiteral("schema"), QStringLiteral("duo-doctor.import.v1")},
                                      {QStringLiteral("profiles"), entries}})
                .toJson(QJsonDocument::Indented)
                .constData(),
            stdout);
    else
        std::fputs(text.toUtf8().constData(), stdout);
    return 0;
}

} // namespace duo::app
