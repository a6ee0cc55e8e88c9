#pragma once
// Referral worklists as a table (awaiting triage, waiting for a first contact): one model, the
// columns chosen by the page. Holds the loaded rows; filters and sorts them in memory, so a
// header click never goes back to the database. Long waits are marked by text as well as a tint.
#include "domain/referralrules.h"

#include <QAbstractTableModel>
#include <vector>

namespace painmdt::ui {

class ReferralListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Priority, Received, DaysWaiting, Patient, NhsNumber, Source, Reason, Stratum, Pathway,
                  Born, KeyWorker, LastContact, NextCheckIn, Flag };
    enum Role { ReferralIdRole = Qt::UserRole + 1, SortRole };

    static constexpr int overdueDays = domain::overdueDays; // 4 weeks: "• 30"
    static constexpr int breachDays = domain::breachDays;   // 6 weeks: "⚠ 43"

    explicit ReferralListModel(std::vector<Column> columns, QObject *parent = nullptr);

    void setRows(std::vector<domain::ReferralRow> rows, const QDate &today);
    const domain::ReferralRow *rowAt(int row) const;
    int totalCount() const { return int(m_rows.size()); }

    // Keeps rows whose patient name, NHS number (any spacing) or pathway contains the text.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    int sortColumn() const { return m_sortColumn; } // -1 = the order the rows were loaded in
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    Column columnAt(int section) const { return m_columns.at(size_t(section)); }
    int sectionOf(Column column) const; // -1 when the column is not shown

    static QString daysText(int days);       // "11", "• 32", "⚠ 51"
    static QString stratumText(domain::Stratum stratum); // "Medium", "Incomplete", "Not scored"
    // "⚠ Overdue 3 d · 26-Nov-2026", "Due in 2 d · 01-Dec-2026", "No check-in planned".
    static QString checkInText(const QDate &nextDue, const QDate &today);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    int daysWaiting(const domain::ReferralRow &r) const;
    QString text(const domain::ReferralRow &r, Column column) const;
    QVariant sortKey(const domain::ReferralRow &r, Column column) const;
    QVariant background(const domain::ReferralRow &r, Column column) const;
    bool matches(const domain::ReferralRow &r) const;
    void applyFilterAndSort();

    std::vector<Column> m_columns;
    std::vector<domain::ReferralRow> m_rows; // as loaded
    std::vector<int> m_shown;                 // indexes into m_rows, filtered and sorted
    QDate m_today;
    QString m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace painmdt::ui
