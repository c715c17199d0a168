#include "core/engine/answerboard.h"

#include "core/net/requestcoalescer.h"

namespace duo {

void AnswerBoard::Answer::take(HttpClient::Callback done) {
    if (answered)
        done(result);
    else
        waiting.append(std::move(done));
}

bool AnswerBoard::isShared(const HttpRequest& request) {
    return request.shareable;
}

QByteArray AnswerBoard::keyFor(const HttpRequest& request) const {
    return RequestCoalescer::keyFor(request, m_http.options());
}

std::shared_ptr<AnswerBoard::Answer> AnswerBoard::sendNow(const HttpRequest& request) {
    auto entry = std::make_shared<Answer>();
    ++m_sent;
    // The answer is kept by the entry, not by this board: a run's board may go before its client does.
    m_http.send(request, [entry](const HttpResult& result) {
        entry->answered = true;
        entry->result = result;
        for (const HttpClient::Callback& done : std::exchange(entry->waiting, {}))
            done(entry->result);
    });
    return entry;
}

std::shared_ptr<AnswerBoard::Answer> AnswerBoard::shared(const HttpRequest& request) {
    std::shared_ptr<Answer>& entry = m_shared[keyFor(request)];
    if (!entry)
        entry = sendNow(request);
    return entry;
}

void AnswerBoard::ask(const HttpRequest& request, HttpClient::Callback done) {
    if (isShared(request)) {
        shared(request)->take(std::move(done));
        return;
    }
    const auto early = m_early.find(keyFor(request));
    if (early != m_early.end() && !early->isEmpty()) {
        const std::shared_ptr<Answer> entry = early->takeFirst();
        entry->take(std::move(done));
        return;
    }
    ++m_sent;
    m_http.send(request, std::move(done));
}

void AnswerBoard::prefetch(const HttpRequest& request) {
    if (isShared(request))
        shared(request);
    else
        m_early[keyFor(request)].append(sendNow(request));
}

} // namespace duo
