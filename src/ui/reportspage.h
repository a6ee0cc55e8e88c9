#pragma once
// Reports (issue 10): the manager's dashboard on top, each figure one click from its report;
// below it, pick a report and a period, run it on the worker thread (progress, cancel), preview
// it as it will print, and save it as PDF, CSV or JSON or print it. Every run and every copy that
// leaves PainMDT is in the audit trail (clinical reference §5).
#include "reporting/dashboard.h"
#include "reporting/printeddocument.h"
#include "services/actor.h"
#include "services/workspace.h"

#include <QJsonObject>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPrinter;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace painmdt::services { class BackgroundReader; class ChangeHub; }

namespace painmdt::ui {

class ClinicalDateEdit;
class LiveRefresh;

class ReportsPage : public QWidget {
    Q_OBJECT
public:
    ReportsPage(std::shared_ptr<services::Database> database, services::BackgroundReader &reader,
                services::ChangeHub *hub, const services::StampSource &session, QWidget *parent = nullptr);

    QListWidget *reportList() const { return m_list; }
    QComboBox *periodBox() const { return m_preset; }
    ClinicalDateEdit *fromEdit() const { return m_from; }
    ClinicalDateEdit *toEdit() const { return m_to; }
    ClinicalDateEdit *asOfEdit() const { return m_asOf; }
    QSpinBox *windowBox() const { return m_window; }
    QComboBox *indexBox() const { return m_index; }
    QComboBox *tariffBox() const { return m_tariff; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QTextBrowser *preview() const { return m_preview; }
    QLabel *statusLabel() const { return m_status; }
    QList<QPushButton *> tiles() const { return m_tiles; }
    const QJsonObject &figures() const { return m_figures; } // empty until a report is shown

    void selectReport(const QString &name);
    void setPeriod(const reporting::ReportPeriod &period);
    void run();
    void cancel();
    void refreshDashboard();

    // No dialog: what the Save and Print buttons do once a file or a printer is chosen.
    Status exportTo(const QString &path, const QString &format); // "pdf", "csv" or "json"
    Status printTo(QPrinter &printer);

Q_SIGNALS:
    void reportShown();     // a run's answer (figures or an error) is on screen
    void dashboardLoaded();

private:
    QWidget *makeDashboard();
    QWidget *makeChooser();
    QWidget *makeCostOptions(QWidget *parent);
    QWidget *makeOutputs();
    void applyPreset();
    void reportChanged();
    void loadTariffs();
    Result<reporting::ReportPeriod> chosenPeriod() const;
    void setBusy(bool busy);
    void showFigures(const QString &name, const reporting::ReportPeriod &period, const Result<QJsonObject> &figures);
    void showDashboard(const Result<std::vector<reporting::DashboardTile>> &tiles);
    void saveAs(const QString &format);
    void print();
    reporting::PrintedDocument document() const;

    std::shared_ptr<services::Database> m_database;
    services::BackgroundReader &m_reader;
    services::StampSource m_session;
    LiveRefresh *m_live;
    QList<QPushButton *> m_tiles;
    std::vector<reporting::DashboardTile> m_tileData;
    QListWidget *m_list;
    QComboBox *m_preset;
    ClinicalDateEdit *m_from, *m_to, *m_asOf;
    QLabel *m_costLabel;
    QWidget *m_costOptions;
    QSpinBox *m_window;
    QComboBox *m_index;
    QComboBox *m_tariff;
    QLabel *m_windowHint;
    QPushButton *m_run, *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTextBrowser *m_preview;
    QList<QPushButton *> m_outputs;
    QJsonObject m_figures;
    reporting::ReportPeriod m_shownPeriod;
    bool m_busy = false;
    quint64 m_generation = 0; // a run's answer counts only if no later run or cancel came first
};

} // namespace painmdt::ui
