#include "core/net/proxypolicy.h"

#include <QTest>

using namespace duo;

class TestProxyPolicy : public QObject {
    Q_OBJECT
private slots:
    void noProxyMatchesLikeCurl_data() {
        QTest::addColumn<QString>("noProxy");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("bypass");
        QTest::newRow("exact") << "gitlab.example.com"
                               << "gitlab.example.com" << true;
        QTest::newRow("domain suffix") << "example.com"
                                       << "aigw.example.com" << true;
        QTest::newRow("leading dot") << ".example.com"
                                     << "aigw.example.com" << true;
        QTest::newRow("not a suffix of a label") << "example.com"
                                                 << "badexample.com" << false;
        QTest::newRow("star") << "*"
                              << "anything" << true;
        QTest::newRow("list with spaces") << "localhost, 10.0.0.0/8 ,internal"
                                          << "10.1.2.3" << true;
        QTest::newRow("cidr miss") << "10.0.0.0/8"
                                   << "192.168.1.1" << false;
        QTest::newRow("ip exact") << "127.0.0.1"
                                  << "127.0.0.1" << true;
        QTest::newRow("port ignored") << "vllm.internal:8000"
                                      << "vllm.internal" << true;
        QTest::newRow("case") << "GitLab.Example.COM"
                              << "gitlab.example.com" << true;
        QTest::newRow("empty") << ""
                               << "gitlab.example.com" << false;
    }
    void noProxyMatchesLikeCurl() {
        QFETCH(QString, noProxy);
        QFETCH(QString, host);
        QFETCH(bool, bypass);
        QCOMPARE(ProxyPolicy::noProxyMatches(noProxy, host), bypass);
    }
    void schemesPickTheirVariable() {
        QProcessEnvironment environment;
        environment.insert("http_proxy", "proxy.internal:3128");
        environment.insert("HTTPS_PROXY", "http://secure-proxy.internal:3129");
        environment.insert("no_proxy", ".corp");
        const ProxyPolicy policy(ProxySetting{}, environment);
        QCOMPARE(policy.proxyFor(QUrl("http://aigw.example.com:5052")), QUrl("http://proxy.internal:3128"));
        QCOMPARE(policy.proxyFor(QUrl("https://gitlab.example.com")),
                 QUrl("http://secure-proxy.internal:3129"));
        QVERIFY(policy.proxyFor(QUrl("https://gitlab.corp")).isEmpty());
        // curl ignores upper-case HTTP_PROXY (CGI's HTTP_PROXY header attack): so do we.
        QProcessEnvironment upper;
        upper.insert("HTTP_PROXY", "http://evil:1");
        QVERIFY(ProxyPolicy(ProxySetting{}, upper).proxyFor(QUrl("http://aigw:5052")).isEmpty());
    }
    void explicitSettingsWin() {
        QProcessEnvironment environment;
        environment.insert("http_proxy", "http://proxy.internal:3128");
        QVERIFY(ProxyPolicy({ProxySetting::Mode::None, {}}, environment)
                    .proxyFor(QUrl("http://aigw:5052"))
                    .isEmpty());
        QCOMPARE(ProxyPolicy({ProxySetting::Mode::Manual, QUrl("http://other:8080")}, environment)
                     .proxyFor(QUrl("http://aigw:5052")),
                 QUrl("http://other:8080"));
    }
};

QTEST_GUILESS_MAIN(TestProxyPolicy)
#include "test_proxypolicy.moc"
