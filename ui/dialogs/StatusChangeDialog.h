#pragma once

#include "domain/KeyRecord.h"

#include <QDialog>

class QLineEdit;
class QProgressBar;
class QPushButton;

namespace kw::ui {

class MessageLabel;

// Suspends or resumes keys: lists them, asks for the reason (required, audited), shows progress, and
// closes itself once every key changed. An error stays on the dialog.
class StatusChangeDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Suspend, Resume };

    StatusChangeDialog(Mode mode, const QList<KeyRecord>& keys, QWidget* parent = nullptr);

    void setProgress(int done, int total);
    void showError(const QString& message);

signals:
    void changeRequested(const QString& reason);

protected:
    void done(int result) override;

private:
    void updateButtons();

    bool m_busy = false;
    QLineEdit* m_reason = nullptr;
    QProgressBar* m_progress = nullptr;
    MessageLabel* m_message = nullptr;
    QPushButton* m_confirm = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace kw::ui
