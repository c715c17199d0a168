#include "core/knowledge/manualjudge.h"

#include "core/knowledge/manualsteps.h"
#include "core/text/recentresult.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace duo {

namespace {

struct ManualJudge {
    Q_DECLARE_TR_FUNCTIONS(duo::ManualJudge)
};

// A step's patterns, compiled once for the whole program: a long paste is judged line by line.
struct CompiledJudge {
    JudgeMode mode = JudgeMode::FailFirst;
    std::optional<QRegularExpression> pass, fail, warn, ignore;
    QString summaryHeading;
};

std::optional<QRegularExpression> compiled(const char* pattern) {
    if (!pattern)
        return std::nullopt;
    return QRegularExpression(QString::fromUtf8(pattern), QRegularExpression::CaseInsensitiveOption |
                                                              QRegularExpression::MultilineOption);
}

const CompiledJudge* judgeFor(const QString& id) {
    static const QHash<QString, CompiledJudge> judges = [] {
        QHash<QString, CompiledJudge> byId;
        for (const ManualStep& step : manualSteps())
            byId.insert(QString::fromLatin1(step.id),
                        {step.judge.mode, compiled(step.judge.pass), compiled(step.judge.fail),
                         compiled(step.judge.warn), compiled(step.judge.ignore),
                         QString::fromUtf8(step.judge.summaryHeading)});
        return byId;
    }();
    const auto it = judges.constFind(id);
    return it == judges.cend() ? nullptr : &it.value();
}

// The line where the pattern matched, trimmed; empty when it does not occur.
QString matchedLine(const std::optional<QRegularExpression>& pattern, const QString& text) {
    if (!pattern)
        return {};
    const QRegularExpressionMatch match = pattern->match(text);
    if (!match.hasMatch())
        return {};
    const qsizetype start = text.lastIndexOf(QLatin1Char('\n'), match.capturedStart()) + 1;
    const qsizetype end = text.indexOf(QLatin1Char('\n'), match.capturedEnd());
    return text.mid(start, end < 0 ? -1 : end - start).trimmed().left(200);
}

bool found(const std::optional<QRegularExpression>& pattern, const QString& text) {
    return pattern && pattern->match(text).hasMatch();
}

// A block of whole lines of the pasted output, and the lines a pattern matches: each expression runs once
// over the block instead of once per line (each match() call of its own would check the UTF-16 of all it is
// given again).
class PastedLines {
public:
    explicit PastedLines(QStringView block)
        : m_block(block) {
        for (qsizetype start = 0;;) {
            m_starts.append(start);
            const qsizetype end = block.indexOf(QLatin1Char('\n'), start);
            if (end < 0)
                break;
            start = end + 1;
        }
    }

    qsizetype count() const { return m_starts.size(); }
    QStringView line(qsizetype index) const {
        const qsizetype end = index + 1 < count() ? m_starts.at(index + 1) - 1 : m_block.size();
        return m_block.mid(m_starts.at(index), end - m_starts.at(index)).trimmed();
    }
    QList<bool> matching(const std::optional<QRegularExpression>& pattern) const {
        QList<bool> hits(count(), false);
        if (!pattern)
            return hits;
        qsizetype line = 0; // matches come in order: the line they start on only moves forward
        for (auto it = pattern->globalMatch(m_block); it.hasNext();) {
            const qsizetype start = it.next().capturedStart();
            while (line + 1 < count() && m_starts.at(line + 1) <= start)
                ++line;
            hits[line] = true;
        }
        return hits;
    }

private:
    QStringView m_block;
    QList<qsizetype> m_starts; // where each line begins
};

// A script line's status by its symbol (✗ ✘ ⚠ ✔ ✓) or the step's patterns; Queued when it has neither. One
// look at each character.
Status lineStatus(QStringView line, bool failMatched, bool warnMatched) {
    bool failed = failMatched, warned = warnMatched, passed = false;
    for (const QChar c : line) {
        switch (c.unicode()) {
        case 0x2717: // ✗
        case 0x2718: // ✘
            failed = true;
            break;
        case 0x26A0: // ⚠
            warned = true;
            break;
        case 0x2714: // ✔
        case 0x2713: // ✓
            passed = true;
            break;
        default:
            break;
        }
    }
    return failed ? Status::Fail : warned ? Status::Warn : passed ? Status::Pass : Status::Queued;
}

// The words a JSON summary's "status" fields use (GitLab's verification task), and what they mean.
struct SummaryStatus {
    const char* word;
    Status status;
};
const SummaryStatus summaryStatuses[] = {
    {"OK", Status::Pass},
    {"WARNING", Status::Warn},
    {"ERROR", Status::Fail},
    {"SKIPPED", Status::Queued}, // not judged
};

// Why a section of the summary has its status: the first of these fields it has.
const char* const summaryDetails[] = {"error_message", "error", "warning", "message", "reason"};

Status summaryStatus(const QString& word) {
    for (const SummaryStatus& known : summaryStatuses) {
        if (word.compare(QLatin1String(known.word), Qt::CaseInsensitive) == 0)
            return known.status;
    }
    return Status::Queued;
}

// "<name>: <STATUS> (HTTP n) — <detail>", the status read from the section (an "error" alone means ERROR).
std::pair<Status, QString> summarySection(const QString& name, const QJsonObject& section) {
    QString word = section.value(QStringLiteral("status")).toString();
    if (word.isEmpty() && section.contains(QStringLiteral("error")))
        word = QStringLiteral("ERROR");
    QString text = QStringLiteral("DIAGNOSTIC SUMMARY %1: %2").arg(name, word);
    if (const int http = section.value(QStringLiteral("http_status")).toInt(); http > 0)
        text += QStringLiteral(" (HTTP %1)").arg(http);
    for (const char* field : summaryDetails) {
        const QString detail = section.value(QLatin1String(field)).toString();
        if (!detail.isEmpty()) {
            text += QStringLiteral(" \u2014 ") + detail.left(200);
            break;
        }
    }
    return {summaryStatus(word), text};
}

// What the lines of script output say so far: the first failure and warning, the passes, the lines a verdict
// lists.
class LineTally {
public:
    void add(const CompiledJudge& judge, QStringView block) {
        const PastedLines lines(block);
        const QList<bool> fails = lines.matching(judge.fail);
        const QList<bool> warns = lines.matching(judge.warn);
        const QList<bool> ignored = lines.matching(judge.ignore);
        for (qsizetype i = 0; i < lines.count(); ++i) {
            const QStringView line = lines.line(i);
            if (!line.isEmpty() && !ignored.at(i))
                note(lineStatus(line, fails.at(i), warns.at(i)), line);
        }
    }

    // A JSON summary after the lines: each section with a status (and each probed endpoint) becomes a line.
    // False when no JSON object follows, so the text is read as lines instead.
    bool addSummary(QStringView text) {
        const qsizetype brace = text.indexOf(QLatin1Char('{'));
        if (brace < 0)
            return false;
        const QByteArray bytes = text.mid(brace).toUtf8();
        QJsonParseError error{};
        QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        if (error.error == QJsonParseError::GarbageAtEnd)
            document = QJsonDocument::fromJson(bytes.left(error.offset), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return false;
        const QJsonObject summary = document.object();
        for (auto it = summary.begin(); it != summary.end(); ++it) {
            const QJsonObject section = it.value().toObject();
            const auto [status, line] = summarySection(it.key(), section);
            note(status, line);
            for (const QJsonValue& endpoint : section.value(QStringLiteral("endpoints")).toArray()) {
                const QJsonObject probed = endpoint.toObject();
                const auto [endpointStatus, endpointLine] =
                    summarySection(QStringLiteral("%1 %2 (%3:%4)")
                                       .arg(it.key(), probed.value(QStringLiteral("name")).toString(),
                                            probed.value(QStringLiteral("host")).toString())
                                       .arg(probed.value(QStringLiteral("port")).toInt()),
                                   probed);
                note(endpointStatus, endpointLine);
            }
        }
        return true;
    }

    ManualVerdict verdict() const {
        ManualVerdict verdict{.status = Status::Warn,
                              .summary =
                                  ManualJudge::tr("No ✔, ⚠ or ✗ line recognised: is this the whole output?"),
                              .lines = m_lines,
                              .finding = m_failed.isEmpty() ? m_warned : m_failed};
        if (!m_failed.isEmpty()) {
            verdict.status = Status::Fail;
            verdict.summary = ManualJudge::tr("The output reports a failure: %1").arg(m_failed);
        } else if (!m_warned.isEmpty()) {
            verdict.summary = ManualJudge::tr("The output reports a warning: %1").arg(m_warned);
        } else if (m_passed > 0) {
            verdict.status = Status::Pass;
            verdict.summary =
                QCoreApplication::translate("duo::ManualJudge", "%n step(s) passed.", nullptr, m_passed);
        }
        return verdict;
    }

private:
    void note(Status status, QStringView line) {
        if (status == Status::Queued)
            return;
        m_passed += status == Status::Pass ? 1 : 0;
        if (status == Status::Fail && m_failed.isEmpty())
            m_failed = line.toString();
        if (status == Status::Warn && m_warned.isEmpty())
            m_warned = line.toString();
        if (m_lines.size() < maxJudgedLines)
            m_lines.append({status, line.toString()});
    }

    QList<JudgedLine> m_lines;
    QString m_failed, m_warned; // the first of each
    int m_passed = 0;
};

// Script output, a block of whole lines at a time: small enough to stay in the cache while both patterns and
// the symbol scan read it, so a megabyte costs what sixteen times 64 KB cost.
void tallyLines(LineTally& tally, const CompiledJudge& judge, QStringView output) {
    constexpr qsizetype blockChars = 16 * 1024;
    for (qsizetype start = 0; start < output.size();) {
        const qsizetype newline =
            output.indexOf(QLatin1Char('\n'), std::min(start + blockChars, output.size()));
        const qsizetype end = newline < 0 ? output.size() : newline + 1;
        tally.add(judge, output.mid(start, end - start));
        start = end;
    }
}

// The lines before the step's summary heading as lines, the JSON after it by its statuses.
ManualVerdict judgeLines(const CompiledJudge& judge, const QString& output) {
    LineTally tally;
    const qsizetype heading =
        judge.summaryHeading.isEmpty() ? -1 : output.indexOf(judge.summaryHeading, 0, Qt::CaseInsensitive);
    if (heading < 0) {
        tallyLines(tally, judge, output);
        return tally.verdict();
    }
    const qsizetype summaryStart = output.lastIndexOf(QLatin1Char('\n'), heading) + 1;
    tallyLines(tally, judge, QStringView(output).left(summaryStart));
    const QStringView summary = QStringView(output).mid(summaryStart);
    if (!tally.addSummary(summary))
        tallyLines(tally, judge, summary);
    return tally.verdict();
}

ManualVerdict judgeAllTrue(const QString& output) {
    ManualVerdict verdict;
    QStringList lines;
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    const bool allTrue = lines.size() >= 2 && std::all_of(lines.cbegin(), lines.cend(), [](const QString& l) {
                             return l.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
                         });
    verdict.status = allTrue ? Status::Pass : Status::Fail;
    verdict.summary =
        allTrue ? ManualJudge::tr("Both variables are true.")
                : ManualJudge::tr("Expected two lines \"true\", got: %1")
                      .arg(lines.isEmpty() ? ManualJudge::tr("nothing") : lines.join(QStringLiteral(" | ")));
    return verdict;
}

ManualVerdict judgeAnew(const QString& checkId, const QString& output) {
    ManualVerdict verdict;
    const CompiledJudge* judge = judgeFor(checkId);
    if (!judge || output.trimmed().isEmpty())
        return verdict;
    switch (judge->mode) {
    case JudgeMode::Lines:
        return judgeLines(*judge, output);
    case JudgeMode::AllTrue:
        return judgeAllTrue(output);
    case JudgeMode::PassFirst:
    case JudgeMode::FailFirst:
        break;
    }
    const bool passes = found(judge->pass, output);
    const bool fails = found(judge->fail, output);
    const bool passWins = judge->mode == JudgeMode::PassFirst ? passes : passes && !fails;
    if (passWins) {
        verdict.status = Status::Pass;
        verdict.summary = ManualJudge::tr("The output shows it works.");
    } else if (fails) {
        verdict.status = Status::Fail;
        verdict.finding = matchedLine(judge->fail, output);
        verdict.summary = ManualJudge::tr("The output shows a failure: \u201c%1\u201d").arg(verdict.finding);
    } else {
        verdict.status = Status::Warn;
        verdict.summary = ManualJudge::tr("The output is not what this step expects; check it by hand.");
    }
    return verdict;
}

// Only a large value is remembered (the window hands one to a worker thread first): a small one costs less to
// judge again than to compare.
constexpr qsizetype rememberedFromChars = 64 * 1024;

} // namespace

ManualVerdict judgeManualOutput(const QString& checkId, const QString& output) {
    if (output.size() < rememberedFromChars)
        return judgeAnew(checkId, output);
    static RecentResult<std::pair<QString, QString>, ManualVerdict> recent;
    return recent.recallOr({checkId, output}, [&] { return judgeAnew(checkId, output); });
}

} // namespace duo
