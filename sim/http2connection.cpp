#include "sim/http2connection.h"

#include "sim/simlog.h"

#include <QTcpSocket>

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace duo::sim {

namespace {

QByteArray bytes(const uint8_t* data, size_t length) {
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(length));
}

// nghttp2 copies name and value when a frame is submitted: the pairs need only outlive the call.
std::vector<nghttp2_nv> nameValues(const Http2Headers& headers) {
    std::vector<nghttp2_nv> list;
    list.reserve(static_cast<size_t>(headers.size()));
    for (const auto& [name, value] : headers) {
        list.push_back({reinterpret_cast<uint8_t*>(const_cast<char*>(name.constData())),
                        reinterpret_cast<uint8_t*>(const_cast<char*>(value.constData())),
                        static_cast<size_t>(name.size()), static_cast<size_t>(value.size()),
                        NGHTTP2_NV_FLAG_NONE});
    }
    return list;
}

bool opensRequest(const nghttp2_frame* frame) {
    return frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST;
}

bool endsStream(const nghttp2_frame* frame) {
    return (frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
           (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;
}

} // namespace

QByteArray Http2Request::header(const QByteArray& lowerName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

struct Http2Callbacks {
    static Http2Connection* connection(void* userData) { return static_cast<Http2Connection*>(userData); }

    static int beginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* userData) {
        if (opensRequest(frame))
            connection(userData)->m_streams[frame->hd.stream_id] = {};
        return 0;
    }
    static int header(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name, size_t nameLength,
                      const uint8_t* value, size_t valueLength, uint8_t, void* userData) {
        auto& streams = connection(userData)->m_streams;
        const auto stream = streams.find(frame->hd.stream_id);
        if (stream != streams.end())
            stream->second.request.headers.append({bytes(name, nameLength), bytes(value, valueLength)});
        return 0;
    }
    static int dataChunk(nghttp2_session*, uint8_t, int32_t streamId, const uint8_t* data, size_t length,
                         void* userData) {
        auto& streams = connection(userData)->m_streams;
        const auto stream = streams.find(streamId);
        if (stream != streams.end())
            stream->second.request.body += bytes(data, length);
        return 0;
    }
    static int frame(nghttp2_session*, const nghttp2_frame* frame, void* userData) {
        if (endsStream(frame))
            connection(userData)->respond(frame->hd.stream_id);
        return 0;
    }
    static int streamClose(nghttp2_session*, int32_t streamId, uint32_t, void* userData) {
        connection(userData)->m_streams.erase(streamId);
        return 0;
    }
    // The body in pieces; at its end the trailers, when there are any, end the stream instead.
    static ssize_t readBody(nghttp2_session* session, int32_t streamId, uint8_t* buffer, size_t length,
                            uint32_t* dataFlags, nghttp2_data_source*, void* userData) {
        auto& streams = connection(userData)->m_streams;
        const auto found = streams.find(streamId);
        if (found == streams.end())
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        Http2Connection::Stream& stream = found->second;
        const qsizetype left = stream.response.body.size() - stream.sent;
        const qsizetype count = std::min(left, static_cast<qsizetype>(length));
        std::memcpy(buffer, stream.response.body.constData() + stream.sent, static_cast<size_t>(count));
        stream.sent += count;
        if (stream.sent == stream.response.body.size()) {
            *dataFlags |= NGHTTP2_DATA_FLAG_EOF;
            if (!stream.response.trailers.isEmpty()) {
                *dataFlags |= NGHTTP2_DATA_FLAG_NO_END_STREAM;
                const std::vector<nghttp2_nv> trailers = nameValues(stream.response.trailers);
                nghttp2_submit_trailer(session, streamId, trailers.data(), trailers.size());
            }
        }
        return static_cast<ssize_t>(count);
    }
};

Http2Connection::Http2Connection(QTcpSocket* socket, Http2Handler handler)
    : QObject(socket)
    , m_socket(socket)
    , m_handler(std::move(handler)) {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Http2Callbacks::beginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Http2Callbacks::header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Http2Callbacks::dataChunk);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Http2Callbacks::frame);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Http2Callbacks::streamClose);
    nghttp2_session_server_new(&m_session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
    const nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100}};
    nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, std::size(settings));
    connect(socket, &QTcpSocket::readyRead, this, &Http2Connection::onReadyRead);
    flush();
    if (socket->bytesAvailable() > 0)
        onReadyRead();
}

Http2Connection::~Http2Connection() {
    nghttp2_session_del(m_session);
}

void Http2Connection::onReadyRead() {
    const QByteArray received = m_socket->readAll();
    const ssize_t read =
        nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t*>(received.constData()),
                                 static_cast<size_t>(received.size()));
    if (read < 0) {
        // Not HTTP/2 (an HTTP/1 request, a TLS hello): nghttp2 has queued its GOAWAY; send it and hang up.
        qCDebug(lcSim) << "HTTP/2:" << nghttp2_strerror(static_cast<int>(read));
        nghttp2_session_terminate_session(m_session, NGHTTP2_PROTOCOL_ERROR);
    }
    flush();
}

void Http2Connection::flush() {
    for (;;) {
        const uint8_t* data = nullptr;
        const ssize_t length = nghttp2_session_mem_send(m_session, &data);
        if (length <= 0)
            break;
        m_socket->write(reinterpret_cast<const char*>(data), length);
    }
    if (nghttp2_session_want_read(m_session) == 0 && nghttp2_session_want_write(m_session) == 0)
        m_socket->disconnectFromHost();
}

void Http2Connection::respond(int32_t streamId) {
    const auto found = m_streams.find(streamId);
    if (found == m_streams.end())
        return;
    Stream& stream = found->second;
    stream.response = m_handler(stream.request);
    const std::vector<nghttp2_nv> headers = nameValues(stream.response.headers);
    const bool headersOnly = stream.response.body.isEmpty() && stream.response.trailers.isEmpty();
    nghttp2_data_provider body{};
    body.read_callback = &Http2Callbacks::readBody;
    nghttp2_submit_response(m_session, streamId, headers.data(), headers.size(),
                            headersOnly ? nullptr : &body);
}

} // namespace duo::sim
