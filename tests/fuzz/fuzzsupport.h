#pragma once

// What every harness shares: how the input is read, the secrets registered in it, and the properties that
// every output must keep. A property that does not hold aborts, so libFuzzer keeps the input as a crash and
// the replay test (replaymain.cpp) fails on it.
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

namespace fuzz {

// The secret every harness registers. The seeds hold it plain and escaped (\u0041, %41, zero-width spaces).
inline const QString plantedSecret = QStringLiteral("Zq7xK9fuzzTok3n");

// Aborts with the property's name and the value that broke it.
void require(bool holds, const char* property, const QString& detail = {});

QString textOf(const uint8_t* data, size_t size);
// The input's fields: split at ASCII RS (0x1e) when it holds one, else at its lines.
QStringList fieldsOf(const QString& text);
// A second secret taken from the input: its first field when that looks like a token (12 to 40 letters and
// digits, with an upper-case letter, a lower-case letter and a digit), else empty.
QString derivedSecret(const QStringList& fields);
// The planted secret and the derived one, if any.
QStringList secretsFor(const QStringList& fields);

// No registered secret and no token shape in an output. A value (not a serialised document) is also read
// normalised, as the redactor reads it: JSON and URL escapes decoded, invisible characters as spaces.
void requireNoSecret(const QString& output, const QStringList& secrets, const char* where);
void requireNoSecretInValue(const QString& value, const QStringList& secrets, const char* where);
// Every string of a JSON value, keys included.
void requireNoSecretInJson(const QJsonValue& value, const QStringList& secrets, const char* where);

// Serialised JSON that parses, and reads back to the same bytes when written again.
QJsonValue requireJsonRoundTrip(const QByteArray& json, const char* where);

} // namespace fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
