#pragma once
// `import --kind patients` (interchange contract): rows matched on patient_ref, so importing
// the same file twice changes nothing the second time.
#include "interchange/csvimport.h"
#include "services/patientservice.h"

#include <QHash>

namespace painmdt::interchange {

class PatientImporter final : public RowImporter {
public:
    explicit PatientImporter(services::PatientService &service) : m_service(service) {}
    QString kind() const override { return QStringLiteral("patients"); }
    std::vector<ColumnSpec> columns() const override;
    void begin() override { m_seenRefs.clear(); }
    RowResult importRow(const CsvRow &row) override;

private:
    // `base` (the stored patient, or a new one) with the row's columns applied.
    domain::Patient fromRow(const CsvRow &row, domain::Patient base, std::vector<ImportIssue> &issues) const;

    services::PatientService &m_service;
    QHash<QString, int> m_seenRefs; // patient_ref -> line, to catch a ref repeated in one file
};

} // namespace painmdt::interchange
