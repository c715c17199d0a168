#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;

namespace duo::ui {

class Session;

// The Diagnosis page's "Container probe" tab: a short sh script, filled in with the setup's values, to run
// inside the AI gateway container; its JSON pasted back answers the container-side manual steps as results
// seen from the gateway.
class ContainerProbePanel : public QWidget {
    Q_OBJECT
public:
    explicit ContainerProbePanel(Session* session, QWidget* parent = nullptr);

    void refreshScript(); // the setup may have changed since the page was built
    QString script() const;
    bool usePastedOutput(); // false, with the reason shown, when the paste is not the probe's output
    QPlainTextEdit* pasteBox() const { return m_paste; }
    QString statusText() const;

signals:
    void probeUsed(); // the container steps were re-judged

private:
    void setUpTextBoxes();
    QHBoxLayout* buildScriptButtons();
    QHBoxLayout* buildPasteButtons();
    void saveScriptWithDialog();

    Session* m_session;
    QPlainTextEdit* m_script;
    QPlainTextEdit* m_paste;
    QLabel* m_status;
};

} // namespace duo::ui
