#include "domain/postcode.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace painmdt::domain {

namespace {

// A shape check only: no list of real postcodes, no per-position letter rules. The letter rules
// would need exceptions anyway (the pseudo-postcode ZZ99 3VZ uses V, excluded from real inward codes).
constexpr std::array<std::string_view, 6> kOutwardShapes{"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
constexpr std::string_view kInwardShape = "9AA";

// 'A' for an ASCII letter, '9' for an ASCII digit, '?' otherwise. ASCII only, so that letters
// such as the Kelvin sign or long s never upper-case their way into a postcode.
char shapeOf(QChar c)
{
    if ((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z'))
        return 'A';
    if (c >= u'0' && c <= u'9')
        return '9';
    return '?';
}

std::string shapeOf(const QString &s)
{
    std::string shape;
    for (QChar c : s)
        shape += shapeOf(c);
    return shape;
}

bool isOutwardShape(const std::string &shape)
{
    return std::ranges::find(kOutwardShapes, shape) != kOutwardShapes.end();
}

} // namespace

std::optional<QString> normalisePostcode(const QString &input)
{
    QString compact;
    for (QChar c : input)
        if (!c.isSpace())
            compact += c;
    // ASCII letters and digits only, checked before upper-casing (see shapeOf).
    if (compact.size() < 5 || compact.size() > 7 || shapeOf(compact).find('?') != std::string::npos)
        return std::nullopt;

    // The inward code is always the last three characters, so spacing never matters.
    const QString outward = compact.chopped(3);
    const QString inward = compact.right(3);
    const QString postcode = (outward + u' ' + inward).toUpper();
    if (postcode == u"GIR 0AA") // Girobank's historic code, still in use and outside the pattern
        return postcode;
    if (shapeOf(inward) != kInwardShape || !isOutwardShape(shapeOf(outward)))
        return std::nullopt;
    return postcode;
}

} // namespace painmdt::domain
