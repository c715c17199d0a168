#pragma once

#include "core/target.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

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
    // Carries a credential (a header, or a key in the body): redirects are then followed within the origin
    // only. Authorization and PRIVATE-TOKEN headers set it by themselves.
    bool carriesSecret = false;
    // Identical requests of one run of checks may share one answer (see AnswerBoard): only for reads whose
    // answer does not depend on when they are sent.
    bool shareable = false;
    // A streamed answer (server-sent events): record when each piece of the body arrived, and keep what came
    // before a broken connection. Same deadline and size cap as any other request.
    bool recordsProgress = false;
    // Cleartext HTTP/2 with prior knowledge (gRPC on an http:// URL); https:// negotiates HTTP/2 with ALPN.
    bool http2PriorKnowledge = false;

    void addHeader(const QByteArray& name, const QByteArray& value) { headers.append({name, value}); }
};

struct CertificateInfo {
    QString subject;
    QString issuer;
    QString validFrom;
    QString validUntil;
    QString sha256; // hex, no colons
};

struct HttpResult {
    QUrl url;
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    NetError error = NetError::None;
    QString errorText;
    qint64 elapsedMs = 0;
    QString proxy;   // the proxy the request went through, empty when direct
    QString problem; // machine-readable detail: untrusted, self_signed, expired, hostname_mismatch,
                     // handshake (TLS); refused, auth_required, denied, cannot_reach (proxy)
    QList<CertificateInfo> chain; // the peer's certificates when TLS was involved
    QList<QUrl> redirects;        // every hop followed, in order
    // With HttpRequest::recordsProgress: each arrival of body bytes, as (ms since the request was sent,
    // body size so far); the body is kept when the connection broke.
    QList<QPair<qint64, qint64>> arrivals;
    bool http2 = false; // the answer came over HTTP/2

    bool answered() const { return status > 0 && error == NetError::None; }
    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
};

// Sends requests with an overall deadline (Qt's transfer timeout only measures inactivity), a response-size
// cap, same-origin redirects only and curl-style --resolve overrides. The injected QNetworkAccessManager is
// shared, never changed: requests go out on the manager of a NetworkPool for this client's connection
// settings.
class HttpClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResult&)>;

    HttpClient(QNetworkAccessManager* network, RunOptions options, QObject* parent = nullptr);
    ~HttpClient() override;

    void send(const HttpRequest& request, Callback done);
    // Every request ends with NetError::Cancelled; one that others joined goes on for them.
    void cancelAll();
    const RunOptions& options() const { return m_options; }

    // The URL actually connected to after --resolve, and the Host header that goes with it.
    QUrl resolvedUrl(const QUrl& url, QByteArray* hostHeader) const;

    // Shares identical requests with other clients of the same fleet run (see RequestCoalescer).
    void setCoalescer(std::shared_ptr<class RequestCoalescer> coalescer) {
        m_coalescer = std::move(coalescer);
    }

    // Reads a PEM CA bundle; empty list and a reason when it holds no certificate.
    static QList<QSslCertificate> loadCaFile(const QString& path, QString* error);

private:
    struct Exchange;
    using ExchangePtr = std::shared_ptr<Exchange>;

    void startDeadline(const ExchangePtr& exchange);
    void onDeadline(const ExchangePtr& exchange);
    // Coalesced requests: this client waits for another's answer, or sends for everyone.
    void share(const ExchangePtr& exchange);
    void takeOver(const ExchangePtr& exchange);
    void answerJoined(const ExchangePtr& exchange, const HttpResult& result);
    void endJoined(const ExchangePtr& exchange, NetError why);

    void issue(const ExchangePtr& exchange);
    // The manager for the next request to `url`'s origin: six at a time per lane, as Qt allows per manager.
    QNetworkAccessManager* laneFor(const QUrl& url);
    void onReadyRead(QNetworkReply* reply);
    void onSslErrors(QNetworkReply* reply, const QList<QSslError>& errors);
    void onFinished(QNetworkReply* reply);
    HttpResult resultOf(const Exchange& exchange, const QNetworkReply* reply) const;
    void readForcedEnd(const Exchange& exchange, HttpResult& result) const;
    bool followRedirect(const ExchangePtr& exchange, const QNetworkReply& reply, HttpResult& result);
    void complete(const ExchangePtr& exchange, HttpResult result);
    void finish(const ExchangePtr& exchange, const HttpResult& result);

    RunOptions m_options;
    QNetworkAccessManager* m_network;       // the pool's, for m_options
    QNetworkAccessManager* m_sharedNetwork; // the one given: its pool hands out lanes
    QHash<QString, int> m_sentTo;           // requests sent per origin, to spread them over lanes
    QHash<QNetworkReply*, ExchangePtr> m_inFlight;
    QList<ExchangePtr> m_joined; // waiting for another client's answer
    QList<QSslCertificate> m_extraCas;
    std::shared_ptr<class RequestCoalescer> m_coalescer;
};

} // namespace duo
