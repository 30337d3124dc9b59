#include "views/KeysView.h"

#include "commands/KeyActions.h"
#include "models/KeyTreeModel.h"
#include "session/ConsoleSettings.h"
#include "session/Session.h"
#include "views/KeyDetailsPanel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

} // namespace

KeysView::KeysView(QWidget* parent) : QWidget(parent), m_model(new KeyTreeModel(this))
{
    setObjectName(QStringLiteral("keysView"));
    m_model->setExpiringSoonDays(ConsoleSettings::expiringSoonDays());

    m_text = new QLineEdit;
    m_text->setObjectName(QStringLiteral("keyFilterText"));
    m_text->setPlaceholderText(tr("Filter by name, key, owner or tag…"));
    m_text->setAccessibleName(tr("Filter keys"));
    m_text->setClearButtonEnabled(true);
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("keyFilterStatus"));
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Active"), QStringLiteral("active"));
    m_status->addItem(tr("Expired"), QStringLiteral("expired"));
    m_status->addItem(tr("Suspended"), QStringLiteral("suspended"));
    m_status->addItem(tr("Revoked"), QStringLiteral("revoked"));
    m_status->addItem(tr("Rotating"), QStringLiteral("rotating"));
    m_environment = new QLineEdit;
    m_environment->setObjectName(QStringLiteral("keyFilterEnvironment"));
    m_environment->setPlaceholderText(tr("Environment"));
    m_environment->setAccessibleName(tr("Environment filter"));
    m_environment->setClearButtonEnabled(true);
    m_environment->setMaximumWidth(140);
    m_tag = new QLineEdit;
    m_tag->setObjectName(QStringLiteral("keyFilterTag"));
    m_tag->setPlaceholderText(tr("Tag"));
    m_tag->setAccessibleName(tr("Tag filter"));
    m_tag->setClearButtonEnabled(true);
    m_tag->setMaximumWidth(140);
    m_expiring = new QSpinBox;
    m_expiring->setObjectName(QStringLiteral("keyFilterExpiring"));
    m_expiring->setAccessibleName(tr("Expiring within days"));
    m_expiring->setRange(0, 3650);
    m_expiring->setSpecialValueText(tr("Any expiry"));
    m_expiring->setPrefix(tr("Expiring ≤ "));
    m_expiring->setSuffix(tr(" d"));
    auto* clear = new QToolButton;
    clear->setObjectName(QStringLiteral("keyFilterClear"));
    clear->setText(tr("Clear"));
    clear->setAccessibleName(tr("Clear filters"));
    connect(clear, &QToolButton::clicked, this, [this] {
        const QSignalBlocker b1(m_text), b2(m_status), b3(m_environment), b4(m_tag), b5(m_expiring);
        m_text->clear();
        m_status->setCurrentIndex(0);
        m_environment->clear();
        m_tag->clear();
        m_expiring->setValue(0);
        applyFilter();
    });

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_text, 3);
    filters->addWidget(m_status);
    filters->addWidget(m_environment, 1);
    filters->addWidget(m_tag, 1);
    filters->addWidget(m_expiring);
    filters->addWidget(clear);

    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("keyTree"));
    m_tree->setAccessibleName(tr("Key hierarchy"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // lets the view skip measuring a million rows
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    // The name column carries the hierarchy's indentation: it gets the room, the others what they need.
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(KeyTreeModel::NameColumn, 330);
    m_tree->setColumnWidth(KeyTreeModel::DisplayIdColumn, 150);
    m_tree->setColumnWidth(KeyTreeModel::StatusColumn, 105);
    m_tree->setColumnWidth(KeyTreeModel::OwnerColumn, 180);
    m_tree->setColumnWidth(KeyTreeModel::ExpiresColumn, 125);
    m_tree->setColumnWidth(KeyTreeModel::LastUsedColumn, 125);
    m_tree->setColumnWidth(KeyTreeModel::CountColumn, 60);
    m_details = new KeyDetailsPanel;

    m_splitter = new QSplitter;
    m_splitter->setObjectName(QStringLiteral("keysSplitter"));
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({820, 460});

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("keySummary"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_summary);

    // Typing filters after a short pause; each change is one query in the store.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(&m_filterDelay, &QTimer::timeout, this, &KeysView::applyFilter);
    for (QLineEdit* e : {m_text, m_environment, m_tag})
        connect(e, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
    connect(m_text, &QLineEdit::returnPressed, this, &KeysView::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &KeysView::applyFilter);
    connect(m_expiring, &QSpinBox::valueChanged, this, [this] { m_filterDelay.start(); });

    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        emit selectionChanged(selectedKeys());
        if (m_actions)
            m_actions->setSelection(selectedKeys());
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &KeysView::onCurrentChanged);
    connect(m_model, &KeyTreeModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid() && from.parent() == current.parent() && from.row() <= current.row() &&
            current.row() <= to.row()) {
            if (const KeyRecord* k = m_model->keyAt(current.siblingAtColumn(0)))
                m_details->showKey(*k);
            if (m_actions)
                m_actions->setSelection(selectedKeys());
        }
        updateSummary();
    });
    connect(m_model, &KeyTreeModel::loaded, this, [this] {
        m_tree->expand(m_model->index(0, 0));
        updateSummary();
        onFetched();
    });
    connect(m_model, &KeyTreeModel::fetched, this, &KeysView::onFetched);
    connect(m_model, &KeyTreeModel::loadFailed, this, &KeysView::statusMessage);
    connect(m_details, &KeyDetailsPanel::keyActivated, this, [this](const QString& id) {
        KeyRecord k;
        k.id = id;
        k.displayId = id;
        revealKey(k);
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (!m_actions)
            return;
        QMenu menu(this);
        for (QAction* a : m_actions->actions())
            menu.addAction(a);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
}

KeysView::~KeysView() = default;

void KeysView::setSession(Session* session)
{
    m_session = session;
    m_details->setSession(session);
    m_model->setSession(session);
}

void KeysView::setActions(KeyActions* actions)
{
    m_actions = actions;
    for (QAction* a : actions->actions())
        addAction(a);
}

void KeysView::focusFilter()
{
    m_text->setFocus();
    m_text->selectAll();
}

void KeysView::applyFilter()
{
    m_filterDelay.stop();
    KeyFilter f;
    f.text = m_text->text().trimmed();
    f.environment = m_environment->text().trimmed();
    f.tag = m_tag->text().trimmed();
    if (const QString s = m_status->currentData().toString(); !s.isEmpty())
        f.status = keyStatusFromString(s);
    if (m_expiring->value() > 0)
        f.expiresBeforeMs = QDateTime::currentMSecsSinceEpoch() + qint64(m_expiring->value()) * kDayMs;
    m_details->clear();
    m_model->setFilter(f);
}

QList<KeyRecord> KeysView::selectedKeys() const
{
    QList<KeyRecord> out;
    for (const QModelIndex& i : m_tree->selectionModel()->selectedRows(0))
        if (const KeyRecord* k = m_model->keyAt(i))
            out.append(*k);
    return out;
}

void KeysView::onCurrentChanged()
{
    const QModelIndex current = m_tree->currentIndex().siblingAtColumn(0);
    if (const KeyRecord* k = m_model->keyAt(current))
        m_details->showKey(*k);
    else
        m_details->clear();
    if (m_actions && current.isValid()) {
        const KeyRecord* k = m_model->keyAt(current);
        m_actions->setCreateContext(k ? k->project : current.data(KeyTreeModel::ProjectRole).toString(),
                                    k ? k->environment : current.data(KeyTreeModel::EnvironmentRole).toString(),
                                    current.data(KeyTreeModel::ServiceRole).toString());
    }
}

void KeysView::revealKey(const KeyRecord& key)
{
    // Narrow the store's filter to this key, then open the path as it loads (see onFetched).
    m_revealId = key.id;
    m_revealKey = key;
    const QSignalBlocker b1(m_text), b2(m_status), b3(m_environment), b4(m_tag), b5(m_expiring);
    m_text->setText(key.displayId.isEmpty() ? key.id : key.displayId);
    m_status->setCurrentIndex(0);
    m_environment->clear();
    m_tag->clear();
    m_expiring->setValue(0);
    applyFilter();
}

void KeysView::onFetched()
{
    updateSummary();
    if (!m_revealId.isEmpty())
        expandTo(m_revealId);
}

void KeysView::expandTo(const QString& keyId)
{
    const QModelIndex found = m_model->indexOfKey(keyId);
    if (found.isValid()) {
        m_revealId.clear();
        m_tree->setCurrentIndex(found);
        m_tree->selectionModel()->select(found, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_tree->scrollTo(found);
        m_tree->setFocus();
        return;
    }
    // The filter matches only this key: open every container that has matches, level by level.
    std::function<void(const QModelIndex&)> open = [&](const QModelIndex& parent) {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex child = m_model->index(r, 0, parent);
            const auto kind = KeyTreeModel::NodeKind(child.data(KeyTreeModel::NodeKindRole).toInt());
            if (kind == KeyTreeModel::NodeKind::Key)
                continue;
            if (child.data(KeyTreeModel::TotalRole).toLongLong() <= 0)
                continue;
            if (!m_tree->isExpanded(child))
                m_tree->expand(child);
            if (m_model->canFetchMore(child))
                m_model->fetchMore(child);
            open(child);
        }
    };
    open({});
    if (!m_model->isLoading() && !m_model->indexOfKey(keyId).isValid()) {
        m_revealId.clear();
        emit statusMessage(tr("Key %1 is not in this vault.").arg(m_revealKey.displayId));
    }
}

void KeysView::updateSummary()
{
    const qint64 total = m_model->totalKeys();
    m_summary->setText(m_model->isFiltered()
                           ? tr("%n key(s) match the filter", nullptr, int(std::min<qint64>(total, INT_MAX)))
                           : tr("%n key(s)", nullptr, int(std::min<qint64>(total, INT_MAX))));
}

void KeysView::saveState() const
{
    QSettings s;
    s.setValue(QStringLiteral("keys/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("keys/header"), m_tree->header()->saveState());
}

void KeysView::restoreState()
{
    QSettings s;
    m_splitter->restoreState(s.value(QStringLiteral("keys/splitter")).toByteArray());
    m_tree->header()->restoreState(s.value(QStringLiteral("keys/header")).toByteArray());
}

} // namespace kw::ui
