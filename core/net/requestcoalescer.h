#pragma once

#include "core/net/httpclient.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPointer>

#include <functional>

namespace duo {

// Within one fleet run, profiles that share a server ask it the very same things. Identical requests (method,
// URL, headers, body, connection settings) are sent once: one member of a flight sends (the leader), later
// ones join it or take its answer. A leader that gives up without an answer (cancelled, destroyed) hands the
// request to the next member, which sends it itself: the others did not cancel and get a real answer.
// Thread-safe: a fleet's worker threads share one; whatever reaches a member runs on its client's thread.
class RequestCoalescer {
public:
    static QByteArray keyFor(const HttpRequest& request, const RunOptions& options);

    // One caller's request in a flight. Neither function runs after the client is gone.
    struct Member {
        const void* id = nullptr; // tells the caller's requests apart
        QPointer<QObject> client;
        HttpClient::Callback answer;
        std::function<void()> takeOver; // send the request yourself, then call complete()
    };
    enum class Role {
        Answered, // an earlier answer is on its way to member.answer
        Joined,   // waits for the one in flight
        Leads,    // the caller sends and calls complete() or leave()
    };
    Role join(const QByteArray& key, Member member);
    // The leader's answer, for every member waiting. A Cancelled result is no answer: see leave().
    void complete(const QByteArray& key, const void* id, const HttpResult& result);
    // A member stops waiting (its own deadline, cancelled, its client destroyed). When it was the leader, the
    // next member takes over.
    void leave(const QByteArray& key, const void* id);

private:
    struct Flight {
        const void* leader = nullptr;
        QList<Member> waiting;
    };
    void handOver(const QByteArray& key, Flight& flight);

    QMutex m_mutex;
    QHash<QByteArray, HttpResult> m_answers;
    QHash<QByteArray, Flight> m_flights;
};

} // namespace duo
