#include "revocation/Incident.h"

#include "Backend.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>
#include <QTextDocument>
#include <QTimeZone>

namespace kw::ui {

namespace {
constexpr int kUsageRowsLimit = 200; // requests per key for the first rows only: a 10,000-key cascade stays quick
}

Impact Impact::assess(Backend& backend, const QStringList& keyIds, bool cascade, qint64 nowMs)
{
    Impact impact;
    auto plan = backend.planRevocation(keyIds, cascade);
    if (!plan) {
        impact.error = plan.errorMessage();
        return impact;
    }
    impact.plan = *plan;
    QSet<QString> projects, services;
    for (const RevocationPlan::Entry& e : std::as_const(impact.plan.entries)) {
        Row row{e, 0, 0};
        if (impact.rows.size() < kUsageRowsLimit && !e.alreadyRevoked) {
            if (auto h = backend.usageSummary(UsageScope::Key, e.keyId, nowMs - 3'600'000, nowMs))
                row.lastHour = h->totals.requests;
            if (auto d = backend.usageSummary(UsageScope::Key, e.keyId, nowMs - 86'400'000, nowMs))
                row.lastDay = d->totals.requests;
        }
        impact.rows.append(row);
        if (e.alreadyRevoked)
            continue;
        projects.insert(e.project);
        for (const QString& s : e.services)
            services.insert(e.project + u'/' + s);
    }
    impact.projects = QStringList(projects.begin(), projects.end());
    impact.projects.sort();
    impact.services = QStringList(services.begin(), services.end());
    impact.services.sort();
    const QStringList revokedIds = impact.plan.keyIds();
    const QSet<QString> revoked(revokedIds.begin(), revokedIds.end());
    for (const RevocationPlan::Entry& e : std::as_const(impact.plan.entries)) {
        if (e.relation != QLatin1String("selected") || e.alreadyRevoked)
            continue;
        QList<KeyRecord> usable;
        for (const KeyRecord& b : backend.backupKeysFor(e.keyId).value_or({}))
            if (!revoked.contains(b.id))
                usable.append(b); // a backup revoked in the same cascade cannot take over
        if (!usable.isEmpty())
            impact.backups.insert(e.keyId, usable);
    }
    for (const QString& p : std::as_const(impact.projects)) {
        for (const Contact& c : backend.contacts(p).value_or({}))
            if (c.service.isEmpty() || services.contains(p + u'/' + c.service))
                impact.contacts.append(c);
    }
    return impact;
}

namespace incident {

QString newIncidentId(qint64 nowMs)
{
    return QStringLiteral("INC-") +
           QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

QString toHtml(const IncidentOutcome& o, const QString& location)
{
    auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    auto when = [](qint64 ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                  : QStringLiteral("—");
    };
    QString h;
    h +=
        QStringLiteral("<html><head><meta charset='utf-8'><title>%1</title></head><body>").arg(esc(o.request.incident));
    h += QObject::tr("<h1>Incident %1: emergency revocation</h1>").arg(esc(o.request.incident));
    h += QStringLiteral("<table cellpadding='3'>");
    auto row = [&](const QString& k, const QString& v) {
        h += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(esc(k), esc(v));
    };
    row(QObject::tr("Store"), location);
    row(QObject::tr("Reason"), o.request.reason);
    row(QObject::tr("Started"), when(o.startedAt));
    row(QObject::tr("Revocation acknowledged"), when(o.revokedAt));
    row(QObject::tr("Cascade"),
        o.request.cascade ? QObject::tr("children and dependents included") : QObject::tr("selected keys only"));
    row(QObject::tr("Keys revoked"), QString::number(o.revoked.toRevokeCount()));
    h += QStringLiteral("</table>");
    if (!o.revokeError.isEmpty())
        h += QObject::tr("<p><b>The revocation failed:</b> %1</p>").arg(esc(o.revokeError));

    h += QObject::tr("<h2>Revoked keys</h2>");
    h += QStringLiteral(
             "<table border='1' cellspacing='0' cellpadding='3'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
             .arg(QObject::tr("Key"), QObject::tr("Name"), QObject::tr("Project / environment"), QObject::tr("Why"));
    for (const RevocationPlan::Entry& e : o.revoked.entries)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3/%4</td><td>%5</td></tr>")
                 .arg(esc(e.displayId), esc(e.name), esc(e.project), esc(e.environment),
                      esc(e.alreadyRevoked ? QObject::tr("already revoked") : e.relation));
    h += QStringLiteral("</table>");

    h += QObject::tr("<h2>Service restored with</h2>");
    if (o.activatedBackups.isEmpty() && o.replacements.isEmpty())
        h += QObject::tr("<p>No backup key was activated and no replacement was issued.</p>");
    h += QStringLiteral("<ul>");
    for (const KeyRecord& k : o.activatedBackups)
        h += QObject::tr("<li>backup key %1 (%2) activated</li>").arg(esc(k.displayId), esc(k.name));
    for (const KeyRecord& k : o.replacements)
        h += QObject::tr("<li>replacement %1 (%2) issued in %3/%4 — secret handed over at issue, not recorded</li>")
                 .arg(esc(k.displayId), esc(k.name), esc(k.project), esc(k.environment));
    h += QStringLiteral("</ul>");
    if (!o.failures.isEmpty()) {
        h += QObject::tr("<h2>Steps that failed</h2><ul>");
        for (const QString& f : o.failures)
            h += QStringLiteral("<li>%1</li>").arg(esc(f));
        h += QStringLiteral("</ul>");
    }

    h += QObject::tr("<h2>Notifications</h2>");
    if (o.notifications.isEmpty())
        h += QObject::tr("<p>No emergency contact was notified.</p>");
    h += QStringLiteral("<ul>");
    for (const Notification& n : o.notifications)
        h += QObject::tr("<li>%1 to %2: %3 (%4)</li>")
                 .arg(esc(n.channel), esc(n.recipient), esc(n.subject), esc(n.state));
    h += QStringLiteral("</ul>");

    h += QObject::tr("<h2>Audit trail of the incident</h2>");
    h += QStringLiteral("<table border='1' cellspacing='0' "
                        "cellpadding='3'><tr><th>#</th><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
             .arg(QObject::tr("Time"), QObject::tr("Actor"), QObject::tr("Action"), QObject::tr("Target"));
    for (const AuditEntry& a : o.trail)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                 .arg(a.seq)
                 .arg(esc(when(a.time)), esc(a.actor), esc(a.action), esc(a.target));
    h += QStringLiteral("</table>");
    if (!o.trail.isEmpty())
        h += QObject::tr("<p>Audit chain hash of the last entry: <code>%1</code></p>")
                 .arg(QString::fromLatin1(o.trail.last().hash.toHex()));
    h += QStringLiteral("</body></html>");
    return h;
}

Status writeReport(const IncidentOutcome& outcome, const QString& location, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString html = toHtml(outcome, location);
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(html.toUtf8()) < 0 || !f.commit())
            return Error::io(QObject::tr("Cannot write %1: %2").arg(path, f.errorString()));
        return {};
    }
    if (suffix != QLatin1String("pdf"))
        return Error::invalid(QObject::tr("Unknown report format \"%1\": use .pdf or .html").arg(suffix));
    {
        QPdfWriter pdf(path);
        pdf.setTitle(QObject::tr("Incident %1").arg(outcome.request.incident));
        pdf.setCreator(QStringLiteral("KeyWarden"));
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        QTextDocument doc;
        doc.setHtml(html);
        doc.setPageSize(QSizeF(pdf.width(), pdf.height()));
        doc.print(&pdf);
    }
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return Error::io(QObject::tr("Cannot write %1").arg(path));
    return {};
}

} // namespace incident

} // namespace kw::ui
