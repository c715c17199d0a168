#pragma once

#include "sim/httpserver.h"

#include <QString>

#include <cstddef>

class QNetworkAccessManager;

namespace duo::sim {

// Which requests a route takes. HEAD goes where GET goes: its answer is the same head without the body.
enum class Method { Get, Post };

inline bool accepts(Method method, const QByteArray& requestMethod) {
    if (method == Method::Get)
        return requestMethod == "GET" || requestMethod == "HEAD";
    return requestMethod == "POST";
}

// One row of a fake server's routing table: the method and path it answers, and the member that answers.
template <typename Server> struct Route {
    Method method = Method::Get;
    const char* path = "";
    void (Server::*answer)(const HttpRequest& request, const Responder& respond) = nullptr;
    bool anyCase = false; // percent-escapes come in either case (%2F, %2f)

    bool hasPath(const QByteArray& requestPath) const {
        return requestPath.compare(path, anyCase ? Qt::CaseInsensitive : Qt::CaseSensitive) == 0;
    }
};

// The route for a path, whatever its method; nullptr when no route has the path.
template <typename Server, std::size_t N>
const Route<Server>* routeAt(const Route<Server> (&routes)[N], const QByteArray& path) {
    for (const Route<Server>& route : routes) {
        if (route.hasPath(path))
            return &route;
    }
    return nullptr;
}

// One simulated server: an HttpServer on 127.0.0.1 whose every request goes to handle().
class FakeServer : public QObject {
    Q_OBJECT
public:
    HttpServer& http() { return m_http; }

protected:
    FakeServer(const HeaderList& defaultHeaders, QObject* parent);
    virtual void handle(const HttpRequest& request, const Responder& respond) = 0;

    HttpServer m_http;
};

// For the calls one simulated server makes to another: never through a proxy, the simulated network is
// 127.0.0.1 only.
QNetworkAccessManager* directNetwork(QObject* parent);

// An endpoint or path without its trailing slashes, ready for a path to be appended.
QString withoutTrailingSlashes(QString path);

} // namespace duo::sim
