#pragma once

#include "domain/KeyRecord.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QSplitter;
class QTreeView;

namespace kw::ui {

class KeyActions;
class KeyDetailsPanel;
class KeyTreeModel;
class Session;

// The key hierarchy: filters on top (applied by the store), the lazy tree, and the details of the current
// key beside it. Selection feeds the key actions; the current node gives the create wizard its defaults.
class KeysView : public QWidget {
    Q_OBJECT
public:
    explicit KeysView(QWidget* parent = nullptr);
    ~KeysView() override;

    void setSession(Session* session);
    void setActions(KeyActions* actions);
    // Shows one key: narrows the tree to it, opens its path and selects it.
    void revealKey(const KeyRecord& key);
    void focusFilter();

    KeyTreeModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    KeyDetailsPanel* details() const { return m_details; }
    QList<KeyRecord> selectedKeys() const;

    void saveState() const;
    void restoreState();

signals:
    void selectionChanged(const QList<KeyRecord>& keys);
    void statusMessage(const QString& message);

private:
    void applyFilter();
    void onCurrentChanged();
    void onFetched();
    void expandTo(const QString& keyId);
    void updateSummary();

    QPointer<Session> m_session;
    KeyTreeModel* m_model;
    QTreeView* m_tree;
    KeyDetailsPanel* m_details;
    QSplitter* m_splitter;
    QLineEdit* m_text;
    QComboBox* m_status;
    QLineEdit* m_environment;
    QLineEdit* m_tag;
    QSpinBox* m_expiring;
    QLabel* m_summary;
    QTimer m_filterDelay;
    QPointer<KeyActions> m_actions;
    QString m_revealId; // a key to open and select as its path loads
    KeyRecord m_revealKey;
};

} // namespace kw::ui
