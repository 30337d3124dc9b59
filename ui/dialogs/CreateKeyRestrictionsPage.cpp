#include "dialogs/CreateKeyRestrictionsPage.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"

#include <QVBoxLayout>

namespace kw::ui {

CreateKeyRestrictionsPage::CreateKeyRestrictionsPage(Session& session, QWidget* parent) : CreateKeyPage(session, parent)
{
    setObjectName(QStringLiteral("restrictionsPage"));
    setTitle(tr("Restrictions"));
    setSubTitle(tr("Limit where and when the key works. Empty fields: no restriction of the key's own."));
    m_restrictions = new PolicyEditor(PolicyEditor::Group::Restrictions, this);
    message()->setObjectName(QStringLiteral("restrictionsMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_restrictions);
    layout->addStretch(1);
    layout->addWidget(message());
}

Status CreateKeyRestrictionsPage::contribute(KeySpec& spec)
{
    auto policy = m_restrictions->policy(spec.policy);
    if (!policy)
        return policy.error();
    spec.policy = *policy;
    return {};
}

} // namespace kw::ui
