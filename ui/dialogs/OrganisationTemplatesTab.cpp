#include "dialogs/OrganisationTemplatesTab.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace kw::ui {

OrganisationTemplatesTab::OrganisationTemplatesTab(Session& session, QWidget* parent) : OrganisationTab(session, parent)
{
    setObjectName(QStringLiteral("templatesTab"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("templatesList"));
    m_list->setAccessibleName(tr("Policy templates"));
    m_list->setMaximumWidth(200);
    m_name = lineEdit("templateNameEdit", tr("Template name"), tr("e.g. prod-90d"));
    m_description = lineEdit("templateDescriptionEdit", tr("Template description"));
    m_rules = new PolicyEditor(PolicyEditor::Group::Lifetime | PolicyEditor::Group::Limits |
                                   PolicyEditor::Group::Permissions | PolicyEditor::Group::Restrictions,
                               this);
    m_save = button("saveTemplateButton", tr("&Save Template"), tr("Save template"));
    message()->setObjectName(QStringLiteral("templatesMessage"));
    connect(m_list, &QListWidget::currentTextChanged, this, &OrganisationTemplatesTab::select);
    connect(m_save, &QPushButton::clicked, this, &OrganisationTemplatesTab::save);

    auto* editor = new QWidget(this);
    auto* form = new QFormLayout;
    auto* nameLabel = new QLabel(tr("&Name:"), editor);
    nameLabel->setBuddy(m_name);
    auto* descLabel = new QLabel(tr("&Description:"), editor);
    descLabel->setBuddy(m_description);
    form->addRow(nameLabel, m_name);
    form->addRow(descLabel, m_description);
    auto* editorLayout = new QVBoxLayout(editor);
    editorLayout->addLayout(form);
    editorLayout->addWidget(m_rules);
    editorLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* row = new QHBoxLayout;
    row->addWidget(m_list);
    row->addWidget(scroll, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_save, 0, Qt::AlignRight);
    layout->addWidget(message());
    reload();
}

void OrganisationTemplatesTab::reload()
{
    call([](Backend& b) { return b.policyTemplates(); },
         [this](Result<QList<PolicyTemplate>> templates) {
             if (!templates) {
                 message()->showError(tr("Could not list the policy templates: %1").arg(templates.errorMessage()));
                 return;
             }
             m_templates = *templates;
             const QSignalBlocker block(m_list);
             const QString current = m_list->currentItem() ? m_list->currentItem()->text() : QString();
             m_list->clear();
             for (const PolicyTemplate& t : m_templates) {
                 auto* item = new QListWidgetItem(t.name, m_list);
                 item->setToolTip(t.description);
                 if (t.name == current)
                     m_list->setCurrentItem(item);
             }
         });
}

void OrganisationTemplatesTab::select(const QString& name)
{
    for (const PolicyTemplate& t : m_templates) {
        if (t.name == name) {
            m_name->setText(t.name);
            m_description->setText(t.description);
            m_rules->setPolicy(t.policy);
            message()->clearMessage();
            return;
        }
    }
}

void OrganisationTemplatesTab::save()
{
    PolicyTemplate t;
    t.name = m_name->text().trimmed();
    t.description = m_description->text().trimmed();
    if (t.name.isEmpty()) {
        message()->showError(tr("Name: a template needs a name"));
        m_name->setFocus();
        return;
    }
    // Rules the fields do not show (roles) are kept from the template being edited.
    KeyPolicy base;
    for (const PolicyTemplate& existing : m_templates)
        if (existing.name == t.name)
            base = existing.policy;
    auto policy = m_rules->policy(base);
    if (!policy) {
        message()->showError(policy.errorMessage());
        return;
    }
    t.policy = *policy;
    m_save->setEnabled(false);
    call([t](Backend& b) { return b.savePolicyTemplate(t); },
         [this](Result<PolicyTemplate> saved) {
             m_save->setEnabled(true);
             if (!saved) {
                 message()->showError(tr("The template was not saved: %1").arg(saved.errorMessage()));
                 return;
             }
             message()->showInfo(tr("Saved template %1.").arg(saved->name));
             emit changed(tr("template %1").arg(saved->name));
             reload();
         });
}

} // namespace kw::ui
