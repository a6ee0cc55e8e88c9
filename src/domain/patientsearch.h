#pragma once
// What a user types into the patient search box, understood as a set of terms that must all
// match (ux.md "Search is the main way in"). Pure parsing; storage turns it into SQL.
#include "domain/patient.h"

#include <QDate>
#include <QString>
#include <vector>

namespace painmdt::domain {

// The first patients a search found, and whether there are more.
struct PatientMatches {
    std::vector<Patient> patients;
    bool more = false;
};

struct SearchTerm {
    enum class Kind {
        FamilyPrefix, // letters: the first word is a family-name prefix ("smi")
        GivenPrefix,  // later words: given-name prefixes ("smith jo")
        Digits,       // digits: NHS number prefix, or patient ref prefix, or a birth year
        RefPrefix,    // letters and digits mixed ("RX12"): patient ref prefix
        BirthDate,    // a full date in any accepted form
    };
    Kind kind;
    QString text;     // key form: upper-case letters for names, digits, upper-case ref
    QDate date;       // BirthDate only
    bool operator==(const SearchTerm &) const = default;
};

// "smith 1960", "999 000 0018", "9990000018", "12/03/1960", "smith, jo", "RX1234".
// An NHS number typed with spaces or hyphens is one Digits term. Empty text gives no terms.
std::vector<SearchTerm> parsePatientSearch(const QString &text);

// True when a Digits term can also be a year of birth (four digits, 1880-2199).
bool isBirthYear(const QString &digits);

} // namespace painmdt::domain
