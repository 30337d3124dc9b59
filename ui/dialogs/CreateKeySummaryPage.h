#pragma once

#include "dialogs/CreateKeyPage.h"

class QLabel;

namespace kw::ui {

// What will be created, and the commit: "Create key" issues it on the backend thread. An error from the
// backend stays on this page and nothing is created; on success the wizard moves to the secret.
class CreateKeySummaryPage : public CreateKeyPage {
    Q_OBJECT
public:
    explicit CreateKeySummaryPage(Session& session, QWidget* parent = nullptr);

    Status contribute(KeySpec&) override { return {}; }
    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;

    bool isCreating() const { return m_creating; }

private:
    void create(const KeySpec& spec);
    static QString describe(const KeySpec& spec);

    QLabel* m_summary = nullptr;
    bool m_specOk = false;
    bool m_creating = false;
    bool m_created = false;
};

} // namespace kw::ui
