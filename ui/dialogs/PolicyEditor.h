#pragma once

#include "policy/KeyPolicy.h"

#include <QFlags>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLineEdit;

namespace kw::ui {

// The rules of a policy as form fields, in groups a dialog picks: the create-key wizard shows limits,
// permissions and restrictions on separate pages, the template editor all of them, the key editor the
// restrictions. An empty field means "not set here" (inherited). Every rule is parsed by core's own
// parsers; an error names the field (its label) and puts the focus on it.
class PolicyEditor : public QWidget {
    Q_OBJECT
public:
    enum class Group {
        Lifetime = 0x1,    // time to live, grace, rotation schedule and overlap, renewal approval
        Limits = 0x2,      // rate limits, quota, maximum uses, refill
        Permissions = 0x4, // free permissions
        Restrictions = 0x8 // allowed / denied IPs, hours, days, time zone
    };
    Q_DECLARE_FLAGS(Groups, Group)

    explicit PolicyEditor(Groups groups, QWidget* parent = nullptr);

    Groups groups() const { return m_groups; }
    // Shows the rules of this editor's groups.
    void setPolicy(const KeyPolicy& policy);
    // `base` with the rules of this editor's groups replaced by the fields (empty fields unset them). On a
    // malformed field: an error "<field>: <what is wrong>", and the field gets the focus.
    Result<KeyPolicy> policy(const KeyPolicy& base = {});
    // The object name of the field the last error was about; empty when the last policy() succeeded.
    QString errorField() const { return m_errorField; }

    QFormLayout* form() const { return m_form; }

    // "a, b c\nd" → {a, b, c, d}: lists typed into one line.
    static QStringList splitList(const QString& text);

signals:
    void changed();

private:
    QLineEdit* addLine(const QString& objectName, const QString& label, const QString& placeholder,
                       const QString& help);
    Error fail(QLineEdit* field, const QString& label, const QString& message);

    Groups m_groups;
    QFormLayout* m_form = nullptr;
    QString m_errorField;

    QLineEdit* m_ttl = nullptr;
    QLineEdit* m_grace = nullptr;
    QLineEdit* m_rotateEvery = nullptr;
    QLineEdit* m_rotationOverlap = nullptr;
    QComboBox* m_approval = nullptr;
    QLineEdit* m_rateLimits = nullptr;
    QLineEdit* m_quota = nullptr;
    QLineEdit* m_maxUses = nullptr;
    QLineEdit* m_refill = nullptr;
    QLineEdit* m_permissions = nullptr;
    QLineEdit* m_allowIps = nullptr;
    QLineEdit* m_denyIps = nullptr;
    QLineEdit* m_hours = nullptr;
    QLineEdit* m_days = nullptr;
    QLineEdit* m_timeZone = nullptr;
};

} // namespace kw::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(kw::ui::PolicyEditor::Groups)
