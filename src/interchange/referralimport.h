#pragma once
// `import --kind referrals`, `contacts` and `assessments` (interchange contract). Rows are
// matched on their *_ref (contacts and assessments without one on their other columns), so
// importing the same file twice changes nothing the second time.
#include "interchange/csvimport.h"
#include "services/referralservice.h"
#include "storage/patientrepository.h"

#include <QHash>

namespace painmdt::interchange {

// Shared by the three: row numbers of refs already seen in this file.
class EpisodeImporter : public RowImporter {
public:
    explicit EpisodeImporter(services::ReferralService &service)
        : m_service(service) {}
    void begin() override { m_seen.clear(); }

protected:
    // Issue when `ref` appeared earlier in the file; records it otherwise.
    bool repeated(const CsvRow &row, const char *column, std::vector<ImportIssue> &issues);
    std::optional<domain::Patient> patient(const CsvRow &row, RowResult &result);
    std::optional<domain::Referral> referral(const CsvRow &row, bool required, RowResult &result);

    services::ReferralService &m_service;

private:
    QHash<QString, int> m_seen;
};

class ReferralImporter final : public EpisodeImporter {
public:
    using EpisodeImporter::EpisodeImporter;
    QString kind() const override { return QStringLiteral("referrals"); }
    std::vector<ColumnSpec> columns() const override;
    RowResult importRow(const CsvRow &row) override;
};

class ContactImporter final : public EpisodeImporter {
public:
    using EpisodeImporter::EpisodeImporter;
    QString kind() const override { return QStringLiteral("contacts"); }
    std::vector<ColumnSpec> columns() const override;
    RowResult importRow(const CsvRow &row) override;

private:
    domain::Contact fromRow(const CsvRow &row, domain::Contact base, std::vector<ImportIssue> &issues) const;
};

class AssessmentImporter final : public EpisodeImporter {
public:
    using EpisodeImporter::EpisodeImporter;
    QString kind() const override { return QStringLiteral("assessments"); }
    std::vector<ColumnSpec> columns() const override;
    RowResult importRow(const CsvRow &row) override;

private:
    void readAnswers(domain::Assessment &a, bool stored, const CsvRow &row, RowResult &result);
};

} // namespace painmdt::interchange
