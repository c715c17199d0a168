#include "core/knowledge/manualjudge.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace duo {

namespace {

struct ManualJudge {
    Q_DECLARE_TR_FUNCTIONS(duo::ManualJudge)
};

enum class Mode {
    PassFirst, // a pass pattern wins (model output may contain "error")
    FailFirst, // a fail pattern wins
    AllTrue,   // every non-empty line must be "true"
    Lines,     // script output: ✔ / ⚠ / ✗ lines
};

struct Judge {
    const char* id;
    Mode mode;
    const char* pass;
    const char* fail;
    const char* warn;
};

// clang-format off
const Judge judges[] = {
    {"manual.expanded_ai_logging", Mode::FailFirst, R"(^\s*(=>\s*)?true\s*$)", R"(\bfalse\b|Error|undefined)", nullptr},
    {"manual.rake_verify", Mode::Lines, nullptr,
     R"(License does not provide access|has no access to code suggestions|Cannot access AI Gateway|must be HTTP or HTTPS|returned HTTP [45]\d\d|\bunreachable\b|Skipping model|rake aborted|Error)",
     R"(NOT trusted|API token: Missing)"},
    {"manual.aigw_script", Mode::Lines, nullptr,
     R"(must be set|Failed to access|status code: [45]\d\d|Missing environment variables|Traceback|Error)", nullptr},
    {"manual.gitlab_env", Mode::FailFirst, R"(^\s*(=>\s*)?(true|"https?://\S+")\s*$)", R"(\bfalse\b|\bnil\b|Error)", nullptr},
    {"manual.gitlab_http_gateway", Mode::FailFirst, R"(^\s*(=>\s*)?200\s*$)",
     R"(\b(?!200\b)[1-5]\d\d\b|Errno|refused|timed out|Net::|SocketError|BlockedUrlError|not allowed|getaddrinfo)", nullptr},
    {"manual.console_model_request", Mode::PassFirst, R"("response"\s*=>)",
     R"(error|Errno|Net::ReadTimeout|\bnil\b|\b(401|403|404|421|422|500|502|503)\b)", nullptr},
    {"manual.user_access", Mode::FailFirst, R"(^\s*(=>\s*)?true\s*$)", R"(\bfalse\b|\bnil\b|NoMethodError|Error)", nullptr},
    {"manual.aigw_env", Mode::AllTrue, nullptr, nullptr, nullptr},
    {"manual.aigw_health_inside", Mode::FailFirst, R"(^\s*200\s*$|"status"\s*:\s*"ok")",
     R"(\b(?!200\b)[1-5]\d\d\b|refused|Failed to connect|not found|Could not resolve)", nullptr},
    {"manual.aigw_model_request_inside", Mode::PassFirst, R"("response"\s*:)", R"(detail|error|refused|Failed|Unauthorized)", nullptr},
    {"manual.model_from_gateway", Mode::PassFirst, R"("data"\s*:)",
     R"(Could not resolve|Connection refused|timed out|Failed to connect|Unauthorized|not found|Error)", nullptr},
    {"manual.image_platform", Mode::FailFirst, R"(\S)", R"(does not match the detected host|exec format error)", nullptr},
};
// clang-format on

const Judge* judgeFor(const QString& id) {
    for (const Judge& judge : judges) {
        if (id == QLatin1String(judge.id))
            return &judge;
    }
    return nullptr;
}

// The line where the pattern matched, trimmed; empty when it does not occur.
QString matchedLine(const char* pattern, const QString& text) {
    if (!pattern)
        return {};
    const QRegularExpression expression(QString::fromUtf8(pattern),
                                        QRegularExpression::CaseInsensitiveOption |
                                            QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = expression.match(text);
    if (!match.hasMatch())
        return {};
    const qsizetype start = text.lastIndexOf(QLatin1Char('\n'), match.capturedStart()) + 1;
    const qsizetype end = text.indexOf(QLatin1Char('\n'), match.capturedEnd());
    return text.mid(start, end < 0 ? -1 : end - start).trimmed().left(200);
}

bool found(const char* pattern, const QString& text) {
    if (!pattern)
        return false;
    const QRegularExpression expression(QString::fromUtf8(pattern),
                                        QRegularExpression::CaseInsensitiveOption |
                                            QRegularExpression::MultilineOption);
    return expression.match(text).hasMatch();
}

ManualVerdict judgeLines(const Judge& judge, const QString& output) {
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
    const Judge* judge = judgeFor(checkId);
    if (!judge || output.trimmed().isEmpty())
        return verdict;
    switch (judge->mode) {
    case Mode::Lines:
        return judgeLines(*judge, output);
    case Mode::AllTrue:
        return judgeAllTrue(output);
    case Mode::PassFirst:
    case Mode::FailFirst:
        break;
    }
    const bool passes = found(judge->pass, output);
    const bool fails = found(judge->fail, output);
    const bool passWins = judge->mode == Mode::PassFirst ? passes : passes && !fails;
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
