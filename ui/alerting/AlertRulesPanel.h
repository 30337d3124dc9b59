#pragma once

#include "alerts/Alert.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace kw::ui {

class Session;

// The alert rules: a table of every rule (kind, scope, thresholds, window, severity, who is told, block, on/off)
// and an editor for the selected one or a new one. Saving validates the rule (the error names the field);
// administrators only.
class AlertRulesPanel : public QWidget {
    Q_OBJECT
public:
    explicit AlertRulesPanel(QWidget* parent = nullptr);
    void setSession(Session* session);
    void refresh();
    void newRule();
    void saveRule();
    void removeRule();
    const QList<AlertRule>& rules() const { return m_rules; }

signals:
    void statusMessage(const QString& message);

private:
    void showRules(const QList<AlertRule>& rules);
    void edit(const AlertRule& rule);
    Result<AlertRule> fromEditor() const;
    void updateActions();

    QPointer<Session> m_session;
    QList<AlertRule> m_rules;
    qint64 m_editing = 0;
    QTableWidget* m_table;
    QComboBox* m_kind;
    QCheckBox* m_enabled;
    QLineEdit* m_thresholds;
    QLineEdit* m_window;
    QLineEdit* m_project;
    QLineEdit* m_service;
    QComboBox* m_severity;
    QCheckBox* m_notifyContacts;
    QCheckBox* m_notifyOwner;
    QLineEdit* m_block;
    QLabel* m_hint;
    QPushButton* m_new;
    QPushButton* m_save;
    QPushButton* m_remove;
};

} // namespace kw::ui
