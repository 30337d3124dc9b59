#pragma once

#include "domain/KeyRecord.h"
#include "util/SecureBytes.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace kw::ui {

class MessageLabel;
class SecretView;

// Rotation of one key: first the overlap (how long the old key stays valid beside its successor), then
// the successor's secret, shown once. Closing wipes the secret; before it is acknowledged, only a forced
// close (session locked) can close the dialog.
class RotateKeyDialog : public QDialog {
    Q_OBJECT
public:
    RotateKeyDialog(const KeyRecord& key, QWidget* parent = nullptr);
    ~RotateKeyDialog() override;

    void setDefaultOverlap(qint64 overlapMs, const QString& source);
    void setBusy(bool busy);
    void showError(const QString& message);
    void showSecret(const KeyRecord& successor, SecureBytes secret);
    void forceClose();

signals:
    void rotateRequested(qint64 overlapMs);

protected:
    void done(int result) override;

private:
    KeyRecord m_key;
    bool m_busy = false;
    bool m_forced = false;
    QStackedWidget* m_pages = nullptr;
    QSpinBox* m_overlap = nullptr;
    QLabel* m_overlapSource = nullptr;
    MessageLabel* m_message = nullptr;
    QLabel* m_successor = nullptr;
    SecretView* m_secret = nullptr;
    QPushButton* m_rotate = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace kw::ui
