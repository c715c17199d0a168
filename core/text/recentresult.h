#pragma once

#include <QMutex>

#include <optional>
#include <utility>

namespace duo {

// The last answer of a costly pure function, shared between threads: a large paste the window redacts and
// judges on a worker thread is found ready when the engine asks the same on the GUI thread.
template <typename Key, typename Value> class RecentResult {
public:
    template <typename Compute> Value recallOr(const Key& key, Compute compute) {
        {
            const QMutexLocker locker(&m_lock);
            if (m_last && m_last->first == key)
                return m_last->second;
        }
        Value value = compute();
        const QMutexLocker locker(&m_lock);
        m_last.emplace(key, value);
        return value;
    }

private:
    QMutex m_lock;
    std::optional<std::pair<Key, Value>> m_last;
};

} // namespace duo
