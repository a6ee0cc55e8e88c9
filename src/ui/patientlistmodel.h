#pragma once
// Search results as a table: enough to tell two J SMITHs born the same year apart (ux.md).
#include "domain/patient.h"

#include <QAbstractTableModel>
#include <vector>

namespace painmdt::ui {

class PatientListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Born, Gender, NhsNumber, PatientRef, Postcode, ColumnCount };
    enum Role { PatientIdRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void setPatients(std::vector<domain::Patient> patients, const QDate &today);
    const domain::Patient *patientAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const domain::Patient &p, int column) const;

    std::vector<domain::Patient> m_patients;
    QDate m_today;
};

} // namespace painmdt::ui
