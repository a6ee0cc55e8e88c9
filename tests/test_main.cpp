// One Catch2 main for every test binary: a Qt application object must exist before widgets,
// SQL drivers or resources are used, and the offscreen platform must be chosen before it is
// created (catch_discover_tests runs the binary during the build, without a display).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QtGlobal>
#ifdef PAINMDT_TEST_WIDGETS
#include <QApplication>
using TestApp = QApplication;
#else
#include <QCoreApplication>
using TestApp = QCoreApplication;
#endif

int main(int argc, char **argv)
{
    // Tests always run offscreen unless the caller chose a platform (e.g. xcb to watch them).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TestApp app(argc, argv);
    return Catch::Session().run(argc, argv);
}
