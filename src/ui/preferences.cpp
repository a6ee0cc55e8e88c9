#include "ui/preferences.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

namespace painmdt::ui {

namespace {
const QString caseloadKey = QStringLiteral("preferences/caseload");
const QString quietKey = QStringLiteral("preferences/quietDays");
const QString recentKey = QStringLiteral("recentDatabases");
constexpr int recentLimit = 8;
} // namespace

Preferences Preferences::load()
{
    QSettings settings;
    Preferences p;
    p.caseload = Caseload(std::clamp(settings.value(caseloadKey, 0).toInt(), 0, 2));
    p.quietDays = std::clamp(settings.value(quietKey, 28).toInt(), 1, 730);
    return p;
}

void Preferences::save() const
{
    QSettings settings;
    settings.setValue(caseloadKey, int(caseload));
    settings.setValue(quietKey, quietDays);
}

QStringList recentDatabases()
{
    QStringList kept;
    for (const QString &path : QSettings().value(recentKey).toStringList())
        if (QFileInfo::exists(path) && !kept.contains(path) && kept.size() < recentLimit)
            kept << path;
    return kept;
}

void rememberDatabase(const QString &path)
{
    QStringList recent = recentDatabases();
    const QString file = QFileInfo(path).absoluteFilePath();
    recent.removeAll(file);
    recent.prepend(file);
    QSettings().setValue(recentKey, QStringList(recent.mid(0, recentLimit)));
}

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_caseload(new QComboBox(this)), m_quietDays(new QSpinBox(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_caseload->addItem(tr("By role: mine for clinicians, the whole team's otherwise"), int(Preferences::Caseload::ByRole));
    m_caseload->addItem(tr("Mine"), int(Preferences::Caseload::Mine));
    m_caseload->addItem(tr("The whole team's"), int(Preferences::Caseload::Team));
    m_quietDays->setRange(1, 730);
    m_quietDays->setSuffix(tr(" days"));
    const Preferences now = Preferences::load();
    m_caseload->setCurrentIndex(m_caseload->findData(int(now.caseload)));
    m_quietDays->setValue(now.quietDays);
    auto *form = new QFormLayout(this);
    auto *caseloadLabel = new QLabel(tr("&Caseload opens on"), this);
    caseloadLabel->setBuddy(m_caseload);
    auto *quietLabel = new QLabel(tr("\"&Nobody seen them\" after"), this);
    quietLabel->setBuddy(m_quietDays);
    form->addRow(caseloadLabel, m_caseload);
    form->addRow(quietLabel, m_quietDays);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        chosen().save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (auto *edit : m_quietDays->findChildren<QLineEdit *>())
        edit->setAccessibleName(tr("Days without a contact"));
}

Preferences PreferencesDialog::chosen() const
{
    Preferences p;
    p.caseload = Preferences::Caseload(m_caseload->currentData().toInt());
    p.quietDays = m_quietDays->value();
    return p;
}

} // namespace painmdt::ui
