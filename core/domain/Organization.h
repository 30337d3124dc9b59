#pragma once

#include <QJsonObject>
#include <QString>

namespace kw {

// The containers keys live in: team → project → environment, with services per project.

struct Team {
    qint64 id = 0;
    QString name;
    qint64 createdAt = 0;
    QJsonObject toJson() const;
};

struct Project {
    qint64 id = 0;
    QString name;
    QString team;      // may be empty
    QString keyPrefix; // e.g. "kw": keys of environment "live" start with "kw_live_"
    qint64 createdAt = 0;
    QJsonObject toJson() const;
};

struct Environment {
    qint64 id = 0;
    QString project;
    QString name;
    QString keyPrefix; // full prefix with trailing '_'
    QJsonObject toJson() const;
};

struct Service {
    qint64 id = 0;
    QString project;
    QString name;
    QJsonObject toJson() const;
};

struct ProjectSpec {
    QString name;
    QString team;
    QString keyPrefix; // empty: "kw"
};

} // namespace kw
