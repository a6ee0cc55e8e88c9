#pragma once
// Deliberately breaks the rule: cli may not reach the database except through the services.
#include <QSqlQuery>
