// The report writers (core/reports, every row of formats()): a report made of the input's fields, with the
// planted secret as its token. No format holds a registered secret or a token shape; the JSON round-trips
// and carries each text as redacted; the HTML holds no '<' that came from the input (it has as many as the
// same report with every '<' of the input replaced); the JUnit XML is well-formed.
#include "fuzzsupport.h"

#include "core/engine/catalog.h"
#include "core/reports/reportwriters.h"
#include "core/text/redactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QXmlStreamReader>

namespace {

// The input's fields in turn, from the first again when they run out.
struct Fields {
    QStringList fields;
    qsizetype next = 0;
    QString take() { return fields.isEmpty() ? QString() : fields.at(next++ % fields.size()); }
};

duo::CheckResult checkFrom(const QString& id, Fields& in) {
    static const duo::Status statuses[] = {duo::Status::Pass, duo::Status::Fail, duo::Status::Warn,
                                           duo::Status::Skip, duo::Status::Manual};
    duo::CheckResult check;
    check.id = id;
    check.summary = in.take();
    check.status = statuses[check.summary.size() % 5];
    check.details = in.take();
    check.explanation = in.take();
    check.fix = in.take();
    check.commands = {{in.take(), in.take()}};
    check.manualOutput = in.take();
    check.evidence.insert(QStringLiteral("message"), in.take());
    return check;
}

duo::Report reportFrom(const QStringList& fields, const QStringList& secrets) {
    Fields in{fields};
    duo::Report report;
    report.startedAt = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    report.target.gitlabToken = duo::Secret(secrets.first());
    report.target.modelKey = duo::Secret(secrets.value(1));
    report.target.gitlabUrl = QUrl(in.take());
    report.target.gatewayUrl = QUrl(in.take());
    report.target.modelEndpoint = QUrl(in.take());
    report.target.modelFamily = in.take();
    report.target.modelIdentifier = in.take();
    const QList<duo::CheckDefinition>& catalog = duo::checkCatalog();
    for (qsizetype i = 0; i < catalog.size() && i < 4; ++i)
        report.checks.append(checkFrom(catalog.at(i).id, in));
    report.rootCauses.append(
        {catalog.first().id, in.take(), in.take(), in.take(), {{in.take(), in.take()}}, {catalog.at(1).id}});
    return report;
}

void checkJson(const duo::Report& report, const QStringList& secrets) {
    const QByteArray json = duo::writeReport(report, duo::ReportFormat::Json);
    const QJsonValue parsed = fuzz::requireJsonRoundTrip(json, "report: JSON round trip");
    fuzz::requireNoSecretInJson(parsed, secrets, "report: JSON");
    const duo::Redactor redactor(secrets);
    const QJsonArray checks = parsed.toObject().value(QStringLiteral("checks")).toArray();
    fuzz::require(checks.size() == report.checks.size(), "report: JSON holds every check");
    for (qsizetype i = 0; i < checks.size(); ++i) {
        const QJsonObject check = checks.at(i).toObject();
        fuzz::require(
            check.value(QStringLiteral("details")).toString() == redactor.apply(report.checks.at(i).details),
            "report: JSON carries a text as redacted", check.value(QStringLiteral("details")).toString());
    }
}

void checkJUnit(const QByteArray& xml) {
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    fuzz::require(!reader.hasError(), "report: JUnit is well-formed XML",
                  reader.errorString() + u'\n' + QString::fromUtf8(xml));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QStringList fields = fuzz::fieldsOf(fuzz::textOf(data, size));
    const QStringList secrets = fuzz::secretsFor(fields);
    const duo::Report report = reportFrom(fields, secrets);
    for (const char* ending : {".json", ".html", ".md", ".txt", ".xml"}) {
        const auto format = duo::reportFormatForFile(QStringLiteral("report") + QLatin1String(ending));
        fuzz::require(format.has_value(), "report: every ending names a format");
        const QByteArray bytes = duo::writeReport(report, *format);
        if (*format != duo::ReportFormat::Json)
            fuzz::requireNoSecret(QString::fromUtf8(bytes), secrets, "report: a format");
        if (*format == duo::ReportFormat::JUnit)
            checkJUnit(bytes);
    }
    fuzz::requireNoSecret(QString::fromUtf8(duo::writeReport(report, duo::ReportFormat::Text, true)), secrets,
                          "report: coloured text");
    checkJson(report, secrets);
    QStringList tamed = fields;
    tamed.replaceInStrings(QStringLiteral("<"), QStringLiteral("("));
    const QByteArray html = duo::writeReport(report, duo::ReportFormat::Html);
    const QByteArray tamedHtml = duo::writeReport(reportFrom(tamed, secrets), duo::ReportFormat::Html);
    fuzz::require(html.count('<') == tamedHtml.count('<'), "report: no '<' of the input in the HTML",
                  QString::fromUtf8(html));
    return 0;
}
