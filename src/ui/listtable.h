#pragma once
// Every list in PainMDT behaves alike: whole rows, one at a time, read-only, alternating
// shading, arrows within the table and Tab out of it.
#include <QAbstractItemView>
#include <QHeaderView>
#include <QTableView>

#include <algorithm>

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

// A filter box above a list: Up and Down move the list's highlight without leaving the box.
// True when `key` was one of them (and there was a row to move to).
inline bool stepHighlight(QTableView *table, int key)
{
    const int rows = table->model() ? table->model()->rowCount() : 0;
    if ((key != Qt::Key_Down && key != Qt::Key_Up) || rows == 0)
        return false;
    table->selectRow(std::clamp(table->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1), 0, rows - 1));
    return true;
}

} // namespace painmdt::ui
