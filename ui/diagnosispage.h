#pragma once

#include "core/reports/report.h"

#include <QUrl>
#include <QWizardPage>

#include <functional>

class QHBoxLayout;
class QLabel;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace duo::ui {

class CheckTreeModel;
class ContainerProbePanel;
class DetailPane;
class LogAnalyzerPanel;
class PasteJudging;
class Session;

// Page 6: the diagnosis tree with root causes on top, the selected check's details and fix, manual steps
// with a paste box, re-runs and the report export.
class DiagnosisPage : public QWizardPage {
    Q_OBJECT
public:
    DiagnosisPage(Session* session, CheckTreeModel* model, QWidget* parent = nullptr);

    void initializePage() override;
    bool exportReport(const QString& fileName, QString* error) const;
    QTreeView* tree() const { return m_tree; }
    DetailPane* details() const { return m_details; }
    LogAnalyzerPanel* logAnalyzer() const { return m_logAnalyzer; }
    ContainerProbePanel* containerProbe() const { return m_probe; }
    PasteJudging* pasteJudging() const { return m_pasteJudging; }
    QTabWidget* tabs() const { return m_tabs; }
    void selectCheck(const QString& id, bool asRootCause = false);
    void saveProfile(const QString& name);
    // "If both scripts succeed but Code Suggestions still fails, raise an issue": the Markdown report
    // (redacted) goes to the clipboard and the tracker's new-issue page opens.
    void reportProblem();
    void trustCertificate(const QString& id, const QString& host, const QString& sha256);
    void setUrlOpener(std::function<bool(const QUrl&)> opener) { m_openUrl = std::move(opener); }
    // The newest thing the page says: the transient message of the status line under the buttons, if any,
    // else the banner (the most likely cause, which messages never replace).
    QString bannerText() const;
    QString statusText() const;

private:
    QSplitter* buildChecksSplitter();
    QHBoxLayout* buildActionRow();
    void buildTabs(QSplitter* checks);
    void connectEngine();
    void showSelected();
    void updateBanner(const Report& report);
    void exportWithDialog();
    void saveProfileWithDialog();
    void say(const QString& message);
    void orderFocus();

    Session* m_session;
    CheckTreeModel* m_model;
    QLabel* m_banner;
    QLabel* m_status;
    QList<QWidget*> m_actions; // the action row's buttons, in Tab order
    QTreeView* m_tree;
    DetailPane* m_details;
    QTabWidget* m_tabs;
    LogAnalyzerPanel* m_logAnalyzer;
    ContainerProbePanel* m_probe;
    PasteJudging* m_pasteJudging;
    std::function<bool(const QUrl&)> m_openUrl;
};

} // namespace duo::ui
