#include "ui/secretmessages.h"

#include <QCoreApplication>

#include <memory>

namespace duo::ui {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(duo::ui::SecretMessages)
};

// What each secret's outcome is called, one row per secret.
struct SecretWords {
    SecretKind kind;
    const char* stored;
    const char* notStored;
    const char* restored;
    const char* notRead;
};
const SecretWords secretWords[] = {
    {SecretKind::GitLabToken,
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "The GitLab token is in the keychain."),
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages",
                       "The GitLab token was not stored (%1); it is used for this session only."),
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "The GitLab token was restored from the keychain."),
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages",
                       "The GitLab token could not be read (%1): type it here; it is used for this session "
                       "only.")},
    {SecretKind::ModelKey,
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "The model API key is in the keychain."),
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages",
                       "The model API key was not stored (%1); it is used for this session only."),
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "The model API key was restored from the keychain."),
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages",
                       "The model API key could not be read (%1): type it on the Model page; it is used for "
                       "this session only.")},
};

const SecretWords& wordsFor(SecretKind kind) {
    for (const SecretWords& words : secretWords) {
        if (words.kind == kind)
            return words;
    }
    return secretWords[0];
}

struct ProblemWords {
    SecretError error;
    const char* text;
};
const ProblemWords problemWords[] = {
    {SecretError::Unavailable,
     QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "the keychain is locked or not available")},
    {SecretError::Denied, QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "access to the keychain was refused")},
    {SecretError::Failed, QT_TRANSLATE_NOOP("duo::ui::SecretMessages", "the keychain reported an error")},
};

const char* kindName(SecretKind kind) {
    return kind == SecretKind::GitLabToken ? "GitLab token" : "model API key";
}

// Collects one outcome per secret and calls done once both arrived.
struct Collector {
    SecretOutcomes outcomes;
    int pending = 2;
    std::function<void(const SecretOutcomes&)> done;
    void add(SecretOutcome outcome) {
        if (!outcome.result.ok() && outcome.result.error != SecretError::NotFound)
            qCWarning(lcWizard, "keychain: %s: %s", kindName(outcome.kind),
                      qPrintable(outcome.result.message));
        outcomes.append(outcome);
        if (--pending == 0) {
            std::sort(outcomes.begin(), outcomes.end(),
                      [](const SecretOutcome& a, const SecretOutcome& b) { return a.kind < b.kind; });
            done(outcomes);
        }
    }
};

} // namespace

QString plainSecretProblem(const SecretResult& result) {
    for (const ProblemWords& words : problemWords) {
        if (words.error == result.error)
            return Text::tr(words.text);
    }
    return Text::tr(problemWords[2].text);
}

void writeEachSecret(SecretStore& store, const QString& profileId, const QString& gitlabToken,
                     const QString& modelKey, std::function<void(const SecretOutcomes&)> done) {
    auto collector = std::make_shared<Collector>();
    collector->done = std::move(done);
    const std::pair<SecretKind, QString> secrets[] = {{SecretKind::GitLabToken, gitlabToken},
                                                      {SecretKind::ModelKey, modelKey}};
    for (const auto& [kind, value] : secrets) {
        auto add = [collector, kind = kind, present = !value.isEmpty()](const SecretResult& result) {
            collector->add({kind, present, result});
        };
        if (value.isEmpty())
            store.remove(profileId, kind, add);
        else
            store.write(profileId, kind, value, add);
    }
}

void readEachSecret(SecretStore& store, const QString& profileId,
                    std::function<void(const SecretOutcomes&)> done) {
    auto collector = std::make_shared<Collector>();
    collector->done = std::move(done);
    for (const SecretKind kind : {SecretKind::GitLabToken, SecretKind::ModelKey}) {
        store.read(profileId, kind, [collector, kind](const SecretResult& result) {
            collector->add({kind, result.ok() && !result.value.isEmpty(), result});
        });
    }
}

QString savedSecretsMessage(const QString& profileName, const SecretOutcomes& outcomes) {
    QStringList sentences;
    int stored = 0;
    for (const SecretOutcome& outcome : outcomes) {
        if (!outcome.present)
            continue; // nothing given: a failure to remove an old entry is the log's business
        const SecretWords& words = wordsFor(outcome.kind);
        stored += outcome.result.ok() ? 1 : 0;
        sentences << (outcome.result.ok()
                          ? Text::tr(words.stored)
                          : Text::tr(words.notStored).arg(plainSecretProblem(outcome.result)));
    }
    if (sentences.isEmpty())
        return Text::tr("Saved the profile \u201c%1\u201d; no secret was given, so none is kept.")
            .arg(profileName);
    if (stored == int(outcomes.size()))
        return Text::tr(
                   "Saved the profile \u201c%1\u201d; its secrets are in the keychain: the GitLab token and "
                   "the model API key.")
            .arg(profileName);
    sentences.prepend(Text::tr("Saved the profile \u201c%1\u201d.").arg(profileName));
    return sentences.join(QLatin1Char(' '));
}

QString readSecretsMessage(const QString& profileName, const SecretOutcomes& outcomes) {
    QStringList sentences;
    for (const SecretOutcome& outcome : outcomes) {
        const SecretWords& words = wordsFor(outcome.kind);
        if (outcome.present)
            sentences << Text::tr(words.restored);
        else if (!outcome.result.ok() && outcome.result.error != SecretError::NotFound)
            sentences << Text::tr(words.notRead).arg(plainSecretProblem(outcome.result));
    }
    if (sentences.isEmpty())
        return Text::tr("No secrets are stored for \u201c%1\u201d: type the token and the key if the checks "
                        "need them.")
            .arg(profileName);
    return sentences.join(QLatin1Char(' '));
}

} // namespace duo::ui
