#pragma once
// One patient: the banner on top, then the record. Later issues add referrals, contacts and
// outcomes below the same banner.
#include "domain/patient.h"

#include <QWidget>
#include <vector>

class QAction;
class QFormLayout;
class QHBoxLayout;
class QVBoxLayout;
class QLabel;

namespace painmdt::ui {

class PatientBanner;

class PatientPage : public QWidget {
    Q_OBJECT
public:
    explicit PatientPage(QWidget *parent = nullptr);
    void setPatient(const domain::Patient &patient);
    const domain::Patient &patient() const { return m_patient; }
    PatientBanner *banner() const { return m_banner; }
    // Buttons for the window's own actions (edit, remove, back), so they are seen, not only
    // found in menus; each shows its shortcut.
    void addActionButton(QAction *action);
    // A notice that must be seen whichever tab is open (an alert): right under the banner.
    void addBelowBanner(QWidget *notice);
    // A section below the record (e.g. the patient's referrals); it takes the spare height.
    void addSection(QWidget *section);

private:
    void addRow(const QString &label, const QString &value);

    domain::Patient m_patient;
    PatientBanner *m_banner;
    QLabel *m_deleted;
    QFormLayout *m_details;
    QHBoxLayout *m_buttons;
    QVBoxLayout *m_body;
    QWidget *m_lastButton = nullptr;
    std::vector<QWidget *> m_sections;
};

} // namespace painmdt::ui
