#include "views/StartPage.h"

#include <QApplication>
#include <QFileInfo>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace kw::ui {

StartPage::StartPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("startPage"));
    auto* logo = new QLabel;
    logo->setPixmap(QIcon(QStringLiteral(":/icons/keywarden.svg")).pixmap(72, 72));
    auto* title = new QLabel(tr("<h1>KeyWarden</h1>"));
    auto* subtitle = new QLabel(tr("API keys: issued with policies, watched in use, revoked in seconds."));
    subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto button = [this](const QString& text, const QString& name, QStyle::StandardPixmap icon, const QString& help) {
        auto* b = new QPushButton(style()->standardIcon(icon), text);
        b->setObjectName(name);
        b->setAccessibleName(text);
        b->setToolTip(help);
        b->setMinimumHeight(40);
        b->setStyleSheet(QStringLiteral("text-align: left; padding-left: 12px;"));
        return b;
    };
    auto* create = button(tr("&Create a vault…"), QStringLiteral("startCreateVault"), QStyle::SP_FileDialogNewFolder,
                          tr("A new encrypted vault file on this computer"));
    auto* open = button(tr("&Open a vault…"), QStringLiteral("startOpenVault"), QStyle::SP_DialogOpenButton,
                        tr("Unlock an existing vault file"));
    auto* server = button(tr("Connect to a &server…"), QStringLiteral("startConnect"), QStyle::SP_DriveNetIcon,
                          tr("Manage the keys of a KeyWarden key server as an operator"));
    auto* demo = button(tr("Open the &demo"), QStringLiteral("startDemo"), QStyle::SP_MediaPlay,
                        tr("A vault with a realistic organisation, keys and 90 days of usage, to explore safely"));
    connect(create, &QPushButton::clicked, this, &StartPage::createVault);
    connect(open, &QPushButton::clicked, this, &StartPage::openVault);
    connect(server, &QPushButton::clicked, this, &StartPage::connectServer);
    connect(demo, &QPushButton::clicked, this, &StartPage::openDemo);

    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("recentPlaces"));
    m_recent->setAccessibleName(tr("Recent vaults and servers"));
    m_recent->setMinimumWidth(420);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        RecentPlace p;
        p.kind = RecentPlace::Kind(item->data(Qt::UserRole).toInt());
        p.location = item->data(Qt::UserRole + 1).toString();
        emit openRecent(p);
    });

    auto* actions = new QVBoxLayout;
    actions->addWidget(create);
    actions->addWidget(open);
    actions->addWidget(server);
    actions->addWidget(demo);
    actions->addStretch();
    auto* recentBox = new QVBoxLayout;
    recentBox->addWidget(new QLabel(tr("<b>Recent</b>")));
    recentBox->addWidget(m_recent);

    auto* header = new QHBoxLayout;
    header->addWidget(logo);
    auto* titles = new QVBoxLayout;
    titles->addWidget(title);
    titles->addWidget(subtitle);
    header->addLayout(titles);
    header->addStretch();

    auto* body = new QHBoxLayout;
    body->addLayout(actions, 1);
    body->addSpacing(24);
    body->addLayout(recentBox, 2);

    auto* column = new QVBoxLayout;
    column->addLayout(header);
    column->addSpacing(16);
    column->addLayout(body, 1);
    auto* frame = new QWidget;
    frame->setLayout(column);
    frame->setMaximumWidth(900);
    auto* outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addWidget(frame, 4);
    outer->addStretch();
    refresh();
}

void StartPage::refresh()
{
    m_recent->clear();
    for (const RecentPlace& p : ConsoleSettings::recentPlaces()) {
        const bool server = p.kind == RecentPlace::Kind::Server;
        auto* item = new QListWidgetItem(
            style()->standardIcon(server ? QStyle::SP_DriveNetIcon : QStyle::SP_FileIcon),
            server ? p.location
                   : tr("%1 — %2").arg(QFileInfo(p.location).fileName(), QFileInfo(p.location).absolutePath()));
        item->setData(Qt::UserRole, int(p.kind));
        item->setData(Qt::UserRole + 1, p.location);
        item->setToolTip(p.location);
        m_recent->addItem(item);
    }
    if (m_recent->count() == 0) {
        auto* none = new QListWidgetItem(tr("Nothing opened yet."));
        none->setFlags(Qt::NoItemFlags);
        m_recent->addItem(none);
    } else {
        m_recent->setCurrentRow(0);
    }
}

} // namespace kw::ui
