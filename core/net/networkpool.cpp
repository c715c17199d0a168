#include "core/net/networkpool.h"

#include "core/net/proxypolicy.h"

#include <QNetworkAccessManager>

namespace duo {

NetworkPool::NetworkPool(QNetworkAccessManager* shared)
    : QObject(shared) {}

QNetworkAccessManager* NetworkPool::managerFor(QNetworkAccessManager* shared, const RunOptions& options) {
    auto* pool = shared->findChild<NetworkPool*>(QString(), Qt::FindDirectChildrenOnly);
    if (!pool)
        pool = new NetworkPool(shared);
    return pool->manager(options);
}

QNetworkAccessManager* NetworkPool::manager(const RunOptions& options) {
    // The proxy is decided per request in our code, as curl and GitLab decide it; the environment's proxy
    // variables as they are now are part of the key, as they were read for every new client before.
    const ProxyPolicy policy(options.proxy);
    const QByteArray key = connectionKey(options) + '\x1e' + policy.settingsKey();
    QNetworkAccessManager*& network = m_managers[key];
    if (!network) {
        network = new QNetworkAccessManager(this);
        network->setProxyFactory(new PolicyProxyFactory(policy));
    }
    return network;
}

} // namespace duo
