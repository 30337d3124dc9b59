#pragma once

#include <QLabel>

namespace kw::ui {

// The line under a form that says what is wrong (naming the field) or what happened. Errors are coloured
// by meaning and announced to screen readers through the accessible description.
class MessageLabel : public QLabel {
    Q_OBJECT
public:
    explicit MessageLabel(QWidget* parent = nullptr);

    void showError(const QString& text);
    void showInfo(const QString& text);
    void clearMessage();
    bool isError() const { return m_error; }

private:
    void display(const QString& text, bool error);
    bool m_error = false;
};

} // namespace kw::ui
