#include "ui/drafts.h"

#include "domain/clinicaldate.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimeEdit>
#include <QTimer>

namespace painmdt::ui {

namespace {

std::shared_ptr<DraftStore> &currentStore()
{
    static std::shared_ptr<DraftStore> store;
    return store;
}

QString digest(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
}

// A child widget's own input, not the line edit inside a spin box or combo box.
bool isPartOfAnother(const QWidget *w)
{
    return qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || qobject_cast<QComboBox *>(w->parentWidget());
}

} // namespace

DraftStore::DraftStore(QString folder) : m_folder(std::move(folder)) {}

DraftStore *DraftStore::current() { return currentStore().get(); }

void DraftStore::setCurrent(std::shared_ptr<DraftStore> store) { currentStore() = std::move(store); }

QString DraftStore::folderFor(const QString &database, const QString &user)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    // The file itself, however it was named (team.sqlite from two folders are two databases).
    const QString file = QFileInfo(database).canonicalFilePath();
    return QDir(base).filePath(QStringLiteral("drafts/")
                               + digest((file.isEmpty() ? QFileInfo(database).absoluteFilePath() : file) + QLatin1Char('\n') + user));
}

QString DraftStore::pathOf(const QString &key) const
{
    return QDir(m_folder).filePath(digest(key) + QStringLiteral(".json"));
}

bool DraftStore::save(const QString &key, const QVariantMap &fields)
{
    if (!QDir().mkpath(m_folder))
        return false;
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(pathOf(key));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject json{{QStringLiteral("key"), key},
                           {QStringLiteral("saved_at"), QDateTime::currentDateTime().toString(Qt::ISODate)},
                           {QStringLiteral("fields"), QJsonObject::fromVariantMap(fields)}};
    file.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    return file.commit();
}

std::optional<Draft> DraftStore::load(const QString &key) const
{
    QFile file(pathOf(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(QStringLiteral("key")).toString() != key) // damaged, or another key's digest
        return std::nullopt;
    return Draft{json.value(QStringLiteral("fields")).toObject().toVariantMap(),
                 QDateTime::fromString(json.value(QStringLiteral("saved_at")).toString(), Qt::ISODate)};
}

void DraftStore::discard(const QString &key)
{
    QFile::remove(pathOf(key));
}

int DraftStore::count() const
{
    return int(QDir(m_folder).entryList({QStringLiteral("*.json")}, QDir::Files).size());
}

namespace {
const QString versionField = QStringLiteral("_version");
} // namespace

FormDraft::FormDraft(QWidget *form, QString key, int version)
    : QObject(form), m_form(form), m_key(std::move(key)), m_version(version), m_opening(capture(form)),
      m_timer(new QTimer(this))
{
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &FormDraft::flush);
    m_timer->start();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *) {
        if (m_form && old && m_form->isAncestorOf(old))
            flush();
    });
}

std::optional<QDateTime> FormDraft::offer()
{
    DraftStore *store = DraftStore::current();
    const auto draft = store ? store->load(m_key) : std::nullopt;
    if (!draft || !m_form || draft->fields.value(versionField).toInt() != m_version)
        return std::nullopt;
    restore(m_form, draft->fields);
    return draft->savedAt;
}

void FormDraft::offerIn(QLabel *label, const QString &what, bool askFirst)
{
    DraftStore *store = DraftStore::current();
    const auto draft = store ? store->load(m_key) : std::nullopt;
    if (!draft || !m_form)
        return;
    if (draft->fields.value(versionField).toInt() != m_version) {
        label->setText(tr("An unsaved %1 from %2 was kept, but the record has been changed since, so it was not put "
                          "back. Type the change again if it is still needed.")
                           .arg(what, draft->savedAt.toString(QStringLiteral("dd-MM HH:mm"))));
        return;
    }
    if (!askFirst) {
        restore(m_form, draft->fields);
        label->setText(draftBackText(what, draft->savedAt));
        return;
    }
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setText(tr("An unsaved %1 from %2 was kept. <a href=\"restore\">Put it back</a>")
                       .arg(what.toHtmlEscaped(), draft->savedAt.toString(QStringLiteral("HH:mm"))));
    connect(label, &QLabel::linkActivated, this, [this, label, what, draft] {
        restore(m_form, draft->fields);
        label->setTextFormat(Qt::PlainText);
        label->setText(draftBackText(what, draft->savedAt));
    });
}

void FormDraft::flush()
{
    DraftStore *store = DraftStore::current();
    if (!store || !m_form || m_done)
        return;
    // Only what the user changed: the rest stays as the record is when the draft comes back.
    QVariantMap changed;
    const QVariantMap now = capture(m_form);
    for (auto it = now.begin(); it != now.end(); ++it)
        if (m_opening.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    if (changed.isEmpty())
        return store->discard(m_key);
    changed.insert(versionField, m_version);
    store->save(m_key, changed);
}

void FormDraft::done()
{
    m_done = true;
    m_timer->stop();
    if (DraftStore *store = DraftStore::current())
        store->discard(m_key);
}

QString FormDraft::labelOf(QWidget *field)
{
    for (QLabel *label : field->window()->findChildren<QLabel *>())
        if (label->buddy() == field)
            return QString(label->text()).remove(QLatin1Char('&')).remove(QRegularExpression(QStringLiteral(":\\s*$")));
    return field->objectName();
}

// What `field` shows, in short: a choice's label, the start of a long text.
static QString shown(QWidget *field)
{
    QString text;
    if (auto *line = qobject_cast<QLineEdit *>(field))
        text = line->text();
    else if (auto *plain = qobject_cast<QPlainTextEdit *>(field))
        text = plain->toPlainText().simplified();
    else if (auto *combo = qobject_cast<QComboBox *>(field))
        text = combo->currentText();
    else if (auto *button = qobject_cast<QAbstractButton *>(field))
        text = button->isChecked() ? QObject::tr("ticked") : QObject::tr("not ticked");
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        text = spin->text();
    return text.size() > 40 ? text.left(39) + QChar(0x2026) : text;
}

Result<QList<FormDraft::Clash>> FormDraft::rebase(const std::function<Result<int>()> &reload)
{
    QList<Clash> clashes;
    if (!m_form)
        return clashes;
    const QVariantMap typed = capture(m_form);
    const Result<int> version = reload();
    if (!version)
        return version.failure();
    const QVariantMap stored = capture(m_form);
    QVariantMap mine;
    for (auto it = typed.begin(); it != typed.end(); ++it) {
        const QVariant opened = m_opening.value(it.key());
        if (it.value() == opened)
            continue; // not the user's change: the stored value stands
        mine.insert(it.key(), it.value());
        if (stored.value(it.key()) != opened && stored.value(it.key()) != it.value())
            if (QWidget *field = m_form->findChild<QWidget *>(it.key()))
                clashes.push_back({field, shown(field)});
    }
    restore(m_form, mine);
    m_opening = stored;
    m_version = version.value();
    flush(); // a draft kept from now on belongs to the new version
    return clashes;
}

// The widgets a draft holds: named, the form's own, and editable.
static bool kept(const QWidget *w)
{
    const QString name = w->objectName();
    if (name.isEmpty() || name.startsWith(QLatin1String("qt_")) || isPartOfAnother(w))
        return false;
    if (auto *line = qobject_cast<const QLineEdit *>(w))
        return !line->isReadOnly();
    if (auto *text = qobject_cast<const QPlainTextEdit *>(w))
        return !text->isReadOnly();
    return true;
}

QVariantMap FormDraft::capture(QWidget *form)
{
    QVariantMap fields;
    for (QWidget *w : form->findChildren<QWidget *>()) {
        const QString name = w->objectName();
        if (!kept(w))
            continue;
        if (auto *line = qobject_cast<QLineEdit *>(w))
            fields.insert(name, line->text());
        else if (auto *text = qobject_cast<QPlainTextEdit *>(w))
            fields.insert(name, text->toPlainText());
        else if (auto *combo = qobject_cast<QComboBox *>(w)) // by code: a list may change between versions
            fields.insert(name, combo->currentData().isValid() ? combo->currentData() : QVariant(combo->currentText()));
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            fields.insert(name, spin->value());
        else if (auto *time = qobject_cast<QTimeEdit *>(w))
            fields.insert(name, time->time().toString(QStringLiteral("HH:mm")));
        else if (auto *button = qobject_cast<QAbstractButton *>(w); button && button->isCheckable())
            fields.insert(name, button->isChecked());
    }
    return fields;
}

void FormDraft::restore(QWidget *form, const QVariantMap &fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        QWidget *w = form->findChild<QWidget *>(it.key());
        if (!w || !kept(w)) // a damaged file may name a read-only box: never write into it
            continue;
        if (auto *line = qobject_cast<QLineEdit *>(w))
            line->setText(it.value().toString());
        else if (auto *text = qobject_cast<QPlainTextEdit *>(w))
            text->setPlainText(it.value().toString());
        else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            const int at = combo->findData(it.value());
            combo->setCurrentIndex(at >= 0 ? at : std::max(0, combo->findText(it.value().toString())));
        }
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            spin->setValue(it.value().toInt());
        else if (auto *time = qobject_cast<QTimeEdit *>(w))
            time->setTime(QTime::fromString(it.value().toString(), QStringLiteral("HH:mm")));
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            button->setChecked(it.value().toBool());
    }
}

QString draftBackText(const QString &what, const QDateTime &savedAt)
{
    const QString when = savedAt.date() == QDate::currentDate()
                             ? savedAt.toString(QStringLiteral("HH:mm"))
                             : domain::formatClinicalDate(savedAt.date()) + QLatin1Char(' ') + savedAt.toString(QStringLiteral("HH:mm"));
    return QCoreApplication::translate("Drafts", "Your unsaved %1 from %2 is back; nothing has been saved yet.")
        .arg(what, when);
}

} // namespace painmdt::ui
