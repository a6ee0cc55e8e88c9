#pragma once
// Where the sample CSV files (examples/ in the source) are: installed by the package under
// /usr/share/painmdt/examples, or in the source tree of a build. Empty when neither is there.
#include <QString>

namespace painmdt::ui {

QString sampleFilesFolder();

} // namespace painmdt::ui
