#pragma once
// Every list in PainMDT behaves alike: whole rows, one at a time, read-only, alternating
// shading, arrows within the table and Tab out of it.
#include <QAbstractItemView>
#include <QHeaderView>
#include <QTableView>

namespace painmdt::ui {

inline void setUpListTable(QTableView *table, const QString &objectName, const QString &accessibleName)
{
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
}

} // namespace painmdt::ui
