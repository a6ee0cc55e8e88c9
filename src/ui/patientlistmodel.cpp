#include "ui/patientlistmodel.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"

namespace painmdt::ui {

using namespace painmdt::domain;

void PatientListModel::setPatients(std::vector<Patient> patients, const QDate &today)
{
    beginResetModel();
    m_patients = std::move(patients);
    m_today = today;
    endResetModel();
}

const Patient *PatientListModel::patientAt(int row) const
{
    return row >= 0 && row < int(m_patients.size()) ? &m_patients[size_t(row)] : nullptr;
}

int PatientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_patients.size());
}

int PatientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PatientListModel::text(const Patient &p, int column) const
{
    switch (column) {
    case Name: return displayName(p);
    case Born:
        return p.isDeceased() ? tr("%1 (died)").arg(formatClinicalDate(p.dateOfBirth))
                              : QStringLiteral("%1 (%2)").arg(formatClinicalDate(p.dateOfBirth),
                                                              formatAge(p.dateOfBirth, m_today));
    case Gender: return sexLabel(p.sex);
    case NhsNumber: return p.hasNhsNumber() ? formatNhsNumber(p.nhsNumber) : tr("Not recorded");
    case PatientRef: return p.patientRef;
    case Postcode: return p.postcode.isEmpty() ? tr("Not recorded") : p.postcode;
    }
    return {};
}

QVariant PatientListModel::data(const QModelIndex &index, int role) const
{
    const Patient *p = index.isValid() ? patientAt(index.row()) : nullptr;
    if (!p)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return text(*p, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == Born ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == NhsNumber && !p->hasNhsNumber()
                   ? tr("NHS number not known yet: trace it and record it") : QVariant();
    case PatientIdRole:
        return p->id;
    }
    return {};
}

QVariant PatientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Born: return tr("Born");
    case Gender: return tr("Gender");
    case NhsNumber: return tr("NHS No.");
    case PatientRef: return tr("Patient ref");
    case Postcode: return tr("Postcode");
    }
    return {};
}

} // namespace painmdt::ui
