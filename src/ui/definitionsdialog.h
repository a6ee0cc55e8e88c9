#pragma once
// Administration > Questionnaire definitions (issue 9): every questionnaire this database scores,
// built in or imported, with its version, where its wording comes from, who imported it and when,
// the alerts it raises and the free-text questions it asks. Read-only: a definition is imported
// with its worked examples by `painmdt import --kind instrument` (user guide).
#include <QDialog>

class QLabel;
class QTableWidget;

namespace painmdt::services { class AssessmentService; }

namespace painmdt::ui {

class DefinitionsDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { NameColumn, CodeColumn, VersionColumn, OriginColumn, AlertsColumn, ColumnCount };

    explicit DefinitionsDialog(services::AssessmentService &assessments, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *detailLabel() const { return m_detail; }

private:
    void showDetail(int row);

    services::AssessmentService &m_assessments;
    QTableWidget *m_table;
    QLabel *m_detail;
};

} // namespace painmdt::ui
