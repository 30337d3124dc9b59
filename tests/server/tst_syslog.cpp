// nginx access logs over syslog into keywardend (app/keywardend/SyslogReceiver, core/usage/AccessLog): the record
// parser's errors name what is wrong; UDP datagrams and TCP streams (RFC 6587 octet counting and one message per
// line, split across writes) become REPORTED usage of the right key and project on a real vault; refused, unknown
// and malformed records are counted, not stored; a non-loopback address is refused.

#include "Metrics.h"
#include "SyslogReceiver.h"
#include "TestSupport.h"

#include "usage/AccessLog.h"

#include <QTcpSocket>
#include <QUdpSocket>
#include <QtTest>

using namespace kw;

namespace {

QByteArray record(const QString& keyId, int status, const char* requestTime = "0.004", const char* authStatus = "200")
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    return QStringLiteral(R"({"msec":"%1.%2","key_id":"%3","service":"checkout","status":"%4","request_time":"%5",)"
                          R"("bytes_sent":"120","auth_status":"%6","remote_addr":"203.0.113.9"})")
        .arg(ms / 1000)
        .arg(ms % 1000, 3, 10, QLatin1Char('0'))
        .arg(keyId)
        .arg(status)
        .arg(QLatin1String(requestTime), QLatin1String(authStatus))
        .toUtf8();
}

QByteArray nginxDatagram(const QByteArray& json)
{
    return "<190>Nov 25 18:00:00 keywarden: " + json;
}

} // namespace

class TestSyslog : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> m_vault;
    QString m_key;

    UsageTotals totals()
    {
        if (auto s = m_vault->backend().flushUsage(); !s)
            qWarning("flushUsage: %s", qPrintable(s.errorMessage()));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto summary = m_vault->backend().usageSummary(UsageScope::Key, m_key, now - 3'600'000, now + 3'600'000);
        return summary ? summary->totals : UsageTotals{};
    }

private slots:
    void initTestCase()
    {
        m_vault = std::make_unique<kwtest::TempVault>();
        QVERIFY(m_vault->ok());
        auto& b = m_vault->backend();
        m_vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(b.createProject({QStringLiteral("shop"), {}, {}}).ok());
        QVERIFY(b.createEnvironment(QStringLiteral("shop"), QStringLiteral("live")).ok());
        KeySpec s;
        s.project = QStringLiteral("shop");
        s.environment = QStringLiteral("live");
        s.name = QStringLiteral("logged");
        auto k = b.createKey(s);
        QVERIFY2(k.ok(), qPrintable(k.errorMessage()));
        m_key = k->key.id;
        QVERIFY(b.startUsageRecording().ok());
    }

    void parserNamesWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no json") << QByteArray("<190>Nov 25 18:00:00 keywarden: GET /api 200")
                                 << QStringLiteral("no JSON access-log record");
        QTest::newRow("bad priority") << QByteArray("<x>Nov 25 keywarden: {}") << QStringLiteral("priority");
        QTest::newRow("truncated json") << QByteArray(R"(<190>keywarden: {"msec":"1"})").replace("}", "x}")
                                        << QStringLiteral("not a JSON object");
        QTest::newRow("no status") << nginxDatagram(R"({"msec":"1764093600.1","key_id":"k_a"})")
                                   << QStringLiteral("no \"status\"");
        QTest::newRow("bad status") << nginxDatagram(R"({"msec":"1764093600.1","key_id":"k_a","status":"999"})")
                                    << QStringLiteral("\"status\" (999)");
        QTest::newRow("no msec") << nginxDatagram(R"({"key_id":"k_a","status":"200"})") << QStringLiteral("\"msec\"");
        QTest::newRow("bad time") << nginxDatagram(R"({"msec":"soon","key_id":"k_a","status":"200"})")
                                  << QStringLiteral("\"msec\" is not a time");
        QTest::newRow("bad request_time")
            << nginxDatagram(R"({"msec":"1764093600.1","key_id":"k_a","status":"200","request_time":"-3"})")
            << QStringLiteral("\"request_time\"");
        QTest::newRow("bad bytes")
            << nginxDatagram(R"({"msec":"1764093600.1","key_id":"k_a","status":"200","bytes_sent":"many"})")
            << QStringLiteral("\"bytes_sent\"");
        QTest::newRow("bad key id") << nginxDatagram(R"({"msec":"1764093600.1","key_id":"k a;drop","status":"200"})")
                                    << QStringLiteral("\"key_id\" is not a key id");
    }
    void parserNamesWhatIsWrong()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, expected);
        auto json = accesslog::syslogMessage(message);
        auto r = json ? accesslog::parseRecord(*json) : Result<accesslog::Record>(json.error());
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(expected), qPrintable(r.errorMessage()));
    }

    void parserReadsNginxRecords()
    {
        auto json = accesslog::syslogMessage(nginxDatagram(record(m_key, 503, "1.250")) + '\n');
        QVERIFY2(json.ok(), qPrintable(json.errorMessage()));
        auto r = accesslog::parseRecord(*json);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->disposition, accesslog::Disposition::Usage);
        QCOMPARE(r->event.keyId, m_key);
        QCOMPARE(r->event.service, QStringLiteral("checkout"));
        QCOMPARE(r->event.upstreamStatus, 503);
        QCOMPARE(r->event.latencyUs, qint64(1'250'000));
        QCOMPARE(r->event.bytes, qint64(120));
        QCOMPARE(r->event.code, QStringLiteral("REPORTED"));
        QVERIFY(qAbs(r->event.timeMs - QDateTime::currentMSecsSinceEpoch()) < 5000);
        // Numbers instead of strings, and "-" for unset variables.
        r = accesslog::parseRecord(R"({"msec":1764093600.5,"key_id":"k_b","status":200,"request_time":"-"})");
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->event.timeMs, qint64(1764093600500));
        QCOMPARE(r->event.latencyUs, qint64(-1));
        // Refused by the key server: counted there already.
        r = accesslog::parseRecord(record(m_key, 401, "0.001", "401"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->disposition, accesslog::Disposition::Refused);
        r = accesslog::parseRecord(record(QString(), 401, "0.001", ""));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->disposition, accesslog::Disposition::Refused);
    }

    void refusesNonLoopback()
    {
        kwd::Metrics metrics;
        kwd::SyslogReceiver receiver(m_vault->backend(), metrics);
        auto s = receiver.start(QHostAddress(QStringLiteral("0.0.0.0")), 0);
        QVERIFY(!s.ok());
        QVERIFY2(s.errorMessage().contains(QStringLiteral("loopback")), qPrintable(s.errorMessage()));
    }

    void udpAndTcpBecomeUsage()
    {
        kwd::Metrics metrics;
        kwd::SyslogReceiver receiver(m_vault->backend(), metrics);
        auto started = receiver.start(QHostAddress::LocalHost, 0);
        QVERIFY2(started.ok(), qPrintable(started.errorMessage()));
        QVERIFY(receiver.port() != 0);
        const UsageTotals before = totals();

        // UDP, as nginx sends: two successes and a 502.
        QUdpSocket udp;
        for (int status : {200, 200, 502})
            QVERIFY(udp.writeDatagram(nginxDatagram(record(m_key, status)), QHostAddress::LocalHost, receiver.port()) >
                    0);
        // TCP: an octet-counted frame split across two writes, a line-framed one, an unknown key, a refused request
        // and a malformed line, then the connection closes with a last line lacking its newline.
        QTcpSocket tcp;
        tcp.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(tcp.waitForConnected(5000));
        const QByteArray counted = nginxDatagram(record(m_key, 404));
        const QByteArray frame = QByteArray::number(counted.size()) + ' ' + counted;
        tcp.write(frame.left(20));
        tcp.flush();
        QTest::qWait(50);
        tcp.write(frame.mid(20));
        tcp.write(nginxDatagram(record(m_key, 201)) + '\n');
        tcp.write(nginxDatagram(record(QStringLiteral("k_doesnotexist"), 200)) + '\n');
        tcp.write(nginxDatagram(record(m_key, 401, "0.001", "401")) + '\n');
        tcp.write("<190>Nov 25 18:00:00 keywarden: not json\n");
        tcp.write(nginxDatagram(record(m_key, 200)));
        tcp.flush();
        tcp.disconnectFromHost();

        UsageTotals after;
        QDeadlineTimer deadline(10'000);
        do {
            QTest::qWait(100);
            after = totals();
        } while (after.reported - before.reported < 6 && !deadline.hasExpired());
        QCOMPARE(after.reported - before.reported, qint64(6)); // 3 UDP + 3 TCP for this key
        QCOMPARE(after.errors - before.errors, qint64(2));     // the 502 and the 404
        QCOMPARE(after.bytes - before.bytes, qint64(6 * 120));
        QCOMPARE(after.latencyCount - before.latencyCount, qint64(6));
        QCOMPARE(after.valid, before.valid); // access logs are not verify decisions

        const QByteArray rendered = metrics.render({});
        QVERIFY2(rendered.contains(R"(keywarden_syslog_messages_total{result="ingested"} 6)"), rendered.constData());
        QVERIFY2(rendered.contains(R"(keywarden_syslog_messages_total{result="refused"} 1)"), rendered.constData());
        QVERIFY2(rendered.contains(R"(keywarden_syslog_messages_total{result="unknown_key"} 1)"), rendered.constData());
        QVERIFY2(rendered.contains(R"(keywarden_syslog_messages_total{result="malformed"} 1)"), rendered.constData());
        QVERIFY2(rendered.contains(R"(keywarden_project_requests_total{project="shop",status_class="5xx"} 1)"),
                 rendered.constData());
        QVERIFY2(rendered.contains(R"(keywarden_project_requests_total{project="shop",status_class="2xx"} 4)"),
                 rendered.constData());
        QVERIFY2(rendered.contains(R"(keywarden_project_response_bytes_total{project="shop"} 720)"),
                 rendered.constData());
    }

    void oversizedTcpFrameDropsTheConnection()
    {
        kwd::Metrics metrics;
        kwd::SyslogReceiver receiver(m_vault->backend(), metrics);
        QVERIFY(receiver.start(QHostAddress::LocalHost, 0).ok());
        QTcpSocket tcp;
        tcp.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(tcp.waitForConnected(5000));
        tcp.write("99999999 <190>x\n");
        tcp.flush();
        QTRY_VERIFY_WITH_TIMEOUT(tcp.state() == QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(metrics.render({}).contains(R"(keywarden_syslog_messages_total{result="malformed"} 1)"));
    }
};

QTEST_GUILESS_MAIN(TestSyslog)
#include "tst_syslog.moc"
