#include "ui/quicktest.h"

#include "ui/statusstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace duo::ui {

QuickTest::QuickTest(QNetworkAccessManager* network, QStringList checkIds, QWidget* parent)
    : QWidget(parent)
    , m_engine(network)
    , m_ids(std::move(checkIds))
    , m_button(new QPushButton(tr("Te&st"), this))
    , m_icon(new QLabel(this))
    , m_result(new QLabel(this)) {
    m_button->setAccessibleName(tr("Test the connection"));
    m_icon->setAccessibleName(tr("Test status"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("Test result"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button, 0, Qt::AlignTop);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_result, 1);
    connect(m_button, &QPushButton::clicked, this, &QuickTest::run);
    connect(&m_engine, &CheckEngine::finished, this, &QuickTest::showReport);
}

QString QuickTest::resultText() const {
    return m_result->text();
}

void QuickTest::clear() {
    if (m_engine.isRunning())
        m_engine.cancel();
    m_icon->clear();
    m_icon->setAccessibleDescription({});
    m_result->clear();
}

// The button stays where it is and keeps the focus: while a test runs it cancels it.
void QuickTest::run() {
    if (m_engine.isRunning()) {
        m_engine.cancel();
        return;
    }
    if (!targetProvider)
        return;
    m_button->setText(tr("Cancel te&st"));
    m_icon->setPixmap(statusIcon(Status::Running).pixmap(16, 16));
    m_icon->setAccessibleDescription(statusText(Status::Running));
    m_result->setText(tr("Testing…"));
    m_engine.start(targetProvider(), optionsProvider ? optionsProvider() : RunOptions{}, m_ids);
}

void QuickTest::showReport(const Report& report) {
    m_button->setText(tr("Te&st"));
    if (report.cancelled) {
        m_icon->clear();
        m_result->setText(tr("Test cancelled."));
        return;
    }
    // The first problem along the path is the one to mention; otherwise the last check's good news.
    const CheckResult* shown = nullptr;
    for (const CheckResult& check : report.checks) {
        if (check.status == Status::Fail || check.status == Status::Warn) {
            shown = &check;
            break;
        }
    }
    if (!shown) {
        for (const CheckResult& check : report.checks) {
            if (check.status == Status::Pass || check.status == Status::Skip)
                shown = &check;
        }
    }
    if (!shown)
        return;
    m_icon->setPixmap(statusIcon(shown->status).pixmap(16, 16));
    m_icon->setAccessibleDescription(statusText(shown->status));
    m_result->setText(shown->summary);
}

} // namespace duo::ui
