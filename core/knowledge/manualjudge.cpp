#include "core/knowledge/manualjudge.h"

#include "core/knowledge/manualsteps.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <optional>

namespace duo {

namespace {

struct ManualJudge {
    Q_DECLARE_TR_FUNCTIONS(duo::ManualJudge)
};

// A step's patterns, compiled once for the whole program: a long paste is judged line by line.
struct CompiledJudge {
    JudgeMode mode = JudgeMode::FailFirst;
    std::optional<QRegularExpression> pass, fail, warn;
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
            byId.insert(QString::fromLatin1(step.id), {step.judge.mode, compiled(step.judge.pass),
                                                       compiled(step.judge.fail), compiled(step.judge.warn)});
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

ManualVerdict judgeLines(const CompiledJudge& judge, const QString& output) {
    ManualVerdict verdict;
    int passed = 0;
    for (const QString& raw : output.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        Status status = Status::Queued;
        if (line.contains(QChar(0x2717)) || line.contains(QChar(0x2718)) || found(judge.fail, line))
            status = Status::Fail;
        else if (line.contains(QChar(0x26A0)) || found(judge.warn, line))
            status = Status::Warn;
        else if (line.contains(QChar(0x2714)) || line.contains(QChar(0x2713)))
            status = Status::Pass;
        if (status == Status::Queued)
            continue;
        if (status == Status::Pass)
            ++passed;
        verdict.lines.append({status, line});
    }
    const auto first = [&](Status wanted) -> QString {
        for (const JudgedLine& line : verdict.lines) {
            if (line.status == wanted)
                return line.text;
        }
        return QString();
    };
    if (const QString failed = first(Status::Fail); !failed.isEmpty()) {
        verdict.status = Status::Fail;
        verdict.summary = ManualJudge::tr("The output reports a failure: %1").arg(failed);
    } else if (const QString warned = first(Status::Warn); !warned.isEmpty()) {
        verdict.status = Status::Warn;
        verdict.summary = ManualJudge::tr("The output reports a warning: %1").arg(warned);
    } else if (passed > 0) {
        verdict.status = Status::Pass;
        verdict.summary =
            QCoreApplication::translate("duo::ManualJudge", "%n step(s) passed.", nullptr, passed);
    } else {
        verdict.status = Status::Warn;
        verdict.summary = ManualJudge::tr("No ✔, ⚠ or ✗ line recognised: is this the whole output?");
    }
    return verdict;
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

} // namespace

ManualVerdict judgeManualOutput(const QString& checkId, const QString& output) {
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
        verdict.summary = ManualJudge::tr("The output shows a failure: \u201c%1\u201d")
                              .arg(matchedLine(judge->fail, output));
    } else {
        verdict.status = Status::Warn;
        verdict.summary = ManualJudge::tr("The output is not what this step expects; check it by hand.");
    }
    return verdict;
}

} // namespace duo
