#include "ui/reportspage.h"

#include "domain/clinicaldate.h"
#include "interchange/outputfile.h"
#include "reporting/reportpdf.h"
#include "reporting/reportrunner.h"
#include "services/attendanceservice.h"
#include "services/backgroundreader.h"
#include "ui/clinicaldateedit.h"
#include "ui/liverefresh.h"
#include "ui/printcopy.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace painmdt::ui {

using reporting::PeriodPreset;

namespace {

// The reports in the order a manager reads them, with what each answers.
struct Listed {
    const char *name;
    const char *label; // short enough for the list; the page's title says it in full
    const char *summary;
};
constexpr Listed listed[] = {
    {"service", QT_TRANSLATE_NOOP("ReportsPage", "Service outcome report"),
     QT_TRANSLATE_NOOP("ReportsPage", "For commissioners: key findings, waits, triage, outcomes, attendances, "
                                      "savings with sensitivity, caveats and definitions")},
    {"waiting-times", QT_TRANSLATE_NOOP("ReportsPage", "Waiting times"),
     QT_TRANSLATE_NOOP("ReportsPage", "How long referrals waited for triage and a first contact")},
    {"triage", QT_TRANSLATE_NOOP("ReportsPage", "Triage mix"),
     QT_TRANSLATE_NOOP("ReportsPage", "STarT Back risk groups and the pathways chosen")},
    {"caseload", QT_TRANSLATE_NOOP("ReportsPage", "Caseload"),
     QT_TRANSLATE_NOOP("ReportsPage", "Open episodes, check-ins overdue, contacts by key worker")},
    {"outcomes", QT_TRANSLATE_NOOP("ReportsPage", "Outcomes"),
     QT_TRANSLATE_NOOP("ReportsPage", "Questionnaires against baseline, mood, PGIC and FFT")},
    {"attendances", QT_TRANSLATE_NOOP("ReportsPage", "Hospital attendances"),
     QT_TRANSLATE_NOOP("ReportsPage", "Hospital use by setting, the top 20 attenders, costed")},
    {"cost-savings", QT_TRANSLATE_NOOP("ReportsPage", "Cost savings"),
     QT_TRANSLATE_NOOP("ReportsPage", "Attendances before and after, the saving against the service's cost")},
};

// Presets in the order of the period box; "Custom" (typed dates) comes last.
constexpr std::pair<PeriodPreset, const char *> presets[] = {
    {PeriodPreset::FinancialYearToDate, QT_TRANSLATE_NOOP("ReportsPage", "This financial year to date")},
    {PeriodPreset::LastFinancialYear, QT_TRANSLATE_NOOP("ReportsPage", "Last financial year")},
    {PeriodPreset::Last12Months, QT_TRANSLATE_NOOP("ReportsPage", "Last 12 months")},
    {PeriodPreset::LastFullMonth, QT_TRANSLATE_NOOP("ReportsPage", "Last full month")},
    {PeriodPreset::CompleteWindows, QT_TRANSLATE_NOOP("ReportsPage", "Latest year with complete before-and-after windows")},
};

bool costed(const QString &name)
{
    return name == QLatin1String("attendances") || name == QLatin1String("cost-savings") || name == QLatin1String("service");
}

QLabel *dateEcho(ClinicalDateEdit *edit, QWidget *parent)
{
    auto *echo = new QLabel(parent);
    edit->setEchoLabel(echo);
    return echo;
}

} // namespace

ReportsPage::ReportsPage(std::shared_ptr<services::Database> database, services::BackgroundReader &reader,
                         services::ChangeHub *hub, const services::StampSource &session, QWidget *parent)
    : QWidget(parent), m_database(std::move(database)), m_reader(reader), m_session(session),
      m_live(new LiveRefresh(this, hub,
                             {QStringLiteral("referral"), QStringLiteral("contact"), QStringLiteral("attendance"),
                              QStringLiteral("tariff_line"), QStringLiteral("service_cost")},
                             [this] { refreshDashboard(); }))
{
    setObjectName(QStringLiteral("reportsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(makeDashboard());
    auto *lower = new QHBoxLayout;
    lower->addWidget(makeChooser());
    lower->addWidget(makeOutputs(), 1);
    layout->addLayout(lower, 1);
    const std::pair<QKeySequence, void (ReportsPage::*)()> keys[] = {
        {QKeySequence(Qt::Key_F5), &ReportsPage::run}, {QKeySequence::Print, &ReportsPage::print},
        {QKeySequence(Qt::Key_Escape), &ReportsPage::cancel}};
    for (const auto &[key, slot] : keys)
        (new QShortcut(key, this, this, slot))->setContext(Qt::WidgetWithChildrenShortcut);
    setFocusProxy(m_list); // Ctrl+6 lands on the list of reports
    m_list->setCurrentRow(0);
    m_preset->setCurrentIndex(0);
    applyPreset(); // the tariffs are read when the page is first shown, with the dashboard
}

QWidget *ReportsPage::makeDashboard()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("At a glance"), box);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    grid->addWidget(title, 0, 0, 1, 6);
    for (int i = 0; i < 6; ++i) {
        auto *tile = new QPushButton(box);
        tile->setObjectName(QStringLiteral("dashboardTile%1").arg(i));
        tile->setMinimumHeight(64);
        auto *figure = new QLabel(tile), *caption = new QLabel(tile);
        figure->setObjectName(QStringLiteral("figure"));
        caption->setObjectName(QStringLiteral("caption"));
        QFont big = figure->font();
        big.setBold(true);
        big.setPointSizeF(big.pointSizeF() * 1.5);
        figure->setFont(big);
        auto *words = new QVBoxLayout(tile);
        words->setContentsMargins(10, 4, 10, 4);
        words->addWidget(figure);
        words->addWidget(caption);
        for (QLabel *l : {figure, caption})
            l->setAttribute(Qt::WA_TransparentForMouseEvents); // the click is the button's
        caption->setText(tr("Loading\u2026"));
        tile->setAccessibleName(tr("Dashboard figure %1, loading").arg(i + 1));
        connect(tile, &QPushButton::clicked, this, [this, i] {
            if (std::size_t(i) >= m_tileData.size())
                return;
            selectReport(m_tileData[i].report);
            setPeriod(m_tileData[i].period);
            run();
        });
        grid->addWidget(tile, 1, i);
        m_tiles << tile;
    }
    return box;
}

QWidget *ReportsPage::makeChooser()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Report"), box);
    m_list = new QListWidget(box);
    m_list->setObjectName(QStringLiteral("reportList"));
    m_list->setAccessibleName(tr("Reports"));
    label->setBuddy(m_list);
    for (const Listed &r : listed) {
        auto *item = new QListWidgetItem(tr(r.label), m_list);
        item->setData(Qt::UserRole, QLatin1String(r.name));
        item->setToolTip(tr(r.summary));
    }
    m_list->setFixedWidth(200);
    m_list->setMaximumHeight(m_list->sizeHintForRow(0) * (m_list->count() + 1) + 2 * m_list->frameWidth());
    connect(m_list, &QListWidget::currentRowChanged, this, &ReportsPage::reportChanged);
    connect(m_list, &QListWidget::itemActivated, this, &ReportsPage::run);

    m_preset = new QComboBox(box);
    m_preset->setObjectName(QStringLiteral("reportPeriod"));
    m_preset->setAccessibleName(tr("Period"));
    for (const auto &[preset, text] : presets)
        m_preset->addItem(tr(text), int(preset));
    m_preset->addItem(tr("Custom (the dates below)"), -1);
    connect(m_preset, &QComboBox::activated, this, &ReportsPage::applyPreset);

    auto *form = new QFormLayout;
    auto *periodLabel = new QLabel(tr("Perio&d"), box);
    periodLabel->setBuddy(m_preset);
    form->addRow(periodLabel, m_preset);
    const auto addDate = [&](ClinicalDateEdit *&edit, const QString &label, const char *name) {
        edit = new ClinicalDateEdit(box);
        edit->setObjectName(QLatin1String(name));
        edit->setAccessibleName(QString(label).remove(QLatin1Char('&')));
        auto *row = new QHBoxLayout;
        row->addWidget(edit);
        row->addWidget(dateEcho(edit, box), 1);
        auto *caption = new QLabel(label, box);
        caption->setBuddy(edit); // Alt+M, Alt+O, Alt+S (F, E, G, P, A, H are the menus')
        form->addRow(caption, row);
        connect(edit, &QLineEdit::textEdited, this, [this] { m_preset->setCurrentIndex(m_preset->count() - 1); });
    };
    addDate(m_from, tr("Fro&m"), "reportFrom");
    addDate(m_to, tr("T&o"), "reportTo");
    addDate(m_asOf, tr("A&s known on"), "reportAsOf");
    layout->addWidget(label);
    layout->addWidget(m_list);
    layout->addLayout(form);
    layout->addWidget(makeCostOptions(box));
    layout->addStretch(1);
    return box;
}

// Attendances take a tariff; cost-savings and the service report also the windows and the index date.
QWidget *ReportsPage::makeCostOptions(QWidget *parent)
{
    m_costOptions = new QWidget(parent);
    auto *form = new QFormLayout(m_costOptions);
    form->setContentsMargins(0, 0, 0, 0);
    m_tariff = new QComboBox(m_costOptions);
    m_tariff->setObjectName(QStringLiteral("reportTariff"));
    m_tariff->setAccessibleName(tr("Tariff"));
    m_window = new QSpinBox(m_costOptions);
    m_window->setObjectName(QStringLiteral("reportWindow"));
    m_window->setAccessibleName(tr("Months before and after"));
    m_window->setRange(1, 120);
    m_window->setValue(12);
    m_window->setSuffix(tr(" months"));
    for (auto *edit : m_window->findChildren<QLineEdit *>()) // what a screen reader lands on
        edit->setAccessibleName(m_window->accessibleName());
    m_index = new QComboBox(m_costOptions);
    m_index->setObjectName(QStringLiteral("reportIndex"));
    m_index->setAccessibleName(tr("Index date"));
    m_index->addItem(tr("First contact"), false);
    m_index->addItem(tr("Referral received"), true);
    m_windowHint = new QLabel(m_costOptions);
    m_windowHint->setObjectName(QStringLiteral("reportWindowHint"));
    m_windowHint->setWordWrap(true);
    form->addRow(tr("&Tariff"), m_tariff);
    form->addRow(tr("&Windows"), m_window);
    form->addRow(tr("&Index date"), m_index);
    form->addRow(m_windowHint);
    const auto hint = [this] {
        const QDate last = m_asOf->date().isValid() ? m_asOf->date().addMonths(-m_window->value()) : QDate();
        m_windowHint->setText(last.isValid() && m_to->date().isValid() && m_to->date() > last
                                  ? tr("Patients with an index date after %1 cannot have a complete %2-month window yet: "
                                       "they are counted as excluded.").arg(domain::formatClinicalDate(last)).arg(m_window->value())
                                  : QString());
    };
    connect(m_window, &QSpinBox::valueChanged, this, hint);
    connect(m_window, &QSpinBox::valueChanged, this, [this] { // the latest complete windows move with their length
        if (m_preset->currentData().toInt() == int(PeriodPreset::CompleteWindows))
            applyPreset();
    });
    connect(m_to, &QLineEdit::textChanged, this, hint);
    connect(m_asOf, &QLineEdit::textChanged, this, hint);
    return m_costOptions;
}

QWidget *ReportsPage::makeOutputs()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_run = new QPushButton(tr("R&un report (F5)"), box);
    m_run->setObjectName(QStringLiteral("runReport"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Ca&ncel"), box);
    m_cancel->setObjectName(QStringLiteral("cancelReport"));
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->setAccessibleName(tr("Report in progress"));
    m_progress->setRange(0, 0); // a report is one query: busy, not a percentage
    m_progress->setMaximumWidth(160);
    m_status = new QLabel(box);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_progress);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_status, 1);
    connect(m_run, &QPushButton::clicked, this, &ReportsPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &ReportsPage::cancel);

    m_preview = new QTextBrowser(box);
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    m_preview->setAccessibleName(tr("Report preview"));
    m_preview->document()->setDefaultStyleSheet(reporting::documentStyleSheet());
    m_preview->setPlaceholderText(tr("Pick a report and a period, then Run report (F5). The preview shows the "
                                     "figures as they print; the printed pages add who printed them and page numbers."));

    auto *saveRow = new QHBoxLayout;
    const std::pair<QString, QString> outputs[] = {{tr("Sa&ve as PDF\u2026"), QStringLiteral("pdf")},
                                                   {tr("Save as &CSV\u2026"), QStringLiteral("csv")},
                                                   {tr("Save as &JSON\u2026"), QStringLiteral("json")},
                                                   {tr("Print\u2026 (Ctrl+P)"), QStringLiteral("print")}};
    for (const auto &[text, format] : outputs) {
        auto *button = new QPushButton(text, box);
        button->setObjectName(QStringLiteral("report_") + format);
        connect(button, &QPushButton::clicked, this,
                [this, format = format] { format == QLatin1String("print") ? print() : saveAs(format); });
        saveRow->addWidget(button);
        m_outputs << button;
    }
    saveRow->addStretch(1);
    layout->addLayout(runRow);
    layout->addWidget(m_preview, 1);
    layout->addLayout(saveRow);
    setBusy(false);
    return box;
}

void ReportsPage::selectReport(const QString &name)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(row);
}

void ReportsPage::setPeriod(const reporting::ReportPeriod &period)
{
    m_preset->setCurrentIndex(m_preset->count() - 1); // Custom first: a new window must not move these dates
    m_window->setValue(period.options.windowMonths);
    m_index->setCurrentIndex(period.options.indexByReferral ? 1 : 0);
    m_tariff->setCurrentIndex(std::max(0, m_tariff->findData(period.options.tariff)));
    m_from->setDate(period.from);
    m_to->setDate(period.to);
    m_asOf->setDate(period.asOf);
    for (int i = 0; i + 1 < m_preset->count(); ++i) { // name the preset when the dates are one
        const auto named = reporting::presetPeriod(PeriodPreset(m_preset->itemData(i).toInt()), period.asOf, m_window->value());
        if (named.from == period.from && named.to == period.to)
            m_preset->setCurrentIndex(i);
    }
}

void ReportsPage::applyPreset()
{
    const int preset = m_preset->currentData().toInt();
    if (preset < 0)
        return m_from->setFocus(); // Custom: type the dates
    const QDate asOf = m_asOf->date().isValid() ? m_asOf->date() : ClinicalDateEdit::today();
    const auto period = reporting::presetPeriod(PeriodPreset(preset), asOf, m_window->value());
    m_from->setDate(period.from);
    m_to->setDate(period.to);
    m_asOf->setDate(period.asOf);
}

void ReportsPage::reportChanged()
{
    const QString name = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_costOptions->setVisible(costed(name));
    const bool savings = name == QLatin1String("cost-savings") || name == QLatin1String("service");
    for (QWidget *w : {static_cast<QWidget *>(m_window), static_cast<QWidget *>(m_index),
                       static_cast<QWidget *>(m_windowHint)})
        w->setEnabled(savings);
    m_status->setText(m_list->currentItem() ? m_list->currentItem()->toolTip() : QString());
}

// The tariffs to choose from: the default first. Unreadable, the report says so when run.
void ReportsPage::loadTariffs()
{
    const QString chosen = m_tariff->currentData().toString();
    const QSignalBlocker quiet(m_tariff);
    m_tariff->clear();
    m_tariff->addItem(tr("The default (newest imported)"), QString());
    const auto tariffs = services::AttendanceService(*m_database).tariffs();
    if (!tariffs)
        return m_tariff->setToolTip(tr("The tariffs could not be read: %1").arg(tariffs.error()));
    for (const auto &t : tariffs.value())
        m_tariff->addItem(t.name, t.name);
    m_tariff->setCurrentIndex(std::max(0, m_tariff->findData(chosen)));
}

// The period and options on screen, or what is wrong with them (naming the field).
Result<reporting::ReportPeriod> ReportsPage::chosenPeriod() const
{
    const std::pair<ClinicalDateEdit *, QString> fields[] = {
        {m_from, tr("From")}, {m_to, tr("To")}, {m_asOf, tr("As known on")}};
    for (const auto &[edit, name] : fields) {
        if (!edit->problem().isEmpty())
            return Error{tr("%1: %2").arg(name, edit->problem())};
        if (!edit->date().isValid())
            return Error{tr("%1: type a date, such as 01-Apr-2026.").arg(name)};
    }
    if (m_from->date() > m_to->date())
        return Error{tr("From (%1) is after To (%2): swap them.")
                         .arg(domain::formatClinicalDate(m_from->date()), domain::formatClinicalDate(m_to->date()))};
    reporting::ReportPeriod period{m_from->date(), m_to->date(), m_asOf->date(), {}};
    period.options.windowMonths = m_window->value();
    period.options.indexByReferral = m_index->currentData().toBool();
    period.options.tariff = m_tariff->currentData().toString();
    return period;
}

void ReportsPage::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_run->setEnabled(!busy);
    for (QPushButton *b : std::as_const(m_outputs))
        b->setEnabled(!busy && !m_figures.isEmpty());
}

void ReportsPage::run()
{
    if (!m_list->currentItem() || m_busy)
        return; // one report at a time: the one running cannot be stopped half-way
    const auto period = chosenPeriod();
    if (!period) {
        m_status->setText(tr("\u26A0 %1").arg(period.error()));
        return;
    }
    const QString name = m_list->currentItem()->data(Qt::UserRole).toString();
    const quint64 generation = ++m_generation;
    m_figures = {};
    m_preview->clear();
    setBusy(true);
    m_status->setText(tr("Working on %1\u2026").arg(reporting::reportTitle(name)));
    const services::StampSource session = m_session;
    const reporting::ReportPeriod p = period.value();
    m_reader.read<QJsonObject>(
        this, QStringLiteral("report"),
        [session, name, p](services::Readers &r) -> Result<QJsonObject> {
            if (Status allowed = session.require(domain::Action::RunReports); !allowed)
                return allowed.failure();
            return reporting::makeReport(*r.db, name, p);
        },
        [this, generation, name, p](const Result<QJsonObject> &figures) {
            if (generation == m_generation) // not cancelled, not run again since
                showFigures(name, p, figures);
        });
}

// Cancelling stops waiting at once; a query already running on the worker finishes there and its
// answer is dropped (a report is one SQL statement, which SQLite gives no way to stop half-way).
void ReportsPage::cancel()
{
    if (!m_busy)
        return; // Esc with nothing running
    ++m_generation;
    setBusy(false);
    m_status->setText(tr("Cancelled. Nothing was recorded; Run report (F5) to try again."));
    Q_EMIT reportShown();
}

void ReportsPage::showFigures(const QString &name, const reporting::ReportPeriod &period, const Result<QJsonObject> &figures)
{
    const Status recorded = figures ? reporting::recordReportUse(*m_database, m_session, name, period, QStringLiteral("screen"))
                                    : Status(figures.failure());
    if (!recorded) {
        setBusy(false);
        m_status->setText(figures ? tr("\u26A0 %1 is not shown: its use could not be recorded in the audit trail (%2). "
                                        "Try again; if it happens again, ask your administrator to run painmdt check.")
                                         .arg(reporting::reportTitle(name), recorded.error())
                                  : tr("\u26A0 %1 could not be made: %2").arg(reporting::reportTitle(name), recorded.error()));
        return Q_EMIT reportShown();
    }
    m_figures = figures.value();
    m_shownPeriod = period;
    setBusy(false);
    const auto doc = reporting::reportDocument(m_figures);
    m_preview->setHtml(reporting::documentHtml(doc));
    reporting::embedCharts(*m_preview->document(), doc.charts);
    m_status->setText(tr("%1, %2 to %3: made at %4.")
                          .arg(reporting::reportTitle(name), domain::formatClinicalDate(period.from),
                               domain::formatClinicalDate(period.to), QTime::currentTime().toString(QStringLiteral("HH:mm"))));
    Q_EMIT reportShown();
}

void ReportsPage::refreshDashboard()
{
    m_live->loaded();
    loadTariffs(); // a few rows: one imported meanwhile is offered at once
    const QDate asOf = ClinicalDateEdit::today();
    const services::StampSource session = m_session;
    m_reader.read<std::vector<reporting::DashboardTile>>(
        this, QStringLiteral("dashboard"),
        [session, asOf](services::Readers &r) -> Result<std::vector<reporting::DashboardTile>> {
            if (Status allowed = session.require(domain::Action::RunReports); !allowed)
                return allowed.failure();
            return reporting::dashboard(*r.db, asOf);
        },
        [this](const Result<std::vector<reporting::DashboardTile>> &tiles) { showDashboard(tiles); });
}

void ReportsPage::showDashboard(const Result<std::vector<reporting::DashboardTile>> &tiles)
{
    const Status recorded = tiles ? reporting::recordReportUse(*m_database, m_session, QStringLiteral("dashboard"),
                                                               tiles.value().front().period, QStringLiteral("screen"))
                                  : Status(tiles.failure());
    m_tileData = recorded ? tiles.value() : std::vector<reporting::DashboardTile>{};
    if (!recorded)
        m_live->failed();
    for (int i = 0; i < m_tiles.size(); ++i) {
        QPushButton *tile = m_tiles[i];
        auto *figure = tile->findChild<QLabel *>(QStringLiteral("figure"));
        auto *caption = tile->findChild<QLabel *>(QStringLiteral("caption"));
        tile->setEnabled(std::size_t(i) < m_tileData.size());
        if (!tile->isEnabled()) { // nothing to show, and nothing a screen reader could mistake for a figure
            figure->setText(QStringLiteral("\u26A0"));
            caption->setText(tr("Not available"));
            tile->setAccessibleName(tr("Dashboard figure %1, not available").arg(i + 1));
            tile->setToolTip(tr("The dashboard could not be read: %1").arg(recorded.error()));
            continue;
        }
        const auto &t = m_tileData[std::size_t(i)];
        const QString warning = t.error.isEmpty() ? QString() : QStringLiteral("\u26A0 ");
        figure->setText(warning + reporting::tileText(t));
        caption->setText(t.caption);
        tile->setToolTip(tr("%1: %2.%3 Click to open the report.")
                             .arg(t.caption, t.detail, t.error.isEmpty() ? QString() : tr(" \u26A0 %1.").arg(t.error)));
        tile->setAccessibleName(tr("%1 %2").arg(t.caption, warning + reporting::tileText(t)));
        tile->setAccessibleDescription(t.detail + (t.error.isEmpty() ? QString() : QStringLiteral(". ") + t.error));
    }
    Q_EMIT dashboardLoaded();
}

reporting::PrintedDocument ReportsPage::document() const
{
    auto doc = reporting::reportDocument(m_figures);
    doc.printedBy = m_session.actor();
    doc.printedAt = QDateTime::currentDateTime();
    return doc;
}

Status ReportsPage::exportTo(const QString &path, const QString &format)
{
    if (m_figures.isEmpty())
        return Error{tr("Run a report first.")};
    if (Status safe = interchange::checkOutputPath(tr("The file"), path, interchange::databaseFiles(m_database->location()));
        !safe)
        return safe;
    Result<QByteArray> bytes = format == QLatin1String("pdf")    ? reporting::toPdf(document())
                               : format == QLatin1String("csv") ? Result<QByteArray>(reporting::toCsv(m_figures))
                                                                 : Result<QByteArray>(reporting::toJson(m_figures));
    if (!bytes)
        return bytes.failure();
    const QString name = m_figures.value(QStringLiteral("report")).toString();
    if (Status recorded = reporting::recordReportUse(*m_database, m_session, name, m_shownPeriod, format); !recorded)
        return recorded; // a copy nobody can trace is not handed out
    return interchange::writeWholeFile(path, bytes.value());
}

Status ReportsPage::printTo(QPrinter &printer)
{
    if (m_figures.isEmpty())
        return Error{tr("Run a report first.")};
    const QString name = m_figures.value(QStringLiteral("report")).toString();
    return printCopy(printer, document(), interchange::databaseFiles(m_database->location()), [&](const QString &format) {
        return reporting::recordReportUse(*m_database, m_session, name, m_shownPeriod, format);
    });
}

void ReportsPage::saveAs(const QString &format)
{
    const QString name = m_figures.value(QStringLiteral("report")).toString();
    const QString suggested = QStringLiteral("%1_%2_%3.%4").arg(name, m_shownPeriod.from.toString(Qt::ISODate),
                                                               m_shownPeriod.to.toString(Qt::ISODate), format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the report as %1").arg(format.toUpper()), suggested,
                                                      tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (path.isEmpty())
        return;
    const Status saved = exportTo(path, format);
    m_status->setText(saved ? tr("Saved %1. It holds figures about patients: keep it where patient records may be kept.")
                                  .arg(QDir::toNativeSeparators(path))
                            : tr("\u26A0 Not saved: %1").arg(saved.error()));
}

void ReportsPage::print()
{
    if (m_busy)
        return m_status->setText(tr("Wait for the report to finish, then print it."));
    if (m_figures.isEmpty())
        return m_status->setText(tr("Run a report first (F5), then print it."));
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print %1").arg(reporting::reportTitle(m_figures.value(QStringLiteral("report")).toString())));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Status printed = printTo(printer);
    m_status->setText(printed ? tr("Sent to %1.").arg(printer.printerName().isEmpty() ? printer.outputFileName()
                                                                                       : printer.printerName())
                              : tr("\u26A0 Not printed: %1").arg(printed.error()));
}

} // namespace painmdt::ui
