#include "widgets/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace kw::ui {

namespace {

QPalette& systemPalette()
{
    static QPalette palette = QApplication::palette(); // as the platform gave it, before any change
    return palette;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1e, 0x22, 0x27), base(0x16, 0x1a, 0x1f), text(0xe6, 0xe8, 0xeb), mid(0x3a, 0x40, 0x48);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x20, 0x25, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x36));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x10, 0x12, 0x15));
    p.setColor(QPalette::Light, QColor(0x44, 0x4c, 0x56));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xeb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6e, 0x76, 0x81));
    return p;
}

bool dark(const QPalette& p)
{
    return p.color(QPalette::Window).lightness() < 128;
}

} // namespace

void Theme::apply(ConsoleSettings::Theme theme)
{
    const QPalette system = systemPalette();
    const bool wantDark =
        theme == ConsoleSettings::Theme::Dark || (theme == ConsoleSettings::Theme::System && dark(system));
    // Fusion renders both palettes faithfully on every platform.
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    if (wantDark)
        QApplication::setPalette(darkPalette());
    else if (theme == ConsoleSettings::Theme::Light && dark(system))
        QApplication::setPalette(QApplication::style()->standardPalette());
    else
        QApplication::setPalette(system);
}

bool Theme::isDark()
{
    return dark(QApplication::palette());
}

} // namespace kw::ui
