#include "app/profilescommand.h"

#include "app/importcommand.h"

#include "app/cliarguments.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretstore.h"
#include "core/text/jsontext.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSaveFile>

#include <cstdio>

namespace duo::app {

namespace {

struct ProfilesText {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Profiles)
};

void say(FILE* stream, const QString& text) {
    std::fprintf(stream, "%s\n", text.toUtf8().constData());
}

QString lastRunText(const Profile& profile) {
    if (!profile.lastRun)
        return ProfilesText::tr("never run");
    const Profile::LastRun& run = *profile.lastRun;
    const QString when = run.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return run.counts.fail == 0 ? ProfilesText::tr("%1: no check failed").arg(when)
                                : ProfilesText::tr("%1: %2 failed, root cause %3")
                                      .arg(when)
                                      .arg(run.counts.fail)
                                      .arg(run.firstRootCause);
}

int list(const QStringList& arguments) {
    const bool json =
        arguments.contains(QStringLiteral("--format=json")) ||
        (arguments.indexOf(QStringLiteral("--format")) >= 0 &&
         arguments.value(arguments.indexOf(QStringLiteral("--format")) + 1) == QLatin1String("json"));
    const ProfileStore store;
    const ProfileStore::Listing listing = store.list();
    for (const ProfileStore::Problem& problem : listing.problems)
        say(stderr, ProfilesText::tr("duo-doctor: cannot read the profile %1: %2 (the file is left as it is)")
                        .arg(problem.file, problem.message));
    if (json) {
        QJsonArray profiles;
        for (const Profile& profile : listing.profiles) {
            QJsonObject entry = profile.toJson();
            entry.remove(QStringLiteral("manual_outputs"));
            entry.remove(QStringLiteral("schema"));
            profiles.append(entry);
        }
        QJsonArray problems;
        for (const ProfileStore::Problem& problem : listing.problems)
            problems.append(QJsonObject{{QStringLiteral("file"), problem.file},
                                        {QStringLiteral("message"), problem.message}});
        const QJsonObject root{{QStringLiteral("schema"), QStringLiteral("duo-doctor.profiles.v1")},
                               {QStringLiteral("directory"), store.directory()},
                               {QStringLiteral("profiles"), profiles},
                               {QStringLiteral("problems"), problems}};
        std::fputs(jsonBytes(QJsonDocument(root)).constData(), stdout);
        return 0;
    }
    if (listing.profiles.isEmpty())
        say(stdout, ProfilesText::tr("No profiles in %1. Save one with: duo-doctor profiles save NAME "
                                     "--gitlab-url … --model-key-env VAR")
                        .arg(store.directory()));
    for (const Profile& profile : listing.profiles) {
        say(stdout, profile.name);
        say(stdout, ProfilesText::tr("  GitLab %1 · gateway %2 · model %3 at %4")
                        .arg(profile.gitlabUrl.toString(), profile.gatewayUrl.toString(), profile.modelFamily,
                             profile.modelEndpoint.toString()));
        say(stdout, ProfilesText::tr("  last run: %1 · id %2").arg(lastRunText(profile), profile.id));
    }
    return 0;
}

SecretResult writeSecret(SecretStore& store, const QString& id, SecretKind kind, const QString& value) {
    QEventLoop loop;
    SecretResult result;
    store.write(id, kind, value, [&](const SecretResult& written) {
        result = written;
        loop.quit();
    });
    loop.exec();
    return result;
}

int save(const QStringList& arguments) {
    if (arguments.isEmpty() || arguments.constFirst().startsWith(QLatin1Char('-')))
        return failWith(
            ProfilesText::tr("profiles save: give the profile's NAME first, then the check flags."));
    const QString name = arguments.constFirst();
    const ParsedCheck parsed =
        parseCheckArguments(arguments.mid(1), QProcessEnvironment::systemEnvironment());
    if (const auto* error = std::get_if<UsageError>(&parsed))
        return failWith(error->message);
    if (std::holds_alternative<HelpRequested>(parsed))
        return failWith(ProfilesText::tr(
            "profiles save NAME takes the flags of duo-doctor check (see duo-doctor check --help)."));
    const CheckJob& job = std::get<CheckJob>(parsed);
    const ProfileStore store;
    QString error;
    Profile profile = store.find(name, &error).value_or(Profile::create(name));
    profile.setTarget(job.target);
    profile.options = job.options;
    if (!store.save(profile, &error))
        return failWith(error);
    KeychainSecretStore keychain;
    const std::pair<SecretKind, QString> secrets[] = {
        {SecretKind::GitLabToken, job.target.gitlabToken.reveal()},
        {SecretKind::ModelKey, job.target.modelKey.reveal()}};
    for (const auto& [kind, value] : secrets) {
        if (value.isEmpty())
            continue;
        const SecretResult written = writeSecret(keychain, profile.id, kind, value);
        if (!written.ok())
            return failWith(
                ProfilesText::tr("profiles save %1: the profile is saved, its secrets are not: %2")
                    .arg(name, written.message));
    }
    say(stdout, ProfilesText::tr("Saved profile \"%1\" (%2); secrets, if any, are in the keychain.")
                    .arg(profile.name, profile.id));
    return 0;
}

int remove(const QStringList& arguments) {
    if (arguments.size() != 1)
        return failWith(ProfilesText::tr("profiles delete: give exactly one profile NAME."));
    const ProfileStore store;
    QString error;
    const auto profile = store.find(arguments.constFirst(), &error);
    if (!profile)
        return failWith(QStringLiteral("profiles delete: ") + error);
    KeychainSecretStore keychain;
    QEventLoop loop;
    writeProfileSecrets(keychain, profile->id, {}, {}, [&](const SecretResult& removed) {
        if (!removed.ok())
            say(stderr, ProfilesText::tr("duo-doctor: the keychain entries of %1 stay: %2")
                            .arg(profile->name, removed.message));
        loop.quit();
    });
    loop.exec();
    if (!store.remove(profile->id, &error))
        return failWith(error);
    say(stdout, ProfilesText::tr("Deleted profile \"%1\".").arg(profile->name));
    return 0;
}

// profiles export [NAME …] [--output FILE]: the named profiles (all without a name) as one JSON array, the
// fleet file that check --fleet reads. Secrets are not in profiles, so none can be exported.
int exportProfiles(const QStringList& arguments) {
    QStringList names;
    QString output;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--output") || argument == QLatin1String("-o")) {
            output = arguments.value(++i);
            if (output.isEmpty())
                return failWith(ProfilesText::tr("profiles export: --output needs a FILE."));
        } else if (argument.startsWith(QLatin1String("--output="))) {
            output = argument.mid(int(qstrlen("--output=")));
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return failWith(
                ProfilesText::tr("profiles export: unknown option \"%1\"; use NAME … [--output FILE].")
                    .arg(argument));
        } else {
            names.append(argument);
        }
    }
    const ProfileStore store;
    QList<Profile> profiles;
    QString error;
    if (names.isEmpty()) {
        const ProfileStore::Listing listing = store.list();
        for (const ProfileStore::Problem& problem : listing.problems)
            say(stderr,
                ProfilesText::tr("duo-doctor: cannot read the profile %1: %2 (the file is left as it is)")
                    .arg(problem.file, problem.message));
        profiles = listing.profiles;
        if (profiles.isEmpty())
            return failWith(ProfilesText::tr("profiles export: there are no saved profiles in %1.")
                                .arg(store.directory()));
    }
    for (const QString& name : names) {
        const auto profile = store.find(name, &error);
        if (!profile)
            return failWith(QStringLiteral("profiles export: ") + error);
        profiles.append(*profile);
    }
    QJsonArray exported;
    for (const Profile& profile : profiles)
        exported.append(ProfileStore::exportJson(profile));
    const QByteArray bytes = jsonBytes(QJsonDocument(exported));
    if (output.isEmpty() || output == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        return 0;
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return failWith(
            ProfilesText::tr("profiles export: cannot write %1: %2").arg(output, file.errorString()));
    say(stderr,
        ProfilesText::tr("Wrote %1 without secrets; profiles in it: %2.").arg(output).arg(profiles.size()));
    return 0;
}

} // namespace

int runProfilesCommand(const QStringList& arguments) {
    const QString verb = arguments.value(0);
    if (verb == QLatin1String("save"))
        return save(arguments.mid(1));
    if (verb == QLatin1String("import"))
        return runImportCommand(arguments.mid(1));
    if (verb == QLatin1String("delete"))
        return remove(arguments.mid(1));
    if (verb == QLatin1String("export"))
        return exportProfiles(arguments.mid(1));
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        say(stdout,
            ProfilesText::tr(
                "Usage: duo-doctor profiles [list] [--format text|json]\n"
                "       duo-doctor profiles save NAME [flags of duo-doctor check]\n"
                "       duo-doctor profiles delete NAME\n"
                "       duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--update]\n"
                "       duo-doctor profiles export [NAME …] [--output FILE]   (a fleet file, no secrets)\n"
                "Profiles live in %1; their secrets in the OS keychain.")
                .arg(ProfileStore::defaultDirectory()));
        return 0;
    }
    if (verb.isEmpty() || verb == QLatin1String("list") || verb.startsWith(QLatin1String("--format")))
        return list(verb == QLatin1String("list") ? arguments.mid(1) : arguments);
    return failWith(
        ProfilesText::tr("profiles: unknown action \"%1\"; use list, save, import, export or delete.")
            .arg(verb));
}

} // namespace duo::app
