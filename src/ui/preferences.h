#pragma once
// This user's own choices on this computer (QSettings), as opposed to the team's settings in the
// database: which caseload opens first, the "nobody seen for" days, and the recent databases.
#include <QDialog>
#include <QStringList>

class QComboBox;
class QSpinBox;

namespace painmdt::ui {

struct Preferences {
    enum class Caseload { ByRole, Mine, Team }; // ByRole: mine for clinicians, the team's otherwise
    Caseload caseload = Caseload::ByRole;
    int quietDays = 28;

    static Preferences load();
    void save() const;
};

// Most recent first, at most eight, files that still exist; `opened` goes to the front.
QStringList recentDatabases();
void rememberDatabase(const QString &path);

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    Preferences chosen() const;
    QComboBox *caseloadBox() const { return m_caseload; }
    QSpinBox *quietDaysBox() const { return m_quietDays; }

private:
    QComboBox *m_caseload;
    QSpinBox *m_quietDays;
};

} // namespace painmdt::ui
