#include "interchange/democosts.h"

#include "interchange/costimport.h"
#include "interchange/demorandom.h"
#include "services/attendanceservice.h"
#include "services/patientservice.h"
#include "storage/reportqueries.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>

// Q_INIT_RESOURCE must be called outside any namespace; the .qrc lives in a static library.
static void initTariffResources() { Q_INIT_RESOURCE(tariffs); }

namespace painmdt::interchange {

namespace {

// Visits a year by setting before the team: a frequent attender's pattern.
struct Pattern {
    const char *setting;
    int least, spread; // least + below(spread) a year
};
constexpr Pattern before[] = {{"ae", 8, 22}, {"non_elective_admission", 2, 5}, {"outpatient_followup", 1, 5},
                              {"gp", 4, 9},  {"ambulance", 1, 5}};
constexpr int frequentAttendersPercent = 3; // of the people seen (more made the 100,000-patient demo too slow)
constexpr double serviceCostPerPerson = 90; // pounds per person first seen in the year: invented, for the demo

Status importTariff(storage::Database &db, services::AttendanceService &costs)
{
    static const bool loaded = (initTariffResources(), true);
    Q_UNUSED(loaded);
    QFile file(QStringLiteral(":/tariffs/example-tariff.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("Demo", "The example tariff is missing from this build.")};
    TariffImporter importer(costs);
    const auto summary = importCsv(db, importer, file.readAll(), {});
    if (!summary.ok)
        return Error{summary.error.isEmpty() ? summary.issues.front().text() : summary.error};
    return success();
}

// One patient's visits: `count` spread over [from, to], none after today.
Status addVisits(services::AttendanceService &costs, Rng &rng, qint64 patientId, const char *setting, int count,
                 const QDate &from, const QDate &to, DemoSummary &summary)
{
    const qint64 days = from.daysTo(to);
    for (int i = 0; i < count && days > 0; ++i) {
        domain::Attendance a;
        a.patientId = patientId;
        a.attendedOn = from.addDays(1 + rng.below(int(days)));
        a.setting = QString::fromLatin1(setting);
        if (domain::isAdmission(a.setting))
            a.bedDays = 1 + rng.below(9);
        const auto saved = costs.add(a);
        if (saved.problem.fault || saved.problem.forbidden)
            return Error{saved.problem.summary()};
        summary.attendances += saved.ok() ? 1 : 0; // a date after the patient died is skipped
    }
    return success();
}

} // namespace

Status addDemoCosts(storage::Database &db, const services::StampSource &stamps, const QDate &today, DemoSummary &summary)
{
    services::AttendanceService costs(db, stamps);
    if (Status s = importTariff(db, costs); !s)
        return s;
    const auto seen = storage::indexDates(db, today.addYears(-10), today, today);
    if (!seen)
        return seen.failure();
    for (int year = 1; year >= 0; --year) { // a service whose cost grows with the people it sees
        domain::ServiceCost cost{0, today.addYears(-year - 1).addDays(1), today.addYears(-year), 0, 0};
        cost.cost = serviceCostPerPerson * double(std::count_if(seen->begin(), seen->end(), [&](const storage::IndexRow &r) {
                        return r.indexOn >= cost.from && r.indexOn <= cost.to;
                    }));
        if (const auto saved = costs.saveServiceCost(cost); !saved.ok())
            return Error{saved.problem.summary()};
    }
    for (const auto &person : seen.value()) {
        Rng rng(quint64(person.patientId) * 7919u + 13u); // the rest of the demo's random stream is untouched
        if (!rng.chance(frequentAttendersPercent))
            continue;
        const int roll = rng.below(100); // after: mostly fewer, some the same, some more
        const int percentAfter = roll < 65 ? 25 + rng.below(35) : roll < 85 ? 90 + rng.below(20) : 120 + rng.below(30);
        const int percentEarlier = 45 + rng.below(40); // the year before that: lower, the peak came at referral
        const QDate end = std::min(today, person.indexOn.addYears(1));
        const double elapsed = double(person.indexOn.daysTo(end)) / 365.0;
        for (const Pattern &p : before) {
            const int count = p.least + rng.below(p.spread);
            if (Status s = addVisits(costs, rng, person.patientId, p.setting, count, person.indexOn.addYears(-1), person.indexOn,
                                     summary); !s)
                return s;
            const int earlier = int(count * percentEarlier / 100.0 + 0.5);
            if (Status s = addVisits(costs, rng, person.patientId, p.setting, earlier, person.indexOn.addYears(-2),
                                     person.indexOn.addYears(-1), summary); !s)
                return s;
            const int later = int(count * percentAfter / 100.0 * elapsed + 0.5);
            if (Status s = addVisits(costs, rng, person.patientId, p.setting, later, person.indexOn, end, summary); !s)
                return s;
        }
    }
    return success();
}

} // namespace painmdt::interchange
