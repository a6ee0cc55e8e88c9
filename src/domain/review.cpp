#include "domain/review.h"

#include "domain/textrules.h"

#include <QCoreApplication>

namespace painmdt::domain {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Review", text); }
} // namespace

std::vector<FieldError> validate(MdtMeeting &m)
{
    std::vector<FieldError> errors;
    m.title = m.title.simplified();
    if (!m.heldOn.isValid())
        errors.push_back({"held_on", tr("Give the meeting's date.")});
    if (m.title.isEmpty())
        errors.push_back({"title", tr("Give the meeting a title, e.g. \"Weekly MDT\".")});
    checkText(m.title, "title", TextKind::Line, errors);
    checkText(m.attendees, "attendees", TextKind::FreeText, errors);
    return errors;
}

std::vector<FieldError> validate(MdtAction &a)
{
    std::vector<FieldError> errors;
    a.description = a.description.trimmed();
    a.owner = a.owner.trimmed();
    if (a.description.isEmpty())
        errors.push_back({"description", tr("Say what is to be done.")});
    if (a.owner.isEmpty())
        errors.push_back({"owner", tr("Name who will do it (a user name).")});
    if (!a.dueOn.isValid())
        errors.push_back({"due_on", tr("Give the date it is due.")});
    checkText(a.description, "description", TextKind::FreeText, errors);
    checkText(a.owner, "owner", TextKind::Line, errors);
    if (a.doneOn.isValid() && a.dueOn.isValid() && a.doneOn < a.dueOn.addYears(-5))
        errors.push_back({"done_on", tr("The date done is implausible; check the year.")});
    return errors;
}

} // namespace painmdt::domain
