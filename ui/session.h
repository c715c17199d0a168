#pragma once

#include "core/engine.h"
#include "core/target.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

namespace duo::sim {
class SimStack;
struct SimInputs;
} // namespace duo::sim

namespace duo::ui {

// What the wizard's pages share: the setup being checked, the engine that checks it, and the simulated stack
// when the admin is only trying Duo Doctor out.
class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    Target target;
    RunOptions options;

    CheckEngine& engine() { return m_engine; }
    QNetworkAccessManager& network() { return m_network; }

    // Starts the named scenario on 127.0.0.1; target and options then point at it.
    bool startSimulated(const QString& scenario, QString* error);
    // Back to the admin's own setup: the simulated stack stops and its options go.
    void stopSimulated();
    bool isSimulated() const { return m_sim != nullptr; }
    QString scenario() const { return m_scenario; }

signals:
    void simulatedStackStarted();

private:
    QNetworkAccessManager m_network;
    CheckEngine m_engine;
    std::unique_ptr<sim::SimStack> m_sim;
    QString m_scenario;
};

} // namespace duo::ui
