#pragma once

#include <QLineEdit>
#include <QTest>
#include <QWidget>

// Finding and typing into the wizard's fields by object name, as the GUI tests do.
namespace duo::test {

// The line edit named `name`, or the one inside the widget of that name (a URL or secret field).
inline QLineEdit* edit(QWidget* root, const char* name) {
    auto* widget = root->findChild<QWidget*>(QLatin1String(name));
    if (!widget)
        return nullptr;
    if (auto* line = qobject_cast<QLineEdit*>(widget))
        return line;
    return widget->findChild<QLineEdit*>();
}

// Replaces the field's text by typing, key by key (so validation runs as it does for a user).
inline void type(QWidget* root, const char* name, const QString& text) {
    QLineEdit* line = edit(root, name);
    QVERIFY2(line, name);
    line->clear();
    QTest::keyClicks(line, text);
}

} // namespace duo::test
