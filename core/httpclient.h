#pragma once

#include "target.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace duo {

// How a request failed below HTTP. Stable keys (evidence.network_error) are part of the JSON contract.
enum class NetError {
    None,
    HostNotFound,
    ConnectionRefused,
    Timeout,
    Tls,
    ConnectionClosed,
    TooLarge,
    Proxy,
    RedirectRefused,
    Cancelled,
    Other
};
QString netErrorKey(NetError error);

struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool generates = false; // makes a model generate: uses the inference deadline

    void addHeader(const QByteArray& name, const QByteArray& value) { headers.append({name, value}); }
};

struct HttpResult {
    QUrl url;
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    NetError error = NetError::None;
    QString errorText;
    qint64 elapsedMs = 0;

    bool answered() const { return status > 0 && error == NetError::None; }
    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
};

// Sends requests on one injected QNetworkAccessManager with an overall deadline (Qt's transfer timeout only
// measures inactivity), a response-size cap, same-origin redirects only and curl-style --resolve overrides.
class HttpClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResult&)>;

    HttpClient(QNetworkAccessManager* network, RunOptions options, QObject* parent = nullptr);
    ~HttpClient() override;

    void send(const HttpRequest& request, Callback done);
    void cancelAll();
    const RunOptions& options() const { return m_options; }

    // The URL actually connected to after --resolve, and the Host header that goes with it.
    QUrl resolvedUrl(const QUrl& url, QByteArray* hostHeader) const;

private:
    struct Exchange;
    void issue(const std::shared_ptr<Exchange>& exchange);
    void onFinished(QNetworkReply* reply);
    void complete(const std::shared_ptr<Exchange>& exchange, HttpResult result);

    QNetworkAccessManager* m_network;
    RunOptions m_options;
    QHash<QNetworkReply*, std::shared_ptr<Exchange>> m_inFlight;
};

} // namespace duo
