// duo-doctor-screenshots OUTDIR: walks the wizard's pages and saves a PNG of each (scripts/screenshots.sh
// runs it under Xvfb with the real xcb platform).
#include "core/profiles/profilestore.h"
#include "core/translations.h"
#include "ui/containerprobepanel.h"
#include "ui/detailpane.h"
#include "ui/diagnosispage.h"
#include "ui/doctorwizard.h"
#include "ui/loganalyzerpanel.h"
#include "ui/pageids.h"
#include <QTabWidget>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>

#include <cstdio>

using namespace duo;
using namespace duo::ui;

namespace {

void settle(int ms = 300) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

void typeInto(QWidget* root, const char* name, const QString& text) {
    auto* widget = root->findChild<QWidget*>(QLatin1String(name));
    auto* line = qobject_cast<QLineEdit*>(widget);
    if (!line && widget)
        line = widget->findChild<QLineEdit*>();
    if (line)
        line->setText(text);
}

bool shoot(QWidget* window, const QDir& dir, const char* name) {
    settle();
    const QString path = dir.filePath(QString::fromLatin1(name));
    const bool ok = window->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("duo-doctor-screenshots"));
    duo::installTranslations(app, argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots"));
    QDir().mkpath(out.path());

    // Two saved profiles so the Start page shows its list.
    const ProfileStore store;
    QString error;
    for (const auto& [name, gitlab, failed] :
         {std::tuple{"production", "https://gitlab.example.com", 0},
          std::tuple{"staging", "https://gitlab-staging.example.com", 2}}) {
        Profile profile = Profile::create(QString::fromLatin1(name));
        profile.gitlabUrl = QUrl(QString::fromLatin1(gitlab));
        profile.gatewayUrl = QUrl(QStringLiteral("http://aigw.example.com:5052"));
        profile.lastRun = Profile::LastRun{QDateTime::currentDateTimeUtc().addDays(-failed - 1),
                                           StatusCounts{19, failed, 0, 0, 12},
                                           failed ? QStringLiteral("model.endpoint_address") : QString()};
        store.save(profile, &error);
    }

    DoctorWizard wizard;
    wizard.resize(1100, 760);
    wizard.show();
    bool ok = shoot(&wizard, out, "01-start.png");
    wizard.next();
    typeInto(&wizard, "gitlabUrl", QStringLiteral("https://gitlab.example.com"));
    typeInto(&wizard, "gitlabToken", QStringLiteral("glpat-example-not-a-real-token"));
    ok = shoot(&wizard, out, "02-gitlab.png") && ok;
    wizard.next();
    typeInto(&wizard, "gatewayUrl", QStringLiteral("http://aigw.example.com:5052/monitoring/healthz"));
    // Advanced open: how this desktop reaches a name only the gateway's network knows.
    if (auto* advanced = wizard.currentPage()->findChild<QGroupBox*>(QStringLiteral("advanced")))
        advanced->setChecked(true);
    typeInto(&wizard, "resolve", QStringLiteral("vllm.internal:8000:10.0.0.5"));
    ok = shoot(&wizard, out, "03-gateway-validation.png") && ok;
    typeInto(&wizard, "gatewayUrl", QStringLiteral("http://aigw.example.com:5052"));
    wizard.next();
    auto* family = wizard.findChild<QComboBox*>(QStringLiteral("modelName"));
    family->setCurrentIndex(family->findData(QStringLiteral("mistral")));
    typeInto(&wizard, "modelEndpoint", QStringLiteral("http://vllm.example.com:8000/v1"));
    typeInto(&wizard, "modelIdentifier", QStringLiteral("custom_openai/mistralai/Mistral-7B-Instruct-v0.3"));
    typeInto(&wizard, "modelKey", QStringLiteral("example-key"));
    ok = shoot(&wizard, out, "04-model.png") && ok;

    if (!wizard.startSimulated(QStringLiteral("model-localhost-in-container")))
        return 1;
    QElapsedTimer clock;
    clock.start();
    while (!wizard.button(QWizard::NextButton)->isEnabled() && clock.elapsed() < 30000)
        settle(50);
    ok = shoot(&wizard, out, "05-run.png") && ok;
    wizard.next();
    ok = shoot(&wizard, out, "06-diagnosis.png") && ok;
    wizard.diagnosisPage()->selectCheck(QStringLiteral("manual.model_from_gateway"));
    if (QPlainTextEdit* paste = wizard.diagnosisPage()->details()->pasteBox()) {
        paste->setPlainText(QStringLiteral(
            "curl: (7) Failed to connect to 127.0.0.1 port 8000 after 0 ms: Connection refused"));
        if (auto* evaluate =
                wizard.diagnosisPage()->details()->findChild<QPushButton*>(QStringLiteral("evaluateOutput")))
            evaluate->click();
    }
    settle(500);
    ok = shoot(&wizard, out, "07-manual-step.png") && ok;

    // The log analyzer with a gateway log pasted, and the container probe.
    DiagnosisPage* page = wizard.diagnosisPage();
    page->tabs()->setCurrentWidget(page->logAnalyzer());
    page->logAnalyzer()->input()->setPlainText(QStringLiteral(
        "2026-11-20 09:30:02 [error    ] No keys founds in JWKS; are OIDC providers up?\n"
        "2026-11-20 09:31:10 [error    ] litellm.APIConnectionError: OpenAIException - Connection error. "
        "api_base=http://127.0.0.1:8000/v1\n"
        "2026-11-20 09:33:00 [error    ] This model's maximum context length is 4096 tokens.\n"
        "I'm sorry, I can't generate a response. Error code: A1001\n"));
    page->logAnalyzer()->analyze();
    settle(800);
    ok = shoot(&wizard, out, "08-log-analyzer.png") && ok;
    page->tabs()->setCurrentWidget(page->containerProbe());
    settle(300);
    ok = shoot(&wizard, out, "09-container-probe.png") && ok;

    // A split network: the model's name is known to the gateway's network only; the real cause comes first.
    if (!wizard.startSimulated(QStringLiteral("split-network-auth-bypass-off")))
        return 1;
    clock.restart();
    while (!wizard.button(QWizard::NextButton)->isEnabled() && clock.elapsed() < 30000)
        settle(50);
    wizard.next();
    page->tabs()->setCurrentIndex(0);
    ok = shoot(&wizard, out, "10-split-network.png") && ok;
    return ok ? 0 : 1;
}
