#include "core/net/requestcoalescer.h"

#include <QMetaObject>
#include <QThread>

namespace duo {

QByteArray RequestCoalescer::keyFor(const HttpRequest& request, const RunOptions& options) {
    // The request and every setting that could change its answer, joined with a separator no URL or header
    // carries. Kept as plain bytes, not a digest: exact, and several times cheaper for a fleet.
    const char separator = '\x1f';
    QByteArray key;
    key.reserve(256 + request.body.size());
    key += request.method;
    key += separator;
    key += request.url.toEncoded();
    for (const auto& [name, value] : request.headers) {
        key += separator;
        key += name;
        key += ':';
        key += value;
    }
    key += separator;
    key += request.body;
    key += separator;
    key += QByteArray::number(request.generates ? options.inferenceTimeoutMs : options.timeoutMs);
    key += separator;
    key += QByteArray::number(options.maxResponseBytes);
    key += separator;
    key += connectionKey(options);
    return key;
}

QByteArray RequestCoalescer::connectionKey(const RunOptions& options) {
    const char separator = '\x1f';
    QByteArray key = options.caFile.toUtf8();
    key += separator;
    key += QByteArray::number(int(options.proxy.mode));
    key += options.proxy.url.toEncoded();
    for (const ResolveEntry& entry : options.resolve) {
        key += separator;
        key +=
            (entry.host + QLatin1Char(':') + QString::number(entry.port) + QLatin1Char(':') + entry.address)
                .toUtf8();
    }
    for (const PinnedCertificate& pin : options.pinned) {
        key += separator;
        key += (pin.host + QLatin1Char('=') + pin.sha256).toUtf8();
    }
    return key;
}

namespace {

// Asynchronous like a real answer, on the receiver's thread; dropped with the receiver.
void deliverLater(QObject* receiver, HttpClient::Callback done, HttpResult result) {
    QMetaObject::invokeMethod(
        receiver, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace

bool RequestCoalescer::join(const QByteArray& key, QObject* receiver, HttpClient::Callback done) {
    const QMutexLocker locker(&m_mutex);
    if (const auto answer = m_answers.constFind(key); answer != m_answers.cend()) {
        deliverLater(receiver, std::move(done), answer.value());
        return true;
    }
    if (auto waiting = m_waiting.find(key); waiting != m_waiting.end()) {
        waiting->append(Waiter{receiver, std::move(done)});
        return true;
    }
    m_waiting.insert(key, {});
    return false;
}

void RequestCoalescer::complete(const QByteArray& key, const HttpResult& result) {
    QList<Waiter> waiting;
    {
        const QMutexLocker locker(&m_mutex);
        waiting = m_waiting.take(key);
        // A cancelled exchange answers nobody else: the next identical request goes out again.
        if (result.error != NetError::Cancelled)
            m_answers.insert(key, result);
    }
    for (Waiter& waiter : waiting) {
        if (!waiter.receiver)
            continue;
        if (waiter.receiver->thread() == QThread::currentThread())
            waiter.done(result);
        else
            deliverLater(waiter.receiver, std::move(waiter.done), result);
    }
}

} // namespace duo
