#include "core/net/networkpool.h"

#include "core/net/proxypolicy.h"

#include <QNetworkAccessManager>

namespace duo {

NetworkPool::NetworkPool(QNetworkAccessManager* shared)
    : QObject(shared) {}

NetworkPool* NetworkPool::poolOf(QNetworkAccessManager* shared) {
    auto* pool = shared->findChild<NetworkPool*>(QString(), Qt::FindDirectChildrenOnly);
    return pool ? pool : new NetworkPool(shared);
}

QNetworkAccessManager* NetworkPool::managerFor(QNetworkAccessManager* shared, const RunOptions& options) {
    return poolOf(shared)->manager(options, 0);
}

QNetworkAccessManager* NetworkPool::laneFor(QNetworkAccessManager* shared, const RunOptions& options,
                                            int lane) {
    return poolOf(shared)->manager(options, lane % lanes);
}

QNetworkAccessManager* NetworkPool::manager(const RunOptions& options, int lane) {
    // The proxy is decided per request in our code, as curl and GitLab decide it; the environment's proxy
    // variables as they are now are part of the key, as they were read for every new client before.
    const ProxyPolicy policy(options.proxy);
    const QByteArray key =
        connectionKey(options) + '\x1e' + policy.settingsKey() + '\x1e' + QByteArray::number(lane);
    QNetworkAccessManager*& network = m_managers[key];
    if (!network) {
        network = new QNetworkAccessManager(this);
        network->setProxyFactory(new PolicyProxyFactory(policy));
    }
    return network;
}

} // namespace duo
