// Identical requests of a fleet go out once: the client that sends ("leader") answers the others ("joiners").
// Whatever happens to the leader, a joiner gets a real answer or ends at its own deadline.
#include "core/net/httpclient.h"
#include "core/net/requestcoalescer.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

using namespace duo;

namespace {

// On 127.0.0.1: /late answers after 300 ms, /slow never; counts what reaches it per path.
class SlowServer : public QTcpServer {
public:
    QHash<QByteArray, int> requests;

    SlowServer() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
        });
        listen(QHostAddress::LocalHost);
    }
    QUrl url(const char* path) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(QLatin1String(path)));
    }

private:
    void answer(QTcpSocket* socket) {
        const QByteArray path = socket->readAll().split(' ').value(1);
        ++requests[path];
        if (path != "/late")
            return; // a black hole
        QTimer::singleShot(300, socket,
                           [socket] { socket->write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate"); });
    }
};

RunOptions withTimeout(int timeoutMs) {
    RunOptions options;
    options.timeoutMs = timeoutMs;
    return options;
}

HttpRequest get(const QUrl& url) {
    HttpRequest request;
    request.url = url;
    return request;
}

// What one send() ended with, and whether it ended at all.
struct Outcome {
    bool done = false;
    HttpResult result;
    HttpClient::Callback callback() {
        return [this](const HttpResult& answer) {
            result = answer;
            done = true;
        };
    }
};

// Lets a blocked worker thread go and waits for it, however the test ends.
struct ReleaseOnExit {
    QSemaphore& gate;
    QThread& thread;
    ~ReleaseOnExit() {
        gate.release();
        thread.wait();
    }
};

} // namespace

class TestRequestCoalescer : public QObject {
    Q_OBJECT
private:
    SlowServer m_server;
    QNetworkAccessManager m_network;

private slots:
    void aJoinerTakesOverWhenTheLeaderIsDestroyed() {
        auto coalescer = std::make_shared<RequestCoalescer>();
        auto leader = std::make_unique<HttpClient>(&m_network, withTimeout(3000));
        HttpClient joiner(&m_network, withTimeout(3000));
        leader->setCoalescer(coalescer);
        joiner.setCoalescer(coalescer);
        const int before = m_server.requests.value("/late");
        Outcome led, joined;
        leader->send(get(m_server.url("/late")), led.callback());
        joiner.send(get(m_server.url("/late")), joined.callback());
        QTRY_COMPARE(m_server.requests.value("/late"), before + 1);
        leader.reset(); // e.g. its engine was deleted mid-run
        QTRY_VERIFY_WITH_TIMEOUT(joined.done, 2500);
        QCOMPARE(joined.result.status, 200);
        QCOMPARE(joined.result.body, QByteArray("late"));
        QVERIFY(!led.done); // the destroyed client's callback is never called
        QCOMPARE(m_server.requests.value("/late"), before + 2);
    }

    void aCancelledLeaderLeavesOtherClientsARealAnswer() {
        auto coalescer = std::make_shared<RequestCoalescer>();
        HttpClient leader(&m_network, withTimeout(3000));
        HttpClient joiner(&m_network, withTimeout(3000));
        leader.setCoalescer(coalescer);
        joiner.setCoalescer(coalescer);
        Outcome led, joined;
        leader.send(get(m_server.url("/late")), led.callback());
        joiner.send(get(m_server.url("/late")), joined.callback());
        QTest::qWait(50);
        leader.cancelAll(); // one profile cancelled; the other did not
        QTRY_VERIFY(led.done);
        QCOMPARE(led.result.error, NetError::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(joined.done, 2500);
        QCOMPARE(joined.result.error, NetError::None);
        QCOMPARE(joined.result.status, 200);
    }

    void cancellingAClientEndsItsJoinedRequestsToo() {
        auto coalescer = std::make_shared<RequestCoalescer>();
        HttpClient client(&m_network, withTimeout(3000));
        client.setCoalescer(coalescer);
        Outcome first, second;
        client.send(get(m_server.url("/slow")), first.callback());
        client.send(get(m_server.url("/slow")), second.callback());
        QTest::qWait(50);
        client.cancelAll();
        QTRY_VERIFY(first.done && second.done);
        QCOMPARE(first.result.error, NetError::Cancelled);
        QCOMPARE(second.result.error, NetError::Cancelled);
    }

    void aJoinerTakesOverOnItsOwnThread() {
        auto coalescer = std::make_shared<RequestCoalescer>();
        HttpClient leader(&m_network, withTimeout(3000));
        leader.setCoalescer(coalescer);
        Outcome led;
        leader.send(get(m_server.url("/late")), led.callback());
        std::atomic<int> status = 0;
        std::atomic<QThread*> answeredOn = nullptr;
        std::atomic<bool> joined = false;
        const QUrl url = m_server.url("/late");
        std::unique_ptr<QThread> worker(QThread::create([&] {
            QNetworkAccessManager network;
            HttpClient client(&network, withTimeout(3000));
            client.setCoalescer(coalescer);
            QEventLoop loop;
            client.send(get(url), [&](const HttpResult& result) {
                answeredOn = QThread::currentThread();
                status = result.status;
                loop.quit();
            });
            joined = true;
            loop.exec();
        }));
        worker->start();
        QTRY_VERIFY(joined.load());
        leader.cancelAll();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 2500);
        QCOMPARE(status.load(), 200);
        QCOMPARE(answeredOn.load(), worker.get());
    }

    void aJoinerEndsAtItsOwnDeadline() {
        // The leader's thread is stuck (busy, or its event loop gone): the joiner still ends in time.
        auto coalescer = std::make_shared<RequestCoalescer>();
        QSemaphore gate;
        std::atomic<bool> sent = false;
        const QUrl url = m_server.url("/slow");
        std::unique_ptr<QThread> worker(QThread::create([&] {
            QNetworkAccessManager network;
            HttpClient leader(&network, withTimeout(400));
            leader.setCoalescer(coalescer);
            leader.send(get(url), [](const HttpResult&) {});
            sent = true;
            gate.acquire(); // no event loop until the test is over
        }));
        worker->start();
        const ReleaseOnExit release{gate, *worker};
        QTRY_VERIFY(sent.load());
        HttpClient joiner(&m_network, withTimeout(400));
        joiner.setCoalescer(coalescer);
        Outcome joined;
        joiner.send(get(url), joined.callback());
        QTRY_VERIFY_WITH_TIMEOUT(joined.done, 2000);
        QCOMPARE(joined.result.error, NetError::Timeout);
        QVERIFY2(joined.result.elapsedMs >= 350, qPrintable(QString::number(joined.result.elapsedMs)));
    }
};

QTEST_GUILESS_MAIN(TestRequestCoalescer)
#include "test_requestcoalescer.moc"
