#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QThread;

namespace duo::ui {

class Session;

// Hands output pasted for a manual step to the engine. A large paste is first redacted and judged on a
// worker thread, which leaves both remembered (Redactor, judgeManualOutput): the engine's own judging on
// the GUI thread then finds them ready, and the window stays responsive meanwhile. For each step the newest
// paste wins.
class PasteJudging : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype largeChars = 64 * 1024;

    explicit PasteJudging(Session* session, QObject* parent = nullptr);
    ~PasteJudging() override;

    void submit(const QString& id, const QString& output);
    bool isJudging() const;

signals:
    void judgingStarted(const QString& id);
    // After the engine took the output (its diagnosis follows with diagnosisChanged).
    void submitted(const QString& id);

private:
    void hand(const QString& id, const QString& output, quint64 generation);

    Session* m_session;
    QHash<QString, quint64> m_latest; // per step, the newest submission
    quint64 m_generation = 0;
    QList<QPointer<QThread>> m_workers;
};

} // namespace duo::ui
