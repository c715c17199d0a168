#pragma once

#include "core/report.h"

#include <QWizardPage>

class QLabel;
class QTreeView;

namespace duo::ui {

class CheckTreeModel;
class DetailPane;
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
    void selectCheck(const QString& id, bool asRootCause = false);
    void saveProfile(const QString& name);
    QString bannerText() const;

private:
    void showSelected();
    void updateBanner(const Report& report);
    void exportWithDialog();

    Session* m_session;
    CheckTreeModel* m_model;
    QLabel* m_banner;
    QTreeView* m_tree;
    DetailPane* m_details;
};

} // namespace duo::ui
