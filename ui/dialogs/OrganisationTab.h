#pragma once

#include "session/Session.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace kw::ui {

class MessageLabel;

// One tab of the organisation dialog: lists what exists, adds or saves one thing at a time on the backend
// thread, and reloads when the organisation changes (also when someone else changed it).
class OrganisationTab : public QWidget {
    Q_OBJECT
public:
    explicit OrganisationTab(Session& session, QWidget* parent = nullptr);

    virtual void reload() = 0;
    MessageLabel* message() const { return m_message; }

signals:
    // Something was created or saved (the dialog counts them for its summary).
    void changed(const QString& what);

protected:
    Session* session() const { return m_session; }
    template <typename Work, typename Done> void call(Work work, Done done)
    {
        if (m_session)
            m_session->call(this, std::move(work), std::move(done));
    }
    // Fills a combo with the project names, keeping the current choice.
    void loadProjects(QComboBox* combo);
    QLineEdit* lineEdit(const char* objectName, const QString& accessibleName, const QString& placeholder = {});
    QPushButton* button(const char* objectName, const QString& text, const QString& accessibleName);

private:
    QPointer<Session> m_session;
    MessageLabel* m_message = nullptr;
};

} // namespace kw::ui
