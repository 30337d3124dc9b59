#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kw::ui {

class Session;

// Creates a new encrypted vault file: where, and a passphrase typed twice.
class CreateVaultDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateVaultDialog(const QString& suggestedPath, QWidget* parent = nullptr);
    void setFastKdfForTests(bool fast) { m_fastKdf = fast; }

    static constexpr int kMinimumLength = 8;
    static constexpr int kRecommendedLength = 14;

signals:
    void created(kw::ui::Session* session); // the receiver owns it

private:
    void validate();
    void create();

    QLineEdit* m_path;
    QLineEdit* m_passphrase;
    QLineEdit* m_confirm;
    QLabel* m_hint;
    QLabel* m_error;
    QPushButton* m_create;
    bool m_busy = false;
    bool m_fastKdf = false;
};

} // namespace kw::ui
