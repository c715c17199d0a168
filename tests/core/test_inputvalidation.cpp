#include "core/text/inputvalidation.h"

#include <QTest>

using namespace duo;

class TestInputValidation : public QObject {
    Q_OBJECT
private slots:
    void problems_data() {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions"); // empty: valid
        QTest::newRow("good gitlab") << int(UrlField::GitLab) << "https://gitlab.example.com"
                                     << "";
        QTest::newRow("relative root") << int(UrlField::GitLab) << "https://example.com/gitlab"
                                       << "";
        QTest::newRow("no scheme") << int(UrlField::GitLab) << "gitlab.example.com"
                                   << "http://";
        QTest::newRow("ftp") << int(UrlField::Gateway) << "ftp://aigw:5052"
                             << "ftp";
        QTest::newRow("spaces") << int(UrlField::Gateway) << "http://aigw example:5052"
                                << "spaces";
        QTest::newRow("no host") << int(UrlField::Gateway) << "http://:5052"
                                 << "host";
        QTest::newRow("sign-in page") << int(UrlField::GitLab) << "https://gitlab.example.com/users/sign_in"
                                      << "/users/sign_in";
        QTest::newRow("healthz pasted") << int(UrlField::Gateway) << "http://aigw:5052/monitoring/healthz"
                                        << "/monitoring/healthz";
        QTest::newRow("completions pasted")
            << int(UrlField::ModelEndpoint) << "http://vllm:8000/v1/chat/completions"
            << "/chat/completions";
        QTest::newRow("v1 endpoint fine") << int(UrlField::ModelEndpoint) << "http://vllm:8000/v1"
                                          << "";
        QTest::newRow("credentials") << int(UrlField::ModelEndpoint) << "http://user:secret@vllm:8000/v1"
                                     << "password";
        QTest::newRow("query") << int(UrlField::Gateway) << "http://aigw:5052/?x=1"
                               << "?";
        QTest::newRow("empty") << int(UrlField::Gateway) << ""
                               << "Enter";
    }
    void problems() {
        QFETCH(int, field);
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const auto problem = urlProblem(UrlField(field), text);
        if (mentions.isEmpty()) {
            QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
        } else {
            QVERIFY(problem);
            QVERIFY2(problem->contains(mentions), qPrintable(*problem));
        }
    }

    // GitLab stores the Agent Platform service as HOST:PORT; a scheme in front is the classic mistake.
    void agentPlatformAddresses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions"); // empty: valid
        QTest::addColumn<QString>("normalised");
        QTest::newRow("host and port") << " aigw.example.com:50052 "
                                       << ""
                                       << "aigw.example.com:50052";
        QTest::newRow("ipv4") << "10.0.0.5:50052"
                              << ""
                              << "10.0.0.5:50052";
        QTest::newRow("ipv6") << "[fd00::5]:50052"
                              << ""
                              << "[fd00::5]:50052";
        QTest::newRow("http scheme") << "http://aigw:50052"
                                     << "http://"
                                     << "";
        QTest::newRow("grpc scheme") << "grpc://aigw:50052"
                                     << "grpc://"
                                     << "";
        QTest::newRow("no port") << "aigw.example.com"
                                 << "HOST:PORT"
                                 << "";
        QTest::newRow("port too big") << "aigw:70000"
                                      << "65535"
                                      << "";
        QTest::newRow("path") << "aigw:50052/x"
                              << "HOST:PORT"
                              << "";
        QTest::newRow("trailing newline") << "aigw:50052\n"
                                          << ""
                                          << "aigw:50052";
        QTest::newRow("empty") << ""
                               << "HOST:PORT"
                               << "";
    }
    void agentPlatformAddresses() {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QFETCH(QString, normalised);
        text.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
        const auto problem = serviceAddressProblem(text);
        if (mentions.isEmpty()) {
            QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
            QCOMPARE(parseServiceAddress(text)->toString(), normalised);
        } else {
            QVERIFY(problem);
            QVERIFY2(problem->contains(mentions), qPrintable(*problem));
            QVERIFY(!parseServiceAddress(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestInputValidation)
#include "test_inputvalidation.moc"
