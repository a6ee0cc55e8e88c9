#include "ui/patientbanner.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"

#include <QHBoxLayout>
#include <QLabel>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

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
      m_nhs(new QLabel(this))
{
    setObjectName(QStringLiteral("patientBanner"));
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
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
    m_nhs->setText(nhs);
    // Deceased: a different colour AND a heavy dashed border, so it does not rely on colour.
    setProperty("deceased", p.isDeceased());
    setStyleSheet(p.isDeceased()
                      ? QStringLiteral("#patientBanner { background: #425563; color: white; border: 3px dashed black; }")
                      : QStringLiteral("#patientBanner { background: #E8EDEE; color: #212B32; border: 2px solid #005EB8; }"));
    setAccessibleName(plainText(p, today));
}

QString PatientBanner::plainText(const Patient &p, const QDate &today)
{
    QStringList parts{displayName(p), tr("Born %1").arg(bornText(p, today))};
    if (p.isDeceased())
        parts << tr("Died %1").arg(formatClinicalDate(p.dateOfDeath))
              << tr("Age at Death %1").arg(formatAge(p.dateOfBirth, p.dateOfDeath));
    parts << tr("Gender %1").arg(sexLabel(p.sex)) << tr("NHS No. %1").arg(nhsText(p));
    return parts.join(QStringLiteral(" · "));
}

} // namespace painmdt::ui
