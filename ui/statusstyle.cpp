#include "ui/statusstyle.h"

#include <QCoreApplication>

namespace duo::ui {

namespace {

struct StatusLook {
    Status status;
    const char* icon;
    const char* text;
};

const StatusLook looks[] = {
    {Status::Pass, ":/duo/icons/status-pass.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Passed")},
    {Status::Fail, ":/duo/icons/status-fail.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Failed")},
    {Status::Warn, ":/duo/icons/status-warn.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Warning")},
    {Status::Skip, ":/duo/icons/status-skip.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Skipped")},
    {Status::Manual, ":/duo/icons/status-manual.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Needs you")},
    {Status::Queued, ":/duo/icons/status-queued.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Queued")},
    {Status::Running, ":/duo/icons/status-running.svg", QT_TRANSLATE_NOOP("duo::ui::Status", "Running…")},
};

const StatusLook& lookFor(Status status) {
    for (const StatusLook& look : looks) {
        if (look.status == status)
            return look;
    }
    return looks[0];
}

struct VantageName {
    Vantage vantage;
    const char* text;
};
const VantageName vantageNames[] = {
    {Vantage::Desktop, QT_TRANSLATE_NOOP("duo::ui::Status", "from this desktop")},
    {Vantage::GitLab, QT_TRANSLATE_NOOP("duo::ui::Status", "through GitLab (GitLab made the request)")},
    {Vantage::Gateway, QT_TRANSLATE_NOOP("duo::ui::Status", "through the AI gateway")},
    {Vantage::Manual, QT_TRANSLATE_NOOP("duo::ui::Status", "by you (a manual step)")},
};

} // namespace

QIcon statusIcon(Status status) {
    // Icons are cached: the tree asks for them on every paint.
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(status));
    if (it == cache.end())
        it = cache.insert(int(status), QIcon(QString::fromLatin1(lookFor(status).icon)));
    return *it;
}

QString statusText(Status status) {
    return QCoreApplication::translate("duo::ui::Status", lookFor(status).text);
}

QString vantageText(Vantage vantage) {
    for (const VantageName& name : vantageNames) {
        if (name.vantage == vantage)
            return QCoreApplication::translate("duo::ui::Status", name.text);
    }
    return {};
}

} // namespace duo::ui
