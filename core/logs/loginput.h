#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace duo {

// One text to analyze: a file, standard input, or text already in memory (the paste box).
struct LogInput {
    QString name{};    // as named: the path, "-" for standard input, empty for pasted text
    QString path{};    // what to open; empty for standard input and pasted text
    QByteArray text{}; // pasted text
    bool pasted = false;
    qint64 size = 0; // bytes on disk (for progress), 0 when unknown

    bool standardInput() const { return !pasted && path.isEmpty(); }
    bool canReadTwice() const { return !standardInput(); }
};

// The named inputs as files: "-" is standard input, a directory its regular files (not recursive, sorted by
// name). A name that does not exist (or a directory without files) is an error naming it.
std::optional<QList<LogInput>> expandLogInputs(const QStringList& names, QString* error);

// Reads an input as a stream of bytes; gzip (recognised by its magic bytes) is inflated on the way, member
// after member, in constant memory.
class LogReader {
public:
    LogReader();
    ~LogReader();
    LogReader(const LogReader&) = delete;
    LogReader& operator=(const LogReader&) = delete;

    bool open(const LogInput& input, QString* error);
    // Up to `max` bytes of text; 0 at the end, -1 on an error (errorString()).
    qint64 read(char* data, qint64 max);
    bool compressed() const { return m_gzip; }
    qint64 consumed() const { return m_consumed; } // bytes read from the device (compressed ones for gzip)
    QString errorString() const { return m_error; }

private:
    qint64 readRaw(char* data, qint64 max);
    qint64 inflateSome(char* data, qint64 max);

    struct Inflater;
    std::unique_ptr<QIODevice> m_device;
    std::unique_ptr<Inflater> m_inflater;
    QByteArray m_pending; // the first bytes, read to look for gzip's magic
    bool m_gzip = false;
    qint64 m_consumed = 0;
    QString m_error;
};

} // namespace duo
