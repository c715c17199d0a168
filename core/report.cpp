#include "core/report.h"

namespace duo {

const CheckResult* Report::find(const QString& id) const {
    for (const CheckResult& check : checks) {
        if (check.id == id)
            return &check;
    }
    return nullptr;
}

namespace {

// Which tally each status adds to; queued and running checks count nowhere.
struct StatusTally {
    Status status;
    int StatusCounts::*count;
};
constexpr StatusTally tallies[] = {
    {.status = Status::Pass, .count = &StatusCounts::pass},
    {.status = Status::Fail, .count = &StatusCounts::fail},
    {.status = Status::Warn, .count = &StatusCounts::warn},
    {.status = Status::Skip, .count = &StatusCounts::skip},
    {.status = Status::Manual, .count = &StatusCounts::manual},
};

} // namespace

StatusCounts Report::counts() const {
    StatusCounts counts;
    for (const CheckResult& check : checks) {
        for (const StatusTally& tally : tallies) {
            if (tally.status == check.status)
                ++(counts.*tally.count);
        }
    }
    return counts;
}

} // namespace duo
