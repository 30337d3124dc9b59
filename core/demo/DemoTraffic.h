#pragma once

#include "demo/DemoCatalog.h"
#include "usage/UsageImport.h"

#include <QList>

// How the demo's keys are used: each key's traffic profile, and 90 days of it as usage aggregates. Internal to the
// demo seeder.
namespace kw::demo {

enum class Tier { Dev, Staging, Prod };

// What the seeder remembers about a key to write its traffic.
struct DemoKey {
    QString id;
    QString name;
    const ProjectDef* project = nullptr;
    Tier tier = Tier::Dev;
    QStringList services;
    // Interactive: every hour, busy in working hours. Batch: a heavy run of a few hours each night. Sporadic: now
    // and then, mostly in working hours (many empty hours).
    enum class Profile { Interactive, Batch, Sporadic };
    Profile profile = Profile::Sporadic;
    double peakPerHour = 0; // VALID requests in a busy weekday hour (a batch hour); 0: never used
    double nightFactor = 0.15;
    double weekendFactor = 0.4;
    int batchHour = 2;              // UTC hour a batch run starts
    int batchHours = 2;             // how long it runs
    bool businessHoursOnly = false; // dev and staging keys, internal tools (a time window)
    bool rateLimited = false;
    bool ipRestricted = false;
    bool quotaLimited = false;
    qint64 expiresAt = 0;         // 0: never
    qint64 graceMs = 0;           // how long it stays valid after expiry
    qint64 blockedFrom = 0;       // suspended/revoked/rotated away at setup: no VALID traffic from then
    QString blockedCode;          // what later attempts get: SUSPENDED, REVOKED
    double attemptsPerHour = 0;   // attempts with a blocked key (a leaked secret being tried)
    bool anomaly = false;         // production: a burst of traffic at night in the last three days (a spike)
    bool offHoursAnomaly = false; // staging, business hours only: night-time use in the last two days (off-hours)
};

// Chooses the key's profile and rates from the seed and its project, tier and name (never from its random id).
void planTraffic(DemoKey& key, quint32 seed);
// The keys' usage from nowMs - kUsageDays up to the last whole hour before nowMs: hour aggregates, and minute
// aggregates for the last 48 hours (what the recorder keeps at minute granularity).
QList<UsageAggregate> trafficRows(const QList<DemoKey*>& keys, qint64 nowMs, quint32 seed);

} // namespace kw::demo
