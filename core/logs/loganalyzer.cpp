#include "core/logs/loganalyzer.h"

#include "core/engine/checkcontext.h"
#include "core/knowledge/commandsets.h"
#include "core/knowledge/signatures.h"
#include "core/text/quoting.h"
#include "core/text/redactor.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcLogs, "duo.core.logs")

namespace duo {

namespace {

struct LogText {
    Q_DECLARE_TR_FUNCTIONS(duo::LogAnalyzer)
};

constexpr qsizetype maxInputChars = 8 * 1024 * 1024; // beyond this the rest is not read (and said so)
constexpr qsizetype maxLineChars = 400;              // a finding shows at most this much of its line
constexpr int maxFindings = 500;

// A log line pattern and the signature row it is evidence of. Order matters: the first row that matches a
// line wins, so specific rows come before general ones. Patterns are case-insensitive.
struct LogPattern {
    const char* source;
    const char* pattern;
    const char* signatureId;
};

// clang-format off
const LogPattern logPatterns[] = {
    // Duo Chat error codes, as users report them ("Error code: A1001") and as llm.log has them
    // ("error_code":"A1001"). GitLab's Duo Chat troubleshooting page lists them.
    {"duo-chat", R"(error[ _]code\W{0,4}A1001\b)", "log.duo_chat_a1001"},
    {"duo-chat", R"(error[ _]code\W{0,4}A1000\b)", "log.read_timeout"},
    {"duo-chat", R"(error[ _]code\W{0,4}A1002\b)", "log.duo_chat_a1002"},
    {"duo-chat", R"(error[ _]code\W{0,4}A1003\b)", "log.duo_chat_a1003"},
    {"duo-chat", R"(error[ _]code\W{0,4}A1004\b)", "log.duo_chat_a1004"},
    {"duo-chat", R"(error[ _]code\W{0,4}A1005\b)", "log.duo_chat_a1005"},
    {"duo-chat", R"(error[ _]code\W{0,4}(A1006|A6000|A9999)\b)", "log.duo_chat_agent_gave_up"},
    {"duo-chat", R"(error[ _]code\W{0,4}(A1007|A1008)\b)", "log.duo_chat_agent_platform"},
    {"duo-chat", R"(error[ _]code\W{0,4}(M3004|M3006|G3001)\b|requires a different Duo subscription)", "log.duo_chat_no_access"},
    {"duo-chat", R"(error[ _]code\W{0,4}M3002\b)", "log.duo_chat_turned_off"},
    {"duo-chat", R"(error[ _]code\W{0,4}G3002\b|not selected a default GitLab Duo namespace)", "log.duo_chat_default_namespace"},
    {"gateway", R"(DCR4005)", "log.gateway_version"},
    // The gateway's troubleshooting script.
    {"gateway-script", R"(AIGW_CUSTOM_MODELS__ENABLED must be set)", "gateway.custom_models_disabled"},
    {"gateway-script", R"(Either AIGW_GITLAB_URL.*must be set)", "log.aigw_gitlab_url_unset"},
    {"gateway-script", R"(Missing environment variables:.*AWS_)", "log.bedrock_credentials"},
    {"gateway-script", R"(>> Failed to access the .* model)", "log.gateway_model_failed"},
    // GitLab's rake task (gitlab:duo:verify_self_hosted_setup).
    {"rake", R"(reachable, but TLS certificate is NOT trusted)", "log.tls_not_trusted"},
    {"rake", R"(License does not provide access to code suggestions)", "log.license_no_code_suggestions"},
    {"rake", R"(must be HTTP or HTTPS)", "log.gitlab_gateway_url_invalid"},
    {"rake", R"(Skipping model: .*identifier does not start with)", "log.rake_identifier_prefix"},
    {"rake", R"(User \S+ has no access to code suggestions)", "gitlab.user.no_access"},
    {"rake", R"(Cannot access AI Gateway|>> AI Gateway returned HTTP \d+|\bunreachable\s*[✗✘])", "gitlab.outbound.unreachable"},
    // Docker.
    {"docker", R"(requested image.s platform .* does not match the detected host)", "log.image_platform"},
    {"docker", R"(address already in use|port is already allocated)", "log.port_in_use"},
    // The gateway's own log: authentication of GitLab's requests.
    {"gateway", R"(No keys founds? in JWKS|are OIDC providers up)", "log.jwks_unreachable"},
    {"gateway", R"(Signature verification failed|Not enough segments|Signature has expired)", "log.gateway_token_rejected"},
    {"gateway", R"(Header mismatch|Header is missing)", "gateway.rejects_gitlab"},
    {"gateway", R"(Invalid authorization header)", "log.gateway_token_rejected"},
    {"gateway", R"(No authorization header presented)", "gateway.auth_bypass_off"},
    {"gateway", R"(Forbidden by auth provider)", "log.gateway_token_rejected"},
    {"gateway", R"(CERTIFICATE_VERIFY_FAILED|Could not deserialize key data)", "log.gateway_tls_verify"},
    // The gateway's calls to the model (LiteLLM's messages).
    {"gateway", R"(Custom models are disabled)", "gateway.custom_models_disabled"},
    {"gateway", R"(LLM Provider NOT provided)", "gateway.llm_provider_missing"},
    {"gateway", R"(The model `[^`]*` does not exist|Invalid model name passed|model '[^']*' not found|DeploymentNotFound|NotFoundError)", "gateway.model_not_found"},
    {"gateway", R"(Authentication ?Error|No api key passed in|Invalid API Key|invalid subscription key)", "gateway.model_auth"},
    {"model", R"("error"\s*:\s*"Unauthorized")", "gateway.model_auth"},
    {"model", R"(maximum context length|context length|Prompt is too long|max_model_len)", "model.completion.context"},
    // GitLab's own failure to reach the gateway (Ruby's messages) before the gateway's to reach the model.
    {"llm.log", R"(Failed to open TCP connection|Errno::ECONNREFUSED|getaddrinfo)", "gitlab.outbound.unreachable"},
    {"gateway", R"(APIConnectionError|Connection refused|Connection error|Failed to establish a new connection)", "gateway.model_connection_error"},
    // GitLab (llm.log, production.log) talking to the gateway.
    {"llm.log", R"(Requests to the local network are not allowed|Requests to localhost are not allowed)", "gitlab.outbound.local_blocked"},
    {"llm.log", R"(Request ran for longer than \d+ms)", "gitlab.outbound.proxy"},
    {"llm.log", R"(Net::ReadTimeout|ReadTimeout|timed out|Timeout::Error)", "log.read_timeout"},
};
// clang-format on

struct CompiledPattern {
    const LogPattern* row;
    QRegularExpression expression;
    const Signature* signature;
};

const QList<CompiledPattern>& compiledPatterns() {
    static const QList<CompiledPattern> compiled = [] {
        QList<CompiledPattern> list;
        for (const LogPattern& row : logPatterns) {
            const Signature* signature = findSignature(QString::fromLatin1(row.signatureId));
            if (!signature) {
                qCWarning(lcLogs) << "log pattern names an unknown signature" << row.signatureId;
                continue;
            }
            list.append({&row,
                         QRegularExpression(QString::fromUtf8(row.pattern),
                                            QRegularExpression::CaseInsensitiveOption),
                         signature});
        }
        return list;
    }();
    return compiled;
}

// The admin's values where known; the rest reads as a placeholder, never as a raw {name}.
TemplateValues valuesFor(const Target& target, const QString& line) {
    TemplateValues values = targetValues(target);
    const TemplateValues defaults = learnedValues([](const QString&) { return nullptr; }, target, true);
    for (auto it = defaults.cbegin(); it != defaults.cend(); ++it)
        values.insert(it.key(), it.value());
    values.insert(QStringLiteral("message"), line);
    values.insert(QStringLiteral("inference_timeout"), QStringLiteral("60"));
    values.insert(QStringLiteral("timeout"), QStringLiteral("10"));
    static const QRegularExpression httpStatus(
        QStringLiteral("\\b(?:HTTP|status code:?|Error code:?)\\s*(\\d{3})\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const auto status = httpStatus.match(line);
    values.insert(QStringLiteral("http_status"),
                  status.hasMatch() ? status.captured(1) : QStringLiteral("?"));
    const QHash<QString, const char*> placeholders{
        {QStringLiteral("served_model_id"), "<served-model-id>"},
        {QStringLiteral("models_url"), "<your-model-endpoint>/models"},
        {QStringLiteral("gitlab_username"), "<username>"},
    };
    for (auto it = placeholders.cbegin(); it != placeholders.cend(); ++it) {
        if (values.value(it.key()).isEmpty())
            values.insert(it.key(), QString::fromLatin1(it.value()));
    }
    return values;
}

// What a line says, for the explanation: the error or message of a JSON log line (GitLab's llm.log), else the
// line itself.
QString messageOf(const QString& line) {
    if (line.startsWith(QLatin1Char('{'))) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        for (const char* key : {"error", "message", "exception.message"}) {
            const QString value = object.value(QLatin1String(key)).toString();
            if (!value.isEmpty())
                return value;
        }
    }
    return line;
}

QString shortened(const QString& line) {
    const QString trimmed = line.trimmed();
    return trimmed.size() <= maxLineChars ? trimmed : trimmed.left(maxLineChars) + QStringLiteral("…");
}

// What a matching line means, with the admin's values. Redacted last: after the message was decoded from
// its JSON, the line made printable and both filled into the texts, before anything serialises them.
LogFinding findingFor(const CompiledPattern& pattern, int number, QStringView line, const Target& target,
                      const Redactor& redactor) {
    LogFinding finding;
    finding.line = number;
    finding.source = QString::fromLatin1(pattern.row->source);
    finding.text = shortened(printableText(line.toString()));
    finding.signatureId = pattern.signature->id;
    CheckResult filled;
    applySignature(filled, *pattern.signature, valuesFor(target, messageOf(finding.text)));
    finding.status = filled.status;
    finding.blames = pattern.signature->blames;
    finding.text = redactor.apply(finding.text);
    finding.explanation = redactor.apply(filled.explanation);
    finding.fix = redactor.apply(filled.fix);
    for (Command& command : filled.commands) {
        command.label = redactor.apply(command.label);
        command.command = redactor.apply(command.command);
    }
    finding.commands = filled.commands;
    return finding;
}

} // namespace

QStringList logPatternSignatures() {
    QStringList ids;
    for (const LogPattern& row : logPatterns)
        ids.append(QString::fromLatin1(row.signatureId));
    return ids;
}

LogAnalysis analyzeLog(const QString& text, const Target& target) {
    LogAnalysis analysis;
    analysis.truncated = text.size() > maxInputChars;
    const Redactor redactor = Redactor::forTarget(target);
    // Redact first, all of it: what is shown again never holds a secret, even past the part that is analyzed,
    // and no line is cut through a secret. Each finding is redacted once more when its texts are filled.
    analysis.redactedText = redactor.apply(text);
    const QList<QStringView> lines =
        QStringView(analysis.redactedText).left(maxInputChars).split(QLatin1Char('\n'));
    // A final newline ends the last line; it does not start another.
    analysis.linesRead = int(lines.size()) - (!lines.isEmpty() && lines.constLast().isEmpty() ? 1 : 0);
    for (int number = 0; number < lines.size(); ++number) {
        const QStringView line = lines.at(number);
        if (line.trimmed().isEmpty())
            continue;
        for (const CompiledPattern& pattern : compiledPatterns()) {
            if (!pattern.expression.match(line).hasMatch())
                continue;
            analysis.findings.append(findingFor(pattern, number + 1, line, target, redactor));
            break; // one finding per line: the most specific row
        }
        if (analysis.findings.size() >= maxFindings) {
            analysis.truncated = true;
            break;
        }
    }
    qCInfo(lcLogs) << "analyzed" << analysis.linesRead << "lines," << analysis.findings.size() << "findings";
    return analysis;
}

QJsonObject logAnalysisToJson(const LogAnalysis& analysis) {
    QJsonArray findings;
    for (const LogFinding& finding : analysis.findings) {
        QJsonArray commands;
        for (const Command& command : finding.commands)
            commands.append(QJsonObject{{QStringLiteral("label"), command.label},
                                        {QStringLiteral("command"), command.command}});
        findings.append(QJsonObject{{QStringLiteral("line"), finding.line},
                                    {QStringLiteral("source"), finding.source},
                                    {QStringLiteral("text"), finding.text},
                                    {QStringLiteral("signature"), finding.signatureId},
                                    {QStringLiteral("status"), statusKey(finding.status)},
                                    {QStringLiteral("blames"), finding.blames},
                                    {QStringLiteral("explanation"), finding.explanation},
                                    {QStringLiteral("fix"), finding.fix},
                                    {QStringLiteral("commands"), commands}});
    }
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("duo-doctor.log-analysis.v1")},
                       {QStringLiteral("lines_read"), analysis.linesRead},
                       {QStringLiteral("truncated"), analysis.truncated},
                       {QStringLiteral("findings"), findings}};
}

QString logAnalysisToText(const LogAnalysis& analysis) {
    QString out;
    if (analysis.findings.isEmpty()) {
        out += LogText::tr("No known failure found (%1 lines read).").arg(analysis.linesRead) +
               QLatin1Char('\n');
        if (analysis.truncated)
            out += LogText::tr("Only the beginning of the text was read.") + QLatin1Char('\n');
        return out;
    }
    out += LogText::tr("Known failures found: %1 (%2 lines read)")
               .arg(analysis.findings.size())
               .arg(analysis.linesRead) +
           QStringLiteral("\n\n");
    for (const LogFinding& finding : analysis.findings) {
        out += LogText::tr("line %1 (%2): %3").arg(finding.line).arg(finding.source, finding.text) +
               QLatin1Char('\n');
        out += QStringLiteral("  ") + finding.explanation + QLatin1Char('\n');
        out += QStringLiteral("  ") + LogText::tr("Fix: %1").arg(finding.fix) + QLatin1Char('\n');
        for (const Command& command : finding.commands) {
            out += QStringLiteral("    # ") + command.label + QLatin1Char('\n');
            for (const QString& commandLine : command.command.split(QLatin1Char('\n')))
                out += QStringLiteral("    ") + commandLine + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    if (analysis.truncated)
        out += LogText::tr("Only the beginning of the text was read.") + QLatin1Char('\n');
    return out;
}

} // namespace duo
