#include "dialogs/EditKeyDialog.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"
#include "domain/Names.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

QStringList tagsOf(const QString& text)
{
    QStringList out;
    for (const QString& t : text.split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            out << t.trimmed();
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

EditKeyDialog::EditKeyDialog(const KeyRecord& key, QWidget* parent) : QDialog(parent), m_key(key)
{
    setObjectName(QStringLiteral("editKeyDialog"));
    setWindowTitle(tr("Edit Key %1").arg(key.displayId));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(560, 480);

    auto* general = new QWidget(this);
    const auto line = [&](const char* objectName, const QString& accessible, const QString& text) {
        auto* e = new QLineEdit(text, general);
        e->setObjectName(QLatin1String(objectName));
        e->setAccessibleName(accessible);
        return e;
    };
    m_name = line("nameEdit", tr("Name"), key.name);
    m_owner = line("ownerEdit", tr("Owner"), key.owner);
    m_tags = line("tagsEdit", tr("Tags"), key.tags.join(QStringLiteral(", ")));
    m_tags->setPlaceholderText(tr("comma-separated"));
    m_services = line("servicesEdit", tr("Services"), key.services.join(QStringLiteral(", ")));
    m_services->setPlaceholderText(tr("comma-separated; new ones are created in %1").arg(key.project));
    m_metadata = new QPlainTextEdit(general);
    m_metadata->setObjectName(QStringLiteral("metadataEdit"));
    m_metadata->setAccessibleName(tr("Metadata"));
    m_metadata->setTabChangesFocus(true);
    m_metadata->setPlaceholderText(tr("a JSON object, e.g. {\"ticket\": \"OPS-12\"}"));
    if (!key.metadata.isEmpty())
        m_metadata->setPlainText(QString::fromUtf8(QJsonDocument(key.metadata).toJson(QJsonDocument::Indented)));
    auto* form = new QFormLayout(general);
    const auto row = [&](const QString& label, QWidget* field) {
        auto* l = new QLabel(label, general);
        l->setBuddy(field);
        form->addRow(l, field);
    };
    row(tr("&Name:"), m_name);
    row(tr("&Owner:"), m_owner);
    row(tr("&Tags:"), m_tags);
    row(tr("Ser&vices:"), m_services);
    row(tr("&Metadata:"), m_metadata);

    auto* restrictions = new QWidget(this);
    m_restrictions = new PolicyEditor(PolicyEditor::Group::Restrictions, restrictions);
    m_restrictions->setPolicy(key.policy);
    auto* note = new QLabel(tr("The key's own restrictions; empty fields inherit from its environment and project."),
                            restrictions);
    note->setWordWrap(true);
    auto* rLayout = new QVBoxLayout(restrictions);
    rLayout->addWidget(note);
    rLayout->addWidget(m_restrictions);
    rLayout->addStretch(1);

    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("editTabs"));
    tabs->addTab(general, tr("&General"));
    tabs->addTab(restrictions, tr("&Restrictions"));

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("required, recorded in the audit trail"));
    auto* reasonForm = new QFormLayout;
    auto* reasonLabel = new QLabel(tr("Rea&son:"), this);
    reasonLabel->setBuddy(m_reason);
    reasonForm->addRow(reasonLabel, m_reason);

    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("editMessage"));
    auto* buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setAccessibleName(tr("Save"));
    m_save->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (!m_busy)
            emit saveRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addLayout(reasonForm);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

Result<EditKeyDialog::Changes> EditKeyDialog::changes()
{
    m_message->clearMessage();
    const auto fail = [](QWidget* field, const QString& label, const QString& why) -> Error {
        field->setFocus(Qt::OtherFocusReason);
        return Error::invalid(tr("%1: %2").arg(label, why));
    };
    Changes c;
    c.reason = m_reason->text().trimmed();
    const QString name = m_name->text().trimmed();
    if (name != m_key.name) {
        if (auto s = names::validateKeyName(name); !s)
            return fail(m_name, tr("Name"), s.errorMessage());
        c.update.name = name;
    }
    if (m_owner->text().trimmed() != m_key.owner)
        c.update.owner = m_owner->text().trimmed();
    const QStringList tags = tagsOf(m_tags->text());
    for (const QString& t : tags)
        if (t.size() > 64)
            return fail(m_tags, tr("Tags"), tr("\"%1\" is longer than 64 characters").arg(t));
    if (tags != m_key.tags)
        c.update.tags = tags;
    const QStringList services = PolicyEditor::splitList(m_services->text());
    for (const QString& s : services)
        if (auto v = names::validateService(s); !v)
            return fail(m_services, tr("Services"), v.errorMessage());
    if (sorted(services) != sorted(m_key.services))
        c.update.services = services;
    const QString metaText = m_metadata->toPlainText().trimmed();
    QJsonObject metadata;
    if (!metaText.isEmpty()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(metaText.toUtf8(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return fail(m_metadata, tr("Metadata"),
                        err.error != QJsonParseError::NoError
                            ? tr("not valid JSON (%1 at character %2)").arg(err.errorString()).arg(err.offset)
                            : tr("must be a JSON object such as {\"ticket\": \"OPS-12\"}"));
        metadata = doc.object();
    }
    if (metadata != m_key.metadata)
        c.update.metadata = metadata;

    auto policy = m_restrictions->policy(m_key.policy);
    if (!policy)
        return policy.error();
    if (policy->toJson() != m_key.policy.toJson())
        c.policy = *policy;
    // Every change to a key is audited with why it was made, as suspend and revoke are.
    if (!c.isEmpty() && c.reason.isEmpty())
        return fail(m_reason, tr("Reason"), tr("say why the key is changed; it is recorded in the audit trail"));
    return c;
}

void EditKeyDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_save->setEnabled(!busy);
    m_cancel->setEnabled(!busy);
    if (busy)
        m_message->showInfo(tr("Saving…"));
}

void EditKeyDialog::showError(const QString& message)
{
    setBusy(false);
    m_message->showError(message);
}

void EditKeyDialog::done(int result)
{
    if (m_busy)
        return;
    QDialog::done(result);
}

} // namespace kw::ui
