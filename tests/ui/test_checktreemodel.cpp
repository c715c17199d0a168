#include "ui/checktreemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace duo;
using namespace duo::ui;

class TestCheckTreeModel : public QObject {
    Q_OBJECT
private slots:
    void groupsFollowTheCatalogAndRootCausesArePinned() {
        CheckTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({QStringLiteral("model.auth"), QStringLiteral("gitlab.reachable"),
                     QStringLiteral("manual.aigw_env")});
        QCOMPARE(model.rowCount(), 6); // root causes + 5 components (the Agent Platform service since 18.x)
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Root causes"));
        QCOMPARE(model.rowCount(model.index(1, 0)), 1);
        QCOMPARE(model.index(0, 0, model.index(1, 0)).data(CheckTreeModel::CheckIdRole).toString(),
                 QStringLiteral("gitlab.reachable"));

        model.setRunning(QStringLiteral("model.auth"));
        CheckResult failed;
        failed.id = QStringLiteral("model.auth");
        failed.status = Status::Fail;
        failed.durationMs = 12;
        model.updateCheck(failed);
        const QModelIndex auth = model.indexOfCheck(QStringLiteral("model.auth"));
        QCOMPARE(auth.data(CheckTreeModel::StatusRole).toInt(), int(Status::Fail));
        QCOMPARE(auth.siblingAtColumn(CheckTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("Failed"));
        QCOMPARE(auth.siblingAtColumn(CheckTreeModel::DurationColumn).data().toString(),
                 QStringLiteral("12 ms"));
        QVERIFY(!auth.data(Qt::DecorationRole).value<QIcon>().isNull());

        RootCause cause;
        cause.checkId = QStringLiteral("model.auth");
        cause.explains = {QStringLiteral("gateway.model_request")};
        model.setRootCauses({cause});
        QCOMPARE(model.rowCount(model.rootCausesIndex()), 1);
        const QModelIndex pinned = model.index(0, 0, model.rootCausesIndex());
        QCOMPARE(pinned.data(CheckTreeModel::CheckIdRole).toString(), QStringLiteral("model.auth"));
        QVERIFY(model.rootCause(pinned));
        model.setRootCauses({});
        QCOMPARE(model.rowCount(model.rootCausesIndex()), 0);
    }
};

QTEST_MAIN(TestCheckTreeModel)
#include "test_checktreemodel.moc"
