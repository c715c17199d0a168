#pragma once

#include "core/checkresult.h"
#include "core/engine/answerboard.h"
#include "core/engine/catalog.h"
#include "core/knowledge/signatures.h"
#include "core/net/httpclient.h"
#include "core/target.h"
#include "core/text/quoting.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace duo {

// Everything a check's runner may use: the target, the run's answers, the results of the checks it depends
// on or runs after, and one way to report its result. Runners are asynchronous: every request goes through
// ask() (send, judge, finish) or send(); a check that has not finished when its last request's deadline and
// a grace period have passed ends as a failure naming itself, so no forgotten path can hang a run.
class CheckContext : public std::enable_shared_from_this<CheckContext> {
public:
    using ResultLookup = std::function<const CheckResult*(const QString& id)>;
    using Finish = std::function<void(CheckResult)>;
    // Judges an answer into the check's result, which starts as a pass. The check finishes with it when the
    // judge returns, unless the judge asked for more (then the last judge's result counts).
    using Judge = std::function<void(CheckResult& result, const HttpResult& answer)>;
    // The same for requests sent together and judged together once every one has its answer (in order).
    using JudgeAll = std::function<void(CheckResult& result, const QList<HttpResult>& answers)>;

    // How long past a request's own deadline a check may take to finish before the guard ends it.
    static constexpr int finishGraceMs = 2000;

    CheckContext(const CheckDefinition& definition, const Target& target, AnswerBoard& answers,
                 ResultLookup lookup, std::optional<QString> manualOutput, Finish finish);

    const CheckDefinition& definition() const { return m_definition; }
    const Target& target() const { return m_target; }
    const RunOptions& options() const { return m_answers.options(); }
    const CheckResult* resultOf(const QString& id) const { return m_lookup(id); }
    const std::optional<QString>& manualOutput() const { return m_manualOutput; }

    // The shape every runner shares: send, judge the answer, finish.
    void ask(const HttpRequest& request, Judge judge);
    // Several requests at the same time, one judge: the check cannot finish while any answer is missing,
    // even when some are answered at once (a shared answer already in).
    void askAll(const QList<HttpRequest>& requests, JudgeAll judge);
    // A request whose answer the runner handles itself (it calls finish()).
    void send(const HttpRequest& request, HttpClient::Callback done);
    // Starts the guard; the engine calls it before the runner.
    void startGuard();
    // A rehearsal of the runner when the run starts, for a check that sends early: requests go out (their
    // answers wait on the answer board for the real run) and nothing is judged or finished. Results of
    // other checks read as absent.
    void rehearse() { m_rehearsing = true; }
    bool rehearsing() const { return m_rehearsing; }

    // Values for fix texts and commands: the admin's inputs plus what earlier checks learned.
    TemplateValues values() const;

    CheckResult makeResult(Status status, const QString& summary) const;
    void finish(CheckResult result);
    // The result came from another vantage point than the catalog's, e.g. a manual step answered by the
    // container probe: it was seen from inside the gateway.
    void reportFrom(Vantage vantage) { m_vantage = vantage; }

    // Sets a failure (or warn) from the first matching signature; falls back to a generic failure naming
    // the server and its answer. Returns the signature used, if any.
    const Signature* failFrom(CheckResult& result, const Observation& observation,
                              TemplateValues extra = {}) const;
    // A conclusion the runner reached about an answer (a login page, garbled JSON), with what the transport
    // saw; `message` is the server's words that fill {message}.
    const Signature* failWithVerdict(CheckResult& result, const HttpResult& http, Verdict verdict,
                                     const QString& message = {}) const;
    // A conclusion the runner reached from what it read (a license that expired, a setting that is unset).
    const Signature* failWith(CheckResult& result, Verdict verdict, int httpStatus,
                              const QString& message = {}, TemplateValues extra = {}) const;
    // A conclusion the runner reached from what it measured or compared (a slow answer, a setting that
    // differs), with no server's words to quote: the row's status and texts only, no http_status or message
    // evidence (the check records what it measured itself).
    const Signature* conclude(CheckResult& result, Verdict verdict, TemplateValues extra = {}) const;
    // The same for a request that failed: adds what the transport saw (proxy, certificate chain, redirects).
    const Signature* failFromHttp(CheckResult& result, const HttpResult& http,
                                  TemplateValues extra = {}) const;

private:
    // The first matching row, or a generic failure quoting the observation.
    const Signature* judgeByTable(CheckResult& result, const Observation& observation,
                                  const TemplateValues& values) const;
    void armGuard(int deadlineMs);
    void finishUnfinished();

    const CheckDefinition& m_definition;
    const Target& m_target;
    AnswerBoard& m_answers;
    ResultLookup m_lookup;
    std::optional<QString> m_manualOutput;
    std::optional<Vantage> m_vantage;
    Finish m_finish;
    QElapsedTimer m_clock;
    bool m_finished = false;
    bool m_rehearsing = false;
    int m_asking = 0; // judges still to come
    QTimer m_guard;
};

// Shared helpers for runners.
// An SSO proxy or a web login answering an API request.
bool looksLikeHtmlLogin(const HttpResult& http);
// A reachability check that was redirected elsewhere: warn and suggest the final URL.
void warnAboutRedirects(CheckResult& result, const HttpResult& http, const QUrl& given);
QJsonObject parseObject(const QByteArray& body, bool* ok = nullptr);
QString excerpt(const QString& text, int maxChars = 240);
QString describeHttp(const HttpResult& result);
QUrl appendPath(const QUrl& base, const QString& path);
TemplateValues targetValues(const Target& target);
// Proxy, certificates and redirects of an exchange, as evidence and as template values.
void addTransportEvidence(CheckResult& result, const HttpResult& http);
TemplateValues transportValues(const HttpResult& http, const RunOptions& options);
// Values only a check can learn (GitLab's version and so the gateway image tag, the token's owner, GitLab's
// own gateway URL). withDefaults fills what was never learned with readable placeholders.
TemplateValues learnedValues(const CheckContext::ResultLookup& lookup, const Target& target,
                             bool withDefaults);
// Fills the learned {placeholders} left in a result's texts and commands.
void fillLearnedValues(CheckResult& result, const TemplateValues& values);
// The troubleshooting page's /v1/chat/agent body; the key is the real one only when it is sent to the
// gateway.
QByteArray chatAgentBody(const Target& target, const QString& apiKey);

} // namespace duo
