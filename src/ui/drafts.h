#pragma once
// Typed work is never lost (ux.md, issue 8). A form saves what was typed as a draft every few
// seconds and whenever focus leaves one of its fields; closing it without saving keeps the
// draft; opening the same record again gives it back with a line saying so, never a modal box.
// Saving the record discards the draft. Drafts live in the user's own data folder, one folder
// per database and user, each file owner-only (it holds clinical text), written whole.
#include "domain/result.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QTimer;
class QWidget;

namespace painmdt::ui {

struct Draft {
    QVariantMap fields;
    QDateTime savedAt; // local time
};

class DraftStore {
public:
    explicit DraftStore(QString folder);
    // The store of the window in use (the main window sets it); null: drafts are off.
    static DraftStore *current();
    static void setCurrent(std::shared_ptr<DraftStore> store);
    // <app data>/drafts/<digest of database and user>: another database's drafts never appear.
    static QString folderFor(const QString &database, const QString &user);

    bool save(const QString &key, const QVariantMap &fields); // false when the disk refused
    std::optional<Draft> load(const QString &key) const;
    void discard(const QString &key);
    int count() const;

private:
    QString pathOf(const QString &key) const;
    QString m_folder;
};

// Keeps one form's draft: those of its named input widgets (line edits, text boxes, combo boxes,
// spin and time boxes, check and radio buttons) that differ from how the form opened, with the
// version of the record it was typed against.
class FormDraft : public QObject {
    Q_OBJECT
public:
    static constexpr int intervalMs = 3000;
    // Create it once the form holds its opening values. `version` is the record's row version
    // (0 for a new record): a draft typed against another version is never put back silently,
    // since it would undo a colleague's later change.
    FormDraft(QWidget *form, QString key, int version = 0);

    // Offers a kept draft in `label`, in words: put back at once, or with `askFirst` behind a
    // "Put it back" link (a form whose key names no one record, such as a new patient: an
    // abandoned one must not fill the next); a draft of another version is only mentioned.
    void offerIn(QLabel *label, const QString &what, bool askFirst = false);
    std::optional<QDateTime> offer(); // puts back a draft of this version; its time
    void flush(); // saves now (or discards, when nothing differs from the opening values)
    void done();  // the record was saved: the draft goes, and nothing more is kept
    // Someone else saved the record while the form was open: `reload` fills the form with the
    // record as stored now and gives its row version, then what the user had typed goes back on
    // top. Returns the fields both changed, differently (the user's value is the one kept there,
    // theirs is named), or why the record could not be read (the form is then as it was).
    struct Clash {
        QWidget *field;
        QString theirs; // as the form showed it: a choice's label, not its code
    };
    Result<QList<Clash>> rebase(const std::function<Result<int>()> &reload);
    static QString labelOf(QWidget *field); // its buddy label's text: "Postcode"

    static QVariantMap capture(QWidget *form);
    static void restore(QWidget *form, const QVariantMap &fields);

private:
    QPointer<QWidget> m_form;
    QString m_key;
    int m_version;
    QVariantMap m_opening;
    QTimer *m_timer;
    bool m_done = false;
};

// "Your unsaved check-in from 14:05 is back; nothing has been saved yet."
QString draftBackText(const QString &what, const QDateTime &savedAt);

} // namespace painmdt::ui
