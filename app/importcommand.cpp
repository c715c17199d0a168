#include "app/importcommand.h"

#include "app/cliarguments.h"

#include "core/engine/engine.h"
#include "core/engine/evidence.h"
#include "core/knowledge/platforms.h"
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

void printHelp() {
    std::fputs(ImportText::tr("Usage: duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR "
                              "[--gateway-url URL] [--update] [--format text|json]\n"
                              "Makes a profile per self-hosted model GitLab has (an administrator's token). "
                              "A profile of the same name that disagrees with GitLab is shown with its "
                              "differences and updated only with --update. Secrets are not stored: add them "
                              "with duo-doctor profiles save NAME --gitlab-token-env … --model-key-env ….\n")
                   .toLocal8Bit()
                   .constData(),
               stdout);
}

// Why GitLab's self-hosted models could not be read: the check's own summary and fix.
QString unreadableModels(const CheckResult* features) {
    const QString why = features ? features->summary : ImportText::tr("GitLab did not answer.");
    const QString fix =
        features && !features->fix.isEmpty() ? QStringLiteral("\n") + features->fix : QString();
    return ImportText::tr("profiles import: cannot read GitLab's self-hosted models: %1").arg(why) + fix;
}

QString verbFor(const QString& action) {
    const QHash<QString, QString> verbs{
        {QStringLiteral("created"), ImportText::tr("created")},
        {QStringLiteral("updated"), ImportText::tr("updated")},
        {QStringLiteral("unchanged"), ImportText::tr("unchanged")},
        {QStringLiteral("differs"),
         ImportText::tr("differs from GitLab, kept (--update takes GitLab's values)")}};
    return verbs.value(action);
}

// Makes or compares a profile for each of GitLab's models, and says what it did.
class ProfileImport {
public:
    ProfileImport(const CheckJob& job, bool update, const Report& report, const CheckResult& features)
        : job_(job)
        , update_(update)
        , base_(baseTarget(job, report))
        , featuresOf_(featuresByModel(features.evidence.value(evidence::featureModels).toObject())) {}

    // False (after saying why) when a profile could not be saved.
    bool importModel(const GitLabModel& model);
    int finish(bool noModels);

private:
    // GitLab's URL and, unless one is given, GitLab's own AI gateway URL (when the token may read it).
    Target baseTarget(const CheckJob& job, const Report& report);
    void describe(const Profile& profile, const QString& action, const QList<FieldDifference>& differences,
                  const QString& modelName);

    const CheckJob& job_;
    const bool update_;
    QStringList notes_; // what GitLab has that is not taken, and why
    const Target base_;
    const QHash<QString, QStringList> featuresOf_; // GitLab's features by the model that serves them
    const ProfileStore store_;
    QJsonArray entries_;
    QString text_;
};

Target ProfileImport::baseTarget(const CheckJob& job, const Report& report) {
    Target base = job.target;
    base.gitlabToken = Secret();
    base.modelKey = Secret();
    if (!base.gatewayUrl.isEmpty())
        return base;
    if (const CheckResult* gateway = report.find(QStringLiteral("gitlab.ai_gateway_url"))) {
        const QString url = gateway->evidence.value(evidence::gitlabAiGatewayUrl).toString();
        if (const auto problem = urlProblem(UrlField::Gateway, url); !url.isEmpty() && problem)
            notes_.append(ImportText::tr("GitLab's AI gateway URL is not taken: %1").arg(*problem));
        else if (!url.isEmpty())
            base.gatewayUrl = parseUrl(url);
    }
    return base;
}

bool ProfileImport::importModel(const GitLabModel& model) {
    // GitLab's values are checked like typed ones: a URL with a password in it or another scheme is not
    // saved, and a name cannot move the terminal's cursor.
    const QString modelName = printableText(model.name);
    // Bedrock and the hosted APIs have no endpoint in GitLab: none is no reason to skip them.
    const bool endpointless =
        !platformOf(model.identifier).needsEndpoint && model.endpoint.trimmed().isEmpty();
    if (const auto problem =
            endpointless ? std::nullopt : urlProblem(UrlField::ModelEndpoint, model.endpoint)) {
        notes_.append(
            ImportText::tr("%1: not imported, its endpoint is not usable: %2").arg(modelName, *problem));
        entries_.append(QJsonObject{{QStringLiteral("name"), modelName},
                                    {QStringLiteral("action"), QStringLiteral("skipped")},
                                    {QStringLiteral("reason"), *problem}});
        return true;
    }
    const QString name = QStringLiteral("%1 · %2").arg(base_.gitlabUrl.host(), modelName);
    QString error;
    const std::optional<Profile> existing = store_.find(name, &error);
    Profile profile = existing.value_or(Profile::create(name));
    QList<FieldDifference> differences;
    if (existing) {
        differences = compareWithGitLab(existing->target(), model);
        if (existing->gatewayUrl != base_.gatewayUrl && !base_.gatewayUrl.isEmpty())
            differences.append({QStringLiteral("gateway_url"), existing->gatewayUrl.toString(),
                                base_.gatewayUrl.toString()});
    }
    QString action;
    if (!existing || (update_ && !differences.isEmpty())) {
        // An update takes GitLab's model fields and keeps the rest of the profile (its connection
        // settings, with any connection flag given now laid over them).
        Target current = existing ? existing->target() : base_;
        if (!base_.gatewayUrl.isEmpty())
            current.gatewayUrl = base_.gatewayUrl;
        profile.setTarget(targetFor(model, current));
        profile.options = existing ? job_.optionsFor(*existing) : job_.options;
        if (!store_.save(profile, &error)) {
            failWith(error);
            return false;
        }
        action = existing ? QStringLiteral("updated") : QStringLiteral("created");
    } else {
        action = differences.isEmpty() ? QStringLiteral("unchanged") : QStringLiteral("differs");
    }
    describe(profile, action, differences, model.name);
    return true;
}

void ProfileImport::describe(const Profile& profile, const QString& action,
                             const QList<FieldDifference>& differences, const QString& modelName) {
    QJsonArray differenceJson;
    for (const FieldDifference& difference : differences)
        differenceJson.append(QJsonObject{{QStringLiteral("field"), difference.field},
                                          {QStringLiteral("profile"), difference.here},
                                          {QStringLiteral("gitlab"), difference.inGitLab}});
    const QStringList usedBy = featuresOf_.value(modelName);
    entries_.append(QJsonObject{{QStringLiteral("name"), profile.name},
                                {QStringLiteral("id"), profile.id},
                                {QStringLiteral("action"), action},
                                {QStringLiteral("features"), QJsonArray::fromStringList(usedBy)},
                                {QStringLiteral("differences"), differenceJson}});
    text_ += QStringLiteral("%1: %2\n").arg(profile.name, verbFor(action));
    text_ += usedBy.isEmpty() ? ImportText::tr("    no GitLab Duo feature uses this model\n")
                              : ImportText::tr("    used by %1\n").arg(usedBy.join(QStringLiteral(", ")));
    for (const FieldDifference& difference : differences)
        text_ += ImportText::tr("    %1: %2 in the profile, %3 in GitLab\n")
                     .arg(difference.field, difference.here.isEmpty() ? QStringLiteral("-") : difference.here,
                          difference.inGitLab.isEmpty() ? QStringLiteral("-") : difference.inGitLab);
}

int ProfileImport::finish(bool noModels) {
    for (const QString& note : notes_)
        std::fprintf(stderr, "duo-doctor: %s\n", note.toUtf8().constData());
    if (noModels)
        text_ += ImportText::tr(
            "GitLab has no self-hosted model configured (Admin > GitLab Duo > Self-hosted models).\n");
    if (job_.format == ReportFormat::Json)
        std::fputs(
            QJsonDocument(QJsonObject{{QStringLiteral("schema"), QStringLiteral("duo-doctor.import.v1")},
                                      {QStringLiteral("profiles"), entries_}})
                .toJson(QJsonDocument::Indented)
                .constData(),
            stdout);
    else
        std::fputs(text_.toUtf8().constData(), stdout);
    return 0;
}

} // namespace

int runImportCommand(const QStringList& arguments) {
    QStringList checkArguments = arguments;
    const bool update = checkArguments.removeAll(QStringLiteral("--update")) > 0;
    const ParsedCheck parsed = parseCheckArguments(checkArguments, QProcessEnvironment::systemEnvironment());
    if (std::holds_alternative<HelpRequested>(parsed)) { // -h, --help, or any spelling the parser takes
        printHelp();
        return 0;
    }
    if (const auto* usage = std::get_if<UsageError>(&parsed))
        return failWith(usage->message);
    const CheckJob& job = std::get<CheckJob>(parsed);
    if (!job.target.hasGitLab() || job.target.gitlabToken.isEmpty())
        return failWith(ImportText::tr("profiles import: needs --gitlab-url and --gitlab-token-env with an "
                                       "administrator's token."));

    const Report report = readGitLab(job);
    const CheckResult* features = report.find(QStringLiteral("gitlab.self_hosted_features"));
    if (!features || !features->evidence.contains(evidence::selfHostedModels))
        return failWith(unreadableModels(features), ExitCode::SomeCheckFailed);
    const QList<GitLabModel> models =
        gitlabModelsFrom(features->evidence.value(evidence::selfHostedModels).toArray());
    ProfileImport import(job, update, report, *features);
    for (const GitLabModel& model : models) {
        if (!import.importModel(model))
            return int(ExitCode::BadInput);
    }
    return import.finish(models.isEmpty());
}

} // namespace duo::app
