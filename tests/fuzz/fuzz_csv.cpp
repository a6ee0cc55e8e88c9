// libFuzzer target: the CSV reader every import reads through (issue 11). Any bytes: no crash,
// no sanitizer finding, and the reader's own promises hold.
#include "interchange/csvreader.h"

#include <cstdint>
#include <cstdlib>

using painmdt::interchange::CsvReader;
using painmdt::interchange::CsvRecord;

namespace {

void require(bool promise)
{
    if (!promise)
        std::abort(); // libFuzzer keeps the input that broke a promise
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    CsvReader reader(bytes);
    CsvRecord record;
    int previousLine = 0;
    while (reader.next(record)) {
        require(record.fields.size() == reader.header().size()); // a well-formed record fits the header
        require(record.line > previousLine);                      // records come in file order
        previousLine = record.line;
        require(reader.position() <= reader.size());
    }
    for (const auto &error : reader.errors())
        require(error.line >= 0 && error.column >= 0 && !error.message.isEmpty()); // says what and where
    require(reader.header().size() == reader.headerAsWritten().size());
    return 0;
}
