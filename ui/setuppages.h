#pragma once

#include "core/target.h"

#include <QWizardPage>

class QComboBox;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace duo::ui {

class Session;
class UrlField;
class SecretField;
class QuickTest;

// Page 2: GitLab's URL and an optional personal access token.
class GitLabPage : public QWizardPage {
    Q_OBJECT
public:
    GitLabPage(Session* session, QWidget* parent = nullptr);
    bool isComplete() const override;
    void apply(Target& target) const;
    void showTarget(const Target& target);
    void setToken(const QString& token);
    // Why the keychain could not give the secrets: typed ones are then used for this session only.
    void setSecretsNotice(const QString& text);

private:
    UrlField* m_url;
    SecretField* m_token;
    QLabel* m_notice;
    QuickTest* m_test;
};

// Page 3: the AI gateway's URL, and how this desktop reaches the servers (extra CA file, proxy).
class GatewayPage : public QWizardPage {
    Q_OBJECT
public:
    GatewayPage(Session* session, QWidget* parent = nullptr);
    bool isComplete() const override;
    void apply(Target& target) const;
    void showTarget(const Target& target);
    void applyNetwork(RunOptions& options) const;
    void showNetwork(const RunOptions& options);
    // What GitLab stores, shown in the empty field (a typed address still wins).
    void showLearnedAgentPlatform(const QString& address);

private:
    QHBoxLayout* buildCaRow();
    QHBoxLayout* buildProxyRow();
    QGroupBox* buildAdvanced();
    void buildForm(QHBoxLayout* caRow, QHBoxLayout* proxyRow);
    QString networkProblem() const;
    void revalidateNetwork();

    UrlField* m_url;
    QuickTest* m_test;
    QLineEdit* m_agentPlatform; // optional HOST:PORT; empty: the address GitLab stores
    QLineEdit* m_caFile;
    QComboBox* m_proxyMode;
    QLineEdit* m_proxyUrl;
    QLineEdit* m_resolve; // curl-style HOST:PORT:ADDRESS entries, separated by spaces
    QLabel* m_networkProblem;
};

// Page 4: the model: family, endpoint, identifier, GitLab's name for it, the key.
class ModelPage : public QWizardPage {
    Q_OBJECT
public:
    ModelPage(Session* session, std::function<Target()> currentTarget, QWidget* parent = nullptr);
    bool isComplete() const override;
    void apply(Target& target) const;
    void showTarget(const Target& target);
    void setKey(const QString& key);

private:
    void offerGitLabModels();
    QString family() const;

    Session* m_session;
    std::function<Target()> m_currentTarget;
    QComboBox* m_family;
    UrlField* m_endpoint;
    QLineEdit* m_identifier;
    QLineEdit* m_deployment;
    QLineEdit* m_azureApiVersion; // only azure/ identifiers use it
    SecretField* m_key;
    QPushButton* m_fromGitLab;
    bool m_asking = false;
};

} // namespace duo::ui
