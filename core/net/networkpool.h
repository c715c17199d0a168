#pragma once

#include "core/target.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

class QNetworkAccessManager;

namespace duo {

// One QNetworkAccessManager per distinct set of connection settings, for every client given the same shared
// manager (the GUI's session engine, its quick tests and the Model page share one). Kept-alive connections
// serve every client with the same proxy, CA file, pins and --resolve entries; a client's proxy or pinned
// certificate never applies to another's requests, whichever was made last. The shared manager itself is
// never changed: the pool is its child and hands out children of its own.
class NetworkPool : public QObject {
    Q_OBJECT
public:
    // The manager for these settings, made on first use. Call on the shared manager's thread.
    static QNetworkAccessManager* managerFor(QNetworkAccessManager* shared, const RunOptions& options);
    // Lane `lane` of these settings: another manager with the same settings, so one run may keep more
    // requests to one host in flight than Qt's six HTTP/1 connections per manager (Qt 6.4 has no setting
    // for it). Lane 0 is managerFor()'s.
    static QNetworkAccessManager* laneFor(QNetworkAccessManager* shared, const RunOptions& options, int lane);
    static constexpr int lanes = 4;
    static constexpr int connectionsPerLane = 6;

private:
    explicit NetworkPool(QNetworkAccessManager* shared);
    static NetworkPool* poolOf(QNetworkAccessManager* shared);
    QNetworkAccessManager* manager(const RunOptions& options, int lane);

    QHash<QByteArray, QNetworkAccessManager*> m_managers; // children of the pool
};

} // namespace duo
