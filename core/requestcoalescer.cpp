#include "requestcoalescer.h"

#include <QCryptographicHash>
#include <QTimer>

namespace duo {

QByteArray RequestCoalescer::keyFor(const HttpRequest& request, const RunOptions& options) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.method);
    hash.addData(request.url.toEncoded());
    for (const auto& [name, value] : request.headers) {
        hash.addData(name);
        hash.addData(value);
    }
    hash.addData(request.body);
    hash.addData(QByteArray::number(request.generates ? options.inferenceTimeoutMs : options.timeoutMs));
    hash.addData(options.caFile.toUtf8());
    hash.addData(QByteArray::number(int(options.proxy.mode)));
    hash.addData(options.proxy.url.toEncoded());
    for (const ResolveEntry& entry : options.resolve)
        hash.addData((entry.host + QString::number(entry.port) + entry.address).toUtf8());
    for (const PinnedCertificate& pin : options.pinned)
        hash.addData((pin.host + pin.sha256).toUtf8());
    return hash.result();
}

bool RequestCoalescer::join(const QByteArray& key, HttpClient::Callback done) {
    if (const auto answer = m_answers.constFind(key); answer != m_answers.cend()) {
        // Asynchronous like a real answer, so callers never see their callback run inside send().
        QTimer::singleShot(0, [done = std::move(done), result = answer.value()] { done(result); });
        return true;
    }
    if (auto waiting = m_waiting.find(key); waiting != m_waiting.end()) {
        waiting->append(std::move(done));
        return true;
    }
    m_waiting.insert(key, {});
    return false;
}

void RequestCoalescer::complete(const QByteArray& key, const HttpResult& result) {
    // A cancelled exchange answers nobody else: the next identical request goes out again.
    const QList<HttpClient::Callback> waiting = m_waiting.take(key);
    if (result.error != NetError::Cancelled)
        m_answers.insert(key, result);
    for (const HttpClient::Callback& done : waiting)
        done(result);
}

} // namespace duo
