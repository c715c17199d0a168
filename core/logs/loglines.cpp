#include "core/logs/loglines.h"

#include "core/text/inputvalidation.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace duo {

namespace {

bool idChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
}

// Where the setup's values hide in a line, and which value each is. First row that matches wins per value.
enum class LineValue { ModelEndpoint, GitLab, Gateway, Identifier };
struct LineValueRow {
    LineValue value;
    const char* pattern; // capture 1: the value
};

// clang-format off
const LineValueRow lineValueRows[] = {
    {LineValue::ModelEndpoint, R"(\b(?:api_base|model_endpoint|endpoint)["']?\s*[=:]\s*["']?(https?://[^\s"',}\\]+))"},
    {LineValue::GitLab, R"(\b(?:AIGW_GITLAB_URL|gitlab_url)["']?\s*[=:]\s*["']?(https?://[^\s"',}\\]+))"},
    {LineValue::GitLab, R"((https?://[^\s"',}/\\]+)/(?:api/v4/|\.well-known/|oauth/discovery))"},
    {LineValue::Gateway, R"(\b(?:ai_gateway_url|AI_GATEWAY_URL)["']?\s*[=:]\s*["']?(https?://[^\s"',}\\]+))"},
    {LineValue::Gateway, R"((https?://[^\s"',}/\\]+)/(?:v1/chat/agent|v2/code/|v1/prompts/|monitoring/healthz))"},
    {LineValue::Gateway, R"(Failed to open TCP connection to ([\w.-]+:\d+))"},
    {LineValue::Gateway, R"(\bpeeraddr=([\w.-]+:\d+))"},
    {LineValue::GitLab, R"(unable to access '(https?://[^/'\s]+)/)"},
    {LineValue::Identifier, R"(\bmodel(?:_identifier)?["']?\s*[=:]\s*["']?((?:custom_openai|bedrock|bedrock_mantle|azure|vertex_ai|anthropic|openai)/[\w./:@-]+))"},
};
// clang-format on

struct CompiledValueRow {
    LineValue value;
    QRegularExpression expression;
};

const QList<CompiledValueRow>& compiledValueRows() {
    static const QList<CompiledValueRow> rows = [] {
        QList<CompiledValueRow> list;
        for (const LineValueRow& row : lineValueRows)
            list.append({row.value, QRegularExpression(QString::fromLatin1(row.pattern),
                                                       QRegularExpression::CaseInsensitiveOption)});
        return list;
    }();
    return rows;
}

// A URL the line named, accepted only as a typed one would be (no password, http or https).
void takeUrl(QUrl& slot, UrlField field, QString text) {
    if (!slot.isEmpty())
        return;
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("http://"));
    while (text.endsWith(QLatin1Char('.')) || text.endsWith(QLatin1Char(')')))
        text.chop(1);
    if (!urlProblem(field, text))
        slot = parseUrl(text);
}

} // namespace

QByteArrayView correlationIdIn(QByteArrayView line) {
    static constexpr QByteArrayView key("correlation_id");
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return {};
    qsizetype pos = at + key.size();
    // "correlation_id":"X", correlation_id=X, correlation_id: X, 'correlation_id': 'X'
    while (pos < line.size() && (line[pos] == '"' || line[pos] == '\'' || line[pos] == ' '))
        ++pos;
    if (pos >= line.size() || (line[pos] != ':' && line[pos] != '='))
        return {};
    ++pos;
    while (pos < line.size() && (line[pos] == '"' || line[pos] == '\'' || line[pos] == ' '))
        ++pos;
    qsizetype end = pos;
    while (end < line.size() && end - pos < 128 && idChar(line[end]))
        ++end;
    return line.sliced(pos, end - pos);
}

LineTime timeOf(const QString& line) {
    static const QRegularExpression stamp(QStringLiteral(
        R"re((?:"(?:time|timestamp|@timestamp)"\s*:\s*"|\b(?:time|timestamp)="?|^\s*\[?))re"
        R"re((\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2}|UTC)?)re"));
    const auto match = stamp.match(line);
    if (!match.hasMatch())
        return {};
    const QString fraction = QString(match.captured(3) + QStringLiteral("000")).left(3);
    QString zone = match.captured(4);
    const bool assumed = zone.isEmpty();
    if (assumed || zone == QLatin1String("UTC"))
        zone = QStringLiteral("Z");
    else if (zone != QLatin1String("Z") && !zone.contains(QLatin1Char(':')))
        zone.insert(3, QLatin1Char(':'));
    const QString iso =
        match.captured(1) + QLatin1Char('T') + match.captured(2) + QLatin1Char('.') + fraction + zone;
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return {time.toUTC(), assumed};
}

QString messageOf(const QString& line) {
    if (line.startsWith(QLatin1Char('{'))) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        for (const char* key : {"error", "message", "exception.message", "event", "msg"}) {
            const QString value = object.value(QLatin1String(key)).toString();
            if (!value.isEmpty())
                return value;
        }
        return line;
    }
    // structlog's console lines: "2026-11-20 09:30:05 [error    ] message  [logger]"
    static const QRegularExpression console(
        QStringLiteral(
            R"(^\s*\d{4}-\d{2}-\d{2}[T ][\d:.,]+Z?\s+\[\s*[a-z]+\s*\]\s+(.*?)(?:\s+\[[a-z_][\w.]*\])?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = console.match(line);
    return match.hasMatch() && !match.captured(1).isEmpty() ? match.captured(1) : line;
}

Target withLineValues(Target target, const QString& line) {
    for (const CompiledValueRow& row : compiledValueRows()) {
        const auto match = row.expression.match(line);
        if (!match.hasMatch())
            continue;
        const QString value = match.captured(1);
        switch (row.value) {
        case LineValue::ModelEndpoint:
            takeUrl(target.modelEndpoint, UrlField::ModelEndpoint, value);
            break;
        case LineValue::GitLab:
            takeUrl(target.gitlabUrl, UrlField::GitLab, value);
            break;
        case LineValue::Gateway:
            takeUrl(target.gatewayUrl, UrlField::Gateway, value);
            break;
        case LineValue::Identifier:
            if (target.modelIdentifier.isEmpty())
                target.modelIdentifier = value;
            break;
        }
    }
    return target;
}

} // namespace duo
