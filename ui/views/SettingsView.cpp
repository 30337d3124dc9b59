#include "views/SettingsView.h"

#include "session/ConsoleSettings.h"
#include "session/Session.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kw::ui {

SettingsView::SettingsView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("settingsView"));
    m_autoLock = new QSpinBox;
    m_autoLock->setObjectName(QStringLiteral("settingAutoLock"));
    m_autoLock->setAccessibleName(tr("Lock after minutes of inactivity"));
    m_autoLock->setRange(0, 24 * 60);
    m_autoLock->setSpecialValueText(tr("Never"));
    m_autoLock->setSuffix(tr(" min"));
    m_autoLock->setValue(ConsoleSettings::autoLockMinutes());
    connect(m_autoLock, &QSpinBox::valueChanged, this, [this](int v) {
        ConsoleSettings::setAutoLockMinutes(v);
        emit autoLockChanged(v);
    });

    m_clipboard = new QSpinBox;
    m_clipboard->setObjectName(QStringLiteral("settingClipboard"));
    m_clipboard->setAccessibleName(tr("Clear copied secrets after seconds"));
    m_clipboard->setRange(5, 600);
    m_clipboard->setSuffix(tr(" s"));
    m_clipboard->setValue(ConsoleSettings::clipboardClearSeconds());
    connect(m_clipboard, &QSpinBox::valueChanged, this, [](int v) { ConsoleSettings::setClipboardClearSeconds(v); });

    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("settingTheme"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), int(ConsoleSettings::Theme::System));
    m_theme->addItem(tr("Light"), int(ConsoleSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(ConsoleSettings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(ConsoleSettings::theme())));
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        ConsoleSettings::setTheme(ConsoleSettings::Theme(m_theme->currentData().toInt()));
        emit themeChanged();
    });

    m_expiringSoon = new QSpinBox;
    m_expiringSoon->setObjectName(QStringLiteral("settingExpiringSoon"));
    m_expiringSoon->setAccessibleName(tr("Days before expiry a key counts as expiring soon"));
    m_expiringSoon->setRange(1, 365);
    m_expiringSoon->setSuffix(tr(" days"));
    m_expiringSoon->setValue(ConsoleSettings::expiringSoonDays());
    connect(m_expiringSoon, &QSpinBox::valueChanged, this, [this](int v) {
        ConsoleSettings::setExpiringSoonDays(v);
        emit expiringSoonChanged(v);
    });

    auto* security = new QGroupBox(tr("Security"));
    auto* securityForm = new QFormLayout(security);
    securityForm->addRow(tr("&Lock after inactivity:"), m_autoLock);
    securityForm->addRow(tr("Clear copied &secrets after:"), m_clipboard);
    auto* appearance = new QGroupBox(tr("Appearance"));
    auto* appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("&Theme:"), m_theme);
    appearanceForm->addRow(tr("&Expiring soon means within:"), m_expiringSoon);
    m_warnDays = new QLineEdit;
    m_warnDays->setObjectName(QStringLiteral("settingExpiryWarnings"));
    m_warnDays->setAccessibleName(tr("Days before expiry to warn, separated by commas"));
    m_warnDays->setToolTip(tr("The console warns once per key at each of these days before it expires; empty: never"));
    m_warnDays->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9, ]*")), m_warnDays));
    {
        QStringList days;
        for (int d : ConsoleSettings::expiryWarningDays())
            days.append(QString::number(d));
        m_warnDays->setText(days.join(QStringLiteral(", ")));
    }
    connect(m_warnDays, &QLineEdit::editingFinished, this, [this] {
        QList<int> days;
        for (const QString& part : m_warnDays->text().split(u',', Qt::SkipEmptyParts))
            if (const int d = part.trimmed().toInt(); d > 0)
                days.append(d);
        ConsoleSettings::setExpiryWarningDays(days);
    });
    appearanceForm->addRow(tr("&Warn before expiry (days):"), m_warnDays);
    auto* connection = new QGroupBox(tr("Connection"));
    auto* connectionLayout = new QVBoxLayout(connection);
    m_connection = new QLabel;
    m_connection->setObjectName(QStringLiteral("settingConnection"));
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connection->setWordWrap(true);
    connectionLayout->addWidget(m_connection);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(security);
    layout->addWidget(appearance);
    layout->addWidget(connection);
    layout->addStretch();
}

void SettingsView::setSession(Session* session)
{
    m_session = session;
    if (!session) {
        m_connection->setText(tr("Nothing is open."));
        return;
    }
    m_connection->setText(tr("%1: %2\nActing as %3, role %4.")
                              .arg(session->isRemote() ? tr("Key server") : tr("Local vault"), session->location(),
                                   session->op().name, Session::roleName(session->op().role)));
}

} // namespace kw::ui
