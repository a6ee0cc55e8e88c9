#pragma once
// Deliberately breaks the rule: cli may reach the database only through the services.
#include "storage/database.h"
