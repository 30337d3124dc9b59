#include "session/Session.h"

#include "session/LiveFeed.h"

#include "demo/DemoSeeder.h"
#include "remote/RemoteBackend.h"
#include "storage/LocalVault.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <memory>

namespace kw::ui {

namespace {

QString localActor()
{
    QString user = qEnvironmentVariable("KEYWARDEN_ACTOR");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USER");
        if (user.isEmpty())
            user = QStringLiteral("console");
        user = QStringLiteral("local:") + user;
    }
    return user;
}

} // namespace

Session::Session(Kind kind, QString location) : m_kind(kind), m_location(std::move(location)) {}

Session::~Session() = default;

void Session::openLocal(const LocalSpec& spec, SecureBytes passphrase, QObject* context, Opened done)
{
    auto* session = new Session(Kind::LocalVault, QFileInfo(spec.path).absoluteFilePath());
    auto secret = std::make_shared<SecureBytes>(std::move(passphrase));
    const LocalSpec s = spec;
    auto opened = session->m_host.open([s, secret]() -> Result<std::unique_ptr<Backend>> {
        const Clock& clock = s.clock ? *s.clock : Clock::system();
        Vault::CreateOptions options;
        if (s.fastKdf) {
            options.kdf.memoryKiB = crypto::KdfParams::kMinMemoryKiB;
            options.kdf.iterations = 1;
        }
        Result<std::unique_ptr<Vault>> vault = Error::io(QStringLiteral("The vault was not opened"));
        if (s.create && s.seedDemo) {
            // Created, seeded and closed by core; then opened like any vault, over the real clock.
            if (auto made = createDemoVault(s.path, *secret, options, clock.nowMs(), 20261125); !made) {
                secret->wipe();
                return made.error();
            }
            vault = Vault::open(s.path, *secret);
        } else if (s.create) {
            vault = Vault::create(s.path, *secret, options);
        } else {
            vault = Vault::open(s.path, *secret);
        }
        secret->wipe();
        if (!vault)
            return vault.error();
        auto local = std::make_unique<LocalVault>(std::move(*vault), localActor(), clock);
        return std::unique_ptr<Backend>(std::move(local));
    });
    finishOpen(session, opened, context, std::move(done));
}

void Session::connectRemote(const RemoteSpec& spec, SecureBytes token, QObject* context, Opened done)
{
    auto* session = new Session(Kind::RemoteServer, spec.url.toString(QUrl::RemoveUserInfo));
    session->m_serverUrl = spec.url;
    session->m_caFile = spec.caFile;
    session->m_feedToken = token.clone();
    auto secret = std::make_shared<SecureBytes>(std::move(token));
    const RemoteSpec s = spec;
    auto opened = session->m_host.open([s, secret]() -> Result<std::unique_ptr<Backend>> {
        RemoteBackend::Options options;
        options.caFile = s.caFile;
        auto remote = RemoteBackend::create(s.url, std::move(*secret), options);
        if (!remote)
            return remote.error();
        return std::unique_ptr<Backend>(std::move(*remote));
    });
    finishOpen(session, opened, context, std::move(done));
}

void Session::finishOpen(Session* session, QFuture<Status> opened, QObject* context, Opened done)
{
    auto guard = QPointer<QObject>(context);
    opened.then(context, [session, guard, context, done](Status status) {
        if (!guard) {
            delete session;
            return;
        }
        if (!status) {
            delete session;
            done(status.error());
            return;
        }
        // Who we are decides what the console offers; a server that does not know the token says so here.
        session->call(
            context, [](Backend& backend) { return backend.whoami(); },
            [session, done](Result<Operator> me) {
                if (!me) {
                    delete session;
                    done(me.error());
                    return;
                }
                session->m_operator = *me;
                Backend* backend = session->m_host.backend();
                connect(backend, &Backend::keysChanged, session, &Session::keysChanged);
                connect(backend, &Backend::keysRevoked, session, &Session::keysRevoked);
                connect(backend, &Backend::organizationChanged, session, &Session::organizationChanged);
                done(session);
            });
    });
}

LiveFeed* Session::liveFeed()
{
    if (m_kind != Kind::RemoteServer)
        return nullptr;
    if (!m_feed)
        m_feed = new LiveFeed(m_serverUrl, m_feedToken.clone(), m_caFile, this);
    return m_feed;
}

QString Session::roleName(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Verifier:
        return QCoreApplication::translate("kw::ui::Session", "Verifier");
    case OperatorRole::Auditor:
        return QCoreApplication::translate("kw::ui::Session", "Auditor");
    case OperatorRole::Responder:
        return QCoreApplication::translate("kw::ui::Session", "Responder");
    case OperatorRole::Admin:
        return QCoreApplication::translate("kw::ui::Session", "Administrator");
    }
    return {};
}

QString Session::capabilityName(Capability capability)
{
    switch (capability) {
    case Capability::Verify:
        return QCoreApplication::translate("kw::ui::Session", "verify keys");
    case Capability::Read:
        return QCoreApplication::translate("kw::ui::Session", "read keys, usage and the audit trail");
    case Capability::Respond:
        return QCoreApplication::translate("kw::ui::Session", "suspend, resume and revoke keys");
    case Capability::Administer:
        return QCoreApplication::translate("kw::ui::Session", "issue keys and change policies");
    }
    return {};
}

QString Session::deniedReason(Capability capability) const
{
    if (can(capability))
        return {};
    return tr("Your role (%1) may not %2.").arg(roleName(m_operator.role), capabilityName(capability));
}

} // namespace kw::ui
