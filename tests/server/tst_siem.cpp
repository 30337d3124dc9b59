// keywardend's SIEM feed against real listeners on loopback: RFC 5424 syslog over UDP and over TCP (octet counting),
// and JSON lines in a file. Every new audit entry arrives, security events (a revoked or unknown key presented, an
// operator refused) arrive, nothing carries a secret or a token, and entries written while the server was down
// follow at the next start.

#include "ServerProcess.h"
#include "TestSupport.h"

#include "ServerConfig.h"
#include "crypto/KeyFormat.h"
#include "remote/RemoteBackend.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>
#include <QtTest>

using namespace kw;

namespace {

// <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] BOM MSG
const QRegularExpression kSyslog(QStringLiteral(
    R"(^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) keywardend (\d+) (audit|security) \[keywarden@32473( [a-zA-Z]+="(?:[^"\\\]]|\\["\\\]])*")*\] \x{FEFF}(\{.*\})$)"));

struct Message {
    int pri = 0;
    QString msgId;
    QJsonObject body;
    QString raw;
};

std::optional<Message> parseSyslog(const QByteArray& datagram)
{
    const QString text = QString::fromUtf8(datagram);
    const auto m = kSyslog.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    Message msg;
    msg.pri = m.captured(1).toInt();
    msg.msgId = m.captured(5);
    msg.body = QJsonDocument::fromJson(m.captured(7).toUtf8()).object();
    msg.raw = text;
    return msg;
}

bool sawForbidden(const QList<QJsonObject>& events)
{
    return std::any_of(events.cbegin(), events.cend(),
                       [](const QJsonObject& e) { return e.value("event") == QLatin1String("operator.forbidden"); });
}

} // namespace

class TestSiem : public QObject {
    Q_OBJECT

    struct Setup {
        kwtest::TempVault vault;
        SecureBytes admin;
        IssuedKey live;
        IssuedKey revoked;
    };

    // A vault with an admin operator and two keys, one of them revoked.
    void prepare(Setup& s)
    {
        QVERIFY(s.vault.ok());
        auto admin = s.vault.backend().createOperator(QStringLiteral("admin"), OperatorRole::Admin);
        QVERIFY(admin);
        s.admin = std::move(admin->token);
        QVERIFY(s.vault.backend().createProject({QStringLiteral("web"), QStringLiteral("core"), {}}));
        KeySpec spec;
        spec.project = "web";
        spec.environment = "live";
        spec.name = "live";
        auto live = s.vault.backend().createKey(spec);
        QVERIFY(live);
        s.live = std::move(*live);
        spec.name = "gone";
        auto gone = s.vault.backend().createKey(spec);
        QVERIFY(gone);
        s.revoked = std::move(*gone);
        QVERIFY(
            s.vault.backend().revokeKeys({{s.revoked.key.id}, false, QStringLiteral("leak"), QStringLiteral("INC-1")}));
        s.vault.close();
    }

    // Drives the server: one audited change, one revoked key, one unknown key, one bad token, one forbidden call.
    void exercise(kwtest::ServerProcess& server, Setup& s)
    {
        auto admin = RemoteBackend::create(QUrl(server.url()), s.admin.clone());
        QVERIFY(admin);
        QVERIFY((*admin)->createTeam(QStringLiteral("siem-team")));
        VerifyContext ctx;
        ctx.service = "web";
        ctx.clientIp = "198.51.100.7";
        QCOMPARE(kw::toString((*admin)->verifyKey(s.revoked.secret, ctx)->code), kw::toString(VerifyCode::Revoked));
        // Well formed (its checksum holds), but no key of this vault.
        auto unknown = KeyFormat::generate(u"kw_live_");
        QVERIFY(unknown);
        QCOMPARE(kw::toString((*admin)->verifyKey(*unknown, ctx)->code), kw::toString(VerifyCode::NotFound));
        auto stranger = RemoteBackend::create(QUrl(server.url()), SecureBytes("kwop_not_a_real_token_123", 25));
        QVERIFY(stranger);
        QVERIFY(!(*stranger)->teams());
        auto auditor = (*admin)->createOperator(QStringLiteral("aud"), OperatorRole::Auditor);
        QVERIFY(auditor);
        auto asAuditor = RemoteBackend::create(QUrl(server.url()), auditor->token.clone());
        QVERIFY(asAuditor);
        QCOMPARE((*asAuditor)->createTeam(QStringLiteral("nope")).error().code, Error::Code::Forbidden);
    }

    // What every feed must have carried, whatever the transport.
    void checkFeed(const QList<QJsonObject>& events, Setup& s)
    {
        QStringList actions;
        QJsonObject revokedEvent, unknownEvent, unauthorized, forbidden;
        for (const QJsonObject& e : events) {
            const QString type = e.value("type").toString();
            if (type == QLatin1String("audit")) {
                actions << e.value("action").toString();
            } else {
                QCOMPARE(type, QStringLiteral("security"));
                const QString event = e.value("event").toString();
                if (event == QLatin1String("verify.rejected") && e.value("code") == QLatin1String("REVOKED"))
                    revokedEvent = e;
                if (event == QLatin1String("verify.rejected") && e.value("code") == QLatin1String("NOT_FOUND"))
                    unknownEvent = e;
                if (event == QLatin1String("operator.unauthorized"))
                    unauthorized = e;
                if (event == QLatin1String("operator.forbidden"))
                    forbidden = e;
            }
            // No secret and no token, ever.
            const QByteArray raw = QJsonDocument(e).toJson();
            QVERIFY(!raw.contains(s.live.secret.view()));
            QVERIFY(!raw.contains(s.revoked.secret.view()));
            QVERIFY(!raw.contains("kwop_not_a_real_token"));
            QVERIFY(!raw.contains(s.admin.view()));
        }
        QVERIFY2(actions.contains("team.create") && actions.contains("operator.create"), qPrintable(actions.join(',')));
        QCOMPARE(revokedEvent.value("keyId").toString(), s.revoked.key.id);
        QCOMPARE(revokedEvent.value("clientIp").toString(), QStringLiteral("198.51.100.7"));
        QVERIFY(!unknownEvent.isEmpty());
        QCOMPARE(unauthorized.value("path").toString(), QStringLiteral("/v1/teams"));
        QCOMPARE(forbidden.value("operator").toString(), QStringLiteral("aud"));
    }

private slots:
    void udpSyslog()
    {
        Setup s;
        prepare(s);
        QUdpSocket listener;
        QVERIFY(listener.bind(QHostAddress::LocalHost, 0));
        kwtest::ServerProcess server(
            s.vault.path(), {QStringLiteral("--siem"), QStringLiteral("udp://127.0.0.1:%1").arg(listener.localPort())});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        exercise(server, s);
        QList<QJsonObject> events;
        QList<Message> messages;
        QStringList malformed;
        auto drain = [&] {
            while (listener.hasPendingDatagrams()) {
                QByteArray d(int(listener.pendingDatagramSize()), '\0');
                listener.readDatagram(d.data(), d.size());
                auto m = parseSyslog(d);
                if (!m) {
                    malformed << QString::fromUtf8(d);
                    continue;
                }
                messages << *m;
                events << m->body;
            }
            return sawForbidden(events);
        };
        QTRY_VERIFY_WITH_TIMEOUT(drain(), 10'000);
        QVERIFY2(malformed.isEmpty(), qPrintable(malformed.value(0)));
        checkFeed(events, s);
        for (const Message& m : messages) {
            // Facility 13 (log audit): notice for audit entries, warning for security events.
            QCOMPARE(m.pri, m.msgId == QLatin1String("audit") ? 13 * 8 + 5 : 13 * 8 + 4);
            if (m.msgId == QLatin1String("audit"))
                QVERIFY2(m.raw.contains(QStringLiteral("seq=\"%1\"").arg(m.body.value("seq").toInteger())),
                         qPrintable(m.raw));
        }
    }

    void tcpSyslogOctetCounting()
    {
        Setup s;
        prepare(s);
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        kwtest::ServerProcess server(s.vault.path(), {QStringLiteral("--siem"),
                                                      QStringLiteral("tcp://127.0.0.1:%1").arg(listener.serverPort())});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(listener.waitForNewConnection(10'000));
        std::unique_ptr<QTcpSocket> peer(listener.nextPendingConnection());
        exercise(server, s);
        QByteArray buffer;
        QList<QJsonObject> events;
        QStringList malformed;
        // "LENGTH SP MESSAGE" frames.
        auto drain = [&] {
            peer->waitForReadyRead(50);
            buffer += peer->readAll();
            for (;;) {
                const qsizetype sp = buffer.indexOf(' ');
                if (sp <= 0)
                    break;
                bool ok = false;
                const qsizetype len = buffer.left(sp).toLongLong(&ok);
                if (!ok) {
                    malformed << QString::fromUtf8(buffer.left(60));
                    buffer.clear();
                    break;
                }
                if (buffer.size() < sp + 1 + len)
                    break;
                auto m = parseSyslog(buffer.mid(sp + 1, len));
                if (m)
                    events << m->body;
                else
                    malformed << QString::fromUtf8(buffer.mid(sp + 1, len));
                buffer.remove(0, sp + 1 + len);
            }
            return sawForbidden(events);
        };
        QTRY_VERIFY_WITH_TIMEOUT(drain(), 10'000);
        QVERIFY2(malformed.isEmpty(), qPrintable(malformed.value(0)));
        checkFeed(events, s);
    }

    void jsonLinesFileAndRestart()
    {
        Setup s;
        prepare(s);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("siem.jsonl"));
        const QStringList args{QStringLiteral("--siem"), QStringLiteral("file://%1").arg(path)};
        auto readEvents = [&] {
            QList<QJsonObject> out;
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return out;
            for (const QByteArray& line : f.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                QJsonParseError err;
                const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
                if (err.error != QJsonParseError::NoError)
                    qFatal("not a JSON line: %s", line.constData());
                out << doc.object();
            }
            return out;
        };
        {
            kwtest::ServerProcess server(s.vault.path(), args);
            QVERIFY2(server.start(), qPrintable(server.errorString()));
            exercise(server, s);
            QTRY_VERIFY_WITH_TIMEOUT(sawForbidden(readEvents()), 10'000);
            checkFeed(readEvents(), s);
            QCOMPARE(server.stop(), 0);
        }
        // Entries written while the server is down are sent at the next start; nothing is sent twice.
        const int before = int(readEvents().size());
        s.vault.reopen();
        QVERIFY(s.vault.backend().createTeam(QStringLiteral("while-down")));
        s.vault.close();
        kwtest::ServerProcess again(s.vault.path(), args);
        QVERIFY2(again.start(), qPrintable(again.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(readEvents().size() > before, 10'000);
        QList<qint64> seqs;
        bool sawWhileDown = false;
        for (const QJsonObject& e : readEvents()) {
            if (e.value("type") != QLatin1String("audit"))
                continue;
            QVERIFY2(!seqs.contains(e.value("seq").toInteger()), "an entry was sent twice");
            seqs << e.value("seq").toInteger();
            sawWhileDown |= e.value("target") == QLatin1String("while-down");
        }
        QVERIFY(sawWhileDown);
    }

    void badTargets()
    {
        for (const QString& bad : {QStringLiteral("ftp://127.0.0.1:21"), QStringLiteral("udp://127.0.0.1"),
                                   QStringLiteral("udp://not-an-ip:514"), QStringLiteral("file://host/path"),
                                   QStringLiteral("just words")}) {
            auto c = kwd::ServerConfig::parse(
                {QStringLiteral("--vault"), QStringLiteral("/tmp/x"), QStringLiteral("--siem"), bad});
            QVERIFY2(!c, qPrintable(bad));
            QVERIFY2(c.errorMessage().contains(QLatin1String("siem")), qPrintable(c.errorMessage()));
        }
        auto ok = kwd::ServerConfig::parse({QStringLiteral("--vault"), QStringLiteral("/tmp/x"),
                                            QStringLiteral("--siem"), QStringLiteral("tcp://127.0.0.1:6514")});
        QVERIFY2(ok, qPrintable(ok.errorMessage()));
        QCOMPARE(ok->siem, QStringLiteral("tcp://127.0.0.1:6514"));
    }
};

QTEST_GUILESS_MAIN(TestSiem)
#include "tst_siem.moc"
