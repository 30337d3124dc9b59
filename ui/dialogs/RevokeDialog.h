#pragma once

#include "domain/KeyRecord.h"
#include "domain/Revocation.h"
#include "util/Result.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace kw::ui {

class MessageLabel;
class TypedConfirmation;

// Says exactly what a revocation will do before it happens: the selected keys, and with "cascade" their
// children and dependents, as planned by the backend. Revoke stays disabled until the plan is known, a
// reason is given and the confirmation is typed: the key's display id when one key is hit, "REVOKE n"
// when n keys are. Then it shows progress and what was revoked. The owning command does the backend work.
class RevokeDialog : public QDialog {
    Q_OBJECT
public:
    RevokeDialog(const QList<KeyRecord>& keys, QWidget* parent = nullptr);

    bool cascade() const;
    // The plan for `cascade` (ignored when the checkbox has changed since it was asked for).
    void setPlan(bool cascade, const Result<RevocationPlan>& plan);
    void setRevoking(int count);
    void showResult(const Result<RevocationPlan>& result);
    QString expectedConfirmation() const;

signals:
    void planRequested(bool cascade);
    void revokeRequested(bool cascade, const QString& reason, const QString& incident);

protected:
    void done(int result) override;

private:
    void updateButtons();
    void fillPlan(const RevocationPlan& plan, bool executed);

    QList<KeyRecord> m_keys;
    bool m_planned = false;
    bool m_busy = false;
    bool m_finished = false;
    int m_toRevoke = 0;
    QTreeWidget* m_list = nullptr;
    QCheckBox* m_cascade = nullptr;
    QLabel* m_planLabel = nullptr;
    QTreeWidget* m_plan = nullptr;
    QLineEdit* m_reason = nullptr;
    QLineEdit* m_incident = nullptr;
    TypedConfirmation* m_confirm = nullptr;
    QProgressBar* m_progress = nullptr;
    MessageLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_revoke = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace kw::ui
