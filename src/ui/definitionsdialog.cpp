#include "ui/definitionsdialog.h"

#include "domain/clinicaldate.h"
#include "services/assessmentservice.h"
#include "ui/listtable.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace painmdt::ui {

namespace {

QString origin(const services::AssessmentService::Registered &r)
{
    if (r.builtIn)
        return QObject::tr("Built in");
    const QDateTime at = r.importedAt.toLocalTime();
    return QObject::tr("Imported by %1 on %2 %3")
        .arg(r.importedBy, domain::formatClinicalDate(at.date()), at.time().toString(QStringLiteral("HH:mm")));
}

QString alertsOf(const domain::InstrumentDefinition &d)
{
    QStringList rules;
    for (const auto &rule : d.alerts)
        rules << domain::describeAlertRule(rule);
    return rules.isEmpty() ? QObject::tr("None") : rules.join(QStringLiteral("; "));
}

} // namespace

DefinitionsDialog::DefinitionsDialog(services::AssessmentService &assessments, QWidget *parent)
    : QDialog(parent), m_assessments(assessments), m_table(new QTableWidget(this)), m_detail(new QLabel(this))
{
    setObjectName(QStringLiteral("definitionsDialog"));
    setWindowTitle(tr("Questionnaire definitions"));
    auto *layout = new QVBoxLayout(this);
    setUpListTable(m_table, QStringLiteral("definitionsTable"), tr("Questionnaire definitions"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Questionnaire"), tr("Code"), tr("Version"), tr("Origin"), tr("Alerts")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const auto registry = m_assessments.registry();
    m_table->setRowCount(int(registry.size()));
    for (int row = 0; row < int(registry.size()); ++row) {
        const auto &r = *registry[size_t(row)];
        const QStringList texts{r.definition.name, r.definition.code, r.definition.version, origin(r), alertsOf(r.definition)};
        for (int c = 0; c < ColumnCount; ++c)
            m_table->setItem(row, c, new QTableWidgetItem(texts[c]));
    }
    layout->addWidget(m_table, 1);
    m_detail->setObjectName(QStringLiteral("definitionDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_detail->setTextFormat(Qt::PlainText);
    layout->addWidget(m_detail);
    auto *how = new QLabel(tr("To add a questionnaire your service holds a licence for: painmdt import --kind instrument "
                              "FILE.json --cases CASES.csv (an administrator; the user guide says how)."), this);
    how->setWordWrap(true);
    layout->addWidget(how);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showDetail(row); });
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(0, 0);
    m_table->setFocus();
    resize(900, 520);
}

void DefinitionsDialog::showDetail(int row)
{
    const auto registry = m_assessments.registry();
    if (row < 0 || row >= int(registry.size()))
        return m_detail->clear();
    const auto &d = registry[size_t(row)]->definition;
    QStringList lines{tr("Source: %1").arg(d.source.isEmpty() ? tr("not given") : d.source)};
    if (!d.wording.isEmpty())
        lines << tr("Wording: %1").arg(d.wording);
    if (!d.licence.isEmpty())
        lines << tr("Licence: %1").arg(d.licence);
    for (const auto &question : d.freeText)
        lines << tr("Asks in the patient's words: %1").arg(question.text);
    lines << (d.items.size() == 1 ? tr("1 item; scoring %1.").arg(d.scoringVersion)
                                  : tr("%1 items; scoring %2.").arg(d.items.size()).arg(d.scoringVersion));
    m_detail->setText(lines.join(QLatin1Char('\n')));
}

} // namespace painmdt::ui
