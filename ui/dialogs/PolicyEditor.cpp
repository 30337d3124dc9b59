#include "dialogs/PolicyEditor.h"

#include "policy/Duration.h"
#include "policy/PermissionSet.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTimeZone>

namespace kw::ui {

namespace {

QString joined(const QStringList& list)
{
    return list.join(QStringLiteral(", "));
}

// Validating one field's rule on its own tells which field a core message is about.
Status validateOnly(const KeyPolicy& partial)
{
    return partial.validate();
}

} // namespace

PolicyEditor::PolicyEditor(Groups groups, QWidget* parent) : QWidget(parent), m_groups(groups)
{
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    if (groups.testFlag(Group::Lifetime)) {
        m_ttl = addLine(QStringLiteral("ttlEdit"), tr("&Lifetime:"), tr("e.g. 90d (empty: inherited)"),
                        tr("How long new keys stay valid: w, d, h, m, s units such as 90d or 1d12h"));
        m_grace = addLine(QStringLiteral("graceEdit"), tr("&Grace period:"), tr("e.g. 7d"),
                          tr("How long a key still works after it expired, flagged as in grace"));
        m_rotateEvery = addLine(QStringLiteral("rotateEveryEdit"), tr("Rotate &every:"), tr("e.g. 30d"),
                                tr("Automatic rotation schedule"));
        m_rotationOverlap = addLine(QStringLiteral("rotationOverlapEdit"), tr("Rotation o&verlap:"), tr("e.g. 24h"),
                                    tr("How long the old key stays valid beside its successor"));
        m_approval = new QComboBox(this);
        m_approval->setObjectName(QStringLiteral("approvalCombo"));
        m_approval->addItem(tr("Inherited"));
        m_approval->addItem(tr("Required"));
        m_approval->addItem(tr("Not required"));
        m_approval->setAccessibleName(tr("Renewal approval"));
        m_approval->setToolTip(tr("Whether renewing a key needs a second person's approval"));
        connect(m_approval, &QComboBox::currentIndexChanged, this, &PolicyEditor::changed);
        auto* label = new QLabel(tr("Renewal &approval:"), this);
        label->setBuddy(m_approval);
        m_form->addRow(label, m_approval);
    }
    if (groups.testFlag(Group::Limits)) {
        m_rateLimits = addLine(QStringLiteral("rateLimitsEdit"), tr("&Rate limits:"), tr("e.g. 100/s, 5000/h"),
                               tr("Requests per second (s), minute (m), hour (h) or day (d); an optional burst "
                                  "after a colon: 100/s:200"));
        m_quota = addLine(QStringLiteral("quotaEdit"), tr("&Quota:"), tr("e.g. 10000/day or 250000/month"),
                          tr("Units of cost per calendar day or month"));
        m_maxUses = addLine(QStringLiteral("maxUsesEdit"), tr("&Maximum uses:"), tr("unlimited"),
                            tr("The key expires after this many uses"));
        m_refill = addLine(QStringLiteral("refillEdit"), tr("Re&fill:"), tr("e.g. 1000/day"),
                           tr("Uses restored at the start of each day or month"));
    }
    if (groups.testFlag(Group::Permissions)) {
        m_permissions =
            addLine(QStringLiteral("permissionsEdit"), tr("&Permissions:"), tr("e.g. billing.read, reports.*"),
                    tr("Dotted permission names; a final * grants a whole subtree"));
    }
    if (groups.testFlag(Group::Restrictions)) {
        m_allowIps = addLine(QStringLiteral("allowIpsEdit"), tr("&Allowed IPs:"), tr("e.g. 10.0.0.0/8, 2001:db8::/32"),
                             tr("Addresses or CIDR ranges the key may be used from; empty: anywhere"));
        m_denyIps = addLine(QStringLiteral("denyIpsEdit"), tr("&Denied IPs:"), tr("e.g. 10.9.0.0/16"),
                            tr("Addresses or CIDR ranges refused even when allowed above"));
        m_hours = addLine(QStringLiteral("hoursEdit"), tr("&Hours:"), tr("e.g. 09:00-17:30"),
                          tr("The time of day the key may be used"));
        m_days = addLine(QStringLiteral("daysEdit"), tr("Da&ys:"), tr("e.g. mon-fri"),
                         tr("The days the key may be used: mon-fri, sat,sun"));
        m_timeZone = addLine(QStringLiteral("timeZoneEdit"), tr("&Time zone:"), tr("UTC"),
                             tr("The IANA time zone of hours, days and quota periods, e.g. Europe/Berlin"));
        QStringList zones;
        for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
            zones << QString::fromLatin1(id);
        auto* completer = new QCompleter(zones, m_timeZone);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        m_timeZone->setCompleter(completer);
    }
}

QLineEdit* PolicyEditor::addLine(const QString& objectName, const QString& label, const QString& placeholder,
                                 const QString& help)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(help);
    edit->setClearButtonEnabled(true);
    QString plain = label;
    plain.remove(u'&');
    if (plain.endsWith(u':'))
        plain.chop(1);
    edit->setAccessibleName(plain);
    edit->setAccessibleDescription(help);
    connect(edit, &QLineEdit::textChanged, this, &PolicyEditor::changed);
    auto* l = new QLabel(label, this);
    l->setBuddy(edit);
    m_form->addRow(l, edit);
    return edit;
}

QStringList PolicyEditor::splitList(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

void PolicyEditor::setPolicy(const KeyPolicy& p)
{
    const auto setDuration = [](QLineEdit* e, const std::optional<qint64>& ms) {
        if (e)
            e->setText(ms ? Duration::format(*ms) : QString());
    };
    setDuration(m_ttl, p.ttlMs);
    setDuration(m_grace, p.graceMs);
    setDuration(m_rotateEvery, p.rotateEveryMs);
    setDuration(m_rotationOverlap, p.rotationOverlapMs);
    if (m_approval)
        m_approval->setCurrentIndex(!p.renewalRequiresApproval ? 0 : *p.renewalRequiresApproval ? 1 : 2);
    if (m_rateLimits) {
        QStringList limits;
        for (const auto& r : p.rateLimits.value_or(QList<RateLimitSpec>()))
            limits << r.toString();
        m_rateLimits->setText(joined(limits));
    }
    if (m_quota)
        m_quota->setText(p.quota ? p.quota->toString() : QString());
    if (m_maxUses)
        m_maxUses->setText(p.maxUses ? QString::number(*p.maxUses) : QString());
    if (m_refill)
        m_refill->setText(p.refill ? p.refill->toString() : QString());
    if (m_permissions)
        m_permissions->setText(joined(p.permissions.value_or(QStringList())));
    if (m_allowIps)
        m_allowIps->setText(joined(p.allowIps.value_or(QStringList())));
    if (m_denyIps)
        m_denyIps->setText(joined(p.denyIps.value_or(QStringList())));
    if (m_hours)
        m_hours->setText(p.hours.value_or(QString()));
    if (m_days)
        m_days->setText(p.days.value_or(QString()));
    if (m_timeZone)
        m_timeZone->setText(p.timeZone.value_or(QString()));
}

Error PolicyEditor::fail(QLineEdit* field, const QString& label, const QString& message)
{
    m_errorField = field ? field->objectName() : QString();
    if (field) {
        field->setFocus(Qt::OtherFocusReason);
        field->selectAll();
    }
    return Error::invalid(tr("%1: %2").arg(label, message));
}

Result<KeyPolicy> PolicyEditor::policy(const KeyPolicy& base)
{
    m_errorField.clear();
    KeyPolicy p = base;
    const auto text = [](QLineEdit* e) { return e->text().trimmed(); };

    const auto duration = [&](QLineEdit* e, const QString& label, std::optional<qint64>& out) -> Status {
        if (!e)
            return {};
        out.reset();
        if (text(e).isEmpty())
            return {};
        auto ms = Duration::parseMs(text(e));
        if (!ms)
            return fail(e, label, ms.errorMessage());
        out = *ms;
        return {};
    };
    if (auto s = duration(m_ttl, tr("Lifetime"), p.ttlMs); !s)
        return s.error();
    if (auto s = duration(m_grace, tr("Grace period"), p.graceMs); !s)
        return s.error();
    if (auto s = duration(m_rotateEvery, tr("Rotate every"), p.rotateEveryMs); !s)
        return s.error();
    if (auto s = duration(m_rotationOverlap, tr("Rotation overlap"), p.rotationOverlapMs); !s)
        return s.error();
    if (m_approval) {
        switch (m_approval->currentIndex()) {
        case 1:
            p.renewalRequiresApproval = true;
            break;
        case 2:
            p.renewalRequiresApproval = false;
            break;
        default:
            p.renewalRequiresApproval.reset();
        }
    }
    if (m_rotationOverlap && p.rotationOverlapMs && p.rotateEveryMs && *p.rotationOverlapMs >= *p.rotateEveryMs)
        return fail(m_rotationOverlap, tr("Rotation overlap"), tr("must be shorter than the rotation interval"));

    if (m_rateLimits) {
        p.rateLimits.reset();
        const QStringList items = splitList(text(m_rateLimits));
        if (!items.isEmpty()) {
            auto limits = RateLimitSpec::parseList(items);
            if (!limits)
                return fail(m_rateLimits, tr("Rate limits"), limits.errorMessage());
            p.rateLimits = *limits;
        }
    }
    const auto quota = [&](QLineEdit* e, const QString& label, std::optional<Quota>& out) -> Status {
        if (!e)
            return {};
        out.reset();
        if (text(e).isEmpty())
            return {};
        auto q = Quota::parse(text(e));
        if (!q)
            return fail(e, label, q.errorMessage());
        out = *q;
        return {};
    };
    if (auto s = quota(m_quota, tr("Quota"), p.quota); !s)
        return s.error();
    if (m_maxUses) {
        p.maxUses.reset();
        if (!text(m_maxUses).isEmpty()) {
            bool ok = false;
            const qint64 n = text(m_maxUses).toLongLong(&ok);
            if (!ok || n <= 0)
                return fail(
                    m_maxUses, tr("Maximum uses"),
                    tr("'%1' is not a positive whole number (leave it empty for unlimited)").arg(text(m_maxUses)));
            p.maxUses = n;
        }
    }
    if (auto s = quota(m_refill, tr("Refill"), p.refill); !s)
        return s.error();

    if (m_permissions) {
        p.permissions.reset();
        const QStringList items = splitList(text(m_permissions));
        for (const QString& item : items)
            if (auto s = PermissionSet::validate(item); !s)
                return fail(m_permissions, tr("Permissions"), s.errorMessage());
        if (!items.isEmpty())
            p.permissions = items;
    }

    if (m_allowIps) {
        const auto list = [&](QLineEdit* e) -> std::optional<QStringList> {
            const QStringList items = splitList(text(e));
            return items.isEmpty() ? std::nullopt : std::optional<QStringList>(items);
        };
        p.allowIps = list(m_allowIps);
        p.denyIps = list(m_denyIps);
        KeyPolicy allowOnly;
        allowOnly.allowIps = p.allowIps;
        if (auto s = validateOnly(allowOnly); !s)
            return fail(m_allowIps, tr("Allowed IPs"), s.errorMessage());
        KeyPolicy denyOnly;
        denyOnly.denyIps = p.denyIps;
        if (auto s = validateOnly(denyOnly); !s)
            return fail(m_denyIps, tr("Denied IPs"), s.errorMessage());

        const auto optional = [&](QLineEdit* e) {
            return text(e).isEmpty() ? std::nullopt : std::optional<QString>(text(e));
        };
        p.hours = optional(m_hours);
        p.days = optional(m_days);
        p.timeZone = optional(m_timeZone);
        KeyPolicy hoursOnly;
        hoursOnly.hours = p.hours;
        if (auto s = validateOnly(hoursOnly); !s)
            return fail(m_hours, tr("Hours"), s.errorMessage());
        KeyPolicy daysOnly;
        daysOnly.days = p.days;
        if (auto s = validateOnly(daysOnly); !s)
            return fail(m_days, tr("Days"), s.errorMessage());
        KeyPolicy zoneOnly;
        zoneOnly.timeZone = p.timeZone;
        if (auto s = validateOnly(zoneOnly); !s)
            return fail(m_timeZone, tr("Time zone"), s.errorMessage());
    }

    // Rules that only fail together (and anything the fields above do not cover).
    if (auto s = p.validate(); !s)
        return fail(nullptr, tr("Policy"), s.errorMessage());
    return p;
}

} // namespace kw::ui
