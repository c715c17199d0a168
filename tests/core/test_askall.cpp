// CheckContext::ask and askAll: a check finishes once, with its last judge's result, however its answers
// arrive: later, or at once because a shared answer was already in.
#include "core/engine/answerboard.h"
#include "core/engine/checkcontext.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace duo;

namespace {

// On 127.0.0.1: answers every request at once with 200 and its path.
class EchoServer : public QTcpServer {
public:
    EchoServer() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    const QByteArray path = socket->readAll().split(' ').value(1);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(path.size()) +
                                  "\r\n\r\n" + path);
                });
        });
        listen(QHostAddress::LocalHost);
    }
    HttpRequest get(const char* path, bool shareable = false) const {
        HttpRequest request;
        request.url =
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(QLatin1String(path)));
        request.shareable = shareable;
        return request;
    }
};

} // namespace

class TestAskAll : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    EchoServer m_server;
    Target m_target;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<AnswerBoard> m_board;
    QList<CheckResult> m_finished;
    std::shared_ptr<CheckContext> m_context;

    // Sends a shareable request and waits for its answer, so the next ask for it is answered at once.
    void answerAhead(const HttpRequest& request) {
        bool answered = false;
        m_board->ask(request, [&answered](const HttpResult&) { answered = true; });
        QTRY_VERIFY(answered);
    }

private slots:
    void init() {
        m_client = std::make_unique<HttpClient>(&m_network, RunOptions{});
        m_board = std::make_unique<AnswerBoard>(*m_client);
        m_finished.clear();
        m_context = std::make_shared<CheckContext>(
            *findCheck(QStringLiteral("model.server_type")), m_target, *m_board,
            [](const QString&) { return nullptr; }, std::nullopt,
            [this](CheckResult result) { m_finished.append(std::move(result)); });
    }
    void cleanup() {
        m_context.reset();
        m_board.reset();
        m_client.reset();
    }

    void askAllJudgesOnceEveryAnswerIsIn() {
        const HttpRequest shared = m_server.get("/shared", true);
        answerAhead(shared);
        QList<QByteArray> bodies;
        m_context->askAll({shared, m_server.get("/fresh")},
                          [&bodies](CheckResult& result, const QList<HttpResult>& answers) {
                              for (const HttpResult& answer : answers)
                                  bodies.append(answer.body);
                              result.summary = QStringLiteral("judged");
                          });
        QVERIFY(m_finished.isEmpty()); // the shared answer alone must not end the check
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(bodies, (QList<QByteArray>{"/shared", "/fresh"}));
        QCOMPARE(m_finished.constFirst().summary, QStringLiteral("judged"));
        QCOMPARE(m_finished.constFirst().status, Status::Pass);
    }

    void aJudgeThatAsksAgainLeavesTheResultToTheNextJudge() {
        const HttpRequest shared = m_server.get("/first", true);
        answerAhead(shared);
        m_context->ask(shared, [this](CheckResult& result, const HttpResult&) {
            result.summary = QStringLiteral("first");
            m_context->ask(m_server.get("/second"), [](CheckResult& second, const HttpResult& answer) {
                second.summary = QString::fromUtf8(answer.body);
            });
        });
        QVERIFY(m_finished.isEmpty());
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.constFirst().summary, QStringLiteral("/second"));
        QTest::qWait(50);
        QCOMPARE(m_finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAskAll)
#include "test_askall.moc"
