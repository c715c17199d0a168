#include "ui/setuppages.h"

#include "core/engine/engine.h"
#include "core/engine/evidence.h"
#include "core/knowledge/platforms.h"
#include "core/net/httpclient.h"
#include "core/profiles/gitlabmodels.h"
#include "ui/fields.h"
#include "ui/quicktest.h"
#include "ui/session.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace duo::ui {

namespace {

struct Family {
    const char* key;
    bool beta;
};
// The families GitLab knows (GraphQL spells them upper-case); the list changes between versions.
const Family families[] = {
    {"mistral", false},      {"codestral", false}, {"claude_3", false}, {"gpt", false},
    {"mixtral", false},      {"llama3", true},     {"codegemma", true}, {"codellama", true},
    {"deepseekcoder", true}, {"gemini", true},     {"general", true},
};

// A wrapping hint whose size hint is its height at the width it has (a form asks the size hint, and a
// QLabel answers with its height at its narrowest: rows of empty space under one line of text).
class HintLabel : public QLabel {
public:
    using QLabel::QLabel;
    QSize sizeHint() const override {
        return {minimumWidth(), heightForWidth(std::max(width(), minimumWidth()))};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QLabel::resizeEvent(event);
        if (heightForWidth(width()) != height())
            updateGeometry();
    }
};

QLabel* hint(const QString& text, QWidget* parent) {
    auto* label = new HintLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    label->setMinimumWidth(200);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

} // namespace

GitLabPage::GitLabPage(Session* session, QWidget* parent)
    : QWizardPage(parent)
    , m_url(new UrlField(duo::UrlField::GitLab, false, this))
    , m_token(new SecretField(this))
    , m_test(new QuickTest(&session->network(),
                           {QStringLiteral("gitlab.reachable"), QStringLiteral("gitlab.token"),
                            QStringLiteral("gitlab.version")},
                           this)) {
    setTitle(tr("GitLab"));
    setSubTitle(tr("The instance whose GitLab Duo uses your self-hosted model. Leave it empty to check only "
                   "the gateway and the model."));
    m_url->setObjectName(QStringLiteral("gitlabUrl"));
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("https://gitlab.example.com"));
    m_token->setObjectName(QStringLiteral("gitlabToken"));
    m_token->setAccessibleName(tr("Personal access token"));
    m_token->setPlaceholderText(tr("optional: glpat-…"));
    m_test->targetProvider = [this] {
        Target target;
        apply(target);
        return target;
    };
    auto* form = new QFormLayout(this);
    form->addRow(tr("GitLab &URL:"), m_url);
    form->addRow(tr("Personal access &token:"), m_token);
    form->addRow(QString(), hint(tr("A token with <b>read_api</b> lets Duo Doctor ask GitLab; <b>api</b> "
                                    "also runs GitLab's own connection check. "
                                    "An <b>administrator's</b> token adds the license, feature settings and "
                                    "AI gateway URL checks. "
                                    "The token goes to GitLab only and is never saved."),
                                 this));
    form->addRow(QString(), m_test);
    m_notice = hint(QString(), this);
    m_notice->setObjectName(QStringLiteral("secretsNotice"));
    m_notice->setVisible(false);
    form->addRow(QString(), m_notice);
    connect(m_url, &UrlField::validityChanged, this, &QWizardPage::completeChanged);
    connect(m_url->lineEdit(), &QLineEdit::textEdited, m_test, &QuickTest::clear);
    connect(m_token, &QLineEdit::textEdited, m_test, &QuickTest::clear);
}

void GitLabPage::setToken(const QString& token) {
    m_token->setText(token);
}

void GitLabPage::setSecretsNotice(const QString& text) {
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

bool GitLabPage::isComplete() const {
    return m_url->isValid();
}

void GitLabPage::apply(Target& target) const {
    target.gitlabUrl = m_url->text().isEmpty() ? QUrl() : parseUrl(m_url->text());
    target.gitlabToken = Secret(m_token->text().trimmed());
}

void GitLabPage::showTarget(const Target& target) {
    m_url->setText(target.gitlabUrl.toString());
    m_token->setText(target.gitlabToken.reveal());
}

GatewayPage::GatewayPage(Session* session, QWidget* parent)
    : QWizardPage(parent)
    , m_url(new UrlField(duo::UrlField::Gateway, true, this))
    , m_test(new QuickTest(&session->network(),
                           {QStringLiteral("gateway.health"), QStringLiteral("gateway.auth_bypass")}, this))
    , m_agentPlatform(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_proxyMode(new QComboBox(this))
    , m_proxyUrl(new QLineEdit(this))
    , m_resolve(new QLineEdit(this))
    , m_networkProblem(new QLabel(this)) {
    setTitle(tr("AI Gateway"));
    setSubTitle(tr(
        "Where the AI gateway listens, as this computer reaches it (the self-hosted image uses port 5052)."));
    m_url->setObjectName(QStringLiteral("gatewayUrl"));
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("http://aigw.example.com:5052"));
    m_test->targetProvider = [this] {
        Target target;
        apply(target);
        return target;
    };
    m_test->optionsProvider = [this] {
        RunOptions options;
        applyNetwork(options);
        return options;
    };

    // How this desktop reaches every server: an extra CA (private CA, TLS-inspecting proxy) and the proxy.
    QHBoxLayout* caRow = buildCaRow();
    QHBoxLayout* proxyRow = buildProxyRow();
    m_networkProblem->setObjectName(QStringLiteral("networkProblem"));
    m_networkProblem->setWordWrap(true);
    m_networkProblem->setVisible(false);
    QPalette palette = m_networkProblem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd1, 0x34, 0x38));
    m_networkProblem->setPalette(palette);
    m_agentPlatform->setObjectName(QStringLiteral("agentPlatform"));
    m_agentPlatform->setAccessibleName(tr("Agent Platform service address"));
    showLearnedAgentPlatform({});
    connect(m_agentPlatform, &QLineEdit::textChanged, this, &GatewayPage::revalidateNetwork);
    buildForm(caRow, proxyRow);
    connect(m_url, &UrlField::validityChanged, this, &QWizardPage::completeChanged);
    connect(m_url->lineEdit(), &QLineEdit::textEdited, m_test, &QuickTest::clear);
}

QHBoxLayout* GatewayPage::buildCaRow() {
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setAccessibleName(tr("Extra trusted CA certificates (PEM file)"));
    m_caFile->setPlaceholderText(tr("optional: a PEM file with your private CA"));
    auto* browse = new QPushButton(tr("B&rowse…"), this);
    browse->setAccessibleName(tr("Choose the CA file"));
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Trusted CA certificates"), {},
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(m_caFile, &QLineEdit::textChanged, this, &GatewayPage::revalidateNetwork);
    return caRow;
}

QHBoxLayout* GatewayPage::buildProxyRow() {
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    m_proxyMode->setAccessibleName(tr("Proxy"));
    m_proxyMode->addItem(tr("From the environment (http_proxy, https_proxy, no_proxy)"),
                         int(ProxySetting::Mode::Environment));
    m_proxyMode->addItem(tr("No proxy"), int(ProxySetting::Mode::None));
    m_proxyMode->addItem(tr("This proxy:"), int(ProxySetting::Mode::Manual));
    m_proxyUrl->setObjectName(QStringLiteral("proxyUrl"));
    m_proxyUrl->setAccessibleName(tr("Proxy URL"));
    m_proxyUrl->setPlaceholderText(QStringLiteral("http://proxy.example.com:3128"));
    m_proxyUrl->setEnabled(false);
    auto* proxyRow = new QHBoxLayout;
    proxyRow->addWidget(m_proxyMode);
    proxyRow->addWidget(m_proxyUrl, 1);
    connect(m_proxyUrl, &QLineEdit::textChanged, this, &GatewayPage::revalidateNetwork);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, [this] {
        m_proxyUrl->setEnabled(ProxySetting::Mode(m_proxyMode->currentData().toInt()) ==
                               ProxySetting::Mode::Manual);
        revalidateNetwork();
    });
    return proxyRow;
}

// Advanced: how this desktop reaches a name only the gateway's network knows (the CLI's --resolve).
QGroupBox* GatewayPage::buildAdvanced() {
    auto* box = new QGroupBox(tr("Ad&vanced"), this);
    box->setObjectName(QStringLiteral("advanced"));
    box->setCheckable(true);
    box->setChecked(false);
    box->setAccessibleDescription(
        tr("Shows how this desktop reaches names only the gateway's network knows"));
    auto* content = new QWidget(box);
    m_resolve->setObjectName(QStringLiteral("resolve"));
    m_resolve->setAccessibleName(tr("Names only the gateway's network knows"));
    m_resolve->setAccessibleDescription(
        tr("HOST:PORT:ADDRESS entries, separated by spaces, like curl's --resolve"));
    m_resolve->setPlaceholderText(QStringLiteral("model.internal:8000:10.0.0.5"));
    auto* form = new QFormLayout(content);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Na&mes only the gateway's network knows:"), m_resolve);
    form->addRow(QString(), hint(tr("How this desktop reaches a name only the gateway's network knows, as "
                                    "<code>HOST:PORT:ADDRESS</code> (curl's <code>--resolve</code>); several "
                                    "separated by spaces. GitLab and the gateway are not affected."),
                                 this));
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    content->setVisible(false);
    connect(box, &QGroupBox::toggled, content, &QWidget::setVisible);
    connect(m_resolve, &QLineEdit::textChanged, this, &GatewayPage::revalidateNetwork);
    return box;
}

void GatewayPage::buildForm(QHBoxLayout* caRow, QHBoxLayout* proxyRow) {
    auto* form = new QFormLayout(this);
    form->addRow(tr("AI gateway &URL:"), m_url);
    form->addRow(QString(), m_test);
    form->addRow(tr("A&gent Platform service:"), m_agentPlatform);
    // A label naming a layout has no buddy of its own: give it one, so its mnemonic works (and is not shown
    // as "&").
    auto* caLabel = new QLabel(tr("Trusted &CA file:"), this);
    caLabel->setBuddy(m_caFile);
    auto* proxyLabel = new QLabel(tr("&Proxy:"), this);
    proxyLabel->setBuddy(m_proxyMode);
    form->addRow(caLabel, caRow);
    form->addRow(proxyLabel, proxyRow);
    form->addRow(QString(), m_networkProblem);
    form->addRow(QString(), hint(tr("TLS is always verified. A certificate this desktop does not trust is "
                                    "reported with its chain; "
                                    "you can then trust it for its host only, by fingerprint."),
                                 this));
    form->addRow(buildAdvanced());
}

QString GatewayPage::networkProblem() const {
    for (const QString& entry : m_resolve->text().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!parseResolve(entry))
            return tr("\u201c%1\u201d is not HOST:PORT:ADDRESS, e.g. model.internal:8000:10.0.0.5 (an IP "
                      "address, not a name).")
                .arg(entry);
    }
    const QString agentPlatform = m_agentPlatform->text().trimmed();
    if (!agentPlatform.isEmpty()) {
        if (const auto problem = serviceAddressProblem(agentPlatform))
            return tr("Agent Platform service: %1").arg(*problem);
    }
    const QString caFile = m_caFile->text().trimmed();
    QString error;
    if (!caFile.isEmpty() && HttpClient::loadCaFile(caFile, &error).isEmpty())
        return tr("The CA file cannot be used: %1.").arg(error);
    if (ProxySetting::Mode(m_proxyMode->currentData().toInt()) == ProxySetting::Mode::Manual) {
        const QUrl url(m_proxyUrl->text().trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return tr("Enter the proxy as a URL, e.g. http://proxy.example.com:3128.");
    }
    return {};
}

void GatewayPage::revalidateNetwork() {
    const QString problem = networkProblem();
    m_networkProblem->setText(problem);
    // The row goes with its text: a hidden label in a form still leaves its row's spacing.
    if (auto* form = qobject_cast<QFormLayout*>(layout()))
        form->setRowVisible(m_networkProblem, !problem.isEmpty());
    else
        m_networkProblem->setVisible(!problem.isEmpty());
    emit completeChanged();
}

void GatewayPage::applyNetwork(RunOptions& options) const {
    options.caFile = m_caFile->text().trimmed();
    options.proxy.mode = ProxySetting::Mode(m_proxyMode->currentData().toInt());
    options.proxy.url =
        options.proxy.mode == ProxySetting::Mode::Manual ? QUrl(m_proxyUrl->text().trimmed()) : QUrl();
    if (!m_resolve->isModified())
        return; // untouched: the entries shown (a profile's) or set for this session stay as they are
    options.resolve.clear();
    for (const QString& entry : m_resolve->text().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (const auto parsed = parseResolve(entry))
            options.resolve.append(*parsed);
    }
}

void GatewayPage::showNetwork(const RunOptions& options) {
    m_caFile->setText(options.caFile);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(options.proxy.mode)));
    m_proxyUrl->setText(options.proxy.url.toString());
    QStringList entries;
    for (const ResolveEntry& entry : options.resolve) {
        const bool v6 = entry.address.contains(QLatin1Char(':'));
        entries << QStringLiteral("%1:%2:%3")
                       .arg(entry.host)
                       .arg(entry.port)
                       .arg(v6 ? QLatin1Char('[') + entry.address + QLatin1Char(']') : entry.address);
    }
    m_resolve->setText(entries.join(QLatin1Char(' ')));
    if (!entries.isEmpty())
        findChild<QGroupBox*>(QStringLiteral("advanced"))->setChecked(true);
}

bool GatewayPage::isComplete() const {
    return m_url->isValid() && networkProblem().isEmpty();
}

void GatewayPage::apply(Target& target) const {
    target.gatewayUrl = parseUrl(m_url->text());
    const auto address = parseServiceAddress(m_agentPlatform->text());
    target.agentPlatformAddress = address ? address->toString() : QString();
}

void GatewayPage::showLearnedAgentPlatform(const QString& address) {
    m_agentPlatform->setPlaceholderText(
        address.isEmpty()
            ? tr("optional: learned from GitLab; or HOST:PORT, e.g. aigw.example.com:50052")
            : tr("learned from GitLab: %1 (type HOST:PORT to check another address)").arg(address));
}

void GatewayPage::showTarget(const Target& target) {
    m_url->setText(target.gatewayUrl.toString());
    m_agentPlatform->setText(target.agentPlatformAddress);
    showLearnedAgentPlatform({}); // another setup: what GitLab stores is learned again by its run
}

ModelPage::ModelPage(Session* session, std::function<Target()> currentTarget, QWidget* parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_currentTarget(std::move(currentTarget))
    , m_family(new QComboBox(this))
    , m_endpoint(new UrlField(duo::UrlField::ModelEndpoint, true, this))
    , m_identifier(new QLineEdit(this))
    , m_deployment(new QLineEdit(this))
    , m_azureApiVersion(new QLineEdit(this))
    , m_key(new SecretField(this))
    , m_fromGitLab(new QPushButton(tr("Use a model GitLab &already has…"), this)) {
    setTitle(tr("Model"));
    setSubTitle(tr("The model as GitLab knows it and as your model server serves it."));
    m_family->setEditable(true);
    m_family->setObjectName(QStringLiteral("modelName"));
    m_family->setAccessibleName(tr("Model name (family)"));
    m_family->lineEdit()->setAccessibleName(m_family->accessibleName());
    for (const Family& entry : families) {
        const QString key = QString::fromLatin1(entry.key);
        m_family->addItem(entry.beta ? tr("%1 (beta)").arg(key) : tr("%1 (generally available)").arg(key),
                          key);
    }
    m_endpoint->setObjectName(QStringLiteral("modelEndpoint"));
    m_endpoint->lineEdit()->setPlaceholderText(QStringLiteral("http://vllm.example.com:8000/v1"));
    m_identifier->setObjectName(QStringLiteral("modelIdentifier"));
    m_identifier->setAccessibleName(tr("Model identifier"));
    m_identifier->setPlaceholderText(QStringLiteral("custom_openai/mistralai/Mistral-7B-Instruct-v0.3"));
    m_deployment->setObjectName(QStringLiteral("deploymentName"));
    m_deployment->setAccessibleName(tr("GitLab's name for the model"));
    m_deployment->setPlaceholderText(tr("optional: the name in Admin > GitLab Duo > Self-hosted models"));
    m_azureApiVersion->setObjectName(QStringLiteral("azureApiVersion"));
    m_azureApiVersion->setAccessibleName(tr("Azure OpenAI api-version"));
    m_azureApiVersion->setPlaceholderText(QString::fromLatin1(defaultAzureApiVersion));
    m_key->setObjectName(QStringLiteral("modelKey"));
    m_key->setAccessibleName(tr("Model API key"));
    m_key->setPlaceholderText(tr("optional"));
    m_fromGitLab->setObjectName(QStringLiteral("modelsFromGitLab"));
    m_fromGitLab->setAccessibleName(tr("Choose one of the self-hosted models GitLab has"));
    m_fromGitLab->setToolTip(tr("Needs a GitLab administrator's token on the GitLab page."));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Model name:"), m_family);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(tr("&Identifier:"), m_identifier);
    form->addRow(QString(), hint(tr("For an OpenAI-compatible server (vLLM, Ollama, LiteLLM…): "
                                    "<code>custom_openai/</code> followed by the id "
                                    "the server lists at <code>/v1/models</code>."),
                                 this));
    form->addRow(QString(), hint(tr("Bedrock: <code>bedrock/</code> and the model or inference-profile id, "
                                    "no endpoint. Azure OpenAI: <code>azure/</code> and the deployment's "
                                    "name, the resource URL as the endpoint."),
                                 this));
    form->addRow(tr("Name in &GitLab:"), m_deployment);
    form->addRow(tr("Azure api-&version:"), m_azureApiVersion);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(QString(), hint(tr("The key goes to the model server and, inside the test request's body as "
                                    "the troubleshooting guide does, "
                                    "to the AI gateway. It is never saved."),
                                 this));
    auto* fromGitLabRow = new QHBoxLayout;
    fromGitLabRow->addWidget(m_fromGitLab);
    fromGitLabRow->addStretch();
    form->addRow(QString(), fromGitLabRow);
    connect(m_endpoint, &UrlField::validityChanged, this, &QWizardPage::completeChanged);
    connect(m_family, &QComboBox::currentTextChanged, this, &QWizardPage::completeChanged);
    // Bedrock and the hosted APIs have no endpoint: the identifier decides whether the field is required.
    connect(m_identifier, &QLineEdit::textChanged, this, [this](const QString& identifier) {
        m_endpoint->setRequired(platformOf(identifier.trimmed()).needsEndpoint);
    });
    connect(m_fromGitLab, &QPushButton::clicked, this, &ModelPage::offerGitLabModels);
}

QString ModelPage::family() const {
    const int index = m_family->findText(m_family->currentText());
    return index >= 0 ? m_family->itemData(index).toString() : m_family->currentText().trimmed().toLower();
}

bool ModelPage::isComplete() const {
    return m_endpoint->isValid() && !family().isEmpty();
}

void ModelPage::apply(Target& target) const {
    target.modelFamily = family();
    target.modelEndpoint = parseUrl(m_endpoint->text());
    target.modelIdentifier = m_identifier->text().trimmed();
    target.deploymentName = m_deployment->text().trimmed();
    target.azureApiVersion = m_azureApiVersion->text().trimmed();
    target.modelKey = Secret(m_key->text().trimmed());
}

void ModelPage::showTarget(const Target& target) {
    const int index = m_family->findData(target.modelFamily);
    if (index >= 0)
        m_family->setCurrentIndex(index);
    else
        m_family->setEditText(target.modelFamily);
    m_endpoint->setText(target.modelEndpoint.toString());
    m_identifier->setText(target.modelIdentifier);
    m_deployment->setText(target.deploymentName);
    m_azureApiVersion->setText(target.azureApiVersion);
    m_key->setText(target.modelKey.reveal());
}

void ModelPage::setKey(const QString& key) {
    m_key->setText(key);
}

void ModelPage::offerGitLabModels() {
    // GitLab's own list comes with the feature-settings check: reuse it rather than asking twice.
    // The button stays enabled (and focused) while GitLab is asked; a second click meanwhile does nothing.
    if (m_asking)
        return;
    m_asking = true;
    auto* engine = new CheckEngine(&m_session->network(), this);
    connect(engine, &CheckEngine::finished, this, [this, engine](const Report& report) {
        engine->deleteLater();
        m_asking = false;
        const CheckResult* check = report.find(QStringLiteral("gitlab.self_hosted_features"));
        const QList<GitLabModel> models = gitlabModelsFrom(
            check ? check->evidence.value(evidence::selfHostedModels).toArray() : QJsonArray{});
        const QHash<QString, QStringList> usedBy = featuresByModel(
            check ? check->evidence.value(evidence::featureModels).toObject() : QJsonObject{});
        QMenu menu(this);
        if (models.isEmpty()) {
            menu.addAction(check && !check->summary.isEmpty() ? check->summary
                                                              : tr("GitLab listed no self-hosted models."))
                ->setEnabled(false);
        }
        for (const GitLabModel& model : models) {
            QString label = QStringLiteral("%1 — %2 (%3)").arg(model.name, model.endpoint, model.identifier);
            if (usedBy.contains(model.name))
                label += QStringLiteral(" · ") +
                         tr("used by %1").arg(usedBy.value(model.name).join(QStringLiteral(", ")));
            connect(menu.addAction(label), &QAction::triggered, this, [this, model] {
                Target current;
                apply(current);
                showTarget(targetFor(model, current));
            });
        }
        menu.exec(m_fromGitLab->mapToGlobal(QPoint(0, m_fromGitLab->height())));
    });
    engine->start(m_currentTarget(), m_session->options, {QStringLiteral("gitlab.self_hosted_features")});
}

} // namespace duo::ui
