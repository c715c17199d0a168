#include "core/reports/htmlreport.h"

#include "core/text/redactor.h"

#include "core/engine/catalog.h"
#include "core/reports/evidencetables.h"
#include "core/reports/reportfacts.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace duo {

namespace {

struct HtmlText {
    Q_DECLARE_TR_FUNCTIONS(duo::HtmlReport)
};

// Redact last: a sentence filled from redacted values can still end up token-shaped ("Bearer abc1234" + "."
// from the template), so every text is redacted once more as it is, right before it is escaped.
QString esc(const QString& text) {
    static const Redactor shapes;
    return shapes.apply(text).toHtmlEscaped();
}

// Icon shapes tell the status apart without colour (print, colour-blind readers).
const char* const iconSymbols = R"(<svg xmlns="http://www.w3.org/2000/svg" style="display:none">
<symbol id="i-pass" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#2e9e44"/><path d="M4.5 8.3l2.3 2.3 4.7-4.9" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></symbol>
<symbol id="i-fail" viewBox="0 0 16 16"><path d="M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1z" fill="#d13438"/><path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/></symbol>
<symbol id="i-warn" viewBox="0 0 16 16"><path d="M8 1.2l7 13H1z" fill="#d99a00"/><path d="M8 5.5v4.2" stroke="#1a1a1a" stroke-width="1.7" stroke-linecap="round"/><circle cx="8" cy="12" r="1" fill="#1a1a1a"/></symbol>
<symbol id="i-skip" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6.2" fill="none" stroke="#8a8a8a" stroke-width="1.6"/><path d="M5 8h6" stroke="#8a8a8a" stroke-width="1.8" stroke-linecap="round"/></symbol>
<symbol id="i-manual" viewBox="0 0 16 16"><rect x="1.5" y="1.5" width="13" height="13" rx="2.5" fill="#2b7bd6"/><path d="M6 6.2a2 2 0 1 1 2.9 1.8c-.6.3-.9.7-.9 1.3v.5" fill="none" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="12" r="1" fill="#fff"/></symbol>
</svg>
)";

const char* const styleSheet = R"(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--bad:#d13438;--good:#2e9e44;--warn:#9a6700}
*{box-sizing:border-box}body{font:15px/1.5 -apple-system,"Segoe UI","DejaVu Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);max-width:64rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.3rem;margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0}
.banner{display:flex;gap:.8rem;align-items:center;padding:1rem 1.2rem;border-radius:8px;margin:1rem 0;border:1px solid}
.banner.ok{background:#dafbe1;border-color:#4ac26b}.banner.bad{background:#ffebe9;border-color:#ff818266}.banner svg{width:2rem;height:2rem;flex:none}
.banner strong{font-size:1.15rem}.muted{color:var(--muted)}code,pre{font:13px/1.45 "DejaVu Sans Mono",Menlo,Consolas,monospace}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.cause{border:1px solid var(--line);border-left:5px solid var(--bad);border-radius:6px;padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}
.cause h3{display:flex;gap:.5rem;align-items:center}.cause h3 svg,td svg{width:1.1rem;height:1.1rem;flex:none;vertical-align:-.2rem}
.fix{background:var(--soft);border-radius:6px;padding:.5rem .8rem}
figure{margin:.6rem 0}figcaption{font-size:.85rem;color:var(--muted)}pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;overflow-x:auto;white-space:pre;user-select:all}
table{border-collapse:collapse;width:100%;font-size:.92rem;table-layout:fixed}col.s{width:7.5rem}col.c{width:15rem}col.t{width:4.5rem}td pre{white-space:pre-wrap;overflow-wrap:anywhere}td{overflow-wrap:anywhere}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}th{background:var(--soft)}
td.status{white-space:nowrap}td.dur{text-align:right;white-space:nowrap;color:var(--muted)}.id{color:var(--muted);font-size:.82rem}
table.evidence-table{table-layout:auto;width:auto;font-size:.8rem;margin:.3rem 0;color:var(--muted)}table.evidence-table caption{text-align:left;font-size:.8rem}table.evidence-table th,table.evidence-table td{padding:.1rem .5rem}
.evidence{font-size:.82rem;color:var(--muted);margin:.2rem 0 0;overflow-wrap:anywhere}.evidence code{font-size:.78rem}
.fail{color:var(--bad);font-weight:600}.pass{color:var(--good)}.warn{color:var(--warn);font-weight:600}
footer{margin-top:2rem;font-size:.85rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.6rem}
section.profile{margin-top:3rem;border-top:4px solid var(--line);padding-top:1rem}
@media print{body{max-width:none;padding:0;font-size:11pt}section.group{break-before:page}pre{white-space:pre-wrap;user-select:auto}.banner,.cause{break-inside:avoid}a{color:inherit}}
)";

QString icon(Status status) {
    const QString key = statusKey(status);
    if (status == Status::Queued || status == Status::Running)
        return {};
    return QStringLiteral("<svg aria-hidden=\"true\"><use href=\"#i-%1\"/></svg>").arg(key);
}

QString statusWord(Status status) {
    static const QHash<int, const char*> words{
        {int(Status::Pass), QT_TRANSLATE_NOOP("duo::HtmlReport", "pass")},
        {int(Status::Fail), QT_TRANSLATE_NOOP("duo::HtmlReport", "fail")},
        {int(Status::Warn), QT_TRANSLATE_NOOP("duo::HtmlReport", "warning")},
        {int(Status::Skip), QT_TRANSLATE_NOOP("duo::HtmlReport", "skipped")},
        {int(Status::Manual), QT_TRANSLATE_NOOP("duo::HtmlReport", "needs you")}};
    return QCoreApplication::translate("duo::HtmlReport", words.value(int(status), "…"));
}

QString vantageWords(Vantage vantage) {
    switch (vantage) {
    case Vantage::Desktop:
        return HtmlText::tr("from the desktop");
    case Vantage::GitLab:
        return HtmlText::tr("through GitLab");
    case Vantage::Gateway:
        return HtmlText::tr("through the gateway");
    case Vantage::Manual:
        return HtmlText::tr("manual step");
    }
    return {};
}

QString commandsHtml(const QList<Command>& commands) {
    QString out;
    for (const Command& command : commands)
        out += QStringLiteral("<figure><figcaption>%1</figcaption><pre>%2</pre></figure>\n")
                   .arg(esc(command.label), esc(command.command));
    return out;
}

QString evidenceHtml(const QJsonObject& evidence) {
    QStringList parts;
    for (auto it = evidence.begin(); it != evidence.end(); ++it) {
        if (it.key() == QLatin1String("metadata") || it.key() == QLatin1String("lines") ||
            isTableEvidence(it.key()))
            continue;
        QString value =
            it.value().isString()   ? it.value().toString()
            : it.value().isDouble() ? QString::number(it.value().toDouble())
            : it.value().isBool()
                ? QString::fromLatin1(it.value().toBool() ? "true" : "false")
                : QString::fromUtf8(QJsonDocument(it.value().isArray() ? QJsonDocument(it.value().toArray())
                                                                       : QJsonDocument(it.value().toObject()))
                                        .toJson(QJsonDocument::Compact));
        if (value.size() > 240)
            value = value.left(239) + QChar(0x2026);
        parts << QStringLiteral("%1: <code>%2</code>").arg(esc(it.key()), esc(value));
    }
    return parts.isEmpty()
               ? QString()
               : QStringLiteral("<p class=\"evidence\">%1</p>").arg(parts.join(QStringLiteral(" · ")));
}

// Evidence with rows and columns (feature routing, runners) as small tables under the evidence line.
QString evidenceTablesHtml(const QJsonObject& evidence) {
    QString out;
    for (const EvidenceTable& table : evidenceTables(evidence)) {
        out +=
            QStringLiteral("<table class=\"evidence-table\"><caption>%1</caption><tr>").arg(esc(table.key));
        for (const QString& column : table.columns)
            out += QStringLiteral("<th>%1</th>").arg(esc(column));
        out += QStringLiteral("</tr>");
        for (const QStringList& row : table.rows) {
            out += QStringLiteral("<tr>");
            for (const QString& cell : row)
                out += QStringLiteral("<td>%1</td>").arg(esc(cell));
            out += QStringLiteral("</tr>");
        }
        out += QStringLiteral("</table>\n");
    }
    return out;
}

QString factRow(const QString& name, const QString& value) {
    return value.isEmpty() ? QString()
                           : QStringLiteral("<dt>%1</dt><dd>%2</dd>\n").arg(esc(name), esc(value));
}

QString titleOf(const QString& id) {
    const CheckDefinition* definition = findCheck(id);
    return definition ? definition->translatedTitle() : id;
}

// The run's time, and a banner with the verdict.
QString verdictHtml(const Report& report, const ReportFacts& facts) {
    const StatusCounts counts = report.counts();
    QString out;
    out += QStringLiteral("<p class=\"muted\">%1</p>\n")
               .arg(esc(HtmlText::tr("GitLab Duo with self-hosted models · %1 · %2 ms")
                            .arg(QLocale::c().toString(report.startedAt.toUTC(),
                                                       QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")))
                            .arg(report.durationMs)));
    if (facts.healthy()) {
        out += QStringLiteral("<div class=\"banner ok\">%1<div><strong>%2</strong><br>%3</div></div>\n")
                   .arg(icon(Status::Pass), esc(HtmlText::tr("Healthy: no check failed")),
                        esc(QStringList{
                                HtmlText::tr("%n passed", nullptr, counts.pass),
                                HtmlText::tr("%n warning(s)", nullptr, counts.warn),
                                HtmlText::tr("%n skipped", nullptr, counts.skip),
                                HtmlText::tr("%n manual step(s) to confirm by hand", nullptr, counts.manual)}
                                .join(QStringLiteral(", ")) +
                            QLatin1Char('.')));
    } else {
        out += QStringLiteral("<div class=\"banner bad\">%1<div><strong>%2</strong><br>%3</div></div>\n")
                   .arg(icon(Status::Fail),
                        esc(facts.problems == 1 ? HtmlText::tr("1 problem found")
                                                : HtmlText::tr("%1 problems found").arg(facts.problems)),
                        esc(HtmlText::tr("Most likely: %1. %2 checks failed, %3 passed.")
                                .arg(report.rootCauses.constFirst().title)
                                .arg(counts.fail)
                                .arg(counts.pass)));
    }
    if (report.cancelled)
        out += QStringLiteral("<p class=\"warn\">%1</p>\n")
                   .arg(esc(HtmlText::tr("The run was cancelled: unfinished checks are marked skipped.")));
    return out;
}

QString proxyWords(const ProxySetting& proxy) {
    if (proxy.mode == ProxySetting::Mode::None)
        return HtmlText::tr("none");
    if (proxy.mode == ProxySetting::Mode::Manual)
        return proxy.url.toString(QUrl::RemoveUserInfo);
    return HtmlText::tr("from the environment");
}

QString givenWord(const Secret& secret) {
    return secret.isEmpty() ? HtmlText::tr("not given") : HtmlText::tr("given");
}

// What was checked: the target and the connection settings; never a secret.
QString targetHtml(const Report& report, const ReportFacts& facts) {
    const Target& target = report.target;
    QStringList pins;
    for (const PinnedCertificate& pin : report.options.pinned)
        pins << QStringLiteral("%1 SHA-256 %2").arg(pin.host, pin.sha256);
    const std::pair<QString, QString> rows[] = {
        {HtmlText::tr("GitLab"), target.gitlabUrl.toString()},
        {HtmlText::tr("GitLab version"), facts.gitlabVersion},
        {HtmlText::tr("Expected gateway image"),
         facts.gatewayImageTag.isEmpty()
             ? QString()
             : QStringLiteral("registry.gitlab.com/gitlab-org/ai-gateway/self-hosted:") +
                   facts.gatewayImageTag},
        {HtmlText::tr("AI gateway"), target.gatewayUrl.toString()},
        {HtmlText::tr("Agent Platform service"), target.agentPlatformAddress},
        {HtmlText::tr("Model name (family)"), target.modelFamily},
        {HtmlText::tr("Model endpoint"), target.modelEndpoint.toString()},
        {HtmlText::tr("Model identifier"), target.modelIdentifier},
        {HtmlText::tr("Name in GitLab"), target.effectiveDeploymentName()},
        {HtmlText::tr("Model server"), facts.serverType},
        {HtmlText::tr("Secrets"), HtmlText::tr("GitLab token %1, model key %2 — never shown in this report")
                                      .arg(givenWord(target.gitlabToken), givenWord(target.modelKey))},
        {HtmlText::tr("Pinned certificates"), pins.join(QStringLiteral("; "))},
        {HtmlText::tr("Extra CA file"), report.options.caFile},
        {HtmlText::tr("Proxy"), proxyWords(report.options.proxy)},
    };
    QString out =
        QStringLiteral("<h2>%1</h2>\n<dl class=\"facts\">\n").arg(esc(HtmlText::tr("What was checked")));
    for (const auto& [name, value] : rows)
        out += factRow(name, value);
    return out + QStringLiteral("</dl>\n");
}

QString causeHtml(const RootCause& cause) {
    QStringList explained;
    for (const QString& id : cause.explains)
        explained << QStringLiteral("%1 <code class=\"id\">%2</code>").arg(esc(titleOf(id)), esc(id));
    return QStringLiteral(
               "<article class=\"cause\"><h3>%1 %2 <code class=\"id\">%3</code></h3>\n<p>%4</p>\n<div "
               "class=\"fix\"><strong>%5</strong> %6</div>\n%7%8</article>\n")
        .arg(icon(Status::Fail), esc(cause.title), esc(cause.checkId), esc(cause.explanation),
             esc(HtmlText::tr("Fix:")), esc(cause.fix), commandsHtml(cause.commands),
             explained.isEmpty()
                 ? QString()
                 : QStringLiteral("<p class=\"muted\">%1 %2</p>")
                       .arg(esc(HtmlText::tr("Explains:")), explained.join(QStringLiteral(", "))));
}

QString rootCausesHtml(const Report& report) {
    QString out = QStringLiteral("<h2>%1</h2>\n").arg(esc(HtmlText::tr("Root causes")));
    if (report.rootCauses.isEmpty())
        out += QStringLiteral("<p>%1</p>\n").arg(esc(HtmlText::tr("None: no check failed.")));
    for (const RootCause& cause : report.rootCauses)
        out += causeHtml(cause);
    return out;
}

// The result cell: summary, details and evidence; for manual steps their commands and the pasted output.
QString resultHtml(const CheckResult& check, Component component) {
    QString result = esc(check.summary);
    if (!check.details.isEmpty())
        result += QStringLiteral("<br><span class=\"muted\">%1</span>").arg(esc(check.details));
    result += evidenceHtml(check.evidence) + evidenceTablesHtml(check.evidence);
    if (component == Component::Manual) {
        result += commandsHtml(check.commands);
        if (check.manualOutput)
            result += QStringLiteral("<figure><figcaption>%1</figcaption><pre>%2</pre></figure>")
                          .arg(esc(HtmlText::tr("Pasted output (redacted)")), esc(*check.manualOutput));
    }
    return result;
}

QString checkRowHtml(const CheckResult& check, const CheckDefinition& definition) {
    // Where it ran, and the troubleshooting page's section it implements (title readable offline).
    const QString section = QString::fromUtf8(definition.section);
    const QString where =
        esc(vantageWords(check.vantage)) +
        QStringLiteral(" · <a href=\"%1\">%2</a>").arg(esc(sectionUrl(section)), esc(section));
    const QString duration = check.vantage == Vantage::Manual || check.status == Status::Skip
                                 ? QString()
                                 : HtmlText::tr("%1 ms").arg(check.durationMs);
    return QStringLiteral(
               "<tr><td class=\"status %1\">%2 %3</td><td>%4<br><code class=\"id\">%5</code> <span "
               "class=\"id\">· %6</span></td><td>%7</td><td class=\"dur\">%8</td></tr>\n")
        .arg(statusKey(check.status), icon(check.status), esc(statusWord(check.status)),
             esc(definition.translatedTitle()), esc(check.id), where, resultHtml(check, definition.component),
             esc(duration));
}

QString componentHtml(const Report& report, Component component) {
    QString out =
        QStringLiteral("<section class=\"group\"><h2>%1</h2>\n<table><colgroup><col class=\"s\"><col "
                       "class=\"c\"><col><col "
                       "class=\"t\"></colgroup><thead><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</"
                       "th></tr></thead><tbody>\n")
            .arg(esc(componentTitle(component)), esc(HtmlText::tr("Status")), esc(HtmlText::tr("Check")),
                 esc(HtmlText::tr("Result")), esc(HtmlText::tr("Time")));
    for (const CheckResult& check : report.checks) {
        const CheckDefinition* definition = findCheck(check.id);
        if (definition && definition->component == component)
            out += checkRowHtml(check, *definition);
    }
    return out + QStringLiteral("</tbody></table></section>\n");
}

} // namespace

QString htmlPage(const QString& title, const QString& body) {
    QString out;
    out += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          "style-src 'unsafe-inline'; img-src data:\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n<title>%1</title>\n<style>%2</style></head><body>\n")
               .arg(esc(title), QString::fromLatin1(styleSheet));
    out += QString::fromLatin1(iconSymbols);
    out += body;
    out +=
        QStringLiteral("<footer>%1</footer>\n</body></html>\n")
            .arg(esc(
                HtmlText::tr(
                    "Written by duo-doctor %1. Known secrets and anything shaped like a token are redacted.")
                    .arg(QStringLiteral(DUO_VERSION))));
    return out;
}

QString htmlReport(const RedactedReport& report) {
    return htmlPage(HtmlText::tr("Duo Doctor report"),
                    QStringLiteral("<h1>%1</h1>\n").arg(esc(HtmlText::tr("Duo Doctor report"))) +
                        htmlReportBody(report));
}

QString htmlReportBody(const RedactedReport& redacted) {
    const Report& report = *redacted;
    const ReportFacts facts = reportFacts(report);
    QString out = verdictHtml(report, facts) + targetHtml(report, facts) + rootCausesHtml(report);
    // Every check, by component; manual steps with their commands and pasted output.
    for (const Component component : components())
        out += componentHtml(report, component);
    return out;
}

QString htmlEscape(const QString& text) {
    return esc(text);
}

QString htmlStatusIcon(Status status) {
    return icon(status);
}

} // namespace duo
