#include "core/logs/logscan.h"

#include "core/engine/checkcontext.h"
#include "core/knowledge/signatures.h"
#include "core/logs/logpatterns.h"
#include "core/text/quoting.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <cstring>

Q_DECLARE_LOGGING_CATEGORY(lcLogs)

namespace duo {

namespace {

constexpr qint64 blockBytes = 1024 * 1024;
constexpr qint64 maxLineBytes = 1024 * 1024;   // a longer "line" is cut there (and counted as one)
constexpr qsizetype maxLineChars = 400;        // a finding shows at most this much of its line
constexpr qsizetype maxMatchBytes = 64 * 1024; // what of a matching line is kept to explain it

qint64 countNewlines(const char* from, const char* to) {
    qint64 count = 0;
    while (from < to) {
        const void* found = std::memchr(from, '\n', size_t(to - from));
        if (!found)
            break;
        ++count;
        from = static_cast<const char*>(found) + 1;
    }
    return count;
}

// The line around `at` within [begin, end): from after the previous newline to before the next one.
QByteArrayView lineAround(const char* begin, const char* end, const char* at) {
    const char* start = at;
    while (start > begin && start[-1] != '\n')
        --start;
    const void* newline = std::memchr(at, '\n', size_t(end - at));
    const char* stop = newline ? static_cast<const char*>(newline) : end;
    return QByteArrayView(start, stop - start);
}

QString lineText(QByteArrayView bytes) {
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes.first(std::min(bytes.size(), maxMatchBytes)));
}

QString shortened(const QString& line) {
    const QString trimmed = line.trimmed();
    return trimmed.size() <= maxLineChars ? trimmed : trimmed.left(maxLineChars) + QStringLiteral("…");
}

// The admin's values where known, then the line's own; the rest reads as a placeholder, never as a raw
// {name}.
TemplateValues valuesFor(const Target& target, const QString& line, const QString& message) {
    const Target filled = withLineValues(target, line);
    TemplateValues values = targetValues(filled);
    const TemplateValues defaults = learnedValues([](const QString&) { return nullptr; }, filled, true);
    for (auto it = defaults.cbegin(); it != defaults.cend(); ++it)
        values.insert(it.key(), it.value());
    values.insert(QStringLiteral("message"), message);
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

} // namespace

LogScan::LogScan(QList<LogInput> inputs, const Target& target, const LogScanOptions& options)
    : m_matcher(LogMatcher::instance())
    , m_inputs(std::move(inputs))
    , m_target(target)
    , m_options(options)
    , m_redactor(Redactor::forTarget(target)) {
    for (const LogInput& input : m_inputs)
        m_bytesTotal += input.pasted ? input.text.size() : input.size;
}

bool LogScan::stopped() const {
    return m_options.cancel && m_options.cancel->load();
}

// The first pass matches every input; the second reads the files again for the lines of the requests kept
// (standard input, read once, gave them on the way).
std::optional<LogAnalysis> LogScan::run(QString* error) {
    for (int input = 0; input < m_inputs.size() && !stopped(); ++input) {
        if (!readInput(input, false, error))
            return std::nullopt;
    }
    if (!m_requests.isEmpty()) {
        m_bytesTotal *= 2;
        for (int input = 0; input < m_inputs.size() && !stopped(); ++input) {
            if (m_inputs.at(input).canReadTwice() && !readInput(input, true, error))
                return std::nullopt;
        }
    }
    return result();
}

// One input, block by block: whole lines go to the matcher (or, on the second pass, to the gatherer); the
// rest of a block waits for the next one.
bool LogScan::readInput(int input, bool gather, QString* error) {
    LogReader reader;
    if (!reader.open(m_inputs.at(input), error))
        return false;
    QByteArray buffer(blockBytes + maxLineBytes, Qt::Uninitialized);
    qint64 held = 0, line = 1;
    const qint64 before = m_bytesDone;
    for (bool end = false; !end && !stopped();) {
        const qint64 got = reader.read(buffer.data() + held, blockBytes);
        if (got < 0) {
            *error = QCoreApplication::translate("duo::LogInput", "analyze: cannot read %1: %2")
                         .arg(m_inputs.at(input).name, reader.errorString());
            return false;
        }
        end = got == 0;
        held += got;
        const char* data = buffer.constData();
        const char* last = static_cast<const char*>(memrchr(data, '\n', size_t(held)));
        qint64 whole = end ? held : last ? last - data + 1 : 0;
        if (held - whole >= maxLineBytes)
            whole = held; // a line this long is cut: what waits stays under the limit
        const QByteArrayView block(data, whole);
        if (!gather)
            scanLines(input, block, line);
        if (gather || m_inputs.at(input).standardInput())
            gatherLines(input, block, line);
        line += countNewlines(data, data + whole);
        if (whole > 0 && data[whole - 1] != '\n')
            ++line; // the last line without its newline, or a cut one
        std::memmove(buffer.data(), data + whole, size_t(held - whole));
        held -= whole;
        m_bytesDone = before + reader.consumed();
        if (m_options.progress)
            m_options.progress(m_bytesDone, std::max(m_bytesTotal, m_bytesDone));
    }
    if (!gather)
        m_files.append({m_inputs.at(input).name, line - 1, reader.compressed()});
    return true;
}

// The prefilter finds the lines holding an anchor; only those are tried, against the rows owning one.
void LogScan::scanLines(int input, QByteArrayView block, qint64 firstLine) {
    const char* begin = block.data();
    const char* end = begin + block.size();
    const char* counted = begin;
    qint64 line = firstLine;
    uint32_t state = 0;
    PatternSet hits;
    for (const char* at = begin; (at = m_matcher.nextHit(at, end, state, &hits)) < end;) {
        const QByteArrayView bytes = lineAround(begin, end, at);
        line += countNewlines(counted, bytes.data());
        counted = bytes.data();
        const int row = m_matcher.firstMatch(lineText(bytes), m_matcher.candidatesIn(bytes));
        if (row >= 0)
            addMatch(input, line, row, bytes);
        at = bytes.data() + bytes.size();
        state = 0;
        hits.reset();
    }
}

void LogScan::addMatch(int input, qint64 line, int row, QByteArrayView bytes) {
    Match match{.input = input, .line = line, .row = row, .text = lineText(bytes)};
    match.correlationId =
        QString::fromLatin1(correlationIdIn(bytes.first(std::min(bytes.size(), maxMatchBytes))));
    match.time = timeOf(match.text.left(4096));
    if (match.time.utc.isValid())
        m_lastTime = match.time.utc.toMSecsSinceEpoch();
    const Key key{m_lastTime, m_order++};
    ++m_findingsTotal;
    if (!match.correlationId.isEmpty())
        keepRequest(key, match);
    m_findings.emplace(key, std::move(match));
    if (qsizetype(m_findings.size()) > m_options.maxFindings)
        m_findings.erase(m_findings.begin()); // the oldest goes; it was counted
}

// A request is kept with its newest finding's key; past the limit the one whose newest is oldest goes.
void LogScan::keepRequest(const Key& key, const Match& match) {
    m_requestIds.insert(match.correlationId);
    RequestState& state = m_requests[match.correlationId];
    state.newest = std::max(state.newest, key);
    if (state.matches.size() < m_options.maxRequestLines)
        state.matches.append(match);
    m_requestHashes.insert(qHash(match.correlationId.toLatin1()));
    if (m_requests.size() > m_options.maxRequests)
        dropOldestRequest();
}

void LogScan::dropOldestRequest() {
    auto oldest = m_requests.begin();
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it) {
        if (it->newest < oldest->newest)
            oldest = it;
    }
    m_lines.remove(oldest.key());
    m_lineCounts.remove(oldest.key());
    m_requests.erase(oldest);
    m_requestHashes.clear();
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        m_requestHashes.insert(qHash(it.key().toLatin1()));
}

// The lines of the kept requests: found by their correlation_id key; most lines are skipped by its hash,
// before the line around it is even looked for.
void LogScan::gatherLines(int input, QByteArrayView block, qint64 firstLine) {
    static constexpr QByteArrayView key("correlation_id");
    const char* begin = block.data();
    const char* counted = begin;
    qint64 line = firstLine;
    for (qsizetype at = 0; !m_requests.isEmpty() && (at = block.indexOf(key, at)) >= 0;) {
        const QByteArrayView id =
            correlationIdIn(block.sliced(at, std::min<qsizetype>(block.size() - at, 256)));
        at += key.size();
        if (id.isEmpty() || !m_requestHashes.contains(qHash(id)))
            continue;
        const QString name = QString::fromLatin1(id);
        if (!m_requests.contains(name))
            continue;
        const QByteArrayView bytes = lineAround(begin, begin + block.size(), begin + at);
        at = bytes.data() + bytes.size() - begin;
        line += countNewlines(counted, bytes.data());
        counted = bytes.data();
        if (++m_lineCounts[name] > m_options.maxRequestLines)
            continue;
        const QString text = lineText(bytes);
        const LineTime time = timeOf(text.left(4096));
        m_lines[name].append({m_inputs.at(input).name, line, time.utc, time.assumedUtc,
                              m_redactor.apply(shortened(printableText(text)))});
    }
}

// What a match means, with the admin's values (else the line's own). Redacted last: after the message was
// decoded from its JSON, the line made printable and both filled into the texts, before anything serialises
// them.
LogFinding LogScan::findingFor(const Match& match) const {
    const CompiledLogPattern& pattern = m_matcher.patterns().at(match.row);
    LogFinding finding;
    finding.line = match.line;
    finding.file = m_inputs.at(match.input).name;
    finding.source = QString::fromLatin1(pattern.row->source);
    finding.correlationId = m_redactor.apply(match.correlationId);
    finding.time = match.time.utc;
    const QString printable = printableText(match.text);
    finding.text = shortened(printable);
    finding.signatureId = pattern.signature->id;
    CheckResult filled;
    applySignature(filled, *pattern.signature,
                   valuesFor(m_target, printable, shortened(messageOf(printable.trimmed()))));
    finding.status = filled.status;
    finding.blames = pattern.signature->blames;
    finding.text = m_redactor.apply(finding.text);
    finding.explanation = m_redactor.apply(filled.explanation);
    finding.fix = m_redactor.apply(filled.fix);
    for (Command& command : filled.commands) {
        command.label = m_redactor.apply(command.label);
        command.command = m_redactor.apply(command.command);
    }
    finding.commands = filled.commands;
    return finding;
}

// A request's lines in time order (lines without a time by file and line), and its findings.
LogRequest LogScan::requestFor(const QString& id) const {
    LogRequest request;
    request.correlationId = m_redactor.apply(id);
    request.lines = m_lines.value(id);
    request.linesTotal = m_lineCounts.value(id);
    auto order = [](const LogRequestLine& line) {
        return std::tuple(line.time.isValid() ? line.time.toMSecsSinceEpoch() : LLONG_MIN, line.file,
                          line.line);
    };
    std::stable_sort(request.lines.begin(), request.lines.end(),
                     [&](const LogRequestLine& a, const LogRequestLine& b) { return order(a) < order(b); });
    for (const Match& match : m_requests.value(id).matches)
        request.findings.append(findingFor(match));
    return request;
}

LogAnalysis LogScan::result() const {
    LogAnalysis analysis;
    QList<const Match*> kept;
    for (const auto& [key, match] : m_findings)
        kept.append(&match);
    std::sort(kept.begin(), kept.end(), [](const Match* a, const Match* b) {
        return std::pair(a->input, a->line) < std::pair(b->input, b->line);
    });
    for (const Match* match : kept)
        analysis.findings.append(findingFor(*match));
    analysis.findingsTotal = m_findingsTotal;
    QList<std::pair<Key, QString>> requests;
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        requests.append({it->newest, it.key()});
    std::sort(requests.begin(), requests.end());
    for (const auto& [key, id] : requests)
        analysis.requests.append(requestFor(id));
    analysis.requestsTotal = m_requestIds.size();
    analysis.files = m_files;
    for (const LogFileSummary& file : m_files)
        analysis.linesRead += file.linesRead;
    analysis.cancelled = stopped();
    qCInfo(lcLogs) << "analyzed" << analysis.linesRead << "lines in" << m_files.size() << "inputs,"
                   << m_findingsTotal << "findings," << analysis.requestsTotal << "requests";
    return analysis;
}

std::optional<LogAnalysis> analyzeLogInputs(const QList<LogInput>& inputs, const Target& target,
                                            const LogScanOptions& options, QString* error) {
    return LogScan(inputs, target, options).run(error);
}

} // namespace duo
