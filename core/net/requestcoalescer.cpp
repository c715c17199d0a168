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
    key += request.http2PriorKnowledge ? "h2" : "";
    key += separator;
    key += QByteArray::number(request.generates ? options.inferenceTimeoutMs : options.timeoutMs);
    key += separator;
    key += QByteArray::number(options.maxResponseBytes);
    key += separator;
    key += connectionKey(options);
    return key;
}

namespace {

// Asynchronous like a real answer, on the client's thread; dropped with the client. Posted while the
// coalescer's lock is held: a client leaves under that lock before it is destroyed, so it is still alive.
void post(QObject* client, std::function<void()> call) {
    QMetaObject::invokeMethod(client, std::move(call), Qt::QueuedConnection);
}

} // namespace

RequestCoalescer::Role RequestCoalescer::join(const QByteArray& key, Member member) {
    const QMutexLocker locker(&m_mutex);
    if (const auto answer = m_answers.constFind(key); answer != m_answers.cend()) {
        post(member.client, [answer = std::move(member.answer), result = answer.value()] { answer(result); });
        return Role::Answered;
    }
    if (auto flight = m_flights.find(key); flight != m_flights.end()) {
        flight->waiting.append(std::move(member));
        return Role::Joined;
    }
    m_flights.insert(key, Flight{member.id, {}});
    return Role::Leads;
}

void RequestCoalescer::complete(const QByteArray& key, const void* id, const HttpResult& result) {
    if (result.error == NetError::Cancelled) {
        leave(key, id);
        return;
    }
    QList<Member> here; // on this thread: answered directly, after the lock is released
    {
        const QMutexLocker locker(&m_mutex);
        const auto flight = m_flights.find(key);
        if (flight == m_flights.end() || flight->leader != id)
            return;
        m_answers.insert(key, result);
        for (Member& member : flight->waiting) {
            if (member.client && member.client->thread() == QThread::currentThread())
                here.append(std::move(member));
            else if (member.client)
                post(member.client, [answer = std::move(member.answer), result] { answer(result); });
        }
        m_flights.erase(flight);
    }
    for (const Member& member : here) {
        if (member.client) // an earlier answer may have ended it
            member.answer(result);
    }
}

void RequestCoalescer::leave(const QByteArray& key, const void* id) {
    const QMutexLocker locker(&m_mutex);
    const auto flight = m_flights.find(key);
    if (flight == m_flights.end())
        return;
    if (flight->leader == id) {
        handOver(key, *flight);
        return;
    }
    flight->waiting.removeIf([id](const Member& member) { return member.id == id; });
}

void RequestCoalescer::handOver(const QByteArray& key, Flight& flight) {
    while (!flight.waiting.isEmpty()) {
        Member next = flight.waiting.takeFirst();
        if (!next.client)
            continue;
        flight.leader = next.id;
        post(next.client, std::move(next.takeOver));
        return;
    }
    m_flights.remove(key);
}

} // namespace duo
