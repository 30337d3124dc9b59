#pragma once

#include "session/ConsoleSettings.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace kw::ui {

// What the console shows before anything is open: recent vaults and servers, and the ways to begin.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    void refresh(); // re-reads the recent places

signals:
    void openRecent(const kw::ui::RecentPlace& place);
    void createVault();
    void openVault();
    void connectServer();
    void openDemo();

private:
    QListWidget* m_recent;
};

} // namespace kw::ui
