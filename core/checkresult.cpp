#include "core/checkresult.h"

#include <array>
#include <utility>

namespace duo {

namespace {

constexpr std::array statusKeys{
    std::pair{Status::Queued, "queued"}, std::pair{Status::Running, "running"},
    std::pair{Status::Pass, "pass"},     std::pair{Status::Warn, "warn"},
    std::pair{Status::Fail, "fail"},     std::pair{Status::Skip, "skip"},
    std::pair{Status::Manual, "manual"},
};

constexpr std::array vantageKeys{
    std::pair{Vantage::Desktop, "desktop"},
    std::pair{Vantage::GitLab, "gitlab"},
    std::pair{Vantage::Gateway, "gateway"},
    std::pair{Vantage::Manual, "manual"},
};

} // namespace

QString statusKey(Status status) {
    for (const auto& [value, key] : statusKeys) {
        if (value == status)
            return QString::fromLatin1(key);
    }
    return {};
}

QString vantageKey(Vantage vantage) {
    for (const auto& [value, key] : vantageKeys) {
        if (value == vantage)
            return QString::fromLatin1(key);
    }
    return {};
}

std::optional<Status> statusFromKey(const QString& key) {
    for (const auto& [value, name] : statusKeys) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

bool isFinal(Status status) {
    return status != Status::Queued && status != Status::Running;
}

} // namespace duo
