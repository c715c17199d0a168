#include "sim/fakeserver.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>

namespace duo::sim {

FakeServer::FakeServer(const HeaderList& defaultHeaders, QObject* parent)
    : QObject(parent)
    , m_http(this) {
    m_http.setDefaultHeaders(defaultHeaders);
    m_http.setHandler([this](const HttpRequest& request, Responder respond) { handle(request, respond); });
}

QNetworkAccessManager* directNetwork(QObject* parent) {
    auto* network = new QNetworkAccessManager(parent);
    network->setProxy(QNetworkProxy::NoProxy);
    return network;
}

QString withoutTrailingSlashes(QString path) {
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

} // namespace duo::sim
