#pragma once
// The minutes of an MDT meeting as a printed document (issue 8): the meeting, then each patient
// item under its own banner (name, Born, NHS No.), why it was on the agenda, the discussion, the
// decisions and the actions with their owners and due dates.
#include "domain/review.h"
#include "reporting/printeddocument.h"

#include <vector>

namespace painmdt::reporting {

struct MinutesItem {
    domain::AgendaItem item;
    domain::Patient patient;
    std::vector<domain::MdtAction> actions;
};

PrintedDocument minutesDocument(const domain::MdtMeeting &meeting, const std::vector<MinutesItem> &items,
                                const QDate &today);

// "SMITH, Jane · Born 12-Mar-1960 (66y) · Gender Female · NHS No. 999 000 0018" (a deceased
// patient's death and age at death in place of the age): the banner's facts in one line.
QString bannerLine(const domain::Patient &p, const QDate &today);

} // namespace painmdt::reporting
