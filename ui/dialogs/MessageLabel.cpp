#include "dialogs/MessageLabel.h"

#include "widgets/StatusStyle.h"

namespace kw::ui {

MessageLabel::MessageLabel(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void MessageLabel::showError(const QString& text)
{
    display(text, true);
}

void MessageLabel::showInfo(const QString& text)
{
    display(text, false);
}

void MessageLabel::clearMessage()
{
    display({}, false);
}

void MessageLabel::display(const QString& text, bool error)
{
    m_error = error && !text.isEmpty();
    // Only the text colour is set, so the rest follows the system's light or dark theme.
    QPalette pal;
    if (m_error)
        pal.setColor(QPalette::WindowText, StatusStyle::color(KeyLook::Revoked));
    setPalette(pal);
    setText(text);
    setAccessibleDescription(text);
    setVisible(!text.isEmpty());
}

} // namespace kw::ui
