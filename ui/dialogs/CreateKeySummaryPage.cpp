#include "dialogs/CreateKeySummaryPage.h"

#include "dialogs/CreateKeyWizard.h"
#include "dialogs/MessageLabel.h"

#include <QAbstractButton>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

} // namespace

CreateKeySummaryPage::CreateKeySummaryPage(Session& session, QWidget* parent) : CreateKeyPage(session, parent)
{
    setObjectName(QStringLiteral("summaryPage"));
    setTitle(tr("Summary"));
    setSubTitle(tr("Check the new key. Its secret is shown once, on the next page."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Create Key"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    message()->setObjectName(QStringLiteral("createMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(message());
}

QString CreateKeySummaryPage::describe(const KeySpec& spec)
{
    const QString none = tr("(none)");
    const auto list = [&](const QStringList& l) { return l.isEmpty() ? none : l.join(QStringLiteral(", ")); };
    QStringList lines;
    lines << tr("Name: %1").arg(spec.name) << tr("Project: %1").arg(spec.project)
          << tr("Environment: %1").arg(spec.environment) << tr("Services: %1").arg(list(spec.services))
          << tr("Owner: %1").arg(spec.owner.isEmpty() ? none : spec.owner) << tr("Tags: %1").arg(list(spec.tags));
    if (!spec.parentId.isEmpty())
        lines << tr("Parent key: %1").arg(spec.parentId);
    lines << (spec.expiresInMs > 0 ? tr("Expires in %n day(s)", nullptr, int(spec.expiresInMs / kDayMs))
                                   : tr("No expiry of its own (its policy may set a lifetime)"));
    if (spec.backup)
        lines << tr("Backup key: yes");
    lines << (spec.recoverable ? tr("Recoverable: yes, the secret is kept encrypted")
                               : tr("Recoverable: no, only a hash of the secret is kept"));
    lines << tr("Policy template: %1").arg(spec.policyTemplate.isEmpty() ? none : spec.policyTemplate);
    lines << tr("Own rules: %1").arg(spec.policy.isEmpty() ? none : spec.policy.toJsonText());
    return lines.join(u'\n');
}

void CreateKeySummaryPage::initializePage()
{
    message()->clearMessage();
    auto spec = keyWizard()->buildSpec();
    m_specOk = spec.ok();
    if (spec)
        m_summary->setText(describe(*spec));
    else
        message()->showError(spec.errorMessage());
    emit completeChanged();
}

bool CreateKeySummaryPage::isComplete() const
{
    return m_specOk && !m_creating;
}

bool CreateKeySummaryPage::validatePage()
{
    if (m_created)
        return true;
    if (m_creating)
        return false;
    auto spec = keyWizard()->buildSpec();
    if (!spec) {
        message()->showError(spec.errorMessage());
        return false;
    }
    create(*spec);
    return false;
}

void CreateKeySummaryPage::create(const KeySpec& spec)
{
    if (!session()) {
        message()->showError(tr("The vault or server connection was closed; nothing was created."));
        return;
    }
    m_creating = true;
    message()->showInfo(tr("Creating the key…"));
    emit completeChanged(); // QWizard re-enables Back here: disable it (and Cancel) after
    keyWizard()->setCreating(true);
    call([spec](Backend& b) { return b.createKey(spec); },
         [this](Result<IssuedKey> issued) {
             m_creating = false;
             keyWizard()->setCreating(false);
             if (!issued) {
                 // createKey runs in one transaction: an error leaves nothing behind.
                 message()->showError(tr("The key was not created: %1").arg(issued.errorMessage()));
                 emit completeChanged();
                 return;
             }
             m_created = true;
             message()->clearMessage();
             keyWizard()->setIssued(std::move(*issued));
             wizard()->next();
         });
}

} // namespace kw::ui
