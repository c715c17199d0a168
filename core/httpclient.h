#pragma once

#include "target.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace duo {

// How a request failed below HTTP. Stable keys (evidence.network_error) are part of the JSON contract.
enum class NetError { None, HostNotFound, ConnectionRefused, Timeout, Tls, ConnectionClosed, TooLarge, Proxy,
                      RedirectRefused, Cancelled, Other };
QString netErrorKey(NetError error);

struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool generates = false; // makes a model generate: uses the inference deadline
};

struct HttpResult {
    QUrl url;
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    NetError error = NetError::None;
    QString errorText;
    qint64 elapsedMs = 0;

    bool answered() const { return status > 0; }
    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
};

// Sends requests on one injected QNetworkAccessManager with an overall deadline (Qt's transfer timeout only
// measures inactivity), a response-size cap, same-origin redirects only and curl-style --resolve overrides.
class HttpClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResult&)>;

    HttpClient(QNetworkAccessManager* network, RunOptions options, QObject* parent = nullptr);

    void send(const HttpRequest& request, Callback done);
    void cancelAll();
    const RunOptions& options() const { return m_options; }

private:
    struct Pending;
    QUrl applyResolve(const QUrl& url, QByteArray* hostHeader) const;
    void finish(QNetworkReply* reply, NetError forced);

    QNetworkAccessManager* m_network;
    RunOptions m_options;
    QMap<QNetworkReply*, std::shared_ptr<Pending>> m_pending;
};

} // namespace duo
