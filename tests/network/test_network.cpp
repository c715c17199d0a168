// Real networks: nginx with throw-away certificates, squid forwarding / denying / asking for credentials, and
// a fault server, all on 127.0.0.1 with their own configurations and ports. Duo Doctor runs as a user would.
#include "sim/simstack.h"
#include "tests/network/doctorrun.h"
#include "tests/network/faultserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
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

} // namespace

class TestNetwork : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_nginx;
    QProcess m_squid;
    QHash<QString, quint16> m_tls; // certificate name -> nginx port
    quint16 m_squidOpen = 0, m_squidDeny = 0, m_squidAuth = 0;
    duo::sim::SimStack m_sim;
    duo::test::FaultServer m_faults;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QString https(const char* certificate) const {
        return QStringLiteral("https://127.0.0.1:%1").arg(m_tls.value(QString::fromLatin1(certificate)));
    }
    QString fault(const char* name) const {
        return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_faults.port()).arg(QLatin1String(name));
    }

    void startNginx() {
        QByteArray servers;
        for (const char* name : {"valid", "expired", "wronghost", "selfsigned", "inspected"}) {
            const quint16 port = freePort();
            m_tls.insert(QString::fromLatin1(name), port);
            servers +=
                "server { listen 127.0.0.1:" + QByteArray::number(port) + " ssl; ssl_certificate " +
                path(name).toUtf8() + ".pem; ssl_certificate_key " + path(name).toUtf8() +
                ".key;\n"
                "  location / { default_type application/json; return 200 '{\"status\":\"ok\"}'; } }\n";
        }
        const QByteArray dir = m_dir.path().toUtf8();
        QByteArray conf = (geteuid() == 0 ? "user root;\n" : "") + QByteArray("worker_processes 1;\npid ") +
                          dir + "/nginx.pid;\nerror_log " + dir +
                          "/nginx-error.log;\nevents { worker_connections 64; }\nhttp { access_log off;\n";
        for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
            conf += "  " + QByteArray(temp) + "_temp_path " + dir + "/nginx-" + temp + ";\n";
        conf += servers + "}\n";
        writeFile(path("nginx.conf"), conf);
        m_nginx.start(QStringLiteral("nginx"),
                      {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"), path("nginx.conf"),
                       QStringLiteral("-g"), QStringLiteral("daemon off;")});
        QVERIFY2(m_nginx.waitForStarted(), "nginx is not installed (.ci/run installs nginx-light)");
        for (const quint16 port : std::as_const(m_tls))
            QVERIFY2(waitForPort(port), qPrintable(QString::fromUtf8(m_nginx.readAllStandardError())));
    }

    void startSquid() {
        m_squidOpen = freePort();
        m_squidDeny = freePort();
        m_squidAuth = freePort();
        QProcess passwd;
        passwd.start(QStringLiteral("openssl"),
                     {QStringLiteral("passwd"), QStringLiteral("-apr1"), QStringLiteral("secret-pw")});
        QVERIFY(passwd.waitForFinished());
        writeFile(path("squid-passwd"), "tester:" + passwd.readAllStandardOutput().trimmed() + "\n");
        const QByteArray dir = m_dir.path().toUtf8();
        const QByteArray conf =
            "http_port 127.0.0.1:" + QByteArray::number(m_squidOpen) + " name=open\n" +
            "http_port 127.0.0.1:" + QByteArray::number(m_squidDeny) + " name=deny\n" +
            "http_port 127.0.0.1:" + QByteArray::number(m_squidAuth) + " name=auth\n" + "pid_filename " +
            dir + "/squid.pid\ncache_log " + dir + "/squid-cache.log\naccess_log none\n" +
            "cache deny all\ncache_mem 8 MB\ncoredump_dir " + dir + "\nshutdown_lifetime 1 seconds\n" +
            "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + dir +
            "/squid-passwd\nauth_param basic realm duo\n" +
            "acl openport myportname open\nacl denyport myportname deny\nacl authport myportname auth\n" +
            "acl authed proxy_auth REQUIRED\nhttp_access deny denyport\nhttp_access allow authport authed\n" +
            "http_access deny authport\nhttp_access allow openport\nhttp_access deny all\n" +
            (geteuid() == 0 ? "cache_effective_user proxy\n" : "");
        writeFile(path("squid.conf"), conf);
        // Squid's workers drop to the proxy user: let them write their logs here.
        QFile::setPermissions(m_dir.path(), QFileDevice::Permissions(0x7777));
        m_squid.start(QStringLiteral("squid"),
                      {QStringLiteral("-N"), QStringLiteral("-f"), path("squid.conf")});
        QVERIFY2(m_squid.waitForStarted(), "squid is not installed (.ci/run installs it)");
        for (const quint16 port : {m_squidOpen, m_squidDeny, m_squidAuth})
            QVERIFY2(waitForPort(port, 30000), qPrintable(QString::fromUtf8(m_squid.readAllStandardError())));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QProcess pki;
        pki.start(
            QStringLiteral("bash"),
            {qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/network/pki.sh"), m_dir.path()});
        QVERIFY(pki.waitForFinished(60000));
        QVERIFY2(pki.exitCode() == 0, pki.readAllStandardOutput().constData());
        startNginx();
        startSquid();
        QString error;
        QVERIFY2(m_sim.start(QStringLiteral("healthy"), &error), qPrintable(error));
        QVERIFY(m_faults.listen());
    }

    void cleanupTestCase() {
        for (QProcess* process : {&m_nginx, &m_squid}) {
            process->terminate();
            if (!process->waitForFinished(5000))
                process->kill();
        }
    }

    // --- TLS ---------------------------------------------------------------------------------------------
    void privateCaIsTrustedOnlyWithCaFile() {
        const Run without = doctor({QStringLiteral("--gateway-url"), https("valid")});
        QCOMPARE(without.status(QStringLiteral("gateway.reachable")), QStringLiteral("fail"));
        QCOMPARE(without.signature(QStringLiteral("gateway.reachable")), QStringLiteral("tls.untrusted"));
        QCOMPARE(without.evidence(QStringLiteral("gateway.reachable"))
                     .value(QStringLiteral("tls_chain"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("issuer"))
                     .toString(),
                 QStringLiteral("Duo Doctor Test CA"));
        QVERIFY(without.report.value(QStringLiteral("root_causes"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("fix"))
                    .toString()
                    .contains(QLatin1String("REQUESTS_CA_BUNDLE")));
        const Run with = doctor(
            {QStringLiteral("--gateway-url"), https("valid"), QStringLiteral("--ca-file"), path("ca.pem")});
        QCOMPARE(with.status(QStringLiteral("gateway.reachable")), QStringLiteral("pass"));
        QCOMPARE(with.status(QStringLiteral("gateway.health")), QStringLiteral("pass"));
    }

    void expiredCertificate() {
        const Run run = doctor(
            {QStringLiteral("--gateway-url"), https("expired"), QStringLiteral("--ca-file"), path("ca.pem")});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("tls.expired"));
        QVERIFY(run.check(QStringLiteral("gateway.reachable"))
                    .value(QStringLiteral("explanation"))
                    .toString()
                    .contains(QLatin1String("2020-02-01")));
    }

    void wrongHostName() {
        const Run run = doctor({QStringLiteral("--gateway-url"), https("wronghost"),
                                QStringLiteral("--ca-file"), path("ca.pem")});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("tls.hostname_mismatch"));
        QVERIFY(run.check(QStringLiteral("gateway.reachable"))
                    .value(QStringLiteral("explanation"))
                    .toString()
                    .contains(QLatin1String("wrong.example")));
    }

    void selfSignedThenPinned() {
        const Run run = doctor({QStringLiteral("--gateway-url"), https("selfsigned")});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("tls.self_signed"));
        const QString fingerprint = run.fingerprint(QStringLiteral("gateway.reachable"));
        QCOMPARE(fingerprint.size(), 64);
        QVERIFY(run.check(QStringLiteral("gateway.reachable"))
                    .value(QStringLiteral("fix"))
                    .toString()
                    .contains(fingerprint));
        const Run pinned =
            doctor({QStringLiteral("--gateway-url"), https("selfsigned"), QStringLiteral("--trust-cert"),
                    QStringLiteral("127.0.0.1=") + fingerprint});
        QCOMPARE(pinned.status(QStringLiteral("gateway.reachable")), QStringLiteral("pass"));
        const Run otherHost =
            doctor({QStringLiteral("--gateway-url"), https("selfsigned"), QStringLiteral("--trust-cert"),
                    QStringLiteral("gitlab.example.com=") + fingerprint});
        QCOMPARE(otherHost.status(QStringLiteral("gateway.reachable")),
                 QStringLiteral("fail")); // pinned for another host only
    }

    // Fleets whose profiles differ only in connection settings: one profile's pinned certificate or proxy
    // never serves another's requests, however the fleet shares its kept-alive connections.
    QHash<QString, QString> fleetRootCauses(const QJsonArray& fleet, const QString& jobs) {
        const QString fleetPath = path("fleet-connections.json");
        writeFile(fleetPath, QJsonDocument(fleet).toJson());
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"})
            environment.remove(QLatin1String(name));
        process.setProcessEnvironment(environment);
        process.start(qEnvironmentVariable("DUO_DOCTOR_BIN"),
                      {"check", "--fleet", fleetPath, "--jobs", jobs, "--format", "json"});
        QHash<QString, QString> causes;
        if (!process.waitForStarted() ||
            !QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 90000))
            return causes;
        for (const QJsonValue& value :
             QJsonDocument::fromJson(process.readAllStandardOutput()).object().value("profiles").toArray()) {
            const QJsonArray found = value.toObject().value("root_causes").toArray();
            causes.insert(value.toObject().value("name").toString(),
                          found.isEmpty() ? QStringLiteral("-")
                                          : found.first().toObject().value("check").toString());
        }
        return causes;
    }

    void fleetProfilesNeverShareAPinnedConnection() {
        const Run probe = doctor({QStringLiteral("--gateway-url"), https("selfsigned")});
        const QString fingerprint = probe.fingerprint(QStringLiteral("gateway.reachable"));
        QCOMPARE(fingerprint.size(), 64);
        const QJsonArray fleet{
            QJsonObject{{"name", "pinned"},
                        {"gateway_url", https("selfsigned")},
                        {"proxy", "none"},
                        {"trusted_certificates",
                         QJsonArray{QJsonObject{{"host", "127.0.0.1"}, {"sha256", fingerprint}}}}},
            QJsonObject{{"name", "not pinned"}, {"gateway_url", https("selfsigned")}, {"proxy", "none"}},
        };
        // One at a time on one thread: the second would reuse the first one's accepted connection.
        const QHash<QString, QString> causes = fleetRootCauses(fleet, QStringLiteral("1"));
        QCOMPARE(causes.value("pinned"), QStringLiteral("-"));
        QCOMPARE(causes.value("not pinned"), QStringLiteral("gateway.reachable"));
    }

    void fleetProfilesNeverShareAProxy() {
        const QString simGateway = m_sim.inputs().gatewayUrl.toString();
        const QString denying = QStringLiteral("http://127.0.0.1:%1").arg(m_squidDeny);
        QJsonArray fleet;
        for (int i = 0; i < 4; ++i) {
            fleet.append(QJsonObject{{"name", QStringLiteral("direct %1").arg(i)},
                                     {"gateway_url", simGateway},
                                     {"proxy", "none"}});
            fleet.append(QJsonObject{{"name", QStringLiteral("denied %1").arg(i)},
                                     {"gateway_url", simGateway},
                                     {"proxy", denying}});
        }
        // All at once: profiles of both kinds run side by side on each thread.
        const QHash<QString, QString> causes = fleetRootCauses(fleet, QStringLiteral("8"));
        QCOMPARE(causes.size(), 8);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(causes.value(QStringLiteral("direct %1").arg(i)), QStringLiteral("-"));
            QCOMPARE(causes.value(QStringLiteral("denied %1").arg(i)), QStringLiteral("gateway.reachable"));
        }
    }

    void inspectingProxyIsNamed() {
        const Run run = doctor({QStringLiteral("--gateway-url"), https("inspected"),
                                QStringLiteral("--ca-file"), path("ca.pem")});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("tls.inspecting_proxy"));
        QVERIFY(run.check(QStringLiteral("gateway.reachable"))
                    .value(QStringLiteral("explanation"))
                    .toString()
                    .contains(QLatin1String("TLS-inspecting proxy")));
    }

    void plainHttpOnATlsPort() {
        const Run run =
            doctor({QStringLiteral("--gateway-url"),
                    QStringLiteral("http://127.0.0.1:%1").arg(m_tls.value(QStringLiteral("valid")))});
        QCOMPARE(run.status(QStringLiteral("gateway.reachable")),
                 QStringLiteral("pass")); // nginx answers 400 in plain HTTP
        QCOMPARE(run.status(QStringLiteral("gateway.health")), QStringLiteral("fail"));
    }

    // --- Proxies ------------------------------------------------------------------------------------------
    void throughAForwardingProxy() {
        const QString gateway = m_sim.inputs().gatewayUrl.toString();
        const Run run = doctor({QStringLiteral("--gateway-url"), gateway, QStringLiteral("--proxy"),
                                QStringLiteral("http://127.0.0.1:%1").arg(m_squidOpen)});
        QCOMPARE(run.status(QStringLiteral("gateway.health")), QStringLiteral("pass"));
        QCOMPARE(run.evidence(QStringLiteral("gateway.reachable")).value(QStringLiteral("proxy")).toString(),
                 QStringLiteral("http://127.0.0.1:%1").arg(m_squidOpen));
    }

    void environmentProxyAndNoProxy() {
        const QString gateway = m_sim.inputs().gatewayUrl.toString();
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("http_proxy"),
                           QStringLiteral("http://127.0.0.1:%1").arg(m_squidDeny));
        const Run denied = doctor({QStringLiteral("--gateway-url"), gateway}, environment);
        QCOMPARE(denied.signature(QStringLiteral("gateway.reachable")), QStringLiteral("proxy.denied"));
        environment.insert(QStringLiteral("no_proxy"), QStringLiteral("localhost,127.0.0.0/8"));
        const Run direct = doctor({QStringLiteral("--gateway-url"), gateway}, environment);
        QCOMPARE(direct.status(QStringLiteral("gateway.reachable")), QStringLiteral("pass"));
        QVERIFY(!direct.evidence(QStringLiteral("gateway.reachable")).contains(QStringLiteral("proxy")));
    }

    void proxyAskingForCredentials() {
        const Run run =
            doctor({QStringLiteral("--gateway-url"), m_sim.inputs().gatewayUrl.toString(),
                    QStringLiteral("--proxy"), QStringLiteral("http://127.0.0.1:%1").arg(m_squidAuth)});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("proxy.auth_required"));
    }

    void proxyCannotReachTheTarget() {
        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost);
        const quint16 port = closed.serverPort();
        closed.close();
        const Run run =
            doctor({QStringLiteral("--gateway-url"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                    QStringLiteral("--proxy"), QStringLiteral("http://127.0.0.1:%1").arg(m_squidOpen)});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("proxy.cannot_reach"));
    }

    void proxyThatIsNotThere() {
        const Run run =
            doctor({QStringLiteral("--gateway-url"), m_sim.inputs().gatewayUrl.toString(),
                    QStringLiteral("--proxy"), QStringLiteral("http://127.0.0.1:%1").arg(freePort())});
        QCOMPARE(run.signature(QStringLiteral("gateway.reachable")), QStringLiteral("proxy.unusable"));
    }

    // --- Hostile or broken servers
    // --------------------------------------------------------------------------
    void hostileServers_data() {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("signature");
        QTest::newRow("reset") << "--gateway-url"
                               << "reset"
                               << "gateway.reachable"
                               << "answer.closed";
        QTest::newRow("truncated") << "--gateway-url"
                                   << "truncated"
                                   << "gateway.reachable"
                                   << "answer.closed";
        QTest::newRow("slow drip") << "--gateway-url"
                                   << "drip"
                                   << "gateway.reachable"
                                   << "gateway.timeout";
        QTest::newRow("50 MB body") << "--gateway-url"
                                    << "huge"
                                    << "gateway.reachable"
                                    << "answer.too_large";
        QTest::newRow("redirect loop") << "--gitlab-url"
                                       << "loop"
                                       << "gitlab.reachable"
                                       << "gitlab.redirect";
        QTest::newRow("sso login page") << "--gitlab-url"
                                        << "login"
                                        << "gitlab.reachable"
                                        << "answer.html_login";
        QTest::newRow("garbled json") << "--model-endpoint"
                                      << "garbage"
                                      << "model.endpoint_path"
                                      << "answer.garbled";
    }
    void hostileServers() {
        QFETCH(QString, flag);
        QFETCH(QString, name);
        QFETCH(QString, check);
        QFETCH(QString, signature);
        QStringList arguments{flag, fault(name.toLatin1().constData()), QStringLiteral("--timeout"),
                              QStringLiteral("2")};
        QProcessEnvironment environment;
        if (flag == QLatin1String("--model-endpoint"))
            arguments << QStringLiteral("--model-name") << QStringLiteral("mistral");
        if (flag == QLatin1String("--gitlab-url")) {
            environment.insert(QStringLiteral("TOKEN"), QStringLiteral("glpat-hostile-test-token"));
            arguments << QStringLiteral("--gitlab-token-env") << QStringLiteral("TOKEN");
        }
        QElapsedTimer clock;
        clock.start();
        const Run run = doctor(arguments, environment);
        QVERIFY2(run.exitCode == 1, run.err.constData());
        QCOMPARE(run.status(check), QStringLiteral("fail"));
        QCOMPARE(run.signature(check), signature);
        QVERIFY2(clock.elapsed() < 20000, "a hostile server held the run");
    }

    void http10WithoutLengthIsRead() {
        const Run run = doctor({QStringLiteral("--gateway-url"), fault("http10")});
        QCOMPARE(run.status(QStringLiteral("gateway.reachable")), QStringLiteral("pass"));
        QCOMPARE(run.status(QStringLiteral("gateway.health")), QStringLiteral("pass"));
    }

    void credentialsDoNotFollowRedirectsToAnotherOrigin() {
        // The fault server sends GitLab's API to another port; the token must not go there.
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("TOKEN"), QStringLiteral("glpat-must-stay-home-123"));
        const Run run = doctor({QStringLiteral("--gitlab-url"), fault("elsewhere"),
                                QStringLiteral("--gitlab-token-env"), QStringLiteral("TOKEN")},
                               environment);
        QCOMPARE(run.signature(QStringLiteral("gitlab.reachable")), QStringLiteral("gitlab.redirect"));
        QVERIFY(!m_faults.receivedOnOtherOrigin().contains("glpat-must-stay-home-123"));
        QVERIFY(m_faults.receivedOnOtherOrigin().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNetwork)
#include "test_network.moc"
