#include "ui/patientbanner.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"
#include "domain/referral.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

bool testNumbersExpected = false; // set once per window: a demo or a live database

// Label in normal weight, value in bold: values stronger than labels (ux.md).
QString labelled(const QString &label, const QString &value)
{
    return QStringLiteral("%1 <b>%2</b>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

QString bornText(const Patient &p, const QDate &today)
{
    if (!p.dateOfBirth.isValid())
        return QObject::tr("Not recorded");
    if (p.isDeceased())
        return formatClinicalDate(p.dateOfBirth);
    return QStringLiteral("%1 (%2)").arg(formatClinicalDate(p.dateOfBirth), formatAge(p.dateOfBirth, today));
}

QString nhsText(const Patient &p)
{
    return p.hasNhsNumber() ? formatNhsNumber(p.nhsNumber) : QObject::tr("Not recorded");
}

} // namespace

PatientBanner::PatientBanner(QWidget *parent)
    : QFrame(parent), m_name(new QLabel(this)), m_born(new QLabel(this)), m_gender(new QLabel(this)),
      m_nhs(new QLabel(this)), m_alerts(new QLabel(this))
{
    setObjectName(QStringLiteral("patientBanner"));
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(12, 8, 12, 8);
    auto *layout = new QHBoxLayout;
    rows->addLayout(layout);
    layout->setSpacing(24);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.3);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    for (QLabel *label : {m_name, m_born, m_gender, m_nhs}) {
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(false); // names are never cut short, numbers never wrap
        layout->addWidget(label);
    }
    m_nhs->setObjectName(QStringLiteral("bannerNhsNumber"));
    layout->addStretch();
    // Words, a symbol and a heavy red border: an alert never relies on colour alone.
    m_alerts->setObjectName(QStringLiteral("bannerAlerts"));
    m_alerts->setTextFormat(Qt::PlainText);
    m_alerts->setWordWrap(true);
    m_alerts->setStyleSheet(QStringLiteral("#bannerAlerts { border: 3px solid #B00020; background: white; color: #212B32; "
                                           "font-weight: bold; padding: 4px; }"));
    m_alerts->hide();
    rows->addWidget(m_alerts);
}

void PatientBanner::setAlerts(const Many<AssessmentAlert> &openAlerts)
{
    QStringList lines;
    if (!openAlerts) // never "no alerts" when they could not be read
        lines << tr("\u26A0 The alerts on this patient could not be read: %1").arg(openAlerts.error());
    else
        for (const AssessmentAlert &a : openAlerts.value())
            lines << alertLine(a);
    if (openAlerts && !openAlerts->empty())
        lines << tr("Acknowledge it on the patient's record: Patient \u203A Acknowledge alert.");
    m_alerts->setText(lines.join(QLatin1Char('\n')));
    m_alerts->setVisible(!lines.isEmpty());
}

QString PatientBanner::alertLine(const AssessmentAlert &a)
{
    return tr("\u26A0 ALERT, not yet acknowledged: %1 of %2, item %3 %4. %5")
        .arg(codeLabel(a.instrument), formatClinicalDate(a.collectedOn), itemNumber(a.item),
             a.answer ? tr("answered %1").arg(*a.answer) : tr("left unanswered"), a.message);
}

void PatientBanner::setPatient(const Patient &p, const QDate &today)
{
    m_name->setText(displayName(p).toHtmlEscaped());
    if (p.isDeceased()) {
        m_born->setText(labelled(tr("Born"), bornText(p, today)) + QStringLiteral("&nbsp;&nbsp;")
                        + labelled(tr("Died"), formatClinicalDate(p.dateOfDeath)) + QStringLiteral("&nbsp;&nbsp;")
                        + labelled(tr("Age at Death"), formatAge(p.dateOfBirth, p.dateOfDeath)));
    } else {
        m_born->setText(labelled(tr("Born"), bornText(p, today)));
    }
    m_gender->setText(labelled(tr("Gender"), sexLabel(p.sex)));
    QString nhs = labelled(tr("NHS No."), nhsText(p));
    if (!p.hasNhsNumber())
        nhs += QStringLiteral(" <span>&#9888; %1</span>").arg(tr("NHS number unknown: trace it"));
    else if (!testNumbersExpected && domain::isTestNhsNumber(p.nhsNumber))
        nhs += QStringLiteral(" <span>&#9888; %1</span>").arg(tr("a TEST number (999), not a real one: trace the real one"));
    m_nhs->setText(nhs);
    // Deceased: a different colour AND a heavy dashed border, so it does not rely on colour.
    setProperty("deceased", p.isDeceased());
    setStyleSheet(p.isDeceased()
                      ? QStringLiteral("#patientBanner { background: #425563; color: white; border: 3px dashed black; }")
                      : QStringLiteral("#patientBanner { background: #E8EDEE; color: #212B32; border: 2px solid #005EB8; }"));
    setAccessibleName(plainText(p, today));
}

void PatientBanner::setTestNumbersExpected(bool expected)
{
    testNumbersExpected = expected;
}

QString PatientBanner::plainText(const Patient &p, const QDate &today)
{
    QStringList parts{displayName(p), tr("Born %1").arg(bornText(p, today))};
    if (p.isDeceased())
        parts << tr("Died %1").arg(formatClinicalDate(p.dateOfDeath))
              << tr("Age at Death %1").arg(formatAge(p.dateOfBirth, p.dateOfDeath));
    parts << tr("Gender %1").arg(sexLabel(p.sex)) << tr("NHS No. %1").arg(nhsText(p));
    if (!testNumbersExpected && p.hasNhsNumber() && domain::isTestNhsNumber(p.nhsNumber))
        parts.last() += tr(" (a TEST number, not a real one)");
    return parts.join(QStringLiteral(" · "));
}

} // namespace painmdt::ui
