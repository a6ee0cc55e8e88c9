#pragma once
// Deliberately breaks the rule: ui may reach the database only through the services.
#include "storage/database.h"
