#include "core/net/httpclient.h"
#include "core/net/requestcoalescer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace duo;

namespace {

// A deliberately misbehaving server on 127.0.0.1: each path is one kind of bad answer.
class NastyServer : public QTcpServer {
public:
    QByteArray lastHostHeader;
    int requests = 0;
    quint16 closedPort = 0;

    NastyServer() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
        listen(QHostAddress::LocalHost);
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost);
        closedPort = probe.serverPort();
    }

private:
    void answer(QTcpSocket* socket) {
        const QByteArray request = socket->readAll();
        ++requests;
        const QByteArray path = request.split(' ').value(1);
        for (const QByteArray& line : request.split('\n')) {
            if (line.toLower().startsWith("host:"))
                lastHostHeader = line.mid(5).trimmed();
        }
        if (path == "/slow")
            return; // a black hole: never answers
        if (path == "/big") {
            const QByteArray body(2 * 1024 * 1024, 'x');
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\n\r\n" + body);
            return;
        }
        if (path == "/loop") {
            socket->write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        if (path == "/away") {
            // Another origin on loopback: the same address, another port where nothing listens.
            socket->write("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" +
                          QByteArray::number(closedPort) + "/elsewhere\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        if (path == "/hop") {
            socket->write("HTTP/1.1 301 Moved\r\nLocation: /ok\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Thing: yes\r\nContent-Length: "
                      "11\r\n\r\n{\"ok\":true}");
    }
};

// A forward proxy on 127.0.0.1 that answers every request itself and remembers its request lines.
class RecordingProxy : public QTcpServer {
public:
    QList<QByteArray> requestLines;

    RecordingProxy() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    requestLines.append(socket->readAll().split('\r').value(0));
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nvia proxy");
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }
};

HttpResult sendAndWait(HttpClient& client, const QUrl& url, bool generates = false) {
    HttpResult result;
    bool done = false;
    HttpRequest request;
    request.url = url;
    request.generates = generates;
    client.send(request, [&](const HttpResult& r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qFatal("request never completed");
    return result;
}

} // namespace

class TestHttpClient : public QObject {
    Q_OBJECT
private:
    NastyServer m_server;
    QNetworkAccessManager m_network;
    QUrl url(const char* path) const {
        return QUrl(
            QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(QLatin1String(path)));
    }
    RunOptions fastOptions() const {
        RunOptions options;
        options.timeoutMs = 400;
        options.inferenceTimeoutMs = 800;
        return options;
    }

private slots:
    void plainAnswerWithLowerCaseHeaders() {
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, url("/ok"));
        QCOMPARE(result.status, 200);
        QVERIFY(result.answered());
        QCOMPARE(result.header("x-thing"), QByteArray("yes"));
        QCOMPARE(result.body, QByteArray("{\"ok\":true}"));
    }
    void blackHoleHitsTheOverallDeadline() {
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, url("/slow"));
        QCOMPARE(result.error, NetError::Timeout);
        QVERIFY(result.elapsedMs >= 350 && result.elapsedMs < 3000);
        const HttpResult generating = sendAndWait(client, url("/slow"), true);
        QCOMPARE(generating.error, NetError::Timeout);
        QVERIFY(generating.elapsedMs >= 750);
    }
    void hugeAnswerIsCut() {
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, url("/big"));
        QCOMPARE(result.error, NetError::TooLarge);
        QVERIFY(result.errorText.contains(QLatin1String("larger")));
    }
    void redirectLoopStops() {
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, url("/loop"));
        QCOMPARE(result.error, NetError::RedirectRefused);
        QVERIFY(result.errorText.contains(QLatin1String("redirect")));
    }
    void credentialsNeverFollowARedirectToAnotherOrigin() {
        HttpClient client(&m_network, fastOptions());
        HttpRequest request;
        request.url = url("/away");
        request.addHeader("PRIVATE-TOKEN", "glpat-secret-value");
        HttpResult result;
        bool done = false;
        client.send(request, [&](const HttpResult& r) {
            result = r;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(result.error, NetError::RedirectRefused);
        QCOMPARE(result.status, 302);
        QVERIFY(result.errorText.contains(QString::number(m_server.closedPort)));
    }
    void aRequestWithoutCredentialsFollowsAndReportsTheChain() {
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, url("/away"));
        QCOMPARE(result.redirects.size(), 1);
        QCOMPARE(result.redirects.first().port(), int(m_server.closedPort));
        QCOMPARE(result.error, NetError::ConnectionRefused);
    }
    void sameOriginRedirectIsFollowed() {
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, url("/hop"));
        QCOMPARE(result.status, 200);
    }
    void refusedPort() {
        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost);
        const quint16 port = closed.serverPort();
        closed.close();
        HttpClient client(&m_network, fastOptions());
        const HttpResult result = sendAndWait(client, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        QCOMPARE(result.error, NetError::ConnectionRefused);
        QVERIFY(!result.answered());
    }
    void resolveOverridesTheAddressAndKeepsTheHostHeader() {
        RunOptions options = fastOptions();
        options.resolve.append(
            {QStringLiteral("llm.internal.test"), m_server.serverPort(), QStringLiteral("127.0.0.1")});
        HttpClient client(&m_network, options);
        const HttpResult result = sendAndWait(
            client, QUrl(QStringLiteral("http://llm.internal.test:%1/ok").arg(m_server.serverPort())));
        QCOMPARE(result.status, 200);
        QCOMPARE(m_server.lastHostHeader,
                 QByteArray("llm.internal.test:") + QByteArray::number(m_server.serverPort()));
    }
    void identicalRequestsOfAFleetGoOutOnce() {
        auto coalescer = std::make_shared<RequestCoalescer>();
        HttpClient first(&m_network, fastOptions());
        HttpClient second(&m_network, fastOptions());
        first.setCoalescer(coalescer);
        second.setCoalescer(coalescer);
        const int before = m_server.requests;
        int answered = 0;
        HttpRequest request;
        request.url = url("/ok");
        for (HttpClient* client : {&first, &second, &first})
            client->send(request,
                         [&](const HttpResult& result) { answered += result.status == 200 ? 1 : 0; });
        QTRY_COMPARE(answered, 3);
        QCOMPARE(m_server.requests - before, 1);
        // Afterwards too: the answer is reused within the run.
        second.send(request, [&](const HttpResult& result) { answered += result.status == 200 ? 1 : 0; });
        QTRY_COMPARE(answered, 4);
        QCOMPARE(m_server.requests - before, 1);
    }
    void answersOfAFleetReachEachWorkerThreadsOwnClient() {
        // A fleet's worker threads share one coalescer: a request joined on one thread is answered there.
        auto coalescer = std::make_shared<RequestCoalescer>();
        HttpClient mainClient(&m_network, fastOptions());
        mainClient.setCoalescer(coalescer);
        const int before = m_server.requests;
        HttpRequest request;
        request.url = url("/ok");
        int mainStatus = 0;
        mainClient.send(request, [&](const HttpResult& result) { mainStatus = result.status; });
        std::atomic<int> workerStatus = 0;
        std::atomic<QThread*> answeredOn = nullptr;
        const RunOptions options = fastOptions();
        std::unique_ptr<QThread> worker(QThread::create([&, options] {
            QNetworkAccessManager network;
            HttpClient client(&network, options);
            client.setCoalescer(coalescer);
            QEventLoop loop;
            client.send(request, [&](const HttpResult& result) {
                answeredOn = QThread::currentThread();
                workerStatus = result.status;
                loop.quit();
            });
            loop.exec();
        }));
        worker->start();
        QTRY_COMPARE(mainStatus, 200);
        QTRY_VERIFY(worker->isFinished());
        QCOMPARE(workerStatus.load(), 200);
        QCOMPARE(answeredOn.load(), worker.get());
        QCOMPARE(m_server.requests - before, 1);
    }
    // The GUI's session, its "Test" buttons and the Model page share one manager: each client's requests go
    // where its own settings say, whoever was made last, and the shared manager itself is left as it was.
    void clientsSharingAManagerKeepTheirOwnConnectionSettings() {
        RecordingProxy proxy;
        RunOptions proxied = fastOptions();
        proxied.proxy.mode = ProxySetting::Mode::Manual;
        proxied.proxy.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.serverPort()));
        RunOptions direct = fastOptions();
        direct.proxy.mode = ProxySetting::Mode::None;
        QNetworkAccessManager shared;
        HttpClient throughProxy(&shared, proxied);
        HttpClient withoutProxy(&shared, direct);
        const HttpResult viaProxy = sendAndWait(throughProxy, url("/ok"));
        QCOMPARE(viaProxy.body, QByteArray("via proxy"));
        QCOMPARE(proxy.requestLines.size(), 1);
        QVERIFY2(proxy.requestLines.first().contains(url("/ok").toEncoded()),
                 proxy.requestLines.first().constData());
        const HttpResult directly = sendAndWait(withoutProxy, url("/ok"));
        QCOMPARE(directly.body, QByteArray("{\"ok\":true}"));
        QCOMPARE(proxy.requestLines.size(), 1);
        // A client made later with the proxy again still uses it.
        HttpClient againThroughProxy(&shared, proxied);
        QCOMPARE(sendAndWait(withoutProxy, url("/ok")).body, QByteArray("{\"ok\":true}"));
        QCOMPARE(sendAndWait(againThroughProxy, url("/ok")).body, QByteArray("via proxy"));
        QVERIFY(!shared.proxyFactory());
    }
    void cancelAllCompletesEveryRequest() {
        HttpClient client(&m_network, fastOptions());
        int cancelled = 0;
        for (int i = 0; i < 3; ++i) {
            HttpRequest request;
            request.url = url("/slow");
            client.send(request,
                        [&](const HttpResult& r) { cancelled += r.error == NetError::Cancelled ? 1 : 0; });
        }
        QTest::qWait(50);
        client.cancelAll();
        QTRY_COMPARE(cancelled, 3);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "test_httpclient.moc"
