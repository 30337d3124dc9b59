#include "revocation/LeakScan.h"

#include "Backend.h"
#include "crypto/KeyFormat.h"

#include <QCryptographicHash>
#include <QHash>

namespace kw::ui {

int LeakScan::valid() const
{
    return int(std::count_if(findings.begin(), findings.end(), [](const LeakFinding& f) { return f.checksumValid; }));
}

int LeakScan::matched() const
{
    return int(std::count_if(findings.begin(), findings.end(), [](const LeakFinding& f) { return f.key.has_value(); }));
}

LeakScan LeakScan::scan(const QByteArray& text)
{
    LeakScan out;
    QHash<QByteArray, int> seen; // digest of a secret → index in secrets (the same leak pasted twice)
    QList<int> secretIndexOfFinding;
    for (const KeyFormat::Candidate& c : KeyFormat::scan(text)) {
        const QByteArrayView token(text.constData() + c.offset, c.length);
        LeakFinding f;
        f.line = int(std::count(text.constData(), text.constData() + c.offset, '\n')) + 1;
        f.checksumValid = c.checksumValid;
        f.displayId = c.checksumValid ? KeyFormat::displayIdOf(token)
                                      : QString::fromLatin1(token.first(std::min<qsizetype>(token.size(), 12))) +
                                            QStringLiteral("…");
        if (!c.checksumValid) {
            out.findings.append(f);
            continue;
        }
        const QByteArray digest = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
        if (seen.contains(digest))
            continue;
        seen.insert(digest, int(out.secrets.size()));
        out.secrets.emplace_back(token.data(), std::size_t(token.size()));
        out.findings.append(f);
    }
    return out;
}

Status LeakScan::lookUp(Backend& backend)
{
    if (secrets.empty())
        return {};
    auto found = backend.lookupSecrets(secrets);
    secrets.clear(); // wipes
    if (!found)
        return found.error();
    int i = 0;
    for (LeakFinding& f : findings) {
        if (!f.checksumValid)
            continue;
        if (i < found->size())
            f.key = (*found)[i];
        ++i;
    }
    return {};
}

} // namespace kw::ui
