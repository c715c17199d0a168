// The shape every check shares (ask: send, judge, finish), the guard that ends a check which forgets to
// finish, and the run's answer board that lets identical shareable requests share one answer.
#include "core/engine/answerboard.h"
#include "core/engine/catalog.h"
#include "core/engine/checkcontext.h"
#include "core/net/httpclient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace duo;

namespace {

// On 127.0.0.1: answers every request with 200 after `delayMs`, and counts them.
class CountingServer : public QTcpServer {
public:
    int requests = 0;
    int delayMs = 0;

    CountingServer() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
        });
        listen(QHostAddress::LocalHost);
    }
    HttpRequest get(bool shareable) const {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/models").arg(serverPort()));
        request.shareable = shareable;
        return request;
    }

private:
    void answer(QTcpSocket* socket) {
        socket->readAll();
        ++requests;
        QTimer::singleShot(delayMs, socket, [socket] {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}");
        });
    }
};

void doNothing(const std::shared_ptr<CheckContext>&) {}

const CheckDefinition forgetful{.id = QStringLiteral("test.forgets"),
                                .title = "A check that forgets to finish",
                                .section = "Before you begin troubleshooting",
                                .run = doNothing};

// A check's context on its own: what the engine builds for each check it launches.
struct Harness {
    explicit Harness(int timeoutMs)
        : http(&network, options(timeoutMs))
        , answers(http) {}
    static RunOptions options(int timeoutMs) {
        RunOptions options;
        options.timeoutMs = timeoutMs;
        return options;
    }
    std::shared_ptr<CheckContext> context(const CheckDefinition& definition) {
        return std::make_shared<CheckContext>(
            definition, target, answers, [](const QString&) { return nullptr; }, std::nullopt,
            [this](CheckResult result) { finished = std::move(result); });
    }

    QNetworkAccessManager network;
    HttpClient http;
    AnswerBoard answers;
    Target target;
    std::optional<CheckResult> finished;
};

} // namespace

class TestCheckContext : public QObject {
    Q_OBJECT
private slots:
    void aCheckThatNeverFinishesEndsAsAFailureNamingItself() {
        Harness harness(200);
        const auto context = harness.context(forgetful);
        context->startGuard();
        QElapsedTimer clock;
        clock.start();
        forgetful.run(context); // sends nothing, never finishes
        QTRY_VERIFY_WITH_TIMEOUT(harness.finished.has_value(), 10000);
        QCOMPARE(harness.finished->status, Status::Fail);
        QVERIFY(harness.finished->summary.contains(QLatin1String("test.forgets")));
        QVERIFY(harness.finished->summary.contains(QLatin1String("did not finish")));
        QVERIFY(harness.finished->evidence.value(QStringLiteral("did_not_finish")).toBool());
        QVERIFY(clock.elapsed() >= 200 + CheckContext::finishGraceMs - 50);
    }

    void askFinishesWithWhatTheJudgeMade() {
        CountingServer server;
        server.delayMs = 50;
        Harness harness(2000);
        const auto context = harness.context(forgetful);
        context->startGuard();
        context->ask(server.get(false), [](CheckResult& result, const HttpResult& answer) {
            result.summary = QStringLiteral("HTTP %1").arg(answer.status);
        });
        QTRY_VERIFY_WITH_TIMEOUT(harness.finished.has_value(), 5000);
        QCOMPARE(harness.finished->status, Status::Pass);
        QCOMPARE(harness.finished->summary, QStringLiteral("HTTP 200"));
        QCOMPARE(harness.finished->id, QStringLiteral("test.forgets"));
    }

    void aChainedAskFinishesOnlyAfterTheLastJudge() {
        CountingServer server;
        Harness harness(2000);
        const auto context = harness.context(forgetful);
        context->startGuard();
        const HttpRequest request = server.get(false);
        context->ask(request, [context, request](CheckResult& first, const HttpResult&) {
            first.summary = QStringLiteral("first");
            context->ask(request, [](CheckResult& second, const HttpResult&) {
                second.summary = QStringLiteral("second");
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(harness.finished.has_value(), 5000);
        QCOMPARE(harness.finished->summary, QStringLiteral("second"));
        QCOMPARE(server.requests, 2);
    }

    void theGuardWaitsForASlowAnswerWithinItsDeadline() {
        CountingServer server;
        server.delayMs = CheckContext::finishGraceMs + 300; // beyond the grace, within the request's deadline
        Harness harness(CheckContext::finishGraceMs + 3000);
        const auto context = harness.context(forgetful);
        context->startGuard();
        context->ask(server.get(false), [](CheckResult&, const HttpResult&) {});
        QTRY_VERIFY_WITH_TIMEOUT(harness.finished.has_value(), 10000);
        QCOMPARE(harness.finished->status, Status::Pass);
    }

    void shareableRequestsOfOneRunShareOneAnswer() {
        CountingServer server;
        server.delayMs = 100;
        Harness harness(2000);
        int answered = 0;
        harness.answers.prefetch(server.get(true));
        for (int i = 0; i < 3; ++i)
            harness.answers.ask(server.get(true), [&answered](const HttpResult& answer) {
                QCOMPARE(answer.status, 200);
                ++answered;
            });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 3, 5000);
        QCOMPARE(server.requests, 1);
        harness.answers.ask(server.get(true), [&answered](const HttpResult&) { ++answered; });
        QCOMPARE(answered, 4); // already answered: at once
        QCOMPARE(server.requests, 1);
        QCOMPARE(harness.answers.sent(), 1);
    }

    void requestsNotMarkedShareableGoOutEachTime() {
        CountingServer server;
        Harness harness(2000);
        int answered = 0;
        for (int i = 0; i < 2; ++i)
            harness.answers.ask(server.get(false), [&answered](const HttpResult&) { ++answered; });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 2, 5000);
        QCOMPARE(server.requests, 2);
    }
};

QTEST_GUILESS_MAIN(TestCheckContext)
#include "test_checkcontext.moc"
