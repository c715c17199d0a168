#include "core/net/proxypolicy.h"

#include <QHostAddress>

namespace duo {

namespace {

QString firstSet(const QProcessEnvironment& environment, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        const QString value = environment.value(QString::fromLatin1(name)).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

QUrl proxyUrl(const QString& text) {
    if (text.isEmpty())
        return {};
    // curl accepts "host:port" without a scheme and means http.
    return QUrl(text.contains(QLatin1String("://")) ? text : QStringLiteral("http://") + text);
}

} // namespace

ProxyPolicy::ProxyPolicy(ProxySetting setting, QProcessEnvironment environment)
    : m_setting(std::move(setting)) {
    // curl reads lower-case http_proxy only (CGI safety); https_proxy and no_proxy in either case.
    m_httpProxy = firstSet(environment, {"http_proxy"});
    m_httpsProxy = firstSet(environment, {"https_proxy", "HTTPS_PROXY"});
    m_noProxy = firstSet(environment, {"no_proxy", "NO_PROXY"});
}

bool ProxyPolicy::noProxyMatches(const QString& noProxy, const QString& rawHost) {
    const QString host = rawHost.toLower();
    const QHostAddress address(host);
    for (QString entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == QLatin1String("*"))
            return true;
        if (!address.isNull()) {
            if (entry.contains(QLatin1Char('/'))) {
                const auto subnet = QHostAddress::parseSubnet(entry);
                if (subnet.second >= 0 && address.isInSubnet(subnet))
                    return true;
            } else if (QHostAddress(entry) == address) {
                return true;
            }
            continue;
        }
        if (entry.startsWith(QLatin1Char('.')))
            entry.remove(0, 1);
        if (entry.contains(QLatin1Char(':')))
            entry = entry.section(QLatin1Char(':'), 0, 0);
        if (host == entry || host.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return false;
}

QByteArray ProxyPolicy::settingsKey() const {
    const QChar separator(u'\x1f');
    return (QString::number(int(m_setting.mode)) + separator + m_setting.url.toString() + separator +
            m_httpProxy + separator + m_httpsProxy + separator + m_noProxy)
        .toUtf8();
}

QUrl ProxyPolicy::proxyFor(const QUrl& target) const {
    switch (m_setting.mode) {
    case ProxySetting::Mode::None:
        return {};
    case ProxySetting::Mode::Manual:
        return m_setting.url;
    case ProxySetting::Mode::Environment:
        break;
    }
    if (noProxyMatches(m_noProxy, target.host()))
        return {};
    return proxyUrl(target.scheme() == QLatin1String("https") ? m_httpsProxy : m_httpProxy);
}

QList<QNetworkProxy> PolicyProxyFactory::queryProxy(const QNetworkProxyQuery& query) {
    const QUrl proxy = m_policy.proxyFor(query.url());
    if (proxy.isEmpty())
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    QNetworkProxy networkProxy(QNetworkProxy::HttpProxy, proxy.host(), quint16(proxy.port(8080)),
                               proxy.userName(), proxy.password());
    return {networkProxy};
}

} // namespace duo
