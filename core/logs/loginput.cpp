#include "core/logs/loginput.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <zlib.h>

#include <cstdio>
#include <cstring>

namespace duo {

namespace {

struct InputText {
    Q_DECLARE_TR_FUNCTIONS(duo::LogInput)
};

constexpr qint64 compressedChunk = 256 * 1024;

LogInput fileInput(const QString& name, const QFileInfo& info) {
    LogInput input;
    input.name = name;
    input.path = info.filePath();
    input.size = info.size();
    return input;
}

// A directory's regular files, sorted by name; its subdirectories are not entered.
QList<LogInput> directoryInputs(const QString& name) {
    QList<LogInput> inputs;
    const QDir dir(name);
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& entry : entries) {
        if (entry.isFile())
            inputs.append(fileInput(dir.filePath(entry.fileName()), entry));
    }
    return inputs;
}

} // namespace

std::optional<QList<LogInput>> expandLogInputs(const QStringList& names, QString* error) {
    QList<LogInput> inputs;
    for (const QString& name : names) {
        if (name == QLatin1String("-")) {
            inputs.append(LogInput{.name = name});
            continue;
        }
        const QFileInfo info(name);
        if (!info.exists()) {
            *error = InputText::tr("analyze: %1 does not exist.").arg(name);
            return std::nullopt;
        }
        const QList<LogInput> found = info.isDir() ? directoryInputs(name) : QList{fileInput(name, info)};
        if (found.isEmpty()) {
            *error = InputText::tr("analyze: %1 holds no file to read.").arg(name);
            return std::nullopt;
        }
        inputs += found;
    }
    return inputs;
}

// zlib's stream state, with the compressed bytes waiting to be inflated.
struct LogReader::Inflater {
    z_stream stream{};
    QByteArray input;
    bool ended = false;       // the last member ended and no byte follows
    bool memberEnded = false; // one member ended: what follows may be another, or padding
    Inflater() { inflateInit2(&stream, 16 + MAX_WBITS); } // 16: a gzip header and trailer, not zlib's
    ~Inflater() { inflateEnd(&stream); }
};

LogReader::LogReader() = default;
LogReader::~LogReader() = default;

bool LogReader::open(const LogInput& input, QString* error) {
    if (input.pasted) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(input.text);
        m_device = std::move(buffer);
    } else {
        auto file = std::make_unique<QFile>(input.path);
        m_device = std::move(file);
    }
    const bool opened = input.standardInput()
                            ? static_cast<QFile*>(m_device.get())->open(stdin, QIODevice::ReadOnly)
                            : m_device->open(QIODevice::ReadOnly);
    if (!opened) {
        *error = InputText::tr("analyze: cannot read %1: %2").arg(input.name, m_device->errorString());
        return false;
    }
    // gzip's magic bytes decide, not the name: a rotated llm.log.1 may be compressed, a .gz may not be.
    char magic[2];
    qint64 got = 0;
    while (got < 2) {
        const qint64 n = readRaw(magic + got, 2 - got);
        if (n <= 0)
            break;
        got += n;
    }
    m_pending = QByteArray(magic, got);
    m_gzip = got == 2 && uchar(magic[0]) == 0x1f && uchar(magic[1]) == 0x8b;
    if (m_gzip) {
        m_inflater = std::make_unique<Inflater>();
        m_inflater->input = std::exchange(m_pending, {});
        m_inflater->stream.next_in = reinterpret_cast<Bytef*>(m_inflater->input.data());
        m_inflater->stream.avail_in = uInt(m_inflater->input.size());
    }
    return true;
}

qint64 LogReader::readRaw(char* data, qint64 max) {
    const qint64 n = m_device->read(data, max);
    if (n > 0)
        m_consumed += n;
    return n;
}

qint64 LogReader::read(char* data, qint64 max) {
    if (m_gzip)
        return inflateSome(data, max);
    if (!m_pending.isEmpty()) {
        const qint64 n = std::min<qint64>(max, m_pending.size());
        std::memcpy(data, m_pending.constData(), size_t(n));
        m_pending.remove(0, n);
        return n;
    }
    const qint64 n = readRaw(data, max);
    if (n < 0) {
        m_error = m_device->errorString();
        return -1;
    }
    return n;
}

// Inflates into `data` until it has something or the input ends; concatenated members are read on.
qint64 LogReader::inflateSome(char* data, qint64 max) {
    Inflater& z = *m_inflater;
    z.stream.next_out = reinterpret_cast<Bytef*>(data);
    z.stream.avail_out = uInt(max);
    while (z.stream.avail_out == uInt(max) && !z.ended) {
        if (z.stream.avail_in == 0) {
            z.input.resize(compressedChunk);
            const qint64 n = readRaw(z.input.data(), compressedChunk);
            if (n <= 0)
                break; // a truncated file: what was inflated so far is all there is
            z.stream.next_in = reinterpret_cast<Bytef*>(z.input.data());
            z.stream.avail_in = uInt(n);
        }
        const int status = ::inflate(&z.stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END) {
            z.memberEnded = true;
            inflateReset(&z.stream); // another gzip member may follow (cat a.gz b.gz)
        } else if (status != Z_OK && status != Z_BUF_ERROR && z.memberEnded) {
            z.ended = true; // padding after the last member
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            m_error = InputText::tr("not valid gzip data (%1)")
                          .arg(QString::fromLatin1(z.stream.msg ? z.stream.msg : "?"));
            return -1;
        }
    }
    return max - qint64(z.stream.avail_out);
}

} // namespace duo
