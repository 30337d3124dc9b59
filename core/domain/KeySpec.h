#pragma once

#include "domain/KeyRecord.h"
#include "policy/KeyPolicy.h"
#include "util/SecureBytes.h"

#include <QJsonObject>
#include <QStringList>

namespace kw {

// What a caller asks for when issuing a key. Project, environment and name are required; the
// environment and services are created on first use within the project.
struct KeySpec {
    QString project;
    QString environment;
    QString name;
    QStringList services;
    QString owner;
    QStringList tags;
    QJsonObject metadata;
    QString parentId; // id or display id of the parent key
    QStringList dependsOn;
    qint64 expiresInMs = 0; // 0: never
    bool backup = false;
    bool recoverable = false;
    QString policyTemplate; // a named template applied to this key
    KeyPolicy policy;       // the key's own rules, over everything inherited
};

// The one moment a secret exists outside the key's owner: returned by create/rotate, shown once.
struct IssuedKey {
    KeyRecord key;
    SecureBytes secret;
};

} // namespace kw
