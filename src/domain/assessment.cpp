#include "domain/assessment.h"

#include <QRegularExpression>

namespace painmdt::domain {

const QStringList &assessmentOccasions()
{
    static const QStringList codes{QStringLiteral("referral"), QStringLiteral("assessment"), QStringLiteral("review"),
                                   QStringLiteral("discharge"), QStringLiteral("follow_up")};
    return codes;
}

Answers answersFromText(const QString &text)
{
    Answers answers;
    if (text.isEmpty())
        return answers;
    for (const QString &part : text.split(QLatin1Char(';'))) {
        bool ok = false;
        const int code = part.trimmed().toInt(&ok);
        answers.push_back(ok ? std::optional<int>(code) : std::nullopt);
    }
    return answers;
}

QString itemNumber(const QString &itemId)
{
    static const QRegularExpression numbered(QStringLiteral("^q([0-9]+)$"));
    const auto match = numbered.match(itemId);
    return match.hasMatch() ? match.captured(1) : itemId;
}

} // namespace painmdt::domain
