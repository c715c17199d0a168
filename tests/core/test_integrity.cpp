// One test holds the tables together: the catalog, the signatures, the command sets, the manual steps, the
// log patterns and the public list of check ids in the README. A new row that does not fit fails here, by
// name.
#include "core/engine/catalog.h"
#include "core/knowledge/commandsets.h"
#include "core/knowledge/manualsteps.h"
#include "core/knowledge/signatures.h"
#include "core/logs/loganalyzer.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace duo;

// QVERIFY2 with a message built from byte arrays and strings.
#define VERIFY(condition, message) QVERIFY2(condition, QByteArray(QByteArray() + message).constData())

namespace {

// The server's own words that each row with a pattern is there to recognise (copied from real answers).
const QHash<QString, QString> examples{
    {"gitlab.outbound.local_blocked", "Requests to the local network are not allowed"},
    {"gitlab.outbound.proxy", "Net::ReadTimeout: request ran for longer than 60s"},
    {"gitlab.outbound.unreachable", "Failed to open TCP connection to aigw:5052 (Connection refused)"},
    {"gateway.rejects_gitlab", "Header mismatch 'X-Gitlab-Instance-Id'"},
    // Bedrock through LiteLLM (BerriAI/litellm#7181, aider#2224; AWS's error texts), Azure (its error
    // bodies).
    {"gitlab.model_connection.bedrock_placeholder",
     "litellm.APIConnectionError: BedrockException - Connection error."},
    {"platform.bedrock.on_demand",
     R"(litellm.BadRequestError: BedrockException - {"message":"Invocation of model ID )"
     R"(anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn’t supported. Retry your )"
     R"(request with the ID or ARN of an inference profile that contains this model."})"},
    {"platform.bedrock.use_case_form",
     R"(litellm.NotFoundError: BedrockException - {"message":"Model use case details have not been )"
     R"(submitted for this account. Fill out the Anthropic use case details form before using the model."})"},
    {"platform.bedrock.credentials", "litellm.APIConnectionError: Unable to locate credentials"},
    {"platform.bedrock.access_denied",
     R"(BedrockException - {"message":"User: arn:aws:sts::123456789012:assumed-role/aigw/i-0abc is not )"
     R"(authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/x"})"},
    {"platform.bedrock.assume_role", "Failed to assume the requested IAM role"},
    {"platform.bedrock.throttling",
     R"(litellm.RateLimitError: BedrockException - {"message":"Too many requests, please wait before trying again."})"},
    {"platform.azure.deployment_not_found",
     R"({"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}})"},
    {"platform.azure.invalid_key",
     "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
     "for "
     "an active subscription and use a correct regional API endpoint for your resource."},
    {"platform.azure.desktop_key_rejected",
     R"({"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}})"},
    {"platform.azure.api_version",
     R"({"error":{"code":"BadRequest","message":"API version not supported"}})"},
    {"gateway.auth_bypass_off", R"({"error":"No authorization header presented"})"},
    {"gateway.custom_models_disabled", "Custom models are disabled (AIGW_CUSTOM_MODELS__ENABLED)"},
    {"gateway.llm_provider_missing", "litellm.BadRequestError: LLM Provider NOT provided."},
    {"gateway.model_connection_error", "litellm.APIConnectionError: OpenAIException - Connection error."},
    {"gateway.model_not_found", "litellm.NotFoundError: The model `mistral` does not exist."},
    {"gateway.model_auth", "litellm.AuthenticationError: Incorrect API key provided"},
    {"model.completion.context", "This model's maximum context length is 4096 tokens."},
    {"model.completion.not_found", "The model `mistral` does not exist."},
    {"model.chat_template",
     "As of transformers v4.44, default chat template is no longer allowed, so you must "
     "provide a chat template if the tokenizer does not define one."},
    {"model.parameters.max_tokens",
     "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
     "'max_completion_tokens' instead."},
    {"model.parameters.temperature", "litellm.UnsupportedParamsError: O-series models don't support "
                                     "temperature=0. Only temperature=1 is supported."},
    {"model.tool_calling.vllm_auto_choice",
     R"("auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set)"},
    {"model.tool_calling.ollama_no_tools", "registry.ollama.ai/library/gemma3:4b does not support tools"},
    {"model.tool_calling.llamacpp_jinja", "tools param requires --jinja flag"},
    {"gitlab.websocket.scope",
     R"({"error":"insufficient_scope","error_description":"The request requires higher privileges than )"
     R"(provided by the access token.","scope":"api ai_workflows"})"},
};

// A check a row applies to: its first id, or one the catalog has under a "*" or "prefix.*".
QString exampleCheck(const Signature& signature) {
    for (const QString& pattern : signature.checks) {
        for (const CheckDefinition& definition : checkCatalog()) {
            const QString prefix = pattern.chopped(1);
            if (definition.id == pattern ||
                (pattern.endsWith(QLatin1Char('*')) && definition.id.startsWith(prefix)))
                return definition.id;
        }
    }
    return {};
}

// What a check would observe when this row is the explanation: the row's own conditions, filled in.
Observation exampleFor(const Signature& signature) {
    Observation observation;
    observation.checkId = exampleCheck(signature);
    observation.serverType = signature.serverType;
    observation.netError = signature.netError;
    observation.httpStatus = signature.httpStatus >= 0 ? signature.httpStatus
                             : signature.netError == NetError::None || signature.netError == NetError::Proxy
                                 ? 200
                                 : 0;
    observation.verdict = signature.verdict;
    observation.hostKind = signature.hostKind;
    observation.text = examples.value(signature.id);
    return observation;
}

bool isLogOnly(const Signature& signature) {
    return signature.checks == QStringList{QStringLiteral("log")};
}

// The ids the README's check table names (the public list): `id` cells of its rows.
QSet<QString> documentedIds() {
    QFile readme(QStringLiteral(DUO_SOURCE_DIR "/README.md"));
    if (!readme.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression row(QStringLiteral("^\\| ((?:`[a-z_]+\\.[a-z_]+`(?:, )?)+) \\|"),
                                        QRegularExpression::MultilineOption);
    static const QRegularExpression id(QStringLiteral("`([a-z_]+\\.[a-z_]+)`"));
    QSet<QString> ids;
    for (auto rows = row.globalMatch(QString::fromUtf8(readme.readAll())); rows.hasNext();) {
        for (auto cells = id.globalMatch(rows.next().captured(1)); cells.hasNext();)
            ids.insert(cells.next().captured(1));
    }
    return ids;
}

// Whether `id` waits (dependsOn or after, transitively) for `start`: a cycle would never be scheduled.
bool waitsForItself(const QString& start, const QString& id, int depth) {
    const CheckDefinition* definition = findCheck(id);
    if (!definition || depth > checkCatalog().size())
        return depth > 0;
    for (const QString& other : definition->dependsOn + definition->after) {
        if (other == start || waitsForItself(start, other, depth + 1))
            return true;
    }
    return false;
}

} // namespace

class TestIntegrity : public QObject {
    Q_OBJECT
private slots:
    void checkIdsAreUniqueAndTheReadmeListsExactlyTheCatalog() {
        QSet<QString> catalog;
        for (const CheckDefinition& definition : checkCatalog()) {
            VERIFY(!catalog.contains(definition.id), qPrintable("twice: " + definition.id));
            catalog.insert(definition.id);
        }
        const QSet<QString> documented = documentedIds();
        for (const QString& id : catalog)
            VERIFY(documented.contains(id), qPrintable("not in README's check table: " + id));
        for (const QString& id : documented)
            VERIFY(catalog.contains(id), qPrintable("README names a check the catalog lacks: " + id));
    }

    void everySignatureIsValidAndNamesWhatExists() {
        QSet<QString> ids;
        for (const Signature& signature : signatureTable()) {
            const QByteArray name = signature.id.toUtf8();
            VERIFY(!ids.contains(signature.id), "twice: " + name);
            ids.insert(signature.id);
            VERIFY(signature.explanation && *signature.explanation, name);
            VERIFY(signature.fix && *signature.fix, name);
            VERIFY(isLogOnly(signature) || !exampleCheck(signature).isEmpty(),
                   "applies to no check: " + name);
            VERIFY(QRegularExpression(signature.pattern).isValid(), name);
            VERIFY(signature.blames.isEmpty() || pathSegments().contains(signature.blames),
                   "blames an unknown segment: " + name + ' ' + signature.blames.toUtf8());
            for (const QString& set : signature.commandSets)
                VERIFY(hasCommandSet(set), "unknown command set " + set.toUtf8() + " in " + name);
        }
    }

    // Order matters in the table: a row shadowed by an earlier, more general one is dead.
    void everySignatureIsReachedByAnExample() {
        for (const Signature& signature : signatureTable()) {
            if (isLogOnly(signature))
                continue;
            const QByteArray name = signature.id.toUtf8();
            VERIFY(signature.pattern.isEmpty() || examples.contains(signature.id),
                   "a row with a pattern needs an example of the server's words here: " + name);
            const Signature* matched = matchSignature(exampleFor(signature));
            VERIFY(matched, "its own example matches nothing: " + name);
            VERIFY(matched == &signature, "shadowed by " + matched->id.toUtf8() + ": " + name);
        }
    }

    void everyLogOnlySignatureHasALogPatternAndEveryPatternASignature() {
        const QStringList used = logPatternSignatures();
        for (const QString& id : used)
            VERIFY(findSignature(id), qPrintable("log pattern names an unknown signature: " + id));
        for (const Signature& signature : signatureTable()) {
            if (isLogOnly(signature))
                VERIFY(used.contains(signature.id), qPrintable("no log pattern finds " + signature.id));
        }
    }

    void everyManualStepIsInTheCatalogWithCommandsAndAJudge() {
        QSet<QString> steps;
        for (const ManualStep& step : manualSteps()) {
            const QString id = QString::fromLatin1(step.id);
            steps.insert(id);
            const CheckDefinition* definition = findCheck(id);
            VERIFY(definition && definition->vantage == Vantage::Manual, step.id);
            VERIFY(step.where && *step.where && step.failFix && *step.failFix, step.id);
            VERIFY(!step.commandSets.isEmpty(), step.id);
            for (const QString& set : step.commandSets)
                VERIFY(hasCommandSet(set), qPrintable(id + ": unknown command set " + set));
            const ManualJudgeRule& judge = step.judge;
            const bool readsPatterns = judge.mode != JudgeMode::AllTrue;
            VERIFY(!readsPatterns || judge.pass || judge.fail, step.id);
            for (const char* pattern : {judge.pass, judge.fail, judge.warn})
                VERIFY(!pattern || QRegularExpression(QString::fromUtf8(pattern)).isValid(), step.id);
        }
        for (const CheckDefinition& definition : checkCatalog()) {
            if (definition.vantage == Vantage::Manual)
                VERIFY(steps.contains(definition.id), qPrintable("no manual step row: " + definition.id));
        }
    }

    void catalogRowsAreConsistent() {
        for (const CheckDefinition& definition : checkCatalog()) {
            const QByteArray name = definition.id.toUtf8();
            VERIFY(definition.run && definition.title && definition.section, name);
            VERIFY(!definition.segments.isEmpty(), name);
            for (const QString& segment : definition.segments)
                VERIFY(pathSegments().contains(segment), name + ": unknown segment " + segment.toUtf8());
            for (const QString& other : definition.dependsOn + definition.after)
                VERIFY(findCheck(other), name + " waits for an unknown check " + other.toUtf8());
            VERIFY(!waitsForItself(definition.id, definition.id, 0), name + " waits for itself");
            if (const Capability* needs = definition.needs)
                VERIFY(findCheck(QString::fromLatin1(needs->check)), name);
        }
    }
};

QTEST_GUILESS_MAIN(TestIntegrity)
#include "test_integrity.moc"
