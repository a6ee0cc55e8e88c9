#pragma once
// Tariffs and service costs (issue 10), for a service manager or an administrator: the unit
// cost of each setting in a named tariff with its price year and its source (a figure nobody can
// trace is refused), a new tariff started from a copy of another (next year's prices), and what
// the service cost over each period. Everything on screen is saved together or not at all;
// problems name the row and the column. Other roles see the figures read-only.
#include "domain/attendance.h"
#include "services/actor.h"

#include <QDialog>
#include <QStringList>
#include <tuple>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace painmdt::services { class AttendanceService; }

namespace painmdt::ui {

class CostsDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { SettingColumn, CostColumn, YearColumn, SourceColumn };

    CostsDialog(services::AttendanceService &service, const services::StampSource &session, QWidget *parent = nullptr);

    QComboBox *tariffBox() const { return m_tariffs; }
    QTableWidget *linesTable() const { return m_lines; }
    QTableWidget *costsTable() const { return m_costs; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *saveButton() const { return m_save; }

    bool save();                          // false when nothing was saved (the message says why)
    void newTariff(const QString &name);  // a copy of the tariff on screen under `name`, unsaved
    void addPeriod();
    bool isDirty() const { return m_dirty; }

    void reject() override; // unsaved changes are offered to save, never dropped silently

private:
    void load(const QString &tariff);
    void showLines(const domain::Tariff *tariff);
    void askNewTariff();
    // What is wrong, in words, and the cells it is about (the first gets the focus).
    struct Problems {
        QStringList text;
        std::vector<std::tuple<QTableWidget *, int, int>> cells;
        void add(const QString &message, QTableWidget *table, int row, int column)
        {
            text << message;
            cells.emplace_back(table, row, column);
        }
    };
    std::vector<domain::TariffLine> editedLines(Problems &problems) const;
    std::vector<domain::ServiceCost> editedCosts(Problems &problems) const;
    void markProblems(const Problems &problems); // each bad cell marked, the first one focused
    void setMessage(const QString &text, bool problem);

    services::AttendanceService &m_service;
    bool m_editable;
    std::vector<domain::Tariff> m_known;
    std::vector<domain::ServiceCost> m_storedCosts; // as loaded: a save is checked against these
    QString m_newName; // a tariff begun here, not yet saved
    QString m_shown;   // the tariff whose lines are on screen
    QComboBox *m_tariffs;
    QTableWidget *m_lines;
    QTableWidget *m_costs;
    QLabel *m_message;
    QPushButton *m_save;
    bool m_dirty = false;
};

} // namespace painmdt::ui
