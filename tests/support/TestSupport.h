#pragma once

#include "storage/LocalVault.h"
#include "util/Clock.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace kwtest {

// Argon2id settings for tests: the minimum the product accepts, so hundreds of unlocks stay fast.
kw::crypto::KdfParams fastKdf();

kw::SecureBytes passphrase(const char* text = "correct horse battery staple");

// A vault in a fresh temporary folder, opened as a LocalVault over a test clock.
class TempVault {
public:
    TempVault();
    QString dir() const { return m_dir.path(); }
    QString path() const { return m_dir.filePath(QStringLiteral("test.kwvault")); }
    kw::TestClock& clock() { return m_clock; }
    kw::LocalVault& backend() { return *m_backend; }
    kw::Vault& vault() { return m_backend->vault(); }
    bool ok() const { return m_backend != nullptr; }
    // Closes and reopens the file (e.g. after editing it directly with SQL).
    void reopen();
    void close() { m_backend.reset(); }

private:
    QTemporaryDir m_dir;
    kw::TestClock m_clock;
    std::unique_ptr<kw::LocalVault> m_backend;
};

// Runs raw SQL against a vault file outside KeyWarden (to simulate tampering).
bool execRawSql(const QString& path, const QString& statement);

// Path of a program built in this build tree (KW_BUILD_DIR is set by kw_add_test).
QString builtProgram(const QString& relativePath);

} // namespace kwtest
