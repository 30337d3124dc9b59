// nginx in front of keywardend with the SHIPPED snippets (installer/nginx): a real nginx (Debian's
// /usr/sbin/nginx) asks a real keywardend about every request through auth_request, and a second nginx
// server block plays the protected upstream, echoing what it was sent. Proves the decisions end to end:
// 200 with the key id passed upstream, 401 for unknown/revoked/suspended/expired keys, 403 for the wrong
// service or address, 429 with Retry-After and RateLimit-* recovered through @keywarden_error, the
// client's key stripped before the upstream, and a 502 when the key server is down. The shipped access-log
// snippets send every protected request to keywardend over syslog: per-key status, latency and bytes in the
// usage rollups must match the requests made, and /metrics must carry the series the shipped Prometheus rules use.

#include "HttpTestUtil.h"
#include "ServerProcess.h"
#include "TestSupport.h"

#include "policy/RateLimitSpec.h"
#include "remote/RemoteBackend.h"
#include "storage/LocalVault.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

#include <csignal>
#include <sys/prctl.h>

using namespace kw;

namespace {

const QString kNginx = QStringLiteral("/usr/sbin/nginx");
const QString kSnippets = QStringLiteral(KW_SOURCE_DIR "/installer/nginx");
const QString kRules = QStringLiteral(KW_SOURCE_DIR "/installer/prometheus/keywarden-rules.yml");

bool canConnect(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    const bool ok = s.waitForConnected(200);
    s.abort();
    return ok;
}

// nginx in the foreground, single process, everything (pid, logs, temp paths) in its own folder. Stopped
// with SIGQUIT/SIGTERM when this object goes; dies with the test process if that crashes.
class NginxProcess {
public:
    explicit NginxProcess(QString prefix) : m_prefix(std::move(prefix)) {}
    ~NginxProcess() { stop(); }
    NginxProcess(const NginxProcess&) = delete;
    NginxProcess& operator=(const NginxProcess&) = delete;

    QString errorLogPath() const { return m_prefix + QStringLiteral("/error.log"); }
    QString errorLog() const
    {
        QFile f(errorLogPath());
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    QString output() const { return m_output; }

    // Starts nginx on `conf` and waits until every port in `ports` accepts connections.
    bool start(const QString& conf, const QList<quint16>& ports, QString* error)
    {
        m_process.setProgram(kNginx);
        m_process.setArguments(
            {QStringLiteral("-p"), m_prefix + u'/', QStringLiteral("-e"), errorLogPath(), QStringLiteral("-c"), conf});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_prefix + QStringLiteral("/nginx.out"));
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("cannot start nginx: ") + m_process.errorString();
            return false;
        }
        QDeadlineTimer deadline(10'000);
        for (;;) {
            bool all = true;
            for (quint16 p : ports)
                all = all && canConnect(p);
            if (all)
                return true;
            if (m_process.waitForFinished(50) || deadline.hasExpired()) {
                QFile out(m_prefix + QStringLiteral("/nginx.out"));
                if (out.open(QIODevice::ReadOnly))
                    m_output = QString::fromUtf8(out.readAll());
                *error = QStringLiteral("nginx did not come up (exit code %1):\n%2\n%3")
                             .arg(m_process.exitCode())
                             .arg(m_output, errorLog());
                stop();
                return false;
            }
        }
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process.processId()), SIGQUIT); // graceful
        if (!m_process.waitForFinished(3000)) {
            m_process.terminate();
            if (!m_process.waitForFinished(2000)) {
                m_process.kill();
                m_process.waitForFinished(2000);
            }
        }
    }

private:
    QString m_prefix;
    QProcess m_process;
    QString m_output;
};

QByteArray bytesOf(const SecureBytes& s)
{
    return QByteArray(s.data(), s.size());
}

} // namespace

class TestNginx : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<kwtest::ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<NginxProcess> m_nginx;
    QNetworkAccessManager m_nam;
    quint16 m_front = 0;
    quint16 m_upstream = 0;
    QByteArray m_verifier;
    QByteArray m_viewer; // an auditor's token, to read usage through the server
    quint16 m_syslog = 0;
    QByteArray m_unknown; // well formed, issued by another vault
    struct Key {
        QString id;
        QByteArray secret;
    };
    Key m_logged; // used only by the access-log test, so its counts are its own
    Key m_valid, m_revoked, m_suspended, m_expired, m_otherService, m_ipRestricted, m_rateLimited, m_bearer;

    Key create(const QString& name, const QStringList& services = {}, const KeyPolicy& policy = {},
               qint64 expiresInMs = 0)
    {
        KeySpec s;
        s.project = QStringLiteral("shop");
        s.environment = QStringLiteral("live");
        s.name = name;
        s.owner = QStringLiteral("team-") + name;
        s.services = services;
        s.policy = policy;
        s.expiresInMs = expiresInMs;
        auto k = m_vault->backend().createKey(s);
        if (!k)
            qFatal("createKey(%s): %s", qPrintable(name), qPrintable(k.errorMessage()));
        return {k->key.id, bytesOf(k->secret)};
    }

    kwtest::HttpReply get(const kwtest::Headers& headers, const QString& path = QStringLiteral("/api/orders"))
    {
        return kwtest::httpGet(m_nam, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_front).arg(path)), headers);
    }
    kwtest::HttpReply withKey(const QByteArray& key) { return get({{"X-API-Key", key}}); }

    QString nginxConf() const
    {
        // keywarden-upstream.conf is shipped for 127.0.0.1:8420; point it at this test's server.
        QFile upstreamIn(kSnippets + QStringLiteral("/keywarden-upstream.conf"));
        if (!upstreamIn.open(QIODevice::ReadOnly))
            return {};
        QByteArray upstream = upstreamIn.readAll();
        if (!upstream.contains("127.0.0.1:8420"))
            return {};
        upstream.replace("127.0.0.1:8420", "127.0.0.1:" + QByteArray::number(m_server->port()));
        const QString upstreamPath = m_dir->filePath(QStringLiteral("keywarden-upstream.conf"));
        QFile upstreamOut(upstreamPath);
        if (!upstreamOut.open(QIODevice::WriteOnly) || upstreamOut.write(upstream) != upstream.size())
            return {};
        upstreamOut.close();

        // keywarden-access-log.conf is shipped for keywardend's syslog on 127.0.0.1:5514.
        QFile accessIn(kSnippets + QStringLiteral("/keywarden-access-log.conf"));
        if (!accessIn.open(QIODevice::ReadOnly))
            return {};
        QByteArray access = accessIn.readAll();
        if (!access.contains("127.0.0.1:5514"))
            return {};
        access.replace("127.0.0.1:5514", "127.0.0.1:" + QByteArray::number(m_syslog));
        const QString accessPath = m_dir->filePath(QStringLiteral("keywarden-access-log.conf"));
        QFile accessOut(accessPath);
        if (!accessOut.open(QIODevice::WriteOnly) || accessOut.write(access) != access.size())
            return {};
        accessOut.close();

        const QString d = m_dir->path();
        QString conf = QStringLiteral(R"(
daemon off;
master_process off;
worker_processes 1;
pid %1/nginx.pid;
error_log %1/error.log info;
events { worker_connections 256; }
http {
    access_log %1/access.log;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    default_type text/plain;

    include %2;
    include %6/keywarden-logging.conf;
    map "" $kw_verifier { default "%3"; }

    # The protected application: echoes what nginx passed on; fails on /api/fail and /api/missing.
    server {
        listen 127.0.0.1:%4;
        location /api/fail {
            return 503 "upstream failed\n";
        }
        location /api/missing {
            return 404 "no such thing\n";
        }
        location / {
            return 200 "upstream saw key $http_x_key_id owner=$http_x_key_owner api-key=[$http_x_api_key] authorization=[$http_authorization]\n";
        }
    }

    server {
        listen 127.0.0.1:%5;
        include %6/keywarden-auth.conf;

        location /api/ {
            set $kw_service "checkout";
            include %6/keywarden-protect.conf;
            include %7;
            proxy_pass http://127.0.0.1:%4;
        }
        location /billing/ {
            set $kw_service "billing";
            include %6/keywarden-protect.conf;
            proxy_pass http://127.0.0.1:%4;
        }
    }
}
)");
        return conf.arg(d, upstreamPath, QString::fromLatin1(m_verifier))
            .arg(m_upstream)
            .arg(m_front)
            .arg(kSnippets, accessPath);
    }

private slots:
    void initTestCase()
    {
        if (!QFileInfo(kNginx).isExecutable())
            QSKIP("nginx is not installed (/usr/sbin/nginx from Debian's nginx package): the auth_request "
                  "integration cannot be tested here");
        QVERIFY(QFileInfo::exists(kSnippets + QStringLiteral("/keywarden-auth.conf")));

        m_vault = std::make_unique<kwtest::TempVault>();
        QVERIFY(m_vault->ok());
        auto& b = m_vault->backend();
        m_vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(b.createProject({QStringLiteral("shop"), {}, {}}).ok());
        QVERIFY(b.createEnvironment(QStringLiteral("shop"), QStringLiteral("live")).ok());
        auto op = b.createOperator(QStringLiteral("nginx"), OperatorRole::Verifier);
        QVERIFY2(op.ok(), qPrintable(op.errorMessage()));
        m_verifier = bytesOf(op->token);
        auto viewer = b.createOperator(QStringLiteral("auditor"), OperatorRole::Auditor);
        QVERIFY2(viewer.ok(), qPrintable(viewer.errorMessage()));
        m_viewer = bytesOf(viewer->token);

        {
            kwtest::TempVault other;
            QVERIFY(other.ok());
            QVERIFY(other.backend().createProject({QStringLiteral("shop"), {}, {}}).ok());
            QVERIFY(other.backend().createEnvironment(QStringLiteral("shop"), QStringLiteral("live")).ok());
            KeySpec s;
            s.project = QStringLiteral("shop");
            s.environment = QStringLiteral("live");
            s.name = QStringLiteral("elsewhere");
            auto k = other.backend().createKey(s);
            QVERIFY2(k.ok(), qPrintable(k.errorMessage()));
            m_unknown = bytesOf(k->secret);
        }
        m_valid = create(QStringLiteral("valid"), {QStringLiteral("checkout")});
        m_logged = create(QStringLiteral("logged"), {QStringLiteral("checkout")});
        m_bearer = create(QStringLiteral("bearer"));
        m_revoked = create(QStringLiteral("revoked"));
        m_suspended = create(QStringLiteral("suspended"));
        m_otherService = create(QStringLiteral("billing-only"), {QStringLiteral("billing")});
        KeyPolicy office;
        office.allowIps = QStringList{QStringLiteral("10.0.0.0/8")};
        m_ipRestricted = create(QStringLiteral("office-only"), {}, office);
        KeyPolicy limited;
        auto rates = RateLimitSpec::parseList({QStringLiteral("2/m")});
        QVERIFY(rates.ok());
        limited.rateLimits = *rates;
        m_rateLimited = create(QStringLiteral("limited"), {}, limited);
        // Issued two days ago for one day.
        m_vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch() - 2 * 86'400'000LL);
        m_expired = create(QStringLiteral("expired"), {}, {}, 86'400'000LL);
        m_vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch());

        QVERIFY(b.revokeKeys({{m_revoked.id}, false, QStringLiteral("leaked"), {}}).ok());
        QVERIFY(b.suspendKey(m_suspended.id, QStringLiteral("investigating")).ok());
        const QString path = m_vault->path();
        m_vault->close(); // the server takes the vault exclusively

        m_front = kwtest::freeLoopbackPort();
        m_upstream = kwtest::freeLoopbackPort();
        m_syslog = kwtest::freeLoopbackPort();
        while (m_upstream == m_front)
            m_upstream = kwtest::freeLoopbackPort();
        while (m_syslog == m_front || m_syslog == m_upstream)
            m_syslog = kwtest::freeLoopbackPort();
        QVERIFY(m_front && m_upstream && m_syslog);
        m_server = std::make_unique<kwtest::ServerProcess>(
            path, QStringList{QStringLiteral("--syslog-listen"), QStringLiteral("127.0.0.1:%1").arg(m_syslog)});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        const QString conf = nginxConf();
        QVERIFY2(!conf.isEmpty(), "cannot template keywarden-upstream.conf (does it still name 127.0.0.1:8420?)");
        const QString confPath = m_dir->filePath(QStringLiteral("nginx.conf"));
        {
            QFile f(confPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(conf.toUtf8());
        }
        m_nginx = std::make_unique<NginxProcess>(m_dir->path());
        QString error;
        QVERIFY2(m_nginx->start(confPath, {m_front, m_upstream}, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_nginx.reset();
        if (m_server) {
            QCOMPARE(m_server->stop(), 0);
            m_server.reset();
        }
    }

    void validKeyReachesTheUpstreamWithItsId()
    {
        const auto r = withKey(m_valid.secret);
        QVERIFY2(r.status == 200, (r.describe() + "\nnginx: " + m_nginx->errorLog().toUtf8()).constData());
        QVERIFY2(r.body.startsWith("upstream saw key " + m_valid.id.toLatin1() + ' '), r.body.constData());
        QVERIFY2(r.body.contains("owner=team-valid"), r.body.constData());
        // A key without a rate limit announces none.
        QVERIFY(!r.hasHeader("RateLimit-Limit"));
    }

    void bearerKeyWorksToo()
    {
        const auto r = get({{"Authorization", "Bearer " + m_bearer.secret}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY2(r.body.startsWith("upstream saw key " + m_bearer.id.toLatin1() + ' '), r.body.constData());
    }

    void clientKeyIsNotForwarded()
    {
        auto r = withKey(m_valid.secret);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY2(r.body.contains("api-key=[]"), r.body.constData());
        QVERIFY2(!r.body.contains(m_valid.secret), r.body.constData());
        r = get({{"Authorization", "Bearer " + m_bearer.secret}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY2(r.body.contains("authorization=[]"), r.body.constData());
        QVERIFY2(!r.body.contains(m_bearer.secret), r.body.constData());
    }

    void refusedKeys_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<int>("status");
        QTest::newRow("no key") << QStringLiteral("none") << 401;
        QTest::newRow("unknown") << QStringLiteral("unknown") << 401;
        QTest::newRow("revoked") << QStringLiteral("revoked") << 401;
        QTest::newRow("suspended") << QStringLiteral("suspended") << 401;
        QTest::newRow("expired") << QStringLiteral("expired") << 401;
        QTest::newRow("other service") << QStringLiteral("otherService") << 403;
        QTest::newRow("address not allowed") << QStringLiteral("ip") << 403;
    }
    void refusedKeys()
    {
        QFETCH(QString, which);
        QFETCH(int, status);
        QByteArray key;
        if (which == QLatin1String("unknown")) {
            key = m_unknown;
        } else if (which == QLatin1String("revoked")) {
            key = m_revoked.secret;
        } else if (which == QLatin1String("suspended")) {
            key = m_suspended.secret;
        } else if (which == QLatin1String("expired")) {
            key = m_expired.secret;
        } else if (which == QLatin1String("otherService")) {
            key = m_otherService.secret;
        } else if (which == QLatin1String("ip")) {
            key = m_ipRestricted.secret;
        }
        const auto r = key.isEmpty() ? get({}) : withKey(key);
        QVERIFY2(r.status == status,
                 (r.describe() + "\nnginx: " + m_nginx->errorLog().right(2000).toUtf8()).constData());
        QVERIFY2(!r.body.contains("upstream saw key"), r.body.constData());
    }

    void keyForTheOtherServiceWorksThere()
    {
        const auto r = get({{"X-API-Key", m_otherService.secret}}, QStringLiteral("/billing/invoices"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY2(r.body.startsWith("upstream saw key " + m_otherService.id.toLatin1() + ' '), r.body.constData());
    }

    void rateLimitedKeyGets429WithHeaders()
    {
        for (int i = 0; i < 2; ++i) {
            const auto r = withKey(m_rateLimited.secret);
            QVERIFY2(r.status == 200, r.describe().constData());
            QVERIFY2(r.body.startsWith("upstream saw key " + m_rateLimited.id.toLatin1() + ' '), r.body.constData());
            QCOMPARE(r.header("RateLimit-Limit"), QByteArray("2"));
            QCOMPARE(r.header("RateLimit-Remaining"), QByteArray::number(1 - i));
            QVERIFY2(r.header("RateLimit-Reset").toInt() > 0, r.describe().constData());
        }
        const auto r = withKey(m_rateLimited.secret);
        QVERIFY2(r.status == 429, (r.describe() + "\nnginx: " + m_nginx->errorLog().right(2000).toUtf8()).constData());
        QVERIFY2(!r.body.contains("upstream saw key"), r.body.constData());
        QVERIFY2(r.body.contains("rate limited"), r.body.constData());
        QCOMPARE(r.header("X-KeyWarden-Code"), QByteArray("RATE_LIMITED"));
        const int retryAfter = r.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, r.describe().constData());
        QCOMPARE(r.header("RateLimit-Limit"), QByteArray("2"));
        QCOMPARE(r.header("RateLimit-Remaining"), QByteArray("0"));
        QVERIFY2(r.header("RateLimit-Reset").toInt() > 0, r.describe().constData());
    }

    // Each refusal above was refused for its own reason: keywardend counted one decision per code.
    void everyRefusalHadItsReason()
    {
        const auto r = kwtest::httpGet(m_nam, QUrl(m_server->url() + QStringLiteral("/metrics")));
        QVERIFY2(r.status == 200, r.describe().constData());
        const QList<QByteArray> lines = r.body.split('\n');
        for (const char* code :
             {"MALFORMED", "NOT_FOUND", "REVOKED", "SUSPENDED", "EXPIRED", "FORBIDDEN_IP", "RATE_LIMITED"}) {
            const QByteArray line = "keywarden_verifications_total{code=\"" + QByteArray(code) + "\"} 1";
            QVERIFY2(lines.contains(line), (line + " missing in\n" + r.body).constData());
        }
        // Only the refused request to /api/ was WRONG_SERVICE; the one to /billing/ passed.
        QVERIFY2(lines.contains("keywarden_verifications_total{code=\"WRONG_SERVICE\"} 1"), r.body.constData());
    }

    // nginx's access log reaches keywardend over syslog (the shipped keywarden-logging.conf and
    // keywarden-access-log.conf): the key's REPORTED requests, errors, latencies and bytes are exactly the
    // requests made through nginx, and refused requests are not counted twice.
    void accessLogsOverSyslogCountPerKey()
    {
        const qint64 from = (QDateTime::currentMSecsSinceEpoch() / 3'600'000 - 1) * 3'600'000;
        int ok = 0, failed = 0, missing = 0;
        for (int i = 0; i < 10; ++i) {
            const QString path = i % 5 == 3   ? QStringLiteral("/api/fail")
                                 : i % 5 == 4 ? QStringLiteral("/api/missing")
                                              : QStringLiteral("/api/orders");
            const auto r = get({{"X-API-Key", m_logged.secret}}, path);
            const int expected = path.endsWith(u"fail") ? 503 : path.endsWith(u"missing") ? 404 : 200;
            QVERIFY2(r.status == expected, r.describe().constData());
            (expected == 200 ? ok : expected == 503 ? failed : missing)++;
        }
        // Refused for the wrong service (billing-only key on /api/): a verify decision, not usage.
        QCOMPARE(get({{"X-API-Key", m_otherService.secret}}).status, 403);

        auto remote = RemoteBackend::create(QUrl(m_server->url()), SecureBytes(m_viewer.constData(), m_viewer.size()));
        QVERIFY2(remote.ok(), qPrintable(remote.errorMessage()));
        const qint64 to = QDateTime::currentMSecsSinceEpoch() + 3'600'000;
        UsageTotals totals;
        QDeadlineTimer deadline(15'000);
        do {
            QTest::qWait(200);
            auto summary = (*remote)->usageSummary(UsageScope::Key, m_logged.id, from, to);
            QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
            totals = summary->totals;
        } while (totals.reported < 10 && !deadline.hasExpired());
        if (totals.reported != 10) {
            const auto m = kwtest::httpGet(m_nam, QUrl(m_server->url() + QStringLiteral("/metrics")));
            QFAIL(
                qPrintable(QStringLiteral("reported %1 of 10 (%4); metrics:\n%2\nnginx:\n%3")
                               .arg(totals.reported)
                               .arg(QString::fromUtf8(m.body), m_nginx->errorLog().right(2000),
                                    QString::fromUtf8(QJsonDocument(totals.toJson()).toJson(QJsonDocument::Compact)))));
        }
        QCOMPARE(totals.errors, qint64(failed + missing));
        QCOMPARE(totals.latencyCount, qint64(10));
        QVERIFY(totals.bytes > 0);
        // Verify decisions for the same requests stay separate: ten VALID, no double counting.
        QCOMPARE(totals.valid, qint64(10));
        QVERIFY(ok == 6);

        auto other = (*remote)->usageSummary(UsageScope::Key, m_otherService.id, from, to);
        QVERIFY2(other.ok(), qPrintable(other.errorMessage()));
        QCOMPARE(other->totals.reported, qint64(0));

        // Per project in /metrics: the 5xx and 4xx upstream answers of "shop", and the syslog intake.
        const auto metrics = kwtest::httpGet(m_nam, QUrl(m_server->url() + QStringLiteral("/metrics")));
        QVERIFY2(metrics.status == 200, metrics.describe().constData());
        auto value = [&](const QByteArray& series) -> qint64 {
            for (const QByteArray& line : metrics.body.split('\n'))
                if (line.startsWith(series + ' '))
                    return line.mid(series.size() + 1).toLongLong();
            return -1;
        };
        QVERIFY2(value(R"(keywarden_project_requests_total{project="shop",status_class="5xx"})") >= failed,
                 metrics.body.constData());
        QVERIFY2(value(R"(keywarden_project_requests_total{project="shop",status_class="4xx"})") >= missing,
                 metrics.body.constData());
        QVERIFY2(value(R"(keywarden_syslog_messages_total{result="ingested"})") >= 10, metrics.body.constData());
        QVERIFY2(value(R"(keywarden_syslog_messages_total{result="refused"})") >= 1, metrics.body.constData());
        QCOMPARE(value(R"(keywarden_syslog_messages_total{result="malformed"})"), qint64(0));
        QVERIFY2(value(R"(keywarden_project_verifications_total{project="shop",code="VALID"})") >= 10,
                 metrics.body.constData());
    }

    // Every series the shipped Prometheus rules use exists in keywardend's /metrics, and every rule names a
    // severity and a summary.
    void prometheusRulesUseExistingSeries()
    {
        QFile rules(kRules);
        QVERIFY2(rules.open(QIODevice::ReadOnly), qPrintable(kRules));
        const QString text = QString::fromUtf8(rules.readAll());
        const auto metrics = kwtest::httpGet(m_nam, QUrl(m_server->url() + QStringLiteral("/metrics")));
        QVERIFY2(metrics.status == 200, metrics.describe().constData());
        QSet<QString> exposed;
        static const QRegularExpression typeLine(QStringLiteral("^# TYPE (\\S+) (\\S+)$"),
                                                 QRegularExpression::MultilineOption);
        for (auto it = typeLine.globalMatch(QString::fromUtf8(metrics.body)); it.hasNext();) {
            const auto m = it.next();
            exposed.insert(m.captured(1));
            if (m.captured(2) == QLatin1String("histogram"))
                for (const char* suffix : {"_bucket", "_sum", "_count"})
                    exposed.insert(m.captured(1) + QLatin1String(suffix));
        }
        // The series named in the expressions (between "expr:" and the rule's "for:" or "labels:").
        static const QRegularExpression used(QStringLiteral("\\bkeywarden_[a-z_]+"));
        static const QRegularExpression expr(QStringLiteral("expr:(.*?)\\n\\s+(for|labels):"),
                                             QRegularExpression::DotMatchesEverythingOption);
        int alerts = 0;
        QSet<QString> names;
        for (auto e = expr.globalMatch(text); e.hasNext();)
            for (auto it = used.globalMatch(e.next().captured(1)); it.hasNext();)
                names.insert(it.next().captured(0));
        for (const QString& name : names)
            QVERIFY2(exposed.contains(name), qPrintable(name + QStringLiteral(" is used by a rule but not exposed")));
        QVERIFY(names.size() >= 6);
        const QStringList blocks = text.split(QStringLiteral("- alert: "));
        for (qsizetype i = 1; i < blocks.size(); ++i, ++alerts) {
            const QString& block = blocks[i];
            QVERIFY2(block.contains(QStringLiteral("expr:")), qPrintable(block));
            QVERIFY2(block.contains(QRegularExpression(QStringLiteral("severity: (critical|warning|info)"))),
                     qPrintable(block));
            QVERIFY2(block.contains(QStringLiteral("summary:")), qPrintable(block));
        }
        QVERIFY(alerts >= 8);
    }

    // The gateway's subrequest is a GET whatever the client's method, so POSTs are protected the same way.
    void postIsProtectedToo()
    {
        auto r = kwtest::httpRequest(m_nam, "POST", QUrl(QStringLiteral("http://127.0.0.1:%1/api/orders").arg(m_front)),
                                     {{"X-API-Key", m_valid.secret}}, R"({"item": 1})");
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY2(r.body.startsWith("upstream saw key " + m_valid.id.toLatin1() + ' '), r.body.constData());
        r = kwtest::httpRequest(m_nam, "POST", QUrl(QStringLiteral("http://127.0.0.1:%1/api/orders").arg(m_front)),
                                {{"X-API-Key", m_revoked.secret}}, R"({"item": 1})");
        QVERIFY2(r.status == 401, r.describe().constData());
    }

    // Last: stops the key server. nginx must fail closed with the snippet's 502, not let requests through.
    void keyServerDownIsA502()
    {
        QCOMPARE(m_server->stop(), 0);
        const auto r = withKey(m_valid.secret);
        QVERIFY2(r.status == 502, (r.describe() + "\nnginx: " + m_nginx->errorLog().right(2000).toUtf8()).constData());
        QVERIFY2(!r.body.contains("upstream saw key"), r.body.constData());
        QVERIFY2(r.body.contains("the key server is unavailable"), r.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestNginx)
#include "tst_nginx.moc"
