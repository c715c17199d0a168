#pragma once

#include "core/target.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QProcessEnvironment>
#include <QUrl>

namespace duo {

// Decides the proxy for a URL the way curl and GitLab do (Qt's libproxy-based lookup differs): the scheme's
// *_proxy variable, unless no_proxy matches the host (exact, domain suffix, "*", or an address range in
// CIDR).
class ProxyPolicy {
public:
    explicit ProxyPolicy(ProxySetting setting,
                         QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    // Empty URL: connect directly.
    QUrl proxyFor(const QUrl& target) const;
    static bool noProxyMatches(const QString& noProxy, const QString& host);
    // Everything its answers depend on: the setting and the environment variables read.
    QByteArray settingsKey() const;

private:
    ProxySetting m_setting;
    QString m_httpProxy;
    QString m_httpsProxy;
    QString m_noProxy;
};

// Hands Qt the policy's decision per request.
class PolicyProxyFactory : public QNetworkProxyFactory {
public:
    explicit PolicyProxyFactory(ProxyPolicy policy)
        : m_policy(std::move(policy)) {}
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;

private:
    ProxyPolicy m_policy;
};

} // namespace duo
