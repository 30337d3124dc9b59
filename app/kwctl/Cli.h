#pragma once

#include "ArgParser.h"

#include "Backend.h"
#include "util/Clock.h"

#include <QStringList>
#include <QTextStream>

#include <memory>

namespace kw {
class LocalVault;
}

namespace kwctl {

// Exit codes: scripts rely on them.
enum Exit { Ok = 0, Failed = 1, Usage = 2 };

// One kwctl invocation: global options, the opened backend, and the output streams. Tests construct it
// with string-backed streams; main() with stdout/stderr.
class Cli {
public:
    Cli(QTextStream& out, QTextStream& err, const kw::Clock& clock = kw::Clock::system());
    ~Cli();

    int run(const QStringList& arguments); // arguments without the program name

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    const kw::Clock& clock() const { return m_clock; }

    // Opens the backend named by the global options: the local vault (asks for the passphrase if needed)
    // or, with --server, the key server as the operator whose token is given.
    kw::Result<kw::Backend*> backend();
    kw::LocalVault* localVault(); // after backend(): the local vault, or null for a remote server
    QString vaultPath() const { return m_vaultPath; }
    bool isRemote() const { return !m_serverUrl.isEmpty(); }
    QString serverUrl() const { return m_serverUrl; }

    // The passphrase from --passphrase-file, KEYWARDEN_PASSPHRASE or the terminal.
    kw::Result<kw::SecureBytes> passphrase(const QString& prompt, bool confirm = false);

    int usageError(const QString& message, const QString& usage = {});
    int fail(const kw::Error& error);
    int fail(const QString& message);

private:
    int dispatch(const QStringList& words);
    // --token-file, else --token, else KEYWARDEN_TOKEN.
    kw::Result<kw::SecureBytes> operatorToken();

    QTextStream& m_out;
    QTextStream& m_err;
    const kw::Clock& m_clock;
    QString m_vaultPath;
    QString m_passphraseFile;
    QString m_serverUrl;
    QString m_tokenFile;
    kw::SecureBytes m_token; // from --token (visible in ps: documented as such)
    QString m_caFile;
    std::unique_ptr<kw::Backend> m_backend;
};

// Command groups, one file each.
int vaultCommand(Cli& cli, const QStringList& args);
int teamCommand(Cli& cli, const QStringList& args);
int projectCommand(Cli& cli, const QStringList& args);
int envCommand(Cli& cli, const QStringList& args);
int keyCommand(Cli& cli, const QStringList& args);
int auditCommand(Cli& cli, const QStringList& args);
int alertCommand(Cli& cli, const QStringList& args);
int policyCommand(Cli& cli, const QStringList& args);
int roleCommand(Cli& cli, const QStringList& args);
int renewalCommand(Cli& cli, const QStringList& args);
int maintenanceCommand(Cli& cli, const QStringList& args);
int serviceCommand(Cli& cli, const QStringList& args);
int usageCommand(Cli& cli, const QStringList& args);
int operatorCommand(Cli& cli, const QStringList& args);
int contactCommand(Cli& cli, const QStringList& args);
int notificationCommand(Cli& cli, const QStringList& args); // NotifyCommands.cpp
int incidentCommand(Cli& cli, const QStringList& args);
// key subcommands of incident response and the calendar (IncidentCommands.cpp, CalendarCommands.cpp).
int keyScan(Cli& cli, const QStringList& args);
int keyActivateBackup(Cli& cli, const QStringList& args);
int keyBackups(Cli& cli, const QStringList& args);
int keyReplace(Cli& cli, const QStringList& args);
int keyCalendar(Cli& cli, const QStringList& args);
int keyRotations(Cli& cli, const QStringList& args);
int whoamiCommand(Cli& cli, const QStringList& args);
int reportCommand(Cli& cli, const QStringList& args);
int complianceCommand(Cli& cli, const QStringList& args);

// Whether these arguments render a PDF here, which needs Qt's GUI library (main() then starts a QGuiApplication on
// the offscreen platform).
bool needsGui(const QStringList& arguments);

QString usageText();

} // namespace kwctl
