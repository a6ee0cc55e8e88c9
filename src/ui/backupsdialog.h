#pragma once
// Administration > Backups (issue 11): where automatic backups go, how many are kept, and the
// passphrase they are sealed to; "Back up now". The passphrase itself is never stored: only the
// public key derived from it, so the app can back up unattended and only the passphrase restores.
#include "services/actor.h"
#include "services/workspace.h"

#include <QDialog>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QThread;

namespace painmdt::ui {

class AutoBackup;

class BackupsDialog : public QDialog {
    Q_OBJECT
public:
    BackupsDialog(std::shared_ptr<services::Database> database, services::StampSource session, AutoBackup &autoBackup,
                  QWidget *parent = nullptr);
    ~BackupsDialog() override; // waits for a key being derived

    QLineEdit *folderEdit() const { return m_folder; }
    QSpinBox *keepBox() const { return m_keep; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *backUpNowButton() const { return m_now; }
    QLabel *statusLabel() const { return m_status; }
    bool busy() const { return m_thread != nullptr; }

private:
    void load();
    void save();
    void saved(const Status &result);
    void backUpNow();
    void setBusy(bool busy, const QString &text);

    std::shared_ptr<services::Database> m_database;
    services::StampSource m_session;
    AutoBackup &m_autoBackup;
    QLineEdit *m_folder;
    QSpinBox *m_keep;
    QLineEdit *m_passphrase;
    QLineEdit *m_confirm;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_now;
    QThread *m_thread = nullptr;
};

} // namespace painmdt::ui
