#pragma once

#include "dialogs/CreateKeyPage.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace kw::ui {

struct CreateKeyDefaults {
    QString project;
    QString environment;
    QString service;
};

// Where the key lives and what describes it: project, environment, services, name, owner, tags, parent,
// expiry, backup and recoverable.
class CreateKeyLocationPage : public CreateKeyPage {
    Q_OBJECT
public:
    CreateKeyLocationPage(Session& session, const CreateKeyDefaults& defaults, QWidget* parent = nullptr);

    Status contribute(KeySpec& spec) override;
    bool isComplete() const override;

    QString project() const;

private:
    void loadProjects();
    void projectChanged();
    void fillServices(const QStringList& names);

    CreateKeyDefaults m_defaults;
    QString m_loadedFor; // the project whose environments/services were last asked for (stale answers dropped)
    QComboBox* m_project = nullptr;
    QComboBox* m_environment = nullptr;
    QListWidget* m_services = nullptr;
    QLineEdit* m_otherServices = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_owner = nullptr;
    QLineEdit* m_tags = nullptr;
    QLineEdit* m_parent = nullptr;
    QCheckBox* m_expires = nullptr;
    QSpinBox* m_expiresDays = nullptr;
    QCheckBox* m_backup = nullptr;
    QCheckBox* m_recoverable = nullptr;
};

} // namespace kw::ui
