// `painmdt report outcomes` (interchange contract "Reports"; clinical reference §2) on
// tests/data/outcomes-fixture, through import and the command line. Period 01-Jan-2024 ..
// 30-Jun-2024, as of 31-Dec-2024. Worked by hand:
// PHQ-9 (total): O1 15 -> 5 (follow-up 10-Sep, after the period but by as-of; falls 10: meaningful)
//   O2 9 -> 12; O3 baseline 15-Dec-2023, outside the period (a later assessment is not a
//   baseline): not eligible; O4 review on the baseline's own day: not a follow-up, unpaired;
//   O5 only an incomplete review: unpaired; O6 returned blank first (not a baseline), then 7 -> 7;
//   O9 follow-up after as-of: unpaired. Eligible 6, paired 3 (50.0 %, not "caution"), means
//   31/3 = 10.33 -> 24/3 = 8.0, change -7/3 = -2.33, meaningful 1 of 3 = 33.3 %. In the period:
//   14 administrations, 2 incomplete (O5's review, O6's blank), 1 returned blank.
// GAD-7: O1 12 -> 6 (falls 6 >= 4: meaningful), O2 5 -> 10. Means 8.5 -> 8.0, change -0.5, 50.0 %.
// NRS: O7 8 -> 5 (37.5 % fall: meaningful), O8 0 -> 0 (a baseline of 0 cannot fall 30 %: not
//   improved), O1 6 -> 5 (16.7 %). Means 4.67 -> 3.33, change -1.33, 33.3 %.
// Mood (paired on both: O1, O2): O1 at caseness (PHQ-9 15) and off it at the end, both fell
//   reliably -> reliable improvement, recovery, reliable recovery; O2 GAD-7 rose 5 -> reliable
//   deterioration. 2 patients, 1 at caseness; 50.0 % improvement, 50.0 % deterioration, recovery
//   1 of 1 = 100.0 %.
// Change each way and its spread (service outcome report): PHQ-9 changes -10, +3, 0: median 0,
//   sd 6.81, se 3.93, t(2) 4.303: 95 % CI -19.24 to 14.58; improved 1, deteriorated 0 (+3 < 5),
//   no change 2. GAD-7 -6, +5: improved 1, deteriorated 1 (a rise of 5 >= 4), CI -0.5 +- 12.706 x
//   5.5 = -70.38 to 69.38. NRS -3, 0, -1: median -1, CI -5.13 to 2.46; O8's baseline of 0 cannot be
//   judged either way, O1's 16.7 % is no meaningful change.
// PGIC (latest per patient in the period): O1 1 (10 May's 2 is earlier), O2 5, O7 4; O8's 15-Jul
//   is outside. 3 patients, improved (1-2) 1 = 33.3 %.
// FFT (responses in the period): O1 1, O2 4, O4 6 (don't know); O5 blank: incomplete; O6 in
//   August: outside. 3 responses, positive 1 = 33.3 %, negative 1 = 33.3 %.
#include "cli/clisupport.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace painmdt;
using namespace painmdt::test;

namespace {

void importFixture(Cli &cli, const QString &db)
{
    for (const char *kind : {"patients", "assessments"}) {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QString::fromLatin1(kind),
                                   data("outcomes-fixture/") + QString::fromLatin1(kind) + QStringLiteral(".csv")});
        INFO(describe(o));
        REQUIRE(o.exitCode == 0);
    }
}

QStringList outcomesReport(const QString &db, const QStringList &more = {})
{
    return QStringList{QStringLiteral("report"), QStringLiteral("outcomes"), QStringLiteral("--db"), db,
                       QStringLiteral("--from"), QStringLiteral("2024-01-01"), QStringLiteral("--to"),
                       QStringLiteral("2024-06-30"), QStringLiteral("--as-of"), QStringLiteral("2024-12-31")}
           + more;
}

} // namespace

TEST_CASE("painmdt report outcomes: the hand-worked fixture, in json, csv and pdf", "[cli][report][outcomes]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("outcomes.sqlite"));
    importFixture(cli, db);

    const Outcome json = cli.run(outcomesReport(db));
    INFO(describe(json));
    REQUIRE(json.exitCode == 0);
    const QJsonObject r = QJsonDocument::fromJson(json.out.toUtf8()).object();
    const QJsonObject instruments = r.value(QStringLiteral("instruments")).toObject();
    const QJsonObject phq9 = instruments.value(QStringLiteral("phq9")).toObject();
    CHECK(phq9.value(QStringLiteral("eligible")).toInt() == 6);
    CHECK(phq9.value(QStringLiteral("paired")).toInt() == 3);
    CHECK(phq9.value(QStringLiteral("pct_paired")).toDouble() == 50.0);
    CHECK_FALSE(phq9.value(QStringLiteral("interpret_with_caution")).toBool());
    CHECK(phq9.value(QStringLiteral("mean_baseline")).toDouble() == 10.33);
    CHECK(phq9.value(QStringLiteral("mean_latest")).toDouble() == 8.0);
    CHECK(phq9.value(QStringLiteral("mean_change")).toDouble() == -2.33);
    CHECK(phq9.value(QStringLiteral("pct_meaningful_improvement")).toDouble() == 33.3);
    CHECK(phq9.value(QStringLiteral("administrations")).toInt() == 14);
    CHECK(phq9.value(QStringLiteral("median_change")).toDouble() == 0);
    CHECK(phq9.value(QStringLiteral("mean_change_ci95_low")).toDouble() == -19.24);
    CHECK(phq9.value(QStringLiteral("mean_change_ci95_high")).toDouble() == 14.58);
    CHECK(phq9.value(QStringLiteral("meaningful_deterioration")).toInt() == 0);
    CHECK(phq9.value(QStringLiteral("no_meaningful_change")).toInt() == 2);
    CHECK(phq9.value(QStringLiteral("incomplete")).toInt() == 2);
    CHECK(phq9.value(QStringLiteral("returned_blank")).toInt() == 1);
    const QJsonObject gad7 = instruments.value(QStringLiteral("gad7")).toObject();
    CHECK(gad7.value(QStringLiteral("paired")).toInt() == 2);
    CHECK(gad7.value(QStringLiteral("mean_baseline")).toDouble() == 8.5);
    CHECK(gad7.value(QStringLiteral("mean_change")).toDouble() == -0.5);
    CHECK(gad7.value(QStringLiteral("pct_meaningful_improvement")).toDouble() == 50.0);
    CHECK(gad7.value(QStringLiteral("meaningful_deterioration")).toInt() == 1);
    CHECK(gad7.value(QStringLiteral("mean_change_ci95_low")).toDouble() == -70.38);
    CHECK(gad7.value(QStringLiteral("mean_change_ci95_high")).toDouble() == 69.38);
    const QJsonObject nrs = instruments.value(QStringLiteral("nrs_pain")).toObject();
    CHECK(nrs.value(QStringLiteral("paired")).toInt() == 3);
    CHECK(nrs.value(QStringLiteral("mean_baseline")).toDouble() == 4.67);
    CHECK(nrs.value(QStringLiteral("mean_latest")).toDouble() == 3.33);
    CHECK(nrs.value(QStringLiteral("mean_change")).toDouble() == -1.33);
    CHECK(nrs.value(QStringLiteral("pct_meaningful_improvement")).toDouble() == 33.3);
    CHECK(nrs.value(QStringLiteral("median_change")).toDouble() == -1);
    CHECK(nrs.value(QStringLiteral("mean_change_ci95_low")).toDouble() == -5.13);
    CHECK(nrs.value(QStringLiteral("mean_change_ci95_high")).toDouble() == 2.46);
    CHECK(nrs.value(QStringLiteral("change_not_judged")).toInt() == 1);
    CHECK(nrs.value(QStringLiteral("no_meaningful_change")).toInt() == 1);
    CHECK(nrs.value(QStringLiteral("meaningful_deterioration")).toInt() == 0);
    const QJsonObject startback = instruments.value(QStringLiteral("startback")).toObject();
    CHECK(startback.value(QStringLiteral("eligible")).toInt() == 0); // listed, with nothing to measure
    CHECK(startback.value(QStringLiteral("mean_change")).isNull());
    CHECK(startback.value(QStringLiteral("pct_meaningful_improvement")).isNull()); // it has no rule

    const QJsonObject mood = r.value(QStringLiteral("mood")).toObject();
    CHECK(mood.value(QStringLiteral("patients")).toInt() == 2);
    CHECK(mood.value(QStringLiteral("at_caseness_at_start")).toInt() == 1);
    CHECK(mood.value(QStringLiteral("pct_reliable_improvement")).toDouble() == 50.0);
    CHECK(mood.value(QStringLiteral("pct_reliable_deterioration")).toDouble() == 50.0);
    CHECK(mood.value(QStringLiteral("pct_recovery")).toDouble() == 100.0);
    CHECK(mood.value(QStringLiteral("pct_reliable_recovery")).toDouble() == 100.0);

    const QJsonObject pgic = r.value(QStringLiteral("pgic")).toObject();
    CHECK(pgic.value(QStringLiteral("patients")).toInt() == 3);
    CHECK(pgic.value(QStringLiteral("by_answer")).toObject().value(QStringLiteral("1")).toInt() == 1);
    CHECK(pgic.value(QStringLiteral("by_answer")).toObject().value(QStringLiteral("2")).toInt() == 0);
    CHECK(pgic.value(QStringLiteral("pct_improved")).toDouble() == 33.3);
    const QJsonObject fft = r.value(QStringLiteral("fft")).toObject();
    CHECK(fft.value(QStringLiteral("responses")).toInt() == 3);
    CHECK(fft.value(QStringLiteral("pct_positive")).toDouble() == 33.3);
    CHECK(fft.value(QStringLiteral("pct_negative")).toDouble() == 33.3);
    CHECK(fft.value(QStringLiteral("incomplete")).toInt() == 1);
    checkGolden(json.out.toUtf8(), "outcomes.json");

    const Outcome csv = cli.run(outcomesReport(db, {QStringLiteral("--format"), QStringLiteral("csv")}));
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.contains(QStringLiteral("PHQ-9,6,3,50,No,10.33,8,-2.33,-19.24,14.58,0,1,33.3,2,66.7,0,0,0,14,")));
    checkGolden(csv.out.toUtf8(), "outcomes.csv");

    const QString pdf = cli.path(QStringLiteral("outcomes.pdf"));
    const Outcome printed = cli.run(outcomesReport(db, {QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("--out"), pdf}));
    INFO(describe(printed));
    REQUIRE(printed.exitCode == 0);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Outcomes")));
    CHECK(text.contains(QStringLiteral("PHQ-9")));
    CHECK(text.contains(QStringLiteral("-2.33")));
    CHECK(text.contains(QStringLiteral("Meaningful change from baseline, % of paired patients"))); // the chart's title
    CHECK(text.contains(QStringLiteral("Worse")));                                                 // and its legend
    CHECK_FALSE(text.contains(QStringLiteral("Outcomeone"))); // a multi-patient report names nobody
}
