// Profiles and fleet files (core/profiles, read as app/fleetrun.cpp reads a fleet): JSON bytes read as a
// fleet file's entries (an array, {"profiles": [...]} or one profile). Every entry that reads as a profile
// survives save and reload with equal fields: through its JSON and through the profile store on disk. One
// that does not says why.
#include "fuzzsupport.h"

#include "core/profiles/profilestore.h"
#include "core/text/jsontext.h"

#include <QJsonArray>
#include <QTemporaryDir>

namespace {

bool sameOptions(const duo::RunOptions& a, const duo::RunOptions& b) {
    const auto sameResolve = [](const duo::ResolveEntry& x, const duo::ResolveEntry& y) {
        return x.host == y.host && x.port == y.port && x.address == y.address;
    };
    const auto samePin = [](const duo::PinnedCertificate& x, const duo::PinnedCertificate& y) {
        return x.host == y.host && x.sha256 == y.sha256;
    };
    return a.timeoutMs == b.timeoutMs && a.inferenceTimeoutMs == b.inferenceTimeoutMs &&
           std::equal(a.resolve.begin(), a.resolve.end(), b.resolve.begin(), b.resolve.end(), sameResolve) &&
           std::equal(a.pinned.begin(), a.pinned.end(), b.pinned.begin(), b.pinned.end(), samePin) &&
           a.caFile == b.caFile && a.proxy.mode == b.proxy.mode &&
           a.proxy.url.toString() == b.proxy.url.toString();
}

bool sameLastRun(const std::optional<duo::Profile::LastRun>& a,
                 const std::optional<duo::Profile::LastRun>& b) {
    if (!a || !b)
        return !a && !b;
    const duo::StatusCounts& x = a->counts;
    const duo::StatusCounts& y = b->counts;
    return a->at == b->at && a->firstRootCause == b->firstRootCause && x.pass == y.pass && x.fail == y.fail &&
           x.warn == y.warn && x.skip == y.skip && x.manual == y.manual;
}

// URLs as they are written and shown: by their text.
bool sameProfile(const duo::Profile& a, const duo::Profile& b) {
    return a.id == b.id && a.name == b.name && a.gitlabUrl.toString() == b.gitlabUrl.toString() &&
           a.gatewayUrl.toString() == b.gatewayUrl.toString() && a.modelFamily == b.modelFamily &&
           a.modelEndpoint.toString() == b.modelEndpoint.toString() &&
           a.modelIdentifier == b.modelIdentifier && a.deploymentName == b.deploymentName &&
           sameOptions(a.options, b.options) && a.manualOutputs == b.manualOutputs &&
           sameLastRun(a.lastRun, b.lastRun);
}

void checkSaveAndReload(duo::Profile profile) {
    const QByteArray saved = duo::jsonBytes(QJsonDocument(profile.toJson()));
    QString error;
    const auto reread = duo::Profile::fromJson(QJsonDocument::fromJson(saved).object(), &error);
    fuzz::require(reread && sameProfile(profile, *reread), "profile: JSON save and reload",
                  QString::fromUtf8(saved) + error);
    static QTemporaryDir directory;
    const duo::ProfileStore store(directory.path());
    profile.id = QStringLiteral("fuzz-profile"); // the store names the file after it
    fuzz::require(store.save(profile, &error), "profile: saved", error);
    const auto reloaded = store.find(profile.id, &error);
    fuzz::require(reloaded && sameProfile(profile, *reloaded), "profile: store save and reload",
                  QString::fromUtf8(saved) + error);
}

// An entry of a fleet file: what a hand-written one leaves out is filled in as the fleet run does.
void checkEntry(QJsonObject entry) {
    const QJsonObject defaults{{QStringLiteral("schema"), QStringLiteral("duo-doctor.profile")},
                               {QStringLiteral("version"), duo::Profile::currentVersion},
                               {QStringLiteral("id"), QStringLiteral("fleet-entry")},
                               {QStringLiteral("name"), QStringLiteral("entry")}};
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        if (!entry.contains(it.key()))
            entry.insert(it.key(), it.value());
    }
    QString error;
    const auto profile = duo::Profile::fromJson(entry, &error);
    fuzz::require(profile || !error.isEmpty(), "profile: a refusal says why");
    if (profile)
        checkSaveAndReload(*profile);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)), &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    const QJsonObject top = document.object();
    const QJsonArray entries = document.isArray() ? document.array()
                               : top.contains(QStringLiteral("profiles"))
                                   ? top.value(QStringLiteral("profiles")).toArray()
                                   : QJsonArray{top};
    for (qsizetype i = 0; i < entries.size() && i < 8; ++i) {
        if (entries.at(i).isObject())
            checkEntry(entries.at(i).toObject());
    }
    return 0;
}
