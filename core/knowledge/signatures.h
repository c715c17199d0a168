#pragma once

#include "core/engine/checkresult.h"
#include "core/net/httpclient.h"
#include "core/text/quoting.h"

#include <QString>
#include <QStringList>

namespace duo {

// What a check saw, reduced to what signatures match on.
struct Observation {
    QString checkId;
    QString serverType; // model server fingerprint when known
    int httpStatus = 0; // 0: no HTTP answer
    NetError netError = NetError::None;
    QString text;     // response body or a message relayed by GitLab/the gateway
    QString hostKind; // "loopback", "dotless" or "" (for endpoint address rules)
    QString host{};   // the server asked

    static Observation fromHttp(const QString& checkId, const HttpResult& result);
};

// A known failure: where it is seen, how to recognise it, what it means and how to fix it.
struct Signature {
    QString id;
    QStringList checks;                 // check ids; "model.*" matches a prefix
    QString serverType;                 // empty: any
    int httpStatus = -1;                // -1: any; 0: only when no HTTP answer arrived
    NetError netError = NetError::None; // None: any
    QString pattern;                    // case-insensitive regular expression on the text; empty: any
    QString hostKind;                   // empty: any
    Status status = Status::Fail;
    QString blames;          // the path segment at fault
    const char* explanation; // translated in context "duo::Signatures"; {placeholders} filled
    const char* fix;
    QStringList commandSets;
};

const QList<Signature>& signatureTable();
const Signature* matchSignature(const Observation& observation);
const Signature* findSignature(const QString& id);

// Sets status, explanation, fix, commands and evidence.signature / evidence.blames from the signature.
void applySignature(CheckResult& result, const Signature& signature, const TemplateValues& values);

} // namespace duo
