#include "ui/costsdialog.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"
#include "services/attendanceservice.h"
#include "ui/clinicaldateedit.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

QStringList tariffSettings() { return attendanceSettings() + QStringList{QLatin1String(bedDaySetting)}; }

QString settingLabel(const QString &code)
{
    return code == QLatin1String(bedDaySetting) ? QCoreApplication::translate("CostsDialog", "Bed day (of an admission)")
                                                : codeLabel(code);
}

QString money(double pounds) { return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(pounds, 'f', 2); }

QString cellText(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QTableWidget *makeTable(QWidget *parent, const QStringList &headings, const char *name, const QString &spoken)
{
    auto *table = new QTableWidget(0, int(headings.size()), parent);
    table->setObjectName(QLatin1String(name));
    table->setAccessibleName(spoken);
    table->setHorizontalHeaderLabels(headings);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

CostsDialog::CostsDialog(services::AttendanceService &service, const services::StampSource &session, QWidget *parent)
    : QDialog(parent), m_service(service), m_editable(session.may(Action::SetCosts)), m_tariffs(new QComboBox(this)),
      m_lines(makeTable(this, {tr("Setting"), tr("Unit cost (\u00A3)"), tr("Price year"), tr("Source")}, "tariffLines",
                        tr("Unit costs of the tariff"))),
      m_costs(makeTable(this, {tr("From"), tr("To"), tr("Cost (\u00A3)")}, "serviceCosts", tr("What the service cost"))),
      m_message(new QLabel(this)), m_save(new QPushButton(tr("&Save"), this))
{
    setWindowTitle(tr("Tariffs and service costs"));
    resize(900, 520);
    m_tariffs->setObjectName(QStringLiteral("tariffName"));
    m_tariffs->setAccessibleName(tr("Tariff"));
    auto *newButton = new QPushButton(tr("&New tariff from this one\u2026"), this);
    auto *addButton = new QPushButton(tr("&Add a period"), this);
    auto *top = new QHBoxLayout;
    auto *tariffLabel = new QLabel(tr("&Tariff"), this);
    tariffLabel->setBuddy(m_tariffs);
    top->addWidget(tariffLabel);
    top->addWidget(m_tariffs, 1);
    top->addWidget(newButton);
    auto *note = new QLabel(tr("The newest tariff is the one reports use unless another is chosen. Every unit cost needs "
                               "its price year and where it comes from. A setting left blank has no price: reports "
                               "count it and say it is not costed."), this);
    note->setWordWrap(true);
    auto *tariffPage = new QWidget(this);
    auto *tariffLayout = new QVBoxLayout(tariffPage);
    tariffLayout->addLayout(top);
    tariffLayout->addWidget(note);
    tariffLayout->addWidget(m_lines, 1);
    auto *costPage = new QWidget(this);
    auto *costLayout = new QVBoxLayout(costPage);
    auto *costNote = new QLabel(tr("What the service cost over each period (staff, rooms, overheads): cost-savings sets "
                                   "the saving against it, pro rata. Dates as 01-Apr-2025; amounts as 541585 or 541,585.00."),
                                this);
    costNote->setWordWrap(true);
    costLayout->addWidget(costNote);
    costLayout->addWidget(m_costs, 1);
    costLayout->addWidget(addButton, 0, Qt::AlignLeft);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(tariffPage, tr("Tariffs"));
    tabs->addTab(costPage, tr("Service costs"));
    tabs->setAccessibleName(tr("Tariffs or service costs"));
    tabs->tabBar()->setAccessibleName(tr("Tariffs or service costs"));
    m_message->setObjectName(QStringLiteral("costsMessage"));
    m_message->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_tariffs, &QComboBox::activated, this, [this] {
        if (!m_dirty)
            return load(m_tariffs->currentData().toString());
        const QSignalBlocker quiet(m_tariffs); // another tariff would replace the changes on screen
        m_tariffs->setCurrentIndex(std::max(0, m_tariffs->findData(m_shown)));
        setMessage(tr("Save your changes (Ctrl+S) before you pick another tariff."), true);
    });
    connect(newButton, &QPushButton::clicked, this, &CostsDialog::askNewTariff);
    connect(addButton, &QPushButton::clicked, this, &CostsDialog::addPeriod);
    connect(m_save, &QPushButton::clicked, this, &CostsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &CostsDialog::reject);
    connect(new QShortcut(QKeySequence::Save, this), &QShortcut::activated, this, &CostsDialog::save);
    for (QTableWidget *t : {m_lines, m_costs})
        connect(t, &QTableWidget::itemChanged, this, [this] { m_dirty = true; });
    for (QWidget *w : {static_cast<QWidget *>(newButton), static_cast<QWidget *>(addButton), static_cast<QWidget *>(m_save)})
        w->setEnabled(m_editable);
    if (!m_editable) {
        for (QTableWidget *t : {m_lines, m_costs})
            t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        setMessage(tr("Your role may look at the costs; an administrator or a service manager changes them."), false);
    }
    load({});
}

// The tariffs and the service costs as stored; `tariff` on screen ("" = the default).
void CostsDialog::load(const QString &tariff)
{
    const auto tariffs = m_service.tariffs();
    const auto costs = m_service.serviceCosts();
    if (!tariffs || !costs) {
        setMessage(tr("The costs could not be read: %1").arg(!tariffs ? tariffs.error() : costs.error()), true);
        m_save->setEnabled(false); // never save over figures that were not shown
        return;
    }
    m_known = tariffs.value();
    m_storedCosts = costs.value();
    m_newName.clear();
    {
        const QSignalBlocker quiet(m_tariffs);
        m_tariffs->clear();
        for (std::size_t i = 0; i < m_known.size(); ++i)
            m_tariffs->addItem(i == 0 ? tr("%1 (the default)").arg(m_known[i].name) : m_known[i].name, m_known[i].name);
        m_tariffs->setCurrentIndex(std::max(0, m_tariffs->findData(tariff)));
        m_shown = m_tariffs->currentData().toString();
    }
    showLines(m_known.empty() ? nullptr : &m_known[std::size_t(m_tariffs->currentIndex())]);
    const QSignalBlocker quiet(m_costs);
    m_costs->setRowCount(0);
    for (const ServiceCost &c : costs.value()) {
        const int row = m_costs->rowCount();
        m_costs->insertRow(row);
        auto *from = new QTableWidgetItem(formatClinicalDate(c.from));
        from->setData(Qt::UserRole, c.id); // which stored period the row is
        m_costs->setItem(row, 0, from);
        m_costs->setItem(row, 1, new QTableWidgetItem(formatClinicalDate(c.to)));
        m_costs->setItem(row, 2, new QTableWidgetItem(money(c.cost)));
    }
    m_dirty = false;
}

void CostsDialog::showLines(const Tariff *tariff)
{
    const QSignalBlocker quiet(m_lines);
    m_lines->setRowCount(0);
    for (const QString &setting : tariffSettings()) {
        const int row = m_lines->rowCount();
        m_lines->insertRow(row);
        auto *name = new QTableWidgetItem(settingLabel(setting));
        name->setData(Qt::UserRole, setting);
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_lines->setItem(row, SettingColumn, name);
        const auto line = tariff ? tariff->lines.find(setting) : std::map<QString, TariffLine>::const_iterator();
        const bool has = tariff && line != tariff->lines.end();
        m_lines->setItem(row, CostColumn, new QTableWidgetItem(has ? money(line->second.unitCost) : QString()));
        m_lines->setItem(row, YearColumn, new QTableWidgetItem(has ? line->second.priceYear : QString()));
        m_lines->setItem(row, SourceColumn, new QTableWidgetItem(has ? line->second.source : QString()));
    }
    m_lines->resizeColumnToContents(SettingColumn);
}

void CostsDialog::askNewTariff()
{
    const QString name = QInputDialog::getText(this, tr("New tariff"),
                                               tr("Name of the new tariff (e.g. \"Our costs 2026/27\"). It starts as a "
                                                  "copy of the one on screen; change its prices, years and sources, then Save."));
    if (!name.trimmed().isEmpty())
        newTariff(name.trimmed());
}

void CostsDialog::newTariff(const QString &name)
{
    for (const Tariff &t : m_known)
        if (t.name == name)
            return setMessage(tr("There is already a tariff called \"%1\": pick it in the list to change it.").arg(name), true);
    m_newName = name;
    m_tariffs->addItem(tr("%1 (new, not saved yet)").arg(name), name);
    const QSignalBlocker quiet(m_tariffs);
    m_tariffs->setCurrentIndex(m_tariffs->count() - 1);
    m_shown = name;
    m_dirty = true; // the copied lines are the new tariff's, unsaved
    setMessage(tr("\"%1\" begins as a copy: change what differs, then Save. Once saved it becomes the default.").arg(name), false);
}

void CostsDialog::addPeriod()
{
    const int row = m_costs->rowCount();
    m_costs->insertRow(row);
    for (int c = 0; c < m_costs->columnCount(); ++c)
        m_costs->setItem(row, c, new QTableWidgetItem);
    m_costs->setCurrentCell(row, 0);
    m_costs->setFocus();
    m_costs->editItem(m_costs->item(row, 0));
}

// The lines on screen that differ from the stored tariff; what is wrong, row and column named.
std::vector<TariffLine> CostsDialog::editedLines(Problems &problems) const
{
    const QString name = m_tariffs->currentData().toString();
    const Tariff *stored = nullptr;
    for (const Tariff &t : m_known)
        stored = t.name == name && m_newName != name ? &t : stored;
    const QHash<QString, QString> headings{{QLatin1String(field::unitCost), tr("Unit cost")},
                                           {QLatin1String(field::priceYear), tr("Price year")},
                                           {QLatin1String(field::tariffSource), tr("Source")}};
    std::vector<TariffLine> edited;
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        const QString setting = m_lines->item(row, SettingColumn)->data(Qt::UserRole).toString();
        const QString where = m_lines->item(row, SettingColumn)->text();
        const auto before = stored ? stored->lines.find(setting) : std::map<QString, TariffLine>::const_iterator();
        const bool had = stored && before != stored->lines.end();
        TariffLine line{had ? before->second.id : 0, name, setting, 0, cellText(m_lines, row, YearColumn),
                        cellText(m_lines, row, SourceColumn), had ? before->second.rowVersion : 0};
        const QString cost = cellText(m_lines, row, CostColumn);
        if (cost.isEmpty() && line.priceYear.isEmpty() && line.source.isEmpty()) {
            if (had)
                problems.add(tr("%1: a unit cost cannot be removed; put the right figure, or start a new tariff without it.").arg(where),
                             m_lines, row, CostColumn);
            continue;
        }
        const auto pounds = parsePounds(cost);
        if (!pounds)
            problems.add(tr("%1, Unit cost: \"%2\" is not an amount in pounds (e.g. 148 or 1,590.00).").arg(where, cost),
                         m_lines, row, CostColumn);
        line.unitCost = pounds.value_or(0);
        const QHash<QString, int> columns{{QLatin1String(field::unitCost), CostColumn},
                                          {QLatin1String(field::priceYear), YearColumn},
                                          {QLatin1String(field::tariffSource), SourceColumn}};
        for (const FieldError &e : validate(line))
            if (e.field != QLatin1String(field::unitCost) || pounds)
                problems.add(tr("%1, %2: %3").arg(where, headings.value(e.field, e.field), e.message), m_lines, row,
                             columns.value(e.field, CostColumn));
        if (!had || before->second.unitCost != line.unitCost || before->second.priceYear != line.priceYear
            || before->second.source != line.source)
            edited.push_back(line);
    }
    return edited;
}

std::vector<ServiceCost> CostsDialog::editedCosts(Problems &problems) const
{
    std::vector<ServiceCost> onScreen, edited;
    std::vector<int> rows; // onScreen[i] is on table row rows[i]
    const QDate today = ClinicalDateEdit::today();
    for (int row = 0; row < m_costs->rowCount(); ++row) {
        const QString from = cellText(m_costs, row, 0), to = cellText(m_costs, row, 1), cost = cellText(m_costs, row, 2);
        const qint64 id = m_costs->item(row, 0) ? m_costs->item(row, 0)->data(Qt::UserRole).toLongLong() : 0;
        const auto stored = std::find_if(m_storedCosts.begin(), m_storedCosts.end(), [id](const ServiceCost &s) { return s.id == id; });
        const QString where = tr("Service costs, row %1").arg(row + 1);
        if (from.isEmpty() && to.isEmpty() && cost.isEmpty()) {
            if (id != 0)
                problems.add(tr("%1: a saved period cannot be removed; set its cost to 0 instead.").arg(where), m_costs, row, 2);
            continue; // an added row left empty
        }
        const DateEntry start = parseDateEntry(from, today), end = parseDateEntry(to, today);
        const auto pounds = parsePounds(cost);
        if (!start.date.isValid())
            problems.add(tr("%1, From: %2").arg(where, start.error.isEmpty() ? tr("type a date such as 01-Apr-2025.") : start.error),
                         m_costs, row, 0);
        if (!end.date.isValid())
            problems.add(tr("%1, To: %2").arg(where, end.error.isEmpty() ? tr("type a date such as 31-Mar-2026.") : end.error),
                         m_costs, row, 1);
        if (!pounds)
            problems.add(tr("%1, Cost: \"%2\" is not an amount in pounds (e.g. 541585 or 541,585.00).").arg(where, cost),
                         m_costs, row, 2);
        ServiceCost c{id, start.date, end.date, pounds.value_or(0), stored != m_storedCosts.end() ? stored->rowVersion : 0};
        if (start.date.isValid() && end.date.isValid() && pounds)
            for (const FieldError &e : validate(c))
                problems.add(tr("%1: %2").arg(where, e.message), m_costs, row, 0);
        if (stored != m_storedCosts.end() && (stored->from != c.from || stored->to != c.to))
            problems.add(tr("%1: a saved period's dates cannot be changed; set its cost to 0 and add the right period.").arg(where),
                         m_costs, row, stored->from != c.from ? 0 : 1);
        onScreen.push_back(c);
        rows.push_back(row);
        if (stored == m_storedCosts.end() || stored->cost != c.cost)
            edited.push_back(c);
    }
    // Two periods with a cost over the same days would count the service's cost twice.
    for (std::size_t i = 0; i < onScreen.size(); ++i)
        for (std::size_t j = i + 1; j < onScreen.size(); ++j)
            if (onScreen[i].cost > 0 && onScreen[j].cost > 0 && onScreen[i].from <= onScreen[j].to
                && onScreen[j].from <= onScreen[i].to)
                problems.add(tr("Service costs: %1\u2013%2 overlaps %3\u2013%4, so their days would be costed twice.")
                                 .arg(formatClinicalDate(onScreen[i].from), formatClinicalDate(onScreen[i].to),
                                      formatClinicalDate(onScreen[j].from), formatClinicalDate(onScreen[j].to)),
                             m_costs, rows[j], 0);
    return edited;
}

void CostsDialog::markProblems(const Problems &problems)
{
    for (QTableWidget *table : {m_lines, m_costs}) // last attempt's marks go
        for (int r = 0; r < table->rowCount(); ++r)
            for (int c = 0; c < table->columnCount(); ++c)
                if (QTableWidgetItem *item = table->item(r, c); item && item->data(Qt::UserRole + 1).toBool()) {
                    item->setData(Qt::UserRole + 1, false);
                    item->setBackground(QBrush());
                    item->setToolTip(QString());
                }
    for (std::size_t i = 0; i < problems.cells.size(); ++i) {
        const auto &[table, row, column] = problems.cells[i];
        QTableWidgetItem *item = table->item(row, column);
        if (!item)
            table->setItem(row, column, item = new QTableWidgetItem);
        item->setData(Qt::UserRole + 1, true);
        item->setBackground(QColor(0xFF, 0xE4, 0xE1)); // with the message in words beside and in the tooltip
        item->setToolTip(problems.text.value(qsizetype(i)));
    }
    if (!problems.cells.empty()) {
        const auto &[table, row, column] = problems.cells.front();
        table->setCurrentCell(row, column);
        table->setFocus(); // Enter or typing there corrects it
    }
}

void CostsDialog::setMessage(const QString &text, bool problem)
{
    m_message->setText(problem ? QStringLiteral("\u26A0 ") + text : text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #B00020;") : QString());
}

bool CostsDialog::save()
{
    if (!m_editable || !m_save->isEnabled())
        return false;
    if (QWidget *editing = QApplication::focusWidget(); editing && isAncestorOf(editing))
        editing->clearFocus(); // a cell still being typed in (Ctrl+S) is committed first
    Problems problems;
    const auto lines = editedLines(problems);
    const auto costs = editedCosts(problems);
    markProblems(problems);
    if (!problems.text.isEmpty()) {
        setMessage(tr("Nothing was saved. %1").arg(problems.text.join(QLatin1Char(' '))), true);
        return false;
    }
    if (lines.empty() && costs.empty()) {
        setMessage(tr("Nothing has changed."), false);
        m_dirty = false;
        return true;
    }
    // Both lists in one go: a problem with either leaves every figure as it was.
    if (const auto saved = m_service.saveCosts(lines, costs); !saved.ok()) {
        setMessage(tr("Nothing was saved: %1").arg(saved.problem.summary()), true);
        return false;
    }
    const QString shown = m_tariffs->currentData().toString();
    load(shown);
    setMessage(tr("Saved %n unit cost(s)", "", int(lines.size())) + tr(" and %n service-cost period(s).", "", int(costs.size())), false);
    return true;
}

void CostsDialog::reject()
{
    if (m_dirty && m_editable) {
        const auto answer = QMessageBox::question(this, tr("Unsaved costs"), tr("Save the changed costs before closing?"),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save()))
            return; // stays open: nothing typed is lost
    }
    QDialog::reject();
}

} // namespace painmdt::ui
