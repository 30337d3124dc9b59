#pragma once

#include "domain/KeyRecord.h"
#include "domain/Lifecycle.h"
#include "util/Result.h"

#include <QDialog>

class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kw::ui {

class MessageLabel;

// Renewal of one key: extend its expiry by N days, with a reason. Shows the new expiry, or that a request
// was filed when the key's policy requires a second person's approval.
class RenewKeyDialog : public QDialog {
    Q_OBJECT
public:
    RenewKeyDialog(const KeyRecord& key, QWidget* parent = nullptr);

    void setBusy(bool busy);
    void showResult(const Result<RenewalOutcome>& outcome);
    // What showResult said, for the command's finished message.
    QString resultText() const { return m_resultText; }

signals:
    void renewRequested(qint64 extendMs, const QString& reason);

protected:
    void done(int result) override;

private:
    void updateButtons();

    KeyRecord m_key;
    bool m_busy = false;
    bool m_finished = false;
    QString m_resultText;
    QSpinBox* m_days = nullptr;
    QLineEdit* m_reason = nullptr;
    MessageLabel* m_message = nullptr;
    QPushButton* m_renew = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace kw::ui
