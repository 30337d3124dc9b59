// The management API (/v1/...): everything the console and kwctl do remotely. See docs/server-api.md.
#include "HttpUtil.h"
#include "JsonLog.h"
#include "KeyServer.h"

#include "policy/Duration.h"
#include "remote/Codec.h"
#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QUrlQuery>

namespace kwd {

namespace {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponse::StatusCode;
using kw::Capability;

QJsonObject issuedToJson(const kw::IssuedKey& k)
{
    return {{"id", k.key.id},
            {"secret", k.secret.toUtf8String()},
            {"displayId", k.key.displayId},
            {"key", k.key.toJson(QDateTime::currentMSecsSinceEpoch())}};
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::optional<kw::UsageScope> scopeFrom(const QString& s)
{
    if (s.isEmpty() || s == QLatin1String("all"))
        return kw::UsageScope::All;
    if (s == QLatin1String("project"))
        return kw::UsageScope::Project;
    if (s == QLatin1String("service"))
        return kw::UsageScope::Service;
    if (s == QLatin1String("key"))
        return kw::UsageScope::Key;
    return std::nullopt;
}

// from/to as ISO times; defaults: the last 30 days up to now.
bool rangeFrom(const QUrlQuery& q, qint64& from, qint64& to, QString& error)
{
    to = q.hasQueryItem(QStringLiteral("to"))
             ? kw::json::parseTime(q.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded))
             : now() + 60'000;
    from = q.hasQueryItem(QStringLiteral("from"))
               ? kw::json::parseTime(q.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded))
               : to - 30ll * 86'400'000;
    if (from <= 0 || to <= 0 || from >= to) {
        error = QStringLiteral("from and to must be ISO 8601 times with from before to");
        return false;
    }
    return true;
}

// from/to as ISO times, both required (calendar and rotation schedule).
bool requiredRange(const QUrlQuery& q, qint64& from, qint64& to, QString& error)
{
    if (!q.hasQueryItem(QStringLiteral("from")) || !q.hasQueryItem(QStringLiteral("to"))) {
        error = QStringLiteral("query parameters \"from\" and \"to\" are required (ISO 8601 times)");
        return false;
    }
    return rangeFrom(q, from, to, error);
}

// The key filter of a query string that also carries from, to (and the given extras).
kw::Result<kw::KeyFilter> scopeFilter(const QUrlQuery& q, QStringList extra = {})
{
    extra << QStringLiteral("from") << QStringLiteral("to");
    return kw::codec::keyFilterFromQuery(q, extra);
}

} // namespace

QHttpServerResponse KeyServer::handle(const QHttpServerRequest& request, Capability capability, const Handler& handler)
{
    auto who = authorize(request, capability);
    if (auto* denied = std::get_if<QHttpServerResponse>(&who))
        return std::move(*denied);
    if (request.body().size() > m_config.maxBodyBytes)
        return errorResponse(StatusCode::PayloadTooLarge, QStringLiteral("too_large"),
                             QStringLiteral("The request body is larger than %1 bytes").arg(m_config.maxBodyBytes));
    auto body = kw::parseJsonObject(request.body());
    if (!body)
        return errorResponse(body.error());
    const auto& op = std::get<kw::Operator>(who);
    QHttpServerResponse response = handler(op, *body);
    if (m_siem)
        m_siem->poll(); // what the request changed reaches the SIEM now, not at the next tick
    if (m_config.logRequests)
        logInfo(QStringLiteral("request"),
                {{"operator", op.name},
                 {"role", kw::toString(op.role)},
                 {"method", QString::fromLatin1(QMetaEnum::fromType<Method>().valueToKey(int(request.method())))},
                 {"path", request.url().path()},
                 {"status", int(response.statusCode())}});
    return response;
}

void KeyServer::registerManagementRoutes()
{
    // ---- organisation
    m_http.route("/v1/teams", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->teams(), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/teams", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString name = r.string("name", true);
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.createTeam(name); }),
                [](const kw::Team& t) { return t.toJson(); }, StatusCode::Created);
        });
    });
    m_http.route("/v1/projects", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->projects(), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/projects", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            kw::ProjectSpec spec;
            spec.name = r.string("name", true);
            spec.team = r.string("team");
            spec.keyPrefix = r.string("keyPrefix");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.createProject(spec); }),
                [](const kw::Project& p) { return p.toJson(); }, StatusCode::Created);
        });
    });
    m_http.route(
        "/v1/projects/<arg>/environments", Method::Get, [this](const QString& project, const QHttpServerRequest& req) {
            return handle(req, Capability::Read, [this, project](const kw::Operator&, const QJsonObject&) {
                return resultResponse(m_backend->environments(project), [](const auto& v) { return toJsonArray(v); });
            });
        });
    m_http.route("/v1/projects/<arg>/environments", Method::Post,
                 [this](const QString& project, const QHttpServerRequest& req) {
                     return handle(
                         req, Capability::Administer, [this, project](const kw::Operator& op, const QJsonObject& body) {
                             kw::JsonReader r(body);
                             const QString name = r.string("name", true);
                             const QString prefix = r.string("keyPrefix");
                             if (auto s = r.finish(); !s)
                                 return errorResponse(s.error());
                             return resultResponse(
                                 as(op, [&](kw::LocalVault& b) { return b.createEnvironment(project, name, prefix); }),
                                 [](const kw::Environment& e) { return e.toJson(); }, StatusCode::Created);
                         });
                 });
    m_http.route(
        "/v1/projects/<arg>/services", Method::Get, [this](const QString& project, const QHttpServerRequest& req) {
            return handle(req, Capability::Read, [this, project](const kw::Operator&, const QJsonObject&) {
                return resultResponse(m_backend->services(project), [](const auto& v) { return toJsonArray(v); });
            });
        });
    m_http.route("/v1/projects/<arg>/services", Method::Post,
                 [this](const QString& project, const QHttpServerRequest& req) {
                     return handle(req, Capability::Administer,
                                   [this, project](const kw::Operator& op, const QJsonObject& body) {
                                       kw::JsonReader r(body);
                                       const QString name = r.string("name", true);
                                       if (auto s = r.finish(); !s)
                                           return errorResponse(s.error());
                                       return resultResponse(
                                           as(op, [&](kw::LocalVault& b) { return b.createService(project, name); }),
                                           [](const kw::Service& s) { return s.toJson(); }, StatusCode::Created);
                                   });
                 });
    m_http.route("/v1/projects/<arg>/services/<arg>/price", Method::Put,
                 [this](const QString& project, const QString& service, const QHttpServerRequest& req) {
                     return handle(req, Capability::Administer,
                                   [this, project, service](const kw::Operator& op, const QJsonObject& body) {
                                       kw::JsonReader r(body);
                                       const qint64 micros = r.integer("unitPriceMicros", 0, true);
                                       if (auto s = r.finish(); !s)
                                           return errorResponse(s.error());
                                       auto s = as(op, [&](kw::LocalVault& b) {
                                           return b.setServicePrice(project, service, micros);
                                       });
                                       return s ? jsonResponse(QJsonObject{}) : errorResponse(s.error());
                                   });
                 });

    // ---- keys
    m_http.route("/v1/keys", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            auto f = kw::codec::keyFilterFromQuery(req.query());
            if (!f)
                return errorResponse(f.error());
            const qint64 t = now();
            return resultResponse(m_backend->keys(*f), [t](const QList<kw::KeyRecord>& keys) {
                QJsonArray a;
                for (const auto& k : keys)
                    a.append(k.toJson(t));
                return a;
            });
        });
    });
    // Registered before /v1/keys/<arg>, which would otherwise take "count" for a key reference.
    m_http.route("/v1/keys/count", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            auto f = kw::codec::keyFilterFromQuery(req.query());
            if (!f)
                return errorResponse(f.error());
            return resultResponse(m_backend->countKeys(*f), [](qint64 n) { return QJsonObject{{"count", n}}; });
        });
    });
    m_http.route("/v1/keys/counts", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            auto f = kw::codec::keyFilterFromQuery(q, {QStringLiteral("groupBy")});
            if (!f)
                return errorResponse(f.error());
            const auto grouping = kw::codec::keyGroupingFromString(q.hasQueryItem(QStringLiteral("groupBy"))
                                                                       ? q.queryItemValue(QStringLiteral("groupBy"))
                                                                       : QStringLiteral("environment"));
            if (!grouping)
                return errorResponse(
                    kw::Error::invalid(QStringLiteral("query parameter \"groupBy\" must be environment or service")));
            return resultResponse(m_backend->keyCounts(*f, *grouping), [](const QList<kw::KeyCount>& counts) {
                QJsonArray a;
                for (const auto& c : counts)
                    a.append(kw::codec::toJson(c));
                return a;
            });
        });
    });
    m_http.route("/v1/keys", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            auto spec = kw::codec::keySpecFromJson(body);
            if (!spec)
                return errorResponse(spec.error());
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.createKey(*spec); }), issuedToJson,
                                  StatusCode::Created);
        });
    });
    m_http.route("/v1/keys/<arg>", Method::Get, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, ref](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->key(ref), [](const kw::KeyRecord& k) { return k.toJson(now()); });
        });
    });
    m_http.route("/v1/keys/<arg>", Method::Patch, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, ref](const kw::Operator& op, const QJsonObject& body) {
            auto request = kw::codec::keyUpdateRequestFromJson(body);
            if (!request)
                return errorResponse(request.error());
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.updateKey(ref, request->update, request->reason); }),
                [](const kw::KeyRecord& k) { return k.toJson(now()); });
        });
    });
    for (const bool suspend : {true, false}) {
        m_http.route(suspend ? "/v1/keys/<arg>/suspend" : "/v1/keys/<arg>/resume", Method::Post,
                     [this, suspend](const QString& ref, const QHttpServerRequest& req) {
                         return handle(req, Capability::Respond,
                                       [this, ref, suspend](const kw::Operator& op, const QJsonObject& body) {
                                           kw::JsonReader r(body);
                                           const QString reason = r.string("reason", true);
                                           if (auto s = r.finish(); !s)
                                               return errorResponse(s.error());
                                           return resultResponse(
                                               as(op,
                                                  [&](kw::LocalVault& b) {
                                                      return suspend ? b.suspendKey(ref, reason)
                                                                     : b.resumeKey(ref, reason);
                                                  }),
                                               [](const kw::KeyRecord& k) { return k.toJson(now()); });
                                       });
                     });
    }
    m_http.route("/v1/revocations/plan", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Respond, [this](const kw::Operator&, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QStringList keys = r.stringList("keys");
            const bool cascade = r.boolean("cascade");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            return resultResponse(m_backend->planRevocation(keys, cascade),
                                  [](const kw::RevocationPlan& p) { return p.toJson(); });
        });
    });
    m_http.route("/v1/revocations", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Respond, [this](const kw::Operator& op, const QJsonObject& body) {
            auto request = kw::codec::revocationRequestFromJson(body);
            if (!request)
                return errorResponse(request.error());
            // The engine drops the keys inside revokeKeys (keysChanged): from the moment this answers, verify
            // rejects every one of them.
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.revokeKeys(*request); }),
                                  [](const kw::RevocationPlan& p) { return p.toJson(); });
        });
    });
    m_http.route("/v1/keys/<arg>/rotate", Method::Post, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, ref](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString overlap = r.string("overlap");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            std::optional<qint64> overlapMs;
            if (!overlap.isEmpty()) {
                auto ms = kw::Duration::parseMs(overlap);
                if (!ms && overlap != QLatin1String("0"))
                    return errorResponse(kw::Error::invalid(QStringLiteral("overlap: %1").arg(ms.errorMessage())));
                overlapMs = ms ? *ms : 0;
            }
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.rotateKey(ref, overlapMs); }), issuedToJson);
        });
    });
    m_http.route("/v1/keys/<arg>/renew", Method::Post, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, ref](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString extend = r.string("extendBy", true);
            const QString reason = r.string("reason");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            auto ms = kw::Duration::parseMs(extend);
            if (!ms)
                return errorResponse(kw::Error::invalid(QStringLiteral("extendBy: %1").arg(ms.errorMessage())));
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.renewKey(ref, *ms, reason); }),
                                  [](const kw::RenewalOutcome& o) { return o.toJson(now()); });
        });
    });
    m_http.route("/v1/keys/<arg>/history", Method::Get, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, ref](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->expirationHistory(ref), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/keys/<arg>/policy", Method::Get, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, ref](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->effectivePolicy(ref), [](const kw::KeyPolicy& p) { return p.toJson(); });
        });
    });
    m_http.route("/v1/renewals", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const bool pending = req.query().queryItemValue(QStringLiteral("pending")) != QLatin1String("false");
            return resultResponse(m_backend->renewalRequests(pending), [](const auto& v) { return toJsonArray(v); });
        });
    });
    for (const bool approve : {true, false}) {
        m_http.route(
            approve ? "/v1/renewals/<arg>/approve" : "/v1/renewals/<arg>/deny", Method::Post,
            [this, approve](const QString& id, const QHttpServerRequest& req) {
                return handle(
                    req, Capability::Administer, [this, id, approve](const kw::Operator& op, const QJsonObject& body) {
                        kw::JsonReader r(body);
                        const QString reason = r.string("reason");
                        if (auto s = r.finish(); !s)
                            return errorResponse(s.error());
                        bool ok = false;
                        const qint64 requestId = id.toLongLong(&ok);
                        if (!ok)
                            return errorResponse(
                                kw::Error::invalid(QStringLiteral("The renewal request id must be a number")));
                        return resultResponse(
                            as(op, [&](kw::LocalVault& b) { return b.decideRenewal(requestId, approve, reason); }),
                            [](const kw::RenewalOutcome& o) { return o.toJson(now()); });
                    });
            });
    }
    m_http.route("/v1/calendar", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            auto f = scopeFilter(q, {QStringLiteral("utcOffset")});
            if (!f)
                return errorResponse(f.error());
            qint64 from = 0, to = 0;
            QString err;
            if (!requiredRange(q, from, to, err))
                return errorResponse(kw::Error::invalid(err));
            bool ok = true;
            const int offset = q.hasQueryItem(QStringLiteral("utcOffset"))
                                   ? q.queryItemValue(QStringLiteral("utcOffset")).toInt(&ok)
                                   : 0;
            if (!ok)
                return errorResponse(kw::Error::invalid(
                    QStringLiteral("query parameter \"utcOffset\" must be whole seconds east of UTC")));
            return resultResponse(m_backend->expiryCalendar(*f, from, to, offset),
                                  [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/rotations/scheduled", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            auto f = scopeFilter(q);
            if (!f)
                return errorResponse(f.error());
            qint64 from = 0, to = 0;
            QString err;
            if (!requiredRange(q, from, to, err))
                return errorResponse(kw::Error::invalid(err));
            return resultResponse(m_backend->scheduledRotations(*f, from, to),
                                  [](const auto& v) { return toJsonArray(v); });
        });
    });

    // ---- incident response
    m_http.route("/v1/keys/lookup", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator& op, const QJsonObject& body) {
            auto secrets = kw::codec::lookupRequestFromJson(body);
            if (!secrets)
                return errorResponse(secrets.error());
            const qint64 t = now();
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.lookupSecrets(*secrets); }),
                                  [t](const QList<std::optional<kw::KeyRecord>>& keys) {
                                      return kw::codec::lookupResponseToJson(keys, t);
                                  });
        });
    });
    m_http.route("/v1/keys/<arg>/backups", Method::Get, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, ref](const kw::Operator&, const QJsonObject&) {
            const qint64 t = now();
            return resultResponse(m_backend->backupKeysFor(ref), [t](const QList<kw::KeyRecord>& keys) {
                QJsonArray a;
                for (const auto& k : keys)
                    a.append(k.toJson(t));
                return a;
            });
        });
    });
    m_http.route(
        "/v1/keys/<arg>/activate-backup", Method::Post, [this](const QString& ref, const QHttpServerRequest& req) {
            return handle(req, Capability::Respond, [this, ref](const kw::Operator& op, const QJsonObject& body) {
                auto a = kw::codec::incidentActionFromJson(body);
                if (!a)
                    return errorResponse(a.error());
                return resultResponse(
                    as(op, [&](kw::LocalVault& b) { return b.activateBackup(ref, a->reason, a->incident); }),
                    [](const kw::KeyRecord& k) { return k.toJson(now()); });
            });
        });
    m_http.route("/v1/keys/<arg>/replace", Method::Post, [this](const QString& ref, const QHttpServerRequest& req) {
        return handle(req, Capability::Respond, [this, ref](const kw::Operator& op, const QJsonObject& body) {
            auto a = kw::codec::incidentActionFromJson(body);
            if (!a)
                return errorResponse(a.error());
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.issueReplacement(ref, a->reason, a->incident); }),
                issuedToJson, StatusCode::Created);
        });
    });
    m_http.route("/v1/contacts", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            for (const auto& item : q.queryItems())
                if (item.first != QLatin1String("project"))
                    return errorResponse(
                        kw::Error::invalid(QStringLiteral("unknown query parameter \"%1\"").arg(item.first)));
            return resultResponse(m_backend->contacts(q.queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded)),
                                  [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/contacts", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            auto c = kw::codec::contactRequestFromJson(body);
            if (!c)
                return errorResponse(c.error());
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.saveContact(*c); }),
                [](const kw::Contact& v) { return v.toJson(); }, StatusCode::Created);
        });
    });
    m_http.route("/v1/contacts/<arg>", Method::Put, [this](const QString& id, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, id](const kw::Operator& op, const QJsonObject& body) {
            bool ok = false;
            const qint64 contactId = id.toLongLong(&ok);
            if (!ok || contactId <= 0)
                return errorResponse(kw::Error::invalid(QStringLiteral("The contact id must be a positive number")));
            auto c = kw::codec::contactRequestFromJson(body);
            if (!c)
                return errorResponse(c.error());
            c->id = contactId;
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.saveContact(*c); }),
                                  [](const kw::Contact& v) { return v.toJson(); });
        });
    });
    m_http.route("/v1/contacts/<arg>", Method::Delete, [this](const QString& id, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, id](const kw::Operator& op, const QJsonObject&) {
            bool ok = false;
            const qint64 contactId = id.toLongLong(&ok);
            if (!ok || contactId <= 0)
                return errorResponse(kw::Error::invalid(QStringLiteral("The contact id must be a positive number")));
            auto s = as(op, [&](kw::LocalVault& b) { return b.removeContact(contactId); });
            return s ? jsonResponse(QJsonObject{}) : errorResponse(s.error());
        });
    });
    m_http.route("/v1/maintenance", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject&) {
            return resultResponse(as(op, [](kw::LocalVault& b) { return b.runMaintenance(); }),
                                  [](const kw::MaintenanceReport& r) { return r.toJson(); });
        });
    });

    // ---- policies and roles
    m_http.route("/v1/policies", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->policyTemplates(), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/policies", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            kw::PolicyTemplate t;
            t.name = r.string("name", true);
            t.description = r.string("description");
            const QJsonObject policy = r.object("policy");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            auto p = kw::KeyPolicy::fromJson(policy);
            if (!p)
                return errorResponse(kw::Error::invalid(QStringLiteral("policy: %1").arg(p.errorMessage())));
            t.policy = *p;
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.savePolicyTemplate(t); }),
                                  [](const kw::PolicyTemplate& v) { return v.toJson(); });
        });
    });
    m_http.route("/v1/policies/apply", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QJsonObject targetJson = r.object("target");
            const auto tmpl = r.optionalString("template");
            const QJsonObject policy = r.object("policy");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            auto target = kw::codec::policyTargetFromJson(targetJson);
            if (!target)
                return errorResponse(target.error());
            auto p = kw::KeyPolicy::fromJson(policy);
            if (!p)
                return errorResponse(kw::Error::invalid(QStringLiteral("policy: %1").arg(p.errorMessage())));
            auto s = as(op, [&](kw::LocalVault& b) { return b.applyPolicy(*target, tmpl, *p); });
            return s ? jsonResponse(QJsonObject{}) : errorResponse(s.error());
        });
    });
    m_http.route("/v1/roles", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->roles(), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/roles", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            kw::Role role;
            role.name = r.string("name", true);
            role.permissions = r.stringList("permissions");
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.saveRole(role); }),
                                  [](const kw::Role& v) { return v.toJson(); });
        });
    });

    // ---- usage
    m_http.route("/v1/usage/summary", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            const auto scope = scopeFrom(q.queryItemValue(QStringLiteral("scope")));
            qint64 from = 0, to = 0;
            QString err;
            if (!scope)
                return errorResponse(kw::Error::invalid(QStringLiteral("scope must be all, project, service or key")));
            if (!rangeFrom(q, from, to, err))
                return errorResponse(kw::Error::invalid(err));
            return resultResponse(
                m_backend->usageSummary(*scope, q.queryItemValue(QStringLiteral("id"), QUrl::FullyDecoded), from, to),
                [](const kw::UsageSummary& s) { return s.toJson(); });
        });
    });
    m_http.route("/v1/usage/series", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            const auto scope = scopeFrom(q.queryItemValue(QStringLiteral("scope")));
            const QString g = q.queryItemValue(QStringLiteral("granularity"));
            qint64 from = 0, to = 0;
            QString err;
            if (!scope)
                return errorResponse(kw::Error::invalid(QStringLiteral("scope must be all, project, service or key")));
            if (!rangeFrom(q, from, to, err))
                return errorResponse(kw::Error::invalid(err));
            kw::UsageGranularity granularity = kw::UsageGranularity::Hour;
            if (g == QLatin1String("minute"))
                granularity = kw::UsageGranularity::Minute;
            else if (g == QLatin1String("day"))
                granularity = kw::UsageGranularity::Day;
            else if (!g.isEmpty() && g != QLatin1String("hour"))
                return errorResponse(kw::Error::invalid(QStringLiteral("granularity must be minute, hour or day")));
            return resultResponse(m_backend->usageSeries(granularity, *scope,
                                                         q.queryItemValue(QStringLiteral("id"), QUrl::FullyDecoded),
                                                         from, to),
                                  [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/usage/top", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            const auto scope = scopeFrom(q.queryItemValue(QStringLiteral("scope")));
            qint64 from = 0, to = 0;
            QString err;
            if (!scope || *scope == kw::UsageScope::All)
                return errorResponse(kw::Error::invalid(QStringLiteral("scope must be project, service or key")));
            if (!rangeFrom(q, from, to, err))
                return errorResponse(kw::Error::invalid(err));
            const int limit =
                q.hasQueryItem(QStringLiteral("limit")) ? q.queryItemValue(QStringLiteral("limit")).toInt() : 10;
            return resultResponse(m_backend->usageTop(*scope, from, to, std::clamp(limit, 1, 100000)),
                                  [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/usage/anomalies", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            const auto scope = scopeFrom(q.queryItemValue(QStringLiteral("scope")));
            qint64 from = 0, to = 0;
            QString err;
            if (!scope)
                return errorResponse(kw::Error::invalid(QStringLiteral("scope must be all, project, service or key")));
            if (!rangeFrom(q, from, to, err))
                return errorResponse(kw::Error::invalid(err));
            return resultResponse(
                m_backend->usageAnomalies(*scope, q.queryItemValue(QStringLiteral("id"), QUrl::FullyDecoded), from, to),
                [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/usage/settings", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            auto s = m_backend->usageSettings();
            if (!s)
                return errorResponse(s.error());
            return jsonResponse(kw::codec::toJson(*s));
        });
    });
    m_http.route("/v1/usage/settings", Method::Put, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString retention = r.string("rawRetention", true);
            const QString ip = r.string("ipPrivacy", true);
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            kw::UsageRecorder::Settings settings;
            if (retention == QLatin1String("0")) {
                settings.rawRetentionMs = 0;
            } else {
                auto ms = kw::Duration::parseMs(retention);
                if (!ms)
                    return errorResponse(kw::Error::invalid(QStringLiteral("rawRetention: %1").arg(ms.errorMessage())));
                settings.rawRetentionMs = *ms;
            }
            if (ip == QLatin1String("full"))
                settings.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Full;
            else if (ip == QLatin1String("truncate"))
                settings.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Truncate;
            else if (ip == QLatin1String("drop"))
                settings.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Drop;
            else
                return errorResponse(kw::Error::invalid(QStringLiteral("ipPrivacy must be full, truncate or drop")));
            auto s = as(op, [&](kw::LocalVault& b) { return b.setUsageSettings(settings); });
            return s ? jsonResponse(body) : errorResponse(s.error());
        });
    });

    // ---- operators
    m_http.route("/v1/operators", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->operators(), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/operators", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString name = r.string("name", true);
            const QString roleText = r.string("role", true);
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            const auto role = kw::operatorRoleFromString(roleText);
            if (!role)
                return errorResponse(
                    kw::Error::invalid(QStringLiteral("role must be admin, responder, auditor or verifier")));
            auto created = as(op, [&](kw::LocalVault& b) { return b.createOperator(name, *role); });
            if (!created)
                return errorResponse(created.error());
            reloadOperators();
            return jsonResponse(QJsonObject{{"name", created->op.name},
                                            {"role", kw::toString(created->op.role)},
                                            {"token", created->token.toUtf8String()}},
                                StatusCode::Created);
        });
    });
    m_http.route("/v1/operators/<arg>", Method::Delete, [this](const QString& name, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, name](const kw::Operator& op, const QJsonObject&) {
            auto s = as(op, [&](kw::LocalVault& b) { return b.revokeOperator(name); });
            if (!s)
                return errorResponse(s.error());
            reloadOperators();
            return jsonResponse(QJsonObject{});
        });
    });
    m_http.route("/v1/whoami", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Verify, [](const kw::Operator& op, const QJsonObject&) {
            return jsonResponse(QJsonObject{{"name", op.name}, {"role", kw::toString(op.role)}});
        });
    });
}

void KeyServer::registerOperationsRoutes()
{
    m_http.route("/healthz", Method::Get, [] { return QHttpServerResponse(QByteArrayLiteral("text/plain"), "ok\n"); });
    m_http.route("/readyz", Method::Get, [this] {
        if (!m_engine)
            return QHttpServerResponse(QByteArrayLiteral("text/plain"), "not ready\n", StatusCode::ServiceUnavailable);
        return QHttpServerResponse(QByteArrayLiteral("text/plain"), "ready\n");
    });
    m_http.route("/metrics", Method::Get, [this] {
        Metrics::Gauges g;
        if (auto* r = m_backend ? m_backend->usageRecorder() : nullptr) {
            const auto s = r->stats();
            g.queueDepth = s.queueDepth;
            g.eventsWritten = s.written;
        }
        g.keysLoaded = m_engine ? m_engine->size() : 0;
        g.websocketClients = m_events.clientCount();
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), m_metrics.render(g));
    });
    // The live event stream (EventStream). Qt 6.4 hands an upgrade request to the WebSocket server only if a
    // route handled it, and whatever that route wrote goes out before the handshake: without this route the
    // catch-all below answered 404 first and every client failed. So: silent for upgrades, 400 for plain HTTP.
    m_http.route("/v1/events", Method::Get, [](const QHttpServerRequest& req, QHttpServerResponder&& responder) {
        if (req.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
            return;
        errorResponse(StatusCode::BadRequest, QStringLiteral("invalid"),
                      QStringLiteral("/v1/events is a WebSocket; connect with Upgrade: websocket"))
            .write(std::move(responder));
    });
    // Anything else: a JSON 404 rather than Qt's empty one.
    m_http.route("/<arg>", Method::AnyKnown, [](const QUrl& path) {
        return errorResponse(StatusCode::NotFound, QStringLiteral("not_found"),
                             QStringLiteral("No such endpoint: /%1").arg(path.path()));
    });
}

} // namespace kwd
