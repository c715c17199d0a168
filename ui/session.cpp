#include "session.h"

#include "core/sim/simstack.h"
#include "core/sim/simtarget.h"

namespace duo::ui {

Session::Session(QObject* parent)
    : QObject(parent)
    , m_engine(&m_network) {}

Session::~Session() = default;

bool Session::startSimulated(const QString& scenario, QString* error) {
    m_engine.cancel();
    auto stack = std::make_unique<sim::SimStack>();
    if (!stack->start(scenario, error))
        return false;
    target = sim::targetFromSim(stack->inputs());
    options = sim::optionsFromSim(stack->inputs());
    m_sim = std::move(stack);
    m_scenario = scenario;
    emit simulatedStackStarted();
    return true;
}

void Session::stopSimulated() {
    if (!m_sim)
        return;
    m_engine.cancel();
    m_sim.reset();
    m_scenario.clear();
    options = {};
}

} // namespace duo::ui
