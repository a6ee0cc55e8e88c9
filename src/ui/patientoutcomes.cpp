#include "ui/patientoutcomes.h"

#include "domain/clinicaldate.h"
#include "domain/outcomes.h"
#include "domain/referral.h"
#include "services/referralservice.h"
#include "ui/listtable.h"
#include "ui/questionnairedialog.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QAreaSeries>
#include <QMenu>
#include <QScatterSeries>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace painmdt::ui {

using domain::Assessment;
using domain::InstrumentDefinition;

namespace {

std::optional<double> mainValue(const InstrumentDefinition &d, const Assessment &a)
{
    return a.result.complete ? a.result.value(domain::mainScore(d)) : std::nullopt;
}

// The report's pairing rule (domain/outcomes.h) over one instrument's administrations, oldest first.
domain::OutcomePair pairOf(const std::vector<Assessment> &administrations)
{
    std::vector<domain::Administered> administered;
    for (const Assessment &a : administrations)
        administered.push_back({a.collectedOn, a.occasion, a.result.complete});
    return domain::outcomePair(administered);
}

QString valueText(std::optional<double> v) { return v ? QString::number(*v) : QStringLiteral("\u2013"); }

QString resultText(const Assessment &a)
{
    if (!a.result.complete)
        return QObject::tr("Incomplete (not scored)");
    QStringList parts;
    for (const auto &s : a.result.scores)
        parts << QStringLiteral("%1 %2").arg(s.id, valueText(s.value));
    if (!a.result.band.isEmpty())
        parts << a.result.band;
    return parts.join(QStringLiteral(" \u00B7 "));
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

// The highest score the chart needs: the bands' top, else the largest value seen.
double chartTop(const InstrumentDefinition &d, const std::vector<std::pair<QDate, double>> &points)
{
    double top = 1;
    for (const auto &band : d.bands)
        for (const auto &c : band.when)
            top = std::max(top, c.max.value_or(0));
    for (const auto &[on, v] : points)
        top = std::max(top, v);
    return top;
}

qreal msecs(const QDate &d) { return qreal(d.startOfDay().toMSecsSinceEpoch()); }

// Bands as shaded strips named in the legend (words, not colour alone): green for the better end,
// through yellow and orange, to red for the worse.
void addBands(QChart *chart, const InstrumentDefinition &d, const QDate &from, const QDate &to, double top)
{
    const QString score = domain::mainScore(d);
    const int count = int(std::count_if(d.bands.begin(), d.bands.end(), [&](const auto &b) {
        return b.when.size() == 1 && b.when.front().score == score;
    }));
    int shade = 0;
    for (const auto &band : d.bands) {
        if (band.when.size() != 1 || band.when.front().score != score)
            continue;
        const double low = band.when.front().min.value_or(0) - 0.5, high = band.when.front().max.value_or(top) + 0.5;
        auto *upper = new QLineSeries(chart), *lower = new QLineSeries(chart);
        *upper << QPointF(msecs(from), high) << QPointF(msecs(to), high);
        *lower << QPointF(msecs(from), std::max(0.0, low)) << QPointF(msecs(to), std::max(0.0, low));
        auto *area = new QAreaSeries(upper, lower);
        area->setName(QStringLiteral("%1 (%2\u2013%3)").arg(band.label).arg(band.when.front().min.value_or(0))
                          .arg(band.when.front().max.value_or(top)));
        const int step = count > 1 ? shade++ * 120 / (count - 1) : 0; // hue 120 (green) .. 0 (red)
        QColor fill = QColor::fromHsv(d.better == domain::Better::Higher ? step : 120 - step, 110, 245);
        fill.setAlpha(110);
        area->setBrush(fill);
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
    }
}

// One measure's course: bands, the scores, the baseline marked, the improvement line.
QWidget *courseChart(const InstrumentDefinition &d, const std::vector<Assessment> &administrations, QWidget *parent)
{
    std::vector<std::pair<QDate, double>> points;
    for (const Assessment &a : administrations)
        if (const auto v = mainValue(d, a))
            points.emplace_back(a.collectedOn, *v);
    auto *chart = new QChart;
    const QString scoreLabel = d.score(domain::mainScore(d)) ? d.score(domain::mainScore(d))->label : d.name;
    chart->setTitle(scoreLabel);
    const QDate from = points.front().first.addDays(-14), to = points.back().first.addDays(14);
    const double top = chartTop(d, points);
    addBands(chart, d, from, to, top);
    auto *line = new QLineSeries(chart);
    line->setName(QObject::tr("Score"));
    line->setPointsVisible(true);
    for (const auto &[on, v] : points)
        *line << QPointF(msecs(on), v);
    chart->addSeries(line);
    QString description;
    const auto pair = pairOf(administrations);
    if (pair.baseline && mainValue(d, administrations[*pair.baseline])) {
        const Assessment &b = administrations[*pair.baseline];
        const double base = *mainValue(d, b);
        auto *marker = new QScatterSeries(chart);
        marker->setName(QObject::tr("Baseline %1 on %2").arg(base).arg(domain::formatClinicalDate(b.collectedOn)));
        marker->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        marker->setMarkerSize(14);
        *marker << QPointF(msecs(b.collectedOn), base);
        chart->addSeries(marker);
        description = marker->name();
        if (const auto threshold = domain::improvementThreshold(d, base)) {
            auto *goal = new QLineSeries(chart);
            goal->setName(QObject::tr("Meaningful improvement reached at %1").arg(*threshold));
            QPen dashed(Qt::darkGreen, 2, Qt::DashLine);
            goal->setPen(dashed);
            *goal << QPointF(msecs(from), *threshold) << QPointF(msecs(to), *threshold);
            chart->addSeries(goal);
        }
        if (pair.latest) {
            const Assessment &l = administrations[*pair.latest];
            description += QObject::tr("; latest %1 on %2").arg(valueText(mainValue(d, l)), domain::formatClinicalDate(l.collectedOn));
        }
    }
    auto *x = new QDateTimeAxis(chart);
    x->setFormat(QStringLiteral("MMM yyyy"));
    x->setRange(from.startOfDay(), to.startOfDay());
    auto *y = new QValueAxis(chart);
    y->setRange(0, top + 0.5);
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignRight);
    auto *view = new QChartView(chart, parent);
    view->setObjectName(QStringLiteral("outcomeChart_%1").arg(d.code));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    view->setAccessibleName(QObject::tr("%1 over time").arg(domain::codeLabel(d.code)));
    view->setAccessibleDescription(description);
    return view;
}

} // namespace

PatientOutcomes::PatientOutcomes(services::ReferralService &service, QWidget *parent)
    : QWidget(parent), m_service(service), m_record(new QAction(tr("Record &questionnaire\u2026"), this)),
      m_correct(new QAction(tr("Correct q&uestionnaire\u2026"), this)), m_message(new QLabel(this)),
      m_summary(new QTableWidget(this)), m_chartsLayout(new QVBoxLayout), m_history(new QTableWidget(this))
{
    setObjectName(QStringLiteral("patientOutcomes"));
    m_record->setObjectName(QStringLiteral("recordQuestionnaireAction"));
    m_correct->setObjectName(QStringLiteral("correctQuestionnaireAction"));
    connect(m_record, &QAction::triggered, this, &PatientOutcomes::chooseAndRecord);
    connect(m_correct, &QAction::triggered, this, &PatientOutcomes::correctHighlighted);

    auto *layout = new QVBoxLayout(this);
    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_record, m_correct}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(button);
    }
    buttons->addStretch();
    layout->addLayout(buttons);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("outcomesMessage"));
    layout->addWidget(m_message);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto *body = new QWidget(scroll);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->addWidget(new QLabel(tr("<b>Baseline and latest</b>"), body));
    setUpListTable(m_summary, QStringLiteral("outcomesSummary"), tr("Baseline and latest"));
    m_summary->setColumnCount(5);
    m_summary->setHorizontalHeaderLabels({tr("Measure"), tr("Baseline"), tr("Latest"), tr("Change"), tr("Meaningful improvement")});
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summary->horizontalHeader()->setStretchLastSection(true);
    bodyLayout->addWidget(m_summary);
    bodyLayout->addLayout(m_chartsLayout);
    bodyLayout->addWidget(new QLabel(tr("<b>Every questionnaire, newest first</b>"), body));
    setUpListTable(m_history, QStringLiteral("outcomesHistory"), tr("Questionnaires"));
    m_history->setColumnCount(6);
    m_history->setHorizontalHeaderLabels({tr("Collected"), tr("Questionnaire"), tr("Occasion"), tr("Result"), tr("Answers"),
                                          tr("In their words")});
    m_history->setMinimumHeight(160);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch); // what the patient wrote
    m_history->horizontalHeader()->setStretchLastSection(true);
    bodyLayout->addWidget(m_history);
    scroll->setWidget(body);
    layout->addWidget(scroll, 1);
}

void PatientOutcomes::setPatient(const domain::Patient &patient)
{
    m_patient = patient;
    refresh();
}

void PatientOutcomes::refresh()
{
    const auto read = m_patient.id > 0 ? m_service.assessments().forPatient(m_patient.id)
                                       : Many<Assessment>(std::vector<Assessment>{});
    m_assessments = read ? read.value() : std::vector<Assessment>{};
    m_message->setText(!read ? tr("\u26A0 The questionnaires could not be read: %1").arg(read.error())
                       : m_assessments.empty() ? tr("No questionnaires recorded yet. Record questionnaire\u2026 (Ctrl+M) adds one.")
                                               : QString());
    m_message->setVisible(!m_message->text().isEmpty());
    showSummary();
    showCharts();
    showHistory();
    updateActions();
}

void PatientOutcomes::updateActions()
{
    m_record->setEnabled(m_patient.id > 0 && !m_patient.isDeleted());
    m_correct->setEnabled(m_record->isEnabled() && m_history->currentRow() >= 0);
}

std::vector<Assessment> PatientOutcomes::ofInstrument(const QString &code) const
{
    std::vector<Assessment> found;
    for (auto it = m_assessments.rbegin(); it != m_assessments.rend(); ++it) // oldest first
        if (it->instrument == code)
            found.push_back(*it);
    return found;
}

void PatientOutcomes::showSummary()
{
    m_summary->setRowCount(0);
    auto &assessments = m_service.assessments();
    for (const QString &code : assessments.instrumentCodes()) {
        const InstrumentDefinition *d = assessments.instrument(code);
        const auto of = ofInstrument(code);
        if (!d || d->singleOccasion || of.empty())
            continue;
        const auto pair = pairOf(of);
        const auto at = [&](std::optional<size_t> i) {
            return i ? tr("%1 %2 on %3").arg(valueText(mainValue(*d, of[*i])), of[*i].result.band,
                                              domain::formatClinicalDate(of[*i].collectedOn)).simplified()
                     : tr("None yet");
        };
        QString change = QStringLiteral("\u2013"), meaningful = QStringLiteral("\u2013");
        const auto first = pair.baseline ? mainValue(*d, of[*pair.baseline]) : std::nullopt;
        const auto last = pair.latest ? mainValue(*d, of[*pair.latest]) : std::nullopt;
        if (first && last) { // an older version may lack the newest's main score
            const double delta = *last - *first;
            change = QStringLiteral("%1%2").arg(delta > 0 ? QStringLiteral("+") : QString()).arg(delta);
            const auto met = domain::meaningfulImprovement(*d, of[*pair.baseline].result, of[*pair.latest].result);
            meaningful = !met ? tr("Rule does not apply") : *met ? tr("Yes") : tr("No");
        }
        const int row = m_summary->rowCount();
        m_summary->insertRow(row);
        const QStringList texts{domain::codeLabel(code), at(pair.baseline), at(pair.latest), change, meaningful};
        for (int c = 0; c < texts.size(); ++c)
            m_summary->setItem(row, c, cell(texts[c]));
    }
    m_summary->setVisible(m_summary->rowCount() > 0);
    m_summary->setMinimumHeight(m_summary->rowCount() > 0 ? 40 + 30 * m_summary->rowCount() : 0);
}

void PatientOutcomes::showCharts()
{
    for (QWidget *chart : m_charts)
        delete chart;
    m_charts.clear();
    auto &assessments = m_service.assessments();
    for (const QString &code : assessments.instrumentCodes()) {
        const InstrumentDefinition *d = assessments.instrument(code);
        const auto of = ofInstrument(code);
        if (!d || d->singleOccasion)
            continue;
        if (std::none_of(of.begin(), of.end(), [&](const Assessment &a) { return mainValue(*d, a).has_value(); }))
            continue;
        m_charts.push_back(courseChart(*d, of, this));
        m_chartsLayout->addWidget(m_charts.back());
    }
}

void PatientOutcomes::showHistory()
{
    m_history->setRowCount(int(m_assessments.size()));
    for (int row = 0; row < int(m_assessments.size()); ++row) {
        const Assessment &a = m_assessments[size_t(row)];
        QStringList words; // free-text answers (the FFT's "why?"), whole in the tooltip
        for (const auto &[id, text] : a.freeText)
            words << text;
        const QString said = words.join(QStringLiteral("\n\n"));
        const QStringList texts{domain::formatClinicalDate(a.collectedOn), domain::codeLabel(a.instrument),
                                domain::codeLabel(a.occasion), resultText(a), domain::formatAnswers(a.answers),
                                QString(said).replace(QLatin1Char('\n'), QLatin1Char(' '))};
        for (int c = 0; c < texts.size(); ++c)
            m_history->setItem(row, c, cell(texts[c]));
        m_history->item(row, 5)->setToolTip(said);
    }
    if (!m_assessments.empty())
        m_history->setCurrentCell(0, 0);
}

qint64 PatientOutcomes::episodeId() const
{
    const auto referrals = m_service.forPatient(m_patient.id); // newest first
    if (referrals)
        for (const auto &r : referrals.value())
            if (!r.isDischarged())
                return r.id;
    return 0;
}

void PatientOutcomes::chooseAndRecord()
{
    if (!m_record->isEnabled())
        return;
    QMenu menu(this);
    auto &assessments = m_service.assessments();
    for (const QString &code : assessments.instrumentCodes())
        menu.addAction(domain::codeLabel(code), this, [this, code] { record(code); });
    menu.exec(mapToGlobal(rect().topLeft() + QPoint(20, 20)));
}

void PatientOutcomes::record(const QString &instrument)
{
    const InstrumentDefinition *d = m_service.assessments().instrument(instrument);
    if (!d || !m_record->isEnabled())
        return;
    QuestionnaireDialog dialog(m_service.assessments(), *d, m_patient, episodeId(), std::nullopt, window());
    // A first answer set is the baseline; later ones are reviews.
    const bool first = ofInstrument(instrument).empty();
    dialog.occasionBox()->setCurrentIndex(dialog.occasionBox()->findData(first ? QStringLiteral("assessment")
                                                                               : QStringLiteral("review")));
    if (dialog.exec() != QDialog::Accepted)
        return;
    refresh();
    const Assessment saved = dialog.saved();
    const auto alerts = m_service.assessments().alerts(m_patient.id, true);
    const bool alerted = alerts && std::any_of(alerts->begin(), alerts->end(),
                                               [&](const auto &a) { return a.assessmentId == saved.id; });
    emit changed(tr("Recorded %1 for %2: %3.%4").arg(domain::codeLabel(instrument), domain::displayName(m_patient),
                                                     resultText(saved),
                                                     alerted ? tr(" \u26A0 It raised an alert: see it under the banner.")
                                                             : QString()));
}

void PatientOutcomes::correctHighlighted()
{
    const int row = m_history->currentRow();
    if (row < 0 || row >= int(m_assessments.size()) || !m_correct->isEnabled())
        return;
    const Assessment old = m_assessments[size_t(row)];
    const InstrumentDefinition *d = m_service.assessments().instrument(old.instrument, old.instrumentVersion);
    if (!d)
        return;
    QuestionnaireDialog dialog(m_service.assessments(), *d, m_patient, old.referralId, old, window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    refresh();
    emit changed(tr("Corrected %1 of %2 for %3; the earlier answers are kept in the record's history.")
                     .arg(domain::codeLabel(old.instrument), domain::formatClinicalDate(old.collectedOn),
                          domain::displayName(m_patient)));
}

} // namespace painmdt::ui
