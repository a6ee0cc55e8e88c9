#include <QSqlQuery>
