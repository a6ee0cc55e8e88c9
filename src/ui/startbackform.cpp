#include "ui/startbackform.h"

#include "domain/referralrules.h"

#include <QApplication>
#include <QButtonGroup>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

const char *const codeProperty = "answerCode";

// Ruled rows lead the eye from an item's text to its answers (the background makes Qt paint the
// rule); the focused item stands out by a bar and the palette's alternate base (so dark palettes
// keep their contrast), not by text colour.
const QString rowStyle = QStringLiteral(
    "QFrame#startBackItem { border-left: 4px solid palette(window); border-bottom: 1px solid palette(mid); background: palette(window); }"
    "QFrame#startBackItem[current=\"true\"] { border-left: 4px solid #005EB8; background: palette(alternate-base); }");

QString countText(int n)
{
    return n == 1 ? QObject::tr("1 item") : QObject::tr("%1 items").arg(n);
}

QString number(std::optional<double> value)
{
    return value ? QString::number(*value) : QObject::tr("Not recorded");
}

QLabel *wrappedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

StartBackForm::StartBackForm(const InstrumentDefinition &definition, QWidget *parent)
    : QWidget(parent), m_definition(definition), m_summary(new QLabel(this)), m_suggestion(new QLabel(this))
{
    setObjectName(QStringLiteral("startBackForm"));
    setStyleSheet(rowStyle);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *recall = wrappedLabel(definition.recall, this);
    QFont strong = recall->font();
    strong.setBold(true);
    recall->setFont(strong);
    layout->addWidget(recall);
    auto *hint = wrappedLabel(tr("Type the number beside an answer to choose it and move to the next item; "
                                 "\u2191 and \u2193 move between items."), this);
    hint->setObjectName(QStringLiteral("startBackHint"));
    layout->addWidget(hint);
    for (int i = 0; i < int(definition.items.size()); ++i)
        layout->addWidget(buildRow(i, definition.items[size_t(i)]));

    m_summary->setObjectName(QStringLiteral("startBackSummary"));
    m_summary->setFont(strong);
    m_suggestion->setObjectName(QStringLiteral("startBackSuggestion"));
    m_suggestion->setWordWrap(true);
    layout->addSpacing(6);
    layout->addWidget(m_summary);
    layout->addWidget(m_suggestion);
    if (!definition.wording.isEmpty())
        layout->addWidget(wrappedLabel(definition.wording, this));
    auto *licence = wrappedLabel(definition.licence, this);
    licence->setObjectName(QStringLiteral("startBackLicence"));
    QFont small = licence->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    licence->setFont(small);
    layout->addSpacing(4);
    layout->addWidget(licence);

    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) { highlightRow(now); });
    updateSummary();
}

// Two answers sit beside the item's text; a longer scale (item 9) goes on its own line under
// the text, so neither is squeezed on a narrow window or at 200 % scaling.
QWidget *StartBackForm::buildRow(int index, const Item &item)
{
    Row row;
    row.frame = new QFrame(this);
    row.frame->setObjectName(QStringLiteral("startBackItem"));
    row.group = new QButtonGroup(row.frame);
    auto *grid = new QGridLayout(row.frame);
    grid->setContentsMargins(6, 3, 6, 3);
    auto *numberLabel = new QLabel(QStringLiteral("%1.").arg(index + 1), row.frame);
    numberLabel->setMinimumWidth(numberLabel->fontMetrics().horizontalAdvance(QStringLiteral("00.")));
    grid->addWidget(numberLabel, 0, 0);
    grid->addWidget(wrappedLabel(item.text, row.frame), 0, 1);
    grid->setColumnStretch(1, 1);
    auto *answers = new QHBoxLayout;
    const bool beside = item.options.size() <= 2;
    if (beside)
        grid->addLayout(answers, 0, 2);
    else
        grid->addLayout(answers, 1, 1, 1, 2);
    for (const AnswerOption &option : item.options)
        answers->addWidget(addOption(row, index, item, option));
    if (!beside)
        answers->addStretch();
    connect(row.group, &QButtonGroup::buttonToggled, this, [this, index](QAbstractButton *, bool checked) {
        if (!checked)
            return;
        updateTabStops(m_rows[size_t(index)]);
        updateSummary();
        Q_EMIT changed();
    });
    m_rows.push_back(row);
    updateTabStops(row);
    return row.frame;
}

QRadioButton *StartBackForm::addOption(Row &row, int index, const Item &item, const AnswerOption &option)
{
    // The code is printed beside the label: it is the key that chooses the answer.
    auto *button = new QRadioButton(QStringLiteral("%1 %2").arg(option.code).arg(option.label), row.frame);
    button->setProperty(codeProperty, option.code);
    button->setAccessibleName(tr("%1, item %2").arg(option.label).arg(index + 1));
    button->setAccessibleDescription(item.text);
    button->installEventFilter(this);
    row.group->addButton(button);
    row.buttons.push_back(button);
    return button;
}

std::optional<int> StartBackForm::answerOf(const Row &row) const
{
    const QAbstractButton *checked = row.group->checkedButton();
    return checked ? std::optional<int>(checked->property(codeProperty).toInt()) : std::nullopt;
}

Answers StartBackForm::answers() const
{
    Answers result;
    for (const Row &row : m_rows)
        result.push_back(answerOf(row));
    return result;
}

void StartBackForm::setAnswers(const Answers &answers)
{
    QSignalBlocker blockChanged(this);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        const int answer = i < answers.size() ? answers[i].value_or(-1) : -1; // -1: unanswered
        row.group->setExclusive(false); // an exclusive group cannot be cleared
        for (QRadioButton *button : row.buttons)
            button->setChecked(button->property(codeProperty).toInt() == answer);
        row.group->setExclusive(true);
        updateTabStops(row);
    }
    updateSummary();
    blockChanged.unblock();
    Q_EMIT changed();
}

ScoreResult StartBackForm::result() const
{
    return score(m_definition, answers());
}

bool StartBackForm::anyAnswered() const
{
    const Answers all = answers();
    return std::any_of(all.begin(), all.end(), [](const std::optional<int> &a) { return a.has_value(); });
}

std::optional<MatchedTreatment> StartBackForm::suggestion() const
{
    const ScoreResult r = result();
    return r.complete ? matchedTreatment(r.band) : std::nullopt;
}

QString StartBackForm::summaryText() const
{
    const ScoreResult r = result();
    if (r.complete && m_definition.code == startBackCode)
        return tr("Total %1 \u00B7 Psychosocial %2 \u00B7 %3 risk")
            .arg(number(r.value(QStringLiteral("total"))), number(r.value(QStringLiteral("psychosocial"))), r.band);
    if (r.complete) { // any other instrument: each score by its label, then the band
        QStringList parts;
        for (const ScoreDefinition &s : m_definition.scores)
            parts << QStringLiteral("%1 %2").arg(s.label, number(r.value(s.id)));
        if (!r.band.isEmpty())
            parts << r.band;
        return parts.join(QStringLiteral(" \u00B7 "));
    }
    QStringList missing;
    const Answers all = answers();
    for (size_t i = 0; i < all.size(); ++i)
        if (!all[i])
            missing << QString::number(i + 1);
    QString text = tr("Incomplete: %1 unanswered").arg(countText(int(missing.size())));
    if (size_t(missing.size()) < all.size())
        text += missing.size() == 1 ? tr(" (item %1)").arg(missing.front())
                                    : tr(" (items %1)").arg(missing.join(QStringLiteral(", ")));
    return text;
}

QString StartBackForm::suggestionText() const
{
    if (m_definition.code != startBackCode)
        return {}; // a pathway is suggested by STarT Back only
    if (const auto matched = suggestion())
        return tr("Suggested: %1 (%2)").arg(matched->description, codeLabel(matched->pathway));
    return tr("A pathway is suggested when every item is answered.");
}

void StartBackForm::updateSummary()
{
    m_summary->setText(summaryText());
    m_suggestion->setText(suggestionText());
    m_suggestion->setVisible(!m_suggestion->text().isEmpty());
}

// One tab stop per item (its answer, else the first option); the other options are reached
// with the arrow keys or the answer's number, as in a native radio group.
void StartBackForm::updateTabStops(const Row &row)
{
    const QAbstractButton *target = row.group->checkedButton();
    if (!target && !row.buttons.empty())
        target = row.buttons.front();
    for (QRadioButton *button : row.buttons)
        button->setFocusPolicy(button == target ? Qt::StrongFocus : Qt::ClickFocus);
}

void StartBackForm::focusItem(int index)
{
    if (m_rows.empty())
        return;
    const Row &row = m_rows[size_t(std::clamp(index, 0, itemCount() - 1))];
    QAbstractButton *target = row.group->checkedButton();
    (target ? target : row.buttons.front())->setFocus(Qt::TabFocusReason);
}

QRadioButton *StartBackForm::option(int item, int code) const
{
    if (item < 0 || item >= itemCount())
        return nullptr;
    for (QRadioButton *button : m_rows[size_t(item)].buttons)
        if (button->property(codeProperty).toInt() == code)
            return button;
    return nullptr;
}

int StartBackForm::rowOf(const QObject *object) const
{
    for (int i = 0; i < itemCount(); ++i)
        for (const QRadioButton *button : m_rows[size_t(i)].buttons)
            if (button == object)
                return i;
    return -1;
}

bool StartBackForm::answerByKey(int row, int code)
{
    QRadioButton *button = option(row, code);
    if (!button)
        return false; // not an answer to this item: the key is ignored
    button->setChecked(true);
    if (row + 1 < itemCount())
        focusItem(row + 1);
    else
        Q_EMIT lastItemAnswered();
    return true;
}

bool StartBackForm::eventFilter(QObject *watched, QEvent *event)
{
    const int row = event->type() == QEvent::KeyPress ? rowOf(watched) : -1;
    if (row < 0)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    auto modifiers = key->modifiers();
    modifiers.setFlag(Qt::KeypadModifier, false);
    if (modifiers == Qt::NoModifier && key->key() >= Qt::Key_0 && key->key() <= Qt::Key_9) {
        answerByKey(row, key->key() - Qt::Key_0);
        return true;
    }
    if (modifiers == Qt::NoModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
        focusItem(row + (key->key() == Qt::Key_Down ? 1 : -1));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void StartBackForm::highlightRow(QWidget *focused)
{
    for (const Row &row : m_rows) {
        const bool current = focused && row.frame->isAncestorOf(focused);
        if (row.frame->property("current").toBool() == current)
            continue;
        row.frame->setProperty("current", current);
        row.frame->style()->unpolish(row.frame);
        row.frame->style()->polish(row.frame);
    }
}

} // namespace painmdt::ui
