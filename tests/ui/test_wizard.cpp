// Drives the real wizard against the simulated stack, as an admin would: fill the fields, Run, read the tree.
#include "core/checks/containerprobe.h"
#include "core/profiles/secretstore.h"
#include "core/text/redactor.h"
#include "sim/simstack.h"
#include "sim/simtarget.h"
#include "ui/checktreemodel.h"
#include "ui/containerprobepanel.h"
#include "ui/detailpane.h"
#include "ui/diagnosispage.h"
#include "ui/doctorwizard.h"
#include "ui/loganalyzerpanel.h"
#include "ui/pageids.h"
#include "ui/pastejudging.h"
#include "ui/profilespanel.h"
#include "ui/quicktest.h"
#include "ui/session.h"
#include "ui/startpage.h"

#include "core/checks/containerprobe.h"
#include "tests/ui/widgetinput.h"
#include "ui/containerprobepanel.h"
#include "ui/loganalyzerpanel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace duo;
using namespace duo::ui;
using duo::test::edit;
using duo::test::type;

namespace {

QString readAllFiles(const QString& dir) {
    QString all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += QString::fromUtf8(file.readAll());
    }
    return all;
}

} // namespace

class TestWizard : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_config;

    // Types the simulated stack's values into the pages and presses Next up to the diagnosis.
    void fillAndRun(DoctorWizard& wizard, const sim::SimInputs& inputs) {
        wizard.restart();
        QCOMPARE(wizard.currentId(), int(StartPageId));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GitLabPageId));
        type(&wizard, "gitlabUrl", inputs.gitlabUrl.toString());
        type(&wizard, "gitlabToken", inputs.gitlabToken);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GatewayPageId));
        type(&wizard, "gatewayUrl", inputs.gatewayUrl.toString());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ModelPageId));
        auto* family = wizard.findChild<QComboBox*>(QStringLiteral("modelName"));
        family->setCurrentIndex(family->findData(inputs.modelName));
        type(&wizard, "modelEndpoint", inputs.modelEndpoint.toString());
        type(&wizard, "modelIdentifier", inputs.modelIdentifier);
        type(&wizard, "deploymentName", inputs.deploymentName);
        type(&wizard, "modelKey", inputs.modelKey);
        // The names only the simulated network knows, as the CLI's --resolve would give them.
        wizard.session()->options = sim::optionsFromSim(inputs);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(RunPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(DiagnosisPageId));
    }

    static QString firstRootCause(DoctorWizard& wizard) {
        CheckTreeModel* model = wizard.treeModel();
        const QModelIndex causes = model->rootCausesIndex();
        return model->rowCount(causes)
                   ? model->index(0, 0, causes).data(CheckTreeModel::CheckIdRole).toString()
                   : QString();
    }

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QApplication::setOrganizationName(QStringLiteral("duo-doctor-test"));
        QApplication::setApplicationName(QStringLiteral("duo-doctor-test"));
    }

    void rootCauseAndFixForScenarios_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("rootCause");
        QTest::addColumn<QString>("fixMentions");
        QTest::newRow("localhost") << "model-localhost-in-container"
                                   << "model.endpoint_address"
                                   << "--network host";
        QTest::newRow("bypass") << "gateway-auth-bypass-off"
                                << "gateway.auth_bypass"
                                << "AIGW_AUTH__BYPASS_EXTERNAL=true";
        QTest::newRow("not served") << "model-not-served"
                                    << "model.listed"
                                    << "custom_openai/mistralai/Mistral-7B-Instruct-v0.3";
        QTest::newRow("gitlab url") << "gitlab-gateway-url-mismatch"
                                    << "gitlab.ai_gateway_url"
                                    << "Local AI Gateway URL";
    }
    void rootCauseAndFixForScenarios() {
        QFETCH(QString, scenario);
        QFETCH(QString, rootCause);
        QFETCH(QString, fixMentions);
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(scenario, &error), qPrintable(error));
        DoctorWizard wizard;
        QAbstractItemModelTester tester(wizard.treeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        wizard.show();
        fillAndRun(wizard, stack.inputs());
        QCOMPARE(firstRootCause(wizard), rootCause);
        // The first root cause is selected: its fix is on screen.
        DetailPane* details = wizard.diagnosisPage()->details();
        QCOMPARE(details->shownCheckId(), rootCause);
        QVERIFY2(details->fixText().contains(fixMentions) ||
                     details->findChild<QPlainTextEdit*>()->toPlainText().contains(fixMentions),
                 qPrintable(details->fixText()));
        auto* banner = wizard.findChild<QLabel*>(QStringLiteral("diagnosisBanner"));
        QVERIFY(banner->text().startsWith(QLatin1String("Most likely cause")));
    }

    void pastedManualOutputChangesTheTree() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        DoctorWizard wizard;
        wizard.show();
        fillAndRun(wizard, stack.inputs());
        QVERIFY(firstRootCause(wizard).isEmpty());
        DiagnosisPage* page = wizard.diagnosisPage();
        page->selectCheck(QStringLiteral("manual.user_access"));
        QCOMPARE(page->details()->shownCheckId(), QStringLiteral("manual.user_access"));
        QPlainTextEdit* paste = page->details()->pasteBox();
        QVERIFY(paste);
        QTest::keyClicks(paste, QStringLiteral("=> false"));
        QTest::mouseClick(page->details()->findChild<QPushButton*>(QStringLiteral("evaluateOutput")),
                          Qt::LeftButton);
        const QModelIndex index = wizard.treeModel()->indexOfCheck(QStringLiteral("manual.user_access"));
        QTRY_COMPARE(index.data(CheckTreeModel::StatusRole).toInt(), int(Status::Fail));
        QTRY_COMPARE(firstRootCause(wizard), QStringLiteral("manual.user_access"));
    }

    // A megabyte pasted into a manual step is judged on a worker thread; the window keeps answering and the
    // verdict arrives (issue 16, finding 3).
    void aLargePasteIsJudgedOffTheGuiThread() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        DoctorWizard wizard;
        wizard.show();
        fillAndRun(wizard, stack.inputs());
        DiagnosisPage* page = wizard.diagnosisPage();
        page->selectCheck(QStringLiteral("manual.rake_verify"));
        QString output;
        while (output.size() < 1000 * 1000)
            output += QStringLiteral(">> step ok \u2714\n");
        output += QStringLiteral(">> AI Gateway returned HTTP 503 \u2717\n");
        page->details()->pasteBox()->setPlainText(output);
        QSignalSpy started(page->pasteJudging(), &PasteJudging::judgingStarted);
        QTest::mouseClick(page->details()->findChild<QPushButton*>(QStringLiteral("evaluateOutput")),
                          Qt::LeftButton);
        QCOMPARE(started.count(), 1);
        QVERIFY(page->bannerText().startsWith(QLatin1String("Judging")));
        const QModelIndex index = wizard.treeModel()->indexOfCheck(QStringLiteral("manual.rake_verify"));
        QTRY_COMPARE_WITH_TIMEOUT(index.data(CheckTreeModel::StatusRole).toInt(), int(Status::Fail), 20000);
        QVERIFY(!page->pasteJudging()->isJudging());
        QTRY_VERIFY(!page->bannerText().startsWith(QLatin1String("Judging")));
    }

    // What a Copy button puts on the clipboard is redacted with the run's secrets.
    void copiedCommandsAreRedacted() {
        DetailPane pane;
        pane.setRedactor(Redactor({QStringLiteral("sekret-key-4711")}));
        CheckResult result;
        result.id = QStringLiteral("gateway.health");
        result.status = Status::Fail;
        result.commands = {
            {QStringLiteral("Ask the model"),
             QStringLiteral("curl -H 'Authorization: Bearer sekret-key-4711' http://m/v1/models")}};
        pane.showCheck(result);
        QPushButton* copy = nullptr;
        for (QPushButton* button : pane.findChildren<QPushButton*>()) {
            if (button->text() == QLatin1String("Copy"))
                copy = button;
        }
        QVERIFY(copy);
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("curl -H 'Authorization: Bearer ***' http://m/v1/models"));
    }

    void logAnalyzerTabFindsFailuresAndShowsTheTextOnlyRedacted() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        DoctorWizard wizard;
        wizard.show();
        fillAndRun(wizard, stack.inputs());
        DiagnosisPage* page = wizard.diagnosisPage();
        page->tabs()->setCurrentWidget(page->logAnalyzer());
        LogAnalyzerPanel* panel = page->logAnalyzer();
        const QString key = stack.inputs().modelKey;
        panel->input()->setPlainText(QStringLiteral("Error code: A1001\n"
                                                    "litellm.AuthenticationError: key %1 was rejected\n")
                                         .arg(key));
        QSignalSpy analyzed(panel, &LogAnalyzerPanel::analyzed);
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("analyzeLog")), Qt::LeftButton);
        QVERIFY(analyzed.wait(10000));
        QCOMPARE(panel->findings()->topLevelItemCount(), 2);
        QCOMPARE(panel->analysis().findings.at(0).signatureId, QStringLiteral("log.duo_chat_a1001"));
        QVERIFY(!panel->input()->toPlainText().contains(key)); // shown again only redacted
        auto* details = panel->findChild<QTextBrowser*>(QStringLiteral("logFindingDetails"));
        QVERIFY(details->toPlainText().contains(QStringLiteral("Fix:")));
    }

    // Files are read from disk (the paste box keeps its text); the requests show as timelines (issue 19).
    void logAnalyzerTabReadsFilesAndShowsRequests() {
        DoctorWizard wizard;
        wizard.show();
        LogAnalyzerPanel* panel = wizard.diagnosisPage()->logAnalyzer();
        panel->input()->setPlainText(QStringLiteral("pasted text stays"));
        const QString logs = qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/logs/");
        QSignalSpy analyzed(panel, &LogAnalyzerPanel::analyzed);
        QString error;
        QVERIFY(!panel->analyzeFiles({logs + QStringLiteral("missing.log")}, &error));
        QVERIFY(error.contains(QStringLiteral("missing.log")));
        QVERIFY(panel->analyzeFiles(
            {logs + QStringLiteral("gitlab-18-llm.log"), logs + QStringLiteral("aigw-18.log")}, &error));
        QVERIFY(analyzed.wait(10000));
        QVERIFY(!panel->running());
        QCOMPARE(panel->input()->toPlainText(), QStringLiteral("pasted text stays"));
        QCOMPARE(panel->findings()->topLevelItemCount(), int(panel->analysis().findings.size()));
        QCOMPARE(panel->requests()->topLevelItemCount(), 6);
        bool timeline = false;
        for (int row = 0; row < panel->requests()->topLevelItemCount(); ++row) {
            QTreeWidgetItem* request = panel->requests()->topLevelItem(row);
            if (request->text(0) == QLatin1String("01JDR8B7TW2N"))
                timeline =
                    request->childCount() == 5 && request->child(1)->text(0).endsWith(QLatin1String(" ?"));
        }
        QVERIFY(timeline);
        for (const LogRequest& request : panel->analysis().requests) {
            for (const LogRequestLine& line : request.lines)
                QVERIFY(!line.text.contains(QLatin1String("Q9wErTy8UiOp7AsDf6Gh")));
        }
    }

    void containerProbeTabTurnsPastedOutputIntoGatewayResults() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        DoctorWizard wizard;
        wizard.show();
        fillAndRun(wizard, stack.inputs());
        DiagnosisPage* page = wizard.diagnosisPage();
        ContainerProbePanel* probe = page->containerProbe();
        QVERIFY(probe->script().startsWith(QStringLiteral("#!/bin/sh")));
        QVERIFY(probe->script().contains(stack.inputs().modelEndpoint.host()));
        QVERIFY(!probe->script().contains(stack.inputs().modelKey));
        // Garbage is refused with a reason.
        probe->pasteBox()->setPlainText(QStringLiteral("bash: sh: not found"));
        QVERIFY(!probe->usePastedOutput());
        QVERIFY(probe->statusText().startsWith(QStringLiteral("Not used")));
        // What the probe prints when the container cannot reach the model.
        probe->pasteBox()->setPlainText(QStringLiteral(
            R"({"schema":"duo-doctor.container-probe.v1","tool":"curl","env":{"AIGW_AUTH__BYPASS_EXTERNAL":"true",)"
            R"("AIGW_CUSTOM_MODELS__ENABLED":"true","AIGW_GITLAB_URL":"http://gitlab"},"healthz":{"url":"x","status":200,)"
            R"("body":"","error":""},"model":{"url":"http://vllm:8000/v1/models","status":0,"body":"",)"
            R"("error":"curl exit 7: Failed to connect to vllm port 8000: Connection refused"},)"
            R"("model_authenticated":false,"gitlab_dns":{"host":"gitlab","addresses":"10.0.0.2"}})"));
        QVERIFY(probe->usePastedOutput());
        const QModelIndex index =
            wizard.treeModel()->indexOfCheck(QStringLiteral("manual.model_from_gateway"));
        QTRY_COMPARE(index.data(CheckTreeModel::StatusRole).toInt(), int(Status::Fail));
        QTRY_COMPARE(firstRootCause(wizard), QStringLiteral("manual.model_from_gateway"));
        const Report report = wizard.session()->engine().report();
        for (const CheckResult& check : report.checks) {
            if (containerProbeSteps().contains(check.id))
                QCOMPARE(check.vantage, Vantage::Gateway);
        }
        QCOMPARE(page->tabs()->currentIndex(), 0); // back on the tree, the step selected
        QCOMPARE(page->details()->shownCheckId(), QStringLiteral("manual.aigw_env"));
    }

    void simulatedStackFromTheStartPage() {
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(wizard.startSimulated(QStringLiteral("gateway-unhealthy")));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        wizard.next();
        QCOMPARE(firstRootCause(wizard), QStringLiteral("gateway.health"));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(wizard.diagnosisPage()->exportReport(dir.filePath(QStringLiteral("report.html")), &error),
                 qPrintable(error));
        QFile report(dir.filePath(QStringLiteral("report.html")));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray html = report.readAll();
        QVERIFY(html.contains("gateway.health"));
        QVERIFY(!html.contains(wizard.session()->target.modelKey.reveal().toUtf8()));

        QUrl opened;
        wizard.diagnosisPage()->setUrlOpener([&opened](const QUrl& url) {
            opened = url;
            return true;
        });
        QTest::mouseClick(wizard.findChild<QPushButton*>(QStringLiteral("reportProblem")), Qt::LeftButton);
        QCOMPARE(opened.host(), QStringLiteral("gitlab.com"));
        const QString clipboard = QGuiApplication::clipboard()->text();
        QVERIFY(clipboard.startsWith(QLatin1String("### Duo Doctor: 1 problem")));
        QVERIFY(clipboard.contains(QLatin1String("gateway.health")));
        QVERIFY(!clipboard.contains(wizard.session()->target.modelKey.reveal()));
        QVERIFY(wizard.diagnosisPage()->bannerText().contains(QLatin1String("clipboard")));
    }

    // With 300 ms added to every answer, the model server's refusal of the key is certain while GitLab's own
    // requests through the gateway still run: the Run page names it before the last check ends.
    void theMostLikelyCauseShowsBeforeTheRunEnds() {
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(wizard.startSimulated(QStringLiteral("model-key-rejected")));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        wizard.session()->simulatedStack()->setLatencyMs(300);
        wizard.back();
        wizard.next(); // the Run page runs again, now slowly
        QCOMPARE(wizard.currentId(), int(RunPageId));
        auto* likely = wizard.findChild<QLabel*>(QStringLiteral("likelyCause"));
        QVERIFY(likely);
        // Seen at the moment the engine announces it (the Run page's own handler runs first).
        bool shownWhileRunning = false;
        QString shown;
        connect(&wizard.session()->engine(), &CheckEngine::likelyCauseKnown, this, [&] {
            shownWhileRunning = likely->isVisible() && wizard.session()->engine().isRunning();
            shown = likely->text();
        });
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.session()->engine().isRunning(), 30000);
        QVERIFY2(shownWhileRunning, "not shown before the run ended");
        QVERIFY2(shown.contains(findCheck(QStringLiteral("model.auth"))->translatedTitle()),
                 qPrintable(shown));
        wizard.next();
        QCOMPARE(firstRootCause(wizard), QStringLiteral("model.auth"));
    }

    // GitLab 19 stores the Agent Platform service's address: after a run the AI Gateway page shows it.
    void theLearnedAgentPlatformAddressShowsOnTheGatewayPage() {
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(wizard.startSimulated(QStringLiteral("agent-platform-healthy")));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        auto* field = wizard.findChild<QLineEdit*>(QStringLiteral("agentPlatform"));
        QVERIFY(field);
        QVERIFY(field->text().isEmpty());
        QVERIFY2(field->placeholderText().contains(QLatin1String("learned from GitLab: 127.0.0.1:")),
                 qPrintable(field->placeholderText()));
    }

    void testButtonsCheckOnePageAtATime() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("gitlab-community-edition"), &error));
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        type(&wizard, "gitlabUrl", stack.inputs().gitlabUrl.toString());
        type(&wizard, "gitlabToken", stack.inputs().gitlabToken);
        auto* test = wizard.currentPage()->findChild<QuickTest*>();
        QVERIFY(test);
        QTest::mouseClick(test->button(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(test->resultText().contains(QLatin1String("Community Edition")), 15000);
    }

    // "Use a model GitLab already has…" lists GitLab's self-hosted models with the features they serve and
    // fills the Model page with the one picked.
    // Issue 20: after "Use a model GitLab already has…" (pressed from the keyboard) the focus stays on it,
    // not on Help.
    void theFocusStaysOnTheGitLabModelsButton() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        type(&wizard, "gitlabUrl", stack.inputs().gitlabUrl.toString());
        type(&wizard, "gitlabToken", stack.inputs().gitlabToken);
        wizard.next();
        type(&wizard, "gatewayUrl", stack.inputs().gatewayUrl.toString());
        wizard.next();
        auto* button = wizard.findChild<QPushButton*>(QStringLiteral("modelsFromGitLab"));
        QTimer picker;
        picker.setInterval(20);
        bool picked = false;
        QObject::connect(&picker, &QTimer::timeout, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            picker.stop();
            if (!menu->actions().isEmpty())
                menu->actions().first()->trigger();
            menu->close();
            picked = true;
        });
        picker.start();
        wizard.activateWindow();
        button->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(button->hasFocus());
        QTest::keyClick(button, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(picked, 15000);
        QTRY_COMPARE(edit(&wizard, "modelEndpoint")->text(), stack.inputs().modelEndpoint.toString());
        QTRY_VERIFY2(button->hasFocus(),
                     qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                            : QStringLiteral("nothing")));
    }

    void aModelGitLabHasFillsTheModelPage() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        type(&wizard, "gitlabUrl", stack.inputs().gitlabUrl.toString());
        type(&wizard, "gitlabToken", stack.inputs().gitlabToken);
        wizard.next();
        type(&wizard, "gatewayUrl", stack.inputs().gatewayUrl.toString());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ModelPageId));
        QVERIFY(edit(&wizard, "modelEndpoint")->text().isEmpty());
        QStringList offered;
        // The menu is modal: read and pick from it once it is up.
        QTimer picker;
        picker.setInterval(20);
        QObject::connect(&picker, &QTimer::timeout, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            picker.stop();
            for (QAction* action : menu->actions())
                offered << action->text();
            const QList<QAction*> actions = menu->actions();
            if (!actions.isEmpty())
                actions.first()->trigger();
            menu->close();
        });
        picker.start();
        QTest::mouseClick(wizard.findChild<QPushButton*>(QStringLiteral("modelsFromGitLab")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!offered.isEmpty(), 15000);
        QCOMPARE(offered.size(), 1);
        QVERIFY2(offered.first().startsWith(stack.inputs().deploymentName), qPrintable(offered.first()));
        QVERIFY2(offered.first().contains(QLatin1String("used by code_completions, code_generations")),
                 qPrintable(offered.first()));
        QTRY_COMPARE(edit(&wizard, "modelEndpoint")->text(), stack.inputs().modelEndpoint.toString());
        QCOMPARE(edit(&wizard, "modelIdentifier")->text(), stack.inputs().modelIdentifier);
        QCOMPARE(edit(&wizard, "deploymentName")->text(), stack.inputs().deploymentName);
        QCOMPARE(wizard.findChild<QComboBox*>(QStringLiteral("modelName"))->currentData().toString(),
                 stack.inputs().modelName);
    }

    void profilesKeepTheSetupAndTheKeychainKeepsTheSecrets() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        DoctorWizard wizard;
        auto* secrets = new MemorySecretStore;
        wizard.session()->setSecretStore(std::unique_ptr<SecretStore>(secrets));
        wizard.show();
        fillAndRun(wizard, stack.inputs());
        wizard.diagnosisPage()->saveProfile(QStringLiteral("lab"));
        QTRY_VERIFY(
            wizard.diagnosisPage()->bannerText().contains(QLatin1String("secrets are in the keychain")));
        QCOMPARE(secrets->count(), 2);
        const QString saved = readAllFiles(m_config.path());
        QVERIFY(saved.contains(QLatin1String("\"name\": \"lab\"")));
        QVERIFY(saved.contains(QLatin1String("last_run")));
        QVERIFY(!saved.contains(stack.inputs().modelKey) && !saved.contains(stack.inputs().gitlabToken));

        // Next week: open it from the Start page; the secrets come back from the keychain.
        const QString id = wizard.session()->profile()->id;
        wizard.restart();
        wizard.startPage()->chooseProfile(id);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GitLabPageId));
        QCOMPARE(edit(&wizard, "gitlabUrl")->text(), stack.inputs().gitlabUrl.toString());
        QTRY_COMPARE(edit(&wizard, "gitlabToken")->text(), stack.inputs().gitlabToken);
        QTRY_COMPARE(edit(&wizard, "modelKey")->text(), stack.inputs().modelKey);

        // Duplicate with secrets, then delete the copy: its keychain entries go with it.
        ProfilesPanel* panel = wizard.startPage()->profiles();
        panel->duplicate(id, QStringLiteral("lab copy"), true);
        QTRY_COMPARE(secrets->count(), 4);
        QVERIFY(panel->rename(id, QStringLiteral("lab (EU)")));
        QCOMPARE(wizard.session()->profiles().find(QStringLiteral("lab (EU)"), &error)->id, id);
        panel->remove(wizard.session()->profiles().find(QStringLiteral("lab copy"), &error)->id);
        QTRY_COMPARE(secrets->count(), 2);
        QTRY_VERIFY(panel->message().contains(QLatin1String("Deleted")));

        // A locked keychain: a clear notice and the typed secrets are used for this session only.
        secrets->failWith(SecretError::Unavailable);
        wizard.restart();
        wizard.startPage()->chooseProfile(id);
        wizard.next();
        auto* notice = wizard.currentPage()->findChild<QLabel*>(QStringLiteral("secretsNotice"));
        QTRY_VERIFY(notice->text().contains(QLatin1String("session only")));
        QVERIFY(notice->text().contains(QLatin1String("locked")));
    }

    void untrustedCertificateOffersAPinForItsHostOnly() {
        CheckResult result;
        result.id = QStringLiteral("gateway.reachable");
        result.status = Status::Fail;
        result.evidence =
            QJsonObject{{"problem", "self_signed"},
                        {"host", "aigw.example.com"},
                        {"tls_chain", QJsonArray{QJsonObject{{"subject", "aigw.example.com"},
                                                             {"issuer", "aigw.example.com"},
                                                             {"valid_from", "2026-01-01T00:00:00Z"},
                                                             {"valid_until", "2027-01-01T00:00:00Z"},
                                                             {"sha256", QString(64, QLatin1Char('a'))}}}}};
        DetailPane pane;
        pane.showCheck(result);
        auto* trust = pane.findChild<QPushButton*>(QStringLiteral("trustCertificate"));
        QVERIFY(trust);
        QVERIFY(trust->text().contains(QLatin1String("aigw.example.com")));
        QSignalSpy requested(&pane, &DetailPane::trustCertificateRequested);
        trust->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("aigw.example.com"));
        QCOMPARE(requested.first().at(2).toString(), QString(64, QLatin1Char('a')));

        DoctorWizard wizard;
        wizard.session()->trustCertificate(QStringLiteral("aigw.example.com"), QString(64, QLatin1Char('a')));
        QCOMPARE(wizard.session()->options.pinned.size(), 1);
    }

    void certificateChainOffersNoPinWhenTheCheckPassedOrFailedOtherwise() {
        const QJsonArray chain{QJsonObject{{"subject", "aigw.example.com"},
                                           {"issuer", "Example CA"},
                                           {"valid_from", "2026-01-01T00:00:00Z"},
                                           {"valid_until", "2027-01-01T00:00:00Z"},
                                           {"sha256", QString(64, QLatin1Char('b'))}}};
        for (const auto& [status, problem] :
             {std::pair{Status::Pass, "self_signed"}, std::pair{Status::Fail, "expired"},
              std::pair{Status::Warn, "untrusted"}}) {
            CheckResult result;
            result.id = QStringLiteral("gateway.reachable");
            result.status = status;
            result.evidence =
                QJsonObject{{"problem", problem}, {"host", "aigw.example.com"}, {"tls_chain", chain}};
            DetailPane pane;
            pane.showCheck(result);
            QVERIFY(!pane.findChild<QPushButton*>(QStringLiteral("trustCertificate")));
            bool chainShown = false;
            for (const QLabel* label : pane.findChildren<QLabel*>())
                chainShown = chainShown || label->text().contains(QLatin1String("issued by Example CA"));
            QVERIFY(chainShown);
        }
    }

    void aboutNamesTheVersionsAndFixesLinkTheirSection() {
        const QString about = DoctorWizard::aboutText();
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
        QVERIFY(about.contains(QLatin1String("QtKeychain 0.")));
        CheckResult result;
        result.id = QStringLiteral("model.endpoint_address");
        result.status = Status::Fail;
        DetailPane pane;
        pane.showCheck(result);
        auto* link = pane.findChild<QLabel*>(QStringLiteral("sectionLink"));
        QVERIFY(link);
        QVERIFY(
            link->text().contains(QLatin1String("#llm-server-is-not-available-inside-ai-gateway-container")));
        QVERIFY(
            link->text().contains(QLatin1String("LLM server is not available inside AI Gateway container")));
    }

    void networkSettingsAreValidated() {
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GatewayPageId));
        type(&wizard, "gatewayUrl", QStringLiteral("http://aigw.example.com:5052"));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        type(&wizard, "caFile", QStringLiteral("/nonexistent/ca.pem"));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY(wizard.currentPage()
                    ->findChild<QLabel*>(QStringLiteral("networkProblem"))
                    ->text()
                    .contains(QLatin1String("CA file")));
        edit(&wizard, "caFile")->clear();
        auto* proxy = wizard.findChild<QComboBox*>(QStringLiteral("proxyMode"));
        proxy->setCurrentIndex(proxy->findData(int(ProxySetting::Mode::Manual)));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        type(&wizard, "proxyUrl", QStringLiteral("http://proxy.example.com:3128"));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    }

    // Issue 18: a Bedrock model GitLab has comes without an endpoint, and the Model page does not demand one
    // (an OpenAI-compatible identifier still does); the run then diagnoses nothing.
    void aBedrockModelNeedsNoEndpoint() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("bedrock-healthy"), &error), qPrintable(error));
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        type(&wizard, "gitlabUrl", stack.inputs().gitlabUrl.toString());
        type(&wizard, "gitlabToken", stack.inputs().gitlabToken);
        wizard.next();
        type(&wizard, "gatewayUrl", stack.inputs().gatewayUrl.toString());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ModelPageId));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // no identifier yet: the endpoint counts
        QTimer picker;
        picker.setInterval(20);
        QObject::connect(&picker, &QTimer::timeout, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            picker.stop();
            if (!menu->actions().isEmpty())
                menu->actions().first()->trigger();
            menu->close();
        });
        picker.start();
        QTest::mouseClick(wizard.findChild<QPushButton*>(QStringLiteral("modelsFromGitLab")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(edit(&wizard, "modelIdentifier")->text(), stack.inputs().modelIdentifier,
                                  15000);
        QVERIFY(edit(&wizard, "modelEndpoint")->text().isEmpty());
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        auto* problem = wizard.currentPage()->findChild<QLabel*>(QStringLiteral("problem"));
        QVERIFY(problem && !problem->isVisible());
        type(&wizard, "modelIdentifier", QStringLiteral("custom_openai/mistral"));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        type(&wizard, "modelIdentifier", stack.inputs().modelIdentifier);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        type(&wizard, "modelKey", stack.inputs().modelKey);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(RunPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(DiagnosisPageId));
        QCOMPARE(firstRootCause(wizard), QString());
    }

    void invalidUrlDisablesNextAndSaysWhy() {
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        type(&wizard, "gitlabUrl", QStringLiteral("https://gitlab.example.com"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GatewayPageId));
        type(&wizard, "gatewayUrl", QStringLiteral("ftp://aigw:5052"));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        auto* problem = wizard.currentPage()->findChild<QLabel*>(QStringLiteral("problem"));
        QVERIFY(problem && problem->isVisible());
        QVERIFY(problem->text().contains(QLatin1String("ftp")));
        type(&wizard, "gatewayUrl", QStringLiteral("http://aigw:5052/monitoring/healthz"));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY(problem->text().contains(QLatin1String("/monitoring/healthz")));
        type(&wizard, "gatewayUrl", QStringLiteral("http://aigw.example.com:5052"));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY(!problem->isVisible());
    }

    void secretsAreNeverSaved() {
        sim::SimStack stack;
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        {
            DoctorWizard wizard;
            wizard.show();
            fillAndRun(wizard, stack.inputs());
            wizard.accept(); // closes and saves the remembered fields
        }
        const QString saved = readAllFiles(m_config.path());
        QVERIFY2(saved.contains(stack.inputs().gatewayUrl.toString()),
                 "the gateway URL should be remembered");
        QVERIFY(!saved.contains(stack.inputs().modelKey));
        QVERIFY(!saved.contains(stack.inputs().gitlabToken));
        DoctorWizard again;
        again.restart();
        again.next();
        again.next();
        QCOMPARE(edit(&again, "gatewayUrl")->text(), stack.inputs().gatewayUrl.toString());
        QVERIFY(edit(&again, "gitlabToken")->text().isEmpty());
    }
};

QTEST_MAIN(TestWizard)
#include "test_wizard.moc"
