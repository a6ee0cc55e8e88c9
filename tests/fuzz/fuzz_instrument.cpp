// libFuzzer target: the instrument-definition parser a service's own questionnaire goes through
// (issue 11). Any bytes: no crash, no sanitizer finding; a definition it accepts then parses,
// scores and checks for alerts an answer set drawn from the same bytes, without failing.
#include "domain/instrument.h"
#include "domain/scoring.h"

#include <cstdint>
#include <variant>

using namespace painmdt::domain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = parseInstrumentDefinition(bytes);
    if (!parsed || size == 0)
        return 0;
    const InstrumentDefinition &def = parsed.value();
    QStringList codes;
    for (std::size_t i = 0; i < def.items.size(); ++i) {
        const uint8_t pick = data[i % size];
        const auto &options = def.items[i].options;
        codes << (pick % 7 == 0 || options.empty() ? QString() : QString::number(options[pick % options.size()].code));
    }
    const auto answers = parseAnswers(def, codes.join(QLatin1Char(';')));
    if (const auto *given = std::get_if<Answers>(&answers)) {
        (void)score(def, *given);
        (void)raisedAlerts(def, *given);
    }
    return 0;
}
