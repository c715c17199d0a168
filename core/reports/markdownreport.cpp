#include "core/reports/markdownreport.h"

#include "core/text/redactor.h"

#include "core/engine/catalog.h"
#include "core/reports/evidencetables.h"
#include "core/reports/reportfacts.h"

#include <QCoreApplication>

namespace duo {

namespace {

struct MarkdownText {
    Q_DECLARE_TR_FUNCTIONS(duo::MarkdownReport)
};

// Text that renders as itself: Markdown punctuation backslash-escaped, no line breaks inside a table cell.
// Redacted once more as filled, before escaping (see htmlreport.cpp's esc()).
QString esc(const QString& raw) {
    static const Redactor shapes;
    const QString text = shapes.apply(raw);
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (QStringLiteral("\\`*_[]<>|#!{}~").contains(c))
            out += QLatin1Char('\\');
        out += c == QLatin1Char('\n') ? QLatin1Char(' ') : c;
    }
    return out;
}

// A fenced block whose fence cannot be closed by its content.
QString fence(const QString& code, const QString& language = {}) {
    QString ticks = QStringLiteral("```");
    while (code.contains(ticks))
        ticks += QLatin1Char('`');
    return ticks + language + QLatin1Char('\n') + code + QLatin1Char('\n') + ticks + QLatin1Char('\n');
}

QString symbol(Status status) {
    switch (status) {
    case Status::Pass:
        return QStringLiteral("✔");
    case Status::Fail:
        return QStringLiteral("✘");
    case Status::Warn:
        return QStringLiteral("⚠");
    case Status::Skip:
        return QStringLiteral("–");
    case Status::Manual:
        return QStringLiteral("?");
    default:
        return QStringLiteral("·");
    }
}

QString headline(const Report& report, const ReportFacts& facts) {
    return QStringLiteral("### Duo Doctor: ") +
           (facts.healthy()
                ? MarkdownText::tr("no check failed")
                : (facts.problems == 1 ? MarkdownText::tr("1 problem")
                                       : MarkdownText::tr("%1 problems").arg(facts.problems)) +
                      MarkdownText::tr(", most likely: %1").arg(esc(report.rootCauses.constFirst().title))) +
           QStringLiteral("\n\n");
}

// What was checked and the tally, a row each; rows without a value are left out.
QString factsTable(const Report& report, const ReportFacts& facts) {
    const StatusCounts counts = report.counts();
    const Target& target = report.target;
    const std::pair<QString, QString> rows[] = {
        {MarkdownText::tr("GitLab"),
         target.gitlabUrl.toString() +
             (facts.gitlabVersion.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(facts.gitlabVersion))},
        {MarkdownText::tr("AI gateway"), target.gatewayUrl.toString()},
        {MarkdownText::tr("Agent Platform service"), target.agentPlatformAddress},
        {MarkdownText::tr("Expected gateway image tag"), facts.gatewayImageTag},
        {MarkdownText::tr("Model"),
         QStringLiteral("%1 · %2 · %3")
             .arg(target.modelFamily, target.modelEndpoint.toString(), target.modelIdentifier)},
        {MarkdownText::tr("Model server"), facts.serverType},
        {MarkdownText::tr("Result"), countsLine(counts)},
    };
    QString out = QStringLiteral("| | |\n|---|---|\n");
    for (const auto& [name, value] : rows) {
        if (!value.trimmed().isEmpty() && value != QLatin1String(" ·  · "))
            out += QStringLiteral("| %1 | %2 |\n").arg(esc(name), esc(value));
    }
    return out + QLatin1Char('\n');
}

QString causeMarkdown(const RootCause& cause) {
    QString out = QStringLiteral("**%1** (`%2`)\n\n%3\n\n**%4** %5\n\n")
                      .arg(esc(cause.title), cause.checkId, esc(cause.explanation), MarkdownText::tr("Fix:"),
                           esc(cause.fix));
    if (!cause.commands.isEmpty()) {
        out += QStringLiteral("<details><summary>%1</summary>\n\n").arg(esc(MarkdownText::tr("Commands")));
        for (const Command& command : cause.commands)
            out += esc(command.label) + QStringLiteral(":\n\n") +
                   fence(command.command, QStringLiteral("shell")) + QLatin1Char('\n');
        out += QStringLiteral("</details>\n\n");
    }
    if (!cause.explains.isEmpty())
        out += MarkdownText::tr("Explains:") + QLatin1Char(' ') +
               QStringLiteral("`%1`").arg(cause.explains.join(QStringLiteral("`, `"))) +
               QStringLiteral("\n\n");
    return out;
}

// Every check, folded away.
QString checksTable(const Report& report) {
    QString out = QStringLiteral("<details><summary>%1</summary>\n\n| | %2 | %3 |\n|---|---|---|\n")
                      .arg(esc(MarkdownText::tr("All %1 checks").arg(report.checks.size())),
                           MarkdownText::tr("Check"), MarkdownText::tr("Result"));
    for (const CheckResult& check : report.checks) {
        const CheckDefinition* definition = findCheck(check.id);
        out += QStringLiteral("| %1 %2 | %3 `%4` | %5 |\n")
                   .arg(symbol(check.status), statusKey(check.status),
                        esc(definition ? definition->translatedTitle() : check.id), check.id,
                        esc(check.summary));
    }
    return out + QStringLiteral("\n</details>\n");
}

// Evidence with rows and columns (feature routing, runners), a folded table each.
QString evidenceTablesMarkdown(const Report& report) {
    QString out;
    for (const CheckResult& check : report.checks) {
        const CheckDefinition* definition = findCheck(check.id);
        for (const EvidenceTable& table : evidenceTables(check.evidence)) {
            out += QStringLiteral("\n<details><summary>%1 (`%2`): %3</summary>\n\n")
                       .arg(esc(definition ? definition->translatedTitle() : check.id), check.id, table.key);
            out += QStringLiteral("| %1 |\n|%2\n")
                       .arg(table.columns.join(QStringLiteral(" | ")),
                            QStringLiteral("---|").repeated(table.columns.size()));
            for (const QStringList& row : table.rows) {
                QStringList cells;
                for (const QString& cell : row)
                    cells.append(esc(cell));
                out += QStringLiteral("| %1 |\n").arg(cells.join(QStringLiteral(" | ")));
            }
            out += QStringLiteral("\n</details>\n");
        }
    }
    return out;
}

// The output pasted for manual steps, folded away; nothing when none was pasted.
QString pastedOutputs(const Report& report) {
    QString pasted;
    for (const CheckResult& check : report.checks) {
        if (check.manualOutput)
            pasted += QStringLiteral("`%1` (%2):\n\n").arg(check.id, statusKey(check.status)) +
                      fence(*check.manualOutput) + QLatin1Char('\n');
    }
    if (pasted.isEmpty())
        return {};
    return QStringLiteral("\n<details><summary>%1</summary>\n\n%2</details>\n")
        .arg(esc(MarkdownText::tr("Pasted outputs (redacted)")), pasted);
}

} // namespace

QString markdownReport(const RedactedReport& redacted) {
    const Report& report = *redacted;
    const ReportFacts facts = reportFacts(report);
    QString out = headline(report, facts) + factsTable(report, facts);
    for (const RootCause& cause : report.rootCauses)
        out += causeMarkdown(cause);
    out += checksTable(report) + evidenceTablesMarkdown(report) + pastedOutputs(report);
    out += QStringLiteral("\n<sub>duo-doctor %1 · %2 · secrets redacted</sub>\n")
               .arg(QStringLiteral(DUO_VERSION), report.startedAt.toUTC().toString(Qt::ISODate));
    return out;
}

} // namespace duo
