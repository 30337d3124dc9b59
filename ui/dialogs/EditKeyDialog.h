#pragma once

#include "Backend.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace kw::ui {

class MessageLabel;
class PolicyEditor;

// Edits one key's description (name, owner, tags, services, metadata) and its restrictions (allowed and
// denied IPs, hours, days, time zone). changes() holds only what differs from the key as it was.
class EditKeyDialog : public QDialog {
    Q_OBJECT
public:
    struct Changes {
        KeyUpdate update;
        std::optional<KeyPolicy> policy; // the key's own rules with new restrictions; unset: unchanged
        QString reason;
        bool isEmpty() const { return update.isEmpty() && !policy; }
    };

    EditKeyDialog(const KeyRecord& key, QWidget* parent = nullptr);

    // The edits, or an error naming the field that is wrong (which gets the focus).
    Result<Changes> changes();
    void setBusy(bool busy);
    void showError(const QString& message);

signals:
    void saveRequested();

protected:
    void done(int result) override;

private:
    KeyRecord m_key;
    bool m_busy = false;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_owner = nullptr;
    QLineEdit* m_tags = nullptr;
    QLineEdit* m_services = nullptr;
    QPlainTextEdit* m_metadata = nullptr;
    PolicyEditor* m_restrictions = nullptr;
    QLineEdit* m_reason = nullptr;
    MessageLabel* m_message = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace kw::ui
