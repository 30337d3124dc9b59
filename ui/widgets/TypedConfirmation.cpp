#include "widgets/TypedConfirmation.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace kw::ui {

TypedConfirmation::TypedConfirmation(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("typedConfirmation"));
    m_prompt = new QLabel(this);
    m_prompt->setObjectName(QStringLiteral("confirmationPrompt"));
    m_prompt->setWordWrap(true);
    m_prompt->setTextFormat(Qt::RichText);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("confirmationEdit"));
    m_edit->setAccessibleName(tr("Confirmation text"));
    m_edit->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_prompt->setBuddy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, &TypedConfirmation::recheck);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_prompt);
    layout->addWidget(m_edit);
}

void TypedConfirmation::setExpected(const QString& expected)
{
    m_expected = expected;
    m_prompt->setText(tr("To confirm, &type <b>%1</b>:").arg(expected.toHtmlEscaped()));
    m_edit->setPlaceholderText(expected);
    m_edit->setAccessibleDescription(tr("Type %1 to confirm").arg(expected));
    recheck();
}

void TypedConfirmation::clear()
{
    m_edit->clear();
}

void TypedConfirmation::recheck()
{
    const bool confirmed = !m_expected.isEmpty() && m_edit->text().trimmed() == m_expected;
    if (confirmed == m_confirmed)
        return;
    m_confirmed = confirmed;
    emit confirmedChanged(confirmed);
}

} // namespace kw::ui
