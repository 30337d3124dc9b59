#pragma once

#include "domain/KeySpec.h"
#include "session/Session.h"

#include <QPointer>
#include <QWizardPage>

namespace kw::ui {

class CreateKeyWizard;
class MessageLabel;

// A page of the create-key wizard: it writes its part of the key spec, or says which field is wrong.
class CreateKeyPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CreateKeyPage(Session& session, QWidget* parent = nullptr);

    // Adds this page's fields to spec; on a malformed field, an error naming it.
    virtual Status contribute(KeySpec& spec) = 0;

    // Checks the page's fields before moving on; shows the error on the page and keeps the user here.
    bool validatePage() override;

    MessageLabel* message() const { return m_message; }

protected:
    // The session, or nullptr once it is gone.
    Session* session() const { return m_session; }
    CreateKeyWizard* keyWizard() const;

    // Runs work on the backend thread and done(result) on this page (dropped when the page is gone).
    template <typename Work, typename Done> void call(Work work, Done done)
    {
        if (m_session)
            m_session->call(this, std::move(work), std::move(done));
    }

private:
    QPointer<Session> m_session;
    MessageLabel* m_message = nullptr; // placed by the subclass's layout (objectName "<page>Message")
};

} // namespace kw::ui
