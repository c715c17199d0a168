#include "ui/runpage.h"

#include "core/text/redactor.h"
#include "ui/checktreemodel.h"
#include "ui/checktreeview.h"
#include "ui/session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QWizard>

namespace duo::ui {

RunPage::RunPage(Session* session, CheckTreeModel* model, QWidget* parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_model(model)
    , m_secrets(new QLabel(this))
    , m_likelyCause(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("&Cancel run"), this))
    , m_state(new QLabel(this)) {
    setTitle(tr("Running the checks"));
    setSubTitle(
        tr("Checks that do not depend on each other run at the same time. You can cancel at any moment."));
    m_secrets->setWordWrap(true);
    m_secrets->setObjectName(QStringLiteral("secretDestinations"));
    showChecksIn(m_tree, model);
    m_tree->setObjectName(QStringLiteral("runTree"));
    m_tree->setAccessibleName(tr("Checks and their state"));
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_progress->setAccessibleName(tr("Overall progress"));
    m_cancel->setAccessibleName(tr("Cancel the run"));
    m_state->setObjectName(QStringLiteral("runState"));
    m_likelyCause->setObjectName(QStringLiteral("likelyCause"));
    m_likelyCause->setWordWrap(true);
    m_likelyCause->setTextFormat(Qt::PlainText);
    m_likelyCause->setAccessibleName(tr("Most likely cause"));
    m_likelyCause->setVisible(false);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_secrets);
    layout->addWidget(m_likelyCause);
    layout->addWidget(m_tree, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_state);

    CheckEngine& engine = session->engine();
    connect(m_cancel, &QPushButton::clicked, &engine, &CheckEngine::cancel);
    connect(&engine, &CheckEngine::progress, this, [this](int done, int total) {
        m_progress->setMaximum(total);
        m_progress->setValue(done);
        m_progress->setFormat(tr("%1 of %2 checks").arg(done).arg(total));
    });
    connect(&engine, &CheckEngine::likelyCauseKnown, this, [this](const RootCause& cause) {
        const Redactor redactor = Redactor::forTarget(m_session->target);
        m_likelyCause->setText(
            redactor.apply(tr("Most likely cause (no check still running can change it): %1 \u2014 %2")
                               .arg(cause.title, cause.explanation.section(QLatin1Char('\n'), 0, 0))));
        m_likelyCause->setVisible(true);
    });
    connect(&engine, &CheckEngine::finished, this, [this](const Report& report) {
        // A disabled button loses the focus to whatever comes next (Help): hand it to Next, the way on.
        emit completeChanged();
        if (m_cancel->hasFocus() && wizard())
            wizard()->button(QWizard::NextButton)->setFocus(Qt::OtherFocusReason);
        m_cancel->setEnabled(false);
        const StatusCounts counts = report.counts();
        const QStringList parts{tr("%n passed", nullptr, counts.pass), tr("%n failed", nullptr, counts.fail),
                                tr("%n warning(s)", nullptr, counts.warn),
                                tr("%n skipped", nullptr, counts.skip),
                                tr("%n need(s) you", nullptr, counts.manual)};
        m_state->setText(
            report.cancelled
                ? tr("Cancelled. Finished checks keep their results; the others are marked skipped.")
                : tr("Done: %1. Next shows the diagnosis.").arg(parts.join(QStringLiteral(", "))));
        emit completeChanged();
    });
}

void RunPage::describeSecrets() {
    const Target& target = m_session->target;
    QStringList lines;
    if (!target.modelKey.isEmpty())
        lines << tr("The model API key goes to the model server (%1) and, inside the test request's body, to "
                    "the AI gateway (%2).")
                     .arg(target.modelEndpoint.host(), target.gatewayUrl.host());
    if (!target.gitlabToken.isEmpty())
        lines << tr("The GitLab token goes to GitLab (%1) only.").arg(target.gitlabUrl.host());
    if (lines.isEmpty())
        lines << tr("No secret was given: no key or token is sent anywhere.");
    if (m_session->isSimulated())
        lines.prepend(
            tr("Simulated stack \u201c%1\u201d on this computer (127.0.0.1).").arg(m_session->scenario()));
    m_secrets->setText(lines.join(QLatin1Char('\n')));
}

void RunPage::initializePage() {
    describeSecrets();
    m_cancel->setEnabled(true);
    m_state->setText(tr("Running…"));
    m_likelyCause->clear();
    m_likelyCause->setVisible(false);
    m_progress->setValue(0);
    m_session->engine().start(m_session->target, m_session->options);
    m_tree->expandAll();
    m_tree->setRowHidden(0, QModelIndex(), true); // root causes come on the next page
}

void RunPage::cleanupPage() {
    m_session->engine().cancel();
}

bool RunPage::isComplete() const {
    return !m_session->engine().isRunning();
}

} // namespace duo::ui
