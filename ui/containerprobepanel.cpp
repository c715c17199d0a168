#include "ui/containerprobepanel.h"

#include "ui/session.h"

#include "core/checks/containerprobe.h"
#include "core/text/redactor.h"
#include "ui/clipboard.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace duo::ui {

ContainerProbePanel::ContainerProbePanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_script(new QPlainTextEdit(this))
    , m_paste(new QPlainTextEdit(this))
    , m_status(new QLabel(this)) {
    auto* intro = new QLabel(
        tr("Three manual steps need a shell in the AI gateway container. This script answers them at once: "
           "it "
           "only reads (the gateway's settings without secrets, its health, the model endpoint and GitLab's "
           "name as the container sees them) and needs nothing but sh and curl or python3. Save it as "
           "duo-doctor-probe.sh, run it as shown, and paste the line it prints below."),
        this);
    intro->setWordWrap(true);
    auto* howTo = new QLabel(this);
    howTo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    howTo->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    howTo->setText(
        QStringLiteral("docker exec -i -e DUO_MODEL_KEY <ai-gateway-container> sh -s < duo-doctor-probe.sh\n"
                       "# with the image, to compare it with GitLab's version:\n"
                       "docker exec -i -e DUO_GATEWAY_IMAGE=\"$(docker inspect -f '{{.Config.Image}}' "
                       "<ai-gateway-container>)\" <ai-gateway-container> sh -s < duo-doctor-probe.sh\n"
                       "kubectl -n <namespace> exec -i <ai-gateway-pod> -- sh -s < duo-doctor-probe.sh"));
    howTo->setAccessibleName(tr("How to run the probe"));
    setUpTextBoxes();

    QHBoxLayout* scriptButtons = buildScriptButtons();
    QHBoxLayout* pasteButtons = buildPasteButtons();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(howTo);
    layout->addWidget(m_script, 1);
    layout->addLayout(scriptButtons);
    layout->addWidget(m_paste);
    layout->addLayout(pasteButtons);
    refreshScript();
}

void ContainerProbePanel::setUpTextBoxes() {
    m_script->setObjectName(QStringLiteral("probeScript"));
    m_script->setAccessibleName(tr("The container probe script"));
    m_script->setReadOnly(true);
    m_script->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_script->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_paste->setObjectName(QStringLiteral("probeOutput"));
    m_paste->setAccessibleName(tr("Paste the probe's output here"));
    m_paste->setPlaceholderText(tr("Paste what the probe printed: one line starting with "
                                   "{\"schema\":\"duo-doctor.container-probe.v1\""));
    m_paste->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_paste->setTabChangesFocus(true);
    m_script->setTabChangesFocus(true);
    m_paste->setMaximumHeight(110);
    m_status->setObjectName(QStringLiteral("probeStatus"));
    m_status->setWordWrap(true);
}

// Copy and save the script, under it.
QHBoxLayout* ContainerProbePanel::buildScriptButtons() {
    auto* copy = new QPushButton(tr("Cop&y script"), this);
    copy->setAccessibleName(tr("Copy the probe script"));
    auto* save = new QPushButton(tr("Sa&ve script…"), this);
    save->setAccessibleName(tr("Save the probe script to a file"));
    auto* scriptButtons = new QHBoxLayout;
    scriptButtons->addStretch();
    scriptButtons->addWidget(copy);
    scriptButtons->addWidget(save);
    connect(copy, &QPushButton::clicked, this,
            [this] { copyRedacted(script(), Redactor::forTarget(m_session->target)); });
    connect(save, &QPushButton::clicked, this, &ContainerProbePanel::saveScriptWithDialog);
    return scriptButtons;
}

// The status and "Use this output", under the paste box.
QHBoxLayout* ContainerProbePanel::buildPasteButtons() {
    auto* use = new QPushButton(tr("&Use this output"), this);
    use->setObjectName(QStringLiteral("useProbeOutput"));
    use->setAccessibleName(tr("Judge the container steps from the pasted output"));
    auto* pasteButtons = new QHBoxLayout;
    pasteButtons->addWidget(m_status, 1);
    pasteButtons->addWidget(use);
    connect(use, &QPushButton::clicked, this, &ContainerProbePanel::usePastedOutput);
    return pasteButtons;
}

void ContainerProbePanel::saveScriptWithDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the probe script"), QStringLiteral("duo-doctor-probe.sh"), tr("Shell scripts (*.sh)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    const QByteArray bytes = script().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        m_status->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
    else
        m_status->setText(tr("Saved %1.").arg(path));
}

void ContainerProbePanel::refreshScript() {
    m_script->setPlainText(containerProbeScript(m_session->target));
}

QString ContainerProbePanel::script() const {
    return m_script->toPlainText();
}

QString ContainerProbePanel::statusText() const {
    return m_status->text();
}

bool ContainerProbePanel::usePastedOutput() {
    const QString text = m_paste->toPlainText();
    QString error;
    if (!parseContainerProbe(text, &error)) {
        m_status->setText(tr("Not used: %1.").arg(error));
        return false;
    }
    // One paste answers every container-side step; the engine re-judges them and the diagnosis follows.
    m_session->engine().setManualOutput(containerProbeSteps().constFirst(), text);
    m_status->setText(tr("Used: the container steps are now judged from inside the gateway."));
    emit probeUsed();
    return true;
}

} // namespace duo::ui
