#pragma once

#include "core/net/httpclient.h"

#include <QByteArray>
#include <QHash>

#include <memory>

namespace duo {

// The answers of one run of checks. Every request a check makes goes through here, so a request may be sent
// before the checks it waits on have finished (prefetch) and one answer may serve several checks: a request
// marked shareable goes out once per run, and whoever asks for it again gets the same answer.
class AnswerBoard {
public:
    explicit AnswerBoard(HttpClient& http)
        : m_http(http) {}

    const RunOptions& options() const { return m_http.options(); }

    void ask(const HttpRequest& request, HttpClient::Callback done);
    // Sends a shareable request now; a later ask() for it takes this answer.
    void prefetch(const HttpRequest& request);

    // How many requests went out, shared ones once (for tests and benchmarks).
    int sent() const { return m_sent; }

private:
    struct Shared {
        bool answered = false;
        HttpResult result;
        QList<HttpClient::Callback> waiting;
    };
    std::shared_ptr<Shared> shared(const HttpRequest& request);

    HttpClient& m_http;
    QHash<QByteArray, std::shared_ptr<Shared>> m_shared;
    int m_sent = 0;
};

} // namespace duo
