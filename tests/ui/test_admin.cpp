// Issue 20: the wizard as an administrator meets it. Right profile, keyboard, plain words, split networks.
#include "core/engine/catalog.h"
#include "core/profiles/secretstore.h"
#include "core/translations.h"
#include "sim/simstack.h"
#include "sim/simtarget.h"
#include "ui/checktreemodel.h"
#include "ui/detailpane.h"
#include "ui/diagnosispage.h"
#include "ui/doctorwizard.h"
#include "ui/pageids.h"
#include "ui/profilespanel.h"
#include "ui/quicktest.h"
#include "ui/runpage.h"
#include "ui/session.h"
#include "ui/setupsettings.h"
#include "ui/startpage.h"

#include "tests/ui/widgetinput.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHash>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

using namespace duo;
using namespace duo::ui;
using duo::test::edit;
using duo::test::type;

namespace {

// A keychain that fails one secret the way a missing "login" collection does on Linux.
class FlakyStore : public SecretStore {
public:
    std::optional<SecretKind> failing;
    QHash<QString, QString> values;
    void read(const QString& id, SecretKind kind, Callback done) override {
        SecretResult result;
        if (failing == kind)
            result = dbusFailure();
        else if (!values.contains(keyFor(id, kind)))
            result.error = SecretError::NotFound;
        else
            result.value = values.value(keyFor(id, kind));
        later(std::move(done), result);
    }
    void write(const QString& id, SecretKind kind, const QString& value, Callback done) override {
        if (failing == kind)
            return later(std::move(done), dbusFailure());
        values.insert(keyFor(id, kind), value);
        later(std::move(done), {});
    }
    void remove(const QString& id, SecretKind kind, Callback done) override {
        if (failing == kind)
            return later(std::move(done), dbusFailure());
        values.remove(keyFor(id, kind));
        later(std::move(done), {});
    }

private:
    static SecretResult dbusFailure() {
        return {SecretError::Unavailable,
                {},
                QStringLiteral("The keychain is locked or unavailable: Object does not exist at path "
                               "\u201c/org/freedesktop/secrets/collection/login\u201d")};
    }
    void later(Callback done, SecretResult result) {
        QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
    }
};

// Every shortcut a visible control of the window answers to: buttons (the wizard's too), labels with a
// buddy, tab labels, group boxes.
QMultiHash<QString, QString> mnemonics(QWidget* window) {
    QMultiHash<QString, QString> byKey;
    auto add = [&byKey](const QString& text) {
        const QString key = QKeySequence::mnemonic(text).toString().toUpper();
        if (!key.isEmpty())
            byKey.insert(key, text);
    };
    for (const QAbstractButton* button : window->findChildren<QAbstractButton*>()) {
        if (button->isVisible() && button->isEnabled())
            add(button->text());
    }
    for (const QLabel* label : window->findChildren<QLabel*>()) {
        if (label->isVisible() && label->buddy())
            add(label->text());
    }
    for (const QTabBar* bar : window->findChildren<QTabBar*>()) {
        for (int tab = 0; bar->isVisible() && tab < bar->count(); ++tab)
            add(bar->tabText(tab));
    }
    for (const QGroupBox* box : window->findChildren<QGroupBox*>()) {
        if (box->isVisible())
            add(box->title());
    }
    return byKey;
}

QString clashes(QWidget* window, const QString& where) {
    const QMultiHash<QString, QString> byKey = mnemonics(window);
    QStringList found;
    for (const QString& key : byKey.uniqueKeys()) {
        if (byKey.count(key) > 1)
            found << QStringLiteral("%1 on %2: %3")
                         .arg(key, where, QStringList(byKey.values(key)).join(u" | "));
    }
    return found.join(u'\n');
}

void removeTranslators() {
    for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace

class TestAdmin : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_config;

    static void waitForDiagnosis(DoctorWizard& wizard) {
        QCOMPARE(wizard.currentId(), int(RunPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DiagnosisPageId));
    }

    // The simulated stack's values typed by hand, up to the diagnosis.
    static void typeSetupAndRun(DoctorWizard& wizard, const sim::SimInputs& inputs) {
        QCOMPARE(wizard.currentId(), int(GitLabPageId));
        type(&wizard, "gitlabUrl", inputs.gitlabUrl.toString());
        type(&wizard, "gitlabToken", inputs.gitlabToken);
        wizard.next();
        type(&wizard, "gatewayUrl", inputs.gatewayUrl.toString());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ModelPageId));
        auto* family = wizard.findChild<QComboBox*>(QStringLiteral("modelName"));
        family->setCurrentIndex(family->findData(inputs.modelName));
        type(&wizard, "modelEndpoint", inputs.modelEndpoint.toString());
        type(&wizard, "modelIdentifier", inputs.modelIdentifier);
        type(&wizard, "deploymentName", inputs.deploymentName);
        type(&wizard, "modelKey", inputs.modelKey);
        wizard.session()->options = sim::optionsFromSim(inputs);
        wizard.next();
        waitForDiagnosis(wizard);
    }

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QApplication::setOrganizationName(QStringLiteral("duo-doctor-test"));
        QApplication::setApplicationName(QStringLiteral("duo-doctor-admin-test"));
    }

    // Open a profile, go back, "Check my setup" with other URLs, run: the profile keeps its own last run and
    // its pasted outputs are not judged against the other stack.
    void resultsBelongToTheProfileThatWasRun() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        Profile lab = Profile::create(QStringLiteral("lab"));
        lab.gitlabUrl = QUrl(QStringLiteral("https://gitlab.lab.example"));
        lab.gatewayUrl = QUrl(QStringLiteral("http://aigw.lab.example:5052"));
        lab.modelEndpoint = QUrl(QStringLiteral("http://vllm.lab.example:8000/v1"));
        lab.modelFamily = QStringLiteral("mistral");
        lab.manualOutputs.insert(QStringLiteral("manual.aigw_env"),
                                 QStringLiteral("AIGW_AUTH__BYPASS_EXTERNAL=true"));
        DoctorWizard wizard;
        wizard.session()->setSecretStore(std::make_unique<MemorySecretStore>());
        QVERIFY(wizard.session()->profiles().save(lab, &error));
        QStringList asked;
        wizard.session()->confirm = [&asked](const QString& question) {
            asked << question;
            return true;
        };
        wizard.show();
        wizard.restart();
        wizard.startPage()->chooseProfile(lab.id);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GitLabPageId));
        QVERIFY2(wizard.windowTitle().contains(QLatin1String("lab")), qPrintable(wizard.windowTitle()));
        wizard.back();
        wizard.startPage()->findChild<QRadioButton*>(QStringLiteral("newCheck"))->setChecked(true);
        wizard.next();
        QCOMPARE(asked.size(), 1); // it had a pasted output: asked before clearing it
        QVERIFY(!wizard.session()->profile());
        QCOMPARE(wizard.windowTitle(), QStringLiteral("Duo Doctor"));
        typeSetupAndRun(wizard, stack.inputs());
        const Report report = wizard.session()->engine().report();
        QVERIFY(!report.find(QStringLiteral("manual.aigw_env"))->manualOutput);
        const auto saved = wizard.session()->profiles().find(lab.id, &error);
        QVERIFY(saved);
        QVERIFY(!saved->lastRun); // nothing recorded for a stack that is not its own
        QCOMPARE(saved->manualOutputs.size(), 1);
    }

    // Changing a URL of an opened profile detaches it too; a run of the profile itself is recorded.
    void changingAUrlDetachesTheProfile() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        Profile lab = Profile::create(QStringLiteral("sim"));
        Target target = sim::targetFromSim(stack.inputs());
        lab.setTarget(target);
        lab.options = sim::optionsFromSim(stack.inputs());
        DoctorWizard wizard;
        wizard.session()->setSecretStore(std::make_unique<MemorySecretStore>());
        QVERIFY(wizard.session()->profiles().save(lab, &error));
        wizard.session()->confirm = [](const QString&) { return true; };
        wizard.show();
        wizard.restart();
        wizard.startPage()->chooseProfile(lab.id);
        wizard.next();
        wizard.next();
        wizard.next();
        type(&wizard, "modelKey", stack.inputs().modelKey);
        wizard.next();
        waitForDiagnosis(wizard);
        QTRY_VERIFY(wizard.session()->profiles().find(lab.id, &error)->lastRun.has_value());

        wizard.restart();
        wizard.startPage()->chooseProfile(lab.id);
        wizard.next();
        type(&wizard, "gitlabUrl", QStringLiteral("https://other.example.com"));
        wizard.next();
        QVERIFY(!wizard.session()->profile());
        QVERIFY(!wizard.windowTitle().contains(QLatin1String("sim")));
    }

    void tabLeavesThePasteBox() {
        CheckResult step;
        step.id = QStringLiteral("manual.aigw_env");
        step.vantage = Vantage::Manual;
        step.status = Status::Manual;
        DetailPane pane;
        pane.show();
        pane.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&pane));
        pane.showCheck(step);
        QPlainTextEdit* box = pane.pasteBox();
        QVERIFY(box);
        box->setFocus();
        QTRY_VERIFY(box->hasFocus());
        QTest::keyClick(box, Qt::Key_Tab);
        QVERIFY(!box->toPlainText().contains(QLatin1Char('\t')));
        QTRY_VERIFY(!box->hasFocus());
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("evaluateOutput"));
    }

    // The simulated stack typed by hand, with the model's name only the gateway's network knows given in
    // Advanced (the CLI's --resolve): nothing fails.
    void advancedResolveReachesANameOnlyTheGatewayKnows() {
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
        auto* advanced = wizard.currentPage()->findChild<QGroupBox*>(QStringLiteral("advanced"));
        QVERIFY(advanced);
        QVERIFY(!edit(&wizard, "resolve")->isVisible());
        advanced->setChecked(true);
        QVERIFY(edit(&wizard, "resolve")->isVisible());
        type(&wizard, "resolve", QStringLiteral("model.sim.test:8000"));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // not HOST:PORT:ADDRESS
        type(&wizard, "resolve", stack.inputs().resolve.join(u' '));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        wizard.next();
        auto* family = wizard.findChild<QComboBox*>(QStringLiteral("modelName"));
        family->setCurrentIndex(family->findData(stack.inputs().modelName));
        type(&wizard, "modelEndpoint", stack.inputs().modelEndpoint.toString());
        type(&wizard, "modelIdentifier", stack.inputs().modelIdentifier);
        type(&wizard, "deploymentName", stack.inputs().deploymentName);
        type(&wizard, "modelKey", stack.inputs().modelKey);
        wizard.next();
        waitForDiagnosis(wizard);
        QCOMPARE(wizard.session()->options.resolve.size(), stack.inputs().resolve.size());
        const Report report = wizard.session()->engine().report();
        QCOMPARE(report.find(QStringLiteral("model.reachable"))->status, Status::Pass);
        QVERIFY(report.rootCauses.isEmpty());
    }

    // A failure seen only from this desktop does not outrank what GitLab and the gateway confirm.
    void aDesktopOnlyFailureRanksAfterTheRealCause() {
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(wizard.startSimulated(QStringLiteral("split-network-auth-bypass-off")));
        waitForDiagnosis(wizard);
        const Report report = wizard.session()->engine().report();
        QVERIFY(report.rootCauses.size() >= 2);
        QCOMPARE(report.rootCauses.first().checkId, QStringLiteral("gateway.auth_bypass"));
        QCOMPARE(report.rootCauses.last().checkId, QStringLiteral("model.reachable"));
        QCOMPARE(report.rootCauses.last().title,
                 QStringLiteral("This desktop cannot reach the model server; GitLab and the gateway can."));
        CheckTreeModel* model = wizard.treeModel();
        const QModelIndex causes = model->rootCausesIndex();
        QCOMPARE(model->index(model->rowCount(causes) - 1, 0, causes).data().toString(),
                 report.rootCauses.last().title);
        // The banner names the problem, not the check's title.
        const QString banner = wizard.findChild<QLabel*>(QStringLiteral("diagnosisBanner"))->text();
        QVERIFY2(!banner.contains(QLatin1String("accepts requests without")), qPrintable(banner));
    }

    // Tab on the Diagnosis page: tree, the details, the action row, the wizard's buttons. Evaluate keeps the
    // focus after judging, so Enter does not leave the page.
    void diagnosisPageTabOrderAndFocus() {
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(wizard.startSimulated(QStringLiteral("gateway-auth-bypass-off")));
        waitForDiagnosis(wizard);
        DiagnosisPage* page = wizard.diagnosisPage();
        QTRY_VERIFY(page->tree()->hasFocus());
        QVERIFY(page->tree()->selectionModel()->isSelected(page->tree()->currentIndex()));
        const QModelIndex first = page->tree()->currentIndex();
        QTest::keyClick(page->tree(), Qt::Key_Down);
        QVERIFY(page->tree()->currentIndex() != first); // the first Down moves
        page->selectCheck(QStringLiteral("manual.aigw_env"));
        page->tree()->setFocus();
        QStringList order;
        for (int step = 0; step < 40 && !order.contains(QStringLiteral("back")); ++step) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget* focused = QApplication::focusWidget();
            const QString name =
                focused == wizard.button(QWizard::BackButton) ? QStringLiteral("back")
                : page->details()->isAncestorOf(focused) ? QStringLiteral("details:") + focused->objectName()
                : focused->objectName().isEmpty() ? QString::fromLatin1(focused->metaObject()->className())
                                                  : focused->objectName();
            order << name;
        }
        QVERIFY2(order.value(0).startsWith(QLatin1String("details:")), qPrintable(order.join(u", ")));
        QVERIFY2(order.contains(QStringLiteral("details:manualOutput")), qPrintable(order.join(u", ")));
        const qsizetype evaluate = order.indexOf(QStringLiteral("details:evaluateOutput"));
        const qsizetype exported = order.indexOf(QStringLiteral("exportReport"));
        QVERIFY2(evaluate >= 0 && evaluate < exported && exported < order.indexOf(QStringLiteral("back")),
                 qPrintable(order.join(u", ")));

        auto* evaluateButton = page->details()->findChild<QPushButton*>(QStringLiteral("evaluateOutput"));
        page->details()->pasteBox()->setPlainText(QStringLiteral("AIGW_AUTH__BYPASS_EXTERNAL=true"));
        evaluateButton->setFocus();
        QTest::keyClick(evaluateButton, Qt::Key_Space);
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("evaluateOutput"));
        QCOMPARE(wizard.currentId(), int(DiagnosisPageId));
    }

    // Test keeps the focus, can be cancelled while slow, and its result goes when the URL changes.
    void testButtonCancelsAndItsResultFollowsTheUrl() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("gateway-black-hole"), &error), qPrintable(error));
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowActive(&wizard));
        wizard.restart();
        wizard.next();
        wizard.next();
        type(&wizard, "gatewayUrl", stack.inputs().gatewayUrl.toString());
        auto* test = wizard.currentPage()->findChild<QuickTest*>();
        test->button()->setFocus();
        QTest::keyClick(test->button(), Qt::Key_Space);
        QVERIFY(test->button()->hasFocus());
        QVERIFY(test->button()->isEnabled());
        QVERIFY2(test->button()->text().contains(QLatin1String("Cancel")),
                 qPrintable(test->button()->text()));
        QTest::keyClick(test->button(), Qt::Key_Space);
        QTRY_COMPARE(test->resultText(), QStringLiteral("Test cancelled."));
        QVERIFY(test->button()->hasFocus());
        QTest::keyClick(edit(&wizard, "gatewayUrl"), Qt::Key_Backspace);
        QVERIFY(test->resultText().isEmpty());
    }

    // Cancel on the Run page: the focus goes on to Next, not to Help.
    void cancellingTheRunHandsTheFocusToNext() {
        DoctorWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowActive(&wizard));
        QVERIFY(wizard.startSimulated(QStringLiteral("gateway-black-hole")));
        auto* cancel = wizard.currentPage()->findChild<QPushButton*>();
        for (QPushButton* button : wizard.currentPage()->findChildren<QPushButton*>())
            cancel = button->accessibleName() == QLatin1String("Cancel the run") ? button : cancel;
        cancel->setFocus();
        QTRY_VERIFY(cancel->hasFocus());
        QTest::keyClick(cancel, Qt::Key_Space);
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QCOMPARE(QApplication::focusWidget(), wizard.button(QWizard::NextButton));
    }

    void urlFieldsSayWhatIsWrongWithoutJumping() {
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        wizard.next();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(GatewayPageId));
        auto* problem = wizard.currentPage()->findChild<QLabel*>(QStringLiteral("problem"));
        QLineEdit* url = edit(&wizard, "gatewayUrl");
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY2(problem->isVisible() && problem->text().contains(QLatin1String("Required")),
                 qPrintable(problem->text()));
        const QRect before = url->geometry();
        const QPoint belowBefore = edit(&wizard, "agentPlatform")->mapTo(&wizard, QPoint());
        url->setText(QStringLiteral("http://aigw.example.com:99999"));
        QVERIFY2(problem->text().contains(QLatin1String("port")) &&
                     problem->text().contains(QLatin1String("65535")),
                 qPrintable(problem->text()));
        QCOMPARE(url->geometry(), before);
        QCOMPARE(edit(&wizard, "agentPlatform")->mapTo(&wizard, QPoint()), belowBefore);
        url->setText(QStringLiteral("http://aigw.example.com:5052/") + QString(22 * 1024, QLatin1Char('a')));
        QVERIFY2(problem->text().contains(QLatin1String("2,048")), qPrintable(problem->text()));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        url->setText(QStringLiteral("http://aigw.example.com:5052"));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    }

    // "1 warning", "2 warnings": plural forms, in English too.
    void countsUsePluralForms() {
        removeTranslators();
        installTranslations(*qApp, QStringLiteral("en"));
        {
            DoctorWizard wizard;
            wizard.show();
            QVERIFY(wizard.startSimulated(QStringLiteral("gateway-auth-bypass-off")));
            QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
            const QString state =
                wizard.currentPage()->findChild<QLabel*>(QStringLiteral("runState"))->text();
            QVERIFY2(!state.contains(QLatin1String("(s)")), qPrintable(state));
            QVERIFY2(state.contains(QLatin1String("0 warnings")), qPrintable(state));
            wizard.next();
            CheckTreeModel* model = wizard.treeModel();
            const QModelIndex cause = model->index(0, CheckTreeModel::StatusColumn, model->rootCausesIndex());
            const QString tip = cause.data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.startsWith(QLatin1String("Explains ")) && !tip.contains(QLatin1String("(s)")),
                     qPrintable(tip));
            // Short, so the titles keep the width: the Result column takes at most a quarter at the minimum
            // size.
            wizard.resize(wizard.minimumSize());
            QTreeView* tree = wizard.diagnosisPage()->tree();
            QTRY_VERIFY2(
                tree->header()->sectionSize(CheckTreeModel::StatusColumn) * 4 <= tree->viewport()->width(),
                qPrintable(QString::number(tree->header()->sectionSize(CheckTreeModel::StatusColumn))));
        }
        removeTranslators();
    }

    // Every input and status icon has a name a screen reader can say.
    void inputsHaveAccessibleNames() {
        DoctorWizard wizard;
        wizard.show();
        wizard.restart();
        QStringList unnamed;
        auto inspect = [&unnamed, &wizard](const QString& page) {
            for (QWidget* widget : wizard.currentPage()->findChildren<QWidget*>()) {
                if (qobject_cast<QHeaderView*>(widget))
                    continue; // the tree's header: its sections are named by the model
                const bool input = qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget) ||
                                   qobject_cast<QPlainTextEdit*>(widget) ||
                                   qobject_cast<QAbstractButton*>(widget) ||
                                   qobject_cast<QAbstractItemView*>(widget);
                const auto* label = qobject_cast<QLabel*>(widget);
                const bool icon = label && !label->pixmap().isNull();
                if (!widget->isVisible() || !(input || icon))
                    continue;
                QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
                if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                    unnamed << page + QStringLiteral(": ") +
                                   QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') +
                                   widget->objectName();
            }
        };
        inspect(QStringLiteral("Start"));
        wizard.next();
        auto* test = wizard.currentPage()->findChild<QuickTest*>();
        type(&wizard, "gitlabUrl", QStringLiteral("http://127.0.0.1:9"));
        QTest::mouseClick(test->button(), Qt::LeftButton);
        QTRY_VERIFY(!test->resultText().isEmpty() && !test->resultText().endsWith(QChar(0x2026)));
        inspect(QStringLiteral("GitLab"));
        wizard.next();
        wizard.currentPage()->findChild<QGroupBox*>(QStringLiteral("advanced"))->setChecked(true);
        inspect(QStringLiteral("Gateway"));
        type(&wizard, "gatewayUrl", QStringLiteral("http://127.0.0.1:9"));
        wizard.next();
        inspect(QStringLiteral("Model"));
        QVERIFY(wizard.startSimulated(QStringLiteral("gateway-auth-bypass-off")));
        inspect(QStringLiteral("Run"));
        waitForDiagnosis(wizard);
        inspect(QStringLiteral("Diagnosis"));
        wizard.diagnosisPage()->selectCheck(QStringLiteral("manual.aigw_env"));
        inspect(QStringLiteral("Diagnosis (manual step)"));
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    }

    void anEmptyProfileListDoesNotTakeTheFirstScreen() {
        QTemporaryDir empty;
        qputenv("XDG_CONFIG_HOME", empty.path().toUtf8());
        {
            DoctorWizard wizard;
            wizard.show();
            wizard.restart();
            QVERIFY(!wizard.startPage()->profiles()->list()->isVisible());
            QVERIFY(wizard.startPage()->profiles()->message().contains(QLatin1String("No saved profiles")));
        }
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    }

    void aRestoredWindowFitsOnTheScreen() {
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        {
            QWidget huge;
            huge.setGeometry(available.right() + 2000, available.bottom() + 1500, available.width() * 3,
                             available.height() * 3);
            saveWindowGeometry(huge.saveGeometry());
        }
        DoctorWizard wizard;
        const QRect frame(wizard.pos(), wizard.size());
        QVERIFY2(available.contains(frame), qPrintable(QStringLiteral("%1,%2 %3x%4 on %5x%6")
                                                           .arg(frame.x())
                                                           .arg(frame.y())
                                                           .arg(frame.width())
                                                           .arg(frame.height())
                                                           .arg(available.width())
                                                           .arg(available.height())));
    }

    // A manual step's fix names the automatic check it confirms, and links to it.
    void aManualStepLinksTheAutomaticCheckItConfirms() {
        CheckResult step;
        step.id = QStringLiteral("manual.model_from_gateway");
        step.vantage = Vantage::Manual;
        step.status = Status::Fail;
        step.fix = QStringLiteral("Open the way from the container to the model.");
        DetailPane pane;
        pane.showCheck(step);
        auto* link = pane.findChild<QLabel*>(QStringLiteral("relatedCheck"));
        QVERIFY(link);
        QVERIFY2(link->text().contains(QLatin1String("The gateway can reach the model's address")),
                 qPrintable(link->text()));
        QSignalSpy requested(&pane, &DetailPane::checkRequested);
        emit link->linkActivated(QStringLiteral("check:model.endpoint_address"));
        QCOMPARE(requested.value(0).value(0).toString(), QStringLiteral("model.endpoint_address"));
    }

    // A long command wraps and its block grows with it: no sideways scrolling inside the scrolling pane.
    void commandsWrapInsteadOfScrollingSideways() {
        CheckResult result;
        result.id = QStringLiteral("model.endpoint_address");
        result.status = Status::Fail;
        result.commands.append(
            {QStringLiteral("Docker"), QStringLiteral("docker run ") + QString(600, QLatin1Char('x'))});
        DetailPane pane;
        pane.resize(420, 600);
        pane.show();
        pane.showCheck(result);
        QTextEdit* code = nullptr;
        for (QTextEdit* edit : pane.findChildren<QTextEdit*>())
            code = edit->toPlainText().startsWith(QLatin1String("docker run")) ? edit : code;
        QVERIFY(code);
        QTRY_VERIFY(code->height() > 3 * code->fontMetrics().lineSpacing());
        QVERIFY(!code->horizontalScrollBar()->isVisible());
        QVERIFY(code->width() <= pane.width());
    }

    void noTwoControlsShareAMnemonic_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << "en";
        QTest::newRow("de") << "de";
        QTest::newRow("fr") << "fr";
    }
    void noTwoControlsShareAMnemonic() {
        QFETCH(QString, language);
        removeTranslators();
        installTranslations(*qApp, language);
        QStringList found;
        {
            DoctorWizard wizard;
            wizard.show();
            wizard.restart();
            // Our translation is loaded (not only Qt's), or the test would check English twice.
            QVERIFY2(language == QLatin1String("en") ||
                         wizard.button(QWizard::HelpButton)->text() != QLatin1String("&Help"),
                     "set DUO_DOCTOR_QM_DIR (CTest does)");
            found << clashes(&wizard, QStringLiteral("Start"));
            // With a profile selected its buttons come alive.
            QTreeWidget* profiles = wizard.startPage()->profiles()->list();
            if (profiles->topLevelItemCount() > 0) {
                profiles->setCurrentItem(profiles->topLevelItem(0));
                found << clashes(&wizard, QStringLiteral("Start (a profile selected)"));
                wizard.startPage()->findChild<QRadioButton*>(QStringLiteral("newCheck"))->setChecked(true);
            }
            wizard.next();
            found << clashes(&wizard, QStringLiteral("GitLab"));
            wizard.next();
            type(&wizard, "gatewayUrl", QStringLiteral("http://127.0.0.1:9"));
            found << clashes(&wizard, QStringLiteral("Gateway"));
            if (auto* advanced = wizard.currentPage()->findChild<QGroupBox*>(QStringLiteral("advanced"))) {
                advanced->setChecked(true);
                found << clashes(&wizard, QStringLiteral("Gateway (advanced)"));
            }
            wizard.next();
            QCOMPARE(wizard.currentId(), int(ModelPageId));
            found << clashes(&wizard, QStringLiteral("Model"));
            QVERIFY(wizard.startSimulated(QStringLiteral("gateway-auth-bypass-off")));
            found << clashes(&wizard, QStringLiteral("Run"));
            waitForDiagnosis(wizard);
            DiagnosisPage* page = wizard.diagnosisPage();
            found << clashes(&wizard, QStringLiteral("Diagnosis (root cause)"));
            page->selectCheck(QStringLiteral("manual.aigw_env"));
            found << clashes(&wizard, QStringLiteral("Diagnosis (manual step)"));
            for (int tab = 1; tab < page->tabs()->count(); ++tab) {
                page->tabs()->setCurrentIndex(tab);
                found << clashes(&wizard, page->tabs()->tabText(tab));
            }
        }
        found.removeAll(QString());
        removeTranslators();
        QLocale::setDefault(QLocale(QLocale::English));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    // Saving says which secret is in the keychain and which is not, in plain words; opening says which came
    // back. No D-Bus text.
    void keychainMessagesNameEachSecretInPlainWords() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        DoctorWizard wizard;
        auto* store = new FlakyStore;
        store->failing = SecretKind::GitLabToken;
        wizard.session()->setSecretStore(std::unique_ptr<SecretStore>(store));
        wizard.session()->target = sim::targetFromSim(stack.inputs());
        QString message;
        wizard.session()->saveProfile(QStringLiteral("keys"),
                                      [&message](bool, const QString& text) { message = text; });
        QTRY_VERIFY(!message.isEmpty());
        QVERIFY2(message.contains(QLatin1String("The model API key is in the keychain")),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("The GitLab token was not stored")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("freedesktop")), qPrintable(message));

        const QString id = wizard.session()->profile()->id;
        wizard.show();
        wizard.restart();
        wizard.startPage()->chooseProfile(id);
        wizard.next();
        auto* notice = wizard.currentPage()->findChild<QLabel*>(QStringLiteral("secretsNotice"));
        QTRY_VERIFY(notice->text().contains(QLatin1String("restored")));
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(QLatin1String("The model API key was restored from the keychain")),
                 qPrintable(notice->text()));
        QVERIFY2(notice->text().contains(QLatin1String("The GitLab token could not be read")),
                 qPrintable(notice->text()));
        QVERIFY(!notice->text().contains(QLatin1String("freedesktop")));
        QTRY_COMPARE(edit(&wizard, "modelKey")->text(), stack.inputs().modelKey);

        // Both fine: one short sentence that stays on the page.
        store->failing.reset();
        wizard.session()->target = sim::targetFromSim(stack.inputs());
        wizard.session()->saveProfile({}, [&message](bool, const QString& text) { message = text; });
        QTRY_VERIFY(message.contains(QLatin1String("its secrets are in the keychain")));
        wizard.restart();
        wizard.startPage()->chooseProfile(id);
        wizard.next();
        QTRY_VERIFY(notice->text().contains(QLatin1String("The GitLab token was restored")));
    }
};

QTEST_MAIN(TestAdmin)
#include "test_admin.moc"
