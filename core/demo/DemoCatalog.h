#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// The fictional organisation of the demo vault and the seeded random numbers it is drawn with. Internal to the demo
// seeder (core/demo); nothing else should depend on it.
namespace kw::demo {

inline constexpr qint64 kHourMs = 3'600'000;
inline constexpr qint64 kDayMs = 86'400'000;
// The key whose traffic turns anomalous: a partner key used heavily at night in the last three days (a spike), and
// its staging twin, used only in office hours until it is used at night in the last two days (off-hours).
inline constexpr const char* kAnomalyProject = "partner-gateway";
inline constexpr const char* kAnomalyKey = "partner tyrell orders";

// splitmix64: small, fast, and the same numbers on every platform (the std:: distributions are not).
class Rng {
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int range(int lo, int hi) { return lo + int(next() % quint64(hi - lo + 1)); } // [lo, hi]
    bool chance(double p) { return uniform() < p; }
    template <typename T> const T& pick(const QList<T>& list) { return list[range(0, int(list.size()) - 1)]; }

private:
    quint64 m_state;
};

// FNV-1a over the UTF-16 text: stable across runs and platforms, unlike qHash.
quint64 stableHash(const QString& text);
// Seeds that differ per purpose, so adding a key does not reshuffle every other key's traffic.
quint64 mix(quint32 seed, quint64 purpose, quint64 a = 0, quint64 b = 0);

struct TeamDef {
    QString name;
    QStringList people; // first.last
};

struct ProjectDef {
    QString name;
    QString team;
    QString prefix;
    QStringList services;
    QStringList consumers; // names of the systems that hold prod/staging keys
    bool gateway;          // traffic goes through a gateway that reports status, latency and size
    qint64 latencyUs;      // typical upstream latency behind the gateway
};

const QList<TeamDef>& teams();
const TeamDef& teamOf(const ProjectDef& project);
const QList<ProjectDef>& projects();
const ProjectDef* findProject(const QString& name);
// Unit prices ("project/service", millionths of the currency unit per unit of cost), in a fixed order.
const QList<std::pair<QString, qint64>>& servicePrices();
qint64 servicePrice(const QString& project, const QString& service);
// Units one request costs (most cost one).
qint64 unitCost(const QString& project, const QString& service);

} // namespace kw::demo
