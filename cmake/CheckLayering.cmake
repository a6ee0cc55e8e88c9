# Fails when a layer includes one above it. Run: cmake -DROOT=<src dir> -P CheckLayering.cmake
# domain: QtCore only. storage: no widgets. services/interchange/reporting/cli: no widgets and no
# QtSql (they reach the database through storage). Only src/ui and src/app may use widgets.
# src/ui, src/cli and src/app use neither QtSql nor storage headers: the services are their door.
set(rules
  "domain|QtSql|QSql|QtWidgets|QWidget|QDialog|QMainWindow|storage/|services/|interchange/|ui/|cli/|reporting/"
  "storage|QtWidgets|QWidget|QDialog|QMainWindow|services/|interchange/|ui/|cli/|reporting/"
  "services|QtSql|QSql|QtWidgets|QWidget|QDialog|interchange/|ui/|cli/|reporting/"
  "interchange|QtSql|QSql|QtWidgets|QWidget|QDialog|ui/|cli/"
  "reporting|QtSql|QSql|QtWidgets|QWidget|QDialog|ui/|cli/"
  # Issue 7: the screens and the entry points reach data only through the services.
  "cli|QtSql|QSql|QtWidgets|QWidget|QDialog|ui/|storage/"
  "ui|QtSql|QSql|cli/|storage/"
  "app|QtSql|QSql|storage/")
set(violations "")
foreach(rule IN LISTS rules)
  string(REPLACE "|" ";" parts "${rule}")
  list(POP_FRONT parts layer)
  file(GLOB_RECURSE files "${ROOT}/${layer}/*.h" "${ROOT}/${layer}/*.cpp")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS includes)
      foreach(banned IN LISTS parts)
        if(line MATCHES "[<\"/]${banned}")
          list(APPEND violations "${file}: ${line}")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
if(violations)
  list(REMOVE_DUPLICATES violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "Layering violations:\n  ${text}")
endif()
message(STATUS "Layering is clean under ${ROOT}")
