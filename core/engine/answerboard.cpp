#include "core/engine/answerboard.h"

#include "core/net/requestcoalescer.h"

namespace duo {

std::shared_ptr<AnswerBoard::Shared> AnswerBoard::shared(const HttpRequest& request) {
    std::shared_ptr<Shared>& entry = m_shared[RequestCoalescer::keyFor(request, m_http.options())];
    if (entry)
        return entry;
    entry = std::make_shared<Shared>();
    ++m_sent;
    // The answer is kept by the entry, not by this board: a run's board may go before its client does.
    m_http.send(request, [entry = entry](const HttpResult& result) {
        entry->answered = true;
        entry->result = result;
        for (const HttpClient::Callback& done : std::exchange(entry->waiting, {}))
            done(entry->result);
    });
    return entry;
}

void AnswerBoard::ask(const HttpRequest& request, HttpClient::Callback done) {
    if (!request.shareable) {
        ++m_sent;
        m_http.send(request, std::move(done));
        return;
    }
    const std::shared_ptr<Shared> entry = shared(request);
    if (entry->answered)
        done(entry->result);
    else
        entry->waiting.append(std::move(done));
}

void AnswerBoard::prefetch(const HttpRequest& request) {
    if (request.shareable)
        shared(request);
}

} // namespace duo
