// keywardend as a process: TLS, role enforcement, strict request bodies and size limits, metrics and
// probes, the exclusive lock on the served vault, configuration precedence, SIGTERM under load without
// losing a usage event, and the live event stream over WebSocket. Every server runs on 127.0.0.1 and an
// ephemeral port and is stopped by the test that started it.

#include "HttpTestUtil.h"
#include "ServerProcess.h"
#include "TestSupport.h"

#include "storage/LocalVault.h"
#include "storage/Vault.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtTest>

#include <csignal>
#include <functional>
#include <sys/prctl.h>

using namespace kw;

namespace {

QByteArray bytesOf(const SecureBytes& s)
{
    return QByteArray(s.data(), s.size());
}

QString program()
{
    return kwtest::builtProgram(QStringLiteral("app/keywardend/keywardend"));
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : env.keys())
        if (name.startsWith(QLatin1String("KEYWARDEN_")))
            env.remove(name);
    return env;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// A keywardend started directly, for the tests that need its pid, its environment, its own arguments or
// its exit code. Terminated (then killed) when this object goes; dies with the test process.
class Daemon {
public:
    explicit Daemon(QString dir) : m_dir(std::move(dir)) {}
    ~Daemon() { stop(); }
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    bool start(const QStringList& args, const QProcessEnvironment& env = cleanEnvironment())
    {
        m_process.setProgram(program());
        m_process.setArguments(args);
        m_process.setProcessEnvironment(env);
        m_process.setStandardOutputFile(m_dir + QStringLiteral("/daemon.out"));
        m_process.setStandardErrorFile(m_dir + QStringLiteral("/daemon.err"));
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.start();
        return m_process.waitForStarted(5000);
    }

    // The port in the ready file, once it is there; 0 if the server exits or times out first.
    quint16 waitReady(const QString& readyFile, int timeoutMs = 10'000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            QFile f(readyFile);
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray content = f.readAll();
                if (content.endsWith('\n'))
                    return quint16(content.trimmed().toUInt());
            }
            if (m_process.waitForFinished(25))
                return 0;
        }
        return 0;
    }

    qint64 pid() const { return m_process.processId(); }
    void signal(int sig) const
    {
        if (m_process.state() == QProcess::Running)
            ::kill(pid_t(m_process.processId()), sig);
    }
    // The exit code, or -1 after a crash, a kill or a timeout.
    int waitExit(int timeoutMs = 10'000)
    {
        if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    int stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return waitExit();
        m_process.terminate();
        if (m_process.waitForFinished(5000))
            return waitExit();
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    QString log() const
    {
        QString out;
        for (const char* name : {"/daemon.out", "/daemon.err"}) {
            QFile f(m_dir + QString::fromLatin1(name));
            if (f.open(QIODevice::ReadOnly))
                out += QString::fromUtf8(f.readAll());
        }
        return out;
    }

private:
    QString m_dir;
    QProcess m_process;
};

// A vault with one project, an operator of every role, and a few keys; closed, ready to be served.
struct World {
    kwtest::TempVault vault;
    QByteArray admin, responder, auditor, verifier;
    QString validId, billingId, spareId;
    QByteArray validSecret, billingSecret, spareSecret;

    QString path() const { return vault.path(); }

    World()
    {
        auto& b = vault.backend();
        vault.clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
        check(b.createProject({QStringLiteral("shop"), {}, {}}), "createProject");
        check(b.createEnvironment(QStringLiteral("shop"), QStringLiteral("live")), "createEnvironment");
        admin = token(OperatorRole::Admin, "admin");
        responder = token(OperatorRole::Responder, "responder");
        auditor = token(OperatorRole::Auditor, "auditor");
        verifier = token(OperatorRole::Verifier, "verifier");
        std::tie(validId, validSecret) = key("valid", {});
        std::tie(billingId, billingSecret) = key("billing-only", {QStringLiteral("billing")});
        std::tie(spareId, spareSecret) = key("spare", {});
        vault.close();
    }

private:
    template <typename R> static void check(const R& r, const char* what)
    {
        if (!r.ok())
            qFatal("%s: %s", what, qPrintable(r.errorMessage()));
    }
    QByteArray token(OperatorRole role, const char* name)
    {
        auto op = vault.backend().createOperator(QString::fromLatin1(name), role);
        check(op, "createOperator");
        return bytesOf(op->token);
    }
    std::pair<QString, QByteArray> key(const char* name, const QStringList& services)
    {
        KeySpec s;
        s.project = QStringLiteral("shop");
        s.environment = QStringLiteral("live");
        s.name = QString::fromLatin1(name);
        s.services = services;
        auto k = vault.backend().createKey(s);
        check(k, "createKey");
        return {k->key.id, bytesOf(k->secret)};
    }
};

QByteArray verifyBody(const QByteArray& key, const char* service = "checkout")
{
    return QJsonDocument(QJsonObject{{"key", QString::fromLatin1(key)}, {"service", QString::fromLatin1(service)}})
        .toJson(QJsonDocument::Compact);
}

// Many keep-alive connections, each sending its next verify request as soon as the previous one is
// answered; counts complete answers. `onAnswer` runs after each one (e.g. to send SIGTERM).
class LoadClient : public QObject {
public:
    LoadClient(quint16 port, QList<QByteArray> requests, int total) : m_requests(std::move(requests)), m_total(total)
    {
        m_port = port;
    }
    std::function<void(int answered)> onAnswer;
    int sent = 0;
    int answered = 0;
    int malformedResponses = 0;
    QHash<int, int> byStatus;

    void run(int connections, int timeoutMs)
    {
        QEventLoop loop;
        m_loop = &loop;
        for (int i = 0; i < connections; ++i) {
            auto* c = new Conn{new QTcpSocket(this), {}};
            m_conns.push_back(c);
            connect(c->socket, &QTcpSocket::connected, this, [this, c] { sendNext(c); });
            connect(c->socket, &QTcpSocket::readyRead, this, [this, c] { read(c); });
            connect(c->socket, &QTcpSocket::disconnected, this, [this] { checkDone(); });
            connect(c->socket, &QTcpSocket::errorOccurred, this, [this] { checkDone(); });
            c->socket->connectToHost(QHostAddress::LocalHost, m_port);
        }
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        m_loop = nullptr;
        for (Conn* c : m_conns) {
            c->socket->abort();
            delete c;
        }
        m_conns.clear();
    }

private:
    struct Conn {
        QTcpSocket* socket;
        QByteArray buffer;
        bool waiting = false;
        bool finished = false;
    };

    void sendNext(Conn* c)
    {
        if (sent >= m_total) {
            c->finished = true;
            c->socket->disconnectFromHost();
            checkDone();
            return;
        }
        c->socket->write(m_requests[sent % m_requests.size()]);
        c->waiting = true;
        ++sent;
    }

    void read(Conn* c)
    {
        c->buffer += c->socket->readAll();
        for (;;) {
            const qsizetype end = c->buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = c->buffer.left(end);
            qsizetype length = -1;
            for (const QByteArray& line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (length < 0 || !head.startsWith("HTTP/1.1 ")) {
                ++malformedResponses;
                c->socket->abort();
                return;
            }
            if (c->buffer.size() < end + 4 + length)
                return;
            const int status = head.mid(9, 3).toInt();
            c->buffer.remove(0, end + 4 + length);
            c->waiting = false;
            ++answered;
            ++byStatus[status];
            if (onAnswer)
                onAnswer(answered);
            sendNext(c);
        }
    }

    void checkDone()
    {
        for (Conn* c : m_conns)
            if (c->socket->state() != QAbstractSocket::UnconnectedState && !c->finished)
                return;
        if (m_loop)
            m_loop->quit();
    }

    quint16 m_port = 0;
    QList<QByteArray> m_requests;
    int m_total = 0;
    QList<Conn*> m_conns;
    QEventLoop* m_loop = nullptr;
};

} // namespace

class TestServer : public QObject {
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    static QUrl url(const kwtest::ServerProcess& s, const QString& path) { return QUrl(s.url() + path); }

    // Self-signed EC certificate for 127.0.0.1, made with the openssl command line.
    static bool makeCertificate(const QString& dir, QString* cert, QString* key, QString* error)
    {
        *cert = dir + QStringLiteral("/cert.pem");
        *key = dir + QStringLiteral("/key.pem");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"),
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                 QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                 QStringLiteral("-keyout"), *key, QStringLiteral("-out"), *cert, QStringLiteral("-days"),
                 QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                 QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        if (!p.waitForFinished(20'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error = QStringLiteral("openssl req failed: ") + QString::fromUtf8(p.readAll()) + p.errorString();
            return false;
        }
        return true;
    }

    // openssl s_client restricted to one protocol version (security level 0 so the client itself allows
    // old versions). Returns its exit code; `output` gets what it printed.
    static int sClient(quint16 port, const QString& versionFlag, const QString& caFile, QString* output)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"),
                {QStringLiteral("s_client"), QStringLiteral("-connect"), QStringLiteral("127.0.0.1:%1").arg(port),
                 versionFlag, QStringLiteral("-cipher"), QStringLiteral("DEFAULT:@SECLEVEL=0"),
                 QStringLiteral("-CAfile"), caFile});
        p.closeWriteChannel();
        if (!p.waitForFinished(10'000)) {
            p.kill();
            p.waitForFinished();
            *output = QStringLiteral("timed out");
            return -1;
        }
        *output = QString::fromUtf8(p.readAll());
        return p.exitCode();
    }

private slots:
    void initTestCase() { QVERIFY(QFileInfo::exists(program())); }

    // ---- TLS

    void tls()
    {
        World w;
        QTemporaryDir dir;
        QString cert, key, error;
        QVERIFY2(makeCertificate(dir.path(), &cert, &key, &error), qPrintable(error));
        kwtest::ServerProcess server(w.path(), {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.url().startsWith(QLatin1String("https://")));

        const QList<QSslCertificate> ca = QSslCertificate::fromPath(cert);
        QCOMPARE(ca.size(), 1);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(ca);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);

        // A raw TLS socket that trusts exactly this certificate: the handshake verifies and the protocol is
        // at least TLS 1.2.
        {
            QSslSocket s;
            s.setSslConfiguration(tls);
            s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
            QVERIFY2(s.waitForEncrypted(10'000), qPrintable(s.errorString()));
            QVERIFY(s.sslHandshakeErrors().isEmpty());
            const QSsl::SslProtocol protocol = s.sessionProtocol();
            QVERIFY2(protocol == QSsl::TlsV1_2 || protocol == QSsl::TlsV1_3,
                     qPrintable(QStringLiteral("negotiated protocol %1").arg(int(protocol))));
            s.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            QByteArray response;
            QDeadlineTimer deadline(10'000);
            while (!response.contains("\r\n\r\n") && !deadline.hasExpired() && s.waitForReadyRead(1000))
                response += s.readAll();
            QVERIFY2(response.startsWith("HTTP/1.1 200"), response.constData());
        }

        // The API over HTTPS with an operator token.
        {
            QNetworkRequest request(url(server, QStringLiteral("/v1/keys/verify")));
            request.setSslConfiguration(tls);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            request.setRawHeader("Authorization", "Bearer " + w.verifier);
            QNetworkReply* reply = m_nam.post(request, verifyBody(w.validSecret));
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(done.wait(10'000));
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
            QCOMPARE(o.value("valid").toBool(), true);
            delete reply;
        }

        // TLS 1.1 is refused by the server even when the client offers nothing else.
        {
            QString out;
            const int rc12 = sClient(server.port(), QStringLiteral("-tls1_2"), cert, &out);
            QVERIFY2(rc12 == 0 && out.contains(QLatin1String("TLSv1.2")), qPrintable(out));
            const int rc11 = sClient(server.port(), QStringLiteral("-tls1_1"), cert, &out);
            if (out.contains(QLatin1String("no protocols available")) &&
                !out.contains(QLatin1String("alert protocol version")))
                qWarning("this OpenSSL cannot offer TLS 1.1 at all; only the >= TLS 1.2 negotiation is checked");
            else // no session: the server answers a TLS 1.1 hello with a protocol_version alert
                QVERIFY2(rc11 != 0 && out.contains(QLatin1String("Cipher is (NONE)")) &&
                             !out.contains(QLatin1String("TLSv1.1, Cipher is")),
                         qPrintable(out));
        }

        // Plain HTTP to the TLS port gets no HTTP answer.
        {
            QTcpSocket plain;
            plain.connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(plain.waitForConnected(5000));
            plain.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            QByteArray response;
            while (plain.waitForReadyRead(2000))
                response += plain.readAll();
            QVERIFY2(!response.startsWith("HTTP/"), response.toHex().constData());
            const auto r =
                kwtest::httpGet(m_nam, QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(server.port())));
            QVERIFY2(r.status != 200, r.describe().constData());
        }

        // And the server still serves TLS afterwards.
        {
            QSslSocket s;
            s.setSslConfiguration(tls);
            s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
            QVERIFY2(s.waitForEncrypted(10'000), qPrintable(s.errorString()));
        }
        QCOMPARE(server.stop(), 0);
    }

    // ---- roles

    void roles()
    {
        World w;
        kwtest::ServerProcess server(w.path());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QUrl keys = url(server, QStringLiteral("/v1/keys"));

        auto r = kwtest::httpGet(m_nam, keys);
        QVERIFY2(r.status == 401, r.describe().constData());
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), r.describe().constData());
        QCOMPARE(r.json().value("error").toObject().value("code").toString(), QStringLiteral("unauthorized"));
        QVERIFY(!r.json().value("error").toObject().value("message").toString().isEmpty());

        r = kwtest::httpGet(m_nam, keys, kwtest::bearer("kwop_not_a_real_token"));
        QVERIFY2(r.status == 401, r.describe().constData());

        r = kwtest::httpGet(m_nam, keys, kwtest::bearer(w.verifier));
        QVERIFY2(r.status == 403, r.describe().constData());
        QCOMPARE(r.json().value("error").toObject().value("code").toString(), QStringLiteral("forbidden"));

        r = kwtest::httpGet(m_nam, keys, kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 3);

        // An auditor may read but not revoke; a responder may revoke.
        const QByteArray revoke =
            QJsonDocument(QJsonObject{{"keys", QJsonArray{w.spareId}}, {"cascade", false}, {"reason", "test"}})
                .toJson(QJsonDocument::Compact);
        r = kwtest::httpPost(m_nam, url(server, QStringLiteral("/v1/revocations")), revoke, kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 403, r.describe().constData());
        r = kwtest::httpPost(m_nam, url(server, QStringLiteral("/v1/revocations")), revoke,
                             kwtest::bearer(w.responder));
        QVERIFY2(r.status == 200, r.describe().constData());

        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/v1/whoami")), kwtest::bearer(w.verifier));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json().value("name").toString(), QStringLiteral("verifier"));
        QCOMPARE(server.stop(), 0);
    }

    // ---- request bodies

    void badBodies_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions"); // the error message names this

        const QString verify = QStringLiteral("/v1/keys/verify");
        QTest::newRow("malformed JSON") << verify << QByteArray(R"({"key": "kw_x", )") << 400
                                        << QStringLiteral("not valid JSON");
        QTest::newRow("not an object") << verify << QByteArray(R"(["key"])") << 400 << QStringLiteral("JSON object");
        QTest::newRow("cost of the wrong type")
            << verify << QByteArray(R"({"key": "kw_x", "cost": "x"})") << 400 << QStringLiteral("\"cost\"");
        QTest::newRow("unknown field") << verify << QByteArray(R"({"key": "kw_x", "colour": "red"})") << 400
                                       << QStringLiteral("\"colour\"");
        QTest::newRow("missing key") << verify << QByteArray(R"({"service": "checkout"})") << 400
                                     << QStringLiteral("\"key\"");
        QTest::newRow("over max body") << verify
                                       << QByteArray(R"({"key": "kw_x", "service": ")") + QByteArray(3000, 'a') +
                                              QByteArray(R"("})")
                                       << 413 << QStringLiteral("2048");
        const QString report = QStringLiteral("/v1/usage/report");
        QTest::newRow("report: status of the wrong type")
            << report << QByteArray(R"({"events": [{"keyId": "x", "status": "ok"}]})") << 400
            << QStringLiteral("\"status\"");
        QTest::newRow("report: over max body")
            << report << QByteArray(R"({"events": [)") + QByteArray(4000, ' ') + QByteArray("]}") << 413
            << QStringLiteral("2048");
    }
    void badBodies()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        World w;
        kwtest::ServerProcess server(w.path(), {QStringLiteral("--max-body-bytes"), QStringLiteral("2048")});
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        auto r = kwtest::httpPost(m_nam, url(server, path), body, kwtest::bearer(w.verifier));
        QVERIFY2(r.status == status, r.describe().constData());
        const QJsonObject error = r.json().value("error").toObject();
        QCOMPARE(error.value("code").toString(),
                 status == 413 ? QStringLiteral("too_large") : QStringLiteral("invalid"));
        QVERIFY2(error.value("message").toString().contains(mentions), r.describe().constData());

        // Still healthy, and still verifying.
        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/healthz")));
        QVERIFY2(r.status == 200, r.describe().constData());
        r = kwtest::httpPost(m_nam, url(server, QStringLiteral("/v1/keys/verify")), verifyBody(w.validSecret),
                             kwtest::bearer(w.verifier));
        QVERIFY2(r.status == 200 && r.json().value("valid").toBool(), r.describe().constData());
        QCOMPARE(server.stop(), 0);
    }

    void managementBodiesAreStrictToo()
    {
        World w;
        kwtest::ServerProcess server(w.path(), {QStringLiteral("--max-body-bytes"), QStringLiteral("2048")});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QUrl teams = url(server, QStringLiteral("/v1/teams"));
        auto r = kwtest::httpPost(m_nam, teams, R"({"name": 5})", kwtest::bearer(w.admin));
        QVERIFY2(r.status == 400 && r.json().value("error").toObject().value("message").toString().contains("\"name\""),
                 r.describe().constData());
        r = kwtest::httpPost(m_nam, teams, R"({"name": "ops", "extra": true})", kwtest::bearer(w.admin));
        QVERIFY2(r.status == 400 &&
                     r.json().value("error").toObject().value("message").toString().contains("\"extra\""),
                 r.describe().constData());
        r = kwtest::httpPost(m_nam, teams, R"({"name": ")" + QByteArray(4096, 'x') + R"("})", kwtest::bearer(w.admin));
        QVERIFY2(r.status == 413, r.describe().constData());
        r = kwtest::httpPost(m_nam, teams, R"({"name": "ops"})", kwtest::bearer(w.admin));
        QVERIFY2(r.status == 201, r.describe().constData());
        QCOMPARE(server.stop(), 0);
    }

    // ---- incident response routes: who may call them, and what a bad body gets

    void incidentRoutes()
    {
        World w;
        kwtest::ServerProcess server(w.path(), {QStringLiteral("--max-body-bytes"), QStringLiteral("2048")});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto post = [&](const char* path, const QByteArray& body, const QByteArray& token) {
            return kwtest::httpPost(m_nam, url(server, QString::fromLatin1(path)), body, kwtest::bearer(token));
        };
        auto message = [](const kwtest::HttpReply& r) {
            return r.json().value("error").toObject().value("message").toString();
        };
        const QByteArray lookup =
            QJsonDocument(QJsonObject{{"secrets", QJsonArray{QString::fromLatin1(w.validSecret)}}})
                .toJson(QJsonDocument::Compact);
        // Lookup is a read: an auditor may, a verifier may not; the answer names the key, never the secret.
        auto r = post("/v1/keys/lookup", lookup, w.auditor);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json().value("keys").toArray().first().toObject().value("id").toString(), w.validId);
        QVERIFY(!r.body.contains(w.validSecret));
        r = post("/v1/keys/lookup", lookup, w.verifier);
        QVERIFY2(r.status == 403, r.describe().constData());
        r = post("/v1/keys/lookup", R"({"secrets": ["kw_x", 5]})", w.auditor);
        QVERIFY2(r.status == 400 && message(r).contains("item 1"), r.describe().constData());
        const QByteArray malformed =
            QJsonDocument(QJsonObject{{"secrets", QJsonArray{QString::fromLatin1(w.validSecret), "kw_live_garbage1"}}})
                .toJson(QJsonDocument::Compact);
        r = post("/v1/keys/lookup", malformed, w.auditor);
        QVERIFY2(r.status == 400 && message(r).contains("Secret 1") && !r.body.contains("garbage1"),
                 r.describe().constData());
        QByteArray many = R"({"secrets": [)";
        for (int i = 0; i < 60; ++i)
            many += QByteArray(i ? ",\"" : "\"") + w.validSecret + '"';
        many += "]}";
        r = post("/v1/keys/lookup", many, w.auditor);
        QVERIFY2(r.status == 413, r.describe().constData());

        // Contacts are the admin's; backup activation and replacements the responder's.
        const QByteArray contact = R"({"project": "shop", "name": "Ops", "email": "ops@example.com"})";
        r = post("/v1/contacts", contact, w.auditor);
        QVERIFY2(r.status == 403, r.describe().constData());
        r = post("/v1/contacts", contact, w.responder);
        QVERIFY2(r.status == 403, r.describe().constData());
        r = post("/v1/contacts", contact, w.admin);
        QVERIFY2(r.status == 201 && r.json().value("id").toInteger() > 0, r.describe().constData());
        r = post("/v1/contacts", R"({"project": "shop", "name": "Ops", "email": "nope"})", w.admin);
        QVERIFY2(r.status == 400 && message(r).contains("e-mail"), r.describe().constData());
        const QByteArray action = R"({"reason": "failover", "incident": "INC-1"})";
        const QByteArray activate = "/v1/keys/" + w.spareId.toLatin1() + "/activate-backup";
        const QByteArray replace = "/v1/keys/" + w.spareId.toLatin1() + "/replace";
        r = post(activate.constData(), action, w.auditor);
        QVERIFY2(r.status == 403, r.describe().constData());
        r = post(activate.constData(), action, w.responder);
        QVERIFY2(r.status == 409 && message(r).contains("not a backup"), r.describe().constData());
        r = post(replace.constData(), action, w.auditor);
        QVERIFY2(r.status == 403, r.describe().constData());
        r = post(replace.constData(), action, w.responder);
        QVERIFY2(r.status == 409 && message(r).contains("not revoked"), r.describe().constData());
        r = post(replace.constData(), R"({"incident": "INC-1"})", w.responder);
        QVERIFY2(r.status == 400 && message(r).contains("\"reason\""), r.describe().constData());
        r = post("/v1/notifications", R"({"notifications": [{"kind": "alert", "channel": "desktop", "subject": "x"}]})",
                 w.auditor);
        QVERIFY2(r.status == 403, r.describe().constData());
        r = post("/v1/notifications", R"({"notifications": [{"kind": "alert", "channel": "desktop", "subject": "x"}]})",
                 w.responder);
        QVERIFY2(r.status == 201 && r.body.contains("queued"), r.describe().constData());

        // Reads with strict query strings.
        r = kwtest::httpGet(
            m_nam, url(server, QStringLiteral("/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")),
            kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 200, r.describe().constData());
        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/v1/calendar?to=2026-02-01T00:00:00Z")),
                            kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 400 && message(r).contains("\"from\""), r.describe().constData());
        r = kwtest::httpGet(m_nam,
                            url(server, QStringLiteral("/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z"
                                                       "&utcOffset=abc")),
                            kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 400 && message(r).contains("utcOffset"), r.describe().constData());
        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/v1/notifications?colour=red")),
                            kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 400 && message(r).contains("colour"), r.describe().constData());
        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/v1/contacts")), kwtest::bearer(w.auditor));
        QVERIFY2(r.status == 200 && QJsonDocument::fromJson(r.body).array().size() == 1, r.describe().constData());
        QCOMPARE(server.stop(), 0);
    }

    // ---- metrics and probes

    void metricsAndProbes()
    {
        World w;
        kwtest::ServerProcess server(w.path());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QUrl verify = url(server, QStringLiteral("/v1/keys/verify"));
        for (int i = 0; i < 7; ++i) {
            const auto r = kwtest::httpPost(m_nam, verify, verifyBody(w.validSecret), kwtest::bearer(w.verifier));
            QVERIFY2(r.status == 200 && r.json().value("valid").toBool(), r.describe().constData());
        }
        for (int i = 0; i < 3; ++i) {
            const auto r = kwtest::httpPost(m_nam, verify, verifyBody(w.billingSecret), kwtest::bearer(w.verifier));
            QVERIFY2(r.status == 200 && r.json().value("code").toString() == QLatin1String("WRONG_SERVICE"),
                     r.describe().constData());
        }
        auto r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/metrics")));
        QVERIFY2(r.status == 200, r.describe().constData());
        const QList<QByteArray> lines = r.body.split('\n');
        QVERIFY2(lines.contains("keywarden_verifications_total{code=\"VALID\"} 7"), r.body.constData());
        QVERIFY2(lines.contains("keywarden_verifications_total{code=\"WRONG_SERVICE\"} 3"), r.body.constData());
        QVERIFY2(lines.contains("keywarden_verify_duration_seconds_count 10"), r.body.constData());
        QVERIFY2(lines.contains("keywarden_keys_loaded 3"), r.body.constData());

        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/readyz")));
        QVERIFY2(r.status == 200, r.describe().constData());
        r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/healthz")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(server.stop(), 0);
    }

    // ---- the served vault

    void servedVaultRefusesDirectOpen()
    {
        World w;
        kwtest::ServerProcess server(w.path());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto v = Vault::open(w.path(), kwtest::passphrase());
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, Error::Code::Conflict);
        QVERIFY2(v.errorMessage().contains(QLatin1String("keywardend")), qPrintable(v.errorMessage()));
        QCOMPARE(server.stop(), 0);
        // Free again once the server is gone.
        auto again = Vault::open(w.path(), kwtest::passphrase());
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    }

    // ---- configuration

    void configPrecedence()
    {
        World w;
        QTemporaryDir dir;
        const QString pass = dir.filePath(QStringLiteral("passphrase"));
        const QString ready = dir.filePath(QStringLiteral("ready"));
        const QString config = dir.filePath(QStringLiteral("keywardend.conf"));
        QVERIFY(writeFile(pass, kwtest::passphrase().view() + '\n'));
        const quint16 p1 = kwtest::freeLoopbackPort();
        quint16 p2 = kwtest::freeLoopbackPort();
        quint16 p3 = kwtest::freeLoopbackPort();
        QVERIFY(p1 && p2 && p3 && p1 != p2 && p2 != p3 && p1 != p3);
        QVERIFY(writeFile(config,
                          QStringLiteral("vault = %1\npassphrase_file = %2\nlisten = 127.0.0.1:%3\nready_file = %4\n")
                              .arg(w.path(), pass)
                              .arg(p1)
                              .arg(ready)
                              .toUtf8()));
        QProcessEnvironment withEnv = cleanEnvironment();
        withEnv.insert(QStringLiteral("KEYWARDEN_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(p2));

        struct Case {
            const char* what;
            QStringList args;
            QProcessEnvironment env;
            quint16 port;
        };
        const QList<Case> cases{
            {"config file only", {QStringLiteral("--config"), config}, cleanEnvironment(), p1},
            {"environment over config file", {QStringLiteral("--config"), config}, withEnv, p2},
            {"command line over environment",
             {QStringLiteral("--config"), config, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(p3)},
             withEnv,
             p3},
        };
        for (const Case& c : cases) {
            QFile::remove(ready);
            Daemon d(dir.path());
            QVERIFY(d.start(c.args, c.env));
            const quint16 port = d.waitReady(ready);
            QVERIFY2(port == c.port, qPrintable(QStringLiteral("%1: bound %2, expected %3\n%4")
                                                    .arg(QLatin1String(c.what))
                                                    .arg(port)
                                                    .arg(c.port)
                                                    .arg(d.log())));
            const auto r = kwtest::httpGet(m_nam, QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(port)));
            QVERIFY2(r.status == 200, r.describe().constData());
            d.signal(SIGTERM);
            QCOMPARE(d.waitExit(), 0);
        }
    }

    void unknownConfigSettingIsExit2()
    {
        World w;
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("keywardend.conf"));
        QVERIFY(
            writeFile(config, QStringLiteral("vault = %1\nlisten_adress = 127.0.0.1:8420\n").arg(w.path()).toUtf8()));
        Daemon d(dir.path());
        QVERIFY(d.start({QStringLiteral("--config"), config}));
        QCOMPARE(d.waitExit(), 2);
        QVERIFY2(d.log().contains(QLatin1String("listen_adress")), qPrintable(d.log()));

        // An unknown command-line option is exit code 2 as well.
        Daemon d2(dir.path());
        QVERIFY(d2.start({QStringLiteral("--vault"), w.path(), QStringLiteral("--colour"), QStringLiteral("red")}));
        QCOMPARE(d2.waitExit(), 2);
        QVERIFY2(d2.log().contains(QLatin1String("--colour")), qPrintable(d2.log()));
    }

    // ---- SIGTERM loses nothing

    void sigtermKeepsEveryAnsweredDecision_data()
    {
        QTest::addColumn<bool>("underLoad");
        QTest::newRow("while traffic flows") << true;
        QTest::newRow("right after the last answer") << false;
    }
    void sigtermKeepsEveryAnsweredDecision()
    {
        QFETCH(bool, underLoad);
        World w;
        QTemporaryDir dir;
        const QString pass = dir.filePath(QStringLiteral("passphrase"));
        const QString ready = dir.filePath(QStringLiteral("ready"));
        QVERIFY(writeFile(pass, kwtest::passphrase().view() + '\n'));
        Daemon d(dir.path());
        QVERIFY(d.start({QStringLiteral("--vault"), w.path(), QStringLiteral("--passphrase-file"), pass,
                         QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--ready-file"),
                         ready}));
        const quint16 port = d.waitReady(ready);
        QVERIFY2(port, qPrintable(d.log()));

        auto request = [&](const QByteArray& body) {
            return "POST /v1/keys/verify HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                   "\r\nAuthorization: Bearer " + w.verifier +
                   "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\n\r\n" + body;
        };
        // Valid, wrong service, valid for another service, malformed key: every decision is a usage event.
        const QList<QByteArray> requests{request(verifyBody(w.validSecret)), request(verifyBody(w.billingSecret)),
                                         request(verifyBody(w.validSecret, "search")),
                                         request(verifyBody("kw_live_nonsense"))};
        const int total = 5000;
        LoadClient load(port, requests, total);
        bool signalled = false;
        load.onAnswer = [&](int answered) {
            if (!signalled && answered >= (underLoad ? total / 2 : total)) {
                signalled = true;
                d.signal(SIGTERM);
            }
        };
        QElapsedTimer t;
        t.start();
        load.run(8, 30'000);
        QVERIFY2(signalled, qPrintable(QStringLiteral("only %1 of %2 answered in %3 ms\n%4")
                                           .arg(load.answered)
                                           .arg(total)
                                           .arg(t.elapsed())
                                           .arg(d.log())));
        QCOMPARE(load.malformedResponses, 0);
        QCOMPARE(load.byStatus.value(200), load.answered);
        QCOMPARE(d.waitExit(), 0);

        auto v = Vault::open(w.path(), kwtest::passphrase());
        QVERIFY2(v.ok(), qPrintable(v.errorMessage()));
        LocalVault backend(std::move(*v), QStringLiteral("test"));
        QSqlQuery q(backend.vault().db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM usage_events")) && q.next());
        const qint64 stored = q.value(0).toLongLong();
        const auto summary =
            backend.usageSummary(UsageScope::All, {}, 0, QDateTime::currentMSecsSinceEpoch() + 3'600'000);
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        const QString counts = QStringLiteral("sent %1, answered %2, usage_events %3, summary requests %4\n%5")
                                   .arg(load.sent)
                                   .arg(load.answered)
                                   .arg(stored)
                                   .arg(summary->totals.requests)
                                   .arg(d.log().right(1500));
        qInfo("%s", qPrintable(counts.section(u'\n', 0, 0)));
        if (underLoad) {
            // Requests in flight at the signal may have been decided without their answer arriving.
            QVERIFY2(stored >= load.answered && stored <= load.sent, qPrintable(counts));
            QVERIFY2(load.answered < total, qPrintable(counts)); // the signal really came mid-traffic
        } else {
            QVERIFY2(stored == load.answered && load.answered == total, qPrintable(counts));
        }
        QCOMPARE(summary->totals.requests, stored);
    }

    // ---- live events

    void liveEvents()
    {
        World w;
        kwtest::ServerProcess server(w.path());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QUrl ws(QStringLiteral("ws://127.0.0.1:%1/v1/events").arg(server.port()));

        // The upgrade is answered with 101 and nothing before it (Qt 6.4 sends whatever the matching route
        // wrote ahead of the handshake); plain HTTP to the stream is a 400.
        {
            QTcpSocket raw;
            raw.connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(raw.waitForConnected(5000));
            raw.write("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            QByteArray response;
            while (!response.contains("\r\n\r\n") && raw.waitForReadyRead(2000))
                response += raw.readAll();
            QVERIFY2(response.startsWith("HTTP/1.1 101 "), response.constData());
            QVERIFY2(response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), response.constData());
            raw.abort();
            const auto r = kwtest::httpGet(m_nam, url(server, QStringLiteral("/v1/events")));
            QVERIFY2(r.status == 400, r.describe().constData());
        }
        QWebSocket socket;
        QList<QJsonObject> messages;
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [&](const QString& m) { messages << QJsonDocument::fromJson(m.toUtf8()).object(); });
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(ws);
        QVERIFY2(connected.wait(5000), qPrintable(socket.errorString()));
        socket.sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{{"token", QString::fromLatin1(w.auditor)}}).toJson(QJsonDocument::Compact)));
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 5000);
        QCOMPARE(messages.first().value("type").toString(), QStringLiteral("hello"));
        QCOMPARE(messages.first().value("operator").toString(), QStringLiteral("auditor"));

        // A revocation through the API is pushed to the stream.
        const QByteArray revoke =
            QJsonDocument(QJsonObject{{"keys", QJsonArray{w.spareId}}, {"cascade", false}, {"reason", "leaked"}})
                .toJson(QJsonDocument::Compact);
        auto r = kwtest::httpPost(m_nam, url(server, QStringLiteral("/v1/revocations")), revoke,
                                  kwtest::bearer(w.responder));
        QVERIFY2(r.status == 200, r.describe().constData());
        auto revokedMessage = [&]() -> QJsonObject {
            for (const QJsonObject& m : messages)
                if (m.value("type").toString() == QLatin1String("keys") &&
                    m.value("change").toString() == QLatin1String("revoked"))
                    return m;
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(!revokedMessage().isEmpty(), 5000);
        QVERIFY2(revokedMessage().value("keyIds").toArray().contains(w.spareId),
                 QJsonDocument(revokedMessage()).toJson().constData());

        // A few verifications show up as a usage message within about two seconds.
        for (int i = 0; i < 3; ++i) {
            r = kwtest::httpPost(m_nam, url(server, QStringLiteral("/v1/keys/verify")), verifyBody(w.validSecret),
                                 kwtest::bearer(w.verifier));
            QVERIFY2(r.status == 200, r.describe().constData());
        }
        auto usageMessage = [&]() -> QJsonObject {
            for (const QJsonObject& m : messages)
                if (m.value("type").toString() == QLatin1String("usage"))
                    return m;
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(!usageMessage().isEmpty(), 2500);
        QCOMPARE(usageMessage().value("requests").toInteger(), 3);
        QCOMPARE(usageMessage().value("byCode").toObject().value("VALID").toInteger(), 3);

        // A verifier may not watch the stream: it is told so and the socket is closed.
        QWebSocket refused;
        QStringList refusedMessages;
        connect(&refused, &QWebSocket::textMessageReceived, this, [&](const QString& m) { refusedMessages << m; });
        QSignalSpy refusedConnected(&refused, &QWebSocket::connected);
        QSignalSpy refusedClosed(&refused, &QWebSocket::disconnected);
        refused.open(ws);
        QVERIFY(refusedConnected.wait(5000));
        refused.sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{{"token", QString::fromLatin1(w.verifier)}}).toJson(QJsonDocument::Compact)));
        QTRY_VERIFY_WITH_TIMEOUT(refusedClosed.size() > 0, 5000);
        QVERIFY(!refusedMessages.join(u'\n').contains(QLatin1String("hello")));
        QCOMPARE(refused.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

        // The authorised stream is unaffected.
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.close();
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
