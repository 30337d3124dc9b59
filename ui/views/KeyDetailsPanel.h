#pragma once

#include "domain/KeyRecord.h"

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace kw::ui {

class Session;
class Sparkline;

// Everything about one key beside the tree: metadata, effective policy (and where each rule comes from),
// relations, last use and a 30-day usage sparkline, expiration history, and the audit entries naming it.
// Loads on the session's thread; a result for a key no longer shown is dropped.
class KeyDetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit KeyDetailsPanel(QWidget* parent = nullptr);

    void setSession(Session* session);
    void showKey(const KeyRecord& key);
    void clear();
    QString keyId() const { return m_key.id; }
    bool isLoading() const { return m_pending > 0; }
    // The text shown for a field (objectName "detail.<field>"), for tests.
    QString fieldText(const QString& field) const;

signals:
    void keyActivated(const QString& keyId); // a parent, child or dependency link was followed
    void loadedDetails();

private:
    QLabel* addField(const QString& field, const QString& label);
    void setField(const QString& field, const QString& text);
    void loadExtras();
    void finishOne();

    QPointer<Session> m_session;
    KeyRecord m_key;
    quint64 m_token = 0;
    int m_pending = 0;

    QStackedWidget* m_stack;
    QLabel* m_title;
    QTabWidget* m_tabs;
    QFormLayout* m_form;
    QHash<QString, QLabel*> m_fields;
    Sparkline* m_sparkline;
    QLabel* m_usageSummary;
    QTreeWidget* m_policy;
    QTreeWidget* m_history;
    QTreeWidget* m_audit;
};

} // namespace kw::ui
