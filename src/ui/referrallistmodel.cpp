#include "ui/referrallistmodel.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace painmdt::ui {

using namespace painmdt::domain;
using domain::ReferralRow;

namespace {

const QColor breachTint(0xF6, 0xD5, 0xD8);  // light red; text stays dark (contrast > 10:1)
const QColor overdueTint(0xFF, 0xEB, 0xB3); // light amber
const QColor urgentTint(0xF6, 0xD5, 0xD8);
const QColor tintedText(0x21, 0x2B, 0x32);

bool isUrgent(const ReferralRow &r) { return r.referral.priority == QLatin1String("urgent"); }

// Dates and day counts line up on the right (ux.md).
bool rightAligned(ReferralListModel::Column c)
{
    using C = ReferralListModel::Column;
    return c == C::Received || c == C::DaysWaiting || c == C::Born || c == C::LastContact;
}

// Low, Medium, High, Incomplete, then not scored.
int stratumRank(domain::Stratum stratum)
{
    return stratum == domain::Stratum::NotScored ? 4 : int(stratum) - 1;
}

// Numbers compare as numbers, text without regard to case.
bool lessThan(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong)
        return a.toLongLong() < b.toLongLong();
    return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
}

} // namespace

ReferralListModel::ReferralListModel(std::vector<Column> columns, QObject *parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns))
{
}

void ReferralListModel::setRows(std::vector<ReferralRow> rows, const QDate &today)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_today = today;
    applyFilterAndSort();
    endResetModel();
}

int ReferralListModel::sectionOf(Column column) const
{
    const auto found = std::find(m_columns.begin(), m_columns.end(), column);
    return found == m_columns.end() ? -1 : int(found - m_columns.begin());
}

const ReferralRow *ReferralListModel::rowAt(int row) const
{
    return row >= 0 && row < int(m_shown.size()) ? &m_rows[size_t(m_shown[size_t(row)])] : nullptr;
}

void ReferralListModel::setFilter(const QString &text)
{
    beginResetModel();
    m_filter = text.simplified();
    applyFilterAndSort();
    endResetModel();
}

void ReferralListModel::sort(int column, Qt::SortOrder order)
{
    if (column >= columnCount())
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> idsBefore;
    for (const QModelIndex &index : before)
        idsBefore.push_back(m_shown[size_t(index.row())]);
    m_sortColumn = column;
    m_sortOrder = order;
    applyFilterAndSort();
    QModelIndexList after;
    for (size_t i = 0; i < idsBefore.size(); ++i) {
        const auto found = std::find(m_shown.begin(), m_shown.end(), idsBefore[i]);
        after << (found == m_shown.end() ? QModelIndex() : index(int(found - m_shown.begin()), before[int(i)].column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// Load order first, so equal keys keep the repository's order (urgent first, then oldest).
void ReferralListModel::applyFilterAndSort()
{
    m_shown.clear();
    for (int i = 0; i < int(m_rows.size()); ++i)
        if (matches(m_rows[size_t(i)]))
            m_shown.push_back(i);
    if (m_sortColumn < 0)
        return;
    const Column column = columnAt(m_sortColumn);
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::stable_sort(m_shown.begin(), m_shown.end(), [&](int a, int b) {
        const QVariant ka = sortKey(m_rows[size_t(a)], column), kb = sortKey(m_rows[size_t(b)], column);
        return descending ? lessThan(kb, ka) : lessThan(ka, kb);
    });
}

bool ReferralListModel::matches(const ReferralRow &r) const
{
    if (m_filter.isEmpty())
        return true;
    QString digits = m_filter;
    digits.remove(QRegularExpression(QStringLiteral("[\\s-]")));
    const bool numeric = !digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); });
    if (numeric)
        return r.patient.nhsNumber.contains(digits);
    const QString pathway = r.referral.isTriaged() ? codeLabel(r.referral.pathway) : tr("Awaiting triage");
    for (const QString &word : m_filter.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const bool found = displayName(r.patient).contains(word, Qt::CaseInsensitive)
                           || pathway.contains(word, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    return true;
}

int ReferralListModel::daysWaiting(const ReferralRow &r) const
{
    return int(r.referral.receivedOn.daysTo(m_today));
}

QString ReferralListModel::daysText(int days)
{
    if (days > breachDays)
        return QStringLiteral("\u26A0 %1").arg(days);
    if (days > overdueDays)
        return QStringLiteral("\u2022 %1").arg(days);
    return QString::number(days);
}

QString ReferralListModel::stratumText(domain::Stratum stratum)
{
    return domain::stratumLabel(stratum);
}

QString ReferralListModel::checkInText(const QDate &nextDue, const QDate &today)
{
    const auto days = today.daysTo(nextDue);
    switch (checkInOn(nextDue, today)) {
    case CheckIn::NotPlanned: return checkInLabel(CheckIn::NotPlanned);
    case CheckIn::Overdue: return tr("\u26A0 Overdue %1 d \u00B7 %2").arg(-days).arg(formatClinicalDate(nextDue));
    case CheckIn::DueSoon:
        return days == 0 ? tr("Due today \u00B7 %1").arg(formatClinicalDate(nextDue))
                         : tr("Due in %1 d \u00B7 %2").arg(days).arg(formatClinicalDate(nextDue));
    case CheckIn::Later: return formatClinicalDate(nextDue);
    }
    return {};
}

QString ReferralListModel::text(const ReferralRow &r, Column column) const
{
    switch (column) {
    case Priority: return isUrgent(r) ? tr("URGENT") : tr("Routine");
    case Received: return formatClinicalDate(r.referral.receivedOn);
    case DaysWaiting: return daysText(daysWaiting(r));
    case Patient: return r.alerted ? tr("%1  \u26A0 Alert").arg(displayName(r.patient)) : displayName(r.patient);
    case NhsNumber: return r.patient.hasNhsNumber() ? formatNhsNumber(r.patient.nhsNumber) : tr("Not recorded");
    case Source: return codeLabel(r.referral.source);
    case Reason: return r.referral.reason.isEmpty() ? tr("Not recorded") : r.referral.reason;
    case Stratum: return stratumText(r.stratum);
    case Pathway: return r.referral.isTriaged() ? codeLabel(r.referral.pathway) : tr("Awaiting triage");
    case Born: return formatClinicalDate(r.patient.dateOfBirth);
    case KeyWorker: return r.referral.keyWorker.isEmpty() ? tr("Unassigned") : r.referral.keyWorker;
    case LastContact: return r.lastContactOn.isValid() ? formatClinicalDate(r.lastContactOn) : tr("None yet");
    case NextCheckIn: return checkInText(r.nextCheckIn, m_today);
    case Flag: return r.flagged ? tr("\u2691 Flagged") : QString();
    }
    return {};
}

QVariant ReferralListModel::sortKey(const ReferralRow &r, Column column) const
{
    switch (column) {
    case Priority: return qint64(isUrgent(r) ? 0 : 1);
    case Received: return qint64(r.referral.receivedOn.toJulianDay());
    case DaysWaiting: return qint64(daysWaiting(r));
    case Patient: return r.patient.familyName + QLatin1Char('\t') + r.patient.givenName;
    case NhsNumber: return r.patient.hasNhsNumber() ? r.patient.nhsNumber : QStringLiteral("~"); // unknown last
    case Stratum: return qint64(stratumRank(r.stratum));
    case Born: return qint64(r.patient.dateOfBirth.toJulianDay());
    case LastContact: return qint64(r.lastContactOn.isValid() ? r.lastContactOn.toJulianDay() : 0);
    case NextCheckIn: return qint64(r.nextCheckIn.isValid() ? r.nextCheckIn.toJulianDay() : std::numeric_limits<qint64>::max());
    case Flag: return qint64(r.flagged ? 0 : 1);
    default: return text(r, column);
    }
}

QVariant ReferralListModel::background(const ReferralRow &r, Column column) const
{
    if (column == DaysWaiting && daysWaiting(r) > breachDays)
        return QBrush(breachTint);
    if (column == DaysWaiting && daysWaiting(r) > overdueDays)
        return QBrush(overdueTint);
    if (column == Priority && isUrgent(r))
        return QBrush(urgentTint);
    if (column == NextCheckIn && checkInOn(r.nextCheckIn, m_today) == CheckIn::Overdue)
        return QBrush(breachTint);
    return {};
}

QVariant ReferralListModel::data(const QModelIndex &index, int role) const
{
    const ReferralRow *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r || index.column() >= columnCount())
        return {};
    const Column column = columnAt(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: return text(*r, column);
    case Qt::TextAlignmentRole:
        return rightAligned(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::BackgroundRole: return background(*r, column);
    case Qt::ForegroundRole: return background(*r, column).isValid() ? QBrush(tintedText) : QVariant();
    case Qt::FontRole: {
        if (column != Priority || !isUrgent(*r))
            return {};
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    case Qt::ToolTipRole:
        if (column == DaysWaiting && daysWaiting(*r) > breachDays)
            return tr("Waiting more than 6 weeks since the referral was received");
        if (column == DaysWaiting && daysWaiting(*r) > overdueDays)
            return tr("Waiting more than 4 weeks since the referral was received");
        return column == Reason ? QVariant(r->referral.reason) : QVariant();
    case ReferralIdRole: return r->referral.id;
    case SortRole: return sortKey(*r, column);
    }
    return {};
}

int ReferralListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int ReferralListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ReferralListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::TextAlignmentRole) {
        return rightAligned(columnAt(section)) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (columnAt(section)) {
    case Priority: return tr("Priority");
    case Received: return tr("Received");
    case DaysWaiting: return tr("Days waiting");
    case Patient: return tr("Patient");
    case NhsNumber: return tr("NHS No.");
    case Source: return tr("Source");
    case Reason: return tr("Reason");
    case Stratum: return tr("STarT Back");
    case Pathway: return tr("Pathway");
    case Born: return tr("Born");
    case KeyWorker: return tr("Key worker");
    case LastContact: return tr("Last seen");
    case NextCheckIn: return tr("Next check-in");
    case Flag: return tr("Flag");
    }
    return {};
}

} // namespace painmdt::ui
