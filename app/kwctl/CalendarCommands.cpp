// The expiration calendar and the schedule of automatic rotations.
#include "Cli.h"
#include "Output.h"

#include "policy/Duration.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace kwctl {

namespace {

constexpr qint64 kDayMs = 86'400'000;

// --utc-offset +02:00 / -05:30 / 0, in seconds east of UTC.
std::optional<int> parseOffset(const QString& text)
{
    if (text == QLatin1String("0") || text.isEmpty())
        return 0;
    static const QRegularExpression re(QStringLiteral(R"(^([+-])(\d{1,2})(?::(\d{2}))?$)"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int hours = m.captured(2).toInt();
    const int minutes = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    const int seconds = hours * 3600 + minutes * 60;
    return m.captured(1) == QLatin1String("-") ? -seconds : seconds;
}

// The scope options shared with key list, and the range: --from DATE (default: today) and --to DATE or --days N
// (default 30).
struct CalendarArgs {
    kw::KeyFilter scope;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int offsetSeconds = 0;
};

bool parseCalendarArgs(Cli& cli, const Args& a, CalendarArgs& out, QString& error)
{
    out.scope.team = a.value("team");
    out.scope.project = a.value("project");
    out.scope.environment = a.value("env");
    out.scope.service = a.value("service");
    out.scope.owner = a.value("owner");
    out.scope.tag = a.value("tag");
    const auto offset = parseOffset(a.value("utc-offset"));
    if (!offset) {
        error = QStringLiteral("--utc-offset must look like +02:00, -05:30 or 0");
        return false;
    }
    out.offsetSeconds = *offset;
    const qint64 now = cli.clock().nowMs();
    const qint64 offsetMs = qint64(*offset) * 1000;
    // Local midnight of today, as UTC ms.
    const qint64 today = (now + offsetMs) / kDayMs * kDayMs - offsetMs;
    out.fromMs = today;
    if (a.has("from")) {
        out.fromMs = parseTimeArg(a.value("from"));
        if (out.fromMs < 0) {
            error = QStringLiteral("--from must be a date (2026-03-01) or an ISO 8601 time");
            return false;
        }
        if (a.value("from").trimmed().size() == 10)
            out.fromMs -= offsetMs; // a date means local midnight
    }
    if (a.has("to") && a.has("days")) {
        error = QStringLiteral("give --to or --days, not both");
        return false;
    }
    bool ok = true;
    const int days = a.value("days", QStringLiteral("30")).toInt(&ok);
    if (!ok || days <= 0 || days > 3660) {
        error = QStringLiteral("--days must be a number from 1 to 3660");
        return false;
    }
    out.toMs = out.fromMs + qint64(days) * kDayMs;
    if (a.has("to")) {
        out.toMs = parseTimeArg(a.value("to"));
        if (out.toMs < 0) {
            error = QStringLiteral("--to must be a date (2026-03-31) or an ISO 8601 time");
            return false;
        }
        if (a.value("to").trimmed().size() == 10)
            out.toMs -= offsetMs;
    }
    if (out.toMs <= out.fromMs) {
        error = QStringLiteral("the range ends before it starts");
        return false;
    }
    return true;
}

const QString kScopeUsage = QStringLiteral("[--team T] [--project P] [--env ENV] [--service S] [--owner O] [--tag T] "
                                           "[--from DATE] [--to DATE | --days N] [--utc-offset +HH:MM] [--json]");

Args::Spec calendarSpec(const QString& usage)
{
    return Args::Spec{
        {"json"}, {"team", "project", "env", "service", "owner", "tag", "from", "to", "days", "utc-offset"}, {}, 0, 0,
        usage};
}

} // namespace

int keyCalendar(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec = calendarSpec(QStringLiteral("kwctl key calendar ") + kScopeUsage);
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    CalendarArgs c;
    QString error;
    if (!parseCalendarArgs(cli, a, c, error))
        return cli.usageError(error, spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto days = (*b)->expiryCalendar(c.scope, c.fromMs, c.toMs, c.offsetSeconds);
    if (!days)
        return cli.fail(days.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& d : *days)
            arr.append(d.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    const QTimeZone zone = QTimeZone(c.offsetSeconds);
    for (const auto& d : *days)
        rows << QStringList{QDateTime::fromMSecsSinceEpoch(d.dayStartMs, zone).date().toString(Qt::ISODate),
                            QString::number(d.expiring), QString::number(d.inGrace), QString::number(d.rotations)};
    printTable(cli.out(), {"DAY", "EXPIRING", "IN GRACE", "ROTATIONS"}, rows);
    return Ok;
}

int keyRotations(Cli& cli, const QStringList& argv)
{
    Args a;
    Args::Spec spec =
        calendarSpec(QStringLiteral("kwctl key rotations ") + kScopeUsage + QStringLiteral(" [--limit N]"));
    spec.values.insert(QStringLiteral("limit"));
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    CalendarArgs c;
    QString error;
    if (!parseCalendarArgs(cli, a, c, error))
        return cli.usageError(error, spec.usage);
    if (a.has("limit")) {
        bool ok = false;
        c.scope.limit = a.value("limit").toInt(&ok);
        if (!ok || c.scope.limit <= 0)
            return cli.usageError(QStringLiteral("--limit must be a positive number"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto due = (*b)->scheduledRotations(c.scope, c.fromMs, c.toMs);
    if (!due)
        return cli.fail(due.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& r : *due)
            arr.append(r.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& r : *due)
        rows << QStringList{formatTime(r.dueAt),
                            r.keyId,
                            r.displayId,
                            r.name,
                            r.project + u'/' + r.environment,
                            r.owner.isEmpty() ? QStringLiteral("-") : r.owner};
    printTable(cli.out(), {"DUE", "ID", "DISPLAY ID", "NAME", "PROJECT/ENV", "OWNER"}, rows);
    return Ok;
}

} // namespace kwctl
