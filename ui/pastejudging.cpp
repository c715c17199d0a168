#include "ui/pastejudging.h"

#include "core/knowledge/manualjudge.h"
#include "core/text/redactor.h"
#include "ui/session.h"

#include <QThread>

#include <algorithm>
#include <utility>

namespace duo::ui {

PasteJudging::PasteJudging(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session) {}

PasteJudging::~PasteJudging() {
    // A worker still judging when the window closes: let it finish, its answer goes nowhere.
    for (const QPointer<QThread>& worker : std::as_const(m_workers)) {
        if (worker)
            worker->wait();
    }
}

bool PasteJudging::isJudging() const {
    return std::any_of(m_workers.cbegin(), m_workers.cend(),
                       [](const QPointer<QThread>& worker) { return worker && worker->isRunning(); });
}

void PasteJudging::submit(const QString& id, const QString& output) {
    const quint64 generation = ++m_generation;
    m_latest.insert(id, generation);
    if (output.size() < largeChars) {
        hand(id, output, generation);
        return;
    }
    // What the engine does with a paste, done ahead where it cannot freeze the window: the same redaction of
    // the same part, the same judge.
    const QString judged = output.left(maxJudgedChars);
    const Redactor redactor = Redactor::forTarget(m_session->target);
    QThread* worker =
        QThread::create([id, judged, redactor] { judgeManualOutput(id, redactor.apply(judged)); });
    m_workers.removeAll(nullptr);
    m_workers.append(worker);
    connect(worker, &QThread::finished, this,
            [this, id, output, generation] { hand(id, output, generation); });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    emit judgingStarted(id);
    worker->start();
}

void PasteJudging::hand(const QString& id, const QString& output, quint64 generation) {
    if (m_latest.value(id) != generation)
        return; // a newer paste for this step was submitted meanwhile
    m_session->engine().setManualOutput(id, output);
    emit submitted(id);
}

} // namespace duo::ui
