// TEMPORARY while the core-api branch lands (removed by its merge): lets the console build meanwhile.
#include "demo/DemoSeeder.h"
#include "remote/RemoteBackend.h"
#include "storage/LocalVault.h"

namespace kw {
namespace {
Error pending() { return Error{Error::Code::Internal, QStringLiteral("not implemented on this branch yet")}; }
} // namespace

Result<Service> LocalVault::createService(const QString&, const QString&) { return pending(); }
Result<QList<Service>> LocalVault::services(const QString&) { return pending(); }
Result<qint64> LocalVault::countKeys(const KeyFilter&) { return pending(); }
Result<QList<KeyCount>> LocalVault::keyCounts(const KeyFilter&, KeyGrouping) { return pending(); }
Result<KeyRecord> LocalVault::updateKey(const QString&, const KeyUpdate&, const QString&) { return pending(); }

Result<Service> RemoteBackend::createService(const QString&, const QString&) { return pending(); }
Result<QList<Service>> RemoteBackend::services(const QString&) { return pending(); }
Result<qint64> RemoteBackend::countKeys(const KeyFilter&) { return pending(); }
Result<QList<KeyCount>> RemoteBackend::keyCounts(const KeyFilter&, KeyGrouping) { return pending(); }
Result<KeyRecord> RemoteBackend::updateKey(const QString&, const KeyUpdate&, const QString&) { return pending(); }
Status seedDemoVault(LocalVault&, qint64, quint32) { return pending(); }
}
