// Real servers for GitLab 18/19's Agent Platform checks: a real gRPC server (Debian's python3-grpcio, run by
// /usr/bin/python3) answering the standard health call, and real nginx in front of the simulated GitLab, once
// passing the WebSocket upgrade and once dropping its headers as a proxy without the upgrade lines does.
#include "sim/simstack.h"
#include "tests/network/doctorrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using duo::test::doctor;
using duo::test::Run;

namespace {

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

bool waitForPort(quint16 port, int timeoutMs = 15000) {
    return QTest::qWaitFor(
        [port] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            return socket.waitForConnected(200);
        },
        timeoutMs);
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
}

// Debian's grpcio has no health module: the method is registered by hand and answers SERVING (08 01).
const QByteArray grpcServer = R"(import sys
from concurrent import futures
import grpc

def check(request, context):
    return b"\x08\x01"

health = grpc.method_handlers_generic_handler(
    "grpc.health.v1.Health", {"Check": grpc.unary_unary_rpc_method_handler(check)})
server = grpc.server(futures.ThreadPoolExecutor(max_workers=2), handlers=[health])
server.add_insecure_port("127.0.0.1:" + sys.argv[1])
server.start()
print("ready", flush=True)
server.wait_for_termination()
)";

} // namespace

class TestAgentPlatformNetwork : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_grpc;
    QProcess m_nginx;
    quint16 m_grpcPort = 0;
    quint16 m_passing = 0;  // nginx with the WebSocket lines
    quint16 m_dropping = 0; // nginx without them
    duo::sim::SimStack m_sim;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QProcessEnvironment tokenEnvironment() const {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("DUO_TEST_TOKEN"), m_sim.inputs().gitlabToken);
        return environment;
    }

    void startGrpc() {
        writeFile(path("health_server.py"), grpcServer);
        m_grpcPort = freePort();
        m_grpc.start(QStringLiteral("/usr/bin/python3"),
                     {path("health_server.py"), QString::number(m_grpcPort)});
        QVERIFY2(m_grpc.waitForStarted(), "python3 is not installed");
        const bool ready = m_grpc.waitForReadyRead(20000) && m_grpc.readAllStandardOutput().contains("ready");
        QVERIFY2(ready, qPrintable(QStringLiteral("the gRPC server did not start (python3-grpcio, see "
                                                  "scripts/debian-packages.txt): ") +
                                   QString::fromUtf8(m_grpc.readAllStandardError())));
    }

    void startNginx() {
        const QByteArray gitlab = "http://127.0.0.1:" + QByteArray::number(m_sim.inputs().gitlabUrl.port());
        m_passing = freePort();
        m_dropping = freePort();
        const QByteArray dir = m_dir.path().toUtf8();
        QByteArray conf = (geteuid() == 0 ? "user root;\n" : "") + QByteArray("worker_processes 1;\npid ") +
                          dir + "/nginx.pid;\nerror_log " + dir +
                          "/nginx-error.log;\nevents { worker_connections 64; }\nhttp { access_log off;\n";
        for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
            conf += "  " + QByteArray(temp) + "_temp_path " + dir + "/nginx-" + temp + ";\n";
        // GitLab's documented lines for WebSockets, and a proxy that lacks them (nginx drops hop-by-hop
        // headers).
        conf += "server { listen 127.0.0.1:" + QByteArray::number(m_passing) +
                ";\n  location / { proxy_pass " + gitlab +
                "; proxy_set_header Host $http_host; proxy_http_version 1.1;\n"
                "    proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\"; } }\n";
        conf += "server { listen 127.0.0.1:" + QByteArray::number(m_dropping) +
                ";\n  location / { proxy_pass " + gitlab + "; proxy_set_header Host $http_host; } }\n}\n";
        writeFile(path("nginx.conf"), conf);
        m_nginx.start(QStringLiteral("nginx"),
                      {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"), path("nginx.conf"),
                       QStringLiteral("-g"), QStringLiteral("daemon off;")});
        QVERIFY2(m_nginx.waitForStarted(), "nginx is not installed (.ci/run installs nginx-light)");
        for (const quint16 port : {m_passing, m_dropping})
            QVERIFY2(waitForPort(port), qPrintable(QString::fromUtf8(m_nginx.readAllStandardError())));
    }

    Run throughNginx(quint16 port) {
        return doctor({QStringLiteral("--gitlab-url"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                       QStringLiteral("--gitlab-token-env"), QStringLiteral("DUO_TEST_TOKEN")},
                      tokenEnvironment());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sim.start(QStringLiteral("agent-platform-healthy"), &error), qPrintable(error));
        startGrpc();
        startNginx();
    }

    void cleanupTestCase() {
        for (QProcess* process : {&m_grpc, &m_nginx}) {
            process->terminate();
            if (!process->waitForFinished(5000))
                process->kill();
        }
    }

    void realGrpcServerIsReachedAndServing() {
        const Run run =
            doctor({QStringLiteral("--agent-platform"), QStringLiteral("127.0.0.1:%1").arg(m_grpcPort)});
        QCOMPARE(run.status("agent_platform.reachable"), QStringLiteral("pass"));
        QCOMPARE(run.evidence("agent_platform.reachable", "transport"), QStringLiteral("h2c"));
        QCOMPARE(run.status("agent_platform.health"), QStringLiteral("pass"));
        QCOMPARE(run.evidence("agent_platform.health", "grpc_status"), QStringLiteral("0"));
        QCOMPARE(run.evidence("agent_platform.health", "health_status"), QStringLiteral("SERVING"));
    }

    void nginxWithTheUpgradeLinesPassesTheWebSocket() {
        const Run run = throughNginx(m_passing);
        QCOMPARE(run.status("gitlab.token"), QStringLiteral("pass"));
        QCOMPARE(run.status("gitlab.agent_platform_websocket"), QStringLiteral("pass"));
        QCOMPARE(run.evidence("gitlab.agent_platform_websocket", "http_status"), QStringLiteral("101"));
        QCOMPARE(run.evidence("gitlab.agent_platform_websocket", "close_code"), QStringLiteral("1000"));
    }

    void nginxWithoutThemIsTheProxyFinding() {
        const Run run = throughNginx(m_dropping);
        QCOMPARE(run.status("gitlab.token"), QStringLiteral("pass"));
        QCOMPARE(run.status("gitlab.agent_platform_websocket"), QStringLiteral("fail"));
        QCOMPARE(run.evidence("gitlab.agent_platform_websocket", "signature"),
                 QStringLiteral("gitlab.websocket.upgrade_dropped"));
        QVERIFY(run.check(QStringLiteral("gitlab.agent_platform_websocket"))
                    .value(QStringLiteral("fix"))
                    .toString()
                    .contains(QLatin1String("proxy_set_header Upgrade $http_upgrade")));
    }
};

QTEST_GUILESS_MAIN(TestAgentPlatformNetwork)
#include "test_agentplatform.moc"
