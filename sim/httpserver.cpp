#include "sim/httpserver.h"

#include "sim/simlog.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>

namespace duo::sim {

namespace {

constexpr qsizetype maxBodyBytes = 4 * 1024 * 1024;
constexpr qsizetype maxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status) {
    struct Reason {
        int status;
        const char* text;
    };
    static const Reason reasons[] = {
        {100, "Continue"},
        {101, "Switching Protocols"},
        {200, "OK"},
        {201, "Created"},
        {204, "No Content"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {408, "Request Timeout"},
        {411, "Length Required"},
        {413, "Payload Too Large"},
        {421, "Misdirected Request"},
        {422, "Unprocessable Entity"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {500, "Internal Server Error"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
    };
    for (const Reason& reason : reasons) {
        if (reason.status == status)
            return reason.text;
    }
    return "Unknown";
}

QByteArray httpDate() {
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

// Why a request is refused before any handler sees it: the answer that ends the connection.
struct Refusal {
    int status;
    const char* text;
};

// Origin form of a request target: the absolute form a proxy would get loses its scheme and host.
void setTarget(HttpRequest& request, QByteArray target) {
    if (target.startsWith("http://")) {
        const qsizetype slash = target.indexOf('/', 7);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    }
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
}

// One header line; a repeated header joins the earlier value with ", ".
void addHeader(HttpRequest& request, const QByteArray& line) {
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return;
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    const auto existing = request.headers.find(name);
    if (existing == request.headers.end())
        request.headers.insert(name, value);
    else
        existing.value() += ", " + value;
}

// The request line and the headers of head (what comes before the blank line) into request.
std::optional<Refusal> parseHead(const QByteArray& head, HttpRequest& request, QByteArray& version) {
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    version = requestLine.value(2);
    if (requestLine.size() != 3 || requestLine.at(0).isEmpty() || !version.startsWith("HTTP/1."))
        return Refusal{400, "bad request line"};
    request.method = requestLine.at(0);
    setTarget(request, requestLine.at(1));
    for (qsizetype i = 1; i < lines.size(); ++i)
        addHeader(request, lines.at(i));
    return std::nullopt;
}

// The length of the body from Content-Length (none: no body); chunked bodies are not taken.
std::optional<Refusal> bodyLength(const HttpRequest& request, qsizetype& length) {
    if (!request.header("transfer-encoding").isEmpty())
        return Refusal{411, "send the body with Content-Length"};
    bool lengthOk = true;
    const QByteArray lengthText = request.header("content-length");
    length = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&lengthOk);
    if (!lengthOk || length < 0)
        return Refusal{400, "bad Content-Length"};
    if (length > maxBodyBytes)
        return Refusal{413, "request body larger than 4 MiB"};
    return std::nullopt;
}

// What starts an HTTP/1 request line: a method's letter. Anything else (a TLS hello, binary) is refused at
// once, as uvicorn's parser does on its first bad byte.
bool startsLikeHttp(const QByteArray& buffer) {
    const char first = buffer.at(0);
    return (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z');
}

bool closesAfter(const HttpRequest& request, const QByteArray& version) {
    const QByteArray connectionHeader = request.header("connection").toLower();
    return connectionHeader.contains("close") ||
           (version == "HTTP/1.0" && !connectionHeader.contains("keep-alive"));
}

} // namespace

// One client connection: its read buffer and the answers it still owes, written strictly in request order.
class HttpConnection : public QObject {
public:
    HttpConnection(HttpServer* server, QTcpSocket* socket)
        : QObject(socket)
        , m_server(server)
        , m_socket(socket) {
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    }

    // Queues the answer to request number sequence; closes the connection after it when close is set, hands
    // it over after it when upgrade is, streams its pieces after the head when stream is.
    void deliver(quint64 sequence, const QByteArray& bytes, bool close, const Upgrade& upgrade = {},
                 const std::shared_ptr<const StreamedBody>& stream = {}) {
        m_ready.insert(sequence, {bytes, close, upgrade, stream});
        drain();
    }

private:
    struct Pending {
        QByteArray bytes;
        bool close = false;
        Upgrade upgrade = {};
        std::shared_ptr<const StreamedBody> stream = {};
    };

    // Writes what is ready, strictly in request order; a streamed answer holds the later ones back.
    void drain() {
        while (!m_streaming && m_ready.contains(m_nextToWrite)) {
            const Pending pending = m_ready.take(m_nextToWrite++);
            m_socket->write(pending.bytes);
            if (pending.upgrade) {
                handOver(pending.upgrade);
                return;
            }
            if (pending.stream) {
                m_streaming = true;
                QTimer::singleShot(pending.stream->firstDelayMs, Qt::PreciseTimer, this,
                                   [this, pending] { writePiece(pending, 0); });
                return;
            }
            if (pending.close) {
                closeNow();
                return;
            }
        }
    }

    void closeNow() {
        m_ready.clear();
        m_socket->disconnectFromHost();
    }

    static QByteArray chunk(const QByteArray& piece) {
        return QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    }

    // Piece number index of a streamed answer, then the next after its interval (all at once without one).
    void writePiece(const Pending& pending, qsizetype index) {
        const StreamedBody& stream = *pending.stream;
        do {
            if (index < stream.pieces.size())
                m_socket->write(chunk(stream.pieces.at(index)));
            ++index;
        } while (stream.intervalMs == 0 && index < stream.pieces.size());
        if (index < stream.pieces.size()) {
            QTimer::singleShot(stream.intervalMs, Qt::PreciseTimer, this,
                               [this, pending, index] { writePiece(pending, index); });
            return;
        }
        m_streaming = false;
        if (stream.cut || pending.close) {
            if (!stream.cut)
                m_socket->write("0\r\n\r\n");
            m_closing = true;
            closeNow();
            return;
        }
        m_socket->write("0\r\n\r\n");
        drain();
    }

    // After a 101 this connection reads no more HTTP: the new protocol gets the socket and what is left.
    void handOver(const Upgrade& upgrade) {
        disconnect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        m_closing = true;
        m_ready.clear();
        upgrade(m_socket, std::exchange(m_buffer, {}));
    }

    void fail(const Refusal& refusal) {
        m_closing = true;
        m_buffer.clear();
        HttpResponse response = HttpResponse::text(refusal.status, refusal.text);
        deliver(m_nextSequence++, m_server->serialise({}, response, true), true);
    }

    void onReadyRead() {
        if (m_closing) {
            m_socket->readAll();
            return;
        }
        m_buffer += m_socket->readAll();
        while (!m_closing && parseOne()) {
        }
    }

    // Takes one complete request off the buffer and hands it on; false when more bytes are needed.
    bool parseOne() {
        if (!m_buffer.isEmpty() && !startsLikeHttp(m_buffer)) {
            fail({400, "Invalid HTTP request received."});
            return false;
        }
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (m_buffer.size() > maxHeaderBytes)
                fail({431, "request header fields too large"});
            return false;
        }
        if (headerEnd > maxHeaderBytes) {
            fail({431, "request header fields too large"});
            return false;
        }
        HttpRequest request;
        QByteArray version;
        qsizetype length = 0;
        std::optional<Refusal> refusal = parseHead(m_buffer.left(headerEnd), request, version);
        if (!refusal)
            refusal = bodyLength(request, length);
        if (refusal) {
            fail(*refusal);
            return false;
        }
        if (m_buffer.size() < headerEnd + 4 + length) {
            if (!m_continued && request.header("expect").toLower() == "100-continue") {
                m_continued = true; // curl waits for this before sending a large body
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return false;
        }
        m_continued = false;
        request.body = m_buffer.mid(headerEnd + 4, length);
        m_buffer.remove(0, headerEnd + 4 + length);
        const bool close = closesAfter(request, version);
        if (close)
            m_closing = true;
        const quint64 sequence = m_nextSequence++;
        m_server->dispatch(request);
        if (m_server->m_blackHole)
            return true; // read and recorded; never answered
        const Responder respond = responder(sequence, close, request);
        if (m_server->m_handler)
            m_server->m_handler(request, respond);
        else
            respond(HttpResponse::json(404, R"({"detail":"Not Found"})"));
        return true;
    }

    // Answers request number sequence at most once, after the server's latency, while this connection lives.
    Responder responder(quint64 sequence, bool close, const HttpRequest& request) {
        auto answered = std::make_shared<bool>(false);
        QPointer<HttpConnection> guarded(this);
        HttpServer* server = m_server;
        const int latencyMs = m_server->m_latencyMs;
        const HttpRequest head{request.method, request.path, {}, {}, {}};
        return [guarded, server, sequence, close, latencyMs, answered, head](const HttpResponse& response) {
            if (!guarded || *answered)
                return;
            *answered = true;
            const QByteArray out = server->serialise(head, response, close);
            const Upgrade upgrade = response.status == 101 ? response.upgrade : Upgrade();
            const std::shared_ptr<const StreamedBody> stream =
                head.method == "HEAD" ? nullptr : response.stream;
            if (latencyMs > 0) {
                // Precise: the benchmarks add this latency per hop and compare against its sum.
                QTimer::singleShot(latencyMs, Qt::PreciseTimer, guarded.data(),
                                   [guarded, sequence, out, close, upgrade, stream] {
                                       if (guarded)
                                           guarded->deliver(sequence, out, close, upgrade, stream);
                                   });
            } else {
                guarded->deliver(sequence, out, close, upgrade, stream);
            }
        };
    }

    HttpServer* m_server;
    QTcpSocket* m_socket;
    QByteArray m_buffer;
    QMap<quint64, Pending> m_ready;
    quint64 m_nextSequence = 0;
    quint64 m_nextToWrite = 0;
    bool m_closing = false;
    bool m_continued = false;
    bool m_streaming = false; // a streamed answer is being written
};

HttpServer::HttpServer(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this)) {
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            new HttpConnection(this, socket);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool HttpServer::listen() {
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        qCWarning(lcSim) << "cannot listen on 127.0.0.1:" << m_server->errorString();
        return false;
    }
    return true;
}

quint16 HttpServer::port() const {
    return m_server->serverPort();
}

void HttpServer::dispatch(const HttpRequest& request) {
    qCDebug(lcSim).noquote() << m_server->serverPort() << request.method << request.path;
    emit requestReceived(request);
}

QByteArray HttpServer::serialise(const HttpRequest& request, const HttpResponse& response, bool close) const {
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "date: " + httpDate() + "\r\n";
    for (const auto& [name, value] : m_defaultHeaders)
        out += name + ": " + value + "\r\n";
    const bool informational = response.status < 200; // 101: no body, so neither its type nor its length
    if (!response.contentType.isEmpty() && !informational)
        out += "content-type: " + response.contentType + "\r\n";
    if (response.stream && !informational)
        out += "transfer-encoding: chunked\r\n";
    else if (!informational)
        out += "content-length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "connection: close\r\n";
    out += "\r\n";
    if (request.method != "HEAD" && !informational)
        out += response.body;
    return out;
}

} // namespace duo::sim
