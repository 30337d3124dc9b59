#include "session/ExpiryNotifier.h"

#include "Backend.h"
#include "commands/BulkKeyCommand.h"
#include "session/ConsoleSettings.h"
#include "session/Session.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSettings>

namespace kw::ui {

namespace {
constexpr int kCheckIntervalMs = 3'600'000;
constexpr int kKeysPerThreshold = 1000;
constexpr qint64 kDayMs = 86'400'000;
} // namespace

ExpiryNotifier::ExpiryNotifier(QObject* parent) : QObject(parent)
{
    m_timer.setInterval(kCheckIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ExpiryNotifier::check);
}

void ExpiryNotifier::setSession(Session* session)
{
    m_session = session;
    ++m_token;
    if (session) {
        m_timer.start();
        check();
    } else {
        m_timer.stop();
    }
}

QString ExpiryNotifier::settingsGroup() const
{
    // One group per store; the location is hashed so a path never becomes a settings key.
    const QByteArray id = QCryptographicHash::hash(m_session->location().toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("expiryNotices/") + QString::fromLatin1(id.toHex().left(16));
}

void ExpiryNotifier::check()
{
    const QList<int> thresholds = ConsoleSettings::expiryWarningDays(); // largest first
    if (!m_session || thresholds.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int widest = thresholds.first();
    const quint64 token = m_token;
    m_session->call(
        this,
        [now, widest](Backend& b) {
            KeyFilter f;
            f.status = KeyStatus::Active;
            f.expiresBeforeMs = now + qint64(widest) * kDayMs;
            f.limit = kKeysPerThreshold;
            return b.keys(f);
        },
        [this, token, now, thresholds](Result<QList<KeyRecord>> keys) {
            if (token != m_token || !m_session)
                return;
            ++m_checks;
            if (!keys)
                return;
            QSettings settings;
            settings.beginGroup(settingsGroup());
            QStringList ids, names;
            int tightest = thresholds.first();
            for (const KeyRecord& k : *keys) {
                if (k.expiresAt <= now || k.tags.contains(BulkKeyCommand::letExpireTag()))
                    continue;
                // The smallest threshold the key is inside of, e.g. 7 when it expires in 5 days.
                int crossed = 0;
                for (int t : thresholds)
                    if (k.expiresAt - now <= qint64(t) * kDayMs)
                        crossed = t;
                if (crossed == 0)
                    continue;
                const int announced = settings.value(k.id, 0).toInt();
                if (announced != 0 && announced <= crossed)
                    continue; // this threshold (or a tighter one) was already announced
                settings.setValue(k.id, crossed);
                ids.append(k.id);
                names.append(QStringLiteral("%1 (%2)").arg(k.name, k.displayId));
                tightest = std::min(tightest, crossed);
            }
            settings.endGroup();
            if (ids.isEmpty())
                return;
            const QString title = tr("%n key(s) expire soon", nullptr, int(ids.size()));
            QString message = tr("Within %n day(s): ", nullptr, tightest) + names.mid(0, 5).join(u", ");
            if (names.size() > 5)
                message += tr(" and %n more", nullptr, int(names.size() - 5));
            emit notice(title, message, ids);
        });
}

} // namespace kw::ui
