#pragma once
// Deliberately breaks the rule: ui may not reach the database except through the services.
#include <QSqlQuery>
