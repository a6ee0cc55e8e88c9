#pragma once
// UK postcode validation and normalisation (clinical reference §3).
#include <QString>
#include <optional>

namespace painmdt::domain {

// Accepts any case and spacing ("nw12bu", " NW1  2BU "). Returns "NW1 2BU", or nullopt when the
// text is not a valid UK postcode shape. ZZ99 3VZ and ZZ99 3WZ (pseudo-postcodes) are valid.
std::optional<QString> normalisePostcode(const QString &input);

} // namespace painmdt::domain
