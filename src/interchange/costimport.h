#pragma once
// `import --kind attendances`, `tariff` and `service-costs` (interchange contract; issue 10).
// Attendances are matched on attendance_ref; a row without one on its values, the k-th identical
// row of a file to the k-th stored one, so a file imported twice changes nothing and two real
// visits on one day stay two. Tariff lines are matched on (tariff, setting), service costs on
// their period.
#include "interchange/csvimport.h"
#include "services/attendanceservice.h"
#include "services/patientservice.h"

#include <QHash>

namespace painmdt::interchange {

class AttendanceImporter final : public RowImporter {
public:
    AttendanceImporter(services::AttendanceService &attendances, services::PatientService &patients)
        : m_attendances(attendances), m_patients(patients) {}
    QString kind() const override { return QStringLiteral("attendances"); }
    std::vector<ColumnSpec> columns() const override;
    void begin() override { m_seenRefs.clear(); m_seenRows.clear(); m_patientIds.clear(); m_loadAnnounced = false; }
    void expectRows(qsizetype atMost) override { m_expected = atMost; }
    RowResult importRow(const CsvRow &row) override;
    int batchSize() const override { return 500; }
    std::vector<RowResult> importBatch(const std::vector<CsvRow> &rows) override;

private:
    std::vector<RowResult> importRows(const std::vector<CsvRow> &rows);
    Result<QHash<QString, qint64>> patientIdsOf(const std::vector<CsvRow> &rows);
    domain::Attendance read(const CsvRow &row, const QHash<QString, qint64> &patientIds, std::vector<ImportIssue> &issues);
    std::optional<domain::Attendance> sameStored(const domain::Attendance &a, RowResult &result);

    services::AttendanceService &m_attendances;
    services::PatientService &m_patients;
    QHash<QString, int> m_seenRefs; // ref -> first line
    QHash<QString, int> m_seenRows; // a ref-less row's values -> how many seen so far
    // patient_ref -> id, kept for the file: the import's transaction holds the write lock, so no
    // patient can come or go meanwhile, and a patient's rows are spread over the whole file.
    QHash<QString, qint64> m_patientIds;
    qsizetype m_expected = 0;
    bool m_loadAnnounced = false; // AttendanceService::expectLoad, after the first batch
};

class TariffImporter final : public RowImporter {
public:
    explicit TariffImporter(services::AttendanceService &attendances) : m_attendances(attendances) {}
    QString kind() const override { return QStringLiteral("tariff"); }
    std::vector<ColumnSpec> columns() const override;
    void begin() override { m_seen.clear(); }
    RowResult importRow(const CsvRow &row) override;

private:
    services::AttendanceService &m_attendances;
    QHash<QString, int> m_seen;
};

class ServiceCostImporter final : public RowImporter {
public:
    explicit ServiceCostImporter(services::AttendanceService &attendances) : m_attendances(attendances) {}
    QString kind() const override { return QStringLiteral("service-costs"); }
    std::vector<ColumnSpec> columns() const override;
    void begin() override { m_seen.clear(); }
    RowResult importRow(const CsvRow &row) override;

private:
    services::AttendanceService &m_attendances;
    QHash<QString, int> m_seen;
};

// "114", "114.50", "£1,035.20" -> pounds; nullopt (with an issue) for anything else.
std::optional<double> poundsIn(const CsvRow &row, const char *column, std::vector<ImportIssue> &issues);

} // namespace painmdt::interchange
