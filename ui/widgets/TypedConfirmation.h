#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace kw::ui {

// "Type REVOKE 3 to confirm": destructive actions stay disabled until the user has typed the expected text
// exactly (surrounding blanks ignored). Pasting is allowed; the point is reading what will happen.
class TypedConfirmation : public QWidget {
    Q_OBJECT
public:
    explicit TypedConfirmation(QWidget* parent = nullptr);

    void setExpected(const QString& expected);
    QString expected() const { return m_expected; }
    bool isConfirmed() const { return m_confirmed; }
    void clear();
    QLineEdit* edit() const { return m_edit; }

signals:
    void confirmedChanged(bool confirmed);

private:
    void recheck();

    QString m_expected;
    bool m_confirmed = false;
    QLabel* m_prompt = nullptr;
    QLineEdit* m_edit = nullptr;
};

} // namespace kw::ui
