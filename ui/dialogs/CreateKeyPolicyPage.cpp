#include "dialogs/CreateKeyPolicyPage.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace kw::ui {

CreateKeyPolicyPage::CreateKeyPolicyPage(Session& session, QWidget* parent) : CreateKeyPage(session, parent)
{
    setObjectName(QStringLiteral("policyPage"));
    setTitle(tr("Policy"));
    setSubTitle(tr("Apply a policy template, set the key's own limits, or both: the key's own limits win. "
                   "Empty fields are inherited from the project and environment."));

    m_template = new QComboBox(this);
    m_template->setObjectName(QStringLiteral("templateCombo"));
    m_template->setAccessibleName(tr("Policy template"));
    m_template->addItem(tr("No template"), QString());
    m_templateInfo = new QLabel(this);
    m_templateInfo->setObjectName(QStringLiteral("templateInfo"));
    m_templateInfo->setWordWrap(true);
    m_templateInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_template, &QComboBox::currentIndexChanged, this, &CreateKeyPolicyPage::templateChanged);

    auto* templateForm = new QFormLayout;
    auto* templateLabel = new QLabel(tr("Te&mplate:"), this);
    templateLabel->setBuddy(m_template);
    templateForm->addRow(templateLabel, m_template);
    templateForm->addRow(QString(), m_templateInfo);

    m_limits = new PolicyEditor(PolicyEditor::Group::Limits, this);
    auto* custom = new QGroupBox(tr("The key's own limits"), this);
    auto* customLayout = new QVBoxLayout(custom);
    customLayout->addWidget(m_limits);

    message()->setObjectName(QStringLiteral("policyMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(templateForm);
    layout->addWidget(custom);
    layout->addStretch(1);
    layout->addWidget(message());

    call([](Backend& b) { return b.policyTemplates(); },
         [this](Result<QList<PolicyTemplate>> templates) {
             if (!templates) {
                 message()->showError(tr("Could not list the policy templates: %1").arg(templates.errorMessage()));
                 return;
             }
             m_templates = *templates;
             for (const PolicyTemplate& t : m_templates)
                 m_template->addItem(t.name, t.name);
         });
}

void CreateKeyPolicyPage::templateChanged()
{
    const QString name = m_template->currentData().toString();
    for (const PolicyTemplate& t : m_templates) {
        if (t.name == name) {
            const QString rules = t.policy.toJsonText();
            m_templateInfo->setText(t.description.isEmpty() ? rules : tr("%1\n%2").arg(t.description, rules));
            return;
        }
    }
    m_templateInfo->clear();
}

Status CreateKeyPolicyPage::contribute(KeySpec& spec)
{
    spec.policyTemplate = m_template->currentData().toString();
    auto policy = m_limits->policy(spec.policy);
    if (!policy)
        return policy.error();
    spec.policy = *policy;
    return {};
}

} // namespace kw::ui
