#pragma once

#include "reports/Report.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace kw::ui {

class Session;

// Reports and exports: choose the report, its scope and period and the format, create it (built and signed where the
// data is — by the key server for a remote session), then open the file. The detached signature is written beside
// it (FILE.sig) and shown here.
class ReportsView : public QWidget {
    Q_OBJECT
public:
    explicit ReportsView(QWidget* parent = nullptr);
    ~ReportsView() override;

    void setSession(Session* session);
    void createReport();
    void cancel();

    // The request the form describes (the period resolved against `nowMs`).
    ReportRequest request(qint64 nowMs) const;
    QString outputPath() const;
    QString resultText() const;
    bool isRunning() const { return m_running; }

signals:
    void reportWritten(const QString& path, const QString& signaturePath);
    void statusMessage(const QString& message);

private:
    void loadScopes();
    void updatePeriodChoices();
    void updateSuggestedPath();
    void setRunning(bool running);
    void finished(const QString& path, Result<SignedReport> report);

    QPointer<Session> m_session;
    QComboBox* m_type;
    QLabel* m_typeHelp;
    QComboBox* m_scope;
    QComboBox* m_period;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_format;
    QLineEdit* m_file;
    QPushButton* m_browse;
    QPushButton* m_create;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_result;
    QPushButton* m_open;
    QPlainTextEdit* m_signature;
    QString m_lastPath;
    bool m_pathEdited = false;
    bool m_running = false;
    quint64 m_token = 0;
};

} // namespace kw::ui
