#pragma once
// Deliberately breaks the rule: app may not reach the database except through the services.
#include <QSqlQuery>
