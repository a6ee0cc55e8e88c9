#include "ui/backupsdialog.h"

#include "services/backupservice.h"
#include "ui/autobackup.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

namespace painmdt::ui {

BackupsDialog::BackupsDialog(std::shared_ptr<services::Database> database, services::StampSource session,
                             AutoBackup &autoBackup, QWidget *parent)
    : QDialog(parent), m_database(std::move(database)), m_session(std::move(session)), m_autoBackup(autoBackup),
      m_folder(new QLineEdit(this)), m_keep(new QSpinBox(this)), m_passphrase(new QLineEdit(this)),
      m_confirm(new QLineEdit(this)), m_status(new QLabel(this)), m_save(new QPushButton(tr("&Save"), this)),
      m_now(new QPushButton(tr("Back up &now"), this))
{
    setWindowTitle(tr("Backups"));
    setMinimumWidth(620); // room for a folder path
    auto *intro = new QLabel(tr("PainMDT backs up the whole database every day and when it closes. Backups are "
                                "encrypted: without the passphrase nobody can read or restore them, not even you. "
                                "Write it down and keep it apart from this computer."), this);
    intro->setWordWrap(true);
    auto *browse = new QPushButton(tr("C&hoose\u2026"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for backups"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(folder));
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_keep->setRange(1, services::maxBackupsKept);
    m_keep->setValue(14);
    m_keep->setSuffix(tr(" backups"));
    for (QLineEdit *e : {m_passphrase, m_confirm})
        e->setEchoMode(QLineEdit::Password);
    m_folder->setAccessibleName(tr("Backup folder"));
    m_keep->setAccessibleName(tr("Backups kept"));
    if (auto *inner = m_keep->findChild<QLineEdit *>()) // what a screen reader reaches inside the spin box
        inner->setAccessibleName(tr("Backups kept"));
    m_passphrase->setAccessibleName(tr("Backup passphrase"));
    m_confirm->setAccessibleName(tr("Backup passphrase again"));
    auto *form = new QFormLayout;
    auto *folderLabel = new QLabel(tr("&Folder:"), this); // a row holding a layout gets no buddy of its own
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Keep the newest:"), m_keep);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    form->addRow(tr("&Again:"), m_confirm);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("backupStatus"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ApplyRole);
    buttons->addButton(m_now, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_save->setDefault(true); // Enter in any field saves
    connect(m_save, &QPushButton::clicked, this, &BackupsDialog::save);
    connect(m_now, &QPushButton::clicked, this, &BackupsDialog::backUpNow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    load();
    m_folder->setFocus();
}

BackupsDialog::~BackupsDialog()
{
    if (m_thread)
        m_thread->wait();
}

void BackupsDialog::load()
{
    const auto policy = services::BackupService(*m_database, m_session).policy();
    if (!policy) {
        m_status->setText(tr("\u26A0 The backup settings could not be read: %1").arg(policy.error()));
        return;
    }
    if (!policy.value()) {
        m_folder->setText(QDir::toNativeSeparators(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                                   + QStringLiteral("/backups")));
        m_status->setText(tr("Automatic backups are off. Choose a folder, preferably on another disk or a network "
                             "share, and a passphrase of at least %1 characters, then Save.")
                              .arg(services::minBackupPassphraseLength));
        m_now->setEnabled(false);
        return;
    }
    m_folder->setText(QDir::toNativeSeparators(policy.value()->folder));
    m_keep->setValue(policy.value()->keep);
    m_passphrase->setPlaceholderText(tr("unchanged"));
    m_confirm->setPlaceholderText(tr("unchanged"));
    const QFileInfoList made = services::automaticBackups(policy.value()->folder, QFileInfo(m_database->location()).fileName());
    m_status->setText(made.isEmpty() ? tr("Automatic backups are on; none made yet.")
                                     : tr("Automatic backups are on. Newest: %1 (%2 kept).")
                                           .arg(made.front().fileName()).arg(made.size()));
    m_now->setEnabled(true);
}

void BackupsDialog::setBusy(bool busy, const QString &text)
{
    m_save->setEnabled(!busy);
    m_now->setEnabled(!busy);
    m_status->setText(text);
}

// The key takes about a second to derive (Argon2id): on a thread, never on the GUI's.
void BackupsDialog::save()
{
    const QString passphrase = m_passphrase->text();
    const auto current = services::BackupService(*m_database, m_session).policy();
    const bool keepKey = passphrase.isEmpty() && m_confirm->text().isEmpty() && current && current.value();
    if (!keepKey) {
        QString problem;
        if (Status strong = services::checkNewPassphrase(passphrase); !strong)
            problem = strong.error();
        else if (passphrase != m_confirm->text())
            problem = tr("The two passphrases differ: type the same one twice.");
        if (!problem.isEmpty()) {
            m_status->setText(tr("\u26A0 %1").arg(problem));
            m_passphrase->setFocus();
            return;
        }
    }
    services::BackupPolicy policy{keepKey ? current.value()->key : services::BackupKey{},
                                  QDir::fromNativeSeparators(m_folder->text().trimmed()), m_keep->value()};
    auto result = std::make_shared<Result<services::BackupKey>>(policy.key);
    setBusy(true, tr("Saving\u2026"));
    m_thread = QThread::create([result, passphrase, keepKey] {
        if (!keepKey)
            *result = services::deriveBackupKey(passphrase);
    });
    connect(m_thread, &QThread::finished, this, [this, result, policy]() mutable {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (!*result)
            return saved(result->failure());
        policy.key = result->value();
        saved(services::BackupService(*m_database, m_session).setPolicy(policy));
    });
    m_thread->start();
}

void BackupsDialog::saved(const Status &result)
{
    setBusy(false, QString());
    if (!result) {
        m_status->setText(tr("\u26A0 %1").arg(result.error()));
        return;
    }
    m_passphrase->clear();
    m_confirm->clear();
    load();
    m_status->setText(tr("Saved. %1").arg(m_status->text()));
}

void BackupsDialog::backUpNow()
{
    setBusy(true, tr("Backing up\u2026"));
    m_autoBackup.backUpNow([dialog = QPointer<BackupsDialog>(this)](const Result<QString> &made) {
        if (!dialog)
            return;
        dialog->setBusy(false, made ? tr("Backed up to %1.").arg(QDir::toNativeSeparators(made.value()))
                                    : tr("\u26A0 The backup failed: %1").arg(made.error()));
    });
}

} // namespace painmdt::ui
