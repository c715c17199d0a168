#pragma once

#include "core/engine/engine.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace duo::ui {

// A page's "Test" button: runs a few checks of the catalog on their own and says in one line how it went.
class QuickTest : public QWidget {
    Q_OBJECT
public:
    QuickTest(QNetworkAccessManager* network, QStringList checkIds, QWidget* parent = nullptr);

    // The page supplies the target to test at click time.
    std::function<Target()> targetProvider;
    std::function<RunOptions()> optionsProvider;
    QPushButton* button() const { return m_button; }
    QString resultText() const;
    // What the page's fields say changed: an old result would describe another URL.
    void clear();

private:
    void run();
    void showReport(const Report& report);

    CheckEngine m_engine;
    QStringList m_ids;
    QPushButton* m_button;
    QLabel* m_icon;
    QLabel* m_result;
};

} // namespace duo::ui
