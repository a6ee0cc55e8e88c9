#include "ui/patientpage.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"
#include "ui/clinicaldateedit.h"
#include "ui/patientbanner.h"

#include <QFormLayout>
#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;

PatientPage::PatientPage(QWidget *parent)
    : QWidget(parent), m_banner(new PatientBanner(this)), m_deleted(new QLabel(this)), m_details(new QFormLayout),
      m_buttons(new QHBoxLayout), m_body(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    m_deleted->setObjectName(QStringLiteral("deletedNotice"));
    m_deleted->setWordWrap(true);
    m_deleted->setStyleSheet(QStringLiteral("border: 2px solid #B00020; padding: 6px;"));
    layout->addWidget(m_deleted);
    m_body->setContentsMargins(12, 12, 12, 12);
    m_body->addLayout(m_buttons);
    m_buttons->addStretch();
    m_body->addLayout(m_details);
    layout->addLayout(m_body, 1);
}

void PatientPage::addBelowBanner(QWidget *notice)
{
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    layout->insertWidget(layout->indexOf(m_banner) + 1, notice);
}

void PatientPage::addActionButton(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto updateText = [button, action] {
        QString text = action->text().remove(QLatin1Char('&'));
        if (!action->shortcut().isEmpty())
            text += QStringLiteral(" (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
        button->setText(text);
    };
    updateText();
    connect(action, &QAction::changed, button, updateText);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    // Tab follows the screen: the buttons left to right, then the sections below them (the
    // sections exist first, so creation order alone put them before the buttons).
    if (m_lastButton)
        setTabOrder(m_lastButton, button);
    m_lastButton = button;
    QWidget *after = button;
    for (QWidget *section : m_sections) {
        setTabOrder(after, section);
        after = section;
    }
}

void PatientPage::addSection(QWidget *section)
{
    m_sections.push_back(section);
    m_body->addWidget(section, 1);
}

void PatientPage::addRow(const QString &label, const QString &value)
{
    auto *valueLabel = new QLabel(value.isEmpty() ? tr("Not recorded") : value, this);
    valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    valueLabel->setAccessibleName(label);
    m_details->addRow(label, valueLabel);
}

void PatientPage::setPatient(const Patient &p)
{
    m_patient = p;
    m_banner->setPatient(p, ClinicalDateEdit::today());
    m_deleted->setVisible(p.isDeleted());
    m_deleted->setText(tr("\u26A0 This record was removed on %1. Reason: %2")
                           .arg(formatClinicalDate(p.deletedAt.toLocalTime().date()), p.deletionReason));
    while (m_details->rowCount() > 0)
        m_details->removeRow(0);
    addRow(tr("Patient ref"), p.patientRef);
    addRow(tr("NHS No."), p.hasNhsNumber() ? formatNhsNumber(p.nhsNumber)
                                           : tr("Not recorded \u2014 trace the NHS number and record it"));
    addRow(tr("Date of birth"), formatClinicalDate(p.dateOfBirth));
    if (p.isDeceased())
        addRow(tr("Date of death"), formatClinicalDate(p.dateOfDeath));
    addRow(tr("Gender"), sexLabel(p.sex));
    addRow(tr("Postcode"), p.postcode);
    addRow(tr("Phone"), p.phone);
    addRow(tr("GP practice"), p.gpPractice);
}

} // namespace painmdt::ui
