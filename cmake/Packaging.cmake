# What `painmdt` installs beside its binary, and the Debian package CPack makes of it:
#   cmake --build build/X && (cd build/X && cpack -G DEB)   ->  painmdt_<version>_amd64.deb
# Man pages are made by help2man from each command's own --help, so they never drift from it.
include(GNUInstallDirs)

set(PAINMDT_APP_ID org.painmdt.PainMDT)
set(linux ${CMAKE_SOURCE_DIR}/resources/linux)

# --- man pages: painmdt(1) and painmdt-COMMAND(1), from the same text as --help -------------------
find_program(HELP2MAN help2man)
# The pages' date is the release's, not the build's: the same bytes at every build.
set(PAINMDT_RELEASE_EPOCH 1796601600) # 07-Dec-2026, the date in resources/linux/changelog
# The commands of src/cli/cli.cpp's table; tests/packaging/manpages.sh fails when one has no page.
set(PAINMDT_COMMANDS
  "demo|write a demo database of invented patients"
  "import|import a CSV file or an instrument definition"
  "report|produce a report as JSON, CSV or PDF"
  "pathways|show or change which pathways count as community"
  "instruments|list every questionnaire and where it came from"
  "init|start a new, empty database"
  "audit|check the audit trail's hash chain"
  "check|check the whole database and say what to do about each problem"
  "backup|make an encrypted backup of the whole database"
  "restore|restore an encrypted backup, checked before it replaces anything"
  "copy|copy the whole database to a new one, a file or the team server"
  "user|manage user accounts"
  "settings|show or change the team's shared settings")
set(man_dir ${CMAKE_BINARY_DIR}/man)
set(man_pages "")
set(see_also "")
foreach(entry IN LISTS PAINMDT_COMMANDS)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 command)
  string(APPEND see_also ".BR painmdt-${command} (1),\n")
endforeach()
file(WRITE ${man_dir}/see-also.h2m "[SEE ALSO]\n${see_also}.BR painmdt (1)\n.PP\nThe user guide: /usr/share/doc/painmdt/user-guide.md\n")
if(HELP2MAN)
  set(h2m ${HELP2MAN} --no-info --version-string=${PROJECT_VERSION} --include=${man_dir}/see-also.h2m)
  # Installed compressed, as Debian policy asks (gzip -n: the same bytes at every build).
  add_custom_command(OUTPUT ${man_dir}/painmdt.1 ${man_dir}/painmdt.1.gz
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen SOURCE_DATE_EPOCH=${PAINMDT_RELEASE_EPOCH}
            ${h2m} --name=${PROJECT_DESCRIPTION} --output=${man_dir}/painmdt.1 $<TARGET_FILE:painmdt>
    COMMAND gzip -9 -n -f -k ${man_dir}/painmdt.1
    DEPENDS painmdt VERBATIM)
  list(APPEND man_pages ${man_dir}/painmdt.1.gz)
  foreach(entry IN LISTS PAINMDT_COMMANDS)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 command)
    list(GET parts 1 summary)
    # help2man titles a page after the program it runs: a one-line painmdt-COMMAND runs the command.
    file(GENERATE OUTPUT ${man_dir}/bin/painmdt-${command}
         CONTENT "#!/bin/sh\nexec '$<TARGET_FILE:painmdt>' ${command} \"$@\"\n"
         FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
    add_custom_command(OUTPUT ${man_dir}/painmdt-${command}.1 ${man_dir}/painmdt-${command}.1.gz
      COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen SOURCE_DATE_EPOCH=${PAINMDT_RELEASE_EPOCH}
              ${h2m} --name=${summary} --output=${man_dir}/painmdt-${command}.1 ${man_dir}/bin/painmdt-${command}
      COMMAND gzip -9 -n -f -k ${man_dir}/painmdt-${command}.1
      DEPENDS painmdt VERBATIM)
    list(APPEND man_pages ${man_dir}/painmdt-${command}.1.gz)
  endforeach()
  add_custom_target(painmdt_man ALL DEPENDS ${man_pages})
  install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: no man pages (apt install help2man)")
endif()

# --- desktop integration, completion, data and documentation --------------------------------------
configure_file(${linux}/${PAINMDT_APP_ID}.metainfo.xml ${CMAKE_BINARY_DIR}/${PAINMDT_APP_ID}.metainfo.xml @ONLY)
install(FILES ${linux}/${PAINMDT_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_BINARY_DIR}/${PAINMDT_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${linux}/${PAINMDT_APP_ID}.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${linux}/painmdt.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME painmdt)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/resources/instruments/ DESTINATION ${CMAKE_INSTALL_DATADIR}/painmdt/instruments
        FILES_MATCHING PATTERN "*.json")
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/painmdt)
install(FILES ${CMAKE_SOURCE_DIR}/docs/user-guide.md ${CMAKE_SOURCE_DIR}/docs/interchange.md
              ${CMAKE_SOURCE_DIR}/docs/security.md ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${doc_dir})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/images DESTINATION ${doc_dir})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/safety DESTINATION ${doc_dir}) # the DCB0129 file, linked from security.md
# Data the app offers (the start page's sample files) live outside /usr/share/doc, which a
# minimal system may leave out (Debian policy 12.3).
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/painmdt/examples)
install(FILES ${linux}/copyright DESTINATION ${doc_dir})
# Debian policy: the changelog, compressed reproducibly (a native package: changelog.gz).
set(changelog_gz ${CMAKE_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${changelog_gz}
  COMMAND gzip -9 -n -c ${linux}/changelog > ${changelog_gz}
  DEPENDS ${linux}/changelog VERBATIM)
add_custom_target(painmdt_changelog ALL DEPENDS ${changelog_gz})
install(FILES ${changelog_gz} DESTINATION ${doc_dir})

# --- the Debian package ----------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME painmdt)
set(CPACK_PACKAGE_VENDOR "PainMDT developers")
set(CPACK_PACKAGE_CONTACT "PainMDT developers <painmdt@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "case management for a multi-disciplinary chronic pain team")
set(CPACK_PACKAGE_DESCRIPTION
  "Triage referrals with the Keele STarT Back tool, keep caseloads, log check-ins,\nreview cases as an MDT, record outcome measures and print service reports:\nwaiting times, triage mix, outcomes against baseline, hospital attendances\nbefore and after, and the cost saved.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/painmdt")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded as plugins, so dpkg-shlibdeps cannot see them: the SQLite driver, the platform plugins
# (xcb for the desktop, offscreen for commands), the SVG icon engine (the window icon), and a
# font for PDF reports. PostgreSQL's driver only for the team server.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins, libqt6svg6, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libqt6sql6-psql")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_INSTALL_DIRECTORY /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
