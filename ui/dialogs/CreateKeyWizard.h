#pragma once

#include "dialogs/CreateKeyLocationPage.h"
#include "domain/KeySpec.h"

#include <QPointer>
#include <QWizard>

#include <optional>

namespace kw::ui {

class CreateKeyPage;
class CreateKeySecretPage;
class CreateKeySummaryPage;
class Session;

// Issues a key: location and description, policy, permissions, restrictions, a summary that creates it,
// and its secret, shown once. Opened with open(); reports keyCreated as soon as the backend has the key.
// Closing (after "I have stored this secret") wipes the secret from memory and from every widget.
class CreateKeyWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { LocationPageId, PolicyPageId, PermissionsPageId, RestrictionsPageId, SummaryPageId, SecretPageId };

    CreateKeyWizard(Session& session, const CreateKeyDefaults& defaults, QWidget* parent = nullptr);
    ~CreateKeyWizard() override;

    // The key spec from every page; an error names the field that is wrong.
    Result<KeySpec> buildSpec();
    std::optional<KeyRecord> createdKey() const { return m_created; }

    // Closes even while the secret is shown unacknowledged (the session is locking or closing).
    void forceClose();

    // For the summary page.
    void setCreating(bool creating);
    void setIssued(IssuedKey issued);

signals:
    void keyCreated(const KeyRecord& key);

protected:
    void done(int result) override;

private:
    QList<CreateKeyPage*> m_specPages;
    CreateKeySummaryPage* m_summary = nullptr;
    CreateKeySecretPage* m_secret = nullptr;
    std::optional<KeyRecord> m_created;
    bool m_creating = false;
    bool m_forced = false;
};

} // namespace kw::ui
