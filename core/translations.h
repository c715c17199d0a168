#pragma once

#include <QString>

class QCoreApplication;

namespace duo {

// Loads Duo Doctor's translation for the language (empty: the system's, from LANGUAGE/LANG; DUO_DOCTOR_LANG
// or
// --language override it) and Qt's own (the wizard's buttons). Looks in the binary's resources, next to an
// installed binary (../share/duo-doctor/translations) and in DUO_DOCTOR_QM_DIR. Returns the language used.
QString installTranslations(QCoreApplication& app, QString language = {});

} // namespace duo
