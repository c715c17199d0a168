// The wizard in German: our translation and Qt's own (the wizard's buttons) load, and labels fit.
#include "core/translations.h"
#include "ui/doctorwizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QTest>

class TestGerman : public QObject {
    Q_OBJECT
private slots:
    void wizardSpeaksGerman() {
        QCOMPARE(duo::installTranslations(*qApp, QStringLiteral("de")), QStringLiteral("de_DE"));
        duo::ui::DoctorWizard wizard;
        wizard.show();
        QCOMPARE(wizard.currentPage()->title(),
                 QStringLiteral("GitLab Duo mit selbst gehosteten Modellen untersuchen"));
        QCOMPARE(wizard.button(QWizard::HelpButton)->text(), QStringLiteral("&Hilfe"));
        // Qt's own translation: the wizard's Next button.
        QVERIFY2(wizard.button(QWizard::NextButton)->text().contains(QLatin1String("Weiter")),
                 qPrintable(wizard.button(QWizard::NextButton)->text()));
        // No label on the page is wider than the page: nothing clipped.
        for (const QLabel* label : wizard.currentPage()->findChildren<QLabel*>()) {
            if (label->isVisible() && !label->wordWrap())
                QVERIFY2(label->sizeHint().width() <= wizard.currentPage()->width(),
                         qPrintable(label->text()));
        }
    }
};

QTEST_MAIN(TestGerman)
#include "test_german.moc"
