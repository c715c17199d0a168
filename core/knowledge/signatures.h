#pragma once

#include "core/checkresult.h"
#include "core/knowledge/verdicts.h"
#include "core/net/httpclient.h"
#include "core/text/quoting.h"

#include <QString>
#include <QStringList>

namespace duo {

// What a check saw, reduced to what signatures match on.
struct Observation {
    QString checkId{};
    QString serverType{}; // model server fingerprint when known
    int httpStatus = 0;   // 0: no HTTP answer
    NetError netError = NetError::None;
    Verdict verdict = Verdict::None; // the runner's conclusion, if it reached one
    QString text{};                  // the server's words: a body or a message relayed by GitLab/the gateway
    HostKind hostKind = HostKind::Other;
    QString host{}; // the server asked

    static Observation fromHttp(const QString& checkId, const HttpResult& result);
};

constexpr int anyHttpStatus = -1;
constexpr int noHttpAnswer = 0;

// A known failure: where it is seen, how to recognise it, what it means and how to fix it. Rows are written
// with designated initializers; a field left out matches anything.
struct Signature {
    QString id{};
    QStringList checks{};                // check ids; "model.*" matches a prefix, "*" every check
    QString serverType{};                // empty: any
    int httpStatus = anyHttpStatus;      // noHttpAnswer: only when no HTTP answer arrived
    NetError netError = NetError::None;  // None: any
    Verdict verdict = Verdict::None;     // None: any; else the runner's conclusion, by equality
    QString pattern{};                   // case-insensitive regular expression on the server's words
    HostKind hostKind = HostKind::Other; // Other: any
    Status status = Status::Fail;
    QString blames{};                  // the path segment at fault (see pathSegments())
    const char* explanation = nullptr; // translated in context "duo::Signatures"; {placeholders} filled
    const char* fix = nullptr;
    QStringList commandSets{};
};

const QList<Signature>& signatureTable();
const Signature* matchSignature(const Observation& observation);
const Signature* findSignature(const QString& id);

// Sets status, explanation, fix, commands and evidence.signature / evidence.blames from the signature.
void applySignature(CheckResult& result, const Signature& signature, const TemplateValues& values);

} // namespace duo
