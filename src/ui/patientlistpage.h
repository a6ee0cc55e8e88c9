#pragma once
// Find any of 100,000 patients as you type: name prefix, NHS number (any spacing), date of
// birth in any entry form, patient ref, or a combination ("smith 1960"). Searches run on the
// background reader; the list refreshes itself when patients change (services/changehub.h).
#include "domain/patientsearch.h"
#include "domain/result.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace painmdt::services { class BackgroundReader; class ChangeHub; }

namespace painmdt::ui {

class LiveRefresh;
class PatientListModel;

class PatientListPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int pageSize = 200; // rows shown; type more to narrow

    PatientListPage(services::BackgroundReader &reader, services::ChangeHub *hub, QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    QTableView *table() const { return m_table; }
    PatientListModel *model() const { return m_model; }
    void focusSearch();
    void refresh(); // runs the current search again, in the background, keeping the highlighted patient
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void patientActivated(qint64 id);
    void loaded(); // a search's answer (or its error) is on screen

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void activateCurrent();
    void setColumnWidths();
    void searchTyped(); // a new search: its answer starts at the first row
    struct Listing {
        domain::PatientMatches matches;
        int total = -1; // all live patients, counted only when nothing is typed
    };
    void showListing(const Result<Listing> &listing, bool everyone, bool latest);

    services::BackgroundReader &m_reader;
    LiveRefresh *m_live;
    // Enter pressed while a search is still running opens the first row of *its* answer, never a
    // row of the answer before (a fast typist would open the wrong patient).
    quint64 m_asked = 0, m_shown = 0;
    bool m_openWhenShown = false;
    bool m_selectFirst = true; // until the answer to what was typed is shown
    qint64 m_highlighted = 0;  // kept across a reload of the same search
    QLineEdit *m_search;
    QLabel *m_status;
    QTableView *m_table;
    PatientListModel *m_model;
};

} // namespace painmdt::ui
