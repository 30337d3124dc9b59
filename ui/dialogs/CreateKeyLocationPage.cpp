#include "dialogs/CreateKeyLocationPage.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"
#include "domain/Names.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

template <typename W> W* named(W* widget, const char* objectName, const QString& accessibleName)
{
    widget->setObjectName(QLatin1String(objectName));
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

CreateKeyLocationPage::CreateKeyLocationPage(Session& session, const CreateKeyDefaults& defaults, QWidget* parent)
    : CreateKeyPage(session, parent), m_defaults(defaults)
{
    setObjectName(QStringLiteral("locationPage"));
    setTitle(tr("Location and description"));
    setSubTitle(tr("Where the key lives, what it is for and who owns it."));

    m_project = named(new QComboBox(this), "projectCombo", tr("Project"));
    m_environment = named(new QComboBox(this), "environmentCombo", tr("Environment"));
    m_environment->setEditable(true);
    m_environment->setInsertPolicy(QComboBox::NoInsert);
    m_environment->setToolTip(tr("An existing environment, or a new one (lowercase letters, digits, '-')"));
    m_services = named(new QListWidget(this), "servicesList", tr("Services"));
    m_services->setMaximumHeight(100);
    m_otherServices = named(new QLineEdit(this), "servicesEdit", tr("Other services"));
    m_otherServices->setPlaceholderText(tr("other services, comma-separated (created on first use)"));
    m_name = named(new QLineEdit(this), "nameEdit", tr("Key name"));
    m_owner = named(new QLineEdit(this), "ownerEdit", tr("Owner"));
    m_owner->setPlaceholderText(tr("a person or team to contact"));
    m_tags = named(new QLineEdit(this), "tagsEdit", tr("Tags"));
    m_tags->setPlaceholderText(tr("comma-separated"));
    m_parent = named(new QLineEdit(this), "parentEdit", tr("Parent key"));
    m_parent->setPlaceholderText(tr("display id of the parent key (optional)"));
    m_expires = named(new QCheckBox(tr("E&xpires in"), this), "expiresCheck", tr("Expires"));
    m_expiresDays = named(new QSpinBox(this), "expiresDaysSpin", tr("Days until expiry"));
    m_expiresDays->setRange(1, 3650);
    m_expiresDays->setValue(90);
    m_expiresDays->setSuffix(tr(" days"));
    m_expiresDays->setEnabled(false);
    auto* never = new QLabel(tr("unchecked: never (unless its policy sets a lifetime)"), this);
    connect(m_expires, &QCheckBox::toggled, m_expiresDays, &QWidget::setEnabled);
    connect(m_expires, &QCheckBox::toggled, never, &QWidget::setHidden);
    m_backup = named(new QCheckBox(tr("&Backup key (standby, activated when its primary is revoked)"), this),
                     "backupCheck", tr("Backup key"));
    m_recoverable = named(new QCheckBox(tr("&Recoverable (the secret is kept encrypted and can be shown again)"), this),
                          "recoverableCheck", tr("Recoverable"));

    auto* form = new QFormLayout;
    const auto row = [&](const QString& label, QWidget* field) {
        auto* l = new QLabel(label, this);
        l->setBuddy(field);
        form->addRow(l, field);
    };
    row(tr("&Project:"), m_project);
    row(tr("&Environment:"), m_environment);
    row(tr("Ser&vices:"), m_services);
    form->addRow(QString(), m_otherServices);
    row(tr("&Name:"), m_name);
    row(tr("&Owner:"), m_owner);
    row(tr("&Tags:"), m_tags);
    row(tr("P&arent key:"), m_parent);
    auto* expiry = new QHBoxLayout;
    expiry->addWidget(m_expires);
    expiry->addWidget(m_expiresDays);
    expiry->addWidget(never, 1);
    form->addRow(tr("Expiry:"), expiry);
    form->addRow(QString(), m_backup);
    form->addRow(QString(), m_recoverable);

    message()->setObjectName(QStringLiteral("locationMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(message());

    connect(m_project, &QComboBox::currentIndexChanged, this, &CreateKeyLocationPage::projectChanged);
    connect(m_environment, &QComboBox::currentTextChanged, this, &QWizardPage::completeChanged);
    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    loadProjects();
}

QString CreateKeyLocationPage::project() const
{
    return m_project->currentData().toString();
}

void CreateKeyLocationPage::loadProjects()
{
    call([](Backend& b) { return b.projects(); },
         [this](Result<QList<Project>> projects) {
             if (!projects) {
                 message()->showError(tr("Could not list the projects: %1").arg(projects.errorMessage()));
                 return;
             }
             if (projects->isEmpty()) {
                 message()->showError(tr("There is no project yet: create one under Organisation first."));
                 return;
             }
             const QSignalBlocker block(m_project);
             m_project->clear();
             for (const Project& p : *projects) {
                 const QString label = p.team.isEmpty() ? p.name : tr("%1 (team %2)").arg(p.name, p.team);
                 m_project->addItem(label, p.name);
             }
             const int wanted = m_project->findData(m_defaults.project);
             m_project->setCurrentIndex(wanted >= 0 ? wanted : 0);
             projectChanged();
         });
}

void CreateKeyLocationPage::projectChanged()
{
    const QString project = this->project();
    m_loadedFor = project;
    emit completeChanged();
    if (project.isEmpty())
        return;
    const QString typed = m_environment->currentText();
    call([project](Backend& b) { return b.environments(project); },
         [this, project, typed](Result<QList<Environment>> envs) {
             if (project != m_loadedFor)
                 return;
             if (!envs) {
                 message()->showError(tr("Could not list the environments: %1").arg(envs.errorMessage()));
                 return;
             }
             m_environment->clear();
             for (const Environment& e : *envs)
                 m_environment->addItem(e.name);
             QString pick = typed;
             if (project == m_defaults.project && !m_defaults.environment.isEmpty())
                 pick = m_defaults.environment;
             if (!pick.isEmpty())
                 m_environment->setCurrentText(pick);
             else if (m_environment->count() > 0)
                 m_environment->setCurrentIndex(0);
             emit completeChanged();
         });
    call([project](Backend& b) { return b.services(project); },
         [this, project](Result<QList<Service>> services) {
             if (project != m_loadedFor)
                 return;
             QStringList names;
             if (services) {
                 for (const Service& s : *services)
                     names << s.name;
             } else {
                 // Services can still be typed; say why the list is empty.
                 message()->showInfo(tr("Could not list the services: %1").arg(services.errorMessage()));
             }
             fillServices(names);
         });
}

void CreateKeyLocationPage::fillServices(const QStringList& names)
{
    m_services->clear();
    for (const QString& name : names) {
        auto* item = new QListWidgetItem(name, m_services);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    if (!m_defaults.service.isEmpty() && project() == m_defaults.project) {
        const auto found = m_services->findItems(m_defaults.service, Qt::MatchExactly);
        if (!found.isEmpty())
            found.first()->setCheckState(Qt::Checked);
        else if (!PolicyEditor::splitList(m_otherServices->text()).contains(m_defaults.service))
            m_otherServices->setText(m_defaults.service);
    }
}

bool CreateKeyLocationPage::isComplete() const
{
    return !project().isEmpty() && !m_environment->currentText().trimmed().isEmpty() &&
           !m_name->text().trimmed().isEmpty();
}

Status CreateKeyLocationPage::contribute(KeySpec& spec)
{
    const auto fail = [](QWidget* field, const QString& label, const QString& why) -> Status {
        field->setFocus(Qt::OtherFocusReason);
        return Error::invalid(tr("%1: %2").arg(label, why));
    };
    spec.project = project();
    if (spec.project.isEmpty())
        return fail(m_project, tr("Project"), tr("choose a project"));
    spec.environment = m_environment->currentText().trimmed();
    if (auto s = names::validateEnvironment(spec.environment); !s)
        return fail(m_environment, tr("Environment"), s.errorMessage());
    spec.services.clear();
    for (int i = 0; i < m_services->count(); ++i)
        if (m_services->item(i)->checkState() == Qt::Checked)
            spec.services << m_services->item(i)->text();
    for (const QString& s : PolicyEditor::splitList(m_otherServices->text())) {
        if (auto v = names::validateService(s); !v)
            return fail(m_otherServices, tr("Services"), v.errorMessage());
        if (!spec.services.contains(s))
            spec.services << s;
    }
    spec.name = m_name->text().trimmed();
    if (auto s = names::validateKeyName(spec.name); !s)
        return fail(m_name, tr("Name"), s.errorMessage());
    spec.owner = m_owner->text().trimmed();
    spec.tags.clear();
    for (const QString& t : m_tags->text().split(u',', Qt::SkipEmptyParts)) {
        const QString tag = t.trimmed();
        if (tag.isEmpty())
            continue;
        if (tag.size() > 64)
            return fail(m_tags, tr("Tags"), tr("\"%1\" is longer than 64 characters").arg(tag));
        spec.tags << tag;
    }
    spec.parentId = m_parent->text().trimmed();
    spec.expiresInMs = m_expires->isChecked() ? qint64(m_expiresDays->value()) * kDayMs : 0;
    spec.backup = m_backup->isChecked();
    spec.recoverable = m_recoverable->isChecked();
    return {};
}

} // namespace kw::ui
