#pragma once

#include "core/net/httpclient.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <memory>

namespace duo {

// The answers of one run of checks. Every request a check makes goes through here, so a request may be sent
// before the checks it waits on have finished (sent early) and one answer may serve several checks: a request
// marked shareable goes out once per run, and whoever asks for it again gets the same answer.
class AnswerBoard {
public:
    explicit AnswerBoard(HttpClient& http)
        : m_http(http) {}

    const RunOptions& options() const { return m_http.options(); }

    void ask(const HttpRequest& request, HttpClient::Callback done);
    // Sends a request now, before the check that makes it may judge: a shared read joins the run's one
    // answer; any other request's answer is kept for the next ask() of the very same request.
    void prefetch(const HttpRequest& request);

    // How many requests went out, shared ones once (for tests and benchmarks).
    int sent() const { return m_sent; }

private:
    struct Answer {
        bool answered = false;
        HttpResult result;
        QList<HttpClient::Callback> waiting;

        void take(HttpClient::Callback done);
    };
    static bool isShared(const HttpRequest& request);
    QByteArray keyFor(const HttpRequest& request) const;
    std::shared_ptr<Answer> sendNow(const HttpRequest& request);
    std::shared_ptr<Answer> shared(const HttpRequest& request);

    HttpClient& m_http;
    QHash<QByteArray, std::shared_ptr<Answer>> m_shared;
    // Requests sent early that no check has asked for yet, by key, oldest first.
    QHash<QByteArray, QList<std::shared_ptr<Answer>>> m_early;
    int m_sent = 0;
};

} // namespace duo
