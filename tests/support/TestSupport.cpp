#include "TestSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

namespace kwtest {

kw::crypto::KdfParams fastKdf()
{
    kw::crypto::KdfParams p;
    p.memoryKiB = kw::crypto::KdfParams::kMinMemoryKiB;
    p.iterations = 1;
    return p;
}

kw::SecureBytes passphrase(const char* text)
{
    return kw::SecureBytes(text, std::strlen(text));
}

TempVault::TempVault()
{
    auto v = kw::Vault::create(path(), passphrase(), {fastKdf()});
    if (!v) {
        qWarning("TempVault: %s", qPrintable(v.errorMessage()));
        return;
    }
    m_backend = std::make_unique<kw::LocalVault>(std::move(*v), QStringLiteral("test:admin"), m_clock);
}

void TempVault::reopen()
{
    m_backend.reset();
    auto v = kw::Vault::open(path(), passphrase());
    if (!v) {
        qWarning("TempVault::reopen: %s", qPrintable(v.errorMessage()));
        return;
    }
    m_backend = std::make_unique<kw::LocalVault>(std::move(*v), QStringLiteral("test:admin"), m_clock);
}

bool execRawSql(const QString& path, const QString& statement)
{
    const QString name = QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(statement);
            if (!ok)
                qWarning("execRawSql: %s", qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString builtProgram(const QString& relativePath)
{
    return qEnvironmentVariable("KW_BUILD_DIR") + u'/' + relativePath;
}

} // namespace kwtest
