#pragma once
// What the simulated stack's tests use to talk to it: Qt's network manager, waited on with the event loop
// running (the servers live in the test's thread).
#include "sim/simstack.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

namespace duo::sim {

struct Answer {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    qint64 elapsedMs = 0;

    const QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString detail() const { return json().value("detail").toString(); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Sends a prepared request and waits, the event loop running, for its whole answer.
inline Answer send(QNetworkAccessManager& network, QNetworkRequest networkRequest, const QByteArray& method,
                   const QByteArray& body, int timeoutMs = 15000) {
    const QUrl url = networkRequest.url();
    networkRequest.setTransferTimeout(timeoutMs);
    QElapsedTimer clock;
    clock.start();
    QNetworkReply* reply = network.sendCustomRequest(networkRequest, method, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs + 5000))
        qFatal("no answer from %s", qPrintable(url.toString()));
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->isOpen() ? reply->readAll() : QByteArray();
    answer.error = reply->error();
    answer.elapsedMs = clock.elapsed();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        answer.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return answer;
}

inline Answer request(QNetworkAccessManager& network, const QByteArray& method, const QUrl& url,
                      const QByteArray& body = {}, const Headers& headers = {}, int timeoutMs = 15000) {
    QNetworkRequest networkRequest(url);
    if (!body.isEmpty())
        networkRequest.setRawHeader("Content-Type", "application/json");
    for (const auto& [name, value] : headers)
        networkRequest.setRawHeader(name, value);
    return send(network, networkRequest, method, body, timeoutMs);
}

inline QUrl at(const QUrl& base, const QString& path) {
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    url.setPath(prefix + path, QUrl::TolerantMode);
    return url;
}

inline QByteArray graphqlBody(const QString& query, const QJsonObject& variables = {}) {
    QJsonObject envelope{{"query", query}};
    if (!variables.isEmpty())
        envelope.insert("variables", variables);
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

inline Headers gitlabAuth(const SimInputs& inputs) {
    return {{"PRIVATE-TOKEN", inputs.gitlabToken.toUtf8()}};
}

} // namespace duo::sim
