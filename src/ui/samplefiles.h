#pragma once
// Where the sample CSV files (examples/ in the source) are: installed by the package under
// /usr/share/doc/painmdt/examples, or beside a build tree. Empty when neither is there.
#include <QString>

namespace painmdt::ui {

QString sampleFilesFolder();

} // namespace painmdt::ui
