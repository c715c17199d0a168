#include "core/text/inputvalidation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace duo {

namespace {

struct InputValidation {
    Q_DECLARE_TR_FUNCTIONS(duo::InputValidation)
};

// Paths people paste by accident, per field, and what to say about them.
struct PastedPath {
    UrlField field;
    const char* pattern;
    const char* advice;
};
const PastedPath pastedPaths[] = {
    {UrlField::GitLab, "^/(users/sign_in|-/|api/|admin|dashboard|explore)",
     QT_TRANSLATE_NOOP(
         "duo::InputValidation",
         "Remove the page path (%1): enter GitLab's base URL, e.g. https://gitlab.example.com.")},
    {UrlField::Gateway, "^/(monitoring|v1|v2|docs)",
     QT_TRANSLATE_NOOP(
         "duo::InputValidation",
         "Remove the path (%1): enter the gateway's base URL, e.g. http://aigw.example.com:5052.")},
    {UrlField::ModelEndpoint, "/(chat/completions|completions|models)/?\\z",
     QT_TRANSLATE_NOOP(
         "duo::InputValidation",
         "Remove %1 from the end: the endpoint is the API base, e.g. http://vllm.example.com:8000/v1.")},
};

} // namespace

QString urlFieldName(UrlField field) {
    switch (field) {
    case UrlField::GitLab:
        return InputValidation::tr("GitLab URL");
    case UrlField::Gateway:
        return InputValidation::tr("AI gateway URL");
    case UrlField::ModelEndpoint:
        return InputValidation::tr("model endpoint");
    }
    return {};
}

QUrl parseUrl(const QString& text) {
    return QUrl(text.trimmed(), QUrl::StrictMode);
}

std::optional<QString> urlProblem(UrlField field, const QString& rawText) {
    const QString text = rawText.trimmed();
    if (text.isEmpty())
        return InputValidation::tr("Enter a URL.");
    if (text.size() > maxUrlChars)
        return InputValidation::tr("This is %1 characters long; a URL here has at most %2.")
            .arg(QLocale().toString(text.size()), QLocale().toString(maxUrlChars));
    if (text.contains(QRegularExpression(QStringLiteral("\\s"))))
        return InputValidation::tr("Remove the spaces inside the URL.");
    if (!text.contains(QStringLiteral("://")))
        return InputValidation::tr("Start with http:// or https://.");
    // Qt's own words for a bad port are a parser's; say what a port is.
    static const QRegularExpression portPart(QStringLiteral("^[^:/]+://[^/@]*:([^/:\\]]*)(?:/|$)"));
    const QRegularExpressionMatch port = portPart.match(text);
    if (port.hasMatch()) {
        bool numeric = false;
        const int number = port.captured(1).toInt(&numeric);
        if (!numeric || number < 1 || number > 65535)
            return InputValidation::tr("The port after the host must be a number from 1 to 65535, not "
                                       "\u201c%1\u201d.")
                .arg(port.captured(1));
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return InputValidation::tr("This is not a valid URL: %1.").arg(url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return InputValidation::tr("Use http:// or https://, not %1://.").arg(url.scheme());
    if (url.host().isEmpty())
        return InputValidation::tr("Add the host name after %1://.").arg(scheme);
    if (!url.userInfo().isEmpty())
        return InputValidation::tr(
            "Remove the user name or password from the URL; credentials go in their own field.");
    if (url.hasQuery() || url.hasFragment())
        return InputValidation::tr("Remove the part after ? or #.");
    for (const PastedPath& pasted : pastedPaths) {
        if (pasted.field != field)
            continue;
        const QRegularExpression expression(QString::fromLatin1(pasted.pattern));
        if (expression.match(url.path()).hasMatch())
            return QCoreApplication::translate("duo::InputValidation", pasted.advice).arg(url.path());
    }
    return std::nullopt;
}

QString ServiceAddress::toString() const {
    const bool ipv6 = host.contains(QLatin1Char(':'));
    return (ipv6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(host).arg(port);
}

std::optional<ServiceAddress> parseServiceAddress(const QString& rawText) {
    static const QRegularExpression address(QRegularExpression::anchoredPattern(
        QStringLiteral("(?:\\[([0-9A-Fa-f:.]+)\\]|([A-Za-z0-9._-]+)):([0-9]{1,5})")));
    const QRegularExpressionMatch match = address.match(rawText.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const int port = match.captured(3).toInt();
    if (port < 1 || port > 65535)
        return std::nullopt;
    const QString host = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
    return ServiceAddress{host, port};
}

std::optional<QString> serviceAddressProblem(const QString& rawText) {
    const QString text = rawText.trimmed();
    if (text.isEmpty())
        return InputValidation::tr("Enter HOST:PORT, e.g. aigw.example.com:50052.");
    if (text.contains(QStringLiteral("://")))
        return InputValidation::tr("Remove %1: the Agent Platform service address is HOST:PORT without a "
                                   "scheme, e.g. aigw.example.com:50052.")
            .arg(text.section(QStringLiteral("://"), 0, 0) + QStringLiteral("://"));
    if (!parseServiceAddress(text))
        return InputValidation::tr("Expected HOST:PORT with a port between 1 and 65535, e.g. "
                                   "aigw.example.com:50052.");
    return std::nullopt;
}

} // namespace duo
