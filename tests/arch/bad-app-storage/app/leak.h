#pragma once
// Deliberately breaks the rule: app may reach the database only through the services.
#include "storage/database.h"
