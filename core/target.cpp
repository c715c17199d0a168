#include "core/target.h"

#include <QHostAddress>

namespace duo {

QString Target::servedModelId() const {
    static const QString openAiPrefix = QStringLiteral("custom_openai/");
    if (modelIdentifier.startsWith(openAiPrefix))
        return modelIdentifier.mid(openAiPrefix.size());
    return modelIdentifier.isEmpty() ? modelFamily : modelIdentifier;
}

std::optional<ResolveEntry> parseResolve(const QString& text) {
    // HOST:PORT:ADDRESS, the address possibly an IPv6 literal in brackets.
    const qsizetype first = text.indexOf(QLatin1Char(':'));
    const qsizetype second = first < 0 ? -1 : text.indexOf(QLatin1Char(':'), first + 1);
    if (first <= 0 || second < 0)
        return std::nullopt;
    ResolveEntry entry;
    entry.host = text.left(first);
    bool ok = false;
    entry.port = text.mid(first + 1, second - first - 1).toInt(&ok);
    QString address = text.mid(second + 1);
    if (address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']')))
        address = address.mid(1, address.size() - 2);
    if (!ok || entry.port <= 0 || entry.port > 65535 || QHostAddress(address).isNull())
        return std::nullopt;
    entry.address = address;
    return entry;
}

QByteArray connectionKey(const RunOptions& options) {
    const char separator = '\x1f';
    QByteArray key = options.caFile.toUtf8();
    key += separator;
    key += QByteArray::number(int(options.proxy.mode));
    key += options.proxy.url.toEncoded();
    for (const ResolveEntry& entry : options.resolve) {
        key += separator;
        key +=
            (entry.host + QLatin1Char(':') + QString::number(entry.port) + QLatin1Char(':') + entry.address)
                .toUtf8();
    }
    for (const PinnedCertificate& pin : options.pinned) {
        key += separator;
        key += (pin.host + QLatin1Char('=') + pin.sha256).toUtf8();
    }
    return key;
}

} // namespace duo
