#include "target.h"

namespace duo {

QString Target::servedModelId() const {
    static const QString openAiPrefix = QStringLiteral("custom_openai/");
    if (modelIdentifier.startsWith(openAiPrefix))
        return modelIdentifier.mid(openAiPrefix.size());
    return modelIdentifier.isEmpty() ? modelFamily : modelIdentifier;
}

} // namespace duo
