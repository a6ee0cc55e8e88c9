#pragma once
// The Keele STarT Back tool as a form (clinical reference §1), built from its instrument
// definition: the recall sentence, nine items as rows of radio buttons, the Keele notice, and a
// live summary that never guesses an unanswered item as 0. Typing an answer's code (0/1, item 9
// 0-4) answers the focused item and moves to the next, so the nine items take nine keystrokes;
// Up/Down move between items; Tab visits each item once (its chosen answer, else the first).
#include "domain/instrument.h"
#include "domain/referral.h"
#include "domain/scoring.h"

#include <QWidget>
#include <optional>
#include <vector>

class QButtonGroup;
class QFrame;
class QLabel;
class QRadioButton;

namespace painmdt::ui {

class StartBackForm : public QWidget {
    Q_OBJECT
public:
    explicit StartBackForm(const domain::InstrumentDefinition &definition, QWidget *parent = nullptr);

    domain::Answers answers() const;            // one per item; nullopt = unanswered
    void setAnswers(const domain::Answers &answers); // missing or unknown codes leave an item unanswered
    domain::ScoreResult result() const;
    bool anyAnswered() const;

    // The matched treatment for a complete form (Hill et al. 2011); nullopt while incomplete.
    std::optional<domain::MatchedTreatment> suggestion() const;
    QString summaryText() const;    // "Total 4 · Psychosocial 2 · Medium risk" / "Incomplete: ..."
    QString suggestionText() const; // "Suggested: Physiotherapy (Community physio)"

    int itemCount() const { return int(m_rows.size()); }
    void focusItem(int index); // 0-based; clamped
    QRadioButton *option(int item, int code) const; // for tests; nullptr when unknown

Q_SIGNALS:
    void changed();
    void lastItemAnswered(); // the last item was answered by its key: the page moves focus on

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row {
        QFrame *frame = nullptr;
        QButtonGroup *group = nullptr;
        std::vector<QRadioButton *> buttons;
    };

    QWidget *buildRow(int index, const domain::Item &item);
    QRadioButton *addOption(Row &row, int index, const domain::Item &item, const domain::AnswerOption &option);
    int rowOf(const QObject *object) const;
    std::optional<int> answerOf(const Row &row) const;
    bool answerByKey(int row, int code);
    void updateTabStops(const Row &row);
    void highlightRow(QWidget *focused);
    void updateSummary();

    domain::InstrumentDefinition m_definition;
    std::vector<Row> m_rows;
    QLabel *m_summary;
    QLabel *m_suggestion;
};

} // namespace painmdt::ui
