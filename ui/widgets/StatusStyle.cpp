#include "widgets/StatusStyle.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QString tr(const char* text)
{
    return QCoreApplication::translate("kw::ui::StatusStyle", text);
}

} // namespace

KeyLook StatusStyle::lookOf(const KeyRecord& key, qint64 nowMs, int expiringSoonDays)
{
    switch (key.status) {
    case KeyStatus::Revoked:
        return KeyLook::Revoked;
    case KeyStatus::Suspended:
        return KeyLook::Suspended;
    case KeyStatus::Expired:
        return KeyLook::Expired;
    case KeyStatus::Active:
    case KeyStatus::Rotating:
        break;
    }
    if (key.expiresAt != 0 && nowMs >= key.expiresAt)
        return key.inGrace(nowMs) ? KeyLook::InGrace : KeyLook::Expired;
    if (key.expiresAt != 0 && key.expiresAt - nowMs <= qint64(expiringSoonDays) * kDayMs)
        return KeyLook::ExpiringSoon;
    return key.status == KeyStatus::Rotating ? KeyLook::Rotating : KeyLook::Active;
}

QColor StatusStyle::color(KeyLook look)
{
    // Readable on light and dark backgrounds alike.
    switch (look) {
    case KeyLook::Active:
        return QColor(0x2e, 0xa0, 0x43);
    case KeyLook::Rotating:
        return QColor(0x1f, 0x8f, 0xb8);
    case KeyLook::ExpiringSoon:
        return QColor(0xd2, 0x99, 0x22);
    case KeyLook::InGrace:
        return QColor(0xe0, 0x6c, 0x1f);
    case KeyLook::Expired:
        return QColor(0x9e, 0x3b, 0x3b);
    case KeyLook::Suspended:
        return QColor(0x7d, 0x86, 0x90);
    case KeyLook::Revoked:
        return QColor(0xd7, 0x3a, 0x49);
    }
    return {};
}

QIcon StatusStyle::icon(KeyLook look)
{
    static QHash<int, QIcon> cache;
    auto it = cache.constFind(int(look));
    if (it != cache.constEnd())
        return *it;
    QIcon icon;
    for (int size : {16, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor c = color(look);
        const qreal m = size * 0.18;
        const QRectF r(m, m, size - 2 * m, size - 2 * m);
        p.setPen(QPen(c.darker(130), size / 16.0));
        if (look == KeyLook::Revoked || look == KeyLook::Expired) {
            // A cross on a filled disc: not only colour tells these apart.
            p.setBrush(c);
            p.drawEllipse(r);
            p.setPen(QPen(Qt::white, size / 10.0));
            const qreal k = size * 0.34;
            p.drawLine(QPointF(k, k), QPointF(size - k, size - k));
            p.drawLine(QPointF(size - k, k), QPointF(k, size - k));
        } else if (look == KeyLook::Suspended) {
            p.setBrush(c);
            p.drawEllipse(r);
            p.setPen(QPen(Qt::white, size / 10.0));
            const qreal k = size * 0.38;
            p.drawLine(QPointF(size * 0.42, k), QPointF(size * 0.42, size - k));
            p.drawLine(QPointF(size * 0.58, k), QPointF(size * 0.58, size - k));
        } else if (look == KeyLook::ExpiringSoon || look == KeyLook::InGrace) {
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(r);
            p.setBrush(c);
            p.drawPie(r, 90 * 16, look == KeyLook::InGrace ? 270 * 16 : 180 * 16);
        } else {
            p.setBrush(c);
            p.drawEllipse(r);
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(int(look), icon);
    return icon;
}

QString StatusStyle::text(KeyLook look)
{
    switch (look) {
    case KeyLook::Active:
        return tr("Active");
    case KeyLook::Rotating:
        return tr("Rotating");
    case KeyLook::ExpiringSoon:
        return tr("Expiring soon");
    case KeyLook::InGrace:
        return tr("In grace period");
    case KeyLook::Expired:
        return tr("Expired");
    case KeyLook::Suspended:
        return tr("Suspended");
    case KeyLook::Revoked:
        return tr("Revoked");
    }
    return {};
}

QString StatusStyle::text(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Active:
        return tr("Active");
    case KeyStatus::Suspended:
        return tr("Suspended");
    case KeyStatus::Expired:
        return tr("Expired");
    case KeyStatus::Revoked:
        return tr("Revoked");
    case KeyStatus::Rotating:
        return tr("Rotating");
    }
    return {};
}

} // namespace kw::ui
