#include "core/knowledge/signatures.h"

#include <QTest>

using namespace duo;

namespace {

HostKind hostKindFrom(const QString& key) {
    if (key == QLatin1String("loopback"))
        return HostKind::Loopback;
    return key == QLatin1String("dotless") ? HostKind::Dotless : HostKind::Other;
}

} // namespace

class TestSignatures : public QObject {
    Q_OBJECT
private slots:
    void matches_data() {
        QTest::addColumn<QString>("check");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("netError");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("hostKind");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("verdict"); // the runner's conclusion, when it reached one
        const int none = int(NetError::None);
        QTest::newRow("gateway refused") << "gateway.reachable" << 0 << int(NetError::ConnectionRefused) << ""
                                         << ""
                                         << "gateway.refused" << int(Verdict::None);
        QTest::newRow("gateway black hole") << "gateway.reachable" << 0 << int(NetError::Timeout) << ""
                                            << ""
                                            << "gateway.timeout" << int(Verdict::None);
        QTest::newRow("bypass off") << "gateway.auth_bypass" << 401 << none
                                    << R"({"error":"No authorization header presented"})"
                                    << ""
                                    << "gateway.auth_bypass_off" << int(Verdict::None);
        QTest::newRow("custom models") << "gateway.model_request" << 422 << none
                                       << "Custom models are disabled (AIGW_CUSTOM_MODELS__ENABLED)"
                                       << ""
                                       << "gateway.custom_models_disabled" << int(Verdict::None);
        QTest::newRow("litellm connection")
            << "gateway.model_request" << 500 << none
            << "litellm.APIConnectionError: OpenAIException - Connection error."
            << ""
            << "gateway.model_connection_error" << int(Verdict::None);
        QTest::newRow("vllm not found via gateway")
            << "gateway.model_request" << 404 << none
            << "litellm.NotFoundError: ... The model `x` does not exist."
            << ""
            << "gateway.model_not_found" << int(Verdict::None);
        QTest::newRow("provider missing")
            << "gateway.model_request" << 400 << none << "litellm.BadRequestError: LLM Provider NOT provided."
            << ""
            << "gateway.llm_provider_missing" << int(Verdict::None);
        QTest::newRow("gitlab blocks local")
            << "gitlab.gateway_probe" << 200 << none << "Requests to the local network are not allowed"
            << ""
            << "gitlab.outbound.local_blocked" << int(Verdict::None);
        QTest::newRow("header mismatch")
            << "gitlab.model_connection" << 200 << none << "Header mismatch 'X-Gitlab-Instance-Id'"
            << ""
            << "gateway.rejects_gitlab" << int(Verdict::None);
        QTest::newRow("token revoked") << "gitlab.token" << 401 << none << R"({"message":"401 Unauthorized"})"
                                       << ""
                                       << "gitlab.token.invalid" << int(Verdict::None);
        QTest::newRow("container-only name") << "model.reachable" << 0 << int(NetError::HostNotFound) << ""
                                             << "dotless"
                                             << "model.container_only_name" << int(Verdict::None);
        QTest::newRow("dns with dots") << "model.reachable" << 0 << int(NetError::HostNotFound) << ""
                                       << ""
                                       << "model.dns" << int(Verdict::None);
        QTest::newRow("loopback seen from gateway")
            << "model.endpoint_address" << 0 << none << "Connection error"
            << "loopback"
            << "model.endpoint_address.container_self" << int(Verdict::None);
        QTest::newRow("firewall") << "model.endpoint_address" << 0 << none << "Connection error"
                                  << ""
                                  << "model.endpoint_address.unreachable_from_gateway" << int(Verdict::None);
        QTest::newRow("slow model") << "model.completion" << 0 << int(NetError::Timeout) << ""
                                    << ""
                                    << "model.completion.timeout" << int(Verdict::None);
        QTest::newRow("litellm no key")
            << "model.auth" << 401 << none << "Authentication Error, No api key passed in."
            << ""
            << "model.auth.missing" << int(Verdict::KeyMissing);
        // Conclusions a runner draws from what it read or measured: each has its own row, ahead of the rows
        // that match anything for the same check.
        const struct {
            const char* check;
            int status;
            Verdict verdict;
            const char* expected;
        } conclusions[] = {
            {"gitlab.reachable", 404, Verdict::NotGitLabApi, "gitlab.reachable.not_gitlab"},
            {"gitlab.token", 200, Verdict::TokenScopesTooNarrow, "gitlab.token.scopes"},
            {"gitlab.duo_seat", 0, Verdict::DuoAddOnMissing, "gitlab.duo_seat.no_add_on"},
            {"gitlab.duo_seat", 0, Verdict::SeatsAllTaken, "gitlab.duo_seat.all_taken"},
            {"gitlab.duo_seat", 0, Verdict::SeatUnassigned, "gitlab.duo_seat.unassigned"},
            {"gitlab.model_config", 0, Verdict::ModelUnknownToGitLab, "gitlab.model_config.unknown"},
            {"gitlab.model_config", 0, Verdict::ModelConfigDiffers, "gitlab.model_config.differs"},
            {"model.context_length", 0, Verdict::ContextWindowSmall, "model.context_length.small"},
            {"model.latency", 0, Verdict::SlowForGitLabTimeout, "model.latency.slow"},
            {"model.endpoint_address", 0, Verdict::EndpointNamesLocalHost,
             "model.endpoint_address.local_host"},
        };
        for (const auto& conclusion : conclusions)
            QTest::newRow(conclusion.expected)
                << QString::fromLatin1(conclusion.check) << conclusion.status << none << QString()
                << QString() << QString::fromLatin1(conclusion.expected) << int(conclusion.verdict);
    }
    void matches() {
        QFETCH(QString, check);
        QFETCH(int, status);
        QFETCH(int, netError);
        QFETCH(QString, text);
        QFETCH(QString, hostKind);
        QFETCH(QString, expected);
        QFETCH(int, verdict);
        const Observation observation{.checkId = check,
                                      .httpStatus = status,
                                      .netError = NetError(netError),
                                      .verdict = Verdict(verdict),
                                      .text = text,
                                      .hostKind = hostKindFrom(hostKind)};
        const Signature* signature = matchSignature(observation);
        QVERIFY2(signature, qPrintable(check));
        QCOMPARE(signature->id, expected);
    }
    void unknownAnswerMatchesNothing() {
        QVERIFY(!matchSignature({.checkId = QStringLiteral("model.completion"),
                                 .httpStatus = 500,
                                 .text = QStringLiteral("boom")}));
    }
    void applyFillsTheAdminsValuesAndNoSecret() {
        const Signature* signature = matchSignature(
            {.checkId = QStringLiteral("model.endpoint_address"), .hostKind = HostKind::Loopback});
        QVERIFY(signature);
        CheckResult result;
        const TemplateValues values{
            {QStringLiteral("model_endpoint"), QStringLiteral("http://127.0.0.1:8000/v1")},
            {QStringLiteral("gitlab_url"), QStringLiteral("https://gitlab.example.com")},
            {QStringLiteral("models_url"), QStringLiteral("http://127.0.0.1:8000/v1/models")}};
        applySignature(result, *signature, values);
        QCOMPARE(result.status, Status::Fail);
        QVERIFY(result.explanation.contains(QLatin1String("http://127.0.0.1:8000/v1")));
        QVERIFY(result.fix.contains(QLatin1String("--network host")));
        QVERIFY(result.fix.contains(QLatin1String("AIGW_FASTAPI__METRICS_PORT=8083")));
        bool docker = false, kubectl = false;
        for (const Command& command : result.commands) {
            docker = docker || command.command.startsWith(QLatin1String("docker"));
            kubectl = kubectl || command.command.startsWith(QLatin1String("kubectl"));
            QVERIFY(!command.command.contains(QLatin1String("sk-")));
        }
        QVERIFY(docker && kubectl);
        QCOMPARE(result.evidence.value(QStringLiteral("blames")).toString(),
                 QStringLiteral("gateway_to_model"));
    }
    void aConclusionsTextsKeepTheirWordingWithTheValuesFilledIn() {
        const Signature* signature =
            matchSignature({.checkId = QStringLiteral("gitlab.duo_seat"), .verdict = Verdict::SeatsAllTaken});
        QVERIFY(signature);
        CheckResult result;
        applySignature(result, *signature,
                       {{QStringLiteral("purchased_seats"), QStringLiteral("5")},
                        {QStringLiteral("gitlab_username"), QStringLiteral("alice")}});
        QCOMPARE(result.status, Status::Fail);
        QCOMPARE(result.explanation,
                 QStringLiteral("Without a seat GitLab refuses the user's Code Suggestions requests."));
        QCOMPARE(result.fix,
                 QStringLiteral("All 5 seats are taken: free one or buy more, then assign it to alice "
                                "(Admin > GitLab Duo > Seat utilization)."));
        QCOMPARE(result.evidence.value(QStringLiteral("blames")).toString(), QStringLiteral("gitlab_user"));
    }
    void everySignatureHasTextAndKnownCommands() {
        for (const Signature& signature : signatureTable()) {
            QVERIFY2(signature.explanation && *signature.explanation, qPrintable(signature.id));
            QVERIFY2(signature.fix && *signature.fix, qPrintable(signature.id));
            QVERIFY2(!signature.checks.isEmpty(), qPrintable(signature.id));
        }
    }
};

QTEST_GUILESS_MAIN(TestSignatures)
#include "test_signatures.moc"
