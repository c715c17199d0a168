#pragma once

#include "core/net/httpclient.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPointer>

namespace duo {

// Within one fleet run, profiles that share a server ask it the very same things. Identical requests (method,
// URL, headers, body, connection settings) are sent once: later ones join the one in flight or take its
// answer. Thread-safe: a fleet's worker threads share one; each answer reaches a caller on the thread of its
// receiver (the HttpClient that asked).
class RequestCoalescer {
public:
    static QByteArray keyFor(const HttpRequest& request, const RunOptions& options);
    // The settings that decide which connection a request may use: CA file, proxy, --resolve entries and
    // pinned certificates. Requests with different ones must never share a kept-alive connection.
    static QByteArray connectionKey(const RunOptions& options);

    // True when the request was answered from, or joined, an identical one; false: the caller sends it and
    // calls complete() with the answer.
    bool join(const QByteArray& key, QObject* receiver, HttpClient::Callback done);
    void complete(const QByteArray& key, const HttpResult& result);

private:
    struct Waiter {
        QPointer<QObject> receiver;
        HttpClient::Callback done;
    };
    QMutex m_mutex;
    QHash<QByteArray, HttpResult> m_answers;
    QHash<QByteArray, QList<Waiter>> m_waiting;
};

} // namespace duo
