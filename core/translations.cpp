#include "core/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace duo {

QString installTranslations(QCoreApplication& app, QString language) {
    if (language.isEmpty())
        language = qEnvironmentVariable("DUO_DOCTOR_LANG");
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    const QStringList places{QStringLiteral(":/i18n"),
                             QCoreApplication::applicationDirPath() +
                                 QStringLiteral("/../share/duo-doctor/translations"),
                             qEnvironmentVariable("DUO_DOCTOR_QM_DIR")};
    auto* ours = new QTranslator(&app);
    // A language without a file of ours (and the C locale of a bare shell) reads English, whose file holds
    // only the plural forms ("1 warning", "2 warnings").
    for (const QLocale& wanted : {locale, QLocale(QLocale::English)}) {
        for (const QString& place : places) {
            if (!place.isEmpty() &&
                ours->load(wanted, QStringLiteral("duo-doctor"), QStringLiteral("_"), place)) {
                QCoreApplication::installTranslator(ours);
                break;
            }
        }
        if (!ours->isEmpty())
            break;
    }
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return locale.name();
}

} // namespace duo
