#pragma once

#include "domain/KeyRecord.h"
#include "util/SecureBytes.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace kw::ui {

// The dialog of a bulk key action: the keys it will touch, the parameters (days to extend for a renewal),
// a required reason, then progress with Cancel and the result per key. New secrets (bulk rotation) are
// listed once, copyable, and wiped when the dialog closes.
class BulkActionDialog : public QDialog {
    Q_OBJECT
public:
    BulkActionDialog(const QString& title, const QString& explanation, const QList<KeyRecord>& keys, bool askDays,
                     QWidget* parent = nullptr);
    ~BulkActionDialog() override;

    void setRunning(int total);
    void setProgress(int done, int total, const QString& current);
    void setKeyResult(int index, bool ok, const QString& message);
    void addSecret(const QString& displayId, SecureBytes secret);
    void setFinished(const QString& summary);

signals:
    void runRequested(qint64 extendMs, const QString& reason);
    void cancelRequested();

protected:
    void reject() override;

private:
    void wipeSecrets();

    QTreeWidget* m_keys;
    QSpinBox* m_days = nullptr;
    QLineEdit* m_reason;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPlainTextEdit* m_secrets;
    QPushButton* m_copy;
    QPushButton* m_run;
    QPushButton* m_close;
    bool m_running = false;
    std::vector<SecureBytes> m_secretValues;
    std::vector<QString> m_secretIds;
};

} // namespace kw::ui
