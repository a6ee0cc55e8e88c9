# Precompiled headers (docs/adr/0022). A clean build on two cores spent about half its time
# parsing the same Qt and Catch2 headers again for every file. Each layer precompiles only
# library headers that layer may include, so the layering rules (cmake/CheckLayering.cmake)
# still hold for what a file can use; the fuzzing build (scripts/fuzz.sh) turns them off with
# -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON and so checks that the lower layers include what they use.
# Only headers that never change belong here: a project header would rebuild everything.
set(PAINMDT_PCH_CORE <QCoreApplication> <QDate> <QDateTime> <QHash> <QJsonArray> <QJsonDocument>
  <QJsonObject> <QString> <QStringList> <QVariant> <algorithm> <functional> <map> <memory>
  <optional> <vector>)
set(PAINMDT_PCH_SQL <QSqlDatabase> <QSqlError> <QSqlQuery>)
set(PAINMDT_PCH_GUI <QPainter> <QTextDocument>)
set(PAINMDT_PCH_WIDGETS <QApplication> <QComboBox> <QDialog> <QDialogButtonBox> <QFormLayout>
  <QHBoxLayout> <QHeaderView> <QLabel> <QLineEdit> <QMessageBox> <QPushButton> <QShortcut>
  <QTableWidget> <QTimer> <QVBoxLayout> <QWidget>)
set(PAINMDT_PCH_TEST <catch2/catch.hpp> <QDir> <QFile> <QFileInfo> <QTemporaryDir>)
set(PAINMDT_PCH_QTEST <QSignalSpy> <QTest>)

# painmdt_pch(target CORE SQL ...): precompiles the named lists for target.
function(painmdt_pch target)
  set(headers)
  foreach(list IN LISTS ARGN)
    list(APPEND headers ${PAINMDT_PCH_${list}})
  endforeach()
  target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# painmdt_pch_from(target other): target uses other's precompiled header, built once. Only for
# targets with the same lists and compile options; -Winvalid-pch says when one does not fit.
function(painmdt_pch_from target other)
  target_precompile_headers(${target} REUSE_FROM ${other})
endfunction()
add_compile_options(-Winvalid-pch)
