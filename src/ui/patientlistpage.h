#pragma once
// Find any of 100,000 patients as you type: name prefix, NHS number (any spacing), date of
// birth in any entry form, patient ref, or a combination ("smith 1960").
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace painmdt::storage { class PatientRepository; }

namespace painmdt::ui {

class PatientListModel;

class PatientListPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int pageSize = 200; // rows shown; type more to narrow

    PatientListPage(storage::PatientRepository &repository, QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    QTableView *table() const { return m_table; }
    PatientListModel *model() const { return m_model; }
    void focusSearch();
    void refresh(); // runs the current search again (after a save)

Q_SIGNALS:
    void patientActivated(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void activateCurrent();
    void setColumnWidths();

    storage::PatientRepository &m_repository;
    QLineEdit *m_search;
    QLabel *m_status;
    QTableView *m_table;
    PatientListModel *m_model;
};

} // namespace painmdt::ui
