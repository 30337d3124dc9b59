#pragma once

#include "revocation/Incident.h"
#include "revocation/LeakScan.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace kw::ui {

class Session;
class TypedConfirmation;

// The emergency revocation panel, for a responder under pressure. Find: paste a leaked secret or a log
// excerpt (every key-looking string is checksum-checked and looked up by hash, offline) or search by
// display id, owner, project, service, tag, creation date or last client address. Assess: the whole
// cascade, services and projects hit, recent traffic per key, backup keys, contacts to be told. Act: an
// incident id, a reason and a typed confirmation revoke everything at once; backups are activated or
// replacements issued in the same flow (their secrets shown once), contacts are notified, and the
// incident's audit trail and a printable report follow. Keyboard only: Ctrl+Return finds, Ctrl+Shift+Return
// revokes.
class RevocationView : public QWidget {
    Q_OBJECT
public:
    explicit RevocationView(QWidget* parent = nullptr);
    ~RevocationView() override;
    void setSession(Session* session);

    void focusFind(); // the paste box, ready for Ctrl+V
    void scanPasted();
    void search();
    void revoke();
    void reset(); // a new incident: clears everything, wipes the shown secrets

    // For tests.
    QStringList candidateIds() const;
    QStringList checkedIds() const;
    void setChecked(const QString& keyId, bool checked);
    const Impact& impact() const { return m_impact; }
    const IncidentOutcome& outcome() const { return m_outcome; }
    bool isBusy() const { return m_busy; }
    bool isAssessing() const { return m_assessing; }
    quint64 assessments() const { return m_assessments; }
    int shownSecretCount() const { return int(m_secrets.size()); }
    Status exportReport(const QString& path) const;

signals:
    void revoked(const QStringList& keyIds);

private:
    struct Candidate {
        KeyRecord key;
        QString source;
    };
    void buildFind(QWidget* page);
    void setCandidates(const QList<Candidate>& candidates, bool checkAll);
    void scheduleAssessment();
    void assess();
    void showImpact();
    void updateActButton();
    void runStep(int step);
    void showOutcome();
    void wipeSecrets();

    QPointer<Session> m_session;
    QList<Candidate> m_candidates;
    Impact m_impact;
    IncidentOutcome m_outcome;
    std::vector<std::pair<QString, SecureBytes>> m_secrets; // display id → new secret, shown once
    QTimer m_assessTimer;
    quint64 m_assessToken = 0;
    quint64 m_assessments = 0;
    bool m_assessing = false;
    bool m_busy = false;
    bool m_stopRecovery = false;
    QList<QPair<QString, QString>> m_recovery; // selected key id → backup key id to activate ("" = replacement)
    int m_recoveryIndex = 0;

    QTabWidget* m_findTabs;
    QPlainTextEdit* m_paste;
    QLabel* m_scanResult;
    QLineEdit* m_text;
    QLineEdit* m_owner;
    QComboBox* m_project;
    QLineEdit* m_service;
    QLineEdit* m_tag;
    QCheckBox* m_createdRange;
    QDateEdit* m_createdFrom;
    QDateEdit* m_createdTo;
    QLineEdit* m_clientIp;
    QTreeWidget* m_candidatesView;
    QCheckBox* m_cascade;
    QTreeWidget* m_impactView;
    QLabel* m_impactSummary;
    QLineEdit* m_incident;
    QLineEdit* m_reason;
    QCheckBox* m_activateBackups;
    QCheckBox* m_issueReplacements;
    QCheckBox* m_notify;
    TypedConfirmation* m_confirm;
    QPushButton* m_revoke;
    QProgressBar* m_progress;
    QLabel* m_progressText;
    QPlainTextEdit* m_secretsView;
    QPushButton* m_copySecrets;
    QLabel* m_result;
    QTreeWidget* m_trail;
    QPushButton* m_exportReport;
    QPushButton* m_newIncident;
};

} // namespace kw::ui
